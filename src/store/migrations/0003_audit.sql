-- The audit trail (src/security/audit.h): one row per audited action, append-only, each row
-- chained to the one before it by a keyed BLAKE2b-256 hash. `seq` is assigned by the application
-- as the previous seq + 1 under a lock, not by the database: the chain needs an order without gaps,
-- which an identity column does not give (a rolled-back insert leaves a gap).

CREATE TABLE audit_events (
  seq BIGINT PRIMARY KEY CHECK (seq > 0),
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  username TEXT NOT NULL,
  unit_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  compartment TEXT NOT NULL,
  purpose TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  request_id TEXT NOT NULL,
  client TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

-- "Who touched this record", newest first: seq in the index saves the sort.
CREATE INDEX audit_events_record ON audit_events (record_type, record_id, seq);

CREATE INDEX audit_events_at ON audit_events (at);

-- Append-only in the database too, so that a bug or a hand-written statement cannot change the
-- trail; someone who owns the database can still drop these, which Verify() then detects.
-- SQLite: a trigger per statement kind (the `;` inside a trigger body must not end a line).
{{sqlite}} CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

{{sqlite}} CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

-- PostgreSQL: one refusing function, for rows (UPDATE, DELETE) and for TRUNCATE, which fires no
-- row triggers.
{{postgres}} CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$;

{{postgres}} CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

{{postgres}} CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
