-- The foundation: reference data (counties, municipalities), units and their users.
-- SQL both SQLite and PostgreSQL accept; {{id}} and {{blob}} are replaced per database, and a
-- statement ends with `;` at the end of a line (src/store/README.md).

-- Swedish counties (län), by their two-digit code. Filled by the application from CSV.
CREATE TABLE counties (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL
);

-- Swedish municipalities (kommuner), by their four-digit code. Filled by the application from CSV.
CREATE TABLE municipalities (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  county_code TEXT NOT NULL
);

CREATE INDEX municipalities_county_code ON municipalities (county_code);

-- An organisational unit a user belongs to: one municipality's social services, or a police or
-- regional unit of a county.
CREATE TABLE units (
  id {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('police', 'social_services', 'region')),
  name TEXT NOT NULL UNIQUE,
  municipality_code TEXT,
  county_code TEXT,
  created_at BIGINT NOT NULL,
  CHECK ((kind = 'social_services' AND municipality_code IS NOT NULL)
         OR (kind IN ('police', 'region') AND county_code IS NOT NULL))
);

CREATE TABLE users (
  id {{id}},
  unit_id BIGINT NOT NULL REFERENCES units (id),
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('police_officer', 'police_commander', 'police_analyst',
                                     'social_worker', 'social_case_officer', 'coordinator',
                                     'committee', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at BIGINT NOT NULL
);

CREATE INDEX users_unit_id ON users (unit_id);
