#pragma once
// The counts of ../shared/spec/ads.md (`samverkan ads counts`), as the Swedish surveys count:
// active ads, unique phone numbers and unique linked groups per period and municipality. An ad is
// active in every period between its first and last observation (days in Europe/Stockholm time).
// Shared by the analysis of a file and the API's numbers over the imported ads.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"

namespace sv::ads {

enum class Period { kDay, kWeek, kMonth };
std::optional<Period> ParsePeriod(std::string_view name);  // "day", "week", "month"
std::string_view PeriodName(Period period);

// The period a Swedish date falls in: "2026-11-20", ISO week "2026-W47", or "2026-11".
std::string PeriodOf(const CivilDate& day, Period period);

// One ad as the counts see it. The views must outlive the call.
struct ActiveAd {
  TimePoint first_seen{};
  TimePoint last_seen{};
  std::string_view municipality;  // SCB code, "" when none
  const std::vector<std::string>* phones = nullptr;
  uint64_t group = 0;
};

struct CountRow {
  std::string period;
  std::string municipality;
  int64_t active_ads = 0;
  int64_t unique_phones = 0;
  int64_t groups = 0;
};

// Rows sorted by period, then municipality. With `from`/`to`, only the periods of the days in
// that range (inclusive); work is linear in the number of periods each ad spans, not its days.
std::vector<CountRow> CountActiveAds(const std::vector<ActiveAd>& ads, Period period,
                                     std::optional<CivilDate> from = std::nullopt,
                                     std::optional<CivilDate> to = std::nullopt);

}  // namespace sv::ads
