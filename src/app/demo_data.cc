#include "app/demo_data.h"

#include <iomanip>
#include <ostream>
#include <vector>

#include "security/identity.h"
#include "security/password.h"

namespace sv::app {

using security::Role;
using security::Unit;
using security::UnitKind;

Status SeedDemoData(security::Directory& directory, std::ostream& out) {
  const std::vector<Unit> units = {
      {0, UnitKind::kPolice, "Polisen lokalpolisområde Umeå", "", "24"},
      {0, UnitKind::kSocialServices, "Socialtjänsten Umeå kommun", "2480", ""},
      {0, UnitKind::kSocialServices, "Socialtjänsten Skellefteå kommun", "2482", ""},
      {0, UnitKind::kRegion, "Regional samordning Västerbotten", "", "24"},
  };
  std::vector<Unit> created;
  for (const Unit& u : units) {
    Result<Unit> unit = directory.EnsureUnit(u);
    if (!unit.ok()) return unit.status();
    created.push_back(*unit);
  }
  struct DemoUser {
    const char* username;
    const char* display_name;
    Role role;
    std::size_t unit;  // index into `created`
  };
  const std::vector<DemoUser> users = {
      {"polis", "Demo Polis (polis)", Role::kPoliceOfficer, 0},
      {"insatschef", "Demo Insatschef (polis)", Role::kPoliceCommander, 0},
      {"analytiker", "Demo Analytiker (polis)", Role::kPoliceAnalyst, 0},
      {"socialsekreterare", "Demo Socialsekreterare (Umeå)", Role::kSocialWorker, 1},
      {"handlaggare", "Demo Handläggare (Umeå)", Role::kSocialCaseOfficer, 1},
      {"socialsekreterare.skelleftea", "Demo Socialsekreterare (Skellefteå)",
       Role::kSocialWorker, 2},
      {"koordinator", "Demo Regionkoordinator", Role::kCoordinator, 3},
      {"namnd", "Demo Nämndledamot (Umeå)", Role::kCommittee, 1},
      {"admin", "Demo Administratör", Role::kAdmin, 3},
  };
  Result<std::string> hash = security::HashPassword(kDemoPassword,
                                                    security::PasswordCost::kInteractive);
  if (!hash.ok()) return hash.status();
  out << "Demo users (password for all: " << kDemoPassword << "):\n";
  for (const DemoUser& d : users) {
    security::User user;
    user.unit_id = created[d.unit].id;
    user.username = d.username;
    user.display_name = d.display_name;
    user.role = d.role;
    Result<security::User> made = directory.EnsureUser(user, *hash);
    if (!made.ok()) return made.status();
    out << "  " << std::left << std::setw(30) << d.username << std::setw(21)
        << security::RoleName(d.role) << created[d.unit].name << "\n";
  }
  return Status::Ok();
}

}  // namespace sv::app
