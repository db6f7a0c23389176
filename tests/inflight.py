"""Requests the live server is still working on (tests only).

A browser test ends while its page may have a request under way in the live
server's thread (a preview the page refreshed, then aborted): flushing the
database under it deadlocks on PostgreSQL. The ``page`` fixture waits for
``active()`` to reach zero before the test's teardown flushes."""

import threading

_lock = threading.Lock()
_active = 0


def active():
    return _active


class InFlightMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _active
        with _lock:
            _active += 1
        try:
            return self.get_response(request)
        finally:
            with _lock:
                _active -= 1
