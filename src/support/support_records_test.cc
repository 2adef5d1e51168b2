// Offers, referrals, follow-ups and consents; the start page's lists.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "security/field_cipher.h"
#include "store/idempotency.h"
#include "support/support_register.h"
#include "support/support_test_fixture.h"

namespace sv::support {
namespace {

using testing::ExpectError;

class RecordsTest : public testing::SupportTest {
 protected:
  void SetUp() override {
    SupportTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    contact_ = Make(Seller());
  }

  const security::Principal& Worker() { return Who("socialsekreterare"); }

  Referral NewReferralOf(const Contact& c, std::optional<CivilDate> due = std::nullopt,
                         const std::string& username = "socialsekreterare") {
    Result<Created<Referral>> r =
        reg().AddReferral(Who(username), c.id, {"municipal_unit", due}, "", ctx());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->record : Referral{};
  }

  Result<Referral> Move(int64_t id, const std::string& to, const std::string& reason = "") {
    return reg().MoveReferral(Worker(), id, to, reason, ctx());
  }

  FollowUp NewFollowUpOf(const Contact& c, CivilDate due,
                         std::optional<int64_t> assigned_to = std::nullopt) {
    Result<Created<FollowUp>> f = reg().AddFollowUp(Worker(), c.id, {due, assigned_to}, "", ctx());
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? f->record : FollowUp{};
  }

