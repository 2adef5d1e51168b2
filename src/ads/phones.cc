#include "ads/phones.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "ads/detail/byte_set_scan.h"
#include "ads/detail/fast_hash.h"

namespace sv::ads {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// The longest candidate: "00" + a country code + 15 digits is at most 17 digits.
constexpr int kMaxCandidateDigits = 17;
// A separator between two digit groups of one number: at most this many characters.
constexpr int kMaxSeparatorChars = 4;
// Groups kept while scanning one run; candidates never span more than kMaxCandidateDigits groups.
constexpr std::size_t kWindowGroups = 64;

bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// One digit written in some way, at the start of `s`.
struct DigitUnit {
  int value = -1;      // -1: no digit here
  std::size_t length = 0;
  bool unusual = false;  // not a plain ASCII digit
};

DigitUnit ReadDigitUnit(std::string_view s) {
  const auto byte = [&](std::size_t i) {
    return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
  };
  const unsigned char c = byte(0);
  // Most bytes start no digit: only an ASCII digit, 0xEF (full-width) or 0xF0 (mathematical) can.
  if (!IsAsciiDigit(c) && c != 0xEF && c != 0xF0) return {};
  if (IsAsciiDigit(c)) {
    // Emoji keycap: digit, optional U+FE0F, U+20E3.
    std::size_t n = 1;
    if (byte(1) == 0xEF && byte(2) == 0xB8 && byte(3) == 0x8F) n = 4;
    if (byte(n) == 0xE2 && byte(n + 1) == 0x83 && byte(n + 2) == 0xA3) {
      return {c - '0', n + 3, true};
    }
    return {c - '0', 1, false};
  }
  // Full-width digits U+FF10–U+FF19.
  if (c == 0xEF && byte(1) == 0xBC && byte(2) >= 0x90 && byte(2) <= 0x99) {
    return {byte(2) - 0x90, 3, true};
  }
  // Mathematical digits U+1D7CE–U+1D7FF (bold, double-struck, sans-serif, monospace).
  if (c == 0xF0 && byte(1) == 0x9D && byte(2) == 0x9F && byte(3) >= 0x8E && byte(3) <= 0xBF) {
    return {(byte(3) - 0x8E) % 10, 4, true};
  }
  return {};
}

// Bytes of a separator character at the start of `s` (0: none).
std::size_t SeparatorLength(std::string_view s) {
  const auto c = static_cast<unsigned char>(s[0]);
  switch (c) {
    case ' ': case '\t': case '.': case '-': case '/': case '(': case ')': case '_': case '*':
      return 1;
    default: break;
  }
  if (s.size() >= 2 && c == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0) return 2;  // NBSP
  if (s.size() >= 3 && c == 0xE2 && static_cast<unsigned char>(s[1]) == 0x80 &&
      (static_cast<unsigned char>(s[2]) == 0x93 || static_cast<unsigned char>(s[2]) == 0x94)) {
    return 3;  // en and em dash
  }
  return 0;
}

// Bytes of the UTF-8 sequence at the start of `s` (at least 1, so that scanning always moves on;
// a lead byte is followed only by the continuation bytes that are there).
std::size_t Utf8Length(std::string_view s) {
  const auto c = static_cast<unsigned char>(s[0]);
  const std::size_t declared = c >= 0xF8 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  std::size_t n = 1;
  while (n < declared && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
  return n;
}

// What a byte at the start of a step between runs is, for Scanner::SkipBetweenRuns.
enum class ByteKind : uint8_t {
  kOwnStep,    // a digit, "+", a byte >= 0x80 but 0xC3: the full step of Scanner::Run
  kSeparator,  // a one-byte separator (as SeparatorLength)
  kOther,      // ASCII that is neither letter, digit, separator nor "+": ends a run
  kLetter,     // an ASCII letter or 0xC3 (the lead byte of å, ä, ö, é, …)
};
constexpr std::array<ByteKind, 256> kByteKind = [] {
  std::array<ByteKind, 256> kinds{};
  for (int c = 0; c < 0x80; ++c) {
    kinds[static_cast<std::size_t>(c)] = ByteKind::kOther;
  }
  for (const char c : std::string_view(" \t.-/()_*")) {
    kinds[static_cast<unsigned char>(c)] = ByteKind::kSeparator;
  }
  for (int c = '0'; c <= '9'; ++c) kinds[static_cast<std::size_t>(c)] = ByteKind::kOwnStep;
  kinds['+'] = ByteKind::kOwnStep;
  for (int c = 'a'; c <= 'z'; ++c) {
    kinds[static_cast<std::size_t>(c)] = ByteKind::kLetter;
    kinds[static_cast<std::size_t>(c - 0x20)] = ByteKind::kLetter;
  }
  kinds[0xC3] = ByteKind::kLetter;
  return kinds;
}();

struct NumberWord {
  std::string_view word;  // lower case, UTF-8
  int value;
};
constexpr std::array<NumberWord, 31> kNumberWords{{
    {"noll", 0},  {"nolla", 0}, {"ett", 1},   {"en", 1},    {"etta", 1},  {"två", 2},
    {"tva", 2},   {"tvåa", 2},  {"tre", 3},   {"trea", 3},  {"fyra", 4},  {"fem", 5},
    {"femma", 5}, {"sex", 6},   {"sexa", 6},  {"sju", 7},   {"sjua", 7},  {"åtta", 8},
    {"atta", 8},  {"nio", 9},   {"nia", 9},   {"zero", 0},  {"one", 1},   {"two", 2},
    {"three", 3}, {"four", 4},  {"five", 5},  {"six", 6},   {"seven", 7}, {"eight", 8},
    {"nine", 9},
}};

// kNumberWords with each word's bytes in one integer (first byte lowest; at most 5 bytes, and
// no word holds a zero byte, so that the length is part of the value).
struct PackedNumberWord {
  uint64_t word;
  int value;
};
constexpr std::array<PackedNumberWord, kNumberWords.size()> kPackedNumberWords = [] {
  std::array<PackedNumberWord, kNumberWords.size()> packed{};
  for (std::size_t i = 0; i < kNumberWords.size(); ++i) {
    for (std::size_t j = 0; j < kNumberWords[i].word.size(); ++j) {
      packed[i].word |= static_cast<uint64_t>(static_cast<unsigned char>(kNumberWords[i].word[j]))
                        << (8 * j);
    }
    packed[i].value = kNumberWords[i].value;
  }
  return packed;
}();

// kPackedNumberWords by a hash of the packed word (open addressing, 64 places for 31 words), so
// that a word costs one probe or two instead of a walk over the whole list.
constexpr std::size_t kNumberWordSlots = 64;
constexpr std::size_t NumberWordSlot(uint64_t packed) {
  return static_cast<std::size_t>((packed * 0x9E3779B97F4A7C15ULL) >> 58);
}
constexpr std::array<PackedNumberWord, kNumberWordSlots> kNumberWordTable = [] {
  std::array<PackedNumberWord, kNumberWordSlots> table{};  // word 0: an empty place
  for (const PackedNumberWord& n : kPackedNumberWords) {
    std::size_t i = NumberWordSlot(n.word);
    while (table[i].word != 0) i = (i + 1) % kNumberWordSlots;
    table[i] = n;
  }
  return table;
}();

// The digit a whole word stands for, or -1.
int NumberWordValue(std::string_view word) {
  if (word.size() < 2 || word.size() > 5) return -1;
  // Most words of a text are not number words: they end here, on their first letter (lower or
  // upper case), without a look at the table. 0xC3 starts å and Å.
  switch (static_cast<unsigned char>(word[0]) | 0x20) {
    case 'n': case 'e': case 't': case 'f': case 's': case 'a': case 'z': case 'o': case 0xE3:
      break;
    default: return -1;
  }
  uint64_t packed = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) c = static_cast<unsigned char>(c | (IsAsciiLetter(c) ? 0x20 : 0));
    if (c == 0x85 && i > 0 && static_cast<unsigned char>(word[i - 1]) == 0xC3) c = 0xA5;  // Å→å
    packed |= static_cast<uint64_t>(c) << (8 * i);
  }
  for (std::size_t i = NumberWordSlot(packed);; i = (i + 1) % kNumberWordSlots) {
    if (kNumberWordTable[i].word == packed) return kNumberWordTable[i].value;
    if (kNumberWordTable[i].word == 0) return -1;
  }
}

