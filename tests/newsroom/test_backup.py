"""The backup drill: back up a newsroom, restore it on an empty database and
media folders, and find the same rows, every referenced file, the same pages."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles import services
from articles.models import Article
from newsroom.backup import row_counts
from tests import factories

ROOT = Path(__file__).resolve().parents[2]

#: Run inside the restored site: rows, files the rows refer to, rendered bodies.
INSPECT = """
import json, django
django.setup()
from pathlib import Path
from django.conf import settings
from newsroom.backup import row_counts
from articles.models import Article
from photos.models import Image
from articles.body import render_body
from photos.renditions import rendition_paths
missing = []
for image in Image.objects.all():
    if not (Path(settings.PRIVATE_MEDIA_ROOT) / image.file.name).exists():
        missing.append(image.file.name)
    missing += [p for p in rendition_paths(image.renditions) if not (Path(settings.MEDIA_ROOT) / p).exists()]
bodies = {a.pk: str(render_body(a)) for a in Article.objects.for_detail()}
print(json.dumps({"rows": row_counts(), "missing": missing, "bodies": bodies}))
"""

pytestmark = [pytest.mark.integration]


def newsroom():
    editor = factories.editor(username="backup-editor")
    factories.CopyrightNoticeFactory()
    quote = factories.QuoteFactory(evidence_image=factories.make_image(editor, alt_text="증거 화면"))
    articles = []
    for n in range(3):
        inline = factories.make_image(editor, alt_text=f"본문 사진 {n}")
        article = factories.make_publishable(
            editor,
            headline=f"백업 기사 {n}",
            body=f"문단 {n}.\n\n[[image:{inline.pk}]]\n\n[[quote:{quote.pk}]]",
            tags=["백업"],
        )
        services.article_publish(article=article, user=editor)
        articles.append(article)
    return articles


def restored_environment(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="1",
        MEDIA_ROOT=str(tmp_path / "restored-media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "restored-private"),
    )
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(tmp_path / "restored.sqlite3")
        env.pop("DATABASE_URL", None)
        return env, None
    database = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:8]}"
    run_on_server(f'CREATE DATABASE "{name}"')
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    env["DATABASE_URL"] = f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}/{name}"
    return env, name


def run_on_server(sql):
    """A statement outside any transaction (CREATE/DROP DATABASE), on the test's server."""
    import psycopg2

    database = connection.settings_dict
    admin = psycopg2.connect(
        dbname=database["NAME"], user=database["USER"], password=database["PASSWORD"],
        host=database["HOST"], port=database["PORT"],
    )  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql)
    admin.close()


def drop_database(name):
    run_on_server(f'DROP DATABASE IF EXISTS "{name}"')


def manage(env, *arguments, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_same_rows_files_and_pages(tmp_path):
    from articles.body import render_body
    from photos.models import Image
    from photos.renditions import rendition_paths

    newsroom()
    rows = row_counts()
    bodies = {str(a.pk): str(render_body(a)) for a in Article.objects.for_detail()}
    referenced = sum(1 + len(rendition_paths(i.renditions)) for i in Image.objects.all())
    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["rows"] == rows
    assert manifest["media_files"] >= referenced

    env, database_name = restored_environment(tmp_path)
    try:
        restored = manage(env, "restore", str(tmp_path / "backup"))
        assert restored.returncode == 0, restored.stderr
        inspected = subprocess.run(
            [sys.executable, "-c", INSPECT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert inspected.returncode == 0, inspected.stderr
        after = json.loads(inspected.stdout.strip().splitlines()[-1])
        again = manage(env, "restore", str(tmp_path / "backup"))
        assert again.returncode != 0 and "not empty" in again.stderr
    finally:
        if database_name:
            drop_database(database_name)
    assert after["rows"] == rows
    assert after["missing"] == []
    assert after["bodies"] == bodies
    assert any("<picture" in body for body in after["bodies"].values())


@pytest.mark.django_db
def test_a_backup_never_overwrites_an_earlier_one(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "manifest.json").write_text("{}")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "old"))
