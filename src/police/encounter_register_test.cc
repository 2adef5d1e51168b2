#include "police/encounter_register.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "ops/operation_book.h"
#include "ops/ops_testing.h"
#include "disclosure/concern_reports.h"
#include "persons/person_register.h"
#include "police/encounter_disclosure.h"
#include "disclosure/disclosures.h"

namespace sv::police {
namespace {

class EncounterRegisterTest : public ops::testing::WorldTest {
 protected:
  void SetUp() override {
    WorldTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ops::testing::World& w = world();
    const std::vector<std::string> purposes = {"operation", "case_work"};
    persons_ = std::make_unique<persons::PersonRegister>(*w.database, w.clock, w.policy, *w.audit,
                                                         *w.cipher, *w.pseudonyms, purposes);
    book_ = std::make_unique<ops::OperationBook>(*w.database, w.clock, w.policy, *w.audit,
                                                 std::vector<std::string>{"sex_purchase"});
    encounters_ = std::make_unique<EncounterRegister>(
        *w.database, w.clock, w.policy, *w.audit, *w.cipher, *persons_,
        std::vector<std::string>{"brb_6_11", "brb_6_9", "brb_6_12", "brb_4_1a"}, purposes);
    Result<ops::Operation> op = book_->Plan(
        w.Who("insatschef"),
        {"sex_purchase", "Insats", "2480", "Centrum", w.At("2026-12-01T17:00:00Z"),
         w.At("2026-12-02T01:00:00Z")},
        w.ctx);
    ASSERT_TRUE(op.ok()) << op.status().ToString();
    operation_ = op->id;
    for (const char* user : {"polis", "socialsekreterare"}) {
      ASSERT_TRUE(book_->AddParticipant(w.Who("insatschef"), operation_, w.Who(user).user.id, w.ctx)
                      .ok());
    }
    Advance(ops::OperationState::kBriefed);
    Advance(ops::OperationState::kActive);
  }

  void Advance(ops::OperationState to) {
    Result<ops::Operation> moved = book_->Advance(world().Who("insatschef"), operation_, to,
                                                  world().ctx);
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  }

  NewEncounter Buyer() {
    NewEncounter e;
    e.role = "buyer";
    e.age_band = "36_50";
    e.offence = "brb_6_11";
    e.case_number = "5000-K123456-26";
    e.notes = "Påträffad i trapphuset";
    return e;
  }

  Result<EncounterRegister::Recorded> Record(const char* user, const NewEncounter& e,
                                             const std::string& key = "") {
    return encounters_->Record(world().Who(user), operation_, e, key, world().ctx);
  }

  std::unique_ptr<persons::PersonRegister> persons_;
  std::unique_ptr<ops::OperationBook> book_;
  std::unique_ptr<EncounterRegister> encounters_;
  int64_t operation_ = 0;
};

TEST_P(EncounterRegisterTest, AnOfficerRecordsAnEncounterInTheUnitsCompartment) {
  Result<EncounterRegister::Recorded> r = Record("polis", Buyer());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->created);
  const Encounter& e = r->encounter;
  EXPECT_EQ(e.unit_id, world().police.id);
  EXPECT_EQ(e.operation_id, operation_);
  EXPECT_EQ(e.role, "buyer");
  EXPECT_EQ(e.offence, "brb_6_11");
  EXPECT_EQ(e.case_number, "5000-K123456-26");
  EXPECT_EQ(e.notes, "Påträffad i trapphuset");
  EXPECT_EQ(e.occurred_at, world().clock.Now());
  EXPECT_FALSE(e.person_id.has_value());

