#include "core/clock.h"

#include <gtest/gtest.h>

namespace sv {
namespace {

TEST(ClockTest, FormatsRfc3339InUtc) {
  EXPECT_EQ(FormatRfc3339(FromUnixMicros(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(FromUnixMicros(1764405739123000)), "2025-11-29T08:42:19.123Z");
  EXPECT_EQ(FormatRfc3339(FromUnixMicros(-1000)), "1969-12-31T23:59:59.999Z");
}

TEST(ClockTest, FormatsRfc3339IntoABuffer) {
  char out[kRfc3339Bytes];
  EXPECT_EQ(FormatRfc3339(FromUnixMicros(1764405739123000), out), "2025-11-29T08:42:19.123Z");
  EXPECT_EQ(FormatRfc3339(FromUnixMicros(-1000), out), "1969-12-31T23:59:59.999Z");
  for (const TimePoint t : {TimePoint::min(), TimePoint::max()}) {
    EXPECT_EQ(FormatRfc3339(t, out), FormatRfc3339(t));
  }
}

TEST(ClockTest, MicrosRoundTrip) {
  EXPECT_EQ(ToUnixMicros(FromUnixMicros(1234567890123456)), 1234567890123456);
}

TEST(ClockTest, FixedClockAdvances) {
  FixedClock clock(FromUnixMicros(0));
  clock.Advance(std::chrono::seconds(90));
  EXPECT_EQ(ToUnixMicros(clock.Now()), 90'000'000);
}

}  // namespace
}  // namespace sv
