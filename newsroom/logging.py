"""Structured logs: one JSON object per line, for the log collector."""

import json
import logging
import threading
import time

from django.utils.timezone import now

#: Attributes of a LogRecord that are its own, not extras passed by the caller.
_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", …extras}`` on one line; an
    exception's traceback goes in ``"exception"``."""

    def format(self, record):
        data = {
            "time": now().isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and not key.startswith("_") and key != "request":
                data[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def monotonic_ms(start):
    return round((time.monotonic() - start) * 1000, 1)


class DatabaseOutageFilter(logging.Filter):
    """While the database is out of reach every reader's request fails the same
    way, and logging each one with its traceback writes tens of megabytes in
    seconds and buries everything else. The first such error of an outage is
    logged whole; then at most one short line every ``interval`` seconds says it
    goes on and how many were left out. Other records pass untouched; an outage
    that begins ``quiet`` seconds after the last such error is logged whole again."""

    interval = 5.0
    quiet = 60.0

    def __init__(self, name="", clock=time.monotonic):
        super().__init__(name)
        self.clock = clock
        self._lock = threading.Lock()
        self._last_seen = self._last_logged = None
        self._left_out = 0

    @staticmethod
    def is_outage(record):
        from django.db import DatabaseError, IntegrityError

        error = record.exc_info[1] if record.exc_info else None
        return isinstance(error, DatabaseError) and not isinstance(error, IntegrityError)

    def filter(self, record):
        if not self.is_outage(record):
            return True
        now = self.clock()
        with self._lock:
            new_outage = self._last_seen is None or now - self._last_seen > self.quiet
            self._last_seen = now
            if not new_outage and now - self._last_logged < self.interval:
                self._left_out += 1
                return False
            left_out, self._left_out = self._left_out, 0
            self._last_logged = now
        if not new_outage:
            error = record.exc_info[1]
            first_line = (str(error).strip().splitlines() or [""])[0][:200]
            record.msg = "database still unreachable (%s: %s); %d more like it not logged"
            record.args = (type(error).__name__, first_line, left_out)
            record.exc_info = record.exc_text = None
        return True
