#include "store/idempotency.h"

#include <soci/soci.h>

namespace sv::store {

namespace {
constexpr const char* kField = "Idempotency-Key";
}

Result<IdempotencyClaim> ClaimIdempotencyKey(soci::session& sql, int64_t user_id,
                                             std::string_view key, std::string_view scope,
                                             std::string_view fingerprint, int64_t now_micros) {
  if (key.empty()) return Status::InvalidInput("must not be empty", kField);
  if (key.size() > kMaxIdempotencyKeyBytes) {
    return Status::InvalidInput(
        "at most " + std::to_string(kMaxIdempotencyKeyBytes) + " characters", kField);
  }
  const long long user = user_id;
  const long long now = now_micros;
  const std::string k(key), s(scope), f(fingerprint);
  // A concurrent holder of the key makes this wait until it commits; then nothing is inserted and
  // the SELECT below sees its completed row.
  sql << "INSERT INTO idempotency_keys (user_id, request_key, scope, fingerprint, created_at) "
         "VALUES (:u, :k, :s, :f, :now) ON CONFLICT (user_id, request_key) DO NOTHING",
      soci::use(user), soci::use(k), soci::use(s), soci::use(f), soci::use(now);
  std::string stored_scope, stored_fingerprint;
  long long record = 0;
  soci::indicator record_ind = soci::i_null;
  sql << "SELECT scope, fingerprint, record_id FROM idempotency_keys "
         "WHERE user_id = :u AND request_key = :k",
      soci::use(user), soci::use(k), soci::into(stored_scope), soci::into(stored_fingerprint),
      soci::into(record, record_ind);
  if (!sql.got_data()) return Status::Internal("idempotency key vanished within a transaction");
  if (stored_scope != s || stored_fingerprint != f) {
    return Status::Conflict(
               "this key was already used for a different request; use a new key for a new "
               "submit",
               kField)
        .WithReason("idempotency_key_reused");
  }
  IdempotencyClaim claim;
  // A row without a record id is the one this transaction just inserted: any other transaction's
  // row would only be visible after it committed, with its record id set.
  if (record_ind == soci::i_ok) {
    claim.replay = true;
    claim.record_id = record;
  }
  return claim;
}

Status CompleteIdempotencyKey(soci::session& sql, int64_t user_id, std::string_view key,
                              int64_t record_id) {
  const long long user = user_id;
  const long long record = record_id;
  const std::string k(key);
  sql << "UPDATE idempotency_keys SET record_id = :r WHERE user_id = :u AND request_key = :k",
      soci::use(record), soci::use(user), soci::use(k);
  return Status::Ok();
}

Result<int64_t> ExpireIdempotencyKeys(soci::session& sql, int64_t before_micros) {
  const long long before = before_micros;
  soci::statement st = (sql.prepare << "DELETE FROM idempotency_keys WHERE created_at < :b",
                        soci::use(before));
  st.execute(true);
  return static_cast<int64_t>(st.get_affected_rows());
}

}  // namespace sv::store
