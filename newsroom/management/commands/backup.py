"""``manage.py backup``: the database and the media files into a new folder."""

from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (a consistent dump) and the media files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="A new (or empty) folder for the backup.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, destination, database, **options):
        try:
            manifest = backup(destination, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {manifest['vendor']} ({rows} rows) and {manifest['media_files']} media files "
                f"to {destination}."
            )
        )
