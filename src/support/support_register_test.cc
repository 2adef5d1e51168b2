// Contacts: recording, reading, access rules, idempotency, operations.

#include "support/support_register.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "security/field_cipher.h"
#include "store/idempotency.h"
#include "support/support_test_fixture.h"

namespace sv::support {
namespace {

using testing::ExpectError;

class ContactTest : public testing::SupportTest {};

TEST_P(ContactTest, RecordsAContactOutsideAnOperation) {
  const security::Principal& worker = Who("socialsekreterare");
  Result<Created<Contact>> made = reg().CreateContact(worker, Seller(), "", ctx());
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  const Contact& c = made->record;
  EXPECT_TRUE(made->created);
  EXPECT_GT(c.id, 0);
  EXPECT_FALSE(c.operation_id);
  EXPECT_EQ(c.unit_id, world().umea.id);
  EXPECT_EQ(c.role, ContactRole::kSeller);
  EXPECT_FALSE(c.person_id);
  EXPECT_EQ(c.age, 25);
  EXPECT_EQ(c.age_band, "21_25");
  EXPECT_EQ(c.language, "ro");
  EXPECT_TRUE(c.interpreter);
  EXPECT_EQ(c.notes, "Talade om att vilja sluta.");
  EXPECT_EQ(c.occurred_at, world().clock.Now());
  EXPECT_EQ(c.created_by, worker.user.id);

  std::vector<security::AuditEvent> events = Events("contact", c.id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[0].compartment, UmeaCompartment());
  EXPECT_EQ(events[0].username, "socialsekreterare");
  EXPECT_EQ(events[0].detail.find("Talade"), std::string::npos);
}

TEST_P(ContactTest, TheCaseOfficerRecordsToo) {
  Contact c = Make(Seller(), "handlaggare");
  EXPECT_EQ(c.unit_id, world().umea.id);
}

TEST_P(ContactTest, NotesAreStoredEncrypted) {
  Contact c = Make(Seller());
  const std::string raw = Text("SELECT notes_enc FROM contacts WHERE id = " + std::to_string(c.id));
  EXPECT_EQ(raw.find("Talade"), std::string::npos);
  EXPECT_EQ(raw.rfind("v1.", 0), 0u) << raw;
  Result<std::string> plain = world().cipher->Decrypt(raw, "contacts.notes");
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(*plain, "Talade om att vilja sluta.");
  // Bound to its column: it does not open as another field.
  EXPECT_FALSE(world().cipher->Decrypt(raw, "persons.notes").ok());
}

TEST_P(ContactTest, TheAgeBandIsDerivedFromTheAge) {
  struct Case {
    std::optional<int> age;
    std::string band;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {0, "", "under_18"},
      {17, "", "under_18"},
      {18, "", "18_20"},
      {20, "", "18_20"},
      {21, "", "21_25"},
      {35, "26_35", "26_35"},
      {50, "", "36_50"},
      {51, "", "over_50"},
      {120, "", "over_50"},
      {std::nullopt, "", "unknown"},
      {std::nullopt, "36_50", "36_50"},
      {std::nullopt, "unknown", "unknown"},
  };
  for (const Case& k : cases) {
    NewContact c = Seller();
    c.age = k.age;
    c.age_band = k.band;
    Contact made = Make(c);
    EXPECT_EQ(made.age_band, k.expected) << (k.age ? *k.age : -1) << " " << k.band;
    EXPECT_EQ(made.age, k.age);
  }
}

TEST_P(ContactTest, BadInputNamesTheField) {
  struct Case {
    std::function<void(NewContact&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](NewContact& c) { c.role = "pimp"; }, "role"},
      {[](NewContact& c) { c.role = ""; }, "role"},
      {[](NewContact& c) { c.age = 121; }, "age"},
      {[](NewContact& c) { c.age = -1; }, "age"},
      {[](NewContact& c) { c.age_band = "teen"; }, "age_band"},
      {[](NewContact& c) { c.age_band = "36_50"; }, "age_band"},  // age 25 says 21_25
      {[](NewContact& c) { c.language = "RO"; }, "language"},
      {[](NewContact& c) { c.language = "romanian"; }, "language"},
      {[](NewContact& c) { c.language = "r"; }, "language"},
      {[](NewContact& c) { c.language = "s1"; }, "language"},
      {[](NewContact& c) { c.notes = std::string(kMaxNotesBytes + 1, 'x'); }, "notes"},
      {[this](NewContact& c) { c.occurred_at = world().clock.Now() + std::chrono::minutes(6); },
       "occurred_at"},
      {[](NewContact& c) { c.identity_number = "19121212-1213"; }, "identity_number"},
      {[](NewContact& c) { c.identity_number = "not a number"; }, "identity_number"},
  };
  for (const Case& k : cases) {
    NewContact c = Seller();
    k.change(c);
    ExpectError(reg().CreateContact(Who("socialsekreterare"), c, "", ctx()),
                StatusCode::kInvalidInput, k.field);
  }
  EXPECT_EQ(Number("SELECT COUNT(*) FROM contacts"), 0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM persons"), 0);
}

TEST_P(ContactTest, ATimeALittleAheadOrInThePastIsAccepted) {
  NewContact c = Seller();
  c.occurred_at = world().clock.Now() + std::chrono::minutes(4);
  EXPECT_EQ(Make(c).occurred_at, *c.occurred_at);
  c.occurred_at = world().At("2026-11-30T22:15:00Z");
  EXPECT_EQ(Make(c).occurred_at, *c.occurred_at);
}

TEST_P(ContactTest, AnIdentityNumberRegistersThePersonOnceAndGivesTheAge) {
  NewContact c = Seller();
  c.age.reset();
  c.identity_number = IdentityNumber("20100505123");  // 16 on 2026-12-01
  Contact first = Make(c);
  ASSERT_TRUE(first.person_id);
  EXPECT_EQ(first.age, 16);
  EXPECT_EQ(first.age_band, "under_18");
  Contact second = Make(c);
  EXPECT_EQ(second.person_id, first.person_id);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM persons"), 1);
  // The number itself is stored nowhere in the clear.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM persons WHERE person_key LIKE '%20100505%'"), 0);

  // A given age is kept; a band that contradicts the number's age is refused, and the person
  // the refused request would have registered is not kept.
  NewContact other = Seller();
  other.age.reset();
  other.age_band = "21_25";
  other.identity_number = IdentityNumber("19850101234");  // 41
  ExpectError(reg().CreateContact(Who("socialsekreterare"), other, "", ctx()),
              StatusCode::kInvalidInput, "age_band");
  EXPECT_EQ(Number("SELECT COUNT(*) FROM persons"), 1);
}

TEST_P(ContactTest, TheSameNumberIsAnotherPersonInAnotherMunicipality) {
  NewContact c = Seller();
  c.identity_number = IdentityNumber("19900101123");
  Contact umea = Make(c);
  Contact skelleftea = Make(c, "socialsekreterare.skelleftea");
  ASSERT_TRUE(umea.person_id && skelleftea.person_id);
  EXPECT_NE(*umea.person_id, *skelleftea.person_id);
  EXPECT_EQ(skelleftea.unit_id, world().skelleftea.id);
}

TEST_P(ContactTest, UpdateChangesLanguageInterpreterAndNotes) {
  Contact c = Make(Seller());
  world().clock.Advance(std::chrono::minutes(10));
  ContactChanges changes;
  changes.language = "sv";
  changes.interpreter = false;
  changes.notes = "Uppföljning bokad.";
  Result<Contact> updated = reg().UpdateContact(Who("handlaggare"), c.id, changes, ctx());
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->language, "sv");
  EXPECT_FALSE(updated->interpreter);
  EXPECT_EQ(updated->notes, "Uppföljning bokad.");
  EXPECT_EQ(updated->age_band, "21_25");
  EXPECT_EQ(updated->updated_at, world().clock.Now());
  EXPECT_EQ(updated->created_at, c.created_at);