  bool Consented(int64_t contact_id, ConsentScope scope) {
    bool active = false;
    Status s = world().database->InReadTransaction([&](soci::session& sql) -> Status {
      Result<bool> r = HasActiveConsent(sql, contact_id, scope);
      if (!r.ok()) return r.status();
      active = *r;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return active;
  }

  Contact contact_;
};

TEST_P(RecordsTest, OffersRecordTheKindAndAChangeableAnswer) {
  Result<Created<Offer>> made =
      reg().AddOffer(Worker(), contact_.id, {"conversation", "later"}, "", ctx());
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_TRUE(made->created);
  EXPECT_EQ(made->record.contact_id, contact_.id);
  EXPECT_EQ(made->record.kind, "conversation");
  EXPECT_EQ(made->record.answer, OfferAnswer::kLater);

  world().clock.Advance(std::chrono::hours(2));
  Result<Offer> answered =
      reg().AnswerOffer(Who("handlaggare"), made->record.id, "accepted", ctx());
  ASSERT_TRUE(answered.ok()) << answered.status().ToString();
  EXPECT_EQ(answered->answer, OfferAnswer::kAccepted);
  EXPECT_EQ(answered->updated_at, world().clock.Now());
  EXPECT_EQ(answered->created_at, made->record.created_at);

  std::vector<security::AuditEvent> events = Events("offer", made->record.id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "update");
  EXPECT_EQ(events[1].action, "create");
  EXPECT_EQ(events[1].compartment, UmeaCompartment());

  ExpectError(reg().AddOffer(Worker(), contact_.id, {"massage", "accepted"}, "", ctx()),
              StatusCode::kInvalidInput, "kind");
  ExpectError(reg().AddOffer(Worker(), contact_.id, {"", "accepted"}, "", ctx()),
              StatusCode::kInvalidInput, "kind");
  ExpectError(reg().AddOffer(Worker(), contact_.id, {"conversation", "maybe"}, "", ctx()),
              StatusCode::kInvalidInput, "answer");
  ExpectError(reg().AddOffer(Worker(), contact_.id, {"conversation", ""}, "", ctx()),
              StatusCode::kInvalidInput, "answer");
  ExpectError(reg().AnswerOffer(Worker(), made->record.id, "yes", ctx()), StatusCode::kInvalidInput,
              "answer");
  ExpectError(reg().AddOffer(Worker(), 9999, {"conversation", "later"}, "", ctx()),
              StatusCode::kNotFound);
  ExpectError(reg().AnswerOffer(Worker(), 9999, "accepted", ctx()), StatusCode::kNotFound);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM support_offers"), 1);
}

TEST_P(RecordsTest, AReferralMovesThroughItsStates) {
  Referral r = NewReferralOf(contact_, CivilDate{2026, 12, 10});
  EXPECT_EQ(r.state, ReferralState::kSent);
  EXPECT_EQ(r.kind, "municipal_unit");
  EXPECT_EQ(r.due_on, (CivilDate{2026, 12, 10}));
  EXPECT_TRUE(r.transitions.empty());

  world().clock.Advance(std::chrono::hours(24));
  Result<Referral> accepted = Move(r.id, "accepted");
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->state, ReferralState::kAccepted);
  world().clock.Advance(std::chrono::hours(24));
  Result<Referral> completed = Move(r.id, "completed", "Första samtal genomfört.");
  ASSERT_TRUE(completed.ok()) << completed.status().ToString();
  EXPECT_EQ(completed->state, ReferralState::kCompleted);
  ASSERT_EQ(completed->transitions.size(), 2u);
  const ReferralTransition& first = completed->transitions[0];
  EXPECT_EQ(first.from, ReferralState::kSent);
  EXPECT_EQ(first.to, ReferralState::kAccepted);
  EXPECT_EQ(first.user_id, Worker().user.id);
  EXPECT_EQ(first.at, world().clock.Now() - std::chrono::hours(24));
  EXPECT_EQ(first.reason, "");
  EXPECT_EQ(completed->transitions[1].reason, "Första samtal genomfört.");
  EXPECT_FALSE(completed->decline_reason);

  std::vector<security::AuditEvent> events = Events("referral", r.id);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].detail, "accepted -> completed");
}

TEST_P(RecordsTest, TransitionsNotAllowedAreConflictsNamingTheState) {
  struct Case {
    std::vector<std::string> path;  // from sent
    std::string to;
    std::string state;
  };
  const std::vector<Case> cases = {
      {{}, "completed", "sent"},
      {{"accepted"}, "accepted", "accepted"},
      {{"accepted"}, "declined", "accepted"},
      {{"accepted", "completed"}, "withdrawn", "completed"},
      {{"withdrawn"}, "withdrawn", "withdrawn"},
      {{"withdrawn"}, "accepted", "withdrawn"},
      {{"accepted", "withdrawn"}, "completed", "withdrawn"},
  };
  for (const Case& k : cases) {
    Referral r = NewReferralOf(contact_);
    for (const std::string& step : k.path) ASSERT_TRUE(Move(r.id, step).ok()) << step;
    Result<Referral> refused = Move(r.id, k.to);
    ExpectError(refused, StatusCode::kConflict, "", "transition_not_allowed");
    EXPECT_NE(refused.status().message().find(k.state), std::string::npos)
        << refused.status().message();
  }
  // A declined referral is final too.
  Referral r = NewReferralOf(contact_);
  ASSERT_TRUE(Move(r.id, "declined", "Vill inte just nu.").ok());
  Result<Referral> refused = Move(r.id, "accepted");
  ExpectError(refused, StatusCode::kConflict, "", "transition_not_allowed");
  EXPECT_NE(refused.status().message().find("declined"), std::string::npos);
}

TEST_P(RecordsTest, DecliningNeedsAReasonWhichIsStoredEncrypted) {
  Referral r = NewReferralOf(contact_);
  ExpectError(Move(r.id, "declined"), StatusCode::kInvalidInput, "reason");
  ExpectError(Move(r.id, "declined", std::string(kMaxReasonBytes + 1, 'x')),
              StatusCode::kInvalidInput, "reason");
  Result<Referral> declined = Move(r.id, "declined", "Har redan kontakt med Mikamottagningen.");
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();
  EXPECT_EQ(declined->state, ReferralState::kDeclined);
  EXPECT_EQ(declined->decline_reason, "Har redan kontakt med Mikamottagningen.");
  ASSERT_EQ(declined->transitions.size(), 1u);
  EXPECT_EQ(declined->transitions[0].reason, "Har redan kontakt med Mikamottagningen.");
  const std::string id = std::to_string(r.id);
  EXPECT_EQ(Text("SELECT decline_reason FROM referrals WHERE id = " + id).find("Mika"),
            std::string::npos);
  EXPECT_EQ(Text("SELECT reason FROM referral_transitions WHERE referral_id = " + id).find("Mika"),
            std::string::npos);
}

TEST_P(RecordsTest, BadReferralsNameTheField) {
  ExpectError(reg().AddReferral(Worker(), contact_.id, {"taxi", std::nullopt}, "", ctx()),
              StatusCode::kInvalidInput, "kind");
  ExpectError(
      reg().AddReferral(Worker(), contact_.id, {"shelter", CivilDate{2026, 11, 30}}, "", ctx()),
      StatusCode::kInvalidInput, "due_on");
  Referral r = NewReferralOf(contact_, CivilDate{2026, 12, 1});  // the contact's own day is fine
  for (const char* to : {"sent", "bogus", ""}) {
    ExpectError(Move(r.id, to), StatusCode::kInvalidInput, "to");
  }
  ExpectError(Move(9999, "accepted"), StatusCode::kNotFound);
}

TEST_P(RecordsTest, FollowUpsAreAssignedWithinTheUnit) {
  FollowUp mine = NewFollowUpOf(contact_, {2026, 12, 8});
  EXPECT_EQ(mine.assigned_to, Worker().user.id);
  EXPECT_EQ(mine.due_on, (CivilDate{2026, 12, 8}));
  EXPECT_FALSE(mine.outcome);
  EXPECT_FALSE(mine.done_at);
  EXPECT_FALSE(mine.overdue);
  FollowUp theirs = NewFollowUpOf(contact_, {2026, 12, 9}, Who("handlaggare").user.id);
  EXPECT_EQ(theirs.assigned_to, Who("handlaggare").user.id);

  for (const char* user : {"socialsekreterare.skelleftea", "polis", "namnd", "admin"}) {
    ExpectError(
        reg().AddFollowUp(Worker(), contact_.id, {{2026, 12, 8}, Who(user).user.id}, "", ctx()),
        StatusCode::kInvalidInput, "assigned_to");
  }
  ExpectError(reg().AddFollowUp(Worker(), contact_.id, {{2026, 12, 8}, 9999}, "", ctx()),
              StatusCode::kInvalidInput, "assigned_to");
  ExpectError(reg().AddFollowUp(Worker(), contact_.id, {{2026, 11, 30}, std::nullopt}, "", ctx()),
              StatusCode::kInvalidInput, "due_on");
  EXPECT_EQ(Number("SELECT COUNT(*) FROM follow_ups"), 2);
}

TEST_P(RecordsTest, TheContactsDateIsTheSwedishOne) {
  // 23:30 UTC on 28 November is 00:30 on 29 November in Sweden.
  NewContact c = Seller();
  c.occurred_at = world().At("2026-11-28T23:30:00Z");
  Contact late = Make(c);
  ExpectError(reg().AddFollowUp(Worker(), late.id, {{2026, 11, 28}, std::nullopt}, "", ctx()),
              StatusCode::kInvalidInput, "due_on");
  NewFollowUpOf(late, {2026, 11, 29});
}

TEST_P(RecordsTest, AnOutcomeMarksAFollowUpDoneOnce) {
  FollowUp f = NewFollowUpOf(contact_, {2026, 12, 8});
  ExpectError(reg().RecordOutcome(Worker(), f.id, "", ctx()), StatusCode::kInvalidInput, "outcome");
  world().clock.Advance(std::chrono::hours(24 * 7));
  Result<FollowUp> done =
      reg().RecordOutcome(Worker(), f.id, "Träffades, vill fortsätta samtal.", ctx());
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->outcome, "Träffades, vill fortsätta samtal.");
  EXPECT_EQ(done->done_at, world().clock.Now());
  EXPECT_EQ(done->done_by, Worker().user.id);
  EXPECT_FALSE(done->overdue);
  const std::string raw =
      Text("SELECT outcome_enc FROM follow_ups WHERE id = " + std::to_string(f.id));
  EXPECT_EQ(raw.find("Träffades"), std::string::npos);
  Result<std::string> plain = world().cipher->Decrypt(raw, "follow_ups.outcome");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, "Träffades, vill fortsätta samtal.");

  ExpectError(reg().RecordOutcome(Who("handlaggare"), f.id, "Annat utfall.", ctx()),
              StatusCode::kConflict);
  ExpectError(reg().RecordOutcome(Worker(), 9999, "x", ctx()), StatusCode::kNotFound);
  std::vector<security::AuditEvent> events = Events("follow_up", f.id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "update");
}

