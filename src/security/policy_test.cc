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

namespace sv::security {
namespace {

TEST(PolicyTest, JointSpaceIsForTheTakingPartUnitsAndTheRegion) {
  Policy policy(PolicyOptions{});
  OperationScope op;
  op.lead_unit_id = kPolice;
  op.unit_ids = {kPolice, kUmea};
  op.county_code = "24";
  const Principal officer = Make(Role::kPoliceOfficer, kPolice, UnitKind::kPolice);
  const Principal commander = Make(Role::kPoliceCommander, kPolice, UnitKind::kPolice);
  const Principal worker = Make(Role::kSocialWorker, kUmea, UnitKind::kSocialServices);
  const Principal case_officer = Make(Role::kSocialCaseOfficer, kUmea, UnitKind::kSocialServices);
  const Principal other_town = Make(Role::kSocialWorker, kSkelleftea, UnitKind::kSocialServices);
  Principal coordinator = Make(Role::kCoordinator, kRegion, UnitKind::kRegion);
  coordinator.unit.county_code = "24";
  Principal far_coordinator = coordinator;
  far_coordinator.unit.county_code = "01";
  const Principal committee = Make(Role::kCommittee, kUmea, UnitKind::kSocialServices);
  const Principal admin = Make(Role::kAdmin, kRegion, UnitKind::kRegion);

  for (const Principal* p : std::initializer_list<const Principal*>{
           &officer, &commander, &worker, &case_officer, &coordinator}) {
    EXPECT_TRUE(policy.Decide(*p, Permission::kReadOperation, op).allowed)
        << RoleName(p->user.role);
  }
  for (const Principal* p : std::initializer_list<const Principal*>{
           &other_town, &far_coordinator, &committee, &admin}) {
    EXPECT_FALSE(policy.Decide(*p, Permission::kReadOperation, op).allowed)
        << RoleName(p->user.role);
  }
  // Only the lead unit's commander manages; a case officer of a taking-part unit does not.
  EXPECT_TRUE(policy.Decide(commander, Permission::kManageOperation, op).allowed);
  EXPECT_FALSE(policy.Decide(officer, Permission::kManageOperation, op).allowed);
  const Decision not_lead = policy.Decide(case_officer, Permission::kManageOperation, op);
  EXPECT_FALSE(not_lead.allowed);
  EXPECT_NE(not_lead.reason.find("lead unit"), std::string::npos) << not_lead.reason;
  EXPECT_TRUE(policy.Decide(worker, Permission::kWriteOperationLog, op).allowed);
  EXPECT_FALSE(policy.Decide(coordinator, Permission::kWriteOperationLog, op).allowed);
}

TEST(PolicyTest, AClosedOperationIsReadOnly) {
  Policy policy(PolicyOptions{});
  OperationScope op;
  op.lead_unit_id = kPolice;
  op.unit_ids = {kPolice, kUmea};
  op.closed = true;
  const Principal commander = Make(Role::kPoliceCommander, kPolice, UnitKind::kPolice);
  EXPECT_TRUE(policy.Decide(commander, Permission::kReadOperation, op).allowed);
  for (Permission p : {Permission::kManageOperation, Permission::kWriteOperationLog}) {
    const Decision d = policy.Decide(commander, p, op);
    EXPECT_FALSE(d.allowed);
    EXPECT_TRUE(d.state_conflict);
    EXPECT_NE(d.reason.find("closed"), std::string::npos) << d.reason;
  }
}

TEST(PolicyTest, EncountersArePoliceRecordsAndSupportIsSocialServices) {
  Policy policy(PolicyOptions{});
  const RecordScope police{Compartment::kPolice, kPolice};
  const RecordScope umea{Compartment::kSocial, kUmea};
  const Principal officer = Make(Role::kPoliceOfficer, kPolice, UnitKind::kPolice);
  const Principal analyst = Make(Role::kPoliceAnalyst, kPolice, UnitKind::kPolice);
  const Principal worker = Make(Role::kSocialWorker, kUmea, UnitKind::kSocialServices);
  const Principal other_town = Make(Role::kSocialWorker, kSkelleftea, UnitKind::kSocialServices);
  EXPECT_TRUE(policy.Decide(officer, Permission::kRecordEncounter, police).allowed);
  EXPECT_FALSE(policy.Decide(analyst, Permission::kRecordEncounter, police).allowed);
  EXPECT_TRUE(policy.Decide(analyst, Permission::kReadEncounter, police).allowed);
  EXPECT_FALSE(policy.Decide(worker, Permission::kReadEncounter, police).allowed);
  EXPECT_TRUE(policy.Decide(worker, Permission::kRecordSupport, umea).allowed);
  EXPECT_TRUE(policy.Decide(worker, Permission::kReadSupport, umea).allowed);
  EXPECT_FALSE(policy.Decide(other_town, Permission::kReadSupport, umea).allowed);
  EXPECT_FALSE(policy.Decide(officer, Permission::kReadSupport, umea).allowed);
  // Operation permissions never answer a compartment question.
  EXPECT_FALSE(policy.Decide(officer, Permission::kReadOperation, police).allowed);
}

TEST(PolicyTest, SmallCountsAreHiddenFromRolesWithoutPersonLevelAccess) {
  for (Role r : AllRoles()) {
    EXPECT_EQ(Policy::NeedsSuppressedCounts(r), !Policy::HasPersonLevelAccess(r)) << RoleName(r);
  }
  EXPECT_TRUE(Policy::NeedsSuppressedCounts(Role::kCoordinator));
  EXPECT_FALSE(Policy::NeedsSuppressedCounts(Role::kSocialWorker));
}

}  // namespace
}  // namespace sv::security

