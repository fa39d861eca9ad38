#!/usr/bin/env bash
# `make bench` step 1: install wrk, Redis and PostgreSQL if missing, and start PostgreSQL (as
# .ci/run) and a Redis on 127.0.0.1 (the second half of the table runs with REDIS_URL, as
# production does).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! pg_isready -q -h 127.0.0.1; then
  echo "== starting PostgreSQL"
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
  [ -n "$cluster" ] || { echo "no PostgreSQL cluster found"; exit 1; }
  pg_ctlcluster $cluster start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  pg_isready -h 127.0.0.1
fi
su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" \
  || echo "could not set the postgres password; set BENCH_DATABASE_URL to a database you can use"
# Redis: the one answering on 127.0.0.1:6379, or one started here that keeps nothing on disk.
# The bench uses a database number of its own (BENCH_REDIS_URL, /13) and empties only that one.
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "== starting Redis on 127.0.0.1:6379"
  redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --dir /tmp \
    --daemonize yes --logfile /tmp/infostory-bench-redis.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.2; done
  redis-cli -h 127.0.0.1 ping
fi
