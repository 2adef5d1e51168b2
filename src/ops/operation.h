#pragma once
// The joint space of an operation (insats): its plan, participants, target ads, lifecycle and log.
// Shared by police and social services, so it holds no personal data (ARCHITECTURE.md,
// "Compartments"): the services refuse free text with identity numbers, phone numbers or e-mail
// addresses.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "security/identity.h"

namespace sv::ops {

// planned → briefed → active → debriefed → closed, one step at a time; closed is read-only.
enum class OperationState { kPlanned, kBriefed, kActive, kDebriefed, kClosed };
std::string_view StateName(OperationState s);  // "planned", …
std::optional<OperationState> ParseState(std::string_view name);
// The state after `s`, or nothing after closed.
std::optional<OperationState> NextState(OperationState s);

struct Participant {
  int64_t user_id = 0;
  std::string display_name;
  security::Role role = security::Role::kPoliceOfficer;
  int64_t unit_id = 0;
  std::string unit_name;
  TimePoint added_at{};
};

// An ad the operation targets: the site and the ad's reference there (public material).
struct Target {
  int64_t id = 0;
  std::string site;
  std::string reference;
  TimePoint added_at{};
};

struct Transition {
  OperationState from = OperationState::kPlanned;
  OperationState to = OperationState::kPlanned;
  TimePoint at{};
  int64_t user_id = 0;
  std::string user_name;
};

struct Operation {
  int64_t id = 0;
  std::string type;  // a code of configuration `operations.types`
  std::string name;
  std::string municipality_code;
  std::string place;
  TimePoint planned_start{};
  TimePoint planned_end{};
  int64_t lead_unit_id = 0;
  std::string lead_unit_name;
  OperationState state = OperationState::kPlanned;
  TimePoint created_at{};
  int64_t created_by = 0;
  std::string created_by_name;
  TimePoint updated_at{};
  // What the principal who asked may do (filled by OperationBook::Get).
  bool may_manage = false;
  bool may_write_log = false;
  std::vector<Participant> participants;
  std::vector<Target> targets;
  std::vector<Transition> transitions;
};

// What a planner gives. The lead unit is the planner's own.
struct OperationPlan {
  std::string type;
  std::string name;
  std::string municipality_code;
  std::string place;
  TimePoint planned_start{};
  TimePoint planned_end{};
};

struct PlanChanges {
  std::optional<std::string> type;
  std::optional<std::string> name;
  std::optional<std::string> municipality_code;
  std::optional<std::string> place;
  std::optional<TimePoint> planned_start;
  std::optional<TimePoint> planned_end;
};

// Counts an entry of the log adds (never who).
struct LogCounts {
  int contacts_sellers = 0;
  int contacts_buyers = 0;
  int offers_made = 0;
  int offers_accepted = 0;
  int concern_tasks_opened = 0;
  int buyers_reported = 0;

  LogCounts& operator+=(const LogCounts& o);
};

struct LogEntry {
  int64_t id = 0;
  TimePoint at{};  // when it happened
  std::string text;
  LogCounts counts;
  int64_t author_id = 0;
  std::string author_name;
  TimePoint created_at{};
};

struct NewLogEntry {
  std::optional<TimePoint> at;  // default: now
  std::string text;
  LogCounts counts;
};

// Limits on the joint space's text, in bytes.
inline constexpr std::size_t kMaxOperationNameBytes = 200;
inline constexpr std::size_t kMaxPlaceBytes = 2000;
inline constexpr std::size_t kMaxLogTextBytes = 4000;
inline constexpr std::size_t kMaxTargetBytes = 500;

}  // namespace sv::ops
