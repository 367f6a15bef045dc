#!/usr/bin/env bash
# Runs every test of MedicalApp, as CI does: unit, both databases, HTTP and browser tests.
#   ./scripts/test.sh
# It installs Chromium and Poppler's pdftoppm with apt when missing, starts a throwaway PostgreSQL 15 cluster from the
# installed binaries (removed afterwards), checks that neither provider has model changes without a migration, runs
# `dotnet test`, then the production lane (the app published and deployed as README's "Deploy without Docker" says,
# and the main journeys in Chromium against it), and ends with the line "N passed, N failed". It exits non-zero on any
# failure.
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

# --- Poppler's pdftoppm for the printing tests (they rasterise printed prescriptions; Debian's poppler-utils) ---
if [ ! -x /usr/bin/pdftoppm ]; then
  echo "==> Installing poppler-utils (apt)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq poppler-utils >/dev/null
fi
[ -x /usr/bin/pdftoppm ] || { echo "error: pdftoppm is missing and could not be installed" >&2; exit 1; }

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
lane_dir="$(mktemp -d /tmp/medicalapp-lane.XXXXXX)"
stop_postgres() {
  "${pg_user_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir" "$lane_dir"
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

# --- Tests (all but the production lane, which needs the deployed app below) ---
echo "==> Running tests"
rm -rf "$results"
status=0
dotnet test MedicalApp.sln --no-build -nologo --filter "Lane!=Production" \
  --logger "trx;LogFileName=results.trx" --results-directory "$results" || status=$?

# --- Production lane: the app as deployed (README, "Deploy without Docker": the same steps) ---
# Published in Release, roles and database from deploy/postgres/create-roles.sql, migrations from the EF bundle run as
# the owner role, a key-encryption certificate made with openssl. The lane's test fixture starts the published app in
# Production (host strategy on *.localhost, the application role, SMTP to the tests' own server) and runs the journeys.
lane_started=$SECONDS
lane_status=0
run_lane() {
  local owner_password app_password platform_password certificate_password
  owner_password="$(openssl rand -hex 16)"; app_password="$(openssl rand -hex 16)"
  platform_password="$(openssl rand -hex 16)"; certificate_password="$(openssl rand -hex 16)"
  local pg="Host=127.0.0.1;Port=$pg_port;Database=medicalapp"

  echo "==> Production lane: dotnet publish -c Release"
  dotnet publish MedicalApp.Web/MedicalApp.Web.csproj -c Release -o "$lane_dir/app" -nologo -v quiet
  echo "==> Production lane: migration bundle"
  dotnet ef migrations bundle --project MedicalApp.Data --context PostgresMedicalDbContext --configuration Release \
    -o "$lane_dir/migrate-postgres" --force >/dev/null
  echo "==> Production lane: roles and database (deploy/postgres/create-roles.sql)"
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 -v db=medicalapp \
    -v owner=medicalapp_owner -v owner_password="$owner_password" \
    -v app=medicalapp_app -v app_password="$app_password" \
    -v platform=medicalapp_platform -v platform_password="$platform_password" \
    -f deploy/postgres/create-roles.sql
  echo "==> Production lane: migrations as the owner role"
  "$lane_dir/migrate-postgres" --connection "$pg;Username=medicalapp_owner;Password=$owner_password" >/dev/null
  echo "==> Production lane: key-encryption certificate"
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=MedicalApp Data Protection" \
    -keyout "$lane_dir/dp-key.pem" -out "$lane_dir/dp-cert.pem" 2>/dev/null
  openssl pkcs12 -export -inkey "$lane_dir/dp-key.pem" -in "$lane_dir/dp-cert.pem" \
    -out "$lane_dir/data-protection.pfx" -passout pass:"$certificate_password"
  rm "$lane_dir/dp-key.pem" "$lane_dir/dp-cert.pem"

  echo "==> Production lane: journeys in Chromium against the published app"
  MEDICALAPP_LANE_APP_DIR="$lane_dir/app" \
  MEDICALAPP_LANE_CONNECTION_APP="$pg;Username=medicalapp_app;Password=$app_password" \
  MEDICALAPP_LANE_CONNECTION_PLATFORM="$pg;Username=medicalapp_platform;Password=$platform_password" \
  MEDICALAPP_LANE_KEY_CERTIFICATE="$lane_dir/data-protection.pfx" \
  MEDICALAPP_LANE_KEY_CERTIFICATE_PASSWORD="$certificate_password" \
    dotnet test MedicalApp.Tests/MedicalApp.Tests.csproj --no-build -nologo --filter "Lane=Production" \
      --logger "trx;LogFileName=production-lane.trx" --results-directory "$results"
}
# In a subshell of its own so that `set -e` stops the lane at its first failing step (inside `||` it would not).
set +e
(set -e; run_lane)
lane_status=$?
set -e
echo "==> Production lane took $(( SECONDS - lane_started )) s"
[ "$lane_status" -eq 0 ] || status=$lane_status
# The lane must have run its journeys: a filter that matched nothing would otherwise pass silently.
lane_trx="$results/production-lane.trx"
if [ ! -f "$lane_trx" ] || ! grep -q '<Counters [^>]* passed="[1-9]' "$lane_trx"; then
  echo "error: the production lane ran no passing test" >&2
  [ "$status" -ne 0 ] || status=1
fi

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
