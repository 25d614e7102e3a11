-- Shared by every scenario: prints one machine-readable line with the run's numbers.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format(
    "BENCH {\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"errors\":%d,\"status_errors\":%d}\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors, summary.errors.status))
end

-- Each wrk thread has its own Lua state: setup() numbers them so that generated emails never collide.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

json_headers = { ["Content-Type"] = "application/json" }

-- A POST /users request with an email unique to this run, thread and request.
function sign_up(prefix, counter)
  local body = string.format('{"name":"%s %d","email":"%s%d-%d-%d@bench.example.com"}',
    prefix, counter, string.lower(string.sub(prefix, 1, 1)), os.time(), tid, counter)
  return wrk.format("POST", "/users", json_headers, body)
end
