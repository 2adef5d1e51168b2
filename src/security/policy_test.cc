#include "security/policy.h"

#include <gtest/gtest.h>

namespace sv::security {
namespace {

Principal Make(Role role, int64_t unit_id, UnitKind kind) {
  Principal p;
  p.user.id = 1;
  p.user.role = role;
  p.user.unit_id = unit_id;
  p.unit.id = unit_id;
  p.unit.kind = kind;
  return p;
}

constexpr int64_t kPolice = 1, kUmea = 2, kSkelleftea = 3, kRegion = 4;

TEST(PolicyTest, PersonRecordsOnlyInTheOwnCompartment) {
  Policy policy(PolicyOptions{});
  const RecordScope police{Compartment::kPolice, kPolice};
  const RecordScope umea{Compartment::kSocial, kUmea};
  const RecordScope skelleftea{Compartment::kSocial, kSkelleftea};
  const Principal officer = Make(Role::kPoliceOfficer, kPolice, UnitKind::kPolice);
  const Principal worker = Make(Role::kSocialWorker, kUmea, UnitKind::kSocialServices);
  for (Permission p : {Permission::kReadPerson, Permission::kUpdatePerson}) {
    EXPECT_TRUE(policy.Decide(officer, p, police).allowed);
    EXPECT_FALSE(policy.Decide(officer, p, umea).allowed);
    EXPECT_TRUE(policy.Decide(worker, p, umea).allowed);
    EXPECT_FALSE(policy.Decide(worker, p, police).allowed);
    EXPECT_FALSE(policy.Decide(worker, p, skelleftea).allowed) << "another municipality";
  }
  const Decision d = policy.Decide(officer, Permission::kReadPerson, umea);
  EXPECT_NE(d.reason.find("social:2"), std::string::npos) << d.reason;
}

TEST(PolicyTest, RolesWithoutPersonLevelAccessAreDenied) {
  Policy policy(PolicyOptions{});
  const RecordScope umea{Compartment::kSocial, kUmea};
  for (Role r : {Role::kCoordinator, Role::kCommittee, Role::kAdmin}) {
    const Principal p = Make(r, r == Role::kCommittee ? kUmea : kRegion,
                             r == Role::kCommittee ? UnitKind::kSocialServices : UnitKind::kRegion);
    EXPECT_FALSE(policy.Decide(p, Permission::kCreatePerson).allowed) << RoleName(r);
    EXPECT_FALSE(policy.Decide(p, Permission::kReadPerson, umea).allowed) << RoleName(r);
    EXPECT_FALSE(policy.Decide(p, Permission::kUpdatePerson, umea).allowed) << RoleName(r);
  }
}

TEST(PolicyTest, AdministrationIsForAdminsOnly) {
  Policy policy(PolicyOptions{});
  for (Role r : AllRoles()) {
    const Principal p = Make(r, kRegion, UnitKind::kRegion);
    EXPECT_EQ(policy.Decide(p, Permission::kAdministerUsers).allowed, r == Role::kAdmin);
    EXPECT_EQ(policy.Decide(p, Permission::kAdministerUnits).allowed, r == Role::kAdmin);
    EXPECT_TRUE(policy.Decide(p, Permission::kManageOwnAccount).allowed);
  }
}

TEST(PolicyTest, RecordAuditForSupervisorsOfTheUnitAndAdmins) {
  Policy policy(PolicyOptions{});
  const RecordScope umea{Compartment::kSocial, kUmea};
  EXPECT_TRUE(policy.Decide(Make(Role::kSocialCaseOfficer, kUmea, UnitKind::kSocialServices),
                            Permission::kReadRecordAudit, umea).allowed);
  EXPECT_FALSE(policy.Decide(Make(Role::kSocialWorker, kUmea, UnitKind::kSocialServices),
                             Permission::kReadRecordAudit, umea).allowed);
  EXPECT_FALSE(policy.Decide(Make(Role::kPoliceCommander, kPolice, UnitKind::kPolice),
                             Permission::kReadRecordAudit, umea).allowed);
  EXPECT_TRUE(policy.Decide(Make(Role::kAdmin, kRegion, UnitKind::kRegion),
                            Permission::kReadRecordAudit, umea).allowed);
}

TEST(PolicyTest, DisabledUsersAndMissingSecondFactor) {
  Principal worker = Make(Role::kSocialWorker, kUmea, UnitKind::kSocialServices);
  const RecordScope umea{Compartment::kSocial, kUmea};
  worker.user.disabled = true;
  EXPECT_FALSE(Policy(PolicyOptions{}).Decide(worker, Permission::kReadPerson, umea).allowed);
  worker.user.disabled = false;
  Policy strict(PolicyOptions{/*require_second_factor=*/true});
  Decision d = strict.Decide(worker, Permission::kReadPerson, umea);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.remedy, "second_factor_required");
  EXPECT_TRUE(strict.Decide(worker, Permission::kManageOwnAccount).allowed)
      << "setting up the second factor must stay possible";
  worker.totp_enabled = true;
  EXPECT_TRUE(strict.Decide(worker, Permission::kReadPerson, umea).allowed);
}

}  // namespace
}  // namespace sv::security
