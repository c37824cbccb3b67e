#!/usr/bin/env bash
# .ci/postgres.sh: a throwaway PostgreSQL for the store tests.
#
# Source it (bash) to start the server and export FOOTNOTE_TEST_DATABASE_URL:
#
#     source .ci/postgres.sh
#     go test ./store/
#
# or run it and evaluate the line it prints:
#
#     eval "$(bash .ci/postgres.sh)"
#
# It installs PostgreSQL from Debian's packages when it is missing (as root),
# then starts a cluster of its own in $FOOTNOTE_PG_DIR (default
# ${TMPDIR:-/tmp}/footnote-pg-UID) on a free port of 127.0.0.1, with trust
# authentication and its socket in that directory, and creates the database
# footnote_test. As root, the server runs as the postgres user (initdb refuses
# root). It is idempotent: run again, it reuses the running cluster, or
# restarts the one it made before. A FOOTNOTE_TEST_DATABASE_URL already set is
# kept as it is. To stop the server (as root: runuser -u postgres -- ...):
#
#     pg_ctl -D "${TMPDIR:-/tmp}/footnote-pg-$(id -u)/data" stop
#
# Progress goes to stderr; stdout carries only the export line. Sourced, it
# changes nothing in the caller's shell but FOOTNOTE_TEST_DATABASE_URL, and
# returns non-zero on failure.

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
	# Sourced: do the work in a bash of its own, then export its answer.
	if [ -n "${FOOTNOTE_TEST_DATABASE_URL:-}" ]; then
		echo "postgres.sh: FOOTNOTE_TEST_DATABASE_URL is already set; keeping it" >&2
		export FOOTNOTE_TEST_DATABASE_URL
		return 0
	fi
	if _footnote_pg_line="$(bash "${BASH_SOURCE[0]}")"; then
		eval "$_footnote_pg_line"
		unset _footnote_pg_line
		echo "postgres.sh: FOOTNOTE_TEST_DATABASE_URL=$FOOTNOTE_TEST_DATABASE_URL" >&2
		return 0
	fi
	unset _footnote_pg_line
	echo "postgres.sh: failed to start PostgreSQL" >&2
	return 1
fi

set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

if [ -n "${FOOTNOTE_TEST_DATABASE_URL:-}" ]; then
	log "FOOTNOTE_TEST_DATABASE_URL is already set; keeping it"
	printf 'export FOOTNOTE_TEST_DATABASE_URL=%q\n' "$FOOTNOTE_TEST_DATABASE_URL"
	exit 0
fi

# find_bindir prints the directory of the newest installed server, if any.
find_bindir() {
	local d best=""
	for d in /usr/lib/postgresql/*/bin; do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then best="$d"; fi
	done
	if [ -z "$best" ] && command -v pg_config >/dev/null 2>&1; then
		d="$(pg_config --bindir 2>/dev/null || true)"
		if [ -n "$d" ] && [ -x "$d/initdb" ]; then best="$d"; fi
	fi
	if [ -z "$best" ] && command -v initdb >/dev/null 2>&1; then
		best="$(dirname "$(readlink -f "$(command -v initdb)")")"
	fi
	echo "$best"
}

bindir="$(find_bindir)"
if [ -z "$bindir" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		log "PostgreSQL is not installed: install it (apt-get install -y postgresql) or run this as root"
		exit 1
	fi
	log "installing PostgreSQL from Debian's packages"
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
	bindir="$(find_bindir)"
	if [ -z "$bindir" ]; then
		log "PostgreSQL is installed but initdb is not found"
		exit 1
	fi
fi

# Who runs the server: root may not, so root hands it to postgres.
if [ "$(id -u)" -eq 0 ]; then
	if ! id postgres >/dev/null 2>&1; then
		log "creating the postgres user"
		useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/sh postgres
	fi
	owner=postgres
	as_owner() {
		if command -v runuser >/dev/null 2>&1; then
			runuser -u postgres -- "$@"
		else
			su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
		fi
	}
else
	owner="$(id -un)"
	as_owner() { "$@"; }
fi

base="${FOOTNOTE_PG_DIR:-${TMPDIR:-/tmp}/footnote-pg-$(id -u)}"
data="$base/data"
logfile="$base/server.log"
mkdir -p "$base"
chmod 0700 "$base"
if [ "$owner" != "$(id -un)" ]; then chown "$owner:" "$base"; fi

version="$("$bindir/postgres" -V | grep -oE '[0-9]+' | head -n 1)"

init_cluster() {
	log "initdb $data"
	as_owner "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$data"
	if ! as_owner "$bindir/initdb" -D "$data" --username=postgres --auth=trust \
		--encoding=UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1; then
		cat "$base/initdb.log" >&2
		return 1
	fi
	# A throwaway cluster for tests: no durability needed, and no connection
	# but from this machine.
	as_owner tee -a "$data/postgresql.conf" >/dev/null <<-EOF
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$base'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		max_connections = 200
	EOF
}

# port_in_use reports whether something answers on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ready() { "$bindir/pg_isready" -q -h 127.0.0.1 -p "$1" -U postgres -d postgres; }

# start_cluster starts the cluster on a free port, and sets port.
start_cluster() {
	local _
	for _ in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 40000))
		if port_in_use "$port"; then continue; fi
		log "starting PostgreSQL $version on 127.0.0.1:$port"
		if as_owner "$bindir/pg_ctl" -D "$data" -l "$logfile" -w -t 60 -o "-p $port" start >/dev/null; then
			return 0
		fi
		tail -n 20 "$logfile" >&2 || true
	done
	return 1
}

if [ ! -f "$data/PG_VERSION" ] || [ "$(cat "$data/PG_VERSION")" != "$version" ]; then
	init_cluster
fi

port=""
if as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
	port="$(sed -n 4p "$data/postmaster.pid")"
	if ready "$port"; then
		log "reusing PostgreSQL on 127.0.0.1:$port ($data)"
	else
		log "the server in $data does not answer; restarting it"
		as_owner "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
		port=""
	fi
fi
if [ -z "$port" ] && ! start_cluster; then
	log "could not start the cluster in $data; making a new one"
	init_cluster
	start_cluster || { log "could not start PostgreSQL; see $logfile"; exit 1; }
fi

for _ in $(seq 1 30); do
	if ready "$port"; then break; fi
	sleep 1
done
psql_admin() {
	"$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'footnote_test'")" != 1 ]; then
	log "creating database footnote_test"
	psql_admin -c "CREATE DATABASE footnote_test"
fi

echo "export FOOTNOTE_TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/footnote_test?sslmode=disable'"
