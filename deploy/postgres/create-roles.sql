-- Creates MedicalApp's PostgreSQL roles (three login roles, and the owner of the patient search function) and its
-- database. Run once per server, as a superuser:
--
--   psql -v ON_ERROR_STOP=1 -v db=medicalapp \
--        -v owner=medicalapp_owner -v owner_password='…' \
--        -v app=medicalapp_app -v app_password='…' \
--        -v platform=medicalapp_platform -v platform_password='…' \
--        -f deploy/postgres/create-roles.sql
--
-- owner     owns the schema and runs the migrations. Tenant tables FORCE row-level security, so even it sees
--           nothing of a practice without app.tenant_id set.
-- app       what the web app connects as: data manipulation only, not the owner, NOBYPASSRLS.
-- platform  BYPASSRLS, used only by the platform console's explicit, audited cross-practice path.
-- medicalapp_search  (fixed name, NOLOGIN, BYPASSRLS) owns the SECURITY DEFINER patient search function. Under
--           row-level security LIKE/ILIKE are not leakproof, so a plain query cannot use the trigram indexes; the
--           function filters by app.tenant_id itself and may use them. Only the owner may become it (to create
--           the function in a migration), and only the app and platform roles may execute its functions.
-- Re-running it is harmless: existing roles and the database are kept, grants are re-applied.

\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS', :'owner', :'owner_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT', :'app', :'app_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS NOINHERIT', :'platform', :'platform_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'platform') \gexec

-- Cluster-wide and shared by every database on the server; several test databases may run this script at once,
-- so a concurrent creation is not an error.
DO $$
BEGIN
    CREATE ROLE medicalapp_search NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

GRANT medicalapp_search TO :"owner";

SELECT format('CREATE DATABASE %I OWNER %I TEMPLATE template0 ENCODING ''UTF8''', :'db', :'owner')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec

\connect :db

-- Only the owner creates objects; the other two may use what it creates.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO :"owner";
GRANT USAGE ON SCHEMA public TO :"app", :"platform";

-- Every table the owner creates from now on (each migration) is usable by the app and platform roles.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app", :"platform";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app", :"platform";

-- And the tables that already exist, when this is re-run on a migrated database.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app", :"platform";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app", :"platform";
-- Except the migration history, which only the owner writes (migration LockMigrationHistory); the others read it.
SELECT format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.%I FROM %I, %I', '__EFMigrationsHistory', :'app', :'platform')
WHERE to_regclass('public."__EFMigrationsHistory"') IS NOT NULL \gexec

-- The patient search function (migration PatientSearch) is created by the owner as medicalapp_search. It reads the
-- patients table only; it is executable by the app and platform roles only, never by PUBLIC. Default privileges,
-- not a group role: the app and platform roles are NOINHERIT, so privileges granted to a group would not reach them.
GRANT USAGE, CREATE ON SCHEMA public TO medicalapp_search;
ALTER DEFAULT PRIVILEGES FOR ROLE medicalapp_search REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE medicalapp_search IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO :"app", :"platform";

-- And the functions that already exist, when this is re-run on a migrated database (for example with a new app role).
SELECT format('GRANT EXECUTE ON FUNCTION %s TO %I, %I', p.oid::regprocedure, :'app', :'platform')
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND p.proowner = 'medicalapp_search'::regrole \gexec
