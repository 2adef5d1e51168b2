#pragma once
// The audit trail: every write, and every read of person-level data (with its purpose), every
// login and every denied access, in an append-only table. Each event carries a keyed BLAKE2b-256
// hash over its content and the previous event's hash, so changing, deleting, inserting or
// reordering rows is detected by Verify() — also by someone who can write the database but does
// not hold the audit key.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "security/keys.h"
#include "security/principal.h"

namespace soci {
class session;
}
namespace sv::store {
class Database;
}

namespace sv::security {

struct AuditEvent {
  int64_t seq = 0;            // set by Append: 1, 2, 3, … without gaps
  TimePoint at{};             // set by Append from the clock
  int64_t user_id = 0;        // 0: the system or an anonymous client
  std::string username;       // as it was at the time
  int64_t unit_id = 0;
  std::string action;         // "read", "create", "update", "delete", "login", "login_failed",
                              // "logout", "denied", "export", "purge", …
  std::string record_type;    // "person", "user", "unit", "audit", … ("" when none)
  std::string record_id;
  std::string compartment;    // "police:3", "social:7", "joint:12", "" …
  std::string purpose;        // required for person-level reads
  std::string outcome;        // "ok", "denied", "failed"
  std::string detail;         // short, no personal data
  std::string request_id;
  std::string client;         // client address
  std::string prev_hash;      // hex; set by Append
  std::string hash;           // hex; set by Append
};

// An event of `who` on a record, outcome "ok", with the request's id and client filled in.
AuditEvent EventBy(const Principal& who, std::string action, std::string record_type,
                   std::string record_id, std::string compartment, const RequestContext& ctx);

struct AuditVerification {
  bool intact = true;
  int64_t events = 0;                 // how many were checked
  std::optional<int64_t> first_broken;  // seq (or position) of the first event that fails
  std::string reason;                 // what is wrong there, for a person
};

class AuditLog {
 public:
  AuditLog(store::Database& database, const Clock& clock, const KeyRing& keys);

  // Appends within the caller's transaction, so the event commits or rolls back with the write
  // it records. Serialises appends (PostgreSQL advisory lock; SQLite's write lock). Returns the
  // stored event (seq, at, hashes filled).
  Result<AuditEvent> Append(soci::session& sql, AuditEvent event);
  // Appends in a transaction of its own (denials, failed logins: nothing else to commit).
  Result<AuditEvent> Append(AuditEvent event);

  // Walks the whole chain in order and names the first broken event.
  Result<AuditVerification> Verify();
  // Events with from <= at < to as JSON Lines, oldest first; returns how many were written.
  Result<int64_t> Export(TimePoint from, TimePoint to, std::ostream& out);
  // Events about one record, newest first (the "who read this record" page).
  Result<std::vector<AuditEvent>> ForRecord(const std::string& record_type,
                                            const std::string& record_id, int limit = 500);

 private:
  store::Database& database_;
  const Clock& clock_;
  Key32 key_;
};

}  // namespace sv::security
