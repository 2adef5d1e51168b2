#include "ops/operation_book.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "ops/ops_testing.h"

namespace sv::ops {
namespace {

using testing::World;

class OperationBookTest : public testing::WorldTest {
 protected:
  void SetUp() override {
    WorldTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    book_ = std::make_unique<OperationBook>(
        *world().database, world().clock, world().policy, *world().audit,
        std::vector<std::string>{"sex_purchase", "hotel_apartment", "other"});
  }

  OperationPlan AnyPlan() {
    return {"sex_purchase", "Insats centrum", "2480", "Hotell och lägenheter i centrum",
            world().At("2026-12-01T19:00:00Z"), world().At("2026-12-02T02:00:00Z")};
  }

  Operation Planned() {
    Result<Operation> op = book_->Plan(world().Who("insatschef"), AnyPlan(), world().ctx);
    EXPECT_TRUE(op.ok()) << op.status().ToString();
    return op.ok() ? *op : Operation{};
  }

  // Plans an operation with polis and socialsekreterare taking part, moved on to `state`.
  Operation InState(OperationState state) {
    Operation op = Planned();
    for (const char* user : {"polis", "socialsekreterare"}) {
      EXPECT_TRUE(book_->AddParticipant(world().Who("insatschef"), op.id,
                                        world().Who(user).user.id, world().ctx)
                      .ok());
    }
    OperationState s = OperationState::kPlanned;
    while (s != state) {
      s = *NextState(s);
      Result<Operation> moved = book_->Advance(world().Who("insatschef"), op.id, s, world().ctx);
      EXPECT_TRUE(moved.ok()) << moved.status().ToString();
    }
    return op;
  }

  int64_t DeniedEvents() {
    long long n = 0;
    Status s = world().database->InReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM audit_events WHERE outcome = 'denied'", soci::into(n);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok());
    return n;
  }

  std::unique_ptr<OperationBook> book_;
};

TEST_P(OperationBookTest, PlanningMakesAPlannedOperationLedByThePlannersUnit) {
  Operation op = Planned();
  EXPECT_EQ(op.state, OperationState::kPlanned);
  EXPECT_EQ(op.lead_unit_id, world().police.id);
  EXPECT_EQ(op.lead_unit_name, "Polisen lokalpolisområde Umeå");
  EXPECT_EQ(op.created_by_name, "Test insatschef");
  EXPECT_TRUE(op.may_manage);
  EXPECT_TRUE(op.transitions.empty());
}

TEST_P(OperationBookTest, BadPlansNameTheField) {
  const security::Principal& chief = world().Who("insatschef");
  struct Case {
    std::function<void(OperationPlan&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](OperationPlan& p) { p.type = "raid"; }, "type"},
      {[](OperationPlan& p) { p.name = ""; }, "name"},
      {[](OperationPlan& p) { p.municipality_code = "9999"; }, "municipality_code"},
      // Stockholm is outside the police unit's county (24).
      {[](OperationPlan& p) { p.municipality_code = "0180"; }, "municipality_code"},
      {[](OperationPlan& p) { p.planned_end = p.planned_start; }, "planned_end"},
      {[&](OperationPlan& p) { p.planned_end = world().At("2026-11-30T19:00:00Z"); },
       "planned_end"},
      {[](OperationPlan& p) { p.place = "Lägenhet, ring 070-123 45 67"; }, "place"},
      {[](OperationPlan& p) { p.name = "Insats 19850101-1234"; }, "name"},
  };
  for (const Case& c : cases) {
    OperationPlan plan = AnyPlan();
    c.change(plan);
    Result<Operation> r = book_->Plan(chief, plan, world().ctx);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput) << c.field;
    EXPECT_EQ(r.status().field(), c.field) << r.status().ToString();
  }
  Result<std::vector<Operation>> none = book_->List(chief, OperationFilter{});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty()) << "nothing half-written";
}

