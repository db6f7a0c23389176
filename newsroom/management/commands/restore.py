"""``manage.py restore``: a backup onto an empty database and empty media folders."""

from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `backup` onto an empty database and empty media folders."

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup folder.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, source, database, **options):
        try:
            manifest = restore(source, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']} ({manifest['media_files']} media files)."
            )
        )