  // Only what is given changes; an empty language clears it.
  ContactChanges clear;
  clear.language = "";
  updated = reg().UpdateContact(Who("socialsekreterare"), c.id, clear, ctx());
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_FALSE(updated->language);
  EXPECT_EQ(updated->notes, "Uppföljning bokad.");

  ContactChanges bad;
  bad.language = "Svenska";
  ExpectError(reg().UpdateContact(Who("socialsekreterare"), c.id, bad, ctx()),
              StatusCode::kInvalidInput, "language");
  ExpectError(reg().UpdateContact(Who("socialsekreterare"), 9999, changes, ctx()),
              StatusCode::kNotFound);

  std::vector<security::AuditEvent> events = Events("contact", c.id);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].action, "update");
  EXPECT_EQ(events[1].detail, "changed: language interpreter notes");
}

TEST_P(ContactTest, ReadsNeedAKnownPurposeAndAreAudited) {
  Contact c = Make(Seller());
  const security::Principal& worker = Who("socialsekreterare");
  ExpectError(reg().GetContact(worker, c.id, "", ctx()), StatusCode::kInvalidInput, "purpose");
  ExpectError(reg().GetContact(worker, c.id, "curiosity", ctx()), StatusCode::kInvalidInput,
              "purpose");
  ExpectError(reg().ListContacts(worker, std::nullopt, "", ctx()), StatusCode::kInvalidInput,
              "purpose");
  ExpectError(reg().GetContact(worker, 9999, "case_work", ctx()), StatusCode::kNotFound);

  Result<ContactFile> file = reg().GetContact(worker, c.id, "case_work", ctx());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->contact.notes, c.notes);
  std::vector<security::AuditEvent> events = Events("contact", c.id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "read");
  EXPECT_EQ(events[0].purpose, "case_work");
  EXPECT_EQ(events[0].compartment, UmeaCompartment());
}

