#pragma once
// A quick test that rules out most words before an extractor compares its phrases with them:
// the first four bytes of the text, each with its 0x20 bit set, hashed into a small bit
// table made from the phrases' first bytes treated alike. Setting that bit is how the extractors
// lower-case (ASCII capitals, and the second bytes 0x80-0x9E of capital Latin-1 letters after
// 0xC3): a text byte that lower-cases to a phrase byte equals it once both have the bit set, so
// whatever a phrase matches passes this test too, and the filter only ever skips text that
// cannot match. Setting the bit on every byte also merges a few bytes no phrase starts with
// (',' with 0x0C, 0xC3 with 0xE3): a candidate more, now and then. Header only.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace sv::ads::detail {

class PhrasePrefixFilter {
 public:
  static constexpr std::size_t kPrefixBytes = 4;

  // Every phrase must be at least kPrefixBytes long; made as a constant, a phrase that is not
  // fails to compile.
  template <std::size_t N>
  constexpr explicit PhrasePrefixFilter(const std::array<std::string_view, N>& phrases) {
    for (std::string_view p : phrases) {
      if (p.size() < kPrefixBytes) throw std::invalid_argument("phrase shorter than the prefix");
      std::uint32_t key = 0;
      for (std::size_t k = 0; k < kPrefixBytes; ++k) {
        key |= std::uint32_t{static_cast<unsigned char>(p[k])} << (8 * k);
      }
      const std::uint32_t h = Hash(key | kCaseBits);
      bits_[h / 64] |= std::uint64_t{1} << (h % 64);
    }
  }

  // False when no phrase can start at s[i]; true when one may (then compare the phrases).
  bool MayStartAt(std::string_view s, std::size_t i) const {
    if (s.size() - i < kPrefixBytes) return true;  // the caller's comparison decides
    // One load rather than a byte at a time; the key keeps the text's first byte lowest.
    std::uint32_t key = 0;
    std::memcpy(&key, s.data() + i, kPrefixBytes);
    if constexpr (std::endian::native == std::endian::big) key = __builtin_bswap32(key);
    const std::uint32_t h = Hash(key | kCaseBits);
    return (bits_[h / 64] >> (h % 64) & 1) != 0;
  }

 private:
  static constexpr std::uint32_t kCaseBits = 0x20202020u;  // the 0x20 bit of each byte
  static constexpr int kBits = 12;  // 4,096 bits: a few dozen phrases collide rarely
  static constexpr std::uint32_t Hash(std::uint32_t key) {
    return (key * 0x9E3779B1u) >> (32 - kBits);
  }
  std::array<std::uint64_t, (1u << kBits) / 64> bits_{};
};

}  // namespace sv::ads::detail
