-- Joint operations (the joint space), police encounters and social-services support
-- (ARCHITECTURE.md, "Compartments"; issue 4). Codes of types, offences and support kinds are
-- configuration (DOMAIN.md: lists are data), so they are plain TEXT here, checked by the services.

-- An operation (insats). Its plan is the joint space of police and social services and holds no
-- personal data: the services refuse free text with identity numbers, phone numbers or e-mail
-- addresses. Times are Unix microseconds.
CREATE TABLE operations (
  id {{id}},
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  place TEXT NOT NULL,
  planned_start BIGINT NOT NULL,
  planned_end BIGINT NOT NULL,
  lead_unit_id BIGINT NOT NULL REFERENCES units (id),
  state TEXT NOT NULL CHECK (state IN ('planned', 'briefed', 'active', 'debriefed', 'closed')),
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  updated_at BIGINT NOT NULL,
  CHECK (planned_end > planned_start)
);

CREATE INDEX operations_municipality ON operations (municipality_code, planned_start);
CREATE INDEX operations_lead_unit ON operations (lead_unit_id, planned_start);

-- Each step of the lifecycle, with who took it and when.
CREATE TABLE operation_transitions (
  id {{id}},
  operation_id BIGINT NOT NULL REFERENCES operations (id),
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id)
);

CREATE INDEX operation_transitions_operation ON operation_transitions (operation_id);

-- Users of police and social services taking part. Their units can see the joint space.
CREATE TABLE operation_participants (
  operation_id BIGINT NOT NULL REFERENCES operations (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  added_at BIGINT NOT NULL,
  added_by BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (operation_id, user_id)
);

CREATE INDEX operation_participants_user ON operation_participants (user_id);

-- Ads the operation targets: a site and the ad's reference there (public material), until the
-- ad module links them by id.
CREATE TABLE operation_targets (
  id {{id}},
  operation_id BIGINT NOT NULL REFERENCES operations (id),
  site TEXT NOT NULL,
  reference TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  added_by BIGINT NOT NULL REFERENCES users (id),
  UNIQUE (operation_id, site, reference)
);

-- The operation log: timed entries and counts, never personal data. Entries are not edited; a
-- correction is a new entry.
CREATE TABLE operation_log (
  id {{id}},
  operation_id BIGINT NOT NULL REFERENCES operations (id),
  at BIGINT NOT NULL,
  text TEXT NOT NULL,
  contacts_sellers INTEGER NOT NULL DEFAULT 0 CHECK (contacts_sellers >= 0),
  contacts_buyers INTEGER NOT NULL DEFAULT 0 CHECK (contacts_buyers >= 0),
  offers_made INTEGER NOT NULL DEFAULT 0 CHECK (offers_made >= 0),
  offers_accepted INTEGER NOT NULL DEFAULT 0 CHECK (offers_accepted >= 0),
  concern_tasks_opened INTEGER NOT NULL DEFAULT 0 CHECK (concern_tasks_opened >= 0),
  buyers_reported INTEGER NOT NULL DEFAULT 0 CHECK (buyers_reported >= 0),
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id)
);

CREATE INDEX operation_log_operation ON operation_log (operation_id, at);

-- Idempotency keys of submits (the on-the-spot page retries): a retried request with the same key
-- returns the record the first one made. `scope` names the kind of record, `fingerprint` the
-- request, so a key reused for a different request is refused. Written in the same transaction as
-- the record.
CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL REFERENCES users (id),
  request_key TEXT NOT NULL,
  scope TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  record_id BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, request_key)
);

-- Police compartment: an encounter during an operation. The person, when known, is a record in
-- the police unit's person register (its key is the pseudonym of the identity number). Notes are
-- encrypted.
CREATE TABLE encounters (
  id {{id}},
  operation_id BIGINT NOT NULL REFERENCES operations (id),
  unit_id BIGINT NOT NULL REFERENCES units (id),
  role TEXT NOT NULL CHECK (role IN ('buyer', 'seller', 'other')),
  person_id BIGINT REFERENCES persons (id),
  age INTEGER,
  age_band TEXT NOT NULL,
  offence TEXT,
  case_number TEXT,
  notes_enc TEXT,
  occurred_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  updated_at BIGINT NOT NULL
);

CREATE INDEX encounters_operation ON encounters (operation_id, unit_id);
CREATE INDEX encounters_unit ON encounters (unit_id, occurred_at);

-- Social-services compartment: a contact with a person who sells, a buyer or a relative, on an
-- operation or not.
CREATE TABLE contacts (
  id {{id}},
  operation_id BIGINT REFERENCES operations (id),
  unit_id BIGINT NOT NULL REFERENCES units (id),
  role TEXT NOT NULL CHECK (role IN ('seller', 'buyer', 'relative')),
  person_id BIGINT REFERENCES persons (id),
  age INTEGER,
  age_band TEXT NOT NULL,
  language TEXT,
  interpreter INTEGER NOT NULL DEFAULT 0 CHECK (interpreter IN (0, 1)),
  notes_enc TEXT,
  occurred_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  updated_at BIGINT NOT NULL
);

CREATE INDEX contacts_operation ON contacts (operation_id, unit_id);
CREATE INDEX contacts_unit ON contacts (unit_id, occurred_at);

-- Support offered in a contact, and the answer.
CREATE TABLE support_offers (
  id {{id}},
  contact_id BIGINT NOT NULL REFERENCES contacts (id),
  kind TEXT NOT NULL,
  answer TEXT NOT NULL CHECK (answer IN ('accepted', 'declined', 'later')),
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  updated_at BIGINT NOT NULL
);

CREATE INDEX support_offers_contact ON support_offers (contact_id);

-- A referral to a kind of support: sent → accepted | declined (reason) → completed, or withdrawn.
CREATE TABLE referrals (
  id {{id}},
  contact_id BIGINT NOT NULL REFERENCES contacts (id),
  kind TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('sent', 'accepted', 'declined', 'completed', 'withdrawn')),
  decline_reason TEXT,
  due_on TEXT,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  updated_at BIGINT NOT NULL
);

CREATE INDEX referrals_contact ON referrals (contact_id);
CREATE INDEX referrals_open ON referrals (state, due_on);

CREATE TABLE referral_transitions (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  reason TEXT,
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id)
);

CREATE INDEX referral_transitions_referral ON referral_transitions (referral_id);

-- A follow-up due on a date (YYYY-MM-DD), assigned to a user; the outcome is encrypted.
CREATE TABLE follow_ups (
  id {{id}},
  contact_id BIGINT NOT NULL REFERENCES contacts (id),
  due_on TEXT NOT NULL,
  assigned_to BIGINT NOT NULL REFERENCES users (id),
  outcome_enc TEXT,
  done_at BIGINT,
  done_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id)
);

CREATE INDEX follow_ups_assigned ON follow_ups (assigned_to, due_on);
CREATE INDEX follow_ups_contact ON follow_ups (contact_id);

-- Consent of the person in a contact: to share with the police, or to be counted in statistics;
-- given orally or in writing; withdrawn when.
CREATE TABLE consents (
  id {{id}},
  contact_id BIGINT NOT NULL REFERENCES contacts (id),
  scope TEXT NOT NULL CHECK (scope IN ('share_with_police', 'statistics')),
  form TEXT NOT NULL CHECK (form IN ('oral', 'written')),
  given_at BIGINT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users (id),
  withdrawn_at BIGINT,
  withdrawn_by BIGINT REFERENCES users (id)
);

CREATE INDEX consents_contact ON consents (contact_id);
