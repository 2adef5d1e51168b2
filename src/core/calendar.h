#pragma once
// Calendar dates and the times people type: RFC 3339 times in the API, `YYYY-MM-DD` dates for
// due dates, and "today" as it is in Sweden (Europe/Stockholm: UTC+1, UTC+2 from the last Sunday
// of March to the last Sunday of October at 01:00 UTC, the EU rule), so a follow-up due today is
// not overdue before Swedish midnight.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace sv {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1–12
  int day = 1;    // 1–31
  auto operator<=>(const CivilDate&) const = default;
};

// "2026-11-29"; kInvalidInput naming `field` for another form or a date that does not exist.
Result<CivilDate> ParseDate(std::string_view text, const std::string& field);
std::string FormatDate(const CivilDate& d);
// Days since 1970-01-01 and back (proleptic Gregorian).
int64_t DaysFromCivil(const CivilDate& d);
CivilDate CivilFromDays(int64_t days);
CivilDate AddDays(const CivilDate& d, int64_t days);

// "2026-11-29T19:00:00Z", with fractions of a second and offsets (+01:00) too, in the years
// kFirstYear to kLastYear; kInvalidInput naming `field` otherwise.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2200;
Result<TimePoint> ParseRfc3339(std::string_view text, const std::string& field);

// The offset of Swedish time from UTC at `t`: one hour, or two in summer time.
std::chrono::seconds SwedishUtcOffset(TimePoint t);
// The date in Sweden at `t`.
CivilDate SwedishDate(TimePoint t);
// The instant Swedish date `d` begins (local midnight).
TimePoint StartOfSwedishDay(const CivilDate& d);

}  // namespace sv
