#!/usr/bin/env bash
# Newsroom's reader site under load, against the Wagtail peer, in one run (issue 5, item 7).
#
#   bench/run.sh                                  # full run: ~25 min with the peer's first setup
#   SKIP_WAGTAIL=1 N=2000 DURATION=5s REPS=1 bench/run.sh   # a quick look at ours only
#
# 1. a private PostgreSQL 15 cluster in bench/var/pgdata (127.0.0.1:$PG_PORT, UTF8, C.UTF-8),
#    migrate, createcachetable, seed N articles (bench/seed.py; skipped when that N is already
#    there), VACUUM ANALYZE, collectstatic into bench/var/static;
# 2. EXPLAIN of the list queries (bench/explain.py), SQL queries per page (bench/querycount.py)
#    with the page cache off and on, profiles (bench/profile_page.py) of a cache-off article request, a
#    cache-off section page and a cached hit;
# 3. the Wagtail peer (../shared/peers, copied to $PEERS): setup.sh once (PostgreSQL only), then
#    its bench.sh with our targets as its EXTRA_BENCH (bench/extra_bench.sh): gunicorn, 2 sync
#    workers, DEBUG unset, SECURE_HTTPS=0; wrk -t2 -c16 -d$DURATION --latency, $REPS runs,
#    medians, for one article, 200 rotating articles, home, a section, search, the feed and the
#    sitemaps; page cache off (NEWSROOM_PAGE_CACHE=0) then on (=1);
# 4. bench/summarize.py: the table with our figures as ratios to Wagtail's, the targets, the
#    query counts -> $OUT/summary.md.
# Results in bench/results/<UTC time>/ (git-ignored), `bench/results/latest` links the last one.
# Everything else it writes goes to bench/var/. Load goes to 127.0.0.1 only; every server it
# starts (gunicorn, PostgreSQL) is stopped by PID on exit, also on error or Ctrl-C.
#
# Knobs (environment):
#   N=10000 articles   DURATION=20s   REPS=3   THREADS=2   CONNS=16   WARMUP=5s   PAGE_WARMUP=2s
#   PORT=8002 (our gunicorn)   PG_PORT=5434 (our PostgreSQL)   CACHE_MODES="0 1"
#   SKIP_WAGTAIL=1 (ours only)   WAGTAIL_TARGETS=postgres (add "nginx" for the machine's ceiling)
#   WAGTAIL_PORT=8001   WAGTAIL_PG_PORT=5433   PEERS=/tmp/peers   RESEED=1 (drop and seed again)
#   PROFILE=0 (skip the profiles)   PYINSTRUMENT=1 (install pyinstrument into bench/var/prof-venv)   NEWSROOM_CACHE / NEWSROOM_PAGE_CACHE_SECONDS are passed through
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
N=${N:-10000}
export DURATION=${DURATION:-20s} REPS=${REPS:-3} THREADS=${THREADS:-2} CONNS=${CONNS:-16} WARMUP=${WARMUP:-5s}
NB_PORT=${PORT:-8002}
NB_PG_PORT=${PG_PORT:-5434}
WAGTAIL_PORT=${WAGTAIL_PORT:-8001}
WAGTAIL_PG_PORT=${WAGTAIL_PG_PORT:-5433}
WAGTAIL_TARGETS=${WAGTAIL_TARGETS:-postgres}
SKIP_WAGTAIL=${SKIP_WAGTAIL:-0}
PEERS=${PEERS:-/tmp/peers}
PEERS_SRC=${PEERS_SRC:-$(cd "$ROOT/.." && pwd)/shared/peers}
NB_VAR=$BENCH/var
PY=$ROOT/.venv/bin/python
unset PORT PG_PORT  # the peer's scripts read these names: they get theirs explicitly

mkdir -p "$NB_VAR" "$BENCH/results"
OUT=${OUT:-$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
export OUT

# -- tools ---------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
if [ "$SKIP_WAGTAIL" != 1 ] && ! command -v nginx >/dev/null; then missing+=(nginx-light); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -x "$PY" ] || { echo "no $PY: run 'make setup' first" >&2; exit 1; }

