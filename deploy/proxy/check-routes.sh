#!/usr/bin/env bash
# Tries the Caddyfile's routes without Docker: runs Caddy (https on 18443) in front of six stub servers that
# answer with their own name, and prints which one each request reached. Needs caddy, python3 and curl.
#   deploy/proxy/check-routes.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
cat >"$work/stub.py" <<'PY'
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
name, port = sys.argv[1], int(sys.argv[2])
class Stub(BaseHTTPRequestHandler):
    def answer(self):
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        body = f"{name} (X-Forwarded-Proto {self.headers.get('X-Forwarded-Proto')})".encode()
        self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = do_HEAD = do_OPTIONS = answer
    def log_message(self, *args): pass
ThreadingHTTPServer(('127.0.0.1', port), Stub).serve_forever()
PY
for stub in "command-side-1 18080" "command-side-2 18090" "query-side-1 18081" "query-side-2 18091" "web 18082" "grafana 13000"; do
  python3 "$work/stub.py" $stub & pids+=($!)
done
sed -e 's/command-side-1:8080/127.0.0.1:18080/; s/command-side-2:8080/127.0.0.1:18090/' \
    -e 's/query-side-1:8081/127.0.0.1:18081/g; s/query-side-2:8081/127.0.0.1:18091/g; s/web:8082/127.0.0.1:18082/' \
    -e 's/grafana:3000/127.0.0.1:13000/' \
    -e 's#^http://:8081#http://:18181#' \
    -e "s#skip_install_trust#skip_install_trust\n\thttp_port 18480\n\thttps_port 18443\n\tadmin localhost:12019\n\tstorage file_system $work/data#" \
    "$here/Caddyfile" >"$work/Caddyfile"
caddy run --config "$work/Caddyfile" --adapter caddyfile >"$work/caddy.log" 2>&1 & pids+=($!)
sleep 12 # past the first active health check
for request in "POST /api/promises" "POST /api/promises/p1/activities" "POST /api/promises/p1/findings" \
    "GET /api/promises" "GET /api/promises/p1/progress" "OPTIONS /api/promises" "GET /api/operations/event-problems" \
    "GET /" "GET /loften/p1" "POST /api/promisesX" "GET /actuator/health" "GET /actuator/prometheus" \
    "GET /grafana/" "GET /grafana/d/medborgarlofte-drift"; do
  set -- $request
  printf '%-40s -> %s\n' "$request" "$(curl -sk --resolve localhost:18443:127.0.0.1 -X "$1" "https://localhost:18443$2")"
done
printf '%-40s -> %s\n' "GET http://localhost/loften/p1" \
  "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' http://localhost:18480/loften/p1)"
printf '%-40s -> %s\n' "GET http://proxy:8081/api/promises" "$(curl -s http://127.0.0.1:18181/api/promises)"
