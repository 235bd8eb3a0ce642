-- First start of the compose stack's PostgreSQL: one database per subgraph,
-- the audit store and its witness, Keycloak's; the audit logins of the
-- gateway (writer) and of the audit subgraph (reader). The group roles are
-- created here so the logins can join them before `audit migrate` runs
-- (migrate creates them only when missing). Passwords come from the
-- environment of the postgres container (deploy/.env, never checked in).
\set audit_writer_password `echo "$AUDIT_WRITER_PASSWORD"`
\set audit_reader_password `echo "$AUDIT_READER_PASSWORD"`
\set keycloak_password `echo "$KEYCLOAK_DB_PASSWORD"`

CREATE DATABASE cmb_beneficiaries;
CREATE DATABASE cmb_providers;
CREATE DATABASE cmb_medicines;
CREATE DATABASE cmb_care_pathways;
CREATE DATABASE cmb_medical_records;
CREATE DATABASE cmb_registry;
CREATE DATABASE cmb_cnss_claims;
CREATE DATABASE cmb_audit;
CREATE DATABASE cmb_audit_witness;

CREATE ROLE cmb_audit_writer NOLOGIN;
CREATE ROLE cmb_audit_reader NOLOGIN;
CREATE ROLE cmb_audit_retention NOLOGIN;
CREATE ROLE gw_audit LOGIN PASSWORD :'audit_writer_password' IN ROLE cmb_audit_writer;
CREATE ROLE audit_reader LOGIN PASSWORD :'audit_reader_password' IN ROLE cmb_audit_reader;

CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE keycloak OWNER keycloak;
