"""``manage.py publish_scheduled``: the scheduler (once, or every SECONDS with ``--every``)."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from articles.services import publish_due_articles
from articles.signals import scheduler_ran


class Command(BaseCommand):
    help = (
        "Run the side effects of scheduled publication (status, first publication time, event, cache purge) "
        "for every article whose minute has come, exactly once; take down expired ones. Readers see a "
        "scheduled piece at its minute whether or not this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what is due without changing anything.")
        parser.add_argument(
            "--every", type=float, metavar="SECONDS", help="Keep running, checking every SECONDS (e.g. 30)."
        )

    def handle(self, *args, dry_run=False, every=None, verbosity=1, **options):
        while True:
            try:
                published, expired = publish_due_articles(dry_run=dry_run)
                if not dry_run:
                    scheduler_ran.send(sender=Command)
            except Exception as error:
                if every is None:
                    raise
                self.stderr.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} publish_scheduled failed: {error}")
                published, expired = [], []
            verb = "due" if dry_run else "published"
            for article in published:
                self.stdout.write(f"{verb}: #{article.pk} {article.headline}")
            for article in expired:
                self.stdout.write(f"{'expiring' if dry_run else 'expired'}: #{article.pk} {article.headline}")
            if verbosity > 1 or (every is None and not (published or expired)):
                self.stdout.write(f"{len(published)} {verb}, {len(expired)} expired.")
            if every is None:
                return
            time.sleep(every)
            # A long-running loop must survive a database restart: drop a
            # connection that broke while it slept.
            close_old_connections()
