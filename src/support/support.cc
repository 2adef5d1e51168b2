#include "support/support.h"

#include <array>
#include <utility>

namespace sv::support {
namespace {

// Looks `name` up in a table of (enum, code) pairs.
template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view name) {
  for (const auto& [value, code] : table) {
    if (code == name) return value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view Name(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, code] : table) {
    if (v == value) return code;
  }
  return "unknown";
}

constexpr std::array<std::pair<ContactRole, std::string_view>, 3> kRoles = {{
    {ContactRole::kSeller, "seller"},
    {ContactRole::kBuyer, "buyer"},
    {ContactRole::kRelative, "relative"},
}};
constexpr std::array<std::pair<OfferAnswer, std::string_view>, 3> kAnswers = {{
    {OfferAnswer::kAccepted, "accepted"},
    {OfferAnswer::kDeclined, "declined"},
    {OfferAnswer::kLater, "later"},
}};
constexpr std::array<std::pair<ReferralState, std::string_view>, 5> kStates = {{
    {ReferralState::kSent, "sent"},
    {ReferralState::kAccepted, "accepted"},
    {ReferralState::kDeclined, "declined"},
    {ReferralState::kCompleted, "completed"},
    {ReferralState::kWithdrawn, "withdrawn"},
}};
constexpr std::array<std::pair<ConsentScope, std::string_view>, 2> kScopes = {{
    {ConsentScope::kShareWithPolice, "share_with_police"},
    {ConsentScope::kStatistics, "statistics"},
}};
constexpr std::array<std::pair<ConsentForm, std::string_view>, 2> kForms = {{
    {ConsentForm::kOral, "oral"},
    {ConsentForm::kWritten, "written"},
}};

}  // namespace

std::string_view ContactRoleName(ContactRole r) { return Name(kRoles, r); }
std::optional<ContactRole> ParseContactRole(std::string_view name) { return Parse(kRoles, name); }
std::string_view OfferAnswerName(OfferAnswer a) { return Name(kAnswers, a); }
std::optional<OfferAnswer> ParseOfferAnswer(std::string_view name) { return Parse(kAnswers, name); }
std::string_view ReferralStateName(ReferralState s) { return Name(kStates, s); }
std::optional<ReferralState> ParseReferralState(std::string_view name) {
  return Parse(kStates, name);
}
std::string_view ConsentScopeName(ConsentScope s) { return Name(kScopes, s); }
std::optional<ConsentScope> ParseConsentScope(std::string_view name) {
  return Parse(kScopes, name);
}
std::string_view ConsentFormName(ConsentForm f) { return Name(kForms, f); }
std::optional<ConsentForm> ParseConsentForm(std::string_view name) { return Parse(kForms, name); }

bool ReferralTransitionAllowed(ReferralState from, ReferralState to) {
  using S = ReferralState;
  switch (from) {
    case S::kSent:
      return to == S::kAccepted || to == S::kDeclined || to == S::kWithdrawn;
    case S::kAccepted:
      return to == S::kCompleted || to == S::kWithdrawn;
    case S::kDeclined:
    case S::kCompleted:
    case S::kWithdrawn:
      return false;
  }
  return false;
}

bool ReferralOpen(ReferralState s) {
  return s == ReferralState::kSent || s == ReferralState::kAccepted;
}

}  // namespace sv::support
