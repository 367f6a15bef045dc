-- Creates MedicalApp's PostgreSQL roles (three login roles, and the owner of the patient search function) and its
-- database. Run once per database, as a superuser:
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
-- {db}_search  (the database's name followed by _search, e.g. medicalapp_search; NOLOGIN, BYPASSRLS) owns the
--           SECURITY DEFINER patient search function of this database. Under row-level security LIKE/ILIKE are not
--           leakproof, so a plain query cannot use the trigram indexes; the function filters by app.tenant_id itself
--           and may use them. One per database, and only this database's owner may become it (to create the function
--           in a migration): a role shared by several databases on one server let the owner of one (staging) read
--           another's (production's) patients and replace its search function. Only the app and platform roles may
--           execute its functions.
-- Only these three login roles may connect to the database (CONNECT is taken from PUBLIC).
-- Re-running it is harmless: existing roles and the database are kept, grants are re-applied. On a database made by
-- an earlier version (one role, medicalapp_search, shared by every database of the server) it also moves the search
-- function to the database's own search role and takes the shared role back from this database's owner; then apply
-- the migrations.

\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS', :'owner', :'owner_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT', :'app', :'app_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS NOINHERIT', :'platform', :'platform_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'platform') \gexec

-- The database's own search role: its name is the database's, so the migrations find it with current_database().
-- PostgreSQL would silently cut a longer name to 63 bytes, and the migrations would then not find it.
\set search :db '_search'
SELECT octet_length(:'search') <= 63 AS search_role_fits \gset
\if :search_role_fits
\else
DO $$ BEGIN RAISE EXCEPTION 'The database name is too long: its search role (the name followed by _search) must fit in 63 bytes.'; END $$;
\endif

SELECT format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS', :'search')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'search') \gexec

-- This database's owner, and nobody else, may become it.
GRANT :"search" TO :"owner";
SELECT format('REVOKE %I FROM %I', :'search', member.rolname)
FROM pg_auth_members m JOIN pg_roles role ON role.oid = m.roleid JOIN pg_roles member ON member.oid = m.member
WHERE role.rolname = :'search' AND member.rolname <> :'owner' \gexec

-- The role earlier versions shared between all databases (a variable only so that tests can name a throwaway one).
\if :{?legacy_search}
\else
\set legacy_search medicalapp_search
\endif

SELECT format('CREATE DATABASE %I OWNER %I TEMPLATE template0 ENCODING ''UTF8''', :'db', :'owner')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec

-- Nobody but the three roles connects: not another database's roles on the same server, nor any role added later.
REVOKE CONNECT ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"owner", :"app", :"platform";

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

-- The patient search function (migration PatientSearch) is created by the owner as the search role. It reads the
-- patients table only; it is executable by the app and platform roles only, never by PUBLIC. Default privileges,
-- not a group role: the app and platform roles are NOINHERIT, so privileges granted to a group would not reach them.
GRANT USAGE, CREATE ON SCHEMA public TO :"search";
ALTER DEFAULT PRIVILEGES FOR ROLE :"search" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE :"search" IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO :"app", :"platform";

-- A database made when the search role was shared: its search function moves to the database's own role (as the
-- superuser this script runs as: the migration SearchRolePerDatabase does the same, but the owner may already have
-- lost the shared role when another database's run of this script took it back), the shared role loses its read
-- access to this database's patients, and this database's owner loses the shared role.
SELECT format('GRANT SELECT ON public.%I TO %I', 'Patients', :'search')
WHERE to_regclass('public."Patients"') IS NOT NULL \gexec
SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, :'search')
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND p.proname = 'search_patients' AND p.proowner::regrole::text <> quote_ident(:'search') \gexec
SELECT format('REVOKE ALL ON public.%I FROM %I', 'Patients', :'legacy_search')
WHERE :'legacy_search' <> :'search' AND to_regclass('public."Patients"') IS NOT NULL
  AND EXISTS (SELECT FROM pg_roles WHERE rolname = :'legacy_search') \gexec
SELECT format('REVOKE USAGE, CREATE ON SCHEMA public FROM %I', :'legacy_search')
WHERE :'legacy_search' <> :'search' AND EXISTS (SELECT FROM pg_roles WHERE rolname = :'legacy_search') \gexec
SELECT format('REVOKE %I FROM %I', :'legacy_search', :'owner')
FROM pg_auth_members m JOIN pg_roles role ON role.oid = m.roleid JOIN pg_roles member ON member.oid = m.member
WHERE role.rolname = :'legacy_search' AND member.rolname = :'owner' AND :'legacy_search' <> :'search' \gexec

-- And the functions that already exist, when this is re-run on a migrated database (for example with a new app role).
SELECT format('GRANT EXECUTE ON FUNCTION %s TO %I, %I', p.oid::regprocedure, :'app', :'platform')
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND p.proowner = :'search'::regrole \gexec
