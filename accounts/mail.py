"""Mail to staff, sent from a thread of its own after the answer.

Whoever clicked (an editor publishing, someone asking for a reset link) gets
their answer without waiting for the mail server, and a slow or unreachable
server never turns a done deed into an error page: a mail that fails is logged.
The work handed over here must be ready to send — built before, from the
database — so the thread touches no database connection of its own.

A process that ends (the scheduler run from cron) first waits a little for the
mail it started, so nothing queued is lost at exit.
"""

import atexit
import logging
import threading

logger = logging.getLogger("newsroom.mail")

#: How long a process about to exit waits for each mail still being sent.
EXIT_WAIT_SECONDS = 30

_sending = []  # the threads still sending, for tests (and the exit) to wait on
_lock = threading.Lock()


def _send(send, args, kwargs):
    try:
        send(*args, **kwargs)
    except Exception:
        logger.exception("mail not sent")


def send_after_answer(send, *args, **kwargs):
    """Call ``send(*args, **kwargs)`` (Django's ``send_mail``, a form's
    ``send_mail``…) on a thread of its own and return at once."""
    thread = threading.Thread(target=_send, args=(send, args, kwargs), daemon=True, name="newsroom-mail")
    with _lock:
        # Forget the threads that are done, so a long-running worker keeps no list.
        _sending[:] = [running for running in _sending if running.is_alive()]
        _sending.append(thread)
    thread.start()
    return thread


def wait_for_mail(timeout=10):
    """Wait (at most ``timeout`` seconds each) for the mail being sent: tests
    read the outbox after it, and a process calls it before it exits."""
    while True:
        with _lock:
            if not _sending:
                return
            thread = _sending.pop()
        thread.join(timeout)


atexit.register(wait_for_mail, EXIT_WAIT_SECONDS)
