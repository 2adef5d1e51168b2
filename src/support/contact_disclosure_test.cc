// Disclosure of social-services contacts (DOMAIN.md, "Information may cross only on a legal
// ground", "Consent is recorded, not assumed"), on SQLite and PostgreSQL.

#include "support/contact_disclosure.h"

#include <gtest/gtest.h>

#include "disclosure/disclosures.h"
#include "support/support_test_fixture.h"

namespace sv::support {
namespace {

using disclosure::Disclosure;
using disclosure::DisclosureState;
using disclosure::NewDisclosure;
using testing::ExpectError;

class ContactDisclosureTest : public testing::SupportTest {
 protected:
  void SetUp() override {
    SupportTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ops::testing::World& w = world();
    source_ = std::make_unique<ContactDisclosure>(*w.cipher, *persons_);
    disclosures_ = std::make_unique<disclosure::Disclosures>(
        *w.database, w.clock, w.policy, *w.audit, *w.cipher,
        std::vector<std::string>{"osl_12_2", "osl_10_28", "osl_10_21", "osl_10_18a", "osl_10_27"},
        std::vector<std::string>{"osl_10_27"},
        std::vector<const disclosure::RecordSource*>{source_.get()});
    contact_ = Make(Seller()).id;
  }

  disclosure::Disclosures& disclosures() { return *disclosures_; }

  NewDisclosure ToPolice(const std::string& ground) {
    NewDisclosure d;
    d.record_type = "contact";
    d.record_id = contact_;
    d.fields = {"age", "language"};
    d.to_unit_id = world().police.id;
    d.legal_ground = ground;
    d.justification = "Personen vill att polisen får veta språket inför förhöret.";
    return d;
  }

  int64_t AddConsent(const std::string& scope) {
    Result<Created<Consent>> c =
        reg().AddConsent(Who("socialsekreterare"), contact_, {scope, "written"}, "", ctx());
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? c->record.id : 0;
  }

  long long Refusals() {
    return Number("SELECT COUNT(*) FROM audit_events WHERE action = 'disclose' AND outcome <> 'ok'");
  }

  std::unique_ptr<ContactDisclosure> source_;
  std::unique_ptr<disclosure::Disclosures> disclosures_;
  int64_t contact_ = 0;
};

TEST_P(ContactDisclosureTest, ConsentDisclosureSucceedsThenIsRefusedOnceTheConsentIsWithdrawn) {
  const int64_t consent = AddConsent("share_with_police");
  Result<Disclosure> first = disclosures().Disclose(Who("socialsekreterare"),
                                                    ToPolice("osl_12_2"), ctx());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->state, DisclosureState::kSent);
  EXPECT_EQ(first->consent_id, consent);

