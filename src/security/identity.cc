#include "security/identity.h"

#include <array>

#include <soci/soci.h>

#include "geo/gazetteer.h"
#include "store/database.h"

namespace sv::security {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 8> kRoles{{
    {Role::kPoliceOfficer, "police_officer"},
    {Role::kPoliceCommander, "police_commander"},
    {Role::kPoliceAnalyst, "police_analyst"},
    {Role::kSocialWorker, "social_worker"},
    {Role::kSocialCaseOfficer, "social_case_officer"},
    {Role::kCoordinator, "coordinator"},
    {Role::kCommittee, "committee"},
    {Role::kAdmin, "admin"},
}};

constexpr std::array<std::pair<UnitKind, std::string_view>, 3> kUnitKinds{{
    {UnitKind::kPolice, "police"},
    {UnitKind::kSocialServices, "social_services"},
    {UnitKind::kRegion, "region"},
}};

// Column buffers for one unit row; integer columns go through `long long` so SQLite's INTEGER
// and PostgreSQL's BIGINT read alike.
struct UnitRow {
  long long id = 0;
  std::string kind, name, municipality_code, county_code;
  soci::indicator municipality_ind = soci::i_ok, county_ind = soci::i_ok;
  Unit ToUnit() const {
    Unit u;
    u.id = id;
    u.kind = ParseUnitKind(kind).value_or(UnitKind::kPolice);
    u.name = name;
    u.municipality_code = municipality_ind == soci::i_null ? "" : municipality_code;
    u.county_code = county_ind == soci::i_null ? "" : county_code;
    return u;
  }
};

struct UserRow {
  long long id = 0, unit_id = 0;
  std::string username, display_name, role;
  int disabled = 0;
  int totp = 0;
  User ToUser() const {
    User u;
    u.id = id;
    u.unit_id = unit_id;
    u.username = username;
    u.display_name = display_name;
    u.role = ParseRole(role).value_or(Role::kCommittee);
    u.disabled = disabled != 0;
    u.totp_enabled = totp != 0;
    return u;
  }
};

constexpr const char* kUnitColumns = "id, kind, name, municipality_code, county_code";
constexpr const char* kUserColumns =
    "id, unit_id, username, display_name, role, disabled, "
    "CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END";

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "committee";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, n] : kRoles) {
    if (n == name) return r;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> out;
    for (const auto& [r, n] : kRoles) out.push_back(r);
    return out;
  }();
  return roles;
}

std::string_view UnitKindName(UnitKind kind) {
  for (const auto& [k, name] : kUnitKinds) {
    if (k == kind) return name;
  }
  return "police";
}

std::optional<UnitKind> ParseUnitKind(std::string_view name) {
  for (const auto& [k, n] : kUnitKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

bool RoleFitsUnit(Role role, UnitKind kind) {
  switch (role) {
    case Role::kPoliceOfficer:
    case Role::kPoliceCommander:
    case Role::kPoliceAnalyst:
      return kind == UnitKind::kPolice;
    case Role::kSocialWorker:
    case Role::kSocialCaseOfficer:
    case Role::kCommittee:
      return kind == UnitKind::kSocialServices;
    case Role::kCoordinator:
      return kind == UnitKind::kRegion;
    case Role::kAdmin:
      return true;
  }
  return false;
}

Directory::Directory(store::Database& database, const geo::Gazetteer& gazetteer,
                     const Clock& clock)
    : database_(database), gazetteer_(gazetteer), clock_(clock) {}

Status Directory::CheckUnit(const Unit& unit) const {
  if (unit.name.empty() || unit.name.size() > 200) {
    return Status::InvalidInput("a unit needs a name of at most 200 bytes", "name");
  }
  if (unit.kind == UnitKind::kSocialServices) {
    if (gazetteer_.FindMunicipality(unit.municipality_code) == nullptr) {
      return Status::InvalidInput("unknown municipality code \"" + unit.municipality_code + "\"",
                                  "municipality_code");
    }
    if (!unit.county_code.empty()) {
      return Status::InvalidInput("a social-services unit has a municipality, not a county",
                                  "county_code");
    }
  } else {
    if (gazetteer_.FindCounty(unit.county_code) == nullptr) {
      return Status::InvalidInput("unknown county code \"" + unit.county_code + "\"",
                                  "county_code");
    }
    if (!unit.municipality_code.empty()) {
      return Status::InvalidInput("a police or region unit has a county, not a municipality",
                                  "municipality_code");
    }
  }
  return {};
}

Result<Unit> Directory::CreateUnit(const Unit& unit) {
  SV_RETURN_IF_ERROR(CheckUnit(unit));
  bool taken = false;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    long long id = 0;
    sql << "SELECT id FROM units WHERE name = :n", soci::use(unit.name), soci::into(id);
    taken = sql.got_data();
    return Status::Ok();
  }));
  if (taken) return Status::Conflict("a unit with this name exists", "name");
  return EnsureUnit(unit);
}

