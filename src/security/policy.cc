#include "security/policy.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <vector>

namespace sv::security {
namespace {

// Which records of a permission a role may reach.
enum class Reach {
  kAny,                 // no record, or any record
  kOwnCompartment,      // records in the compartment of the principal's own unit
  kOperationUnits,      // operations led by, or with participants from, the principal's unit
  kLeadUnit,            // operations led by the principal's unit
  kRegion,              // operations in the county of the principal's regional unit
  kOwnUnit,             // things owned by the principal's own unit (UnitScope)
};

struct Grant {
  Permission permission;
  std::vector<Role> roles;
  Reach reach;
  bool person_level;  // needs the second factor when configuration requires one
  bool writes = false;  // refused on a closed operation
};

constexpr std::array kPoliceRoles = {Role::kPoliceOfficer, Role::kPoliceCommander,
                                     Role::kPoliceAnalyst};
constexpr std::array kSocialRoles = {Role::kSocialWorker, Role::kSocialCaseOfficer};
constexpr std::array kPersonRoles = {Role::kPoliceOfficer, Role::kPoliceCommander,
                                     Role::kPoliceAnalyst, Role::kSocialWorker,
                                     Role::kSocialCaseOfficer};

// The policy as data. Anything not listed here is denied.
const std::vector<Grant>& Grants() {
  static const std::vector<Grant> grants = {
      {Permission::kListUnits,
       {Role::kPoliceOfficer, Role::kPoliceCommander, Role::kPoliceAnalyst, Role::kSocialWorker,
        Role::kSocialCaseOfficer, Role::kCoordinator, Role::kCommittee, Role::kAdmin},
       Reach::kAny, false},
      {Permission::kAdministerUnits, {Role::kAdmin}, Reach::kAny, false},
      {Permission::kAdministerUsers, {Role::kAdmin}, Reach::kAny, false},
      {Permission::kManageOwnAccount,
       {Role::kPoliceOfficer, Role::kPoliceCommander, Role::kPoliceAnalyst, Role::kSocialWorker,
        Role::kSocialCaseOfficer, Role::kCoordinator, Role::kCommittee, Role::kAdmin},
       Reach::kAny, false},
      {Permission::kCreatePerson, {kPersonRoles.begin(), kPersonRoles.end()},
       Reach::kOwnCompartment, true},
      {Permission::kReadPerson, {kPersonRoles.begin(), kPersonRoles.end()},
       Reach::kOwnCompartment, true},
      {Permission::kUpdatePerson, {kPersonRoles.begin(), kPersonRoles.end()},
       Reach::kOwnCompartment, true},
      // Supervisors see who touched their own unit's records; the admin sees it for any record
      // (the audit trail holds no case content).
      {Permission::kReadRecordAudit, {Role::kPoliceCommander, Role::kSocialCaseOfficer},
       Reach::kOwnCompartment, false},
      {Permission::kReadRecordAudit, {Role::kAdmin}, Reach::kAny, false},
      // Operations are planned and led by a police commander or a social-services case officer
      // of the lead unit; everyone of a taking-part unit reads the joint space and writes its
      // log; the regional coordinator follows the operations of the region.
      {Permission::kPlanOperation, {Role::kPoliceCommander, Role::kSocialCaseOfficer}, Reach::kAny,
       false},
      {Permission::kReadOperation, {kPersonRoles.begin(), kPersonRoles.end()},
       Reach::kOperationUnits, false},
      {Permission::kReadOperation, {Role::kCoordinator}, Reach::kRegion, false},
      {Permission::kManageOperation, {Role::kPoliceCommander, Role::kSocialCaseOfficer},
       Reach::kLeadUnit, false, true},
      {Permission::kWriteOperationLog, {kPersonRoles.begin(), kPersonRoles.end()},
       Reach::kOperationUnits, false, true},
      // Encounters are police records; the analyst reads them but does not take part on the spot.
      {Permission::kRecordEncounter, {Role::kPoliceOfficer, Role::kPoliceCommander},
       Reach::kOwnCompartment, true},
      {Permission::kReadEncounter, {kPoliceRoles.begin(), kPoliceRoles.end()},
       Reach::kOwnCompartment, true},
      {Permission::kRecordSupport, {kSocialRoles.begin(), kSocialRoles.end()},
       Reach::kOwnCompartment, true},
      {Permission::kReadSupport, {kSocialRoles.begin(), kSocialRoles.end()},
       Reach::kOwnCompartment, true},
      {Permission::kReadNumbers,
       {Role::kPoliceOfficer, Role::kPoliceCommander, Role::kPoliceAnalyst, Role::kSocialWorker,
        Role::kSocialCaseOfficer, Role::kCoordinator, Role::kCommittee},
       Reach::kAny, false},
      // Routines are procedures, not case content: those who work with operations read them;
      // the coordinator keeps the region's library, commanders and case officers their unit's.
      {Permission::kReadRoutines,
       {Role::kPoliceOfficer, Role::kPoliceCommander, Role::kPoliceAnalyst, Role::kSocialWorker,
        Role::kSocialCaseOfficer, Role::kCoordinator},
       Reach::kAny, false},
      {Permission::kManageRoutines,
       {Role::kCoordinator, Role::kPoliceCommander, Role::kSocialCaseOfficer}, Reach::kOwnUnit,
       false},
      {Permission::kSignChecklist,
       {Role::kPoliceOfficer, Role::kPoliceCommander, Role::kSocialWorker,
        Role::kSocialCaseOfficer},
       Reach::kOperationUnits, false, true},
      // The analyst meets children in ads: a confirmed possible minor opens a task for them.
      {Permission::kHandleConcernTask,
       {Role::kPoliceOfficer, Role::kPoliceCommander, Role::kPoliceAnalyst, Role::kSocialWorker,
        Role::kSocialCaseOfficer},
       Reach::kOwnCompartment, true},
      {Permission::kReadReceivedConcernReports, {kSocialRoles.begin(), kSocialRoles.end()},
       Reach::kOwnCompartment, true},
      {Permission::kAcknowledgeConcernReport, {Role::kSocialCaseOfficer}, Reach::kOwnCompartment,
       true},
      // Those who record a compartment's records disclose from them; the analyst reads police
      // records but does not disclose them. Commanders and case officers approve what needs
      // review, and everyone of the receiving unit's agency who reads records reads what it
      // received.
      {Permission::kDisclose,
       {Role::kPoliceOfficer, Role::kPoliceCommander, Role::kSocialWorker,
        Role::kSocialCaseOfficer},
       Reach::kOwnCompartment, true},
      {Permission::kApproveDisclosure, {Role::kPoliceCommander, Role::kSocialCaseOfficer},
       Reach::kOwnCompartment, true},
      {Permission::kReadReceivedDisclosures, {kPersonRoles.begin(), kPersonRoles.end()},
       Reach::kOwnCompartment, true},
      // Person-level: a hold names a record and its reason may say why about a person.
      {Permission::kManageLegalHolds, {Role::kPoliceCommander, Role::kSocialCaseOfficer},
       Reach::kOwnCompartment, true},
      {Permission::kRunRetention, {Role::kAdmin}, Reach::kAny, false},
      // Ads are public, but what they say (phones, ages) points at persons, some of them
      // children: person-level for the second factor. Decisions and notes stay in the own
      // compartment. The analyst imports; the coordinator sees only the counts.
      {Permission::kReadAds, {kPersonRoles.begin(), kPersonRoles.end()}, Reach::kAny, true},
      {Permission::kTriageAds, {kPersonRoles.begin(), kPersonRoles.end()},
       Reach::kOwnCompartment, true},
      {Permission::kImportAds, {Role::kPoliceAnalyst}, Reach::kAny, true},
      {Permission::kReadAdCounts,
       {Role::kPoliceOfficer, Role::kPoliceCommander, Role::kPoliceAnalyst, Role::kSocialWorker,
        Role::kSocialCaseOfficer, Role::kCoordinator},
       Reach::kAny, false},
      // The evaluation of the operations is reported to the committee and the regional
      // coordinator; the analyst makes it, and those who plan and lead operations (commanders,
      // case officers) judge their own work by it. Field staff and the admin have no use for it.
      {Permission::kReadAdOutcomes,
       {Role::kPoliceAnalyst, Role::kPoliceCommander, Role::kSocialCaseOfficer,
        Role::kCoordinator, Role::kCommittee},
       Reach::kAny, false},
  };
  return grants;
}

}  // namespace

std::string_view CompartmentName(Compartment c) {
  return c == Compartment::kPolice ? "police" : "social";
}

std::optional<Compartment> ParseCompartment(std::string_view name) {
  if (name == "police") return Compartment::kPolice;
  if (name == "social") return Compartment::kSocial;
  return std::nullopt;
}

std::string CompartmentId(Compartment c, int64_t unit_id) {
  return std::string(CompartmentName(c)) + ":" + std::to_string(unit_id);
}

std::string_view PermissionName(Permission p) {
  switch (p) {
    case Permission::kListUnits: return "list_units";
    case Permission::kAdministerUnits: return "administer_units";
    case Permission::kAdministerUsers: return "administer_users";
    case Permission::kManageOwnAccount: return "manage_own_account";
    case Permission::kCreatePerson: return "create_person";
    case Permission::kReadPerson: return "read_person";
    case Permission::kUpdatePerson: return "update_person";
    case Permission::kReadRecordAudit: return "read_record_audit";
    case Permission::kPlanOperation: return "plan_operation";
    case Permission::kReadOperation: return "read_operation";
    case Permission::kManageOperation: return "manage_operation";
    case Permission::kWriteOperationLog: return "write_operation_log";
    case Permission::kRecordEncounter: return "record_encounter";
    case Permission::kReadEncounter: return "read_encounter";
    case Permission::kRecordSupport: return "record_support";
    case Permission::kReadSupport: return "read_support";
    case Permission::kReadNumbers: return "read_numbers";
    case Permission::kReadRoutines: return "read_routines";
    case Permission::kManageRoutines: return "manage_routines";
    case Permission::kSignChecklist: return "sign_checklist";
    case Permission::kHandleConcernTask: return "handle_concern_task";
    case Permission::kReadReceivedConcernReports: return "read_received_concern_reports";
    case Permission::kAcknowledgeConcernReport: return "acknowledge_concern_report";
    case Permission::kDisclose: return "disclose";
    case Permission::kApproveDisclosure: return "approve_disclosure";
    case Permission::kReadReceivedDisclosures: return "read_received_disclosures";
    case Permission::kManageLegalHolds: return "manage_legal_holds";
    case Permission::kRunRetention: return "run_retention";
    case Permission::kReadAds: return "read_ads";
    case Permission::kTriageAds: return "triage_ads";
    case Permission::kImportAds: return "import_ads";
    case Permission::kReadAdCounts: return "read_ad_counts";
    case Permission::kReadAdOutcomes: return "read_ad_outcomes";
  }
  return "unknown";
}

std::optional<Compartment> Policy::CompartmentOfRole(Role role) {
  switch (role) {
    case Role::kPoliceOfficer:
    case Role::kPoliceCommander:
    case Role::kPoliceAnalyst:
      return Compartment::kPolice;
    case Role::kSocialWorker:
    case Role::kSocialCaseOfficer:
      return Compartment::kSocial;
    case Role::kCoordinator:
    case Role::kCommittee:
    case Role::kAdmin:
      return std::nullopt;
  }
  return std::nullopt;
}

Decision Policy::Decide(const Principal& who, Permission what,
                        const std::optional<RecordScope>& record) const {
  if (who.user.disabled) return {false, "the account is disabled", ""};
  std::string refusal = "role " + std::string(RoleName(who.user.role)) + " may not " +
                        std::string(PermissionName(what));
  for (const Grant& g : Grants()) {
    if (g.permission != what) continue;
    if (std::find(g.roles.begin(), g.roles.end(), who.user.role) == g.roles.end()) continue;
    if (g.reach != Reach::kAny && g.reach != Reach::kOwnCompartment) continue;
    if (g.reach == Reach::kOwnCompartment) {
      const auto own = CompartmentOfRole(who.user.role);
      if (!own) continue;
      // Without a record the question is about the principal's own compartment (creating).
      if (record && (record->compartment != *own || record->unit_id != who.unit.id)) {
        refusal = "the record belongs to another compartment (" +
                  CompartmentId(record->compartment, record->unit_id) + ")";
        continue;
      }
    }
    if (g.person_level && options_.require_second_factor && !who.totp_enabled) {
      return {false, "a second factor (TOTP) is required for person-level data",
              "second_factor_required"};
    }
    return {true, "", ""};
  }
  return {false, refusal, ""};
}

Decision Policy::Decide(const Principal& who, Permission what,
                        const OperationScope& operation) const {
  if (who.user.disabled) return {false, "the account is disabled", ""};
  std::string refusal = "role " + std::string(RoleName(who.user.role)) + " may not " +
                        std::string(PermissionName(what));
  for (const Grant& g : Grants()) {
    if (g.permission != what) continue;
    if (std::find(g.roles.begin(), g.roles.end(), who.user.role) == g.roles.end()) continue;
    bool reached = false;
    switch (g.reach) {
      case Reach::kAny: reached = true; break;
      case Reach::kOwnCompartment:
      case Reach::kOwnUnit:
        reached = false;  // not an operation permission
        break;
      case Reach::kOperationUnits:
        reached = std::find(operation.unit_ids.begin(), operation.unit_ids.end(), who.unit.id) !=
                  operation.unit_ids.end();
        break;
      case Reach::kLeadUnit: reached = operation.lead_unit_id == who.unit.id; break;
      case Reach::kRegion:
        reached = who.unit.kind == UnitKind::kRegion && !operation.county_code.empty() &&
                  who.unit.county_code == operation.county_code;
        break;
    }
    if (!reached) {
      refusal = g.reach == Reach::kLeadUnit
                    ? "only the lead unit of the operation may do this"
                    : "the operation is not one the principal's unit takes part in";
      continue;
    }
    if (g.writes && operation.closed) {
      return {false, "the operation is closed and can no longer be changed", "", true};
    }
    if (g.person_level && options_.require_second_factor && !who.totp_enabled) {
      return {false, "a second factor (TOTP) is required for person-level data",
              "second_factor_required"};
    }
    return {true, "", ""};
  }
  return {false, refusal, ""};
}

Decision Policy::Decide(const Principal& who, Permission what, const UnitScope& owner) const {
  if (who.user.disabled) return {false, "the account is disabled", ""};
  std::string refusal = "role " + std::string(RoleName(who.user.role)) + " may not " +
                        std::string(PermissionName(what));
  for (const Grant& g : Grants()) {
    if (g.permission != what || g.reach != Reach::kOwnUnit) continue;
    if (std::find(g.roles.begin(), g.roles.end(), who.user.role) == g.roles.end()) continue;
    if (owner.unit_id != who.unit.id) {
      refusal = "it belongs to another unit";
      continue;
    }
    return {true, "", ""};
  }
  return {false, refusal, ""};
}

}  // namespace sv::security