# -- cleanup: every process we started, by PID ------------------------------------------
export NB_PIDFILE=$NB_VAR/gunicorn.pid
source "$BENCH/pg.sh"
cleanup() {
  local pid
  if [ -s "$NB_PIDFILE" ]; then  # a gunicorn of ours left by an interrupted extra_bench.sh
    pid=$(cat "$NB_PIDFILE")
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "gunicorn.*127.0.0.1:$NB_PORT"; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
      echo "stopped gunicorn (pid $pid)"
    fi
    rm -f "$NB_PIDFILE"
  fi
  if [ "$NB_PG_STARTED" = 1 ]; then nb_pg_stop; NB_PG_STARTED=0; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# -- the code under test: a copy of the work tree as it is now -------------------------
# Others edit the application while a run lasts ~25 min; serving a copy taken now keeps every
# measurement of the run on the same code (and its migrations). SNAPSHOT=0 serves the tree itself.
umask 022
if [ "${SNAPSHOT:-1}" = 1 ]; then
  NB_APP=$NB_VAR/app
  rm -rf "$NB_APP" && mkdir -p "$NB_APP"
  for item in manage.py newsroom accounts photos articles reader desk api webhooks importer delivery demo templates static locale; do
    [ -e "$ROOT/$item" ] && cp -a "$ROOT/$item" "$NB_APP/"
  done
  find "$NB_APP" -name __pycache__ -type d -prune -exec rm -rf {} +
else
  NB_APP=$ROOT
fi
export NB_APP

# -- the environment of every Django command and of gunicorn ---------------------------
SECRET=$(head -c 32 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')
cat >"$NB_VAR/env.sh" <<ENV
# written by bench/run.sh: the production-like settings the bench serves with
unset DEBUG
export DJANGO_SETTINGS_MODULE=newsroom.settings
export SECRET_KEY=bench-$SECRET
export ALLOWED_HOSTS=127.0.0.1,localhost
# https: passkeys (WebAuthn) refuse any other origin under production settings; nothing here uses it
export SITE_URL=https://localhost:$NB_PORT
export SECURE_HTTPS=0
export NEWSROOM_TRUSTED_PROXIES=127.0.0.1,::1
export DATABASE_URL=postgres://$NB_DB:$NB_DB@127.0.0.1:$NB_PG_PORT/$NB_DB
export STATIC_ROOT=$NB_VAR/static
export MEDIA_ROOT=$NB_VAR/media
export PRIVATE_MEDIA_ROOT=$NB_VAR/media-private
export NEWSROOM_BENCH_APP=$NB_APP
${NEWSROOM_CACHE:+export NEWSROOM_CACHE=$NEWSROOM_CACHE}
${NEWSROOM_PAGE_CACHE_SECONDS:+export NEWSROOM_PAGE_CACHE_SECONDS=$NEWSROOM_PAGE_CACHE_SECONDS}
ENV
django() {  # run a command in the served copy of the project with the bench's environment
  ( source "$NB_VAR/env.sh"; cd "$NB_APP"; "$@" )
}

{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git --no-optional-locks -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' + uncommitted changes')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs) x $(nproc); loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "python: $("$PY" -V 2>&1); $("$PY" -m pip freeze 2>/dev/null | grep -iE '^(django|gunicorn|psycopg2-binary)==' | paste -sd' ')"
  echo "postgresql: $("$NB_PGBIN/postgres" --version)"
  echo "wrk: $(wrk -v 2>&1 | head -n 1)"
  echo "wrk settings: -t$THREADS -c$CONNS -d$DURATION --latency, $REPS reps (interleaved), warm-up $WARMUP"
  echo "code served: $([ "$NB_APP" = "$ROOT" ] && echo 'the work tree' || echo "a copy of the work tree taken at the start ($NB_APP)")"
  echo "articles: $N; page cache modes: ${CACHE_MODES:-0 1}; cache backend: ${NEWSROOM_CACHE:-db (default)}"
} >"$OUT/env-newsroom.txt"
cat "$OUT/env-newsroom.txt"

