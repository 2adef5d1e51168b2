#pragma once
// Byte-level helpers shared by the ad extractors (ages, prices, places): letters of Swedish and
// English words in UTF-8, lower-casing into a fixed buffer, digit runs. No allocation.

#include <cstddef>
#include <string_view>

namespace sv::ads::detail {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiLetter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// The length of the letter at s[i]: 1 for an ASCII letter, 2 for a Latin-1 letter in UTF-8
// (å, ä, ö, é, ü, Å, …; not × or ÷), 0 for anything else (digits, punctuation, emoji bytes).
inline std::size_t LetterLength(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return IsAsciiLetter(static_cast<char>(c)) ? 1 : 0;
  if (c != 0xC3 || i + 1 >= s.size()) return 0;
  const auto d = static_cast<unsigned char>(s[i + 1]);
  if (d < 0x80 || d > 0xBF || d == 0x97 || d == 0xB7) return 0;
  return 2;
}

inline bool IsLetterAt(std::string_view s, std::size_t i) {
  return i < s.size() && LetterLength(s, i) != 0;
}

// The end of the word of letters that starts at `i`.
inline std::size_t WordEnd(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    const std::size_t n = LetterLength(s, i);
    if (n == 0) break;
    i += n;
  }
  return i;
}

// The end of the run of ASCII digits that starts at `i`.
inline std::size_t DigitsEnd(std::string_view s, std::size_t i) {
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i;
}

// Lower-cases `word` (ASCII and Latin-1 letters in UTF-8) into out[0, cap). Returns the length, or
// 0 when it does not fit.
inline std::size_t LowerInto(std::string_view word, char* out, std::size_t cap) {
  if (word.size() > cap) return 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c + 32);
    } else if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < word.size()) {
      out[i] = c;
      auto d = static_cast<unsigned char>(word[++i]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
      c = static_cast<char>(d);
    }
    out[i] = c;
  }
  return word.size();
}

// A lower-cased word in a fixed buffer.
struct LowerWord {
  static constexpr std::size_t kCapacity = 48;
  char text[kCapacity];
  std::size_t size = 0;
  std::string_view view() const { return {text, size}; }
  void Set(std::string_view word) { size = LowerInto(word, text, kCapacity); }
  void Clear() { size = 0; }
};

}  // namespace sv::ads::detail
