-- Disclosure between agencies (uppgiftslämnande, DOMAIN.md): chosen fields of one record of the
-- sender's compartment, to one receiving unit, on a legal ground from the configured list, with a
-- justification. The snapshot of the disclosed fields is taken when the disclosure is made; a
-- ground that needs review waits for a second user's approval before the receiver sees it.
-- Corrections of concern reports keep their history.

CREATE TABLE disclosures (
  id {{id}},
  record_type TEXT NOT NULL CHECK (record_type IN ('encounter', 'contact')),
  record_id BIGINT NOT NULL,
  from_unit_id BIGINT NOT NULL REFERENCES units (id),
  from_compartment TEXT NOT NULL CHECK (from_compartment IN ('police', 'social')),
  to_unit_id BIGINT NOT NULL REFERENCES units (id),
  legal_ground TEXT NOT NULL,
  justification_enc TEXT NOT NULL,
  consent_id BIGINT,
  state TEXT NOT NULL CHECK (state IN ('awaiting_approval', 'sent', 'rejected')),
  requested_at BIGINT NOT NULL,
  requested_by BIGINT NOT NULL REFERENCES users (id),
  reviewed_at BIGINT,
  reviewed_by BIGINT REFERENCES users (id),
  review_note_enc TEXT,
  sent_at BIGINT
);

CREATE INDEX disclosures_record ON disclosures (record_type, record_id);
CREATE INDEX disclosures_to ON disclosures (to_unit_id, state, sent_at);
CREATE INDEX disclosures_from ON disclosures (from_unit_id, state);

-- The disclosed fields as they were when disclosed, in the order shown.
CREATE TABLE disclosure_fields (
  id {{id}},
  disclosure_id BIGINT NOT NULL REFERENCES disclosures (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  value_enc TEXT NOT NULL,
  UNIQUE (disclosure_id, position)
);

-- A report's text as it was before each correction; the report holds the current text.
CREATE TABLE concern_report_corrections (
  id {{id}},
  report_id BIGINT NOT NULL REFERENCES concern_reports (id),
  previous_text_enc TEXT NOT NULL,
  reason_enc TEXT NOT NULL,
  corrected_at BIGINT NOT NULL,
  corrected_by BIGINT NOT NULL REFERENCES users (id)
);

CREATE INDEX concern_report_corrections_report ON concern_report_corrections (report_id);
