# Newsroom's targets, measured like the Wagtail peer's and written to the same folder.
#
# Sourced, with the peers' lib/wrkbench.sh loaded ($OUT, DURATION, THREADS, CONNS, REPS, WARMUP
# set): by the peer's bench.sh as its EXTRA_BENCH (so both sites are measured in one run), or by
# run.sh directly when SKIP_WAGTAIL=1. run.sh prepares everything it needs and exports:
#   NB_ROOT (the project served)  NB_VENV (its venv)  NB_VAR (bench/var)  NB_PORT  NB_URLS (seed.py's URL files)
#   NB_CACHE_MODES ("0 1": the page cache off, then on)  NB_PAGE_WARMUP (per page, e.g. 2s)
#   NB_PIDFILE (where the running gunicorn's PID is kept, for run.sh's trap)
# For each cache mode: a gunicorn of ours (2 sync workers, foreground, its PID ours to stop),
# a warm-up, then REPS rounds over every page (interleaved, as wrkbench.sh does). Raw outputs:
# $OUT/newsroom-{nocache,cache}.SCENARIO.repN.txt; SCENARIO is article, list200 (200 rotating
# articles), index (the home page: the peer's news index), section, search, feed, sitemap,
# sitemap_articles. A page that does not answer 200 is not measured: its status is written to
# $OUT/newsroom-*.SCENARIO.status and the summary reports it.
: "${NB_ROOT:?}" "${NB_VENV:?}" "${NB_VAR:?}" "${NB_PORT:?}" "${NB_URLS:?}" "${NB_PIDFILE:?}"
: "${NB_CACHE_MODES:=0 1}" "${NB_PAGE_WARMUP:=2s}" "${NEWSDAY_DURATION:=40s}"
BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}

nb_start_gunicorn() {  # LABEL MODE
  local label=$1 mode=$2
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$NB_PORT/"; then
    echo "something already answers on 127.0.0.1:$NB_PORT: not ours, not measured" >&2
    return 1
  fi
  (
    # shellcheck disable=SC1091
    source "$NB_VAR/env.sh"
    cd "$NB_ROOT"
    export NEWSROOM_PAGE_CACHE=$mode
    exec "$NB_VENV/bin/gunicorn" newsroom.wsgi:application \
      --workers 2 --worker-class sync --bind "127.0.0.1:$NB_PORT" \
      --log-level warning --error-logfile - --access-logfile /dev/null
  ) >"$NB_VAR/$label.server.log" 2>&1 &
  NB_GUNICORN_PID=$!
  echo "$NB_GUNICORN_PID" >"$NB_PIDFILE"
  echo "started $label (gunicorn pid $NB_GUNICORN_PID, NEWSROOM_PAGE_CACHE=$mode) on 127.0.0.1:$NB_PORT"
  wait_http "http://127.0.0.1:$NB_PORT/" 60
}

nb_stop_gunicorn() {
  stop_pid "${NB_GUNICORN_PID:-}" gunicorn
  NB_GUNICORN_PID=""
  rm -f "$NB_PIDFILE"
}

nb_drain() {  # wait until the server has worked off what wrk left queued when it stopped
  # A sync worker finishes every request already accepted, even when wrk has hung up: after a
  # slow page (the 5 000-URL sitemap with the cache off) that backlog would otherwise eat into
  # the next measurement. A cheap request answered fast means the queue is empty.
  local t i
  for i in $(seq 1 60); do
    t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 180 "http://127.0.0.1:$NB_PORT/healthz" || echo 999)
    awk -v t="$t" 'BEGIN { exit !(t < 0.25) }' && return 0
  done
  echo "server still busy after 60 probes" >&2
}

nb_wrk() {  # OUTFILE DURATION wrk-args...: _wrk of the peers' lib, then drain
  _wrk "$@"
  nb_drain
}

nb_scenario() {  # page name in pages.tsv -> scenario name in the raw file names
  case $1 in home) echo index ;; *) echo "$1" ;; esac
}

