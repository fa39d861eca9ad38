-- wrk script for bench/run.py: counts error responses (any status below 200 or from 400 up;
-- a redirect is an answer) across threads and prints one JSON line (prefixed WRK_JSON) with
-- throughput, latency percentiles and errors. bench/varied.lua loads it too.
local threads = {}

function setup(thread)
  thread:set("bad_status", 0)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status < 200 or status >= 400 then
    bad_status = bad_status + 1
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  for _, thread in ipairs(threads) do
    bad_total = bad_total + thread:get("bad_status")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, '
      .. '"p90_us": %d, "p99_us": %d, "max_us": %d, "errors_connect": %d, '
      .. '"errors_read": %d, "errors_write": %d, "errors_status": %d, '
      .. '"errors_timeout": %d, "bad_status": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, bad_total))
end
