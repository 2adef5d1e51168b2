#pragma once
// Plans operations and keeps their joint space: participants, target ads, lifecycle and log.
// Every call asks the Policy (security/policy.h) with the operation's scope; refusals are audited,
// as are changes. Each call is one transaction. Thread-safe.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "ops/operation.h"
#include "security/policy.h"
#include "security/principal.h"

namespace soci {
class session;
}
namespace sv::store {
class Database;
}
namespace sv::security {
class AuditLog;
}

namespace sv::ops {

struct OperationFilter {
  std::optional<OperationState> state;
  bool open_only = false;            // not closed
  std::optional<TimePoint> ends_after;     // planned end at or after this
  std::optional<TimePoint> starts_before;  // planned start before this
  bool mine = false;                 // led by the principal or with the principal taking part
};

// A user who may be added as a participant.
struct Candidate {
  int64_t user_id = 0;
  std::string display_name;
  security::Role role = security::Role::kPoliceOfficer;
  int64_t unit_id = 0;
  std::string unit_name;
};

// A condition an operation must meet before it closes, checked inside the closing transaction
// (the routine's checklist: every required step signed off or marked as a deviation). Kept by a
// module above this one, so ops does not depend on it.
class CloseGuard {
 public:
  virtual ~CloseGuard() = default;
  // Ok, or kConflict saying what is missing.
  virtual Status CheckBeforeClosing(soci::session& sql, int64_t operation_id) const = 0;
};

class OperationBook {
 public:
  // `types` are the codes of configuration `operations.types`. `close_guards` are asked before
  // an operation closes; they must outlive the book.
  OperationBook(store::Database& database, const Clock& clock, const security::Policy& policy,
                security::AuditLog& audit, std::vector<std::string> types,
                std::vector<const CloseGuard*> close_guards = {});

  // A new operation, led by the principal's unit, in state planned.
  Result<Operation> Plan(const security::Principal& who, const OperationPlan& plan,
                         const security::RequestContext& ctx);
  // The operations the principal may read, by planned start (newest first), without their
  // participants, targets and transitions.
  Result<std::vector<Operation>> List(const security::Principal& who,
                                      const OperationFilter& filter);
  Result<Operation> Get(const security::Principal& who, int64_t id,
                        const security::RequestContext& ctx);
  Result<Operation> Update(const security::Principal& who, int64_t id, const PlanChanges& changes,
                           const security::RequestContext& ctx);
  // Moves to `to`, which must be the next state; kConflict (reason "transition_not_allowed")
  // otherwise.
  Result<Operation> Advance(const security::Principal& who, int64_t id, OperationState to,
                            const security::RequestContext& ctx);

  Result<Operation> AddParticipant(const security::Principal& who, int64_t id, int64_t user_id,
                                   const security::RequestContext& ctx);
  Result<Operation> RemoveParticipant(const security::Principal& who, int64_t id, int64_t user_id,
                                      const security::RequestContext& ctx);
  // Users of the operation's county (police units of the county, social services of its
  // municipalities) with a role that takes part on the spot, not yet participants.
  Result<std::vector<Candidate>> Candidates(const security::Principal& who, int64_t id,
                                            const security::RequestContext& ctx);

  Result<Operation> AddTarget(const security::Principal& who, int64_t id, const std::string& site,
                              const std::string& reference, const security::RequestContext& ctx);
  Result<Operation> RemoveTarget(const security::Principal& who, int64_t id, int64_t target_id,
                                 const security::RequestContext& ctx);

  // The log, oldest first.
  Result<std::vector<LogEntry>> Log(const security::Principal& who, int64_t id,
                                    const security::RequestContext& ctx);
  // Adds an entry. With an idempotency key, a retry returns the first entry (`created` false).
  struct AddedEntry {
    LogEntry entry;
    bool created = true;
  };
  Result<AddedEntry> AddLogEntry(const security::Principal& who, int64_t id,
                                 const NewLogEntry& entry, const std::string& idempotency_key,
                                 const security::RequestContext& ctx);

  const std::vector<std::string>& types() const { return types_; }

 private:
  struct Loaded;
  // Loads the operation and asks the policy for `what`; refusals are audited as `action`.
  Result<Loaded> Authorize(const security::Principal& who, int64_t id, security::Permission what,
                           const std::string& action, const security::RequestContext& ctx);
  Status Deny(const security::Principal& who, const security::Decision& decision,
              const std::string& action, int64_t id, const security::RequestContext& ctx);
  Status CheckPlan(soci::session& sql, const OperationPlan& plan) const;
  Result<Operation> Changed(const security::Principal& who, int64_t id, const std::string& action,
                            const std::string& detail, const security::RequestContext& ctx,
                            const std::function<Status(soci::session&)>& change);

  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
  std::vector<std::string> types_;
  std::vector<const CloseGuard*> close_guards_;
};

// For the compartments' services (police encounters, social-services contacts), inside their
// transaction: the operation `id`, checked that the principal's unit takes part in it
// (kReadOperation) and that it is active or debriefed: records are made on the spot and
// completed at the debriefing. kInvalidInput (field `operation_id`) when there is no such
// operation, kForbidden (not audited: the caller audits it after its transaction rolls back), or
// kConflict (reason "operation_not_open") with a message naming the state.
// The county a unit works in ("" when unknown): its own for police and regional units, its
// municipality's for social services. Inside the caller's transaction.
std::string CountyOfUnit(soci::session& sql, int64_t unit_id);

// The operation `id` and whom it is shared with, read inside the caller's transaction, for the
// modules above that keep things of an operation (its checklist); nothing when there is none.
struct SharedOperation {
  Operation operation;  // without participants, targets and transitions
  security::OperationScope scope;
};
std::optional<SharedOperation> LoadSharedOperation(soci::session& sql, int64_t id);

struct OperationForRecords {
  int64_t id = 0;
  OperationState state = OperationState::kActive;
  std::string municipality_code;
};
Result<OperationForRecords> OperationOpenForRecords(soci::session& sql,
                                                    const security::Policy& policy,
                                                    const security::Principal& who,
                                                    int64_t operation_id);

}  // namespace sv::ops
