-- The ad monitoring engine's imported ads (../shared/spec/ads.md; src/adwatch): one row per ad
-- (site + ad_id) with what its texts say, its template and its linked group, kept up to date
-- incrementally as observations arrive. Ads are public material seen by both agencies; what an
-- agency adds to an ad (triage decisions, notes) lives in that agency's compartment.

-- List fields are space-separated (E.164 numbers, lower-case addresses, ages, image hashes
-- contain no spaces); prices are "amount currency minutes" triples separated by ";" (minutes
-- "-" when none). `contents` holds the content hashes (hex) already read, so an observation seen
-- again is not extracted again; `signals` what the ad's own texts show (obfuscated_phone,
-- child_wording, trust_language, emoji_signal, area_mismatch), from which with its group the
-- `indicators` follow; `signature` the MinHash signature of the template text (hex,
-- empty for a text too short to carry a template). `template_id` and `group_id` are the ids of
-- the first ad of the template and of the group.
CREATE TABLE ads (
  id {{id}},
  site TEXT NOT NULL,
  ad_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('escort', 'sugar', 'other')),
  url TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  location TEXT NOT NULL DEFAULT '',
  first_seen BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  observations BIGINT NOT NULL DEFAULT 0,
  phones TEXT NOT NULL DEFAULT '',
  emails TEXT NOT NULL DEFAULT '',
  ages TEXT NOT NULL DEFAULT '',
  prices TEXT NOT NULL DEFAULT '',
  images TEXT NOT NULL DEFAULT '',
  municipality_code TEXT REFERENCES municipalities (code),
  language TEXT NOT NULL DEFAULT '',
  signals TEXT NOT NULL DEFAULT '',
  contents TEXT NOT NULL DEFAULT '',
  signature TEXT NOT NULL DEFAULT '',
  template_id BIGINT NOT NULL DEFAULT 0,
  group_id BIGINT NOT NULL DEFAULT 0,
  indicators TEXT NOT NULL DEFAULT '',
  weight INTEGER NOT NULL DEFAULT 0,
  minor INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site, ad_id)
);

CREATE INDEX ads_template ON ads (template_id);
CREATE INDEX ads_group ON ads (group_id);
CREATE INDEX ads_queue ON ads (minor, weight, last_seen);
CREATE INDEX ads_municipality ON ads (municipality_code, last_seen);

-- The locality-sensitive hashing buckets of the templates: per band, the bucket of a signature
-- band and the few ads that represent it (at most 4 per bucket).
CREATE TABLE ad_buckets (
  band INTEGER NOT NULL,
  bucket BIGINT NOT NULL,
  ad BIGINT NOT NULL REFERENCES ads (id),
  PRIMARY KEY (band, bucket, ad)
);

-- The contacts and images of each ad: which ads share a phone number, an e-mail address or an
-- image hash.
CREATE TABLE ad_keys (
  kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'image')),
  value TEXT NOT NULL,
  ad BIGINT NOT NULL REFERENCES ads (id),
  PRIMARY KEY (kind, value, ad)
);

CREATE INDEX ad_keys_ad ON ad_keys (ad);

-- Each link that joined two groups, with what the ads share, so a group can be explained ("same
-- phone +4670… as ad X on site Y").
CREATE TABLE ad_links (
  id {{id}},
  ad BIGINT NOT NULL REFERENCES ads (id),
  with_ad BIGINT NOT NULL REFERENCES ads (id),
  kind TEXT NOT NULL CHECK (kind IN ('template', 'phone', 'email', 'image')),
  value TEXT NOT NULL
);

CREATE INDEX ad_links_ad ON ad_links (ad);
CREATE INDEX ad_links_with ON ad_links (with_ad);

-- A compartment's triage decision on an ad: by whom, when, with an optional note (encrypted),
-- and the concern task a confirmed possible minor opened. Only the compartment that made it
-- sees it.
CREATE TABLE ad_triage (
  id {{id}},
  ad BIGINT NOT NULL REFERENCES ads (id),
  unit_id BIGINT NOT NULL REFERENCES units (id),
  compartment TEXT NOT NULL CHECK (compartment IN ('police', 'social')),
  decision TEXT NOT NULL
    CHECK (decision IN ('not_relevant', 'follow_up', 'target', 'confirmed_minor')),
  note_enc TEXT,
  decided_at BIGINT NOT NULL,
  decided_by BIGINT NOT NULL REFERENCES users (id),
  concern_task_id BIGINT REFERENCES concern_tasks (id)
);

CREATE INDEX ad_triage_ad ON ad_triage (ad, compartment, decided_at);

-- A compartment's notes on an ad (encrypted).
CREATE TABLE ad_notes (
  id {{id}},
  ad BIGINT NOT NULL REFERENCES ads (id),
  unit_id BIGINT NOT NULL REFERENCES units (id),
  compartment TEXT NOT NULL CHECK (compartment IN ('police', 'social')),
  text_enc TEXT NOT NULL,
  written_at BIGINT NOT NULL,
  written_by BIGINT NOT NULL REFERENCES users (id)
);

CREATE INDEX ad_notes_ad ON ad_notes (ad, compartment);
