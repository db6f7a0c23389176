"""The demo newsroom's app (only its command and the tests import it)."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """What ``make run`` loads (``manage.py seed_demo``); no other app imports it."""

    name = "demo"
    verbose_name = "Demo newsroom"
