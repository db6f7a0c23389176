#!/usr/bin/env bash
# The desk at a newspaper's size (issue 10, item 10): 100 000 articles on PostgreSQL, each desk
# page timed in-process (server time) with its query count, against the issue's budgets.
#
#   bench/desk.sh                    # N=100000: ~10 min to seed the first time, ~2 min to measure
#   N=20000 REPS=9 bench/desk.sh     # a quicker look
#
# Uses the private cluster of bench/pg.sh (bench/var/pgdata, 127.0.0.1:$PG_PORT) with a database
# of its own (newsroom_desk), seeded once per N (bench/desk_bench.py seed: bulk_seed_articles, the named
# exception to the one write path). Writes bench/results/<UTC time>-desk/desk.md. Stops the
# cluster by its PID on exit if it started it.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
N=${N:-100000}
REPS=${REPS:-15}
NB_VAR=$BENCH/var
NB_PG_PORT=${PG_PORT:-5434}
PY=$ROOT/.venv/bin/python
mkdir -p "$NB_VAR"
source "$BENCH/pg.sh"
NB_DB=newsroom_desk
trap '[ "$NB_PG_STARTED" = 1 ] && nb_pg_stop' EXIT
trap 'exit 130' INT TERM

nb_pg_start
STAMP=$NB_VAR/desk-seeded.txt
if [ "${RESEED:-0}" = 1 ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$N" ]; then
  nb_psql -c "DROP DATABASE IF EXISTS $NB_DB WITH (FORCE)"
  rm -f "$STAMP"
fi
nb_pg_ensure_db

export DJANGO_SETTINGS_MODULE=newsroom.settings DEBUG= SECRET_KEY=desk-bench-$$ ALLOWED_HOSTS=localhost,testserver
export SITE_URL=http://localhost SECURE_HTTPS=0 NEWSROOM_TRUSTED_PROXIES=127.0.0.1
export DATABASE_URL=postgres://$NB_DB:$NB_DB@127.0.0.1:$NB_PG_PORT/$NB_DB
export MEDIA_ROOT=$NB_VAR/desk-media PRIVATE_MEDIA_ROOT=$NB_VAR/desk-media-private STATIC_ROOT=$NB_VAR/desk-static
cd "$ROOT"
"$PY" manage.py migrate --no-input -v0
"$PY" manage.py createcachetable
"$PY" manage.py collectstatic --no-input -v0
if [ ! -f "$STAMP" ]; then
  "$PY" bench/desk_bench.py seed --articles "$N"
  echo "$N" >"$STAMP"
fi
OUT=${OUT:-$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)-desk}
mkdir -p "$OUT"
{
  echo "date: $(date -u +%FT%TZ); commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' + uncommitted changes')"
  echo "loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg); articles: $N; reps: $REPS"
} >"$OUT/env.txt"
cat "$OUT/env.txt"
"$PY" bench/desk_bench.py measure --reps "$REPS" --out "$OUT/desk.md"
ln -sfn "$(basename "$OUT")" "$BENCH/results/latest-desk"