TEST_P(OperationBookTest, PersonalDataInTheJointSpaceIsRefusedSayingWhatWasFound) {
  Operation op = InState(OperationState::kActive);
  const security::Principal& worker = world().Who("socialsekreterare");
  Result<OperationBook::AddedEntry> phone =
      book_->AddLogEntry(worker, op.id, {std::nullopt, "ring 070-123 45 67", {}}, "", world().ctx);
  ASSERT_FALSE(phone.ok());
  EXPECT_EQ(phone.status().field(), "text");
  EXPECT_EQ(phone.status().reason(), "personal_data");
  EXPECT_NE(phone.status().message().find("phone number"), std::string::npos)
      << phone.status().message();
  Result<OperationBook::AddedEntry> number =
      book_->AddLogEntry(worker, op.id, {std::nullopt, "19850101-1234", {}}, "", world().ctx);
  ASSERT_FALSE(number.ok());
  EXPECT_NE(number.status().message().find("identity number"), std::string::npos)
      << number.status().message();
  EXPECT_EQ(book_->AddTarget(world().Who("insatschef"), op.id, "annonssajt.example",
                             "kontakt: namn@example.com", world().ctx)
                .status()
                .field(),
            "reference");
  Result<std::vector<LogEntry>> log = book_->Log(worker, op.id, world().ctx);
  ASSERT_TRUE(log.ok());
  EXPECT_TRUE(log->empty());
}

TEST_P(OperationBookTest, TheLifecycleMovesOneStepAtATimeAndRecordsWhoAndWhen) {
  Operation op = Planned();
  const security::Principal& chief = world().Who("insatschef");
  Result<Operation> skipped = book_->Advance(chief, op.id, OperationState::kActive, world().ctx);
  ASSERT_FALSE(skipped.ok());
  EXPECT_EQ(skipped.status().code(), StatusCode::kConflict);
  EXPECT_EQ(skipped.status().reason(), "transition_not_allowed");
  EXPECT_EQ(skipped.status().message(),
            "the operation is planned; it can only move to briefed");
  for (OperationState s : {OperationState::kBriefed, OperationState::kActive,
                           OperationState::kDebriefed, OperationState::kClosed}) {
    world().clock.Advance(std::chrono::hours(1));
    Result<Operation> moved = book_->Advance(chief, op.id, s, world().ctx);
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
    EXPECT_EQ(moved->state, s);
    ASSERT_FALSE(moved->transitions.empty());
    EXPECT_EQ(moved->transitions.back().to, s);
    EXPECT_EQ(moved->transitions.back().user_name, "Test insatschef");
    EXPECT_EQ(moved->transitions.back().at, world().clock.Now());
  }
  Result<Operation> after = book_->Advance(chief, op.id, OperationState::kClosed, world().ctx);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().code(), StatusCode::kConflict);
}

TEST_P(OperationBookTest, AClosedOperationIsReadOnly) {
  Operation op = InState(OperationState::kClosed);
  const security::Principal& chief = world().Who("insatschef");
  PlanChanges rename;
  rename.name = "Nytt namn";
  Result<Operation> updated = book_->Update(chief, op.id, rename, world().ctx);
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.status().code(), StatusCode::kConflict);
  EXPECT_EQ(updated.status().reason(), "operation_closed");
  EXPECT_EQ(book_->AddParticipant(chief, op.id, world().Who("handlaggare").user.id, world().ctx)
                .status()
                .code(),
            StatusCode::kConflict);
  EXPECT_EQ(book_->AddLogEntry(world().Who("polis"), op.id, {std::nullopt, "Sent tillägg", {}},
                               "", world().ctx)
                .status()
                .code(),
            StatusCode::kConflict);
  Result<Operation> read = book_->Get(chief, op.id, world().ctx);
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->may_manage);
  EXPECT_FALSE(read->may_write_log);
  EXPECT_EQ(read->name, "Insats centrum");
}