  ASSERT_TRUE(reg().WithdrawConsent(Who("socialsekreterare"), consent, ctx()).ok());
  const long long refused_before = Refusals();
  Result<Disclosure> again = disclosures().Disclose(Who("socialsekreterare"),
                                                    ToPolice("osl_12_2"), ctx());
  ExpectError(again, StatusCode::kConflict, "legal_ground", "no_valid_consent");
  EXPECT_EQ(Refusals(), refused_before + 1) << "the refusal is audited";
}

TEST_P(ContactDisclosureTest, ConsentToStatisticsDoesNotCoverSharingWithThePolice) {
  AddConsent("statistics");
  ExpectError(disclosures().Disclose(Who("socialsekreterare"), ToPolice("osl_12_2"), ctx()),
              StatusCode::kConflict, "legal_ground", "no_valid_consent");
}

TEST_P(ContactDisclosureTest, ReceiverSeesExactlyTheDisclosedFieldsAsTheyWere) {
  Result<Disclosure> sent = disclosures().Disclose(Who("socialsekreterare"),
                                                   ToPolice("osl_10_21"), ctx());
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ContactChanges changes;
  changes.language = "en";
  ASSERT_TRUE(reg().UpdateContact(Who("socialsekreterare"), contact_, changes, ctx()).ok());

  Result<std::vector<Disclosure>> received = disclosures().Received(Who("polis"), ctx());
  ASSERT_TRUE(received.ok()) << received.status().ToString();
  ASSERT_EQ(received->size(), 1u);
  const Disclosure& d = received->front();
  ASSERT_EQ(d.fields.size(), 2u);
  EXPECT_EQ(d.fields[0].name, "age");
  EXPECT_EQ(d.fields[0].value, "25");
  EXPECT_EQ(d.fields[1].name, "language");
  EXPECT_EQ(d.fields[1].value, "ro");
  EXPECT_EQ(d.record_id, 0) << "the sender's record stays the sender's";
  EXPECT_FALSE(d.consent_id.has_value());

  // Nothing else of the record, and nothing for a unit that received nothing.
  ExpectError(disclosures().Get(Who("socialsekreterare.skelleftea"), sent->id, ctx()),
              StatusCode::kNotFound);
  Result<std::vector<Disclosure>> other =
      disclosures().Received(Who("socialsekreterare.skelleftea"), ctx());
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
  // The snapshot is stored encrypted.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM disclosure_fields WHERE value_enc = 'ro'"), 0);
}

TEST_P(ContactDisclosureTest, GeneralClauseNeedsASecondUsersApprovalBeforeAnythingIsSent) {
  Result<Disclosure> asked = disclosures().Disclose(Who("handlaggare"), ToPolice("osl_10_27"),
                                                    ctx());
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(asked->state, DisclosureState::kAwaitingApproval);
  EXPECT_TRUE(asked->needs_review);
  Result<std::vector<Disclosure>> received = disclosures().Received(Who("polis"), ctx());
  ASSERT_TRUE(received.ok());
  EXPECT_TRUE(received->empty()) << "nothing is sent before the approval";
  ExpectError(disclosures().Get(Who("polis"), asked->id, ctx()), StatusCode::kNotFound);

  // Not by the user who asked, not by a social worker without the right to approve.
  ExpectError(disclosures().Approve(Who("handlaggare"), asked->id, "", ctx()),
              StatusCode::kForbidden, "", "second_approver_required");
  ExpectError(disclosures().Approve(Who("socialsekreterare"), asked->id, "", ctx()),
              StatusCode::kForbidden);
  // A second case officer of the unit approves.
  security::Principal second = Who("handlaggare");
  second.user.id = Who("socialsekreterare").user.id;  // another user of the unit, same role
  Result<Disclosure> approved = disclosures().Approve(second, asked->id, "", ctx());
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->state, DisclosureState::kSent);
  received = disclosures().Received(Who("polis"), ctx());
  ASSERT_TRUE(received.ok());
  EXPECT_EQ(received->size(), 1u);
  ExpectError(disclosures().Approve(second, asked->id, "", ctx()), StatusCode::kConflict, "",
              "not_awaiting");
}

TEST_P(ContactDisclosureTest, RejectedDisclosureIsNeverSent) {
  Result<Disclosure> asked = disclosures().Disclose(Who("socialsekreterare"),
                                                    ToPolice("osl_10_27"), ctx());
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  ExpectError(disclosures().Reject(Who("handlaggare"), asked->id, "kort", ctx()),
              StatusCode::kInvalidInput, "note");
  Result<Disclosure> rejected = disclosures().Reject(
      Who("handlaggare"), asked->id, "Inget uppenbart övervägande intresse här.", ctx());
  ASSERT_TRUE(rejected.ok()) << rejected.status().ToString();
  EXPECT_EQ(rejected->state, DisclosureState::kRejected);
  Result<std::vector<Disclosure>> received = disclosures().Received(Who("polis"), ctx());
  ASSERT_TRUE(received.ok());
  EXPECT_TRUE(received->empty());
}

TEST_P(ContactDisclosureTest, ConsentWithdrawnBeforeTheApprovalStopsTheDisclosure) {
  // A configuration where consent needs review, so the consent is checked again at approval.
  ops::testing::World& w = world();
  disclosure::Disclosures reviewed(*w.database, w.clock, w.policy, *w.audit, *w.cipher,
                                   {"osl_12_2"}, {"osl_12_2"}, {source_.get()});
  const int64_t consent = AddConsent("share_with_police");
  Result<Disclosure> asked = reviewed.Disclose(Who("socialsekreterare"), ToPolice("osl_12_2"),
                                               ctx());
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  ASSERT_TRUE(reg().WithdrawConsent(Who("socialsekreterare"), consent, ctx()).ok());
  ExpectError(reviewed.Approve(Who("handlaggare"), asked->id, "", ctx()), StatusCode::kConflict,
              "", "no_valid_consent");
}

