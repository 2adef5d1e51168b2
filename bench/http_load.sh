#!/usr/bin/env bash
# HTTP load benchmark: starts the release server on a scratch SQLite database and loads
# GET /healthz and GET /api/v1/municipalities (a JSON endpoint that reads 290 rows from the
# database) with wrk at 10 and at 1,000 connections, printing requests per second and p99 latency.
#
#   make bench            (builds the bench preset first)
#   bash bench/http_load.sh [BINARY] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/release/samverkan}"
duration="${2:-10}"
[ -x "$bin" ] || { echo "build the release preset first (make release)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (bash scripts/install-deps.sh)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" keys init --file "$work/keys.toml" >/dev/null
# The benchmark measures the server, not the per-client rate limit: lift it.
SAMVERKAN_SECURITY_KEY_FILE="$work/keys.toml" \
SAMVERKAN_SERVER_RATE_LIMIT_PER_SECOND=1000000 SAMVERKAN_SERVER_RATE_LIMIT_BURST=1000000 \
SAMVERKAN_LOG_LEVEL=warn \
  "$bin" serve --listen 127.0.0.1:0 --database "sqlite://$work/bench.db" --web-root "" \
  > "$work/stdout" 2> "$work/stderr" &
pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/stdout" 2>/dev/null && break
  sleep 0.1
done
url="$(sed -n 's/^samverkan listening on //p' "$work/stdout")"
[ -n "$url" ] || { cat "$work/stderr" >&2; exit 1; }

# Report as: endpoint, connections, requests/s, p99 latency.
cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA
printf "%-26s %11s %14s %12s %8s\n" endpoint connections requests/s "p99 (ms)" errors
for path in /healthz /api/v1/municipalities; do
  for conns in 10 1000; do
    threads=2
    line="$(wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -s "$work/report.lua" \
      "$url$path" | grep '^RESULT')"
    read -r _ rps p99 sockerr statuserr <<<"$line"
    printf "%-26s %11s %14s %12s %8s\n" "$path" "$conns" "$rps" "$p99" "$((sockerr + statuserr))"
  done
done
