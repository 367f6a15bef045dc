#!/bin/sh
# First start of the postgres container: create MedicalApp's roles and database with the passwords from the
# environment (see docker-compose.yml). Runs create-roles.sql, the same script operators run by hand.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v db=medicalapp \
  -v owner=medicalapp_owner -v owner_password="$MEDICALAPP_OWNER_PASSWORD" \
  -v app=medicalapp_app -v app_password="$MEDICALAPP_APP_PASSWORD" \
  -v platform=medicalapp_platform -v platform_password="$MEDICALAPP_PLATFORM_PASSWORD" \
  -f /medicalapp/create-roles.sql