# -- 1. database, seed, static -----------------------------------------------------------
echo "== 1. PostgreSQL on 127.0.0.1:$NB_PG_PORT, migrate, seed N=$N"
nb_pg_start
STAMP=$NB_VAR/seeded.txt
if [ "${RESEED:-0}" = 1 ] || { nb_pg_has_db && [ "$(cat "$STAMP" 2>/dev/null)" != "$N" ]; }; then
  echo "dropping the bench database (RESEED=1 or another N was seeded: $(cat "$STAMP" 2>/dev/null || echo none))"
  nb_pg_drop_db
  rm -rf "$NB_VAR/media" "$NB_VAR/media-private" "$STAMP"
fi
nb_pg_ensure_db
django "$PY" manage.py migrate --no-input -v 0
django "$PY" manage.py createcachetable
if [ "$(cat "$STAMP" 2>/dev/null)" != "$N" ]; then
  django "$PY" "$BENCH/seed.py" --articles "$N" --out-dir "$NB_VAR/urls"
  echo "$N" >"$STAMP"
else
  django "$PY" "$BENCH/seed.py" --articles "$N" --out-dir "$NB_VAR/urls"  # only rewrites the URL files
fi
nb_psql -d "$NB_DB" -c "VACUUM ANALYZE" >/dev/null
django "$PY" manage.py collectstatic --no-input -v 0
cp "$NB_VAR/urls/pages.tsv" "$OUT/pages-newsroom.tsv"

# -- 2. EXPLAIN, queries per page, profile ----------------------------------------------
echo "== 2. EXPLAIN of the list queries -> $OUT/explain.txt"
django env NEWSROOM_PAGE_CACHE=0 "$PY" "$BENCH/explain.py" / "$(awk -F'\t' '$1 == "section" {print $2}' "$NB_VAR/urls/pages.tsv")" \
    >"$OUT/explain.txt" 2>&1 || echo "explain.py failed (see $OUT/explain.txt)" >&2
grep -E '^(=>|[0-9.]+ )' "$OUT/explain.txt" || true
echo "== SQL queries per request (test Client + CaptureQueriesContext)"
for mode in ${CACHE_MODES:-0 1}; do
  label=newsroom-$([ "$mode" = 1 ] && echo cache || echo nocache)
  django env NEWSROOM_PAGE_CACHE="$mode" "$PY" -c "
import django; django.setup()
from django.core.cache import caches; from django.conf import settings
[caches[alias].clear() for alias in settings.CACHES]"
  echo "[$label]"
  django env NEWSROOM_PAGE_CACHE="$mode" "$PY" "$BENCH/querycount.py" --pages "$NB_VAR/urls/pages.tsv" \
      --sql-out "$OUT/queries-$label.sql.txt" 2>"$OUT/queries-$label.log" | tee "$OUT/queries-$label.txt" \
    || echo "querycount.py failed (see $OUT/queries-$label.log)" >&2
