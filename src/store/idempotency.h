#pragma once
// Idempotency keys: a client that retries a submit (the on-the-spot page after a dropped
// connection) sends the same key, and the retry returns the record the first submit made instead
// of making a second one. Both functions run inside the caller's transaction, the one that writes
// the record, so a key is never stored without its record nor a record without its key.
//
//   auto claim = ClaimIdempotencyKey(sql, user_id, key, "contact", fingerprint, now);
//   if (!claim.ok()) return claim.status();          // key reused for another request: kConflict
//   if (claim->replay) { id = *claim->record_id; … }  // the earlier submit's record
//   else { id = insert…; SV_RETURN_IF_ERROR(CompleteIdempotencyKey(sql, user_id, key, id)); }

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace soci {
class session;
}

namespace sv::store {

// The longest key accepted (a UUID is 36 characters).
inline constexpr std::size_t kMaxIdempotencyKeyBytes = 128;

struct IdempotencyClaim {
  bool replay = false;              // an earlier request with this key made a record
  std::optional<int64_t> record_id;  // that record, when replay
};

// Claims `key` for `user_id`. The first request with a key gets `replay` false and must call
// CompleteIdempotencyKey in the same transaction. A later request with the same key, `scope` and
// `fingerprint` gets `replay` true and the record id. The same key with another scope or
// fingerprint is kConflict (field "Idempotency-Key"); an empty or overlong key is kInvalidInput.
// Concurrent requests with one key are serialised by the key's primary key: the second waits for
// the first to commit, then replays it.
Result<IdempotencyClaim> ClaimIdempotencyKey(soci::session& sql, int64_t user_id,
                                             std::string_view key, std::string_view scope,
                                             std::string_view fingerprint, int64_t now_micros);

// Records the id of the record the claiming request made.
Status CompleteIdempotencyKey(soci::session& sql, int64_t user_id, std::string_view key,
                              int64_t record_id);

// Deletes keys older than `before_micros`; returns how many. Keys only need to outlive the
// retries of one shift.
Result<int64_t> ExpireIdempotencyKeys(soci::session& sql, int64_t before_micros);

}  // namespace sv::store
