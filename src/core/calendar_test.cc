#include "core/calendar.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>

namespace sv {
namespace {

TimePoint At(const std::string& text) {
  Result<TimePoint> t = ParseRfc3339(text, "at");
  EXPECT_TRUE(t.ok()) << text << ": " << t.status().ToString();
  return t.ok() ? *t : TimePoint{};
}

TEST(CalendarTest, DatesRoundTripAndInvalidOnesAreRefused) {
  Result<CivilDate> d = ParseDate("2028-02-29", "due_on");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(FormatDate(*d), "2028-02-29");
  EXPECT_EQ(FormatDate(AddDays(*d, 1)), "2028-03-01");
  EXPECT_EQ(CivilFromDays(DaysFromCivil({1970, 1, 1})), (CivilDate{1970, 1, 1}));
  EXPECT_EQ(DaysFromCivil({2026, 11, 29}), 20786);  // python: (date(2026,11,29)-date(1970,1,1)).days
  for (const char* bad : {"2027-02-29", "2026-13-01", "2026-1-01", "26-11-29", "2026-11-29x", ""}) {
    Result<CivilDate> r = ParseDate(bad, "due_on");
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().field(), "due_on");
    }
  }
}

TEST(CalendarTest, Rfc3339OutputAgreesWithTheCLibraryAcrossCenturies) {
  EXPECT_EQ(FormatRfc3339(FromUnixMicros(-1000)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatRfc3339(At("2024-02-29T23:59:59.9999Z")), "2024-02-29T23:59:59.999Z");
  // Times from 1901 to 2200, one every 1,000,003 seconds and 7 ms, against gmtime_r.
  for (int64_t s = -2'177'452'800; s < 7'258'118'400; s += 1'000'003) {
    const int64_t millis = s * 1000 + (s % 1000 + 1000) % 1000;
    const std::time_t whole = static_cast<std::time_t>(millis >= 0 ? millis / 1000
                                                                   : (millis - 999) / 1000);
    std::tm tm{};
    gmtime_r(&whole, &tm);
    char want[64];
    std::snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(millis - whole * 1000));
    ASSERT_EQ(FormatRfc3339(FromUnixMicros(millis * 1000)), want) << millis;
  }
}

TEST(CalendarTest, Rfc3339TimesWithFractionsAndOffsets) {
  EXPECT_EQ(FormatRfc3339(At("2026-12-01T19:00:00Z")), "2026-12-01T19:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(At("2026-12-01T20:00:00.250+01:00")), "2026-12-01T19:00:00.250Z");
  EXPECT_EQ(FormatRfc3339(At("2026-12-01T18:30:00-00:30")), "2026-12-01T19:00:00.000Z");
  for (const char* bad : {"2026-12-01", "2026-12-01T19:00:00", "2026-12-01T25:00:00Z",
                          "2026-12-01T19:00:00+1:00", "2026-12-01T19:00:00Zjunk", "tomorrow"}) {
    Result<TimePoint> r = ParseRfc3339(bad, "planned_start");
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().field(), "planned_start");
    }
  }
}

// Found by fuzzing the ad line parser: a year the clock cannot hold overflowed.
TEST(CalendarTest, TimesOutsideTheClocksRangeAreRefused) {
  for (const char* text : {"4052-11-20T21:15:00+01:00", "9999-12-31T23:59:59Z",
                           "0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z"}) {
    Result<TimePoint> t = ParseRfc3339(text, "seen_at");
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_EQ(t.status().field(), "seen_at");
  }
  EXPECT_TRUE(ParseRfc3339("2200-12-31T23:59:59Z", "t").ok());
  EXPECT_TRUE(ParseRfc3339("1900-01-01T00:00:00Z", "t").ok());
}

TEST(CalendarTest, SwedishDateFollowsSummerTime) {
  // Winter: UTC+1. 23:30 UTC on 29 November is already 30 November in Sweden.
  EXPECT_EQ(SwedishDate(At("2026-11-29T23:30:00Z")), (CivilDate{2026, 11, 30}));
  EXPECT_EQ(SwedishDate(At("2026-11-29T22:59:59Z")), (CivilDate{2026, 11, 29}));
  // Summer: UTC+2 (2026: from 29 March 01:00 UTC to 25 October 01:00 UTC).
  EXPECT_EQ(SwedishUtcOffset(At("2026-07-01T12:00:00Z")), std::chrono::hours(2));
  EXPECT_EQ(SwedishUtcOffset(At("2026-03-29T00:59:59Z")), std::chrono::hours(1));
  EXPECT_EQ(SwedishUtcOffset(At("2026-03-29T01:00:00Z")), std::chrono::hours(2));
  EXPECT_EQ(SwedishUtcOffset(At("2026-10-25T01:00:00Z")), std::chrono::hours(1));
  EXPECT_EQ(SwedishDate(At("2026-07-01T22:30:00Z")), (CivilDate{2026, 7, 2}));
  EXPECT_EQ(FormatRfc3339(StartOfSwedishDay({2026, 7, 2})), "2026-07-01T22:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(StartOfSwedishDay({2026, 11, 30})), "2026-11-29T23:00:00.000Z");
}

}  // namespace
}  // namespace sv
