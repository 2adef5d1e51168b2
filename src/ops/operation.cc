#include "ops/operation.h"

#include <array>

namespace sv::ops {
namespace {

constexpr std::array<std::pair<OperationState, std::string_view>, 5> kStates = {{
    {OperationState::kPlanned, "planned"},
    {OperationState::kBriefed, "briefed"},
    {OperationState::kActive, "active"},
    {OperationState::kDebriefed, "debriefed"},
    {OperationState::kClosed, "closed"},
}};

}  // namespace

std::string_view StateName(OperationState s) {
  for (const auto& [state, name] : kStates) {
    if (state == s) return name;
  }
  return "unknown";
}

std::optional<OperationState> ParseState(std::string_view name) {
  for (const auto& [state, text] : kStates) {
    if (text == name) return state;
  }
  return std::nullopt;
}

std::optional<OperationState> NextState(OperationState s) {
  for (std::size_t i = 0; i + 1 < kStates.size(); ++i) {
    if (kStates[i].first == s) return kStates[i + 1].first;
  }
  return std::nullopt;
}

LogCounts& LogCounts::operator+=(const LogCounts& o) {
  contacts_sellers += o.contacts_sellers;
  contacts_buyers += o.contacts_buyers;
  offers_made += o.offers_made;
  offers_accepted += o.offers_accepted;
  concern_tasks_opened += o.concern_tasks_opened;
  buyers_reported += o.buyers_reported;
  return *this;
}

}  // namespace sv::ops
