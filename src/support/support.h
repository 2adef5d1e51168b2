#pragma once
// The records of the social-services compartment (ARCHITECTURE.md, "Compartments"): a contact with
// a person who sells, a buyer or a relative, and what was done in it — support offered and the
// answer, referrals to other support with their state, follow-ups, and the person's consents.
// Codes are stable strings in the API and the database; the enums below are their typed form.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"

namespace sv::support {

enum class ContactRole { kSeller, kBuyer, kRelative };
std::string_view ContactRoleName(ContactRole r);  // "seller", "buyer", "relative"
std::optional<ContactRole> ParseContactRole(std::string_view name);

enum class OfferAnswer { kAccepted, kDeclined, kLater };
std::string_view OfferAnswerName(OfferAnswer a);  // "accepted", "declined", "later"
std::optional<OfferAnswer> ParseOfferAnswer(std::string_view name);

// sent → accepted | declined → completed (from accepted only); withdrawn from sent or accepted.
enum class ReferralState { kSent, kAccepted, kDeclined, kCompleted, kWithdrawn };
std::string_view ReferralStateName(ReferralState s);
std::optional<ReferralState> ParseReferralState(std::string_view name);
// Whether a referral in state `from` may move to `to`.
bool ReferralTransitionAllowed(ReferralState from, ReferralState to);
// A referral still waiting for something to happen (sent or accepted).
bool ReferralOpen(ReferralState s);

enum class ConsentScope { kShareWithPolice, kStatistics };
std::string_view ConsentScopeName(ConsentScope s);  // "share_with_police", "statistics"
std::optional<ConsentScope> ParseConsentScope(std::string_view name);

enum class ConsentForm { kOral, kWritten };
std::string_view ConsentFormName(ConsentForm f);  // "oral", "written"
std::optional<ConsentForm> ParseConsentForm(std::string_view name);

// Limits on free text, in bytes.
inline constexpr std::size_t kMaxNotesBytes = 20000;
inline constexpr std::size_t kMaxOutcomeBytes = 20000;
inline constexpr std::size_t kMaxReasonBytes = 2000;
// How far in the future a contact may be dated (clocks of phones on the spot drift).
inline constexpr std::chrono::minutes kMaxClockSkew{5};

struct Offer {
  int64_t id = 0;
  int64_t contact_id = 0;
  std::string kind;  // a code of configuration `support.offers`
  OfferAnswer answer = OfferAnswer::kLater;
  TimePoint created_at{};
  int64_t created_by = 0;
  TimePoint updated_at{};
};

struct ReferralTransition {
  ReferralState from = ReferralState::kSent;
  ReferralState to = ReferralState::kSent;
  std::string reason;  // empty when none was given
  TimePoint at{};
  int64_t user_id = 0;
};

struct Referral {
  int64_t id = 0;
  int64_t contact_id = 0;
  std::string kind;  // a code of configuration `support.offers`
  ReferralState state = ReferralState::kSent;
  std::optional<std::string> decline_reason;
  std::optional<CivilDate> due_on;
  TimePoint created_at{};
  int64_t created_by = 0;
  TimePoint updated_at{};
  std::vector<ReferralTransition> transitions;  // oldest first
};

struct FollowUp {
  int64_t id = 0;
  int64_t contact_id = 0;
  CivilDate due_on;
  int64_t assigned_to = 0;             // a user of the contact's unit
  std::optional<std::string> outcome;  // set when done
  std::optional<TimePoint> done_at;
  std::optional<int64_t> done_by;
  bool overdue = false;  // open and due before today (in Sweden) when it was read
  TimePoint created_at{};
  int64_t created_by = 0;
};

struct Consent {
  int64_t id = 0;
  int64_t contact_id = 0;
  ConsentScope scope = ConsentScope::kStatistics;
  ConsentForm form = ConsentForm::kOral;
  TimePoint given_at{};
  int64_t recorded_by = 0;
  std::optional<TimePoint> withdrawn_at;
  std::optional<int64_t> withdrawn_by;
  bool active() const { return !withdrawn_at.has_value(); }
};

struct Contact {
  int64_t id = 0;
  std::optional<int64_t> operation_id;
  int64_t unit_id = 0;  // the social-services unit whose compartment holds it
  ContactRole role = ContactRole::kSeller;
  std::optional<int64_t> person_id;  // in the unit's person register
  std::optional<int> age;
  std::string age_band;                 // always set; "unknown" when nothing is known
  std::optional<std::string> language;  // ISO 639 code
  bool interpreter = false;
  std::string notes;
  TimePoint occurred_at{};
  TimePoint created_at{};
  int64_t created_by = 0;
  TimePoint updated_at{};
};

// A contact with everything recorded on it (the contact page).
struct ContactFile {
  Contact contact;
  std::vector<Offer> offers;
  std::vector<Referral> referrals;
  std::vector<FollowUp> follow_ups;
  std::vector<Consent> consents;
};

// What a worker gives for a new contact. Codes are strings, checked by SupportRegister, so that
// a wrong one is refused naming its field.
struct NewContact {
  std::optional<int64_t> operation_id;
  std::string role;             // seller, buyer, relative
  std::string identity_number;  // optional; only the person register's pseudonym is kept
  std::optional<int> age;       // 0–120; taken from the identity number when absent
  std::string age_band;         // optional; derived from the age when there is one
                                // (persons::ResolveAge)
  std::string language;         // optional ISO 639 code: 2–3 lower-case letters
  bool interpreter = false;
  std::string notes;
  std::optional<TimePoint> occurred_at;  // default now; at most kMaxClockSkew ahead
};

// Absent fields stay as they are; an empty language clears it.
struct ContactChanges {
  std::optional<std::string> language;
  std::optional<bool> interpreter;
  std::optional<std::string> notes;
};

struct NewOffer {
  std::string kind;
  std::string answer;  // accepted, declined, later
};

struct NewReferral {
  std::string kind;
  std::optional<CivilDate> due_on;  // not before the contact's date
};

struct NewFollowUp {
  CivilDate due_on;                    // not before the contact's date
  std::optional<int64_t> assigned_to;  // default the caller
};

struct NewConsent {
  std::string scope;  // share_with_police, statistics
  std::string form;   // oral, written
};

// A record a create call returns: `created` is false when an earlier request with the same
// idempotency key made it (the API answers 200 instead of 201).
template <typename T>
struct Created {
  T record;
  bool created = true;
};

}  // namespace sv::support