TEST_P(ContactTest, ListsTheUnitsContactsOfAnOperation) {
  const int64_t op = InsertOperation("active");
  NewContact on = Seller();
  on.operation_id = op;
  Contact a = Make(on);
  world().clock.Advance(std::chrono::minutes(1));
  on.role = "buyer";
  Contact b = Make(on);
  Contact outside = Make(Seller());
  Contact elsewhere = Make(Seller(), "socialsekreterare.skelleftea");

  Result<std::vector<Contact>> listed =
      reg().ListContacts(Who("socialsekreterare"), op, "operation", ctx());
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, b.id);  // newest first
  EXPECT_EQ((*listed)[1].id, a.id);
  EXPECT_EQ((*listed)[0].operation_id, op);

  listed = reg().ListContacts(Who("handlaggare"), std::nullopt, "case_work", ctx());
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->size(), 3u);
  for (const Contact& c : *listed) EXPECT_NE(c.id, elsewhere.id);
  (void)outside;

  // Another unit sees only its own: none of this operation.
  listed = reg().ListContacts(Who("socialsekreterare.skelleftea"), op, "operation", ctx());
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_TRUE(listed->empty());

  // Each listed record's trail shows the read with its purpose.
  std::vector<security::AuditEvent> events = Events("contact", a.id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].action, "read");
  EXPECT_EQ(events[0].purpose, "case_work");
}

