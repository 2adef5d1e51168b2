-- Retention (gallring, DOMAIN.md): legal holds that stop the deletion of a record, and the claims
-- of background jobs, so that one daily run happens once however many servers share the database.

-- A legal hold (rättsligt kvarhållande) on one record of a compartment: placed by a commander or
-- case officer of the record's own unit, with a reason (encrypted: src/security/field_cipher.h);
-- released by whom and when. A record with a hold not released is never deleted, nor its
-- dependents. Released holds go with the record when it is deleted.
CREATE TABLE legal_holds (
  id {{id}},
  record_type TEXT NOT NULL CHECK (record_type IN ('encounter', 'contact')),
  record_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units (id),
  compartment TEXT NOT NULL CHECK (compartment IN ('police', 'social')),
  reason_enc TEXT NOT NULL,
  placed_at BIGINT NOT NULL,
  placed_by BIGINT NOT NULL REFERENCES users (id),
  released_at BIGINT,
  released_by BIGINT REFERENCES users (id),
  CHECK ((released_at IS NULL) = (released_by IS NULL))
);

CREATE INDEX legal_holds_record ON legal_holds (record_type, record_id, released_at);
CREATE INDEX legal_holds_unit ON legal_holds (unit_id, released_at);

-- One row per run of a daily background job: the first server to insert (job, day) runs it, the
-- others find the row and skip. `day` is the Swedish date YYYY-MM-DD; `claimed_by` names the
-- process (host:pid); `outcome` is ok or failed once finished, with counts in `detail`.
CREATE TABLE job_runs (
  job TEXT NOT NULL,
  day TEXT NOT NULL,
  claimed_at BIGINT NOT NULL,
  claimed_by TEXT NOT NULL,
  finished_at BIGINT,
  outcome TEXT CHECK (outcome IN ('ok', 'failed')),
  detail TEXT,
  PRIMARY KEY (job, day)
);
