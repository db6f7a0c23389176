# PostgreSQL helpers for bench/run.sh: a private cluster of Debian's PostgreSQL 15 binaries,
# data in $NB_VAR/pgdata, TCP 127.0.0.1:$NB_PG_PORT only, unix socket in $NB_VAR/pgrun, run as
# the `postgres` user when we are root (initdb refuses root). Nothing else of the machine's
# PostgreSQL is touched. Sourced by run.sh; every name starts with nb_/NB_ so that it cannot
# clash with the Wagtail peer's pg.sh in the same shell.
: "${NB_VAR:?}" "${NB_PG_PORT:?}"
NB_PGBIN=${NB_PGBIN:-/usr/lib/postgresql/15/bin}
NB_PGDATA=$NB_VAR/pgdata
NB_PGRUN=$NB_VAR/pgrun
NB_PG_STARTED=0
NB_DB=newsroom_bench

nb_pg_as() {  # run a command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
nb_psql() {  # psql as the superuser of our cluster, over its unix socket
  nb_pg_as "$NB_PGBIN/psql" -h "$NB_PGRUN" -p "$NB_PG_PORT" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}
nb_pg_running() { [ -f "$NB_PGDATA/postmaster.pid" ] && nb_pg_as "$NB_PGBIN/pg_ctl" -D "$NB_PGDATA" status >/dev/null 2>&1; }
nb_pg_pid() { head -n 1 "$NB_PGDATA/postmaster.pid" 2>/dev/null; }

nb_pg_dirs() {
  local owner=()
  [ "$(id -u)" = 0 ] && owner=(-o postgres -g postgres)
  install -d "${owner[@]}" -m 700 "$NB_PGDATA"
  install -d "${owner[@]}" -m 755 "$NB_PGRUN"
  touch "$NB_VAR/postgres.log"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$NB_VAR/postgres.log"
  return 0
}

nb_pg_init() {
  [ -f "$NB_PGDATA/PG_VERSION" ] && return 0
  nb_pg_dirs
  echo "initdb: $NB_PGDATA (UTF8, C.UTF-8)"
  nb_pg_as "$NB_PGBIN/initdb" -D "$NB_PGDATA" -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  # Everything else is initdb's default, as for the Wagtail peer's cluster.
  nb_pg_as tee -a "$NB_PGDATA/postgresql.conf" >/dev/null <<CONF
# --- newsroom bench ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$NB_PGRUN'
CONF
}

nb_pg_start() {  # start our cluster unless it already runs; remember whether we did
  nb_pg_init
  nb_pg_dirs
  if nb_pg_running; then
    echo "postgres already running (pid $(nb_pg_pid)); left running at the end"
    return 0
  fi
  nb_pg_as "$NB_PGBIN/pg_ctl" -D "$NB_PGDATA" -l "$NB_VAR/postgres.log" -o "-p $NB_PG_PORT" -w -t 60 start >/dev/null
  NB_PG_STARTED=1
  echo "started postgres (pid $(nb_pg_pid)) on 127.0.0.1:$NB_PG_PORT"
}

nb_pg_stop() {  # fast shutdown of our cluster only (pg_ctl signals the PID of its postmaster.pid)
  nb_pg_running || return 0
  local pid; pid=$(nb_pg_pid)
  nb_pg_as "$NB_PGBIN/pg_ctl" -D "$NB_PGDATA" -m fast -w -t 60 stop >/dev/null
  echo "stopped postgres (pid $pid)"
}

nb_pg_has_db() { nb_psql -c "SELECT 1 FROM pg_database WHERE datname='$NB_DB'" | grep -q 1; }

nb_pg_ensure_db() {  # role and database newsroom_bench (password newsroom_bench), idempotent
  nb_psql -c "SELECT 1 FROM pg_roles WHERE rolname='$NB_DB'" | grep -q 1 \
    || nb_psql -c "CREATE ROLE $NB_DB LOGIN PASSWORD '$NB_DB'"
  nb_pg_has_db || nb_psql -c "CREATE DATABASE $NB_DB OWNER $NB_DB ENCODING 'UTF8'"
}

nb_pg_drop_db() { nb_psql -c "DROP DATABASE IF EXISTS $NB_DB WITH (FORCE)"; }
