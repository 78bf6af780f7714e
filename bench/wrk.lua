-- wrk script for bench/load. With WRK_BODY set, every request is a form POST (the reveal).
-- done() prints one machine-readable line that bench/load turns into its table.
local body = os.getenv("WRK_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

-- Non-2xx/3xx answers are counted by wrk itself (summary.errors.status): a response()
-- counter here would live in each thread's own Lua state and never reach done().
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f socket_errors=%d status_errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout,
    e.status,
    summary.requests
  ))
end
