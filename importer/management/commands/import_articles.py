"""``manage.py import_articles PATH…``: bring articles over from WordPress or article files."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.models import Section
from importer.run import default_user, report_lines, run_import
from importer.sources import ImportError_, open_sources


class Command(BaseCommand):
    help = (
        "Import articles from WordPress exports (WXR) and article files (.txt, .html in the Korean press layout), "
        "or folders and zips of them. A dry run by default: it lists what would be created and what needs a "
        "person; --commit writes. Re-running updates what an earlier run made, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Export files, article files, folders or zips.")
        parser.add_argument("--commit", action="store_true", help="Write (without it nothing is written).")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish what the source had published, with its original dates (an archive); drafts otherwise.",
        )
        parser.add_argument("--user", help="Who imports (a login); default: the first superuser.")
        parser.add_argument(
            "--uploads", help="WordPress's uploads folder (wp-content/uploads), where the photos' files are."
        )
        parser.add_argument("--section", help="The section (its slug) of pieces whose source names none.")
        parser.add_argument("--report", help="Also write the whole report as JSON to this file.")
        parser.add_argument("--all", action="store_true", help="List every piece, not only those needing a person.")

    def handle(self, *args, **options):
        user = self._user(options["user"])
        section = None
        if options["section"]:
            section = Section.objects.filter(slug=options["section"]).first()
            if section is None:
                raise CommandError(f"No section has the slug {options['section']!r}.")
        try:
            sources = open_sources(options["paths"], uploads_dir=options["uploads"])
        except ImportError_ as error:
            raise CommandError(str(error)) from error
        with (
            sources,
            tqdm(
                total=sources.total,
                unit="piece",
                desc="Importing" if options["commit"] else "Checking",
                disable=options["verbosity"] == 0,
                file=self.stderr._out,
            ) as bar,
        ):
            report = run_import(
                sources,
                user=user,
                commit=options["commit"],
                publish=options["publish"],
                default_section=section,
                progress=lambda done, total, piece: bar.update(1),
            )
        result = report.as_json()
        if options["report"]:
            with open(options["report"], "w", encoding="utf-8") as out:
                json.dump(result, out, ensure_ascii=False, indent=2, default=str)
        for line in report_lines(result, everything=options["all"]):
            self.stdout.write(line)
        if not options["commit"]:
            self.stdout.write(self.style.WARNING("\nDry run: nothing was written. Run again with --commit to import."))

    def _user(self, login):
        if login:
            user = get_user_model().objects.filter(username=login, is_active=True).first()
            if user is None:
                raise CommandError(f"No active user has the login {login!r}.")
            return user
        user = default_user()
        if user is None:
            raise CommandError("There is no superuser to import as: name one with --user.")
        return user
