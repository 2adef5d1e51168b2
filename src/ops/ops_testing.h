#pragma once
// For tests only (ops, police, support, reports): a migrated database, on SQLite or PostgreSQL,
// with the reference data and the demo's units and users, and the security objects the domain
// services need. Header-only, so that no library carries test code.
//
//   class EncounterTest : public sv::ops::testing::WorldTest {};
//   TEST_P(EncounterTest, …) { World& w = world(); … w.Who("polis") … }
//   SV_STORE_ON_BOTH_BACKENDS(EncounterTest);

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "core/calendar.h"
#include "core/clock.h"
#include "geo/gazetteer.h"
#include "security/audit.h"
#include "security/field_cipher.h"
#include "security/identity.h"
#include "security/keys.h"
#include "security/policy.h"
#include "security/principal.h"
#include "security/pseudonym.h"
#include "store/database.h"
#include "store/database_test_fixture.h"

namespace sv::ops::testing {

// The demo's organisation: one police unit (county 24), the social services of Umeå (2480) and
// Skellefteå (2482), the region; one user per role.
struct World {
  std::unique_ptr<store::Database> database;
  FixedClock clock{ParseRfc3339("2026-12-01T18:00:00Z", "now").value()};
  security::KeyRing keys;
  std::unique_ptr<security::AuditLog> audit;
  std::unique_ptr<security::FieldCipher> cipher;
  std::unique_ptr<security::Pseudonymizer> pseudonyms;
  security::Policy policy{security::PolicyOptions{}};
  std::map<std::string, security::Principal> principals;
  security::Unit police, umea, skelleftea, region;
  security::RequestContext ctx{"test-request", "127.0.0.1"};

  // The principal of a demo user: polis, insatschef, analytiker, socialsekreterare, handlaggare,
  // socialsekreterare.skelleftea, koordinator, namnd, admin.
  const security::Principal& Who(const std::string& username) const {
    auto it = principals.find(username);
    EXPECT_NE(it, principals.end()) << username;
    return it->second;
  }
  security::Principal& Who(const std::string& username) { return principals.at(username); }
  TimePoint At(const std::string& rfc3339) const {
    return ParseRfc3339(rfc3339, "time").value();
  }
};

class WorldTest : public store::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    world_ = std::make_unique<World>();
    World& w = *world_;
    w.database = OpenDatabase(4);
    ASSERT_NE(w.database, nullptr);
    Result<int> migrated = store::Migrate(*w.database, store::SchemaMigrations());
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    Result<geo::Gazetteer> gazetteer = geo::Gazetteer::Embedded();
    ASSERT_TRUE(gazetteer.ok()) << gazetteer.status().ToString();
    ASSERT_TRUE(geo::StoreReferenceData(*w.database, *gazetteer).ok());
    Result<security::KeyRing> keys =
        security::ParseKeyRing(security::NewKeyRingText(), "test keys");
    ASSERT_TRUE(keys.ok()) << keys.status().ToString();
    w.keys = *keys;
    w.audit = std::make_unique<security::AuditLog>(*w.database, w.clock, w.keys);
    w.cipher = std::make_unique<security::FieldCipher>(w.keys);
    w.pseudonyms = std::make_unique<security::Pseudonymizer>(w.keys);

    security::Directory directory(*w.database, *gazetteer, w.clock);
    using security::UnitKind;
    auto unit = [&](UnitKind kind, const std::string& name, const std::string& municipality,
                    const std::string& county) {
      Result<security::Unit> u = directory.EnsureUnit({0, kind, name, municipality, county});
      EXPECT_TRUE(u.ok()) << u.status().ToString();
      return u.ok() ? *u : security::Unit{};
    };
    w.police = unit(UnitKind::kPolice, "Polisen lokalpolisområde Umeå", "", "24");
    w.umea = unit(UnitKind::kSocialServices, "Socialtjänsten Umeå kommun", "2480", "");
    w.skelleftea = unit(UnitKind::kSocialServices, "Socialtjänsten Skellefteå kommun", "2482", "");
    w.region = unit(UnitKind::kRegion, "Regional samordning Västerbotten", "", "24");
    using security::Role;
    const struct {
      const char* username;
      Role role;
      const security::Unit* unit;
    } users[] = {
        {"polis", Role::kPoliceOfficer, &w.police},
        {"polis2", Role::kPoliceOfficer, &w.police},
        {"insatschef", Role::kPoliceCommander, &w.police},
        {"analytiker", Role::kPoliceAnalyst, &w.police},
        {"socialsekreterare", Role::kSocialWorker, &w.umea},
        {"handlaggare", Role::kSocialCaseOfficer, &w.umea},
        {"socialsekreterare.skelleftea", Role::kSocialWorker, &w.skelleftea},
        {"koordinator", Role::kCoordinator, &w.region},
        {"namnd", Role::kCommittee, &w.umea},
        {"admin", Role::kAdmin, &w.region},
    };
    for (const auto& u : users) {
      security::User user;
      user.username = u.username;
      user.display_name = std::string("Test ") + u.username;
      user.role = u.role;
      user.unit_id = u.unit->id;
      // Tests never log in: any string stands in for the password hash.
      Result<security::User> made = directory.EnsureUser(user, "not-a-hash");
      ASSERT_TRUE(made.ok()) << made.status().ToString();
      security::Principal p;
      p.user = *made;
      p.unit = *u.unit;
      w.principals[u.username] = p;
    }
  }

  World& world() { return *world_; }

 private:
  std::unique_ptr<World> world_;
};

}  // namespace sv::ops::testing