done
if [ "${PROFILE:-1}" = 1 ]; then
  echo "== profile of the article page, page cache off -> $OUT/profile-article.txt"
  django env NEWSROOM_PAGE_CACHE=0 "$PY" "$BENCH/profile_page.py" "$(cat "$NB_VAR/urls/single.txt")" \
      --requests 200 >"$OUT/profile-article.txt" 2>&1 || echo "profile failed (see $OUT/profile-article.txt)" >&2
  head -n 3 "$OUT/profile-article.txt"
  # Issue 15, item 4: a cold section page (page cache off) and a cached hit.
  django env NEWSROOM_PAGE_CACHE=0 "$PY" "$BENCH/profile_page.py" "$(awk -F'\t' '$1 == "section" {print $2}' "$NB_VAR/urls/pages.tsv")" \
      --requests 200 >"$OUT/profile-section.txt" 2>&1 || echo "profile failed (see $OUT/profile-section.txt)" >&2
  head -n 3 "$OUT/profile-section.txt"
  django env NEWSROOM_PAGE_CACHE=1 "$PY" "$BENCH/profile_page.py" "$(cat "$NB_VAR/urls/single.txt")" \
      --requests 2000 >"$OUT/profile-hit.txt" 2>&1 || echo "profile failed (see $OUT/profile-hit.txt)" >&2
  head -n 3 "$OUT/profile-hit.txt"
  # pyinstrument, from a venv of its own (not a dependency of the project): PYINSTRUMENT=1 makes it
  PROF_VENV=$NB_VAR/prof-venv
  if [ "${PYINSTRUMENT:-0}" = 1 ] && [ ! -d "$PROF_VENV/lib/python3.11/site-packages/pyinstrument" ]; then
    python3.11 -m venv "$PROF_VENV" && "$PROF_VENV/bin/pip" install -q pyinstrument 2>&1 | grep -v '^WARNING: Location' || true
  fi
  if [ -d "$PROF_VENV/lib/python3.11/site-packages/pyinstrument" ]; then
    django env NEWSROOM_PAGE_CACHE=0 PYTHONPATH="$PROF_VENV/lib/python3.11/site-packages" "$PY" "$BENCH/profile_page.py" \
        "$(cat "$NB_VAR/urls/single.txt")" --requests 200 --pyinstrument >"$OUT/profile-article-pyinstrument.txt" 2>&1 \
      || echo "pyinstrument profile failed (see $OUT/profile-article-pyinstrument.txt)" >&2
  fi
fi

# -- 3. load: the Wagtail peer and ours in one run ---------------------------------------
export NB_ROOT=$NB_APP NB_VENV=$ROOT/.venv NB_VAR NB_PORT NB_URLS=$NB_VAR/urls NB_CACHE_MODES=${CACHE_MODES:-0 1}
export NB_PAGE_WARMUP=${PAGE_WARMUP:-2s}
if [ "$SKIP_WAGTAIL" = 1 ]; then
  echo "== 3. load: ours only (SKIP_WAGTAIL=1)"
  [ -d "$PEERS/lib" ] || PEERS=$PEERS_SRC  # the lib is only read
  source "$PEERS/lib/wrkbench.sh"
  cp "$OUT/env-newsroom.txt" "$OUT/env.txt"
  source "$BENCH/extra_bench.sh"
  python3 "$PEERS/lib/summarize.py" "$OUT" --report >"$OUT/results.md"
else
  echo "== 3. load: the Wagtail peer, then ours (its EXTRA_BENCH)"
  if [ ! -d "$PEERS/wagtail" ]; then
    cp -r "$PEERS_SRC" "$PEERS" && chmod -R u+w "$PEERS"
  fi
  if [ "$(cat "$PEERS/wagtail/var/.setup-done" 2>/dev/null)" != "$N" ]; then
    fresh=()
    [ -f "$PEERS/wagtail/var/.setup-done" ] && fresh=(--fresh)  # seeded with another N
    PORT=$WAGTAIL_PORT PG_PORT=$WAGTAIL_PG_PORT DBS=postgres N=$N "$PEERS/wagtail/setup.sh" "${fresh[@]}"
  fi
  PORT=$WAGTAIL_PORT PG_PORT=$WAGTAIL_PG_PORT TARGETS=$WAGTAIL_TARGETS EXTRA_BENCH=$BENCH/extra_bench.sh \
    "$PEERS/wagtail/bench.sh"
fi

# -- 4. the table -------------------------------------------------------------------------
python3 "$BENCH/summarize.py" "$OUT" >"$OUT/summary.md"
ln -sfn "$OUT" "$BENCH/results/latest"
echo
echo "== summary ($OUT/summary.md; raw outputs and environment in $OUT/results.md)"
cat "$OUT/summary.md"
