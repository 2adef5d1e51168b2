#pragma once
// Who is who: units (a police unit, one municipality's social services, a region) and their
// users, each with one role (ARCHITECTURE.md, "Who uses it").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace sv::store {
class Database;
}
namespace sv::geo {
class Gazetteer;
}

namespace sv::security {

enum class Role {
  kPoliceOfficer,
  kPoliceCommander,
  kPoliceAnalyst,
  kSocialWorker,
  kSocialCaseOfficer,
  kCoordinator,
  kCommittee,
  kAdmin,
};
std::string_view RoleName(Role role);  // "police_officer"
std::optional<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();

enum class UnitKind { kPolice, kSocialServices, kRegion };
std::string_view UnitKindName(UnitKind kind);  // "police", "social_services", "region"
std::optional<UnitKind> ParseUnitKind(std::string_view name);

struct Unit {
  int64_t id = 0;
  UnitKind kind = UnitKind::kPolice;
  std::string name;
  std::string municipality_code;  // social services: the municipality (SCB code)
  std::string county_code;        // police and region units: the county
};

struct User {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kPoliceOfficer;
  bool disabled = false;
  bool totp_enabled = false;  // a second factor is set up
};

// Units and users in the database. Thread-safe (each call is its own transaction).
class Directory {
 public:
  Directory(store::Database& database, const geo::Gazetteer& gazetteer, const Clock& clock);

  // Creates a unit, or returns the existing one of the same name and kind (idempotent seeding).
  // A social-services unit needs a known municipality code; police and region units a county.
  Result<Unit> EnsureUnit(const Unit& unit);
  // Creates a user with an already hashed password, or returns the existing one of that
  // username. The role must fit the unit's kind (police roles in police units, and so on).
  Result<User> EnsureUser(const User& user, const std::string& password_hash);

  // Strict creation for administrators: kConflict when the name is taken, kInvalidInput when the
  // codes are unknown or the role does not fit the unit.
  Result<Unit> CreateUnit(const Unit& unit);
  Result<User> CreateUser(const User& user, const std::string& password_hash);
  Result<User> FindUser(int64_t id);
  Status SetDisabled(int64_t user_id, bool disabled);

  Result<std::vector<Unit>> ListUnits();
  Result<std::vector<User>> ListUsers();

 private:
  Status CheckUnit(const Unit& unit) const;
  Result<User> InsertUser(const User& user, const std::string& password_hash, bool if_missing);

  store::Database& database_;
  const geo::Gazetteer& gazetteer_;
  const Clock& clock_;
};

// Whether `role` may belong to a unit of `kind` (admin may belong to any).
bool RoleFitsUnit(Role role, UnitKind kind);

}  // namespace sv::security
