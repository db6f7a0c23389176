"""``manage.py seed_demo``: load the demo newsroom and print the logins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from demo.loader import DemoError, seed


def plural(kind, count):
    """ "1 photo", "2 photos", "4 live-page entries"."""
    if count == 1:
        return kind
    return kind[:-1] + "ies" if kind.endswith("y") and kind[-2:-1] not in "aeiou" else kind + "s"


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: a login for each role (passwords printed), sections, photos, sources, "
        "quotes and articles in Korean and English. Running it again creates and changes nothing."
    )

    def handle(self, *args, **options):
        try:
            summary = seed(stdout=self.stdout)
        except DemoError as error:
            raise CommandError(str(error)) from error
        if summary.changed:
            made = ", ".join(f"{count} {plural(kind, count)}" for kind, count in summary.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo newsroom loaded: {made}."))
            if summary.states:
                states = ", ".join(f"{count} {state}" for state, count in summary.states.items())
                self.stdout.write(f"Articles by state: {states}.")
        else:
            self.stdout.write(self.style.SUCCESS("The demo newsroom is already loaded; nothing was changed."))
        self.stdout.write(f"\nLog in at {settings.SITE_URL}{reverse('admin:index')}")
        self.stdout.write(f"  {'role':<20}{'username':<12}password")
        for login in summary.logins:
            note = "  (changed since the demo was loaded; not reset)" if login.password_changed else ""
            self.stdout.write(f"  {login.role:<20}{login.username:<12}{login.password}{note}")
