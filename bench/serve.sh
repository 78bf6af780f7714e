# Sourced by bench/load and bench/lighthouse: serve an app under gunicorn on loopback.

pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT INT TERM

if [ ! -x .venv/bin/gunicorn ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[prod]'
fi

# serve APP [DIR]: gunicorn with the project's settings on a free port; sets $base.
serve() {
  local port
  port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  .venv/bin/gunicorn --config gunicorn.conf.py --chdir "${2:-.}" --bind "127.0.0.1:$port" \
    --workers 2 --access-logfile /dev/null "$1" >/dev/null 2>&1 &
  pids+=($!)
  base="http://127.0.0.1:$port"
  for _ in $(seq 100); do
    curl -fs "$base/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "gunicorn did not start for $1" >&2
  exit 1
}

# stop: end the server started last.
stop() {
  kill "${pids[-1]}" 2>/dev/null || true
  wait "${pids[-1]}" 2>/dev/null || true
  unset 'pids[-1]'
}
