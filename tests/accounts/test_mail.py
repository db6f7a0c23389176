"""Mail from a thread of its own: the caller never waits for it, nor sees it fail."""

import logging
import threading

from accounts.mail import send_after_answer, wait_for_mail


def test_the_mail_is_sent_on_another_thread_and_waited_for_on_request():
    senders = []
    send_after_answer(lambda greeting: senders.append((threading.current_thread(), greeting)), "안녕하세요")
    wait_for_mail()
    [(sender, greeting)] = senders
    assert sender is not threading.current_thread() and greeting == "안녕하세요"


def test_a_mail_server_that_fails_is_logged_and_never_raised_to_the_caller(caplog):
    def refused():
        raise ConnectionRefusedError("the mail server is down")

    with caplog.at_level(logging.ERROR, logger="newsroom.mail"):
        send_after_answer(refused)
        wait_for_mail()
    assert [record.getMessage() for record in caplog.records] == ["mail not sent"]
    assert "the mail server is down" in caplog.text