TEST_P(RecordsTest, ConsentsAreGivenAndWithdrawnOnce) {
  EXPECT_FALSE(Consented(contact_.id, ConsentScope::kStatistics));
  Result<Created<Consent>> given =
      reg().AddConsent(Worker(), contact_.id, {"statistics", "written"}, "", ctx());
  ASSERT_TRUE(given.ok()) << given.status().ToString();
  EXPECT_EQ(given->record.scope, ConsentScope::kStatistics);
  EXPECT_EQ(given->record.form, ConsentForm::kWritten);
  EXPECT_EQ(given->record.given_at, world().clock.Now());
  EXPECT_EQ(given->record.recorded_by, Worker().user.id);
  EXPECT_TRUE(given->record.active());
  EXPECT_TRUE(Consented(contact_.id, ConsentScope::kStatistics));
  EXPECT_FALSE(Consented(contact_.id, ConsentScope::kShareWithPolice));

  world().clock.Advance(std::chrono::hours(30));
  Result<Consent> withdrawn = reg().WithdrawConsent(Who("handlaggare"), given->record.id, ctx());
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  EXPECT_EQ(withdrawn->withdrawn_at, world().clock.Now());
  EXPECT_EQ(withdrawn->withdrawn_by, Who("handlaggare").user.id);
  EXPECT_FALSE(withdrawn->active());
  EXPECT_FALSE(Consented(contact_.id, ConsentScope::kStatistics));
  ExpectError(reg().WithdrawConsent(Worker(), given->record.id, ctx()), StatusCode::kConflict);
  ExpectError(reg().WithdrawConsent(Worker(), 9999, ctx()), StatusCode::kNotFound);

  ExpectError(reg().AddConsent(Worker(), contact_.id, {"everything", "oral"}, "", ctx()),
              StatusCode::kInvalidInput, "scope");
  ExpectError(reg().AddConsent(Worker(), contact_.id, {"statistics", "nod"}, "", ctx()),
              StatusCode::kInvalidInput, "form");
  ExpectError(reg().AddConsent(Worker(), contact_.id, {"statistics", ""}, "", ctx()),
              StatusCode::kInvalidInput, "form");
  std::vector<security::AuditEvent> events = Events("consent", given->record.id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].detail, "statistics withdrawn");
}