bool AllDigitLookalikes(std::string_view word) {
  for (const char c : word) {
    if (c != 'O' && c != 'o' && c != 'l' && c != 'I') return false;
  }
  return true;
}

// The filter of PlainTextSkip for number words: a bit per hash of each number word with every
// byte's 0x20 bit set. That form of a word is the same for every word NumberWordValue reads as a
// number word (ASCII letters of either case, "å" and "Å": 0xC3 0xA5 and 0xC3 0x85 both become
// 0xE3 0xA5), so a word whose bit is clear is no number word.
constexpr uint64_t WithCaseBits(uint64_t packed, std::size_t size) {
  return packed | (0x2020202020202020ULL >> (8 * (8 - size)));
}
constexpr std::size_t NumberWordFilterBit(uint64_t folded) {
  return static_cast<std::size_t>((folded * 0x9E3779B97F4A7C15ULL) >> 52);  // 4,096 bits
}
constexpr std::array<uint64_t, 64> kNumberWordFilter = [] {
  std::array<uint64_t, 64> bits{};
  for (const NumberWord& n : kNumberWords) {
    uint64_t packed = 0;
    for (std::size_t j = 0; j < n.word.size(); ++j) {
      packed |= static_cast<uint64_t>(static_cast<unsigned char>(n.word[j])) << (8 * j);
    }
    const std::size_t bit = NumberWordFilterBit(WithCaseBits(packed, n.word.size()));
    bits[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  return bits;
}();

#if defined(__SSE2__)
// A block of 64 bytes of text, a bit for each byte (bit i: byte i).
struct BlockBits {
  uint64_t word;       // a byte of a word: an ASCII letter or a byte >= 0x80 that is not a stop
  uint64_t stop;       // may start a digit or separator: an ASCII digit, "+", 0xEF 0xBC (full-
                       // width), 0xF0 0x9D (mathematical), 0xC2 0xA0 (NBSP), 0xE2 0x80 0x93/0x94
  uint64_t initial;    // may start a number word: n e t f s a z o (either case), 0xC3, 0xE3
};

// The bits of p[0, 64); reads p[0, 66).
BlockBits ClassifyBlock(const char* p) {
  using detail::BytesEqual;
  using detail::LaneBits;
  BlockBits bits{0, 0, 0};
  for (int k = 0; k < 4; ++k) {
    const char* q = p + 16 * k;
    const __m128i v = detail::Load16(q), next = detail::Load16(q + 1);
    const __m128i after = detail::Load16(q + 2);
    const auto both = [](__m128i a, __m128i b) { return _mm_and_si128(a, b); };
    const auto any = [](__m128i a, __m128i b, __m128i c, __m128i d) {
      return _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
    };
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i dash = both(both(BytesEqual(v, '\xE2'), BytesEqual(next, '\x80')),
                              _mm_or_si128(BytesEqual(after, '\x93'), BytesEqual(after, '\x94')));
    const __m128i stop =
        _mm_or_si128(_mm_or_si128(detail::BytesInRange(v, '0', '9'), BytesEqual(v, '+')),
                     any(both(BytesEqual(v, '\xEF'), BytesEqual(next, '\xBC')),
                         both(BytesEqual(v, '\xF0'), BytesEqual(next, '\x9D')),
                         both(BytesEqual(v, '\xC2'), BytesEqual(next, '\xA0')), dash));
    const std::uint32_t high = LaneBits(v);
    const std::uint32_t stops = LaneBits(stop);
    const std::uint32_t letters = LaneBits(detail::AsciiLetters(v));
    const __m128i initial = _mm_or_si128(any(BytesEqual(folded, 'n'), BytesEqual(folded, 'e'),
                                             BytesEqual(folded, 't'), BytesEqual(folded, 'f')),
                                         any(BytesEqual(folded, 's'), BytesEqual(folded, 'a'),
                                             BytesEqual(folded, 'z'), BytesEqual(folded, 'o')));
    const __m128i initial_any = _mm_or_si128(initial, BytesEqual(folded, '\xE3'));  // 0xC3: å, Å
    bits.word |= static_cast<uint64_t>((letters | high) & ~stops) << (16 * k);
    bits.stop |= static_cast<uint64_t>(stops) << (16 * k);
    bits.initial |= static_cast<uint64_t>(LaneBits(initial_any)) << (16 * k);
  }
  return bits;
}

// The `length` (2 to 8) bytes at p in one integer, first byte lowest; p[0, left) is readable and
// length <= left.
uint64_t PackBytes(const char* p, int length, std::size_t left) {
  uint64_t packed = 0;
  if (left >= 8) {
    std::memcpy(&packed, p, 8);
    return packed & (~uint64_t{0} >> (8 * (8 - length)));
  }
  for (int k = length; k-- > 0;) packed = packed << 8 | static_cast<unsigned char>(p[k]);
  return packed;
}

// Bit j: bit j + k of the 128 bits `high`:`low` (0 <= k < 64).
uint64_t Ahead(uint64_t low, uint64_t high, int k) {
  return k == 0 ? low : (low >> k) | (high << (64 - k));
}

// Where the steps of Run between runs may do more than pass over a word that is neither a number
// word nor made of digit look-alikes before a digit, a separator or punctuation, marked in
// blocks of 64 bytes: a byte that may start a digit or separator (`stop`), the last byte of a
// word right before one (Run's words go on through bytes >= 0x80 that start no digit or
// separator, and "O7O" counts: the word is left to Run), and the first byte of a word of 2 to 5
// bytes that the filter of number words lets through. A superset: Run's steps decide.
//
// Each block is classified and marked once, when the scan first reaches it; finding the next
// mark is then a few bit operations. (Judging a window of 64 bytes afresh at each token that may
// be more, every 30 bytes or so on the corpus, at digits and "en", classified most bytes twice.)
// Bytes past the end of the text count as zero bytes: punctuation, marked nowhere.
class PlainTextSkip {
 public:
  explicit PlainTextSkip(std::string_view text)
      : text_(text), bits_(Classify(0)), next_(Classify(1)) {
    Mark();
  }

  // From `pos`, the start of a token of Run's steps, passes over what those steps would pass
  // over between runs without effect but on the separator state, and returns the start of the
  // first token that may be more, or the end of the text. Cheapest when `pos` never decreases
  // (as Run's steps go): then each block is classified once.
  std::size_t Next(std::size_t pos) {
    const std::size_t size = text_.size();
    if (pos >= size) return size;
    std::size_t block = pos / 64;
    Hold(block);
    const int at = static_cast<int>(pos % 64);
    const uint64_t word_before = at == 0 ? word_before_ : bits_.word >> (at - 1);
    // A token that starts inside a word of the bits: after a digit or separator of several
    // bytes, whose last bytes count as word bytes. SkipBetweenRuns reads it as Run does.
    if ((word_before & (bits_.word >> at) & 1) != 0) return pos;
    std::size_t word_start = pos;  // of a word that runs on past the blocks looked at
    uint64_t from = ~uint64_t{0} << at;
    for (;;) {
      if (const uint64_t marks = marks_ & from; marks != 0) {
        const int q = __builtin_ctzll(marks);
        if (((word_ends_ >> q) & 1) == 0) return 64 * block + static_cast<std::size_t>(q);
        const uint64_t gaps = ~bits_.word & from & ((uint64_t{1} << q) - 1);
        return gaps == 0 ? word_start
                         : 64 * block + 64 - static_cast<std::size_t>(__builtin_clzll(gaps));
      }
      if (const uint64_t gaps = ~bits_.word & from; gaps != 0) {
        word_start = 64 * block + 64 - static_cast<std::size_t>(__builtin_clzll(gaps));
      }
      ++block;
      if (64 * block >= size) return size;
      Hold(block);
      from = ~uint64_t{0};
    }
  }

 private:
  // The bits of block `block` of the text.
  BlockBits Classify(std::size_t block) const {
    constexpr std::size_t kRead = 66;  // bytes ClassifyBlock reads
    const std::size_t at = 64 * block;
    if (at >= text_.size()) return {0, 0, 0};
    if (text_.size() - at >= kRead) return ClassifyBlock(text_.data() + at);
    std::array<char, kRead> padded{};
    std::memcpy(padded.data(), text_.data() + at, text_.size() - at);
    return ClassifyBlock(padded.data());
  }

  // Makes `block` the block held (and marked).
  void Hold(std::size_t block) {
    if (block == block_) return;
    if (block == block_ + 1) {
      word_before_ = bits_.word >> 63;
      bits_ = next_;
    } else {
      word_before_ = block == 0 ? 0 : Classify(block - 1).word >> 63;
      bits_ = Classify(block);
    }
    next_ = Classify(block + 1);
    block_ = block;
    Mark();
  }

  // marks_ and word_ends_ of the block held.
  void Mark() {
    const uint64_t word = bits_.word, gap = ~word, next_gap = ~next_.word;
    const uint64_t starts = word & ~((word << 1) | word_before_);
    word_ends_ = word & Ahead(bits_.stop, next_.stop, 1);
    // Words of 2 to 5 bytes: a word byte after the first, a byte of no word among the next four.
    const uint64_t short_words = starts & Ahead(word, next_.word, 1) &
                                 (Ahead(gap, next_gap, 2) | Ahead(gap, next_gap, 3) |
                                  Ahead(gap, next_gap, 4) | Ahead(gap, next_gap, 5));
    // (A word of digit look-alikes counts between runs only right before a digit: a word end.)
    uint64_t number_words = 0;
    for (uint64_t candidates = short_words & bits_.initial; candidates != 0;
         candidates &= candidates - 1) {
      const int i = __builtin_ctzll(candidates);
      const int length = __builtin_ctzll(Ahead(gap, next_gap, i));  // 2 to 5, all in the text
      const std::size_t at = 64 * block_ + static_cast<std::size_t>(i);
      const std::size_t bit =
          NumberWordFilterBit(WithCaseBits(PackBytes(text_.data() + at, length, text_.size() - at),
                                           static_cast<std::size_t>(length)));
      number_words |= ((kNumberWordFilter[bit / 64] >> (bit % 64)) & 1) << i;
    }
    marks_ = bits_.stop | word_ends_ | number_words;
  }

  std::string_view text_;
  std::size_t block_ = 0;     // the block held
  uint64_t word_before_ = 0;  // bit 0: the byte before block_ is a word byte
  BlockBits bits_;            // of block_
  BlockBits next_;            // of block_ + 1
  uint64_t marks_ = 0;        // of block_
  uint64_t word_ends_ = 0;    // of block_: the last byte of a word right before a stop
};
#endif

// libphonenumber takes tens of microseconds per number here (its metadata patterns are regular
// expressions), far over the budget of an ad. Swedish mobile numbers, by far the most common in
// ads, are valid or not by their first four digits ("0701…" yes, "0711…" no): this table holds
// libphonenumber's own answer for each "07XY", asked once, or nothing when numbers of a prefix
// differ (then each is asked). phones_test checks the shortcut against libphonenumber.
const std::array<std::optional<bool>, 100>& MobilePrefixes() {
  static const std::array<std::optional<bool>, 100> table = [] {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    std::array<std::optional<bool>, 100> t{};
    for (int xy = 0; xy < 100; ++xy) {
      std::optional<bool> same;
      for (const char* rest : {"000000", "555012", "999999"}) {
        std::string national = "07";
        national += static_cast<char>('0' + xy / 10);
        national += static_cast<char>('0' + xy % 10);
        national += rest;
        PhoneNumber number;
        const bool valid = util.Parse(national, "SE", &number) ==
                               PhoneNumberUtil::NO_PARSING_ERROR &&
                           util.IsValidNumber(number);
        if (!same.has_value()) {
          same = valid;
        } else if (*same != valid) {
          same.reset();
          break;
        }
      }
      t[static_cast<std::size_t>(xy)] = same;
    }
    return t;
  }();
  return table;
}

// Whether `digits` (after "+" when `plus`) is a valid Swedish mobile number, when the table
// knows; nothing for any other number.
std::optional<bool> SwedishMobile(std::string_view digits, bool plus) {
  std::string_view national;  // the nine digits after the trunk "0" or the country code
  if (!plus && digits.size() == 10 && digits.substr(0, 2) == "07") national = digits.substr(1);
  if (plus && digits.size() == 11 && digits.substr(0, 3) == "467") national = digits.substr(2);
  if (!plus && digits.size() == 13 && digits.substr(0, 5) == "00467") national = digits.substr(4);
  if (!plus && digits.size() == 11 && digits.substr(0, 3) == "467") national = digits.substr(2);
  if (national.empty()) return std::nullopt;
  return MobilePrefixes()[static_cast<std::size_t>((national[1] - '0') * 10 + (national[2] - '0'))];
}

// A candidate or an E.164 number ("+" and digits, at most 32 characters) in 128 bits: a
// character in each 4 bits (a digit as its value + 1, "+" as 11), 0 after the last. Two strings
// have the same key only when they are the same, and no string has the key 0.
struct PhoneKey {
  uint64_t low = 0, high = 0;  // characters 0-15, 16-31

  bool operator==(const PhoneKey&) const = default;
};

PhoneKey PackPhone(std::string_view s) {
  PhoneKey key;
  for (std::size_t i = 0; i < s.size() && i < 32; ++i) {
    const uint64_t code = s[i] == '+' ? 11 : static_cast<uint64_t>(s[i] - '0') + 1;
    (i < 16 ? key.low : key.high) |= code << (4 * (i % 16));
  }
  return key;
}

std::string UnpackPhone(PhoneKey key) {
  std::string s;
  for (std::size_t i = 0; i < 32; ++i) {
    const uint64_t code = ((i < 16 ? key.low : key.high) >> (4 * (i % 16))) & 0xF;
    if (code == 0) break;
    s += code == 11 ? '+' : static_cast<char>('0' + code - 1);
  }
  return s;
}

// libphonenumber's reading of a candidate ("+48500109826", "08123456"; a number without a country
// code is Swedish): its E.164 form when valid, else "". Answers are remembered, because the same
// numbers come back in the ads of a group and on every day an ad is seen, and asking costs tens of
// microseconds. The memory is per thread, so that FindPhones stays thread-safe without a lock,
// and fixed: a table where a candidate takes the place of the older of two answers with the same
// hash. libphonenumber's answer depends on the candidate only, so remembering changes no result.
std::string ValidE164(std::string_view candidate) {
  // Two places per hash (the one used last first), so that two candidates of one text or group
  // with the same hash do not push each other out. 65,536 × 2 answers of 32 bytes (4 MB, taken
  // at a thread's first candidate): the candidates asked about grow with the ads (about 2,300
  // distinct at 100,000 ads, ten times as many at 1,000,000), and the 8,192 × 2 answers that
  // fit in 1 MB as strings pushed each other out at a million (the stage grew by a third).
  // Candidates are at most 18 characters (a "+" and kMaxCandidateDigits digits).
  constexpr std::size_t kSets = 65536;
  struct Answer {
    PhoneKey candidate;  // {0, 0}: a place not yet used
    PhoneKey e164;       // {0, 0}: not a valid number
  };
  thread_local std::unique_ptr<std::array<std::array<Answer, 2>, kSets>> answers;
  if (answers == nullptr) answers = std::make_unique<std::array<std::array<Answer, 2>, kSets>>();
  const PhoneKey key = PackPhone(candidate);
  // Seeded, so that the writer of an ad cannot pick candidates that push each other out.
  const uint64_t hash = detail::HashFold(key.low ^ detail::ProcessHashSeed() ^ detail::kHashMul1,
                                         key.high ^ detail::kHashMul2);
  std::array<Answer, 2>& set = (*answers)[hash % kSets];
  if (set[0].candidate == key) return UnpackPhone(set[0].e164);
  if (set[1].candidate == key) {
    std::swap(set[0], set[1]);
    return UnpackPhone(set[0].e164);
  }
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::string e164;
  PhoneNumber number;
  if (util.Parse(std::string(candidate), "SE", &number) == PhoneNumberUtil::NO_PARSING_ERROR &&
      util.IsValidNumber(number)) {
    util.Format(number, PhoneNumberUtil::E164, &e164);
  }
  // E.164 is "+" and at most 15 digits (libphonenumber's national numbers at most 17): an answer
  // that does not fit is not remembered rather than cut.
  if (e164.size() <= 32) {
    std::swap(set[0], set[1]);  // the older answer goes
    set[0] = {key, PackPhone(e164)};
  }
  return e164;
}

// Digits written together (no separator between them), preceded by a separator or nothing.
struct Group {
  std::array<char, kMaxCandidateDigits> digits{};
  int count = 0;           // digits in the group; over kMaxCandidateDigits: never a candidate
  bool unusual = false;    // some digit was not a plain ASCII digit
  bool plus = false;       // written with a "+" before it
  std::size_t sep_begin = 0, sep_end = 0;  // the separator before it (empty at a run's start)
};

class Scanner {
 public:
  // `groups` is scratch memory kept by the caller between texts (cleared here), so that a text
  // with digits costs no allocation.
  // `checks_left` is how many candidates may still be checked against libphonenumber, counted
  // down here.
  Scanner(std::string_view text, FoundPhones& found, std::vector<Group>& groups, int& checks_left)
      : text_(text), found_(found), groups_(groups), checks_left_(checks_left) {
    groups_.clear();
  }

  void Run() {
    std::size_t pos = 0;
    bool glued = false;  // the last thing read was a digit: a digit now joins its group
    std::size_t sep_begin = 0;
    int sep_chars = 0;
    bool plus = false;
    while (pos < text_.size() && checks_left_ > 0) {
      if (groups_.empty() && !plus) {
        pos = SkipBetweenRuns(pos, sep_begin, sep_chars);
        if (pos == text_.size()) break;
      }
      const std::string_view rest = text_.substr(pos);
      const auto c = static_cast<unsigned char>(rest[0]);
      // A letter is no digit (the most common case, so asked first).
      if (const DigitUnit d = IsAsciiLetter(c) ? DigitUnit{} : ReadDigitUnit(rest); d.value >= 0) {
        AddDigit(d.value, d.unusual, glued, sep_begin, pos, plus);
        glued = true;
        plus = false;
        sep_chars = 0;
        pos += d.length;
        continue;
      }
      if (const std::size_t n = SeparatorLength(rest); n > 0) {
        if (glued || sep_chars == 0) sep_begin = pos;
        glued = false;
        if (++sep_chars > kMaxSeparatorChars) EndRun();
        pos += n;
        continue;
      }
      if (c == '+' && pos + 1 < text_.size() && ReadDigitUnit(text_.substr(pos + 1)).value >= 0) {
        // "+46…": a separator of its own that marks the next group as international.
        if (glued || sep_chars == 0) sep_begin = pos;
        glued = false;
        ++sep_chars;
        plus = true;
        pos += 1;
        continue;
      }
      if (IsAsciiLetter(c) || c >= 0x80) {
        std::size_t end = pos;
        while (end < text_.size()) {
          const auto e = static_cast<unsigned char>(text_[end]);
          if (IsAsciiLetter(e)) {
            ++end;
          } else if (e >= 0x80 && ReadDigitUnit(text_.substr(end)).value < 0 &&
                     SeparatorLength(text_.substr(end)) == 0) {
            end += Utf8Length(text_.substr(end));
          } else {
            break;
          }
        }
        const std::string_view word = text_.substr(pos, end - pos);
        const bool digit_next = end < text_.size() && ReadDigitUnit(text_.substr(end)).value >= 0;
        if (const int v = NumberWordValue(word); v >= 0 && !plus) {
          AddDigit(v, true, glued, sep_begin, pos, false);
          glued = false;  // a word is a group of its own
          sep_chars = 0;
        } else if (AllDigitLookalikes(word) && !plus &&
                   (glued || digit_next ||
                    (!groups_.empty() && sep_chars > 0 &&
                     (word.size() <= 2 || DigitAfterSeparators(end))))) {
          // "O7O", "07l", "079-544 ol I8", "070-123 45 oO": letters for digits only inside or
          // at the end of a run of digits.
          for (char l : word) {
            AddDigit(l == 'O' || l == 'o' ? 0 : 1, true, glued, sep_begin, pos, false);
            glued = true;
          }
          sep_chars = 0;
        } else {
          EndRun();
          glued = false;
          sep_chars = 0;
          plus = false;
        }
        pos = end;
        continue;
      }
      EndRun();
      glued = false;
      sep_chars = 0;
      plus = false;
      pos += 1;
    }
    EndRun();
  }

 private:
  void AddDigit(int value, bool unusual, bool glued, std::size_t sep_begin, std::size_t pos,
                bool plus) {
    if (!glued || groups_.empty()) {
      if (groups_.size() >= kWindowGroups) Process(/*final=*/false);
      Group g;
      g.plus = plus;
      if (!groups_.empty()) {
        g.sep_begin = sep_begin;
        g.sep_end = pos;
      }
      groups_.push_back(g);
    }
    Group& g = groups_.back();
    if (g.count < kMaxCandidateDigits) g.digits[static_cast<std::size_t>(g.count)] =
        static_cast<char>('0' + value);
    if (g.count <= kMaxCandidateDigits) ++g.count;
    g.unusual = g.unusual || unusual;
  }

  // Between runs (no group pending, so nothing glued and no "+" before a digit) most of a text is
  // words that are neither number words nor digit look-alikes before a digit, spaces and
  // punctuation: each only ends a run that is not there. This loop passes over them (by
  // PlainTextSkip, then one token at a time) with exactly the effect the steps of Run would have
  // on `sep_begin` and `sep_chars` (the other state is already reset), and returns where
  // something else starts: a digit, "+", a number word, look-alikes before a digit ("O7O"), a
  // word with bytes other than ASCII letters and two-byte letters (å, ä, ö, é, …), a byte of
  // a longer sequence. It also passes over a number word or ASCII digits that would be a run of
  // one group alone (LoneGroupEnd): "en", "ett", "28 år", "1200 kr", most of the tokens that
  // PlainTextSkip stops at.
  std::size_t SkipBetweenRuns(std::size_t pos, std::size_t& sep_begin, int& sep_chars) {
    const std::size_t size = text_.size();
    while (pos < size) {
#if defined(__SSE2__)
      const std::size_t from = pos;
      pos = skip_.Next(pos);
      CarrySeparators(from, pos, sep_begin, sep_chars);
#endif
      if (pos == size) break;
      const auto c = static_cast<unsigned char>(text_[pos]);
      switch (kByteKind[c]) {
        case ByteKind::kSeparator:  // one byte: ' ', '.', '-', …
          if (sep_chars == 0) sep_begin = pos;
          ++sep_chars;
          ++pos;
          continue;
        case ByteKind::kOther:  // ',', '!', a line break, …: ends a run
          sep_chars = 0;
          ++pos;
          continue;
        case ByteKind::kLetter: {
          const std::size_t end = PlainWordEnd(pos);
          if (end == pos) return pos;
          const std::string_view word = text_.substr(pos, end - pos);
          // Look-alikes count between runs only right before a digit ("O7O").
          if ((NumberWordValue(word) >= 0 && !RunEndsAt(end)) ||
              (AllDigitLookalikes(word) && end < size &&
               IsAsciiDigit(static_cast<unsigned char>(text_[end])))) {
            return pos;
          }
          sep_chars = 0;  // a word, or a number word that is a run of its own: as a word
          pos = end;
          continue;
        }
        case ByteKind::kOwnStep: {
          if (IsAsciiDigit(c)) {
            const std::size_t end = LoneGroupEnd(pos);
            if (end == pos) return pos;
            sep_chars = 0;  // as after a word: the run of the group ended without a number
            pos = end;
            continue;
          }
          if (c == '+') {
            if (DigitAt(pos + 1)) return pos;
            sep_chars = 0;  // "18+ ": punctuation unless a digit follows
            ++pos;
            continue;
          }
          // A separator of several bytes (NBSP, dashes), as a one-byte one; else Run's step.
          const std::size_t n = SeparatorLength(text_.substr(pos));
          if (n == 0) return pos;
          if (sep_chars == 0) sep_begin = pos;
          ++sep_chars;
          pos += n;
          continue;
        }
      }
    }
    return pos;
  }

  // Whether Run's steps from `pos`, right after the only group of a run (digits or a number word
  // read at `pos`, so that nothing is glued but a word; `sep_chars` 0), end the run before it
  // takes another group: at the end of the text, punctuation, the fifth separator or a word that
  // is neither a number word nor look-alikes. Then that group was tried alone. False when
  // something else may follow (a digit, "+", a byte >= 0x80 but of a plain word, …).
  bool RunEndsAt(std::size_t pos) const {
    for (int seps = 0; pos < text_.size(); ++pos) {
      switch (kByteKind[static_cast<unsigned char>(text_[pos])]) {
        case ByteKind::kSeparator:
          if (++seps > kMaxSeparatorChars) return true;
          continue;
        case ByteKind::kOther:
          return true;
        case ByteKind::kLetter: {
          const std::size_t end = PlainWordEnd(pos);
          if (end == pos) return false;
          const std::string_view word = text_.substr(pos, end - pos);
          return NumberWordValue(word) < 0 && !AllDigitLookalikes(word);
        }
        case ByteKind::kOwnStep:  // "+" is punctuation unless a digit follows ("18+ år")
          return text_[pos] == '+' && !DigitAt(pos + 1);
      }
    }
    return true;
  }

  // Whether a digit (of any form Run reads) starts at `pos`.
  bool DigitAt(std::size_t pos) const {
    return pos < text_.size() && ReadDigitUnit(text_.substr(pos)).value >= 0;
  }

  // The end of the ASCII digits at `pos` when, read between runs, they would make a run of one
  // group that is no candidate (Plausible fails on it alone, or it is too long for one): then Run
  // would try it and find nothing. Else `pos`.
  std::size_t LoneGroupEnd(std::size_t pos) const {
    std::size_t end = pos;
    while (end < text_.size() && IsAsciiDigit(static_cast<unsigned char>(text_[end]))) ++end;
    const std::size_t count = end - pos;
    if (count <= kMaxCandidateDigits &&
        Plausible(static_cast<int>(count), text_.data() + pos, /*plus=*/false)) {
      return pos;
    }
    return RunEndsAt(end) ? end : pos;
  }

  // `sep_begin` and `sep_chars` after Run's steps over [from, to), which PlainTextSkip passed
  // over: words and punctuation set `sep_chars` to 0, a one-byte separator counts, and the first
  // separator after a word or punctuation is `sep_begin`. Reads back from `to`, never before
  // `from`, so that the work stays linear in the text.
  void CarrySeparators(std::size_t from, std::size_t to, std::size_t& sep_begin,
                       int& sep_chars) const {
    if (to == from) return;
    const auto separator = [this](std::size_t i) {
      return kByteKind[static_cast<unsigned char>(text_[i])] == ByteKind::kSeparator;
    };
    std::size_t begin = to;  // of the separators that end the stretch
    while (begin > from && separator(begin - 1)) --begin;
    if (begin == from) {  // only separators
      if (sep_chars == 0) sep_begin = from;
      sep_chars += static_cast<int>(to - from);
      return;
    }
    const int carried = sep_chars;
    sep_chars = static_cast<int>(to - begin);
    if (to > begin) {
      sep_begin = begin;
      return;
    }
    // Ends with a word or punctuation: sep_begin is where the last separators before it begin.
    std::size_t end = begin;
    while (end > from && !separator(end - 1)) --end;
    if (end == from) return;  // none in the stretch
    begin = end;
    while (begin > from && separator(begin - 1)) --begin;
    if (begin > from || carried == 0) sep_begin = begin;
  }

  // The end of the word at `pos` when it is made of ASCII letters and two-byte UTF-8 sequences
  // led by 0xC3 (Latin-1 letters) only and ends at an ASCII byte or the end of the text: then it
  // is the word that Run's word branch reads, since none of these bytes starts a digit or a
  // separator. Else `pos`.
  std::size_t PlainWordEnd(std::size_t pos) const {
    const std::size_t size = text_.size();
    std::size_t end = pos;
    while (end < size) {
      const auto e = static_cast<unsigned char>(text_[end]);
      if (IsAsciiLetter(e)) {
        ++end;
      } else if (e == 0xC3 && end + 1 < size &&
                 (static_cast<unsigned char>(text_[end + 1]) & 0xC0) == 0x80) {
        end += 2;
      } else if (e >= 0x80) {
        return pos;
      } else {
        break;
      }
    }
    return end;
  }

  // Whether a digit follows `end` after separators only, or a letter for a digit glued to one
  // ("ol I8"): then a word of such letters stands between digit groups.
  bool DigitAfterSeparators(std::size_t end) const {
    for (int seps = 0; end < text_.size() && seps <= kMaxSeparatorChars; ++seps) {
      const std::string_view rest = text_.substr(end);
      if (ReadDigitUnit(rest).value >= 0) return true;
      const std::size_t n = SeparatorLength(rest);
      if (n == 0) {
        return AllDigitLookalikes(rest.substr(0, 1)) && end + 1 < text_.size() &&
               ReadDigitUnit(text_.substr(end + 1)).value >= 0;
      }
      end += n;
    }
    return false;
  }

  void EndRun() {
    if (groups_.empty()) return;  // nothing to try (and next_ is 0): most words end no run
    Process(/*final=*/true);
    groups_.clear();
    next_ = 0;
  }

  // Tries candidates starting at each group from next_, longest first; a number found skips the
  // groups it used. Unless final, keeps the last groups for candidates that may still grow.
  void Process(bool final) {
    const std::size_t limit =
        final ? groups_.size()
              : (groups_.size() > kMaxCandidateDigits ? groups_.size() - kMaxCandidateDigits : 0);
    while (next_ < limit && checks_left_ > 0) next_ = TryFrom(next_);
    if (!final && next_ > 0) {
      groups_.erase(groups_.begin(), groups_.begin() + static_cast<std::ptrdiff_t>(next_));
      next_ = 0;
    }
  }

  // Returns the index of the next group to start from.
  std::size_t TryFrom(std::size_t i) {
    if (groups_[i].count > kMaxCandidateDigits) return i + 1;
    // The first three digits from group i on: all of a candidate's digits that Plausible reads
    // (it reads only those there, so that digits of groups past a candidate's end do no harm).
    std::array<char, 3> lead{};
    std::size_t leads = 0;
    for (std::size_t k = i; k < groups_.size() && leads < lead.size(); ++k) {
      for (int d = 0; d < groups_[k].count && leads < lead.size(); ++d) {
        lead[leads++] = groups_[k].digits[static_cast<std::size_t>(d)];
      }
    }
    // Plausible holds for no candidate from group i: without "+" a number starts with "0" or
    // "46" and not with "000", with it not with "0". (Most runs are prices and ages: no Check to
    // build; "0 0 0 …" would try 17 candidates at each group.)
    const bool plus = groups_[i].plus;
    if (plus ? lead[0] == '0'
             : (lead[0] != '0' && lead[0] != '4') ||
                   (lead[0] == '0' && lead[1] == '0' && lead[2] == '0')) {
      return i + 1;
    }
    // The furthest group a candidate from i can reach, and the digits up to each group, so that
    // a candidate Plausible rejects costs no copy of its digits.
    std::array<int, kMaxCandidateDigits> digits_to{};  // through group i + k: digits_to[k]
    std::size_t last = i;
    int digits = groups_[i].count;
    digits_to[0] = digits;
    while (last + 1 < groups_.size() && !groups_[last + 1].plus &&
           digits + groups_[last + 1].count <= kMaxCandidateDigits) {
      ++last;
      digits += groups_[last].count;
      digits_to[last - i] = digits;  // each group holds a digit: at most 17 groups
    }
    for (std::size_t j = last + 1; j-- > i;) {
      if (Plausible(digits_to[j - i], lead.data(), plus) && Check(i, j)) return j + 1;
      if (checks_left_ <= 0) break;
    }
    return i + 1;
  }

  // The candidate of groups i to j, which Plausible accepts: a number unless a date.
  bool Check(std::size_t i, std::size_t j) {
    if (LooksLikeDate(i, j)) return false;
    --checks_left_;
    // "+" and the digits: at most 15 digits after "+", kMaxCandidateDigits without (Plausible).
    std::array<char, kMaxCandidateDigits + 1> buffer;
    std::size_t n = 0;
    const bool plus = groups_[i].plus;
    if (plus) buffer[n++] = '+';
    for (std::size_t k = i; k <= j; ++k) {
      const auto count = static_cast<std::size_t>(groups_[k].count);
      std::memcpy(buffer.data() + n, groups_[k].digits.data(), count);
      n += count;
    }
    const std::string_view digits(buffer.data() + (plus ? 1 : 0), n - (plus ? 1 : 0));
    if (const std::optional<bool> mobile = SwedishMobile(digits, plus); mobile.has_value()) {
      if (!*mobile) return false;
      std::string e164 = "+46";
      e164.append(digits.substr(digits.size() - 9));
      Add(std::move(e164), i, j);
      return true;
    }
    // "+46 (0)70…": the Swedish trunk prefix written after the country code.
    std::size_t trunk = 0;  // where in the candidate
    if (plus && digits.size() > 3 && digits.substr(0, 3) == "460") trunk = 3;
    if (!plus && digits.size() > 5 && digits.substr(0, 5) == "00460") trunk = 4;
    if (trunk != 0) {
      std::memmove(buffer.data() + trunk, buffer.data() + trunk + 1, n - trunk - 1);
      --n;
    }
    std::string e164 = ValidE164(std::string_view(buffer.data(), n));
    if (e164.empty()) return false;
    Add(std::move(e164), i, j);
    return true;
  }

  void Add(std::string e164, std::size_t i, std::size_t j) {
    auto at = std::lower_bound(found_.numbers.begin(), found_.numbers.end(), e164);
    if (at == found_.numbers.end() || *at != e164) found_.numbers.insert(at, std::move(e164));
    if (!found_.obfuscated && Unusual(i, j)) found_.obfuscated = true;
  }

  // Cheap shape checks before libphonenumber: most digit runs are not numbers. Of the n digits
  // (after "+" when `plus`), reads only the first three, in `lead`, and those only when there.
  static bool Plausible(int n, const char* lead, bool plus) {
    if (plus) return n >= 8 && n <= 15 && lead[0] != '0';
    if (n >= 2 && lead[0] == '0' && lead[1] == '0') return n >= 10 && n <= 17 && lead[2] != '0';
    if (n >= 2 && lead[0] == '0') return lead[1] == '7' ? n == 10 : (n >= 8 && n <= 10);
    // "46 70 123 45 67": the country code without "+".
    return n == 11 && lead[0] == '4' && lead[1] == '6' && lead[2] == '7';
  }

  std::string_view Separator(std::size_t k) const {
    return text_.substr(groups_[k].sep_begin, groups_[k].sep_end - groups_[k].sep_begin);
  }

  // "05.12.2024", "2024-12-05", "05/12/24": a date, not a number.
  bool LooksLikeDate(std::size_t i, std::size_t j) const {
    if (j - i != 2) return false;
    const int a = groups_[i].count, b = groups_[i + 1].count, c = groups_[j].count;
    if (!((a == 2 && b == 2 && (c == 4 || c == 2)) || (a == 4 && b == 2 && c == 2))) return false;
    for (std::size_t k = i + 1; k <= j; ++k) {
      const std::string_view s = Separator(k);
      if (s.size() != 1 || (s[0] != '.' && s[0] != '/' && s[0] != '-')) return false;
    }
    return true;
  }

  bool Unusual(std::size_t i, std::size_t j) const {
    for (std::size_t k = i; k <= j; ++k) {
      if (groups_[k].unusual) return true;
      if (k == i) continue;
      // The separator without parentheses: at most 3 bytes when ordinary (" - ").
      std::array<char, 3> kept{};
      std::size_t n = 0;
      bool paren = false, longer = false;
      for (const char ch : Separator(k)) {
        if (ch == '(' || ch == ')') {
          paren = true;
        } else if (n < kept.size()) {
          kept[n++] = ch;
        } else {
          longer = true;
        }
      }
      if (groups_[k].count == 1 && !(paren && groups_[k].digits[0] == '0')) return true;
      const std::string_view bare(kept.data(), n);
      const bool ordinary =
          !longer && ((bare.empty() && paren) || bare == " " || bare == "-" || bare == " -" ||
                      bare == "- " || bare == " - " || bare == "\xC2\xA0");
      if (!ordinary) return true;
    }
    return false;
  }

  std::string_view text_;
  FoundPhones& found_;
  std::vector<Group>& groups_;
#if defined(__SSE2__)
  PlainTextSkip skip_{text_};
#endif
  std::size_t next_ = 0;
  int& checks_left_;
};

}  // namespace

void FindPhones(std::string_view text, FoundPhones& found, int& checks_left) {
  // Per thread, like the answers of ValidE164: FindPhones stays thread-safe.
  thread_local std::vector<Group> groups;
  Scanner(text, found, groups, checks_left).Run();
}

void FindPhones(std::string_view text, FoundPhones& found) {
  int checks_left = kMaxPhoneChecks;
  FindPhones(text, found, checks_left);
}

bool MayStandForDigits(std::string_view word) {
  return NumberWordValue(word) >= 0 || AllDigitLookalikes(word);
}

FoundPhones FindPhones(std::string_view text) {
  FoundPhones found;
  FindPhones(text, found);
  return found;
}

}  // namespace sv::ads
