-- Logins and sessions (second factor, throttling) and the person register of each compartment.

-- The second factor: TOTP secrets, encrypted with the field key (security/field_cipher.h).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
-- A secret set up but not yet confirmed with a code.
ALTER TABLE users ADD COLUMN totp_pending TEXT;
-- The last accepted TOTP time step: a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- A logged-in browser. The cookie holds a random token; only its BLAKE2b hash is stored, so a copy
-- of the database cannot be used to take over a session.
CREATE TABLE sessions (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  client TEXT NOT NULL
);

CREATE INDEX sessions_user_id ON sessions (user_id);

-- Failed logins per account ("user:NAME") and per client address ("addr:ADDRESS").
CREATE TABLE login_throttle (
  subject TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at BIGINT NOT NULL,
  blocked_until BIGINT NOT NULL
);

-- A person known in one compartment: the police unit's, or one municipality's social services.
-- person_key is the keyed pseudonym of the identity number (never the number); name and notes
-- are encrypted. Another compartment's record of the same person has another key.
CREATE TABLE persons (
  id {{id}},
  unit_id BIGINT NOT NULL REFERENCES units (id),
  compartment TEXT NOT NULL CHECK (compartment IN ('police', 'social')),
  person_key TEXT,
  name_enc TEXT,
  notes_enc TEXT,
  birth_year INTEGER,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  updated_at BIGINT NOT NULL,
  UNIQUE (unit_id, person_key)
);