TEST_P(RecordsTest, AnotherUnitCannotChangeTheRecords) {
  Result<Created<Offer>> offer =
      reg().AddOffer(Worker(), contact_.id, {"conversation", "later"}, "", ctx());
  Referral referral = NewReferralOf(contact_);
  FollowUp follow_up = NewFollowUpOf(contact_, {2026, 12, 8});
  Result<Created<Consent>> consent =
      reg().AddConsent(Worker(), contact_.id, {"statistics", "oral"}, "", ctx());
  ASSERT_TRUE(offer.ok() && consent.ok());
  const security::Principal& other = Who("socialsekreterare.skelleftea");
  const long long before = Denials();
  ExpectError(reg().AnswerOffer(other, offer->record.id, "accepted", ctx()),
              StatusCode::kForbidden);
  ExpectError(reg().MoveReferral(other, referral.id, "accepted", "", ctx()),
              StatusCode::kForbidden);
  ExpectError(reg().RecordOutcome(other, follow_up.id, "x", ctx()), StatusCode::kForbidden);
  ExpectError(reg().WithdrawConsent(other, consent->record.id, ctx()), StatusCode::kForbidden);
  EXPECT_EQ(Denials(), before + 4);
  for (const auto& [type, id] :
       std::vector<std::pair<std::string, int64_t>>{{"offer", offer->record.id},
                                                    {"referral", referral.id},
                                                    {"follow_up", follow_up.id},
                                                    {"consent", consent->record.id}}) {
    std::vector<security::AuditEvent> events = Events(type, id);
    ASSERT_FALSE(events.empty()) << type;
    EXPECT_EQ(events[0].action, "denied") << type;
    EXPECT_EQ(events[0].compartment, UmeaCompartment()) << type;
  }
  // Police cannot either.
  ExpectError(reg().MoveReferral(Who("polis"), referral.id, "accepted", "", ctx()),
              StatusCode::kForbidden);
  Result<ContactFile> file = reg().GetContact(Worker(), contact_.id, "case_work", ctx());
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->offers[0].answer, OfferAnswer::kLater);
  EXPECT_EQ(file->referrals[0].state, ReferralState::kSent);
  EXPECT_FALSE(file->follow_ups[0].done_at);
  EXPECT_TRUE(file->consents[0].active());
}

