# Sourced by .ci/run: a throw-away PostgreSQL cluster for the scale-out tests, in a temporary directory
# on a free loopback port, exported as AIME_TEST_DATABASE_URL and stopped by stop_test_postgres.
# PostgreSQL refuses to run as root, so under root initdb/pg_ctl run as the `postgres` user.

find_postgres_binaries() {
  local directory
  for directory in /usr/local/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$directory/initdb" ] && [ -x "$directory/pg_ctl" ]; then
      echo "$directory"
      return 0
    fi
  done
  return 1
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_postgres() {
  local binaries port
  if ! binaries=$(find_postgres_binaries); then
    (apt-get update -qq && apt-get install -y -qq postgresql) >/dev/null 2>&1
    binaries=$(find_postgres_binaries) || { echo "error: PostgreSQL server binaries not found and could not be installed" >&2; return 1; }
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres || return 1
  fi
  AIME_CI_POSTGRES_DIR=$(mktemp -d)
  chmod 711 "$AIME_CI_POSTGRES_DIR"
  mkdir "$AIME_CI_POSTGRES_DIR/cluster"
  [ "$(id -u)" = 0 ] && chown postgres: "$AIME_CI_POSTGRES_DIR/cluster"
  AIME_CI_POSTGRES_BIN=$binaries
  as_postgres "$binaries/initdb" -D "$AIME_CI_POSTGRES_DIR/cluster/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null || return 1
  port=$(node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  as_postgres "$binaries/pg_ctl" -D "$AIME_CI_POSTGRES_DIR/cluster/data" -l "$AIME_CI_POSTGRES_DIR/cluster/server.log" -w \
    -o "-p $port -c listen_addresses='127.0.0.1' -c unix_socket_directories='$AIME_CI_POSTGRES_DIR/cluster' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || return 1
  export AIME_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL test cluster on 127.0.0.1:$port"
}

stop_test_postgres() {
  [ -n "${AIME_CI_POSTGRES_DIR:-}" ] || return 0
  as_postgres "$AIME_CI_POSTGRES_BIN/pg_ctl" -D "$AIME_CI_POSTGRES_DIR/cluster/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$AIME_CI_POSTGRES_DIR"
  AIME_CI_POSTGRES_DIR=
}
