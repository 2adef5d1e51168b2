#include "core/calendar.h"

#include <algorithm>
#include <cstdio>

namespace sv {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` ASCII digits at `pos`.
bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool ValidDate(const CivilDate& d) {
  return d.year >= 1900 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= DaysInMonth(d.year, d.month);
}

// The last Sunday of `month` in `year`, as days since the epoch.
int64_t LastSunday(int year, int month) {
  const int64_t last = DaysFromCivil({year, month, DaysInMonth(year, month)});
  // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
  const int64_t weekday = ((last + 4) % 7 + 7) % 7;
  return last - weekday;
}

}  // namespace

int64_t DaysFromCivil(const CivilDate& d) {
  // Howard Hinnant's days_from_civil.
  const int y = d.month <= 2 ? d.year - 1 : d.year;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(m <= 2 ? y + 1 : y), static_cast<int>(m), static_cast<int>(d)};
}

CivilDate AddDays(const CivilDate& d, int64_t days) { return CivilFromDays(DaysFromCivil(d) + days); }

Result<CivilDate> ParseDate(std::string_view text, const std::string& field) {
  CivilDate d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !Digits(text, 0, 4, d.year) ||
      !Digits(text, 5, 2, d.month) || !Digits(text, 8, 2, d.day)) {
    return Status::InvalidInput("must be a date YYYY-MM-DD", field);
  }
  if (!ValidDate(d)) return Status::InvalidInput("is not a date that exists", field);
  return d;
}

std::string FormatDate(const CivilDate& d) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", d.year, d.month, d.day);
  return out;
}

Result<TimePoint> ParseRfc3339(std::string_view s, const std::string& field) {
  // Made only when needed: building the message costs more than reading a good time.
  const auto bad = [&field] {
    return Status::InvalidInput("must be a time like 2026-12-01T19:00:00Z (RFC 3339)", field);
  };
  if (s.size() < 20) return bad();
  Result<CivilDate> date = ParseDate(s.substr(0, 10), field);
  if (!date.ok()) return bad();
  // The clock counts nanoseconds and ends in 2262: a time far outside a working life is an error.
  if (date->year < kFirstYear || date->year > kLastYear) {
    return Status::InvalidInput("must be a time between the years " + std::to_string(kFirstYear) +
                                    " and " + std::to_string(kLastYear),
                                field);
  }
  int hour = 0, minute = 0, second = 0;
  if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2, hour) || s[13] != ':' ||
      !Digits(s, 14, 2, minute) || s[16] != ':' || !Digits(s, 17, 2, second)) {
    return bad();
  }
  if (hour > 23 || minute > 59 || second > 60) return bad();
  std::size_t pos = 19;
  int64_t micros = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int64_t scale = 100000;
    const std::size_t begin = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (scale > 0) micros += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == begin) return bad();
  }
  int64_t offset_seconds = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !Digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return bad();
    }
    offset_seconds = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != s.size()) return bad();
  const int64_t seconds = DaysFromCivil(*date) * 86400 + hour * 3600 + minute * 60 +
                          std::min(second, 59) - offset_seconds;
  return FromUnixMicros(seconds * 1000000 + micros);
}

std::chrono::seconds SwedishUtcOffset(TimePoint t) {
  const int64_t seconds = ToUnixMicros(t) / 1000000;
  const int year = CivilFromDays(seconds / 86400).year;
  const int64_t summer_starts = LastSunday(year, 3) * 86400 + 3600;  // 01:00 UTC
  const int64_t summer_ends = LastSunday(year, 10) * 86400 + 3600;
  const bool summer = seconds >= summer_starts && seconds < summer_ends;
  return std::chrono::seconds(summer ? 7200 : 3600);
}

CivilDate SwedishDate(TimePoint t) {
  const int64_t local = ToUnixMicros(t) / 1000000 + SwedishUtcOffset(t).count();
  return CivilFromDays(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

TimePoint StartOfSwedishDay(const CivilDate& d) {
  const TimePoint utc_midnight = FromUnixMicros(DaysFromCivil(d) * 86400 * 1000000);
  // Local midnight is an hour or two before UTC midnight; the offset at that instant decides.
  const TimePoint guess = utc_midnight - std::chrono::hours(1);
  return utc_midnight - SwedishUtcOffset(guess);
}

}  // namespace sv
