# Services the test suite needs. Sourced by .ci/run. Tests start their own throw-away servers on free
# loopback ports: redis-server processes, and PostgreSQL clusters (initdb into a temporary folder, run as
# the postgres user when CI runs as root). This makes sure the binaries are there (Debian's packages).

_sudo() {
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo "$@"; else "$@"; fi
}

_apt_install() {
  echo "::: installing $* from apt"
  if [ -z "${_apt_updated:-}" ]; then
    _sudo apt-get update -qq >/dev/null 2>&1
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive _sudo apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    echo "::: could not install $*"
    return 1
  }
}

# The newest PostgreSQL bin folder in Debian's layout, or the folder of initdb on the PATH.
_postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

start_services() {
  local status=0
  if ! command -v redis-server >/dev/null 2>&1; then
    if _apt_install redis-server; then
      # Debian's package starts a system instance on 6379; the tests do not use it.
      _sudo service redis-server stop >/dev/null 2>&1 || true
    else
      status=1
    fi
  fi
  redis-server --version || status=1

  if [ -z "$(_postgres_bin)" ]; then
    if _apt_install postgresql; then
      # Debian's package creates and starts a cluster on 5432; the tests start their own.
      _sudo service postgresql stop >/dev/null 2>&1 || true
      command -v pg_ctlcluster >/dev/null 2>&1 &&
        for cluster in /etc/postgresql/*/*; do
          [ -d "$cluster" ] && _sudo pg_ctlcluster "$(basename "$(dirname "$cluster")")" "$(basename "$cluster")" stop >/dev/null 2>&1
        done
    else
      status=1
    fi
  fi
  local bin
  bin=$(_postgres_bin)
  if [ -n "$bin" ]; then
    "$bin/postgres" --version
  else
    echo "::: PostgreSQL binaries (initdb, pg_ctl, postgres) not found"
    status=1
  fi
  return $status
}
stop_services() { return 0; }
