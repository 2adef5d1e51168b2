#pragma once
// Adds the steady-clock time of consecutive stages to the fields of a StageTimes (analysis.h),
// reading the clock only when there is one to add to. Inside the ads module only.

#include <chrono>
#include <cstdint>

#include "ads/analysis.h"

namespace sv::ads::detail {

class StageClock {
 public:
  // `times` may be null: then Lap() does nothing.
  explicit StageClock(StageTimes* times) : times_(times) {
    if (times_ != nullptr) last_ = Now();
  }

  // Adds the time since the last lap (or since construction) to `field`.
  void Lap(int64_t StageTimes::*field) {
    if (times_ == nullptr) return;
    const int64_t now = Now();
    times_->*field += now - last_;
    last_ = now;
  }

 private:
  static int64_t Now() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  StageTimes* times_;
  int64_t last_ = 0;
};

}  // namespace sv::ads::detail
