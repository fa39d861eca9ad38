#!/usr/bin/env bash
# `make bench` step 1: install wrk and PostgreSQL if missing, and start PostgreSQL (as .ci/run).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
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
