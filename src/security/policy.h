#pragma once
// The one place that decides who may do what on which record: role × unit × compartment × record
// state. Deny by default: a permission not granted by the table in policy.cc is refused. Domain
// services ask it before every access; HTTP handlers never decide on their own.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
};
std::string_view PermissionName(Permission p);

// The record a permission is asked for. Absent for permissions that concern no record.
struct RecordScope {
  Compartment compartment;
  int64_t unit_id;  // the unit whose compartment holds the record
};

struct Decision {
  bool allowed = false;
  std::string reason;  // why not, for the audit trail and the 403 message
  // Set when the refusal can be lifted by the user ("second_factor_required").
  std::string remedy;
};

struct PolicyOptions {
  bool require_second_factor = false;
};

class Policy {
 public:
  explicit Policy(PolicyOptions options) : options_(options) {}

  Decision Decide(const Principal& who, Permission what,
                  const std::optional<RecordScope>& record = std::nullopt) const;

  // The compartment a role works in, if it works with person-level data at all.
  static std::optional<Compartment> CompartmentOfRole(Role role);
  static bool HasPersonLevelAccess(Role role) { return CompartmentOfRole(role).has_value(); }

 private:
  PolicyOptions options_;
};

}  // namespace sv::security
