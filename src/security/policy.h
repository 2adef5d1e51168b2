#pragma once
// The one place that decides who may do what on which record: role × unit × compartment × record
// state. Deny by default: a permission not granted by the table in policy.cc is refused. Domain
// services ask it before every access; HTTP handlers never decide on their own.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "security/identity.h"
#include "security/principal.h"

namespace sv::security {

// Compartments that hold person-level data (ARCHITECTURE.md, "Compartments").
enum class Compartment { kPolice, kSocial };
std::string_view CompartmentName(Compartment c);  // "police", "social"
std::optional<Compartment> ParseCompartment(std::string_view name);
// The audit trail's name of one unit's compartment: "police:3", "social:7".
std::string CompartmentId(Compartment c, int64_t unit_id);

enum class Permission {
  kListUnits,            // unit names and kinds (not personal data)
  kAdministerUnits,      // create units
  kAdministerUsers,      // create, reset, disable users
  kManageOwnAccount,     // own password and second factor
  kCreatePerson,         // a person record in the principal's own compartment
  kReadPerson,           // person-level read (needs a purpose)
  kUpdatePerson,
  kReadRecordAudit,      // who read or changed a record
  // The joint space of operations (no personal data): OperationScope.
  kPlanOperation,        // create an operation led by the principal's own unit
  kReadOperation,        // plan, participants, targets, log
  kManageOperation,      // change the plan, participants, targets; move through the lifecycle
  kWriteOperationLog,    // add timed entries and counts to the log
  // Person-level records of the compartments: RecordScope.
  kRecordEncounter,      // police: an encounter during an operation
  kReadEncounter,
  kRecordSupport,        // social services: contacts, offers, referrals, follow-ups, consents
  kReadSupport,
  // Aggregated counts (suppressed for roles without person-level access).
  kReadNumbers,
  // Written routines (no personal data): read them; write the unit's own (UnitScope); sign off
  // or mark deviations in an operation's checklist (OperationScope).
  kReadRoutines,
  kManageRoutines,
  kSignChecklist,
  // Concern reports about children: the tasks of a compartment (file a report or record why
  // not), and the reports received by a municipality's social services.
  kHandleConcernTask,
  kReadReceivedConcernReports,
  kAcknowledgeConcernReport,
  // Disclosure between agencies (uppgiftslämnande): chosen fields of a record of the own
  // compartment, on a legal ground; grounds that need review are approved by a second user of
  // the unit; the receiving unit reads the snapshot of what was disclosed.
  kDisclose,
  kApproveDisclosure,
  kReadReceivedDisclosures,
  // Retention: legal holds on records of the own compartment stop deletion; the admin previews
  // and runs retention (record types, ids and dates only, never content).
  kManageLegalHolds,
  kRunRetention,
  // Ads (public material seen by both agencies): read the queue, ads and groups; triage and
  // annotate them in the own compartment; import observations; read the counts per municipality.
  kReadAds,
  kTriageAds,
  kImportAds,
  kReadAdCounts,
  // The evaluation of operations on the ad counts (did active ads go down after operations
  // began?): aggregated; observed counts suppressed for roles that may not read the ads.
  kReadAdOutcomes,
};
std::string_view PermissionName(Permission p);

// The record a permission is asked for. Absent for permissions that concern no record.
struct RecordScope {
  Compartment compartment;
  int64_t unit_id;  // the unit whose compartment holds the record
};

// The operation a joint-space permission is asked for.
struct OperationScope {
  int64_t lead_unit_id = 0;
  std::vector<int64_t> unit_ids;  // the lead unit and the units of the participants
  std::string county_code;        // of the operation's municipality
  bool closed = false;            // a closed operation is read-only
};

// The unit that owns a thing (a routine) a permission is asked for.
struct UnitScope {
  int64_t unit_id = 0;
};

struct Decision {
  bool allowed = false;
  std::string reason;  // why not, for the audit trail and the 403 message
  // Set when the refusal can be lifted by the user ("second_factor_required").
  std::string remedy;
  // The record's state refuses it, not the principal's rights (a closed operation): a conflict.
  bool state_conflict = false;
};

struct PolicyOptions {
  bool require_second_factor = false;
};

class Policy {
 public:
  explicit Policy(PolicyOptions options) : options_(options) {}

  Decision Decide(const Principal& who, Permission what,
                  const std::optional<RecordScope>& record = std::nullopt) const;
  Decision Decide(const Principal& who, Permission what, const OperationScope& operation) const;
  Decision Decide(const Principal& who, Permission what, const UnitScope& owner) const;

  // Whether counts shown to this role must be suppressed (small cells hidden): roles without
  // person-level access see only suppressed tables.
  static bool NeedsSuppressedCounts(Role role) { return !HasPersonLevelAccess(role); }

  // The compartment a role works in, if it works with person-level data at all.
  static std::optional<Compartment> CompartmentOfRole(Role role);
  static bool HasPersonLevelAccess(Role role) { return CompartmentOfRole(role).has_value(); }

 private:
  PolicyOptions options_;
};

}  // namespace sv::security
