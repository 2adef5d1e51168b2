#pragma once
// A quick test that rules out most words before an extractor compares its phrases with them:
// the first kPrefixBytes bytes of the text, lower-cased, hashed into a small bit table made from
// the phrases' first bytes. Lower-casing here is loose (ASCII capitals, and every byte
// 0x80-0x9F, the second bytes of capital Latin-1 letters, as if after 0xC3): whatever a phrase
// matches under a stricter lower-casing of ASCII and Latin-1 letters passes this test too, so
// the filter only ever skips text that cannot match. Header only.

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace sv::ads::detail {

// The loose lower case of one byte (see above). Phrase bytes, already lower case ASCII or second
// bytes 0xA0-0xBF, are their own loose lower case.
constexpr unsigned char LooseLower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0x80 && c <= 0x9F) ? static_cast<unsigned char>(c + 0x20)
                                                            : c;
}

template <std::size_t kPrefixBytes>
class PhrasePrefixFilter {
 public:
  static_assert(kPrefixBytes >= 1 && kPrefixBytes <= 4);

  // Every phrase must be at least kPrefixBytes long, and its first kPrefixBytes bytes their own
  // loose lower case (lower case ASCII, 0xC3, second bytes 0xA0-0xBF); made as a constant, a
  // phrase that is not fails to compile.
  template <std::size_t N>
  constexpr explicit PhrasePrefixFilter(const std::array<std::string_view, N>& phrases) {
    for (std::string_view p : phrases) {
      if (p.size() < kPrefixBytes) throw std::invalid_argument("phrase shorter than the prefix");
      std::uint32_t key = 0;
      for (std::size_t k = 0; k < kPrefixBytes; ++k) {
        const auto c = static_cast<unsigned char>(p[k]);
        if (LooseLower(c) != c) throw std::invalid_argument("phrase not in lower case");
        key = (key << 8) | c;
      }
      const std::uint32_t h = Hash(key);
      bits_[h / 64] |= std::uint64_t{1} << (h % 64);
    }
  }

  // False when no phrase can start at s[i]; true when one may (then compare the phrases).
  bool MayStartAt(std::string_view s, std::size_t i) const {
    if (s.size() - i < kPrefixBytes) return true;  // the caller's comparison decides
    std::uint32_t key = 0;
    for (std::size_t k = 0; k < kPrefixBytes; ++k) {
      key = (key << 8) | kLooseLower[static_cast<unsigned char>(s[i + k])];
    }
    const std::uint32_t h = Hash(key);
    return (bits_[h / 64] >> (h % 64) & 1) != 0;
  }

 private:
  // A table rather than comparisons: no branches in the test of every word.
  static constexpr std::array<unsigned char, 256> kLooseLower = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
      t[static_cast<std::size_t>(c)] = LooseLower(static_cast<unsigned char>(c));
    }
    return t;
  }();
  static constexpr int kBits = 12;  // 4,096 bits: a few dozen phrases collide rarely
  static constexpr std::uint32_t Hash(std::uint32_t key) {
    return (key * 0x9E3779B1u) >> (32 - kBits);
  }
  std::array<std::uint64_t, (1u << kBits) / 64> bits_{};
};

}  // namespace sv::ads::detail