TEST_P(OperationBookTest, ParticipantsOpenTheJointSpaceToTheirUnits) {
  Operation op = Planned();
  const security::Principal& chief = world().Who("insatschef");
  const security::Principal& worker = world().Who("socialsekreterare");
  EXPECT_EQ(book_->Get(worker, op.id, world().ctx).status().code(), StatusCode::kForbidden);

  Result<std::vector<Candidate>> candidates = book_->Candidates(chief, op.id, world().ctx);
  ASSERT_TRUE(candidates.ok());
  std::vector<std::string> names;
  for (const Candidate& c : *candidates) names.push_back(c.display_name);
  EXPECT_NE(std::find(names.begin(), names.end(), "Test socialsekreterare"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "Test socialsekreterare.skelleftea"),
            names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "Test koordinator"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "Test namnd"), names.end());

  Result<Operation> added = book_->AddParticipant(chief, op.id, worker.user.id, world().ctx);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_EQ(added->participants.size(), 1u);
  EXPECT_EQ(added->participants[0].unit_name, "Socialtjänsten Umeå kommun");
  Result<Operation> seen = book_->Get(worker, op.id, world().ctx);
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->may_manage) << "a taking-part unit does not lead";
  EXPECT_TRUE(seen->may_write_log);
  EXPECT_EQ(book_->Get(world().Who("socialsekreterare.skelleftea"), op.id, world().ctx)
                .status()
                .code(),
            StatusCode::kForbidden);

  EXPECT_EQ(book_->AddParticipant(chief, op.id, world().Who("koordinator").user.id, world().ctx)
                .status()
                .field(),
            "user_id");
  EXPECT_EQ(book_->AddParticipant(chief, op.id, 999999, world().ctx).status().field(), "user_id");
  EXPECT_TRUE(book_->RemoveParticipant(chief, op.id, worker.user.id, world().ctx).ok());
  EXPECT_EQ(book_->Get(worker, op.id, world().ctx).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(book_->RemoveParticipant(chief, op.id, worker.user.id, world().ctx).status().code(),
            StatusCode::kNotFound);
}

TEST_P(OperationBookTest, OnlyTheLeadUnitManagesAndEveryRefusalIsAudited) {
  Operation op = InState(OperationState::kBriefed);
  const int64_t before = DeniedEvents();
  PlanChanges rename;
  rename.name = "Kapat";
  for (const char* user : {"polis", "socialsekreterare", "handlaggare", "koordinator", "admin"}) {
    Result<Operation> r = book_->Update(world().Who(user), op.id, rename, world().ctx);
    ASSERT_FALSE(r.ok()) << user;
    EXPECT_EQ(r.status().code(), StatusCode::kForbidden) << user;
  }
  for (const char* user : {"socialsekreterare.skelleftea", "namnd", "admin"}) {
    EXPECT_EQ(book_->Get(world().Who(user), op.id, world().ctx).status().code(),
              StatusCode::kForbidden)
        << user;
  }
  EXPECT_EQ(book_->Plan(world().Who("polis"), AnyPlan(), world().ctx).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(DeniedEvents() - before, 9);
  // The coordinator of the region reads, but does not write the log.
  EXPECT_TRUE(book_->Get(world().Who("koordinator"), op.id, world().ctx).ok());
  EXPECT_EQ(book_->AddLogEntry(world().Who("koordinator"), op.id, {std::nullopt, "Hej", {}}, "",
                               world().ctx)
                .status()
                .code(),
            StatusCode::kForbidden);
}

TEST_P(OperationBookTest, TheLogKeepsTimedEntriesWithCounts) {
  Operation op = InState(OperationState::kActive);
  NewLogEntry entry;
  entry.text = "Stöd erbjudet till två personer som säljer, en tackade ja";
  entry.counts.contacts_sellers = 2;
  entry.counts.offers_made = 2;
  entry.counts.offers_accepted = 1;
  entry.at = world().At("2026-12-01T17:30:00Z");
  Result<OperationBook::AddedEntry> added =
      book_->AddLogEntry(world().Who("socialsekreterare"), op.id, entry, "", world().ctx);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_TRUE(added->created);
  EXPECT_EQ(added->entry.author_name, "Test socialsekreterare");
  EXPECT_EQ(added->entry.counts.offers_accepted, 1);
  EXPECT_EQ(added->entry.at, world().At("2026-12-01T17:30:00Z"));
  NewLogEntry later;
  later.text = "Köpare lagförd";
  later.counts.buyers_reported = 1;
  ASSERT_TRUE(book_->AddLogEntry(world().Who("polis"), op.id, later, "", world().ctx).ok());

  Result<std::vector<LogEntry>> log = book_->Log(world().Who("insatschef"), op.id, world().ctx);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  LogCounts sum;
  for (const LogEntry& e : *log) sum += e.counts;
  EXPECT_EQ(sum.contacts_sellers, 2);
  EXPECT_EQ(sum.buyers_reported, 1);

  NewLogEntry bad = entry;
  bad.counts.offers_accepted = 3;
  EXPECT_EQ(book_->AddLogEntry(world().Who("polis"), op.id, bad, "", world().ctx).status().field(),
            "counts.offers_accepted");
  bad = entry;
  bad.counts.contacts_buyers = -1;
  EXPECT_EQ(book_->AddLogEntry(world().Who("polis"), op.id, bad, "", world().ctx).status().field(),
            "counts.contacts_buyers");
  bad = entry;
  bad.at = world().clock.Now() + std::chrono::hours(2);
  EXPECT_EQ(book_->AddLogEntry(world().Who("polis"), op.id, bad, "", world().ctx).status().field(),
            "at");
}

TEST_P(OperationBookTest, ARetriedLogEntryWithTheSameKeyIsWrittenOnce) {
  Operation op = InState(OperationState::kActive);
  NewLogEntry entry;
  entry.text = "Genomgång klar";
  const security::Principal& officer = world().Who("polis");
  Result<OperationBook::AddedEntry> first =
      book_->AddLogEntry(officer, op.id, entry, "key-1", world().ctx);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Result<OperationBook::AddedEntry> again =
      book_->AddLogEntry(officer, op.id, entry, "key-1", world().ctx);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->entry.id, first->entry.id);
  NewLogEntry other = entry;
  other.text = "Något annat";
  Result<OperationBook::AddedEntry> reused =
      book_->AddLogEntry(officer, op.id, other, "key-1", world().ctx);
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(reused.status().reason(), "idempotency_key_reused");
  // Keys belong to their user: another user's same key is a new entry.
  Result<OperationBook::AddedEntry> someone_else =
      book_->AddLogEntry(world().Who("socialsekreterare"), op.id, entry, "key-1", world().ctx);
  ASSERT_TRUE(someone_else.ok());
  EXPECT_TRUE(someone_else->created);
  Result<std::vector<LogEntry>> log = book_->Log(officer, op.id, world().ctx);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->size(), 2u);
}

