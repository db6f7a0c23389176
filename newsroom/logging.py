"""Structured logs: one JSON object per line, for the log collector."""

import json
import logging
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
