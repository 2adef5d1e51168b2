// Retention (DOMAIN.md, the retention row), on SQLite and PostgreSQL: records are made through the
// services that own them (police, support), the clock moves, and Retention lists and deletes.
#include "disclosure/retention.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <memory>
#include <sstream>
#include <thread>

#include "disclosure/concern_reports.h"
#include "disclosure/legal_holds.h"
#include "disclosure/retention_job.h"
#include "ops/operation_book.h"
#include "ops/ops_testing.h"
#include "persons/person_register.h"
#include "police/encounter_register.h"
#include "security/audit.h"
#include "support/support_register.h"

namespace sv::disclosure {
namespace {

using ops::testing::World;

class RetentionTest : public ops::testing::WorldTest {
 protected:
  void SetUp() override {
    WorldTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    World& w = world();
    const std::vector<std::string> purposes = {"case_work", "operation"};
    persons_ = std::make_unique<persons::PersonRegister>(*w.database, w.clock, w.policy, *w.audit,
                                                         *w.cipher, *w.pseudonyms, purposes);
    concerns_ = std::make_unique<ConcernReports>(*w.database, w.clock, w.policy, *w.audit,
                                                 *w.cipher, std::chrono::hours(24));
    book_ = std::make_unique<ops::OperationBook>(*w.database, w.clock, w.policy, *w.audit,
                                                 std::vector<std::string>{"sex_purchase"});
    encounters_ = std::make_unique<police::EncounterRegister>(
        *w.database, w.clock, w.policy, *w.audit, *w.cipher, *persons_,
        std::vector<std::string>{"brb_6_11"}, purposes, concerns_.get());
    support_ = std::make_unique<support::SupportRegister>(
        *w.database, w.clock, w.policy, *w.audit, *w.cipher, *persons_,
        std::vector<std::string>{"conversation", "shelter"}, purposes, concerns_.get());
    retention_ =
        std::make_unique<Retention>(*w.database, w.clock, w.policy, *w.audit, RetentionRules{});
    holds_ = std::make_unique<LegalHolds>(*w.database, w.clock, w.policy, *w.audit, *w.cipher);
  }

  World& w() { return world(); }
  static CivilDate Date(const std::string& text) { return ParseDate(text, "date").value(); }

  // An active operation in Umeå led by the police unit, with polis and socialsekreterare.
  int64_t ActiveOperation() {
    const TimePoint now = w().clock.Now();
    Result<ops::Operation> op =
        book_->Plan(w().Who("insatschef"),
                    {"sex_purchase", "Insats", "2480", "Centrum", now - std::chrono::hours(1),
                     now + std::chrono::hours(6)},
                    w().ctx);
    EXPECT_TRUE(op.ok()) << op.status().ToString();
    for (const char* user : {"polis", "socialsekreterare"}) {
      EXPECT_TRUE(
          book_->AddParticipant(w().Who("insatschef"), op->id, w().Who(user).user.id, w().ctx)
              .ok());
    }
    for (auto to : {ops::OperationState::kBriefed, ops::OperationState::kActive}) {
      EXPECT_TRUE(book_->Advance(w().Who("insatschef"), op->id, to, w().ctx).ok());
    }
    return op->id;
  }

  int64_t Encounter(std::optional<int> age = std::nullopt, const std::string& identity = "") {
    police::NewEncounter e;
    e.role = age ? "seller" : "buyer";
    e.age = age;
    if (!age && identity.empty()) e.age_band = "36_50";
    e.identity_number = identity;
    e.notes = "Polisens anteckning om mötet";
    Result<police::EncounterRegister::Recorded> r =
        encounters_->Record(w().Who("polis"), ActiveOperation(), e, "", w().ctx);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->encounter.id : 0;
  }