TEST_P(RecordsTest, RetriesOfRecordsReturnTheFirst) {
  const security::Principal& me = Worker();
  Result<Created<Offer>> o1 = reg().AddOffer(me, contact_.id, {"shelter", "accepted"}, "o", ctx());
  Result<Created<Offer>> o2 = reg().AddOffer(me, contact_.id, {"shelter", "accepted"}, "o", ctx());
  ASSERT_TRUE(o1.ok() && o2.ok());
  EXPECT_TRUE(o1->created);
  EXPECT_FALSE(o2->created);
  EXPECT_EQ(o1->record.id, o2->record.id);
  ExpectError(reg().AddOffer(me, contact_.id, {"shelter", "declined"}, "o", ctx()),
              StatusCode::kConflict, "Idempotency-Key", "idempotency_key_reused");
  // The same key on another contact, or for another kind of record, is another request.
  Contact other = Make(Seller());
  ExpectError(reg().AddOffer(me, other.id, {"shelter", "accepted"}, "o", ctx()),
              StatusCode::kConflict, "Idempotency-Key");
  ExpectError(reg().AddConsent(me, contact_.id, {"statistics", "oral"}, "o", ctx()),
              StatusCode::kConflict, "Idempotency-Key");
  EXPECT_EQ(Number("SELECT COUNT(*) FROM support_offers"), 1);

  Result<Created<Referral>> r1 =
      reg().AddReferral(me, contact_.id, {"shelter", CivilDate{2026, 12, 3}}, "r", ctx());
  Result<Created<Referral>> r2 =
      reg().AddReferral(me, contact_.id, {"shelter", CivilDate{2026, 12, 3}}, "r", ctx());
  ASSERT_TRUE(r1.ok() && r2.ok());
  EXPECT_FALSE(r2->created);
  EXPECT_EQ(r1->record.id, r2->record.id);
  ExpectError(reg().AddReferral(me, contact_.id, {"shelter", std::nullopt}, "r", ctx()),
              StatusCode::kConflict, "Idempotency-Key");
  EXPECT_EQ(Number("SELECT COUNT(*) FROM referrals"), 1);

  Result<Created<FollowUp>> f1 =
      reg().AddFollowUp(me, contact_.id, {{2026, 12, 3}, std::nullopt}, "f", ctx());
  Result<Created<FollowUp>> f2 =
      reg().AddFollowUp(me, contact_.id, {{2026, 12, 3}, std::nullopt}, "f", ctx());
  ASSERT_TRUE(f1.ok() && f2.ok());
  EXPECT_FALSE(f2->created);
  EXPECT_EQ(f1->record.id, f2->record.id);
  ExpectError(reg().AddFollowUp(me, contact_.id, {{2026, 12, 4}, std::nullopt}, "f", ctx()),
              StatusCode::kConflict, "Idempotency-Key");
  EXPECT_EQ(Number("SELECT COUNT(*) FROM follow_ups"), 1);

  Result<Created<Consent>> c1 =
      reg().AddConsent(me, contact_.id, {"share_with_police", "oral"}, "c", ctx());
  Result<Created<Consent>> c2 =
      reg().AddConsent(me, contact_.id, {"share_with_police", "oral"}, "c", ctx());
  ASSERT_TRUE(c1.ok() && c2.ok());
  EXPECT_FALSE(c2->created);
  EXPECT_EQ(c1->record.id, c2->record.id);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM consents"), 1);

  ExpectError(reg().AddConsent(me, contact_.id, {"statistics", "oral"},
                               std::string(store::kMaxIdempotencyKeyBytes + 1, 'k'), ctx()),
              StatusCode::kInvalidInput, "Idempotency-Key");
}