  // The notes are stored encrypted.
  std::string raw;
  ASSERT_TRUE(world()
                  .database->InReadTransaction([&](soci::session& sql) {
                    sql << "SELECT notes_enc FROM encounters", soci::into(raw);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(raw.find("trapphuset"), std::string::npos);

  Result<std::vector<Encounter>> listed =
      encounters_->ListForOperation(world().Who("analytiker"), operation_, "operation", world().ctx);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().id, e.id);
}

TEST_P(EncounterRegisterTest, TheIdentityNumberBecomesAPersonKeyAndGivesTheAge) {
  NewEncounter e = Buyer();
  e.age_band.reset();
  e.identity_number = "19811218-9876";
  Result<EncounterRegister::Recorded> first = Record("polis", e);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->encounter.person_id.has_value());
  EXPECT_EQ(first->encounter.age, 44);  // born 18 December 1981, met on 1 December 2026
  EXPECT_EQ(first->encounter.age_band, "36_50");
  Result<EncounterRegister::Recorded> second = Record("insatschef", e);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->encounter.person_id, first->encounter.person_id) << "the same person";
  // Never the number itself. The key is 64 hex digits, so the whole number is looked for: four of
  // its digits turn up in about one key in a thousand by chance (a CI run failed so).
  long long stored = 0;
  ASSERT_TRUE(world()
                  .database->InReadTransaction([&](soci::session& sql) {
                    sql << "SELECT COUNT(*) FROM persons WHERE person_key LIKE '%8112189876%'",
                        soci::into(stored);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(stored, 0);

  e.identity_number = "19811218-9875";  // wrong check digit
  Result<EncounterRegister::Recorded> bad = Record("polis", e);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "identity_number");
  e.identity_number = "19811218-9876";
  e.age_band = "under_18";
  EXPECT_EQ(Record("polis", e).status().field(), "age_band") << "the number says 44";
}

TEST_P(EncounterRegisterTest, BadInputNamesTheFieldAndWritesNothing) {
  struct Case {
    std::function<void(NewEncounter&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](NewEncounter& e) { e.role = "pimp"; }, "role"},
      {[](NewEncounter& e) { e.offence = "brb_3_1"; }, "offence"},
      {[](NewEncounter& e) { e.case_number = "5000-K1<script>"; }, "case_number"},
      {[](NewEncounter& e) { e.age = 200; }, "age"},
      {[](NewEncounter& e) { e.age_band = "teen"; }, "age_band"},
      {[&](NewEncounter& e) { e.occurred_at = world().clock.Now() + std::chrono::hours(1); },
       "occurred_at"},
  };
  for (const Case& c : cases) {
    NewEncounter e = Buyer();
    c.change(e);
    Result<EncounterRegister::Recorded> r = Record("polis", e);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(r.status().field(), c.field) << r.status().ToString();
  }
  Result<std::vector<Encounter>> listed =
      encounters_->ListForOperation(world().Who("polis"), operation_, "operation", world().ctx);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_P(EncounterRegisterTest, OnlyWhileTheOperationIsActiveOrAtItsDebriefing) {
  Advance(ops::OperationState::kDebriefed);
  EXPECT_TRUE(Record("polis", Buyer()).ok());
  Advance(ops::OperationState::kClosed);
  Result<EncounterRegister::Recorded> closed = Record("polis", Buyer());
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.status().code(), StatusCode::kConflict);
  EXPECT_EQ(closed.status().reason(), "operation_not_open");
  Result<EncounterRegister::Recorded> missing =
      encounters_->Record(world().Who("polis"), 424242, Buyer(), "", world().ctx);
  EXPECT_EQ(missing.status().field(), "operation_id");
}

TEST_P(EncounterRegisterTest, OtherCompartmentsAndRolesAreRefusedAndAudited) {
  Result<EncounterRegister::Recorded> made = Record("polis", Buyer());
  ASSERT_TRUE(made.ok());
  const int64_t id = made->encounter.id;
  for (const char* user : {"socialsekreterare", "handlaggare", "koordinator", "namnd", "admin"}) {
    Result<Encounter> read = encounters_->Get(world().Who(user), id, "operation", world().ctx);
    ASSERT_FALSE(read.ok()) << user;
    EXPECT_EQ(read.status().code(), StatusCode::kForbidden) << user;
  }
  EXPECT_EQ(Record("analytiker", Buyer()).status().code(), StatusCode::kForbidden)
      << "analysts read but do not record";
  EXPECT_EQ(Record("socialsekreterare", Buyer()).status().code(), StatusCode::kForbidden);
  EXPECT_TRUE(encounters_->Get(world().Who("analytiker"), id, "operation", world().ctx).ok());
  EXPECT_EQ(encounters_->Get(world().Who("polis"), id, "", world().ctx).status().field(),
            "purpose");
  long long denied = 0, reads = 0;
  ASSERT_TRUE(world()
                  .database->InReadTransaction([&](soci::session& sql) {
                    sql << "SELECT COUNT(*) FROM audit_events WHERE record_type = 'encounter' "
                           "AND outcome = 'denied'",
                        soci::into(denied);
                    sql << "SELECT COUNT(*) FROM audit_events WHERE record_type = 'encounter' "
                           "AND action = 'read' AND purpose = 'operation' AND outcome = 'ok'",
                        soci::into(reads);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(denied, 7);
  EXPECT_EQ(reads, 1);
}

TEST_P(EncounterRegisterTest, ARetryWithTheSameKeyRecordsOnce) {
  Result<EncounterRegister::Recorded> first = Record("polis", Buyer(), "c0ffee");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Result<EncounterRegister::Recorded> retry = Record("polis", Buyer(), "c0ffee");
  ASSERT_TRUE(retry.ok()) << retry.status().ToString();
  EXPECT_FALSE(retry->created);
  EXPECT_EQ(retry->encounter.id, first->encounter.id);
  NewEncounter other = Buyer();
  other.role = "seller";
  EXPECT_EQ(Record("polis", other, "c0ffee").status().reason(), "idempotency_key_reused");
  Result<std::vector<Encounter>> listed =
      encounters_->ListForOperation(world().Who("polis"), operation_, "operation", world().ctx);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);
}

TEST_P(EncounterRegisterTest, UpdatesChangeTheOffenceCaseNumberAndNotes) {
  Result<EncounterRegister::Recorded> made = Record("polis", Buyer());
  ASSERT_TRUE(made.ok());
  EncounterChanges changes;
  changes.offence = "brb_6_9";
  changes.case_number = "";
  changes.notes = "Anmäld";
  Result<Encounter> updated =
      encounters_->Update(world().Who("insatschef"), made->encounter.id, changes, world().ctx);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->offence, "brb_6_9");
  EXPECT_FALSE(updated->case_number.has_value());
  EXPECT_EQ(updated->notes, "Anmäld");
  EXPECT_EQ(encounters_->Update(world().Who("analytiker"), made->encounter.id, changes,
                                world().ctx)
                .status()
                .code(),
            StatusCode::kForbidden);
  changes.offence = "unknown";
  EXPECT_EQ(encounters_->Update(world().Who("polis"), made->encounter.id, changes, world().ctx)
                .status()
                .field(),
            "offence");
}

TEST_P(EncounterRegisterTest, APersonWhoMayBeAChildOpensAConcernReportTask) {
  ops::testing::World& w = world();
  disclosure::ConcernReports concerns(*w.database, w.clock, w.policy, *w.audit, *w.cipher,
                                      std::chrono::hours(24));
  EncounterRegister with_concerns(*w.database, w.clock, w.policy, *w.audit, *w.cipher, *persons_,
                                  {"brb_6_11"}, {"operation"}, &concerns);
  auto record = [&](std::optional<int> age, std::optional<std::string> band) {
    NewEncounter e;
    e.role = "seller";
    e.age = age;
    e.age_band = band;
    Result<EncounterRegister::Recorded> r =
        with_concerns.Record(w.Who("polis"), operation_, e, "", w.ctx);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
  };
  record(30, std::nullopt);
  auto open = [&]() {
    Result<std::vector<disclosure::ConcernTask>> tasks =
        concerns.Tasks(w.Who("insatschef"), true, w.ctx);
    EXPECT_TRUE(tasks.ok()) << tasks.status().ToString();
    return tasks.ok() ? *tasks : std::vector<disclosure::ConcernTask>{};
  };
  EXPECT_TRUE(open().empty()) << "an adult opens nothing";
  record(16, std::nullopt);
  record(std::nullopt, std::nullopt);  // age unknown
  std::vector<disclosure::ConcernTask> tasks = open();
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].source.type, "encounter");
  EXPECT_EQ(tasks[0].source.operation_id, operation_);
  EXPECT_EQ(tasks[0].source.municipality_code, "2480");
  EXPECT_EQ(tasks[0].due_at, w.clock.Now() + std::chrono::hours(24));
  EXPECT_FALSE(tasks[0].overdue);
  EXPECT_EQ(tasks[0].assigned_to, w.Who("polis").user.id);
  w.clock.Advance(std::chrono::hours(25));
  EXPECT_TRUE(open()[0].overdue) << "open tasks are overdue after the configured time";
  EXPECT_EQ(concerns.Tasks(w.Who("socialsekreterare"), true, w.ctx)->size(), 0u)
      << "the social services' compartment has none of the police's";
  EXPECT_EQ(concerns.Tasks(w.Who("koordinator"), true, w.ctx).status().code(),
            StatusCode::kForbidden);
  Result<disclosure::ConcernTask> decided = concerns.RecordNoReport(
      w.Who("polis"), tasks[1].id, "Personen visade legitimation: 23 år gammal", w.ctx);
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(decided->state, disclosure::TaskState::kNoReport);
  EXPECT_EQ(decided->no_report_reason, "Personen visade legitimation: 23 år gammal");
  EXPECT_EQ(open().size(), 1u);
}

// DOMAIN.md: information crosses only on a legal ground, and consent is recorded (by social
// services), not assumed.
TEST_P(EncounterRegisterTest, AnEncounterIsDisclosedToSocialServicesOnlyOnALegalGround) {
  ops::testing::World& w = world();
  Result<EncounterRegister::Recorded> r = Record("polis", Buyer());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EncounterDisclosure source(*w.cipher, *persons_);
  disclosure::Disclosures disclosures(*w.database, w.clock, w.policy, *w.audit, *w.cipher,
                                      {"osl_12_2", "osl_10_18a"}, {}, {&source});
  disclosure::NewDisclosure d;
  d.record_type = "encounter";
  d.record_id = r->encounter.id;
  d.fields = {"role", "notes"};
  d.to_unit_id = w.umea.id;
  d.legal_ground = "osl_12_2";
  d.justification = "Personen bad själv att socialtjänsten skulle kontakta hen.";
  Result<disclosure::Disclosure> on_consent = disclosures.Disclose(w.Who("polis"), d, w.ctx);
  ASSERT_FALSE(on_consent.ok());
  EXPECT_EQ(on_consent.status().reason(), "no_valid_consent") << on_consent.status().ToString();

  d.legal_ground = "osl_10_18a";
  // The analyst reads encounters but does not disclose them.
  EXPECT_EQ(disclosures.Disclose(w.Who("analytiker"), d, w.ctx).status().code(),
            StatusCode::kForbidden);
  Result<disclosure::Disclosure> sent = disclosures.Disclose(w.Who("polis"), d, w.ctx);
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  Result<std::vector<disclosure::Disclosure>> received =
      disclosures.Received(w.Who("socialsekreterare"), w.ctx);
  ASSERT_TRUE(received.ok()) << received.status().ToString();
  ASSERT_EQ(received->size(), 1u);
  ASSERT_EQ(received->front().fields.size(), 2u);
  EXPECT_EQ(received->front().fields[1].value, "Påträffad i trapphuset");
  // The offence and case number were not chosen: they do not cross.
  for (const auto& f : received->front().fields) {
    EXPECT_NE(f.name, "case_number");
    EXPECT_NE(f.value, "5000-K123456-26");
  }
}

SV_STORE_ON_BOTH_BACKENDS(EncounterRegisterTest);

}  // namespace
}  // namespace sv::police
