#pragma once
// Requests per client address as a token bucket: `per_second` tokens refill continuously up to
// `burst`. Thread-safe. Memory is bounded: idle buckets are dropped once `max_clients` is reached.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace sv::http {

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, double per_second, double burst, std::size_t max_clients = 100000);

  // Takes one token for `client`; false when none is left (answer 429).
  bool Allow(const std::string& client);
  // Seconds until `client` has a token again (for Retry-After), at least 1.
  int RetryAfterSeconds(const std::string& client);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point updated;
  };
  void Refill(Bucket& bucket, std::chrono::steady_clock::time_point now) const;
  void DropFullBuckets(std::chrono::steady_clock::time_point now);

  const Clock& clock_;
  const double per_second_;
  const double burst_;
  const std::size_t max_clients_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace sv::http
