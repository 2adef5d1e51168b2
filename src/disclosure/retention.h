#pragma once
// Retention and purge (gallring; DOMAIN.md, "Rules as behaviours", the retention row). Personal
// data is deleted when its time is up, by rules from configuration (`[retention]`):
//
// - rule "social_person_file": a social-services person file — a contact with its support
//   offers, referrals and their transitions, follow-ups, consents and unsent disclosures — is due
//   `social_years` (5) years after its last entry and must be deleted by the end of the following
//   calendar year (the deadline); a person of the social person register is due by the same rule
//   once no contact refers to it any more;
// - rule "police_yearly_review": police data no longer than necessary, reviewed yearly: an
//   encounter (with its unsent disclosures) is due `police_months` (12) months after its last
//   entry, and a police person once no encounter refers to it; the deadline is the due date;
// - a disclosure that was sent is kept by the receiving compartment's rule, counted from when it
//   was sent (the receiver's copy), and deleted with its disclosed fields;
// - concern-report tasks and reports are never deleted.
//
// "Last entry" is the latest time written in the record or any of its dependents (created,
// updated, occurred, answered, moved, done, given, withdrawn, disclosure requested, reviewed,
// sent), as a Swedish date. A record with a legal hold (legal_holds.h) is listed but never
// deleted, nor its dependents, nor a person it refers to. Each deletion is one transaction that
// locks the record, checks again that it is due and not held, deletes it with its dependents and
// appends an audit event "purge" naming the record, its compartment, the rule and the dates; the
// trail's earlier events about the record stay, and no event holds content. Thread-safe.

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/status.h"
#include "security/policy.h"
#include "security/principal.h"

namespace sv::store {
class Database;
}
namespace sv::security {
class AuditLog;
}

namespace sv::disclosure {

// Configuration `[retention]`.
struct RetentionRules {
  int social_years = 5;
  int police_months = 12;
};

inline constexpr const char* kSocialPersonFileRule = "social_person_file";
inline constexpr const char* kPoliceReviewRule = "police_yearly_review";
// The audit trail's name of whoever purges: the daily job and `samverkan retention run`.
inline constexpr const char* kRetentionUser = "system:retention";

// One record that is due. Never any content: type, id, compartment, dates and the rule.
struct DueRecord {
  std::string record_type;  // "encounter", "contact", "person", "disclosure"
  int64_t id = 0;
  std::string compartment;  // "social:7", "police:3" (a disclosure: the receiving one)
  CivilDate last_entry;
  CivilDate due_since;
  CivilDate deadline;  // delete by this date
  std::string rule;    // kSocialPersonFileRule, kPoliceReviewRule
  bool held = false;   // a legal hold keeps it (a person: a record referring to it is held)
};

struct RuleSummary {
  std::string rule;
  int months = 0;   // due this many months after the last entry
  int64_t due = 0;  // records due (held ones included)
  int64_t held = 0;
};

struct RetentionPreview {
  CivilDate as_of;
  std::vector<DueRecord> due;      // by rule, record type, id
  std::vector<RuleSummary> rules;  // every rule, also those with nothing due
};

struct RetentionRunResult {
  RetentionPreview listed;                 // what was due when the run began
  std::map<std::string, int64_t> deleted;  // per record type
  int64_t deleted_total = 0;
  int64_t held = 0;                   // kept by a legal hold
  int64_t skipped = 0;                // no longer due (an entry made meanwhile) or already gone
  std::vector<std::string> failures;  // "contact 7: <database message>" (no content)
  bool stopped = false;               // asked to stop before the end
};

class Retention {
 public:
  Retention(store::Database& database, const Clock& clock, const security::Policy& policy,
            security::AuditLog& audit, RetentionRules rules);

  // What is due on Swedish date `as_of` (for the command line and the daily job).
  Result<RetentionPreview> Preview(const CivilDate& as_of);
  // The same for a user: kRunRetention (the admin); audited, refusals too.
  Result<RetentionPreview> Preview(const security::Principal& who, const CivilDate& as_of,
                                   const security::RequestContext& ctx);
  // Deletes what is due on `as_of` and not held, one record file per transaction, as
  // kRetentionUser with `ctx` (request id and client name the run in the audit trail). Records
  // go before the persons and disclosures that depend on them. A record that fails is reported
  // and the run goes on. When `stop` becomes true the run ends after the current record file
  // (`stopped` set); the rest is deleted by the next run.
  Result<RetentionRunResult> Run(const CivilDate& as_of, const security::RequestContext& ctx,
                                 const std::atomic<bool>* stop = nullptr);

  // The daily job's claim: true for the one process that inserts (job "retention", `day`), false
  // for every other (it was run or is running elsewhere). Safe between processes on SQLite and
  // PostgreSQL.
  Result<bool> ClaimDailyRun(const CivilDate& day, const std::string& worker);
  // Records the end of a claimed run.
  Status FinishDailyRun(const CivilDate& day, bool ok, const std::string& detail);
  // Deletes idempotency keys created before `before` (store/idempotency.h); returns how many.
  Result<int64_t> ExpireIdempotencyKeys(TimePoint before);

  // Today in Sweden, by the clock: the date of a run that names none.
  CivilDate Today() const { return SwedishDate(clock_.Now()); }
  const RetentionRules& rules() const { return rules_; }

 private:
  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
  RetentionRules rules_;
};

// `d` plus `months` calendar months; a day the month lacks becomes its last (29 Feb → 28 Feb).
CivilDate AddMonths(const CivilDate& d, int months);

}  // namespace sv::disclosure
