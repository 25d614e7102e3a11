#!/usr/bin/env bash
# PostFlux load benchmark. Starts PostgreSQL (embedded, or $DATABASE_URL), loads 10,000 users x 10 posts, starts
# the packaged server, drives it with wrk on loopback, runs pgbench with the very same SQL as the physical limit,
# and prints a table (also written to target/benchmarks/results.{csv,json}).
#
#   src/bench/run.sh                       # everything, 15 s per run
#   DURATION=30 CONNECTIONS="64 256" src/bench/run.sh
#   PROFILE=1 src/bench/run.sh             # also a CPU flame graph of GET /users/{id} (async-profiler)
#   CDS=0 src/bench/run.sh                 # start the plain jar, without the class data sharing archive
#   AUTH=0 src/bench/run.sh                # without the get_user_auth scenario
#
# Authentication is on, as in production: the server verifies tokens with an HMAC secret made for this run, and
# get_user_auth repeats get_user with a bearer token (minted by the jar's token command) to show what verifying
# a token costs. The per-client write rate limit is off: the load generator is one client by design.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BENCH=src/bench
OUT=target/benchmarks
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-"64 256"}
HTTP_PORT=${HTTP_PORT:-18080}
PG_PORT=${PG_PORT:-55432}
POOL_SIZE=${POOL_SIZE:-16}
SERVER_OPTS=${SERVER_OPTS:-}
AUTH=${AUTH:-1}
export POSTFLUX_SECURITY_JWT_HMAC_SECRET=${POSTFLUX_SECURITY_JWT_HMAC_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}
export POSTFLUX_SECURITY_RATE_LIMIT_ENABLED=false
mkdir -p "$OUT"
: > "$OUT/results.csv.tmp"

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v pgbench >/dev/null || missing+=(postgresql-client)
  command -v psql >/dev/null || missing+=(postgresql-client)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build() {
  if ! ls target/postflux-*.jar >/dev/null 2>&1 || [[ "${REBUILD:-0}" == 1 ]]; then
    log "building the jar"
    ./mvnw -q -B -DskipTests package
  fi
  JAR=$(ls target/postflux-*.jar | grep -v original | head -1)
}

