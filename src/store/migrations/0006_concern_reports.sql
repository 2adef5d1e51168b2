-- Concern reports about children (orosanmälan, DOMAIN.md): a task opened when a person who may be
-- under 18 is met, ended only by filing a report or by recording why none is made; reports go to
-- the social services of the child's municipality, whose case officer acknowledges them. Reports
-- are never deleted.

CREATE TABLE concern_tasks (
  id {{id}},
  unit_id BIGINT NOT NULL REFERENCES units (id),
  compartment TEXT NOT NULL CHECK (compartment IN ('police', 'social')),
  source_type TEXT NOT NULL CHECK (source_type IN ('encounter', 'contact', 'ad')),
  source_id BIGINT NOT NULL,
  operation_id BIGINT REFERENCES operations (id),
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  age_band TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  assigned_to BIGINT NOT NULL REFERENCES users (id),
  state TEXT NOT NULL CHECK (state IN ('open', 'reported', 'no_report')),
  no_report_reason_enc TEXT,
  closed_at BIGINT,
  closed_by BIGINT REFERENCES users (id),
  UNIQUE (source_type, source_id)
);

CREATE INDEX concern_tasks_open ON concern_tasks (unit_id, state, due_at);

CREATE TABLE concern_reports (
  id {{id}},
  task_id BIGINT NOT NULL UNIQUE REFERENCES concern_tasks (id),
  from_unit_id BIGINT NOT NULL REFERENCES units (id),
  to_unit_id BIGINT NOT NULL REFERENCES units (id),
  legal_ground TEXT NOT NULL,
  text_enc TEXT NOT NULL,
  filed_at BIGINT NOT NULL,
  filed_by BIGINT NOT NULL REFERENCES users (id),
  acknowledged_at BIGINT,
  acknowledged_by BIGINT REFERENCES users (id)
);

CREATE INDEX concern_reports_to ON concern_reports (to_unit_id, acknowledged_at);
