#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace sv::http {

RateLimiter::RateLimiter(const Clock& clock, double per_second, double burst,
                         std::size_t max_clients)
    : clock_(clock), per_second_(per_second), burst_(burst), max_clients_(max_clients) {}

void RateLimiter::Refill(Bucket& bucket, std::chrono::steady_clock::time_point now) const {
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  if (elapsed > 0) {
    bucket.tokens = std::min(burst_, bucket.tokens + elapsed * per_second_);
    bucket.updated = now;
  }
}

void RateLimiter::DropFullBuckets(std::chrono::steady_clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Refill(it->second, now);
    it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
  }
}

bool RateLimiter::Allow(const std::string& client) {
  const auto now = clock_.Steady();
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    // A full bucket behaves exactly like no bucket, so dropping full ones loses nothing.
    if (buckets_.size() >= max_clients_) DropFullBuckets(now);
    it = buckets_.emplace(client, Bucket{burst_, now}).first;
  }
  Refill(it->second, now);
  if (it->second.tokens < 1.0) return false;
  it->second.tokens -= 1.0;
  return true;
}

int RateLimiter::RetryAfterSeconds(const std::string& client) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) return 1;
  const double missing = 1.0 - it->second.tokens;
  return std::max(1, static_cast<int>(std::ceil(missing / per_second_)));
}

}  // namespace sv::http
