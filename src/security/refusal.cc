#include "security/refusal.h"

#include <utility>

namespace sv::security {

Status RefuseAndAudit(AuditLog& audit, AuditEvent event, Status refusal, RefusalAudit how) {
  event.outcome = std::move(how.outcome);
  event.detail = how.field_in_detail && !refusal.field().empty()
                     ? refusal.field() + ": " + refusal.message()
                     : refusal.message();
  (void)audit.Append(std::move(event));
  return refusal;
}

Status RefuseAndAudit(AuditLog& audit, AuditEvent event, const Decision& decision) {
  if (decision.state_conflict) {
    return RefuseAndAudit(audit, std::move(event),
                          Status::Conflict(decision.reason).WithReason("operation_closed"));
  }
  Status refused = Status::Forbidden(decision.reason);
  if (!decision.remedy.empty()) refused = refused.WithReason(decision.remedy);
  return RefuseAndAudit(audit, std::move(event), std::move(refused));
}

}  // namespace sv::security