Result<Unit> Directory::EnsureUnit(const Unit& unit) {
  SV_RETURN_IF_ERROR(CheckUnit(unit));
  Unit out;
  Status s = database_.InTransaction([&](soci::session& sql) -> Status {
    const std::string kind(UnitKindName(unit.kind));
    soci::indicator muni_ind = unit.municipality_code.empty() ? soci::i_null : soci::i_ok;
    soci::indicator county_ind = unit.county_code.empty() ? soci::i_null : soci::i_ok;
    const long long now = ToUnixMicros(clock_.Now());
    sql << "INSERT INTO units (kind, name, municipality_code, county_code, created_at) "
           "VALUES (:kind, :name, :muni, :county, :now) ON CONFLICT (name) DO NOTHING",
        soci::use(kind), soci::use(unit.name), soci::use(unit.municipality_code, muni_ind),
        soci::use(unit.county_code, county_ind), soci::use(now);
    UnitRow r;
    sql << "SELECT " << kUnitColumns << " FROM units WHERE name = :name", soci::use(unit.name),
        soci::into(r.id), soci::into(r.kind), soci::into(r.name),
        soci::into(r.municipality_code, r.municipality_ind), soci::into(r.county_code, r.county_ind);
    out = r.ToUnit();
    if (out.kind != unit.kind) {
      return Status::Conflict("a unit named \"" + unit.name + "\" exists with another kind",
                              "name");
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<User> Directory::EnsureUser(const User& user, const std::string& password_hash) {
  return InsertUser(user, password_hash, /*if_missing=*/true);
}

Result<User> Directory::CreateUser(const User& user, const std::string& password_hash) {
  return InsertUser(user, password_hash, /*if_missing=*/false);
}

Result<User> Directory::InsertUser(const User& user, const std::string& password_hash,
                                   bool if_missing) {
  if (user.username.empty() || user.username.size() > 64 ||
      user.username.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") !=
          std::string::npos) {
    return Status::InvalidInput("a username has 1 to 64 of a-z, 0-9, '.', '_' and '-'",
                                "username");
  }
  if (user.display_name.empty() || user.display_name.size() > 200) {
    return Status::InvalidInput("a display name of 1 to 200 bytes", "display_name");
  }
  User out;
  Status s = database_.InTransaction([&](soci::session& sql) -> Status {
    UnitRow unit_row;
    const long long unit_id = user.unit_id;
    sql << "SELECT " << kUnitColumns << " FROM units WHERE id = :id", soci::use(unit_id),
        soci::into(unit_row.id), soci::into(unit_row.kind), soci::into(unit_row.name),
        soci::into(unit_row.municipality_code, unit_row.municipality_ind),
        soci::into(unit_row.county_code, unit_row.county_ind);
    if (!sql.got_data()) return Status::InvalidInput("no such unit", "unit_id");
    const Unit unit = unit_row.ToUnit();
    if (!RoleFitsUnit(user.role, unit.kind)) {
      return Status::InvalidInput("role " + std::string(RoleName(user.role)) +
                                      " cannot belong to a " +
                                      std::string(UnitKindName(unit.kind)) + " unit",
                                  "role");
    }
    if (!if_missing) {
      long long existing = 0;
      sql << "SELECT id FROM users WHERE username = :u", soci::use(user.username),
          soci::into(existing);
      if (sql.got_data()) return Status::Conflict("the username is taken", "username");
    }
    const std::string role(RoleName(user.role));
    const long long now = ToUnixMicros(clock_.Now());
    const int disabled = user.disabled ? 1 : 0;
    sql << "INSERT INTO users (unit_id, username, display_name, role, password_hash, disabled, "
           "created_at) VALUES (:unit, :username, :display, :role, :hash, :disabled, :now) "
           "ON CONFLICT (username) DO NOTHING",
        soci::use(unit_id), soci::use(user.username), soci::use(user.display_name),
        soci::use(role), soci::use(password_hash), soci::use(disabled), soci::use(now);
    UserRow r;
    sql << "SELECT " << kUserColumns << " FROM users WHERE username = :u",
        soci::use(user.username), soci::into(r.id), soci::into(r.unit_id), soci::into(r.username),
        soci::into(r.display_name), soci::into(r.role), soci::into(r.disabled),
        soci::into(r.totp);
    out = r.ToUser();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<User> Directory::FindUser(int64_t id) {
  User out;
  bool found = false;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    UserRow r;
    const long long user_id = id;
    sql << "SELECT " << kUserColumns << " FROM users WHERE id = :id", soci::use(user_id),
        soci::into(r.id), soci::into(r.unit_id), soci::into(r.username),
        soci::into(r.display_name), soci::into(r.role), soci::into(r.disabled),
        soci::into(r.totp);
    found = sql.got_data();
    out = r.ToUser();
    return Status::Ok();
  }));
  if (!found) return Status::NotFound("no user with id " + std::to_string(id));
  return out;
}

Status Directory::SetDisabled(int64_t user_id, bool disabled) {
  return database_.InTransaction([&](soci::session& sql) -> Status {
    const long long id = user_id;
    const int flag = disabled ? 1 : 0;
    sql << "UPDATE users SET disabled = :d WHERE id = :id", soci::use(flag), soci::use(id);
    if (disabled) sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(id);
    return Status::Ok();
  });
}

Result<std::vector<Unit>> Directory::ListUnits() {
  std::vector<Unit> out;
  Status s = database_.InReadTransaction([&](soci::session& sql) -> Status {
    UnitRow r;
    soci::statement st =
        (sql.prepare << "SELECT " << kUnitColumns << " FROM units ORDER BY id", soci::into(r.id),
         soci::into(r.kind), soci::into(r.name), soci::into(r.municipality_code, r.municipality_ind),
         soci::into(r.county_code, r.county_ind));
    st.execute();
    while (st.fetch()) out.push_back(r.ToUnit());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<User>> Directory::ListUsers() {
  std::vector<User> out;
  Status s = database_.InReadTransaction([&](soci::session& sql) -> Status {
    UserRow r;
    soci::statement st =
        (sql.prepare << "SELECT " << kUserColumns << " FROM users ORDER BY id", soci::into(r.id),
         soci::into(r.unit_id), soci::into(r.username), soci::into(r.display_name),
         soci::into(r.role), soci::into(r.disabled), soci::into(r.totp));
    st.execute();
    while (st.fetch()) out.push_back(r.ToUser());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace sv::security
