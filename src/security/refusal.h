#pragma once
// Refused accesses in the audit trail. A refusal is written in a transaction of its own, so it is
// kept even though the work it refused is not done (ARCHITECTURE.md: every denied access is
// audited). Domain services call these where the policy, or a rule of their own, says no.

#include <string>

#include "core/status.h"
#include "security/audit.h"
#include "security/policy.h"

namespace sv::security {

// How RefuseAndAudit writes a refusal given as a Status.
struct RefusalAudit {
  // "denied"; the disclosure register writes "refused" for a request refused for what it asks
  // (bad input, no such record, a conflict) rather than for who asks.
  std::string outcome = "denied";
  // The detail starts with the refusal's field, when it names one ("ground: …").
  bool field_in_detail = false;
};

// Appends `event` (EventBy of the refused action on its record) to `audit` in a transaction of its
// own, with the refusal's message as detail, and returns `refusal`. A failed append is not
// reported: the caller's answer is the refusal.
Status RefuseAndAudit(AuditLog& audit, AuditEvent event, Status refusal, RefusalAudit how = {});

// The same for what the policy's `decision` does not allow (requires !decision.allowed), with
// outcome "denied". Returns kConflict with reason "operation_closed" when the record's state
// refuses it (a closed operation), else kForbidden with the decision's reason as message and its
// remedy, when it has one, as the status's reason.
Status RefuseAndAudit(AuditLog& audit, AuditEvent event, const Decision& decision);

}  // namespace sv::security
