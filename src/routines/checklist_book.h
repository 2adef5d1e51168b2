#pragma once
// The checklist of an operation: the steps of the routine version attached to it, each signed off
// by a user of the agency responsible, or marked as a deviation with the reason. An operation
// whose checklist has a required step neither signed nor marked does not close (a CloseGuard of
// the OperationBook). The checklist is part of the joint space: no personal data in reasons.
// Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "ops/operation_book.h"
#include "routines/routine_library.h"
#include "security/policy.h"
#include "security/principal.h"

namespace sv::store {
class Database;
}
namespace sv::security {
class AuditLog;
}

namespace sv::routines {

enum class MarkOutcome { kSigned, kDeviation };

struct Mark {
  MarkOutcome outcome = MarkOutcome::kSigned;
  std::string reason;  // for a deviation
  TimePoint at{};
  int64_t user_id = 0;
  std::string user_name;
  std::string unit_name;
};

struct ChecklistItem {
  Step step;
  std::optional<Mark> mark;
};

struct Checklist {
  int64_t operation_id = 0;
  std::string operation_name;
  int64_t routine_id = 0;
  int version = 0;
  std::string title;
  CivilDate valid_from;
  std::vector<ChecklistItem> items;
  int open_required = 0;   // required steps neither signed nor marked
  bool may_sign = false;   // the principal may sign steps of their agency
  bool may_attach = false;  // the principal may choose the routine (lead unit, no marks yet)
};

inline constexpr std::size_t kMaxDeviationReasonBytes = 2000;

class ChecklistBook final : public ops::CloseGuard {
 public:
  ChecklistBook(store::Database& database, const Clock& clock, const security::Policy& policy,
                security::AuditLog& audit);

  // The operation's checklist, or nothing when no routine is attached (kReadOperation).
  Result<std::optional<Checklist>> ForOperation(const security::Principal& who,
                                                int64_t operation_id,
                                                const security::RequestContext& ctx);
  // Attaches the latest version of routine `routine_id` (one of the county's): the lead unit,
  // before any step is marked (kConflict after), not on a closed operation.
  Result<Checklist> Attach(const security::Principal& who, int64_t operation_id,
                           int64_t routine_id, const security::RequestContext& ctx);
  // Signs off step `step_id`: by a user of the agency responsible (both: either), taking part;
  // a step is marked once (kConflict when it already is).
  Result<Checklist> Sign(const security::Principal& who, int64_t operation_id, int64_t step_id,
                         const security::RequestContext& ctx);
  // Marks step `step_id` as not followed, with the reason (required; no personal data).
  Result<Checklist> MarkDeviation(const security::Principal& who, int64_t operation_id,
                                  int64_t step_id, const std::string& reason,
                                  const security::RequestContext& ctx);

  Status CheckBeforeClosing(soci::session& sql, int64_t operation_id) const override;

 private:
  Result<Checklist> RecordMark(const security::Principal& who, int64_t operation_id, int64_t step_id,
                         MarkOutcome outcome, const std::string& reason,
                         const security::RequestContext& ctx);
  Status Deny(const security::Principal& who, const security::Decision& decision,
              const std::string& action, int64_t operation_id,
              const security::RequestContext& ctx);

  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
};

}  // namespace sv::routines
