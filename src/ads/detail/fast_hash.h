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

// A 128-bit hash of `s`, from the process's seed: for a table whose keys stand for texts, so that
// two texts share a key with probability 2^-128. Two chains of multiply-folds over the same 16
// bytes at a time, which the CPU overlaps. A chain forgets its past only at a step whose factor
// is zero: here the factors are the words xor-ed with kHashMul2 and kHashMul1, whose bytes
// (DB 28 … and … 7F B9 …) no valid UTF-8 text holds, so that no text an ad can carry (the
// parser takes valid UTF-8 only) makes a chain start afresh.
inline void Hash128(std::string_view s, uint64_t (&key)[2]) {
  auto word = [](const char* p) {
    uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  };
  const uint64_t seed = ProcessHashSeed();
  uint64_t a = kHashMul1 ^ seed, b = kHashMul3 ^ (seed << 32 | seed >> 32);
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n > 16; n -= 16, p += 16) {
    const uint64_t w0 = word(p), w1 = word(p + 8);
    a = HashFold(w0 ^ a ^ kHashMul3, w1 ^ kHashMul2);
    b = HashFold(w1 ^ b ^ kHashMul3, w0 ^ kHashMul1);
  }
  // The last 1 to 16 bytes: when the text has 16, as the 16 bytes that end it (overlapping the
  // ones before; the length, mixed in below, tells the texts apart), else byte by byte.
  uint64_t t0 = 0, t1 = 0;
  if (s.size() >= 16) {
    t0 = word(s.data() + s.size() - 16);
    t1 = word(s.data() + s.size() - 8);
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      (i < 8 ? t0 : t1) |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * (i % 8));
    }
  }
  a = HashFold(t0 ^ a ^ kHashMul3, t1 ^ kHashMul2);
  b = HashFold(t1 ^ b ^ kHashMul3, t0 ^ kHashMul1);
  key[0] = HashFold(a ^ kHashMul2, static_cast<uint64_t>(s.size()) ^ kHashMul3);
  key[1] = HashFold(b ^ kHashMul1, static_cast<uint64_t>(s.size()) ^ kHashMul2);
}

}  // namespace sv::ads::detail
