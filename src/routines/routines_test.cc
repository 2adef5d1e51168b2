#include <gtest/gtest.h>

#include "ops/operation_book.h"
#include "ops/ops_testing.h"
#include "routines/checklist_book.h"
#include "routines/routine_library.h"

namespace sv::routines {
namespace {

const char* kV1 =
    "# Rutin för insatser\n"
    "giltig från: 2027-01-01\n"
    "Mall att anpassa.\n"
    "## Före\n"
    "- [båda, krav] Gemensam genomgång\n"
    "- [polis, krav] Säkerhet\n"
    "## Under\n"
    "- [socialtjänst, krav] Erbjud stöd\n"
    "- [polis] Anteckna brott\n"
    "## Efter\n"
    "- [båda, krav] Avrapportering\n";

class RoutinesTest : public ops::testing::WorldTest {
 protected:
  void SetUp() override {
    WorldTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ops::testing::World& w = world();
    library_ = std::make_unique<RoutineLibrary>(*w.database, w.clock, w.policy, *w.audit);
    checklists_ = std::make_unique<ChecklistBook>(*w.database, w.clock, w.policy, *w.audit);
    book_ = std::make_unique<ops::OperationBook>(*w.database, w.clock, w.policy, *w.audit,
                                                 std::vector<std::string>{"sex_purchase"},
                                                 std::vector<const ops::CloseGuard*>{
                                                     checklists_.get()});
  }

  int64_t RegionRoutine() {
    Result<RoutineVersion> v1 = library_->Create(world().Who("koordinator"), kV1, world().ctx);
    EXPECT_TRUE(v1.ok()) << v1.status().ToString();
    return v1.ok() ? v1->routine_id : 0;
  }

  int64_t Operation() {
    ops::testing::World& w = world();
    Result<ops::Operation> op = book_->Plan(
        w.Who("insatschef"),
        {"sex_purchase", "Insats", "2480", "Centrum", w.At("2026-12-01T19:00:00Z"),
         w.At("2026-12-02T01:00:00Z")},
        w.ctx);
    EXPECT_TRUE(op.ok()) << op.status().ToString();
    for (const char* user : {"polis", "socialsekreterare"}) {
      EXPECT_TRUE(book_->AddParticipant(w.Who("insatschef"), op->id, w.Who(user).user.id, w.ctx)
                      .ok());
    }
    return op->id;
  }

  Status Advance(int64_t op, ops::OperationState to) {
    Result<ops::Operation> moved = book_->Advance(world().Who("insatschef"), op, to, world().ctx);
    return moved.ok() ? Status::Ok() : moved.status();
  }

  static int64_t StepId(const Checklist& list, const std::string& text) {
    for (const ChecklistItem& item : list.items) {
      if (item.step.text == text) return item.step.id;
    }
    ADD_FAILURE() << "no step " << text;
    return 0;
  }

  std::unique_ptr<RoutineLibrary> library_;
  std::unique_ptr<ChecklistBook> checklists_;
  std::unique_ptr<ops::OperationBook> book_;
};

TEST_P(RoutinesTest, EditingMakesANewVersionAndOldVersionsStayReadable) {
  const int64_t id = RegionRoutine();
  const security::Principal& coordinator = world().Who("koordinator");
  std::string v2_source = kV1;
  const std::string old_step = "Säkerhet";
  v2_source.replace(v2_source.find(old_step), old_step.size(), "Säkerhet och larm");
  Result<RoutineVersion> v2 = library_->Revise(coordinator, id, v2_source, world().ctx);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->version, 2);
  Result<RoutineVersion> v1 = library_->Version(world().Who("polis"), id, 1, world().ctx);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->source, kV1);
  EXPECT_EQ(v1->steps.size(), 5u);
  EXPECT_EQ(v1->steps[1].text, "Säkerhet");
  EXPECT_EQ(v1->description, "Mall att anpassa.");
  Result<RoutineVersion> latest = library_->Version(world().Who("polis"), id, 0, world().ctx);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->steps[1].text, "Säkerhet och larm");
  Result<std::vector<RoutineVersion>> versions =
      library_->Versions(world().Who("socialsekreterare.skelleftea"), id, world().ctx);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->front().version, 2);

  Result<RoutineVersion> broken =
      library_->Revise(coordinator, id, "# Rutin\ngiltig från: i morgon\n", world().ctx);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().field(), "source");
  EXPECT_EQ(broken.status().message().rfind("line 2: expected a date", 0), 0u)
      << broken.status().message();
  EXPECT_EQ(library_->Versions(coordinator, id, world().ctx)->size(), 2u) << "nothing written";
}

