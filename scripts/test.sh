#!/usr/bin/env bash
# Runs every test of MedicalApp, as CI does: unit, both databases, HTTP and browser tests.
#   ./scripts/test.sh
# It installs Chromium with apt when missing, starts a throwaway PostgreSQL 15 cluster from the installed binaries
# (removed afterwards), checks that neither provider has model changes without a migration, runs `dotnet test`,
# and ends with the line "N passed, N failed". It exits non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/TestResults"
pg_bin=/usr/lib/postgresql/15/bin

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "error: '$*' needs root" >&2; exit 1; fi; }

# --- Chromium for the browser tests (Debian's package; Playwright cannot download browsers here) ---
if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing Chromium (apt)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi
[ -x /usr/bin/chromium ] || { echo "error: Chromium is missing and could not be installed" >&2; exit 1; }

# --- PostgreSQL 15: a throwaway cluster on a free port, trust authentication on loopback only ---
if [ ! -x "$pg_bin/initdb" ]; then
  echo "==> Installing PostgreSQL 15 (apt)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql-15 >/dev/null
fi
[ -x "$pg_bin/initdb" ] || { echo "error: PostgreSQL 15 binaries are missing ($pg_bin)" >&2; exit 1; }

pg_dir="$(mktemp -d /tmp/medicalapp-pg.XXXXXX)"
pg_port=$(( 55400 + RANDOM % 500 ))
pg_user_run=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pg_dir"; pg_user_run=(runuser -u postgres --); fi
stop_postgres() {
  "${pg_user_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT
echo "==> Starting PostgreSQL 15 on 127.0.0.1:$pg_port"
"${pg_user_run[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${pg_user_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
export MEDICALAPP_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=false"

# --- Build, then refuse model changes that have no migration, for either provider ---
echo "==> Building"
dotnet tool restore >/dev/null
dotnet build MedicalApp.sln -c Debug -nologo -v quiet
for provider in Postgres Sqlite; do
  echo "==> Checking for $provider model changes without a migration"
  dotnet ef migrations has-pending-model-changes --no-build --project MedicalApp.Data \
    --context "${provider}MedicalDbContext" >/dev/null \
    || { echo "error: the $provider model has changes without a migration (see README: adding a migration)" >&2; exit 1; }
done

# --- Tests ---
echo "==> Running tests"
rm -rf "$results"
status=0
dotnet test MedicalApp.sln --no-build -nologo --logger "trx;LogFileName=results.trx" --results-directory "$results" || status=$?

# dotnet test prints no "N passed, N failed" line; write it from the TRX counters.
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$(( passed + $(value passed) ))
  failed=$(( failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted) ))
done
[ "$passed" -gt 0 ] || status=1   # no test ran is a failure, never a pass
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "Screenshots of the browser tests: $results/screenshots"
echo "$passed passed, $failed failed"
exit "$status"
