-- The scheme of each stored template signature (ads::kTemplateSignatureScheme in
-- src/ads/templates.h): 1 for the 64 hashes per shingle of migration 0009's time, 2 for one
-- permutation hashing. A signature of another scheme than the server's cannot be compared with
-- new ones, so the import signs such ads again from their stored text and rebuilds their buckets
-- before it links new ads (src/adwatch/ad_import.cc). Every row present now is of scheme 1, and
-- so is a row written by a server that does not know this column (hence the default): both are
-- signed again.
ALTER TABLE ads ADD COLUMN signature_scheme INTEGER NOT NULL DEFAULT 1;

CREATE INDEX ads_signature_scheme ON ads (signature_scheme);

-- An ad's buckets, to remove them when it is signed again.
CREATE INDEX ad_buckets_ad ON ad_buckets (ad);