TEST_P(RoutinesTest, AUnitAdoptsTheRegionsRoutineAsItsOwnAndOnlyOwnersEdit) {
  const int64_t id = RegionRoutine();
  EXPECT_EQ(library_->Revise(world().Who("handlaggare"), id, kV1, world().ctx).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(library_->Revise(world().Who("polis"), id, kV1, world().ctx).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(library_->List(world().Who("namnd"), world().ctx).status().code(),
            StatusCode::kForbidden);
  Result<RoutineVersion> adopted = library_->Adopt(world().Who("handlaggare"), id, world().ctx);
  ASSERT_TRUE(adopted.ok()) << adopted.status().ToString();
  EXPECT_NE(adopted->routine_id, id);
  EXPECT_EQ(adopted->version, 1);
  EXPECT_EQ(adopted->source, kV1);
  EXPECT_TRUE(
      library_->Revise(world().Who("handlaggare"), adopted->routine_id, kV1, world().ctx).ok());
  Result<std::vector<RoutineSummary>> listed =
      library_->List(world().Who("socialsekreterare"), world().ctx);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->at(0).owner_kind, security::UnitKind::kRegion) << "the library first";
  EXPECT_FALSE(listed->at(0).may_edit);
  EXPECT_EQ(listed->at(1).adopted_from_routine, id);
  EXPECT_EQ(listed->at(1).adopted_from_version, 1);
  EXPECT_EQ(listed->at(1).latest_version, 2);
  EXPECT_EQ(Result<std::vector<RoutineSummary>>(
                library_->List(world().Who("handlaggare"), world().ctx))
                ->at(1)
                .may_edit,
            true);
}

TEST_P(RoutinesTest, TheShippedTemplateParses) {
  Result<RoutineDocument> doc = ParseRoutine(RoutineLibrary::Template());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_TRUE(library_->Create(world().Who("koordinator"), std::string(RoutineLibrary::Template()),
                               world().ctx)
                  .ok());
}

TEST_P(RoutinesTest, AnOperationKeepsItsVersionAndClosesOnlyWhenRequiredStepsAreDone) {
  const int64_t routine = RegionRoutine();
  const int64_t op = Operation();
  const security::Principal& chief = world().Who("insatschef");
  const security::Principal& officer = world().Who("polis");
  const security::Principal& worker = world().Who("socialsekreterare");
  Result<Checklist> attached = checklists_->Attach(chief, op, routine, world().ctx);
  ASSERT_TRUE(attached.ok()) << attached.status().ToString();
  EXPECT_EQ(attached->version, 1);
  EXPECT_EQ(attached->open_required, 4);
  // The routine changes later; the operation keeps version 1.
  std::string v2 = kV1;
  v2 += "- [båda, krav] Ett nytt steg\n";
  ASSERT_TRUE(library_->Revise(world().Who("koordinator"), routine, v2, world().ctx).ok());
  Result<std::optional<Checklist>> kept = checklists_->ForOperation(worker, op, world().ctx);
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_EQ((*kept)->version, 1);
  EXPECT_EQ((*kept)->items.size(), 5u);
  const Checklist& list = **kept;

  // Agencies sign their own steps; both sign the joint ones.
  Result<Checklist> wrong = checklists_->Sign(worker, op, StepId(list, "Säkerhet"), world().ctx);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kForbidden);
  EXPECT_NE(wrong.status().message().find("police"), std::string::npos);
  EXPECT_EQ(checklists_->Sign(world().Who("koordinator"), op, StepId(list, "Säkerhet"),
                              world().ctx)
                .status()
                .code(),
            StatusCode::kForbidden);
  ASSERT_TRUE(checklists_->Sign(worker, op, StepId(list, "Gemensam genomgång"), world().ctx).ok());
  EXPECT_EQ(
      checklists_->Sign(officer, op, StepId(list, "Gemensam genomgång"), world().ctx)
          .status()
          .reason(),
      "already_marked");
  ASSERT_TRUE(checklists_->Sign(officer, op, StepId(list, "Säkerhet"), world().ctx).ok());
  EXPECT_EQ(checklists_->Attach(chief, op, routine, world().ctx).status().reason(),
            "checklist_started");

  for (ops::OperationState s : {ops::OperationState::kBriefed, ops::OperationState::kActive,
                                ops::OperationState::kDebriefed}) {
    ASSERT_TRUE(Advance(op, s).ok());
  }
  Status refused = Advance(op, ops::OperationState::kClosed);
  EXPECT_EQ(refused.code(), StatusCode::kConflict);
  EXPECT_EQ(refused.reason(), "checklist_incomplete");
  EXPECT_NE(refused.message().find("2 required steps"), std::string::npos) << refused.message();
  EXPECT_NE(refused.message().find("Erbjud stöd"), std::string::npos) << refused.message();

  // A deviation needs a reason without personal data.
  const int64_t support_step = StepId(list, "Erbjud stöd");
  EXPECT_EQ(checklists_->MarkDeviation(worker, op, support_step, "", world().ctx).status().field(),
            "reason");
  EXPECT_EQ(checklists_
                ->MarkDeviation(worker, op, support_step, "Ring 070-123 45 67 om detta",
                                world().ctx)
                .status()
                .reason(),
            "personal_data");
  ASSERT_TRUE(checklists_
                  ->MarkDeviation(worker, op, support_step, "Ingen tolk fanns att tillgå",
                                  world().ctx)
                  .ok());
  ASSERT_TRUE(checklists_->Sign(officer, op, StepId(list, "Avrapportering"), world().ctx).ok());
  EXPECT_TRUE(Advance(op, ops::OperationState::kClosed).ok()) << "the optional step may stay open";
  EXPECT_EQ(checklists_->Sign(officer, op, StepId(list, "Anteckna brott"), world().ctx)
                .status()
                .reason(),
            "operation_closed");

  Result<std::vector<StepDeviations>> deviations =
      library_->Deviations(world().Who("koordinator"), routine, world().ctx);
  ASSERT_TRUE(deviations.ok()) << deviations.status().ToString();
  ASSERT_FALSE(deviations->empty());
  EXPECT_EQ(deviations->front().text, "Erbjud stöd");
  EXPECT_EQ(deviations->front().deviations, 1);
  EXPECT_EQ(deviations->front().operations, 1);
  ASSERT_EQ(deviations->front().reasons.size(), 1u);
  EXPECT_EQ(deviations->front().reasons[0], "Ingen tolk fanns att tillgå");
}

