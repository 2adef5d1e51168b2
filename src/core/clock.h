#pragma once
// Time as a dependency (Envoy's TimeSource): domain code never reads the system clock itself.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sv {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, for timestamps that are stored or shown.
  virtual TimePoint Now() const = 0;
  // Monotonic time, for timeouts and rate limits.
  virtual std::chrono::steady_clock::time_point Steady() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  std::chrono::steady_clock::time_point Steady() const override {
    return std::chrono::steady_clock::now();
  }
};

// A clock tests set by hand. Not thread-safe against concurrent Advance().
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint now) : now_(now) {}
  TimePoint Now() const override { return now_; }
  std::chrono::steady_clock::time_point Steady() const override {
    return std::chrono::steady_clock::time_point(now_.time_since_epoch());
  }
  void Advance(std::chrono::nanoseconds by) { now_ += std::chrono::duration_cast<
      std::chrono::system_clock::duration>(by); }

 private:
  TimePoint now_;
};

// Microseconds since the Unix epoch: the form times are stored in, in both databases.
int64_t ToUnixMicros(TimePoint t);
TimePoint FromUnixMicros(int64_t micros);
// RFC 3339 in UTC with millisecond precision ("2026-11-29T08:42:19.123Z").
std::string FormatRfc3339(TimePoint t);
// Room for any text FormatRfc3339 writes (24 bytes but for a year outside 0 … 9999).
inline constexpr std::size_t kRfc3339Bytes = 64;
// The same written to `out`, without allocating (for output that writes many times); the text is
// in `out`.
std::string_view FormatRfc3339(TimePoint t, char (&out)[kRfc3339Bytes]);

}  // namespace sv
