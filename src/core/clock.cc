#include "core/clock.h"

#include <cstdio>

#include "core/calendar.h"

namespace sv {

int64_t ToUnixMicros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

TimePoint FromUnixMicros(int64_t micros) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(
      std::chrono::microseconds(micros)));
}

std::string FormatRfc3339(TimePoint t) {
  char out[kRfc3339Bytes];
  return std::string(FormatRfc3339(t, out));
}

std::string_view FormatRfc3339(TimePoint t, char (&out)[kRfc3339Bytes]) {
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  // Floor division, so that times before 1970 count back from the day before.
  int64_t days = millis / 86'400'000;
  int64_t of_day = millis % 86'400'000;
  if (of_day < 0) {
    of_day += 86'400'000;
    --days;
  }
  const CivilDate date = CivilFromDays(days);
  if (date.year < 0 || date.year > 9999) {  // not a time any record holds; printed plainly
    const int n = std::snprintf(
        out, sizeof out, "%d-%02d-%02dT%02d:%02d:%02d.%03dZ", date.year, date.month, date.day,
        static_cast<int>(of_day / 3'600'000), static_cast<int>(of_day / 60'000 % 60),
        static_cast<int>(of_day / 1000 % 60), static_cast<int>(of_day % 1000));
    // At most 31 bytes (an int year has at most 11), so never cut.
    return std::string_view(out, static_cast<std::size_t>(n));
  }
  // Written digit by digit: this runs twice per ad of an analysis' output.
  constexpr std::string_view kPattern = "0000-00-00T00:00:00.000Z";
  kPattern.copy(out, kPattern.size());
  auto put = [&out](std::size_t at, int64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10) {
      out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, date.year, 4);
  put(5, date.month, 2);
  put(8, date.day, 2);
  put(11, of_day / 3'600'000, 2);
  put(14, of_day / 60'000 % 60, 2);
  put(17, of_day / 1000 % 60, 2);
  put(20, of_day % 1000, 3);
  return std::string_view(out, kPattern.size());
}

}  // namespace sv
