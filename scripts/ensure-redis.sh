#!/usr/bin/env bash
# Make sure a Redis server answers on 127.0.0.1:6379, for the distributed-crawl tests.
# Uses the machine's server if it runs; starts one (loopback only, no persistence) or installs
# redis-server from Debian otherwise.
set -euo pipefail
HOST=127.0.0.1
PORT=6379
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
ready() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h "$HOST" -p "$PORT" ping 2>/dev/null)" = "PONG" ]
  else
    # no client installed: speak the protocol by hand
    exec 3<>"/dev/tcp/$HOST/$PORT" 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    local reply; read -r -t 2 reply <&3 || true
    exec 3>&-
    [ "${reply%$'\r'}" = "+PONG" ]
  fi
}
if ready; then
  echo "Redis ready on $HOST:$PORT"
  exit 0
fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing redis-server from Debian"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server
fi
redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$PORT" --save "" --appendonly no >/dev/null
for _ in $(seq 1 30); do ready && break; sleep 0.5; done
ready || { echo "Redis did not come up on $HOST:$PORT" >&2; exit 1; }
echo "Redis ready on $HOST:$PORT"
