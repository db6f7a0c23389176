#!/usr/bin/env bash
# The archive import at a newspaper's size (issue 12, item 5): a generated WordPress export of
# 10 000 posts and 2 000 attachments of 1600×1067 imported into PostgreSQL with
# `import_articles --commit --publish`, timed, with the importer's memory sampled.
#
#   bench/import.sh                           # POSTS=10000 ATTACHMENTS=2000: goal under 10 min, memory flat
#   POSTS=1000 ATTACHMENTS=200 bench/import.sh  # a quicker look
#
# Uses the private cluster of bench/pg.sh (bench/var/pgdata, 127.0.0.1:$PG_PORT) with a database
# of its own (newsroom_import), dropped and made again each run: the import starts from nothing.
# The export is generated once per size into bench/var/import-<posts>-<attachments>/.
# Writes bench/results/<UTC time>-import/import.md. Stops the cluster on exit if it started it.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
POSTS=${POSTS:-10000}
ATTACHMENTS=${ATTACHMENTS:-2000}
NB_VAR=$BENCH/var
NB_PG_PORT=${PG_PORT:-5434}
PY=$ROOT/.venv/bin/python
mkdir -p "$NB_VAR"
source "$BENCH/pg.sh"
NB_DB=newsroom_import
trap '[ "$NB_PG_STARTED" = 1 ] && nb_pg_stop' EXIT
trap 'exit 130' INT TERM

DATA=$NB_VAR/import-$POSTS-$ATTACHMENTS
if [ ! -f "$DATA/export.xml" ]; then
  "$PY" "$BENCH/import_bench.py" generate --posts "$POSTS" --attachments "$ATTACHMENTS" --out "$DATA"
fi

nb_pg_start
nb_psql -c "DROP DATABASE IF EXISTS $NB_DB WITH (FORCE)"
nb_pg_ensure_db

export DJANGO_SETTINGS_MODULE=newsroom.settings DEBUG= SECRET_KEY=import-bench-$$ ALLOWED_HOSTS=localhost,testserver
export SITE_URL=http://localhost SECURE_HTTPS=0 NEWSROOM_TRUSTED_PROXIES=127.0.0.1
export DATABASE_URL=postgres://$NB_DB:$NB_DB@127.0.0.1:$NB_PG_PORT/$NB_DB
export MEDIA_ROOT=$NB_VAR/import-media PRIVATE_MEDIA_ROOT=$NB_VAR/import-media-private STATIC_ROOT=$NB_VAR/import-static
rm -rf "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"
cd "$ROOT"
"$PY" manage.py migrate --no-input -v0
"$PY" manage.py createcachetable
# What a paper has before it imports: an admin, and its default copyright notice.
"$PY" - <<'PY'
import django

django.setup()
from django.contrib.auth import get_user_model

from articles.models import CopyrightNotice

get_user_model().objects.create_superuser("importer", "importer@example.org", "bench-pass-word-123")
CopyrightNotice.objects.create(
    name="Staff", holder="Archive Daily", is_default=True,
    text_ko="저작권자 © {holder} 무단전재 및 재배포 금지", text_en="© {year} {holder}. All rights reserved.",
)
PY
OUT=${OUT:-$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)-import}
mkdir -p "$OUT"
{
  echo "date: $(date -u +%FT%TZ); commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' + uncommitted changes')"
  echo "loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg); posts: $POSTS; attachments: $ATTACHMENTS"
} >"$OUT/env.txt"
cat "$OUT/env.txt"
"$PY" "$BENCH/import_bench.py" measure --data "$DATA" --out "$OUT/import.md"
rm -f "$OUT/import.json"
ln -sfn "$(basename "$OUT")" "$BENCH/results/latest-import"
