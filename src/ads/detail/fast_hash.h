#pragma once
// A fast 64-bit hash of byte strings for the analysis' own tables (8 bytes at a time, mixed as
// wyhash mixes: the 128-bit product folded to 64 bits). For one run only: never stored, so it is
// free to be fast rather than stable (extract.h's ContentHash is the stable one). Inside the ads
// module only.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string_view>

namespace sv::ads::detail {

inline constexpr uint64_t kHashMul1 = 0x9e3779b97f4a7c15ULL;
inline constexpr uint64_t kHashMul2 = 0xe7037ed1a0b428dbULL;
inline constexpr uint64_t kHashMul3 = 0x8ebc6af09c88c6e3ULL;

// A seed drawn once per process, which the analysis' tables mix into their hashes. A chain of
// multiply-folds forgets everything before a step whose factor is zero, and anyone who knows the
// chain's state can write the 8 bytes that make it zero: with fixed constants alone, the writer
// of an ad could make its lines' hashes collide on purpose (to slow a table down, or to pass a
// line off as a repeat of another one). Results never depend on the seed: only which slot a key
// lands in does.
inline uint64_t ProcessHashSeed() {
  static const uint64_t seed = [] {
    std::random_device device;
    return static_cast<uint64_t>(device()) << 32 ^ device();
  }();
  return seed;
}

// The 128-bit product of a and b, folded to 64 bits.
inline uint64_t HashFold(uint64_t a, uint64_t b) {
  __extension__ using Wide = unsigned __int128;
  const Wide product = static_cast<Wide>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

// Mixes `s` and its length into `h`, so that the boundaries between strings hashed one after
// another count.
inline uint64_t HashBytes(uint64_t h, std::string_view s) {
  auto word = [](const char* p) {
    uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  };
  const char* p = s.data();
  std::size_t n = s.size();
  h = HashFold(h ^ kHashMul1, static_cast<uint64_t>(n) ^ kHashMul2);
  for (; n >= 16; n -= 16, p += 16) h = HashFold(word(p) ^ h ^ kHashMul1, word(p + 8) ^ kHashMul2);
  if (n >= 8) {
    h = HashFold(word(p) ^ h ^ kHashMul3, kHashMul2);
    n -= 8;
    p += 8;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  return HashFold(tail ^ h ^ kHashMul2, kHashMul3 ^ n);
}

}  // namespace sv::ads::detail