TEST_P(RoutinesTest, OnlyTheLeadUnitAttachesAndOnlyRoutinesOfTheCounty) {
  const int64_t routine = RegionRoutine();
  const int64_t op = Operation();
  EXPECT_EQ(checklists_->Attach(world().Who("polis"), op, routine, world().ctx).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(checklists_->Attach(world().Who("insatschef"), op, 424242, world().ctx)
                .status()
                .field(),
            "routine_id");
  EXPECT_FALSE(checklists_->ForOperation(world().Who("polis"), op, world().ctx)->has_value());
  EXPECT_EQ(checklists_->ForOperation(world().Who("socialsekreterare.skelleftea"), op, world().ctx)
                .status()
                .code(),
            StatusCode::kForbidden);
  EXPECT_TRUE(Advance(op, ops::OperationState::kBriefed).ok());
  EXPECT_EQ(checklists_->Sign(world().Who("polis"), op, 1, world().ctx).status().reason(),
            "no_checklist");
}

TEST(StepKeyTest, TheSameStepAcrossVersionsDespiteCaseAndSpacing) {
  EXPECT_EQ(StepKey(Phase::kBefore, "Gemensam  genomgång"),
            StepKey(Phase::kBefore, " gemensam genomgång "));
  EXPECT_NE(StepKey(Phase::kBefore, "Gemensam genomgång"),
            StepKey(Phase::kAfter, "Gemensam genomgång"));
  EXPECT_EQ(StepKey(Phase::kDuring, "x").rfind("during-", 0), 0u);
}

SV_STORE_ON_BOTH_BACKENDS(RoutinesTest);

}  // namespace
}  // namespace sv::routines