TEST_P(ContactDisclosureTest, InformationCrossesOnlyOnALegalGround) {
  const long long before = Refusals();
  NewDisclosure no_ground = ToPolice("");
  ExpectError(disclosures().Disclose(Who("socialsekreterare"), no_ground, ctx()),
              StatusCode::kInvalidInput, "legal_ground");
  ExpectError(disclosures().Disclose(Who("socialsekreterare"), ToPolice("because"), ctx()),
              StatusCode::kInvalidInput, "legal_ground");
  NewDisclosure no_reason = ToPolice("osl_10_21");
  no_reason.justification = "";
  ExpectError(disclosures().Disclose(Who("socialsekreterare"), no_reason, ctx()),
              StatusCode::kInvalidInput, "justification");
  NewDisclosure hidden = ToPolice("osl_10_21");
  hidden.fields = {"age", "identity_number"};
  ExpectError(disclosures().Disclose(Who("socialsekreterare"), hidden, ctx()),
              StatusCode::kInvalidInput, "fields");
  NewDisclosure nowhere = ToPolice("osl_10_21");
  nowhere.to_unit_id = 999999;
  ExpectError(disclosures().Disclose(Who("socialsekreterare"), nowhere, ctx()),
              StatusCode::kInvalidInput, "to_unit_id");
  NewDisclosure region = ToPolice("osl_10_21");
  region.to_unit_id = world().region.id;
  ExpectError(disclosures().Disclose(Who("socialsekreterare"), region, ctx()),
              StatusCode::kInvalidInput, "to_unit_id");
  // A record of another compartment, by a worker who may not see it.
  ExpectError(disclosures().Disclose(Who("socialsekreterare.skelleftea"), ToPolice("osl_10_21"),
                                     ctx()),
              StatusCode::kForbidden);
  ExpectError(disclosures().Disclose(Who("polis"), ToPolice("osl_10_21"), ctx()),
              StatusCode::kForbidden);
  EXPECT_EQ(Refusals(), before + 8) << "every refusal is in the audit trail";
  EXPECT_EQ(Number("SELECT COUNT(*) FROM disclosures"), 0);
}

TEST_P(ContactDisclosureTest, EachRecordShowsItsRegisterOfDisclosures) {
  AddConsent("share_with_police");
  ASSERT_TRUE(disclosures().Disclose(Who("socialsekreterare"), ToPolice("osl_12_2"), ctx()).ok());
  ASSERT_TRUE(disclosures().Disclose(Who("socialsekreterare"), ToPolice("osl_10_27"), ctx()).ok());
  Result<disclosure::RecordDisclosures> kept = disclosures().ForRecord(
      Who("handlaggare"), "contact", contact_, ctx());
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  ASSERT_EQ(kept->disclosures.size(), 2u);
  EXPECT_EQ(kept->disclosures[0].state, DisclosureState::kAwaitingApproval);
  EXPECT_EQ(kept->disclosures[1].legal_ground, "osl_12_2");
  auto notes = std::find_if(kept->disclosable_fields.begin(), kept->disclosable_fields.end(),
                            [](const disclosure::DisclosedField& f) { return f.name == "notes"; });
  ASSERT_NE(notes, kept->disclosable_fields.end());
  EXPECT_EQ(notes->value, "Talade om att vilja sluta.");
  ExpectError(disclosures().ForRecord(Who("socialsekreterare.skelleftea"), "contact", contact_,
                                      ctx()),
              StatusCode::kForbidden);
  // Everything is in the audit trail of the record.
  int disclosed = 0;
  for (const security::AuditEvent& e : Events("contact", contact_)) {
    if (e.action == "disclose" && e.outcome == "ok") ++disclosed;
  }
  EXPECT_EQ(disclosed, 2);
}

SV_STORE_ON_BOTH_BACKENDS(ContactDisclosureTest);

}  // namespace
}  // namespace sv::support