namespace sv::security {
namespace {

TEST(PolicyTest, RoutinesAreKeptByTheirUnitAndSignedByTakingPartUnits) {
  Policy policy(PolicyOptions{});
  const Principal coordinator = Make(Role::kCoordinator, kRegion, UnitKind::kRegion);
  const Principal commander = Make(Role::kPoliceCommander, kPolice, UnitKind::kPolice);
  const Principal officer = Make(Role::kPoliceOfficer, kPolice, UnitKind::kPolice);
  const Principal case_officer = Make(Role::kSocialCaseOfficer, kUmea, UnitKind::kSocialServices);
  const Principal committee = Make(Role::kCommittee, kUmea, UnitKind::kSocialServices);
  EXPECT_TRUE(policy.Decide(coordinator, Permission::kManageRoutines, UnitScope{kRegion}).allowed);
  EXPECT_FALSE(policy.Decide(coordinator, Permission::kManageRoutines, UnitScope{kUmea}).allowed);
  EXPECT_TRUE(policy.Decide(case_officer, Permission::kManageRoutines, UnitScope{kUmea}).allowed);
  EXPECT_TRUE(policy.Decide(commander, Permission::kManageRoutines, UnitScope{kPolice}).allowed);
  EXPECT_FALSE(policy.Decide(officer, Permission::kManageRoutines, UnitScope{kPolice}).allowed);
  EXPECT_TRUE(policy.Decide(officer, Permission::kReadRoutines).allowed);
  EXPECT_FALSE(policy.Decide(committee, Permission::kReadRoutines).allowed);
  OperationScope op;
  op.lead_unit_id = kPolice;
  op.unit_ids = {kPolice, kUmea};
  EXPECT_TRUE(policy.Decide(officer, Permission::kSignChecklist, op).allowed);
  EXPECT_FALSE(policy.Decide(coordinator, Permission::kSignChecklist, op).allowed);
  op.closed = true;
  EXPECT_TRUE(policy.Decide(officer, Permission::kSignChecklist, op).state_conflict);
}

}  // namespace
}  // namespace sv::security