nb_bench_mode() {  # MODE (0 or 1)
  local mode=$1 label base name path scen code rep
  label=newsroom-$([ "$mode" = 1 ] && echo cache || echo nocache)
  base=http://127.0.0.1:$NB_PORT
  nb_clear_cache
  nb_start_gunicorn "$label" "$mode" || { nb_stop_gunicorn; return 1; }
  local names=() paths=()
  while IFS=$'\t' read -r name path; do
    [ -n "$name" ] || continue
    scen=$(nb_scenario "$name")
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$base$path" || true)
    if [ "$code" != 200 ]; then
      echo "[$label] GET $path -> $code: $scen not measured"
      echo "$code $path" >"$OUT/$label.$scen.status"
      continue
    fi
    names+=("$scen"); paths+=("$path")
  done <"$NB_URLS/pages.tsv"
  echo "[$label] warm-up: ${WARMUP} rotating articles, ${NB_PAGE_WARMUP} per page (not recorded)"
  nb_wrk "$OUT/warmup.$label.list200.txt" "$WARMUP" -s "$PEERS_LIB/rotate_urls.lua" "$base" -- "$NB_URLS/urls.txt"
  for i in "${!names[@]}"; do
    nb_wrk "$OUT/warmup.$label.${names[$i]}.txt" "$NB_PAGE_WARMUP" "$base${paths[$i]}"
  done
  for rep in $(seq 1 "$REPS"); do
    echo "[$label] rep $rep/$REPS"
    for i in "${!names[@]}"; do
      nb_wrk "$OUT/$label.${names[$i]}.rep$rep.txt" "$DURATION" "$base${paths[$i]}"
      if [ "${names[$i]}" = article ]; then
        nb_wrk "$OUT/$label.list200.rep$rep.txt" "$DURATION" -s "$PEERS_LIB/rotate_urls.lua" "$base" -- "$NB_URLS/urls.txt"
      fi
    done
  done
  if [ "$mode" = 1 ] && [ "${NEWSDAY:-1}" = 1 ]; then nb_newsday "$label" "$base"; fi
  nb_stop_gunicorn
  # The app may log every request: keep its warnings and errors, and the last lines, with the results.
  { grep -E '"level": "(WARNING|ERROR|CRITICAL)"|Traceback|\[ERROR\]|\[CRITICAL\]' "$NB_VAR/$label.server.log" | tail -n 200
    echo "--- last lines"; tail -n 20 "$NB_VAR/$label.server.log"; } >"$OUT/$label.server.log" 2>/dev/null || true
  echo "[$label] server log: $(wc -l <"$NB_VAR/$label.server.log") lines, $(grep -c -E '"level": "ERROR"|\[ERROR\]' "$NB_VAR/$label.server.log" || true) errors (excerpt in $OUT/$label.server.log)"
}

nb_newsday() {  # LABEL BASE: the read load again while an editor works (issue 15, item 3)
  # bench/editor.py saves a published article every 10 s (one of the 200 rotating ones) and
  # schedules a piece for the next minute every 60 s, checking each change on the pages at once;
  # meanwhile the cached article, the home page and the 200 rotating articles are read as above
  # for NEWSDAY_DURATION each. Raw outputs: $OUT/newsroom-newsday.SCENARIO.rep1.txt and
  # $OUT/newsroom-newsday.editor.json (saves, pieces gone live, stale pages, errors).
  local label=$1 base=$2 editor_pid single
  single=$(awk -F'\t' '$1 == "article" {print $2}' "$NB_URLS/pages.tsv")
  echo "[$label] news day: an editor saves every 10 s and schedules a piece a minute, for $NEWSDAY_DURATION x 3 pages"
  (
    # shellcheck disable=SC1091
    source "$NB_VAR/env.sh"
    cd "$NB_ROOT"
    exec "$NB_VENV/bin/python" "$BENCH_DIR/editor.py" --base "$base" --urls "$NB_URLS/urls.txt" \
      --out "$OUT/newsroom-newsday.editor.json"
  ) >"$OUT/newsroom-newsday.editor.log" 2>&1 &
  editor_pid=$!
  sleep 2
  nb_wrk "$OUT/newsroom-newsday.article.rep1.txt" "$NEWSDAY_DURATION" "$base$single"
  nb_wrk "$OUT/newsroom-newsday.index.rep1.txt" "$NEWSDAY_DURATION" "$base/"
  nb_wrk "$OUT/newsroom-newsday.list200.rep1.txt" "$NEWSDAY_DURATION" -s "$PEERS_LIB/rotate_urls.lua" "$base" -- "$NB_URLS/urls.txt"
  stop_pid "$editor_pid" editor
  cat "$OUT/newsroom-newsday.editor.log"
}

nb_clear_cache() {  # start every mode with an empty page cache (the bench database's own cache)
  (
    # shellcheck disable=SC1091
    source "$NB_VAR/env.sh"
    cd "$NB_ROOT"
    "$NB_VENV/bin/python" -c "
import django; django.setup()
from django.conf import settings
from django.core.cache import caches
for alias in settings.CACHES:
    caches[alias].clear()
"
  ) || echo "could not clear the cache (continuing)" >&2
}

for nb_mode in $NB_CACHE_MODES; do
  nb_bench_mode "$nb_mode" || echo "newsroom (NEWSROOM_PAGE_CACHE=$nb_mode) failed; see $OUT/newsroom-*.server.log" >&2
done