TEST_P(OperationBookTest, ListsWhatThePrincipalMayReadWithFilters) {
  Operation active = InState(OperationState::kActive);
  Operation closed = InState(OperationState::kClosed);
  Operation lone = Planned();  // no participants
  auto ids = [&](const char* user, OperationFilter filter) {
    std::vector<int64_t> out;
    Result<std::vector<Operation>> list = book_->List(world().Who(user), filter);
    EXPECT_TRUE(list.ok());
    if (list.ok()) {
      for (const Operation& op : *list) out.push_back(op.id);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids("insatschef", {}), (std::vector<int64_t>{active.id, closed.id, lone.id}));
  EXPECT_EQ(ids("socialsekreterare", {}), (std::vector<int64_t>{active.id, closed.id}));
  EXPECT_EQ(ids("handlaggare", {}), (std::vector<int64_t>{active.id, closed.id}))
      << "the unit takes part";
  EXPECT_EQ(ids("koordinator", {}), (std::vector<int64_t>{active.id, closed.id, lone.id}));
  EXPECT_TRUE(ids("socialsekreterare.skelleftea", {}).empty());
  EXPECT_TRUE(ids("namnd", {}).empty());
  EXPECT_TRUE(ids("admin", {}).empty());
  OperationFilter open;
  open.open_only = true;
  EXPECT_EQ(ids("socialsekreterare", open), (std::vector<int64_t>{active.id}));
  OperationFilter mine;
  mine.mine = true;
  EXPECT_EQ(ids("handlaggare", mine), std::vector<int64_t>{}) << "not a participant";
  EXPECT_EQ(ids("polis", mine), (std::vector<int64_t>{active.id, closed.id}));
  OperationFilter later;
  later.ends_after = world().At("2026-12-03T00:00:00Z");
  EXPECT_TRUE(ids("insatschef", later).empty());
}

TEST_P(OperationBookTest, RecordsAreMadeOnlyWhileActiveOrAtTheDebriefing) {
  Operation op = InState(OperationState::kBriefed);
  auto open_for = [&](const char* user) {
    Result<OperationForRecords> r = Status::Internal("not run");
    EXPECT_TRUE(world()
                    .database->InTransaction([&](soci::session& sql) {
                      r = OperationOpenForRecords(sql, world().policy, world().Who(user), op.id);
                      return Status::Ok();
                    })
                    .ok());
    return r;
  };
  Result<OperationForRecords> briefed = open_for("polis");
  ASSERT_FALSE(briefed.ok());
  EXPECT_EQ(briefed.status().reason(), "operation_not_open");
  EXPECT_NE(briefed.status().message().find("briefed"), std::string::npos);
  const security::Principal& chief = world().Who("insatschef");
  ASSERT_TRUE(book_->Advance(chief, op.id, OperationState::kActive, world().ctx).ok());
  EXPECT_TRUE(open_for("polis").ok());
  EXPECT_EQ(open_for("socialsekreterare.skelleftea").status().code(), StatusCode::kForbidden);
  ASSERT_TRUE(book_->Advance(chief, op.id, OperationState::kDebriefed, world().ctx).ok());
  Result<OperationForRecords> debriefed = open_for("socialsekreterare");
  ASSERT_TRUE(debriefed.ok());
  EXPECT_EQ(debriefed->municipality_code, "2480");
  ASSERT_TRUE(book_->Advance(chief, op.id, OperationState::kClosed, world().ctx).ok());
  EXPECT_EQ(open_for("polis").status().code(), StatusCode::kConflict);
  EXPECT_EQ(open_for("polis").status().field(), "operation_id");
}

TEST_P(OperationBookTest, PlanChangesAreCheckedLikeAPlan) {
  Operation op = Planned();
  const security::Principal& chief = world().Who("insatschef");
  PlanChanges earlier;
  earlier.planned_end = world().At("2026-12-01T18:00:00Z");
  EXPECT_EQ(book_->Update(chief, op.id, earlier, world().ctx).status().field(), "planned_end");
  PlanChanges moved;
  moved.municipality_code = "2482";
  moved.place = "Centrala Skellefteå";
  Result<Operation> updated = book_->Update(chief, op.id, moved, world().ctx);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->municipality_code, "2482");
  EXPECT_EQ(updated->place, "Centrala Skellefteå");
  EXPECT_EQ(updated->name, "Insats centrum");
}