TEST_P(RecordsTest, TheStartPageListsOpenAndOverdueFollowUps) {
  const security::Principal& me = Worker();
  FollowUp soon = NewFollowUpOf(contact_, {2026, 12, 2});
  FollowUp later = NewFollowUpOf(contact_, {2026, 12, 5});
  FollowUp theirs = NewFollowUpOf(contact_, {2026, 12, 2}, Who("handlaggare").user.id);
  FollowUp done = NewFollowUpOf(contact_, {2026, 12, 1});
  ASSERT_TRUE(reg().RecordOutcome(me, done.id, "Klar.", ctx()).ok());

  Result<std::vector<FollowUp>> open = reg().OpenFollowUps(me, false, ctx());
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  ASSERT_EQ(open->size(), 2u);
  EXPECT_EQ((*open)[0].id, soon.id);
  EXPECT_EQ((*open)[1].id, later.id);
  Result<std::vector<FollowUp>> overdue = reg().OpenFollowUps(me, true, ctx());
  ASSERT_TRUE(overdue.ok());
  EXPECT_TRUE(overdue->empty());

  // 2 December ends at 23:00 UTC (midnight in Sweden, winter time).
  world().clock.Advance(world().At("2026-12-02T22:59:59Z") - world().clock.Now());
  overdue = reg().OpenFollowUps(me, true, ctx());
  ASSERT_TRUE(overdue.ok());
  EXPECT_TRUE(overdue->empty());
  world().clock.Advance(std::chrono::seconds(1));
  overdue = reg().OpenFollowUps(me, true, ctx());
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->size(), 1u);
  EXPECT_EQ((*overdue)[0].id, soon.id);
  EXPECT_TRUE((*overdue)[0].overdue);

  Result<std::vector<FollowUp>> case_officer = reg().OpenFollowUps(Who("handlaggare"), true, ctx());
  ASSERT_TRUE(case_officer.ok());
  ASSERT_EQ(case_officer->size(), 1u);
  EXPECT_EQ((*case_officer)[0].id, theirs.id);

  // Done, it leaves the list.
  ASSERT_TRUE(reg().RecordOutcome(me, soon.id, "Ringt.", ctx()).ok());
  overdue = reg().OpenFollowUps(me, true, ctx());
  ASSERT_TRUE(overdue.ok());
  EXPECT_TRUE(overdue->empty());
  Result<std::vector<FollowUp>> elsewhere =
      reg().OpenFollowUps(Who("socialsekreterare.skelleftea"), false, ctx());
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_TRUE(elsewhere->empty());
}

TEST_P(RecordsTest, TheStartPageListsTheCallersOverdueReferrals) {
  Referral due_3 = NewReferralOf(contact_, CivilDate{2026, 12, 3});
  Referral undated = NewReferralOf(contact_);
  Referral theirs = NewReferralOf(contact_, CivilDate{2026, 12, 2}, "handlaggare");
  Referral completed = NewReferralOf(contact_, CivilDate{2026, 12, 2});
  ASSERT_TRUE(Move(completed.id, "accepted").ok());
  ASSERT_TRUE(Move(completed.id, "completed").ok());
  Referral declined = NewReferralOf(contact_, CivilDate{2026, 12, 2});
  ASSERT_TRUE(Move(declined.id, "declined", "Nej tack.").ok());
  Referral accepted = NewReferralOf(contact_, CivilDate{2026, 12, 2});
  ASSERT_TRUE(Move(accepted.id, "accepted").ok());

  Result<std::vector<Referral>> overdue = reg().OpenReferrals(Worker(), true, ctx());
  ASSERT_TRUE(overdue.ok()) << overdue.status().ToString();
  EXPECT_TRUE(overdue->empty());

  world().clock.Advance(std::chrono::hours(24 * 3));  // 4 December
  overdue = reg().OpenReferrals(Worker(), true, ctx());
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->size(), 2u);
  EXPECT_EQ((*overdue)[0].id, accepted.id);  // due 2 December
  EXPECT_EQ((*overdue)[1].id, due_3.id);

  Result<std::vector<Referral>> open = reg().OpenReferrals(Worker(), false, ctx());
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 3u);
  EXPECT_EQ((*open)[2].id, undated.id);  // without a due date, last

  Result<std::vector<Referral>> case_officer = reg().OpenReferrals(Who("handlaggare"), true, ctx());
  ASSERT_TRUE(case_officer.ok());
  ASSERT_EQ(case_officer->size(), 1u);
  EXPECT_EQ((*case_officer)[0].id, theirs.id);
}

SV_STORE_ON_BOTH_BACKENDS(RecordsTest);

}  // namespace
}  // namespace sv::support