  // A contact with an offer, a referral moved once, a follow-up and a consent.
  int64_t ContactFile(const std::string& identity = "", const std::string& notes = "Samtal") {
    const security::Principal& worker = w().Who("socialsekreterare");
    support::NewContact c;
    c.role = "seller";
    c.age_band = identity.empty() ? "26_35" : "";
    c.identity_number = identity;
    c.notes = notes;
    auto contact = support_->CreateContact(worker, c, "", w().ctx);
    EXPECT_TRUE(contact.ok()) << contact.status().ToString();
    if (!contact.ok()) return 0;
    const int64_t id = contact->record.id;
    EXPECT_TRUE(support_->AddOffer(worker, id, {"conversation", "accepted"}, "", w().ctx).ok());
    auto referral = support_->AddReferral(worker, id, {"shelter", std::nullopt}, "", w().ctx);
    EXPECT_TRUE(referral.ok()) << referral.status().ToString();
    EXPECT_TRUE(support_->MoveReferral(worker, referral->record.id, "accepted", "", w().ctx).ok());
    EXPECT_TRUE(support_
                    ->AddFollowUp(worker, id,
                                  {AddDays(SwedishDate(w().clock.Now()), 14), std::nullopt}, "",
                                  w().ctx)
                    .ok());
    EXPECT_TRUE(support_->AddConsent(worker, id, {"statistics", "oral"}, "", w().ctx).ok());
    return id;
  }

  long long Count(const std::string& sql) {
    return store::testing::BackendTest::QueryNumber(*w().database, sql);
  }

  void Advance(std::chrono::hours by) { w().clock.Advance(by); }

  static const DueRecord* Find(const RetentionPreview& p, const std::string& type, int64_t id) {
    for (const DueRecord& d : p.due) {
      if (d.record_type == type && d.id == id) return &d;
    }
    return nullptr;
  }

  RetentionPreview Preview(const std::string& as_of) {
    Result<RetentionPreview> p = retention_->Preview(Date(as_of));
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : RetentionPreview{};
  }

  RetentionRunResult Run(const std::string& as_of) {
    Result<RetentionRunResult> r =
        retention_->Run(Date(as_of), {"retention-test", "samverkan retention run"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RetentionRunResult{};
  }

  std::unique_ptr<persons::PersonRegister> persons_;
  std::unique_ptr<ConcernReports> concerns_;
  std::unique_ptr<ops::OperationBook> book_;
  std::unique_ptr<police::EncounterRegister> encounters_;
  std::unique_ptr<support::SupportRegister> support_;
  std::unique_ptr<Retention> retention_;
  std::unique_ptr<LegalHolds> holds_;
};

// A valid identity number of someone born in 1990 (Luhn digit included).
constexpr const char* kSellerNumber = "199003152387";
constexpr const char* kBuyerNumber = "197806092396";

TEST_P(RetentionTest, SocialServicesPersonFileIsDeletedFiveYearsAfterTheLastEntry) {
  // The clock stands at 2026-12-01 (18:00 UTC, 19:00 in Sweden).
  const int64_t contact = ContactFile(kSellerNumber);
  const long long person = Count("SELECT person_id FROM contacts");
  ASSERT_GT(person, 0);

  EXPECT_EQ(Find(Preview("2031-11-30"), "contact", contact), nullptr) << "a day early";
  const RetentionPreview due = Preview("2031-12-01");
  const DueRecord* file = Find(due, "contact", contact);
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->rule, kSocialPersonFileRule);
  EXPECT_EQ(file->compartment,
            security::CompartmentId(security::Compartment::kSocial, w().umea.id));
  EXPECT_EQ(FormatDate(file->last_entry), "2026-12-01");
  EXPECT_EQ(FormatDate(file->due_since), "2031-12-01");
  EXPECT_EQ(FormatDate(file->deadline), "2032-12-31") << "by the end of the following year";
  EXPECT_FALSE(file->held);
  const DueRecord* registered = Find(due, "person", person);
  ASSERT_NE(registered, nullptr) << "the person goes once nothing refers to it";
  EXPECT_EQ(registered->rule, kSocialPersonFileRule);
  ASSERT_EQ(due.rules.size(), 2u);
  EXPECT_EQ(due.rules[0].rule, kSocialPersonFileRule);
  EXPECT_EQ(due.rules[0].months, 60);
  EXPECT_EQ(due.rules[0].due, 2);

  const RetentionRunResult run = Run("2031-12-01");
  EXPECT_EQ(run.deleted_total, 2);
  EXPECT_EQ(run.deleted.at("contact"), 1);
  EXPECT_EQ(run.deleted.at("person"), 1);
  EXPECT_TRUE(run.failures.empty());
  for (const char* table : {"contacts", "support_offers", "referrals", "referral_transitions",
                            "follow_ups", "consents", "persons"}) {
    EXPECT_EQ(Count(std::string("SELECT COUNT(*) FROM ") + table), 0) << table;
  }
}

TEST_P(RetentionTest, PoliceEncounterIsDueAtTheYearlyReview) {
  const int64_t encounter = Encounter(std::nullopt, kBuyerNumber);
  const int64_t contact = ContactFile();
  EXPECT_EQ(Find(Preview("2027-11-30"), "encounter", encounter), nullptr);
  const RetentionPreview due = Preview("2027-12-01");
  const DueRecord* found = Find(due, "encounter", encounter);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->rule, kPoliceReviewRule);
  EXPECT_EQ(found->compartment,
            security::CompartmentId(security::Compartment::kPolice, w().police.id));
  EXPECT_EQ(FormatDate(found->due_since), "2027-12-01");
  EXPECT_EQ(FormatDate(found->deadline), "2027-12-01");
  EXPECT_NE(Find(due, "person", Count("SELECT person_id FROM encounters")), nullptr);
  EXPECT_EQ(Find(due, "contact", contact), nullptr) << "social services keep theirs longer";

