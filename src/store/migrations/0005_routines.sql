-- Written routines as versioned documents, and the checklist each operation follows (issue 5).
-- A routine belongs to a unit: the regional coordination keeps the region's shared library, a
-- police unit or a municipality's social services their own (often adopted from the library).

CREATE TABLE routines (
  id {{id}},
  owner_unit_id BIGINT NOT NULL REFERENCES units (id),
  -- The library routine and version this one was adopted from, if any.
  adopted_from_routine BIGINT REFERENCES routines (id),
  adopted_from_version INTEGER,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id)
);

CREATE INDEX routines_owner ON routines (owner_unit_id);

-- Every version stays: editing adds one. `source` is the document as written (Markdown with a
-- small header, src/routines/routine_document.h); title and valid_from are parsed from it.
CREATE TABLE routine_versions (
  id {{id}},
  routine_id BIGINT NOT NULL REFERENCES routines (id),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  UNIQUE (routine_id, version)
);

-- The steps of a version, in order. `step_key` identifies the same step across versions (its
-- phase and normalised text), so deviations can be counted per step as the routine evolves.
CREATE TABLE routine_steps (
  id {{id}},
  version_id BIGINT NOT NULL REFERENCES routine_versions (id),
  position INTEGER NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('before', 'during', 'after')),
  agency TEXT NOT NULL CHECK (agency IN ('police', 'social', 'both')),
  required INTEGER NOT NULL CHECK (required IN (0, 1)),
  text TEXT NOT NULL,
  step_key TEXT NOT NULL,
  UNIQUE (version_id, position)
);

CREATE INDEX routine_steps_key ON routine_steps (step_key);

-- The routine version an operation follows: fixed when attached, so later edits of the routine
-- do not change an operation's checklist.
CREATE TABLE operation_checklists (
  operation_id BIGINT PRIMARY KEY REFERENCES operations (id),
  routine_version_id BIGINT NOT NULL REFERENCES routine_versions (id),
  attached_at BIGINT NOT NULL,
  attached_by BIGINT NOT NULL REFERENCES users (id)
);

-- A step signed off, or marked as a deviation with the reason (joint space: no personal data).
CREATE TABLE checklist_marks (
  operation_id BIGINT NOT NULL REFERENCES operations (id),
  step_id BIGINT NOT NULL REFERENCES routine_steps (id),
  outcome TEXT NOT NULL CHECK (outcome IN ('signed', 'deviation')),
  reason TEXT,
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (operation_id, step_id),
  CHECK (outcome = 'signed' OR reason IS NOT NULL)
);
