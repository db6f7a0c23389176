"""The settings of the real worker ``test_worker.py`` starts: production's
(``newsroom.settings``, from the environment), with the webhook delivery's
timing from the environment too, so the test can shorten the backoff."""

import os

from newsroom.settings import *  # noqa: F403

NEWSROOM_WEBHOOK_RETRY_SECONDS = float(os.environ.get("NEWSROOM_WEBHOOK_RETRY_SECONDS", 30))
NEWSROOM_WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("NEWSROOM_WEBHOOK_MAX_ATTEMPTS", 8))
NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("NEWSROOM_WEBHOOK_TIMEOUT_SECONDS", 10))
