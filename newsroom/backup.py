"""Backups that restore: a consistent database dump and the media files.

A backup is a folder holding ``database.dump`` (PostgreSQL, ``pg_dump`` custom
format: one consistent snapshot) or ``database.sqlite3`` (SQLite's online
backup), ``media.tar`` (public renditions and private originals) and
``manifest.json`` (when, which database, how many rows of each model).

The media are archived twice around the dump: every file that exists before it
is taken, then every file that appeared while it ran. So every file the dump
refers to is in the archive, even when an edit replaced renditions meanwhile.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
#: Folder names inside the media archive, and the settings they restore to.
MEDIA_FOLDERS = {"public": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}
#: Models that moved between apps since a backup may have been made: old label → new.
#: The tables keep their names, so only the manifest's labels need reading anew.
MOVED_MODELS = {"articles.Image": "photos.Image"}


def current_labels(rows):
    """A manifest's row counts under today's model labels."""
    return {MOVED_MODELS.get(label, label): count for label, count in rows.items()}


class BackupError(Exception):
    pass


def row_counts(using="default"):
    """Rows of every model of the project and of Django's apps, by label."""
    counts = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label] = model._default_manager.using(using).count()
    return counts


def _files(root):
    root = Path(root)
    if not root.exists():
        return set()
    return {path.relative_to(root) for path in root.rglob("*") if path.is_file()}


def _archive_media(archive, seen):
    """Add every media file not archived yet; return how many were added."""
    added = 0
    for folder, setting in MEDIA_FOLDERS.items():
        root = Path(getattr(settings, setting))
        for relative in sorted(_files(root)):
            key = (folder, relative)
            if key in seen:
                continue
            archive.add(root / relative, arcname=str(Path(folder) / relative))
            seen.add(key)
            added += 1
    return added


def _pg_environment(database):
    env = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    return env


def _pg_arguments(database):
    arguments = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            arguments += [option, str(database[key])]
    return arguments


def _dump_database(destination, using):
    connection = connections[using]
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        target = destination / "database.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}",
             *_pg_arguments(database), database["NAME"]],
            check=True, env=_pg_environment(database), capture_output=True,
        )  # fmt: skip
        return target.name
    if connection.vendor == "sqlite":
        target = destination / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return target.name
    raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def backup(destination, using="default"):
    """Write a backup into the new folder ``destination``; return its manifest."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: choose a new folder for the backup.")
    destination.mkdir(parents=True, exist_ok=True)
    seen = set()
    with tarfile.open(destination / MEDIA_ARCHIVE, "w") as archive:
        before = _archive_media(archive, seen)
        database_file = _dump_database(destination, using)
        counts = row_counts(using)
        during = _archive_media(archive, seen)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "vendor": connections[using].vendor,
        "database_file": database_file,
        "media_files": before + during,
        "rows": counts,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def _database_is_empty(using):
    connection = connections[using]
    tables = [name for name in connection.introspection.table_names() if not name.startswith("sqlite_")]
    return not tables


def restore(source, using="default"):
    """Put a backup onto an empty database and empty media folders."""
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text())
    manifest["rows"] = current_labels(manifest.get("rows", {}))
    connection = connections[using]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"This backup is of a {manifest['vendor']} database, not {connection.vendor}.")
    if not _database_is_empty(using):
        raise BackupError("The database is not empty: restore onto a new, empty database.")
    for setting in MEDIA_FOLDERS.values():
        if _files(getattr(settings, setting)):
            raise BackupError(f"{setting} ({getattr(settings, setting)}) is not empty: restore into empty folders.")
    database = connection.settings_dict
    dump = source / manifest["database_file"]
    if connection.vendor == "postgresql":
        connection.close()
        subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={database['NAME']}",
             *_pg_arguments(database), str(dump)],
            check=True, env=_pg_environment(database), capture_output=True,
        )  # fmt: skip
    else:
        connection.close()
        shutil.copyfile(dump, database["NAME"])
    with tarfile.open(source / MEDIA_ARCHIVE) as archive:
        for member in archive.getmembers():
            folder, _, relative = member.name.partition("/")
            if folder not in MEDIA_FOLDERS or not member.isfile():
                continue
            target_root = Path(getattr(settings, MEDIA_FOLDERS[folder]))
            member.name = relative
            archive.extract(member, target_root, filter="data")
    return manifest