TEST_P(ContactTest, AnotherUnitsContactIsRefusedAndAudited) {
  Contact c = Make(Seller());
  const security::Principal& other = Who("socialsekreterare.skelleftea");
  const long long before = Denials();
  Result<ContactFile> read = reg().GetContact(other, c.id, "case_work", ctx());
  ExpectError(read, StatusCode::kForbidden);
  EXPECT_NE(read.status().message().find(UmeaCompartment()), std::string::npos)
      << read.status().message();
  ContactChanges changes;
  changes.notes = "x";
  ExpectError(reg().UpdateContact(other, c.id, changes, ctx()), StatusCode::kForbidden);
  ExpectError(reg().AddOffer(other, c.id, {"conversation", "accepted"}, "", ctx()),
              StatusCode::kForbidden);
  ExpectError(reg().AddReferral(other, c.id, {"shelter", std::nullopt}, "", ctx()),
              StatusCode::kForbidden);
  ExpectError(reg().AddFollowUp(other, c.id, {CivilDate{2026, 12, 5}, std::nullopt}, "", ctx()),
              StatusCode::kForbidden);
  ExpectError(reg().AddConsent(other, c.id, {"statistics", "oral"}, "", ctx()),
              StatusCode::kForbidden);
  EXPECT_EQ(Denials(), before + 6);

  std::vector<security::AuditEvent> events = Events("contact", c.id);
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events[0].outcome, "denied");
  EXPECT_EQ(events[0].username, "socialsekreterare.skelleftea");
  EXPECT_EQ(events[0].compartment, UmeaCompartment());
  // Nothing was written by the refused calls.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM support_offers"), 0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM referrals"), 0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM follow_ups"), 0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM consents"), 0);
}

TEST_P(ContactTest, RolesOutsideSocialServicesAreRefusedAndAudited) {
  Contact c = Make(Seller());
  for (const char* user : {"polis", "insatschef", "analytiker", "koordinator", "namnd", "admin"}) {
    SCOPED_TRACE(user);
    const security::Principal& who = Who(user);
    const long long before = Denials();
    ExpectError(reg().CreateContact(who, Seller(), "", ctx()), StatusCode::kForbidden);
    ExpectError(reg().GetContact(who, c.id, "case_work", ctx()), StatusCode::kForbidden);
    ExpectError(reg().ListContacts(who, std::nullopt, "case_work", ctx()), StatusCode::kForbidden);
    ExpectError(reg().OpenFollowUps(who, false, ctx()), StatusCode::kForbidden);
    ExpectError(reg().OpenReferrals(who, true, ctx()), StatusCode::kForbidden);
    // Whether a record exists is not revealed either.
    ExpectError(reg().GetContact(who, 9999, "case_work", ctx()), StatusCode::kForbidden);
    EXPECT_EQ(Denials(), before + 6);
  }
  EXPECT_EQ(Number("SELECT COUNT(*) FROM contacts"), 1);
}

TEST_P(ContactTest, AContactOnAnOperationNeedsItOpenAndTheUnitTakingPart) {
  for (const char* state : {"active", "debriefed"}) {
    NewContact c = Seller();
    c.operation_id = InsertOperation(state);
    Contact made = Make(c);
    EXPECT_EQ(made.operation_id, c.operation_id) << state;
  }
  for (const char* state : {"planned", "briefed", "closed"}) {
    NewContact c = Seller();
    c.identity_number = IdentityNumber("19900101123");
    c.operation_id = InsertOperation(state);
    ExpectError(reg().CreateContact(Who("socialsekreterare"), c, "", ctx()), StatusCode::kConflict,
                "", "operation_not_open");
  }
  // Nothing of the refused contacts is kept, not even the person they named.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM contacts"), 2);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM persons"), 0);

  NewContact c = Seller();
  c.operation_id = InsertOperation("active", /*umea_takes_part=*/false);
  const long long before = Denials();
  ExpectError(reg().CreateContact(Who("socialsekreterare"), c, "", ctx()), StatusCode::kForbidden);
  EXPECT_EQ(Denials(), before + 1);
  // Skellefteå does not take part in the operations above either.
  c.operation_id = InsertOperation("active");
  ExpectError(reg().CreateContact(Who("socialsekreterare.skelleftea"), c, "", ctx()),
              StatusCode::kForbidden);
  EXPECT_EQ(Denials(), before + 2);

  c.operation_id = 9999;
  Result<Created<Contact>> unknown = reg().CreateContact(Who("socialsekreterare"), c, "", ctx());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().field(), "operation_id") << unknown.status().ToString();
}

