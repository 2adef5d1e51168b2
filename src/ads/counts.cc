#include "ads/counts.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_set>

namespace sv::ads {

namespace {

// Days since 1970-01-01 of the first day of the period after the one holding `days`.
int64_t NextPeriodStart(int64_t days, Period period) {
  switch (period) {
    case Period::kDay: return days + 1;
    case Period::kWeek: {
      const int64_t weekday = ((days % 7) + 7 + 3) % 7;  // 0 = Monday (1970-01-01: Thursday)
      return days - weekday + 7;
    }
    case Period::kMonth: {
      const CivilDate d = CivilFromDays(days);
      return d.month == 12 ? DaysFromCivil(CivilDate{d.year + 1, 1, 1})
                           : DaysFromCivil(CivilDate{d.year, d.month + 1, 1});
    }
  }
  return days + 1;
}

}  // namespace

std::optional<Period> ParsePeriod(std::string_view name) {
  if (name == "day") return Period::kDay;
  if (name == "week") return Period::kWeek;
  if (name == "month") return Period::kMonth;
  return std::nullopt;
}

std::string_view PeriodName(Period period) {
  switch (period) {
    case Period::kDay: return "day";
    case Period::kWeek: return "week";
    case Period::kMonth: return "month";
  }
  return "day";
}

std::string PeriodOf(const CivilDate& day, Period period) {
  char out[16];
  switch (period) {
    case Period::kDay: return FormatDate(day);
    case Period::kMonth:
      std::snprintf(out, sizeof out, "%04d-%02d", day.year, day.month);
      return out;
    case Period::kWeek: {
      // ISO 8601: the week with the year's first Thursday is week 1; weeks start on Monday.
      const int64_t days = DaysFromCivil(day);
      const int64_t weekday = ((days % 7) + 7 + 3) % 7;
      const CivilDate thursday = CivilFromDays(days - weekday + 3);
      const int64_t first = DaysFromCivil(CivilDate{thursday.year, 1, 1});
      const int64_t week = (days - weekday + 3 - first) / 7 + 1;
      std::snprintf(out, sizeof out, "%04d-W%02d", thursday.year, static_cast<int>(week));
      return out;
    }
  }
  return FormatDate(day);
}

std::vector<CountRow> CountActiveAds(const std::vector<ActiveAd>& ads, Period period,
                                     std::optional<CivilDate> from, std::optional<CivilDate> to) {
  struct Cell {
    int64_t ads = 0;
    std::unordered_set<std::string_view> phones;
    std::unordered_set<uint64_t> groups;
  };
  std::map<std::pair<std::string, std::string_view>, Cell> cells;
  const int64_t lower = from ? DaysFromCivil(*from) : INT64_MIN;
  const int64_t upper = to ? DaysFromCivil(*to) : INT64_MAX;
  for (const ActiveAd& ad : ads) {
    const int64_t first = std::max(DaysFromCivil(SwedishDate(ad.first_seen)), lower);
    const int64_t last = std::min(DaysFromCivil(SwedishDate(ad.last_seen)), upper);
    for (int64_t day = first; day <= last; day = NextPeriodStart(day, period)) {
      Cell& cell = cells[{PeriodOf(CivilFromDays(day), period), ad.municipality}];
      ++cell.ads;
      if (ad.phones) {
        for (const std::string& p : *ad.phones) cell.phones.insert(p);
      }
      cell.groups.insert(ad.group);
    }
  }
  std::vector<CountRow> rows;
  rows.reserve(cells.size());
  for (const auto& [key, cell] : cells) {
    rows.push_back({key.first, std::string(key.second), cell.ads,
                    static_cast<int64_t>(cell.phones.size()),
                    static_cast<int64_t>(cell.groups.size())});
  }
  return rows;
}

}  // namespace sv::ads