PIDS=()
cleanup() { for pid in "${PIDS[@]:-}"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_database() {
  if [[ -n "${DATABASE_URL:-}" ]]; then
    log "using DATABASE_URL"
    return
  fi
  log "starting the embedded PostgreSQL on port $PG_PORT"
  rm -rf "$OUT/pgdata"
  java -jar "$JAR" embedded-db --port="$PG_PORT" --data-directory="$OUT/pgdata" > "$OUT/postgres.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do grep -q '^DATABASE_URL=' "$OUT/postgres.log" && break; sleep 0.5; done
  export DATABASE_URL=$(grep '^DATABASE_URL=' "$OUT/postgres.log" | cut -d= -f2-)
}

load_data() {
  log "migrating and loading 10,000 users x 10 posts"
  java -jar "$JAR" migrate > "$OUT/migrate.log"
  psql -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -f "$BENCH/data.sql" > /dev/null
  BENCH_TOKEN=$(java -jar "$JAR" token --user=1 --role=member --ttl=4h)
}

# Class data sharing (JDK AppCDS) archive of the extracted jar, trained on one start: the way Spring Boot
# documents fast starts; on JDK 25+ an AOT cache, its successor. CDS=0 starts the plain jar instead.
prepare_cds() {
  [[ "${CDS:-1}" == 1 ]] || return 0
  log "preparing a CDS archive, or on JDK 25+ an AOT cache (extracted jar + training run)"
  rm -rf "$OUT/app"
  java -Djarmode=tools -jar "$JAR" extract --destination "$OUT/app" > /dev/null
  JAR_TO_RUN="$OUT/app/$(basename "$JAR")"
  # Trained with the very -jar path the server is started with: the archive records the class path as given, and
  # a relative path from another directory made the JVM refuse the archive without failing ("top archive failed
  # to load", seen in server.log), so that runs measured no CDS at all.
  if (( $(java_feature_version) >= 25 )); then
    # JDK 25: an AOT cache (JEP 483/514/515) holds what CDS does plus linked classes and method profiles; it
    # started this server 0.7-0.9 s faster than JDK 17 with CDS (docs/benchmarks.md).
    train -XX:AOTCacheOutput="$OUT/app/app.aot"
    SERVER_OPTS="$SERVER_OPTS -XX:AOTCache=$OUT/app/app.aot"
  else
    train -XX:ArchiveClassesAtExit="$OUT/app/app.jsa"
    SERVER_OPTS="$SERVER_OPTS -XX:SharedArchiveFile=$OUT/app/app.jsa"
  fi
}

# The training run starts the server, serves every scenario for two seconds and one stream of each kind, and
# stops it: the JVM writes the archive at exit. Stopping at the context's refresh instead
# (-Dspring.context.exit=onRefresh, until 2026-12-06) left out Netty's start and everything a request loads, and
# its cold starts were about 4% slower (docs/benchmarks.md). Its POSTs add a few hundred users to the data set.
train() { # train <the JVM's archive option>
  local port=$((HTTP_PORT + 1)) pid
  PORT=$port java "$1" -jar "$JAR_TO_RUN" > "$OUT/app/cds-training.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  await_first_request "$port" "$pid" "$OUT/app/cds-training.log"
  for scenario in get_user get_user_auth list_members post_user; do
    wrk -t1 -c4 -d2s -s "$(wrk_script "$scenario")" "http://127.0.0.1:$port" > /dev/null
  done
  curl -sN -H 'Accept: text/event-stream' "http://127.0.0.1:$port/posts?limit=2000" > /dev/null
  curl -sN -H 'Accept: application/x-ndjson' "http://127.0.0.1:$port/posts?limit=2000" > /dev/null
  kill -TERM "$pid"
  wait "$pid" || true
}

# await_first_request <port> <pid> <log>: returns once the server on <port> has served GET /users/1; if its
# process <pid> dies first, prints its <log> and ends the benchmark.
await_first_request() {
  until curl -sf -o /dev/null "http://127.0.0.1:$1/users/1"; do
    kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 0.05
  done
}

# The feature release of the java on the PATH: 17 for "17.0.15", 25 for "25.0.3".
java_feature_version() {
  java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'
}

start_server() {
  log "starting the server (cold start, schema already migrated)"
  local started=$(date +%s%N)
  # shellcheck disable=SC2086
  PORT=$HTTP_PORT java $SERVER_OPTS -jar "${JAR_TO_RUN:-$JAR}" > "$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=($SERVER_PID)
  await_first_request "$HTTP_PORT" "$SERVER_PID" "$OUT/server.log"
  COLD_START_MS=$(( ($(date +%s%N) - started) / 1000000 ))
  if grep -qE 'Unable to use shared archive|Unable to use AOT cache|AOT cache.*(error|mismatch)' "$OUT/server.log"; then
    log "WARNING: the JVM did not use the CDS archive or AOT cache (see $OUT/server.log); the cold start is without it"
  fi
  log "first request served after ${COLD_START_MS} ms"
}

# PROFILE=1: a CPU flame graph of the server during GET /users/{id} at 64 connections, with async-profiler
# (from Maven Central) attached to the running JVM only for that run: target/benchmarks/flamegraph-get_user.html.
prepare_profiler() {
  [[ "${PROFILE:-0}" == 1 ]] || return 0
  log "fetching async-profiler"
  ./mvnw -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:4.6 -DoutputDirectory="$OUT/ap"
  (cd "$OUT/ap" && jar xf async-profiler-4.6.jar linux-x64/libasyncProfiler.so)
  PROFILER="$ROOT/$OUT/ap/linux-x64/libasyncProfiler.so"
}

# jcmd parses "name=value" words as its own named arguments, so the profiler's options are passed quoted: unquoted,
# "start,event=cpu" reached the agent as nothing at all ("file must not be empty").
profile() { # profile start|stop <scenario>
  [[ -n "${PROFILER:-}" ]] || return 0
  if [[ "$1" == start ]]; then
    jcmd "$SERVER_PID" JVMTI.agent_load "$PROFILER" "\"start,event=cpu,interval=1ms\"" >> "$OUT/profiler.log" 2>&1
    return
  fi
  # Collapsed stacks too (one line per stack, for grep and diff), then the flame graph.
  jcmd "$SERVER_PID" JVMTI.agent_load "$PROFILER" "\"dump,file=$ROOT/$OUT/profile-$2.collapsed,collapsed\"" >> "$OUT/profiler.log" 2>&1
  jcmd "$SERVER_PID" JVMTI.agent_load "$PROFILER" "\"stop,file=$ROOT/$OUT/flamegraph-$2.html\"" >> "$OUT/profiler.log" 2>&1
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status"; }

# The server's CPU time so far (user + system, all its threads), in clock ticks. Per request, it is the number the
# ratios hinge on: PostgreSQL, wrk and the server share the cores (docs/benchmarks.md, "The stack's floor").
# With PROFILE=1, the profiled run's figure includes the profiler's own cost.
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

# wrk_run <scenario> <connections>: prints the BENCH json line
wrk_script() { # wrk_script <scenario>: writes the scenario's wrk script and prints its path
  local script="$OUT/$1.lua"
  { printf 'bench_token = "%s"\n' "$BENCH_TOKEN"; cat "$BENCH/wrk/common.lua" "$BENCH/wrk/$1.lua"; } > "$script"
  echo "$script"
}

wrk_run() {
  local script
  script=$(wrk_script "$1")
  wrk -t2 -c"$2" -d"${DURATION}s" --timeout 10s --latency -s "$script" "http://127.0.0.1:$HTTP_PORT" \
    | tee -a "$OUT/wrk.log" | grep '^BENCH ' | cut -d' ' -f2-
}

# pgbench_run <script args...>: prints transactions per second at the pool's size
pgbench_run() {
  pgbench -n -M prepared -c "$POOL_SIZE" -j 2 -T "$DURATION" -D role=member -D name=Bench "$@" "$DATABASE_URL" 2>&1 \
    | tee -a "$OUT/pgbench.log" | awk '/^tps = / {print $3; exit}'
}

json() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

record() { echo "$*" >> "$OUT/results.csv.tmp"; }

# The JIT is still compiling (a quarter of the CPU samples) after one minute of traffic on 2 cores, and with a
# warm-up of mixed traffic alone the first scenarios measured up to 25% below their own later runs at 256
# connections; so every scenario is warmed, twice round, and so is the stream (docs/benchmarks.md).
warm_up() {
  local total=${WARMUP:-180} scenarios=(get_user get_user_auth list_members post_user mixed)
  local each=$(( total / (2 * ${#scenarios[@]}) ))
  log "warming up for ${total} s (not measured): every scenario for ${each} s, twice round"
  for _ in 1 2; do
    for scenario in "${scenarios[@]}"; do
      wrk -t2 -c64 -d"${each}s" -s "$(wrk_script "$scenario")" "http://127.0.0.1:$HTTP_PORT" > /dev/null
    done
  done
  for _ in 1 2 3; do
    curl -sN -H 'Accept: text/event-stream' "http://127.0.0.1:$HTTP_PORT/posts?limit=100000" > /dev/null
  done
}

run_http_scenarios() {
  declare -A LIMIT
  log "pgbench limits (same SQL, $POOL_SIZE clients)"
  LIMIT[get_user]=$(pgbench_run -f "$BENCH/pgbench/get_user.sql")
  LIMIT[list_members]=$(pgbench_run -f "$BENCH/pgbench/list_members.sql")
  LIMIT[post_user]=$(pgbench_run -f "$BENCH/pgbench/post_user.sql")
  LIMIT[mixed]=$(pgbench_run -f "$BENCH/pgbench/get_user.sql@9" -f "$BENCH/pgbench/post_user.sql@1")
  LIMIT[get_user_auth]=${LIMIT[get_user]}
  local scenarios="get_user list_members post_user mixed"
  [[ "$AUTH" == 1 ]] && scenarios="get_user get_user_auth list_members post_user mixed"
  for scenario in $scenarios; do
    for connections in $CONNECTIONS; do
      log "$scenario at $connections connections"
      local result
      [[ "$scenario/$connections" == get_user/64 ]] && profile start
      local ticks_before ticks_after
      ticks_before=$(server_cpu_ticks)
      result=$(wrk_run "$scenario" "$connections")
      ticks_after=$(server_cpu_ticks)
      [[ "$scenario/$connections" == get_user/64 ]] && profile stop "$scenario"
      local rps cpu_us
      rps=$(json "$result" rps)
      cpu_us=$(python3 -c "print(round(($ticks_after - $ticks_before) * 1e6 / $(getconf CLK_TCK) / max(1, $(json "$result" requests))))")
      record "$scenario,$connections,$rps,$(json "$result" p50_ms),$(json "$result" p99_ms),$(json "$result" max_ms),$(json "$result" errors),$(rss_mb),${LIMIT[$scenario]},$(python3 -c "print(round($rps / ${LIMIT[$scenario]}, 2))"),,$cpu_us"
    done
  done
}

# stream_run <rows>: streams that many posts as SSE, sampling the heap; prints "rows_per_second peak_old_gen_mb".
# Young-generation use rises and falls with allocation whatever the stream; what a stream retains would be
# promoted to the old generation, so its peak is the number that must stay flat as rows grow.
stream_run() {
  local samples="$OUT/heap-$1.txt"
  jstat -gc "$SERVER_PID" 100 > "$samples" &
  local sampler=$!
  sleep 1
  local started=$(date +%s%N)
  local rows
  rows=$(curl -sN -H 'Accept: text/event-stream' "http://127.0.0.1:$HTTP_PORT/posts?limit=$1" | grep -c '^event:post')
  local elapsed=$(( $(date +%s%N) - started ))
  kill "$sampler"
  local peak
  peak=$(awk 'NR > 1 {if ($8 > max) max = $8} END {printf "%.0f", max / 1024}' "$samples")
  echo "$(( rows * 1000000000 / elapsed )) $peak $rows"
}

run_stream() {
  log "SSE stream of all posts"
  local limit
  limit=$(pgbench_run -c 1 -j 1 -f "$BENCH/pgbench/stream_page.sql" | awk '{printf "%.0f", $1 * 1000}')
  read -r small_rate small_heap small_rows < <(stream_run 10000)
  read -r rate heap rows < <(stream_run 100000)
  record "sse_stream_10k,1,$small_rate,,,,,$(rss_mb),$limit,$(python3 -c "print(round($small_rate / $limit, 2))"),$small_heap,"
  record "sse_stream_100k,1,$rate,,,,,$(rss_mb),$limit,$(python3 -c "print(round($rate / $limit, 2))"),$heap,"
}

report() {
  {
    echo "scenario,connections,per_second,p50_ms,p99_ms,max_ms,errors,rss_mb,pgbench_limit,ratio,peak_old_gen_mb,server_cpu_us_per_request"
    cat "$OUT/results.csv.tmp"
    echo "cold_start_ms,,$COLD_START_MS,,,,,,,,,"
  } > "$OUT/results.csv"
  rm -f "$OUT/results.csv.tmp"
  python3 - "$OUT/results.csv" "$OUT/results.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
json.dump(rows, open(sys.argv[2], "w"), indent=2)
print()
print(f"{'scenario':<16}{'conn':>6}{'per s':>10}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}{'rss MB':>8}{'pg limit':>10}{'ratio':>7}{'old MB':>9}{'cpu µs':>9}")
for r in rows:
    r = {k: (v or '') for k, v in r.items()}
    if r['pgbench_limit']:
        r['pgbench_limit'] = f"{float(r['pgbench_limit']):.0f}"  # 12438.034869 overflowed its column
    print(f"{r['scenario']:<16}{r['connections']:>6}{r['per_second']:>10}{r['p50_ms']:>9}{r['p99_ms']:>9}{r['max_ms']:>9}{r['errors']:>8}{r['rss_mb']:>8}{r['pgbench_limit']:>10}{r['ratio']:>7}{r['peak_old_gen_mb']:>9}{r['server_cpu_us_per_request']:>9}")
PY
}

ensure_tools
build
prepare_profiler
start_database
load_data
prepare_cds
start_server
warm_up
run_http_scenarios
run_stream
report
