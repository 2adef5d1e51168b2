#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace sv::http {
namespace {

TEST(RateLimiterTest, BurstThenRefill) {
  FixedClock clock(FromUnixMicros(0));
  RateLimiter limiter(clock, /*per_second=*/2, /*burst=*/3);
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("b")) << "clients have separate buckets";
  EXPECT_EQ(limiter.RetryAfterSeconds("a"), 1);
  clock.Advance(std::chrono::milliseconds(500));
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
  clock.Advance(std::chrono::seconds(100));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
}

TEST(RateLimiterTest, MemoryStaysBoundedWithManyClients) {
  FixedClock clock(FromUnixMicros(0));
  RateLimiter limiter(clock, 1, 1, /*max_clients=*/10);
  for (int i = 0; i < 1000; ++i) {
    clock.Advance(std::chrono::seconds(2));  // earlier buckets refill and can be dropped
    EXPECT_TRUE(limiter.Allow("client-" + std::to_string(i)));
  }
  EXPECT_FALSE(limiter.Allow("client-999")) << "a recent client's state is kept";
}

}  // namespace
}  // namespace sv::http