// A guard that refuses while `open_steps` is above zero, as the routine's checklist does.
class CountingGuard final : public CloseGuard {
 public:
  Status CheckBeforeClosing(soci::session&, int64_t) const override {
    ++asked;
    return open_steps > 0 ? Status::Conflict(std::to_string(open_steps) + " steps are open")
                                .WithReason("checklist_incomplete")
                          : Status::Ok();
  }
  int open_steps = 1;
  mutable int asked = 0;
};

TEST_P(OperationBookTest, CloseGuardsAreAskedBeforeClosing) {
  CountingGuard guard;
  OperationBook guarded(*world().database, world().clock, world().policy, *world().audit,
                        {"sex_purchase"}, {&guard});
  const security::Principal& chief = world().Who("insatschef");
  Result<Operation> op = guarded.Plan(chief, AnyPlan(), world().ctx);
  ASSERT_TRUE(op.ok());
  for (OperationState s : {OperationState::kBriefed, OperationState::kActive,
                           OperationState::kDebriefed}) {
    ASSERT_TRUE(guarded.Advance(chief, op->id, s, world().ctx).ok());
  }
  EXPECT_EQ(guard.asked, 0) << "only closing asks";
  Result<Operation> refused = guarded.Advance(chief, op->id, OperationState::kClosed, world().ctx);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().reason(), "checklist_incomplete");
  EXPECT_EQ(guarded.Get(chief, op->id, world().ctx)->state, OperationState::kDebriefed);
  guard.open_steps = 0;
  EXPECT_TRUE(guarded.Advance(chief, op->id, OperationState::kClosed, world().ctx).ok());
  EXPECT_EQ(guard.asked, 2);
}

SV_STORE_ON_BOTH_BACKENDS(OperationBookTest);

}  // namespace
}  // namespace sv::ops
