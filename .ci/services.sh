# Services the test suite needs. Sourced by .ci/run. Tests start their own throw-away redis-server
# processes on free loopback ports; this makes sure the binary is there (from Debian's packages).
start_services() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "::: installing redis-server from apt"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
    $sudo apt-get update -qq >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null 2>&1 || {
      echo "::: could not install redis-server"
      return 1
    }
    # Debian's package starts a system instance on 6379; the tests do not use it.
    $sudo service redis-server stop >/dev/null 2>&1 || true
  fi
  redis-server --version
}
stop_services() { return 0; }