  const RetentionRunResult run = Run("2027-12-01");
  EXPECT_EQ(run.deleted.at("encounter"), 1);
  EXPECT_EQ(run.deleted.at("person"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM encounters"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE compartment = 'police'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts"), 1);
}

TEST_P(RetentionTest, ThePoliceReviewPeriodIsConfiguration) {
  const int64_t encounter = Encounter();
  Retention shorter(*w().database, w().clock, w().policy, *w().audit, RetentionRules{5, 3});
  Result<RetentionPreview> p = shorter.Preview(Date("2027-03-01"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_NE(Find(*p, "encounter", encounter), nullptr);
  EXPECT_EQ(FormatDate(Find(*p, "encounter", encounter)->due_since), "2027-03-01");
}

TEST_P(RetentionTest, LegalHoldStopsDeletion) {
  const int64_t contact = ContactFile(kSellerNumber);
  const long long person = Count("SELECT person_id FROM contacts");
  Result<LegalHold> hold = holds_->Place(w().Who("handlaggare"), "contact", contact,
                                         "Tingsrätten har begärt handlingarna", w().ctx);
  ASSERT_TRUE(hold.ok()) << hold.status().ToString();
  EXPECT_TRUE(hold->active());
  EXPECT_EQ(hold->reason, "Tingsrätten har begärt handlingarna");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM legal_holds WHERE reason_enc LIKE '%Tingsr%'"), 0)
      << "the reason is encrypted";

  const RetentionPreview due = Preview("2032-01-01");
  ASSERT_NE(Find(due, "contact", contact), nullptr);
  EXPECT_TRUE(Find(due, "contact", contact)->held);
  ASSERT_NE(Find(due, "person", person), nullptr);
  EXPECT_TRUE(Find(due, "person", person)->held) << "a held record keeps its person";
  EXPECT_EQ(due.rules[0].held, 2);

  RetentionRunResult run = Run("2032-01-01");
  EXPECT_EQ(run.deleted_total, 0);
  EXPECT_EQ(run.held, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM consents"), 1) << "its dependents stay too";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 1);

  Result<LegalHold> released = holds_->Release(w().Who("handlaggare"), hold->id, w().ctx);
  ASSERT_TRUE(released.ok()) << released.status().ToString();
  EXPECT_FALSE(released->active());
  EXPECT_EQ(holds_->Release(w().Who("handlaggare"), hold->id, w().ctx).status().code(),
            StatusCode::kConflict);
  run = Run("2032-01-01");
  EXPECT_EQ(run.deleted_total, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM legal_holds"), 0) << "the released hold goes with it";
}

TEST_P(RetentionTest, OnlyTheRecordsOwnCommanderOrCaseOfficerHoldsIt) {
  const int64_t contact = ContactFile();
  const int64_t encounter = Encounter();
  const std::string reason = "Förundersökning pågår";
  // Another compartment, another role, no such record, no reason: refused, and audited.
  const long long denied_before =
      Count("SELECT COUNT(*) FROM audit_events WHERE outcome = 'denied'");
  EXPECT_EQ(
      holds_->Place(w().Who("insatschef"), "contact", contact, reason, w().ctx).status().code(),
      StatusCode::kForbidden);
  EXPECT_EQ(holds_->Place(w().Who("socialsekreterare"), "contact", contact, reason, w().ctx)
                .status()
                .code(),
            StatusCode::kForbidden);
  EXPECT_EQ(
      holds_->Place(w().Who("admin"), "encounter", encounter, reason, w().ctx).status().code(),
      StatusCode::kForbidden);
  Result<LegalHold> missing =
      holds_->Place(w().Who("insatschef"), "encounter", encounter + 1000, reason, w().ctx);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().field(), "record_id");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE outcome = 'denied'"), denied_before + 4);
  Result<LegalHold> empty =
      holds_->Place(w().Who("insatschef"), "encounter", encounter, " ", w().ctx);
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(empty.status().field(), "reason");
  EXPECT_EQ(holds_->Place(w().Who("insatschef"), "person", 1, reason, w().ctx).status().field(),
            "record_type");

  Result<LegalHold> held =
      holds_->Place(w().Who("insatschef"), "encounter", encounter, reason, w().ctx);
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  // The list of the commander's compartment has it; the case officer's has none of it.
  Result<std::vector<LegalHold>> own =
      holds_->List(w().Who("insatschef"), std::nullopt, std::nullopt, w().ctx);
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ(own->front().placed_by_name, "Test insatschef");
  Result<std::vector<LegalHold>> other =
      holds_->List(w().Who("handlaggare"), std::nullopt, std::nullopt, w().ctx);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
  EXPECT_EQ(holds_->List(w().Who("handlaggare"), std::string("encounter"), encounter, w().ctx)
                .status()
                .code(),
            StatusCode::kForbidden);
  EXPECT_EQ(holds_->Release(w().Who("handlaggare"), held->id, w().ctx).status().code(),
            StatusCode::kForbidden);
}

TEST_P(RetentionTest, PurgeKeepsInTheAuditTrailThatTheRecordExistedNotItsContent) {
  const int64_t contact = ContactFile("", "Hemlig anteckning om personen");
  Result<support::ContactFile> read =
      support_->GetContact(w().Who("socialsekreterare"), contact, "case_work", w().ctx);
  ASSERT_TRUE(read.ok());
  Result<std::vector<security::AuditEvent>> before =
      w().audit->ForRecord("contact", std::to_string(contact));
  ASSERT_TRUE(before.ok());
  ASSERT_FALSE(before->empty());

  EXPECT_EQ(Run("2031-12-01").deleted_total, 1);
  Result<std::vector<security::AuditEvent>> after =
      w().audit->ForRecord("contact", std::to_string(contact));
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), before->size() + 1) << "the earlier events stay";
  const security::AuditEvent& purge = after->front();  // newest first
  EXPECT_EQ(purge.action, "purge");
  EXPECT_EQ(purge.username, kRetentionUser);
  EXPECT_EQ(purge.outcome, "ok");
  EXPECT_EQ(purge.compartment,
            security::CompartmentId(security::Compartment::kSocial, w().umea.id));
  EXPECT_NE(purge.detail.find("social_person_file"), std::string::npos) << purge.detail;
  EXPECT_NE(purge.detail.find("last entry 2026-12-01"), std::string::npos) << purge.detail;
  EXPECT_NE(purge.detail.find("1 consent"), std::string::npos) << purge.detail;
  EXPECT_EQ(purge.request_id, "retention-test");
  std::ostringstream trail;
  ASSERT_TRUE(w().audit->Export(TimePoint::min(), TimePoint::max(), trail).ok());
  EXPECT_EQ(trail.str().find("Hemlig"), std::string::npos) << "no content in the trail";
  Result<security::AuditVerification> verified = w().audit->Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact) << verified->reason;
}

TEST_P(RetentionTest, AnEntryMadeLaterMovesTheDueDate) {
  const int64_t contact = ContactFile();
  Advance(std::chrono::hours(24 * 365 * 3));  // 2029-11-30
  const security::Principal& worker = w().Who("socialsekreterare");
  ASSERT_TRUE(support_->AddOffer(worker, contact, {"shelter", "later"}, "", w().ctx).ok());

  EXPECT_EQ(Find(Preview("2031-12-01"), "contact", contact), nullptr);
  const RetentionPreview later = Preview("2034-11-30");
  const DueRecord* due = Find(later, "contact", contact);
  ASSERT_NE(due, nullptr);
  EXPECT_EQ(FormatDate(due->last_entry), "2029-11-30");
  EXPECT_EQ(FormatDate(due->deadline), "2035-12-31");

  // Another entry the day after: the run of that day keeps the file.
  Advance(std::chrono::hours(24));
  ASSERT_TRUE(
      support_->AddConsent(worker, contact, {"share_with_police", "written"}, "", w().ctx).ok());
  EXPECT_EQ(Run("2034-11-30").deleted_total, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts"), 1);
  EXPECT_EQ(Run("2034-12-01").deleted_total, 1);
}

TEST_P(RetentionTest, ConcernReportsAreNeverDeleted) {
  const int64_t encounter = Encounter(16);
  Result<std::vector<ConcernTask>> tasks = concerns_->Tasks(w().Who("polis"), true, w().ctx);
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 1u);
  ASSERT_TRUE(concerns_
                  ->FileReport(w().Who("polis"), tasks->front().id, std::nullopt,
                               "En flicka på 16 år påträffades", w().ctx)
                  .ok());
  const RetentionRunResult run = Run("2040-01-01");
  EXPECT_EQ(run.deleted.at("encounter"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM encounters"), 0);
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM concern_tasks WHERE source_id = " + std::to_string(encounter)),
      1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM concern_reports"), 1);
  for (const DueRecord& d : Preview("2099-01-01").due) {
    EXPECT_NE(d.record_type, "concern_task");
    EXPECT_NE(d.record_type, "concern_report");
  }
}

TEST_P(RetentionTest, DryRunDeletesNothing) {
  const int64_t encounter = Encounter();
  ContactFile(kSellerNumber);
  const long long events = Count("SELECT COUNT(*) FROM audit_events");
  const RetentionPreview due = Preview("2035-01-01");
  EXPECT_EQ(due.due.size(), 3u);  // encounter, contact, person
  EXPECT_NE(Find(due, "encounter", encounter), nullptr);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM encounters"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events"), events) << "not even an audit event";
}

TEST_P(RetentionTest, AStoppedRunEndsBetweenRecordFiles) {
  Encounter();
  ContactFile();
  std::atomic<bool> stop{true};
  Result<RetentionRunResult> run =
      retention_->Run(Date("2035-01-01"), {"retention-test", "test"}, &stop);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_TRUE(run->stopped);
  EXPECT_EQ(run->deleted_total, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM encounters") + Count("SELECT COUNT(*) FROM contacts"), 2);
  stop = false;
  EXPECT_EQ(Run("2035-01-01").deleted_total, 2) << "the next run deletes the rest";
}

TEST_P(RetentionTest, TheAdminPreviewsAndNoOneElse) {
  ContactFile();
  const long long events = Count("SELECT COUNT(*) FROM audit_events");
  Result<RetentionPreview> p = retention_->Preview(w().Who("admin"), Date("2032-01-01"), w().ctx);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->due.size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events"), events + 1) << "the look is audited";
  for (const char* user : {"handlaggare", "insatschef", "koordinator"}) {
    EXPECT_EQ(retention_->Preview(w().Who(user), Date("2032-01-01"), w().ctx).status().code(),
              StatusCode::kForbidden)
        << user;
  }
}

// A disclosure written as the disclosure service leaves it: from a record of `from`, to `to`.
int64_t InsertDisclosure(World& w, const std::string& record_type, int64_t record_id,
                         const security::Unit& from, const security::Unit& to,
                         const std::string& state) {
  long long id = 0;
  Status s = w.database->InTransaction([&](soci::session& sql) -> Status {
    const long long now = ToUnixMicros(w.clock.Now());
    const long long rid = record_id, from_unit = from.id, to_unit = to.id;
    const long long by =
        w.Who(from.kind == security::UnitKind::kPolice ? "polis" : "socialsekreterare").user.id;
    const std::string comp = from.kind == security::UnitKind::kPolice ? "police" : "social";
    long long sent = now;
    soci::indicator sent_ind = state == "sent" ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO disclosures (record_type, record_id, from_unit_id, from_compartment, "
           "to_unit_id, legal_ground, justification_enc, state, requested_at, requested_by, "
           "sent_at) VALUES (:t, :r, :f, :c, :to, 'osl_10_28', 'x', :s, :now, :by, :sent) "
           "RETURNING id",
        soci::use(record_type), soci::use(rid), soci::use(from_unit), soci::use(comp),
        soci::use(to_unit), soci::use(state), soci::use(now), soci::use(by),
        soci::use(sent, sent_ind), soci::into(id);
    sql << "INSERT INTO disclosure_fields (disclosure_id, position, name, value_enc) "
           "VALUES (:d, 0, 'age', 'x')",
        soci::use(id);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return id;
}

TEST_P(RetentionTest, ASentDisclosureIsKeptByTheReceiversRule) {
  const int64_t encounter = Encounter();
  const int64_t sent = InsertDisclosure(w(), "encounter", encounter, w().police, w().umea, "sent");
  const int64_t waiting =
      InsertDisclosure(w(), "encounter", encounter, w().police, w().umea, "awaiting_approval");

  RetentionRunResult run = Run("2027-12-01");
  EXPECT_EQ(run.deleted.at("encounter"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM disclosures WHERE id = " + std::to_string(waiting)), 0)
      << "an unsent disclosure goes with its record";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM disclosures WHERE id = " + std::to_string(sent)), 1)
      << "the receiver's copy is social services'";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM disclosure_fields"), 1);

  const RetentionPreview due = Preview("2031-12-01");
  const DueRecord* copy = Find(due, "disclosure", sent);
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->rule, kSocialPersonFileRule);
  EXPECT_EQ(copy->compartment,
            security::CompartmentId(security::Compartment::kSocial, w().umea.id));
  run = Run("2031-12-01");
  EXPECT_EQ(run.deleted.at("disclosure"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM disclosures"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM disclosure_fields"), 0);
}

TEST_P(RetentionTest, TwoServersNeverBothRunTheDailyJob) {
  // Two processes: two connection pools on one database, claiming at the same moment.
  std::unique_ptr<store::Database> second = OpenDatabase(2);
  ASSERT_NE(second, nullptr);
  Retention other(*second, w().clock, w().policy, *w().audit, RetentionRules{});
  const CivilDate day = Date("2026-12-02");
  for (int round = 0; round < 5; ++round) {
    const CivilDate d = AddDays(day, round);
    std::atomic<int> claims{0};
    std::thread a([&] {
      if (retention_->ClaimDailyRun(d, "a:1").value_or(false)) ++claims;
    });
    std::thread b([&] {
      if (other.ClaimDailyRun(d, "b:2").value_or(false)) ++claims;
    });
    a.join();
    b.join();
    EXPECT_EQ(claims.load(), 1) << FormatDate(d);
  }
  EXPECT_FALSE(retention_->ClaimDailyRun(day, "a:1").value()) << "and not twice by one";

  // The job: the first process runs the day, the second finds it claimed.
  Encounter();
  Logger log(LogLevel::kInfo, LogFormat::kText);
  RetentionJob first(*retention_, w().clock, log, {195, std::chrono::hours(24 * 7), "a:1"});
  RetentionJob late(other, w().clock, log, {195, std::chrono::hours(24 * 7), "b:2"});
  const CivilDate review = Date("2027-12-01");
  Result<bool> ran = first.RunDay(review);
  ASSERT_TRUE(ran.ok());
  EXPECT_TRUE(*ran);
  EXPECT_FALSE(late.RunDay(review).value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM encounters"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM job_runs WHERE day = '2027-12-01' AND outcome = 'ok'"), 1);
}

TEST(RetentionJobTest, NextRunIsTheConfiguredSwedishTime) {
  auto at = [](const char* t) { return ParseRfc3339(t, "t").value(); };
  // Winter: 03:15 in Sweden is 02:15 UTC; summer: 01:15 UTC.
  EXPECT_EQ(NextDailyRun(at("2026-12-01T18:00:00Z"), 195), at("2026-12-02T02:15:00Z"));
  EXPECT_EQ(NextDailyRun(at("2026-12-02T01:00:00Z"), 195), at("2026-12-02T02:15:00Z"));
  EXPECT_EQ(NextDailyRun(at("2026-12-02T02:15:00Z"), 195), at("2026-12-03T02:15:00Z"));
  EXPECT_EQ(NextDailyRun(at("2026-06-10T12:00:00Z"), 195), at("2026-06-11T01:15:00Z"));
  // The nights the clocks change (29 March and 25 October 2026).
  EXPECT_EQ(NextDailyRun(at("2026-03-28T12:00:00Z"), 195), at("2026-03-29T01:15:00Z"));
  EXPECT_EQ(NextDailyRun(at("2026-10-24T12:00:00Z"), 195), at("2026-10-25T02:15:00Z"));
  // 02:30 does not exist on 29 March: an hour later.
  EXPECT_EQ(NextDailyRun(at("2026-03-28T12:00:00Z"), 150), at("2026-03-29T01:30:00Z"));
}

TEST(RetentionDatesTest, MonthsAreCalendarMonths) {
  auto d = [](const char* t) { return ParseDate(t, "d").value(); };
  EXPECT_EQ(AddMonths(d("2026-12-01"), 12), d("2027-12-01"));
  EXPECT_EQ(AddMonths(d("2028-02-29"), 60), d("2033-02-28"));
  EXPECT_EQ(AddMonths(d("2027-01-31"), 1), d("2027-02-28"));
  EXPECT_EQ(AddMonths(d("2027-03-31"), -1), d("2027-02-28"));
  EXPECT_EQ(AddMonths(d("2027-01-15"), -13), d("2025-12-15"));
}

SV_STORE_ON_BOTH_BACKENDS(RetentionTest);

}  // namespace
}  // namespace sv::disclosure