TEST_P(ContactTest, ARetryWithTheSameKeyReturnsTheFirstContact) {
  const security::Principal& worker = Who("socialsekreterare");
  NewContact c = Seller();
  c.identity_number = IdentityNumber("19900101123");
  c.operation_id = InsertOperation("active");
  Result<Created<Contact>> first = reg().CreateContact(worker, c, "key-1", ctx());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->created);
  world().clock.Advance(std::chrono::seconds(30));
  Result<Created<Contact>> again = reg().CreateContact(worker, c, "key-1", ctx());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->record.id, first->record.id);
  EXPECT_EQ(again->record.notes, c.notes);
  EXPECT_EQ(again->record.occurred_at, first->record.occurred_at);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM contacts"), 1);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM persons"), 1);

  // The same key with another body is refused, whichever field differs.
  for (const auto& change : std::vector<std::function<void(NewContact&)>>{
           [](NewContact& n) { n.role = "buyer"; },
           [](NewContact& n) { n.notes = "Annan anteckning."; },
           [this](NewContact& n) { n.identity_number = IdentityNumber("19800101123"); },
           [](NewContact& n) { n.age = 26; }, [](NewContact& n) { n.operation_id.reset(); }}) {
    NewContact other = c;
    change(other);
    ExpectError(reg().CreateContact(worker, other, "key-1", ctx()), StatusCode::kConflict,
                "Idempotency-Key", "idempotency_key_reused");
  }
  EXPECT_EQ(Number("SELECT COUNT(*) FROM contacts"), 1);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM persons"), 1);

  // Keys belong to the user: another worker's same key is a new request.
  Result<Created<Contact>> theirs = reg().CreateContact(Who("handlaggare"), c, "key-1", ctx());
  ASSERT_TRUE(theirs.ok()) << theirs.status().ToString();
  EXPECT_TRUE(theirs->created);
  // No plain personal data in the stored fingerprints.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM idempotency_keys WHERE fingerprint LIKE '%Talade%' "
                   "OR fingerprint LIKE '%19900101%'"),
            0);
}

TEST_P(ContactTest, AContactsPageHasEverythingRecordedOnIt) {
  const security::Principal& worker = Who("socialsekreterare");
  Contact c = Make(Seller());
  ASSERT_TRUE(reg().AddOffer(worker, c.id, {"conversation", "accepted"}, "", ctx()).ok());
  ASSERT_TRUE(reg().AddOffer(worker, c.id, {"shelter", "later"}, "", ctx()).ok());
  Result<Created<Referral>> referral =
      reg().AddReferral(worker, c.id, {"health_care", CivilDate{2026, 12, 10}}, "", ctx());
  ASSERT_TRUE(referral.ok()) << referral.status().ToString();
  ASSERT_TRUE(reg().MoveReferral(worker, referral->record.id, "accepted", "", ctx()).ok());
  ASSERT_TRUE(
      reg().AddFollowUp(worker, c.id, {CivilDate{2026, 12, 8}, std::nullopt}, "", ctx()).ok());
  ASSERT_TRUE(reg().AddConsent(worker, c.id, {"statistics", "oral"}, "", ctx()).ok());
  Contact unrelated = Make(Seller());
  ASSERT_TRUE(reg().AddOffer(worker, unrelated.id, {"conversation", "declined"}, "", ctx()).ok());

  Result<ContactFile> file = reg().GetContact(worker, c.id, "follow_up", ctx());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->offers.size(), 2u);
  EXPECT_EQ(file->offers[0].kind, "conversation");
  EXPECT_EQ(file->offers[1].answer, OfferAnswer::kLater);
  ASSERT_EQ(file->referrals.size(), 1u);
  EXPECT_EQ(file->referrals[0].state, ReferralState::kAccepted);
  ASSERT_EQ(file->referrals[0].transitions.size(), 1u);
  EXPECT_EQ(file->referrals[0].transitions[0].user_id, worker.user.id);
  ASSERT_EQ(file->follow_ups.size(), 1u);
  EXPECT_EQ(file->follow_ups[0].assigned_to, worker.user.id);
  ASSERT_EQ(file->consents.size(), 1u);
  EXPECT_TRUE(file->consents[0].active());
}

SV_STORE_ON_BOTH_BACKENDS(ContactTest);

}  // namespace
}  // namespace sv::support
