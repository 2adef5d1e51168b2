#include "ads/prices.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>

#include "ads/detail/byte_set_scan.h"
#include "ads/detail/text_scan.h"

namespace sv::ads {

namespace {

using detail::IsDigit;

// What a word means to a price.
enum class WordKind : std::uint8_t {
  kOther,
  kCurrency,  // "kr", "sek", "euro", …
  kUnit,      // after a number: "min" (1), "h" (60), "natt" (720), …
  kDuration,  // alone: "timme" (60), "halvtimme" (30), "natt" (720), …; also a unit
  kPer,       // "per", "i", "a", "an", "/": "1500 kr per timme"
  kHalf,      // "halv", "half": "halv timme", "half an hour"
};

struct WordInfo {
  WordKind kind = WordKind::kOther;
  int minutes = 0;  // kUnit, kDuration
  Currency currency = Currency::kSek;
};

struct Keyword {
  std::string_view word;  // lower case
  WordInfo info;
};

constexpr auto kKeywords = [] {
  using K = WordKind;
  std::array<Keyword, 52> words = {{
      {"kr", {K::kCurrency, 0, Currency::kSek}},
      {"kronor", {K::kCurrency, 0, Currency::kSek}},
      {"sek", {K::kCurrency, 0, Currency::kSek}},
      {"skr", {K::kCurrency, 0, Currency::kSek}},
      {"eur", {K::kCurrency, 0, Currency::kEur}},
      {"euro", {K::kCurrency, 0, Currency::kEur}},
      {"euros", {K::kCurrency, 0, Currency::kEur}},
      {"usd", {K::kCurrency, 0, Currency::kUsd}},
      {"dollar", {K::kCurrency, 0, Currency::kUsd}},
      {"dollars", {K::kCurrency, 0, Currency::kUsd}},
      {"nok", {K::kCurrency, 0, Currency::kNok}},
      {"dkk", {K::kCurrency, 0, Currency::kDkk}},
      {"gbp", {K::kCurrency, 0, Currency::kGbp}},
      {"pund", {K::kCurrency, 0, Currency::kGbp}},
      {"min", {K::kUnit, 1, {}}},
      {"mins", {K::kUnit, 1, {}}},
      {"minut", {K::kUnit, 1, {}}},
      {"minuter", {K::kUnit, 1, {}}},
      {"minute", {K::kUnit, 1, {}}},
      {"minutes", {K::kUnit, 1, {}}},
      {"h", {K::kUnit, 60, {}}},
      {"t", {K::kUnit, 60, {}}},
      {"hr", {K::kUnit, 60, {}}},
      {"hrs", {K::kUnit, 60, {}}},
      {"tim", {K::kUnit, 60, {}}},
      {"timmar", {K::kUnit, 60, {}}},
      {"hours", {K::kUnit, 60, {}}},
      {"nätter", {K::kUnit, kNightMinutes, {}}},
      {"nights", {K::kUnit, kNightMinutes, {}}},
      {"dygn", {K::kDuration, 1440, {}}},
      {"dygnet", {K::kDuration, 1440, {}}},
      {"timme", {K::kDuration, 60, {}}},
      {"timmen", {K::kDuration, 60, {}}},
      {"timma", {K::kDuration, 60, {}}},
      {"hour", {K::kDuration, 60, {}}},
      {"halvtimme", {K::kDuration, 30, {}}},
      {"halvtimmen", {K::kDuration, 30, {}}},
      {"halvtimma", {K::kDuration, 30, {}}},
      {"halftimme", {K::kDuration, 30, {}}},
      {"halfhour", {K::kDuration, 30, {}}},
      {"kvart", {K::kDuration, 15, {}}},
      {"natt", {K::kDuration, kNightMinutes, {}}},
      {"natten", {K::kDuration, kNightMinutes, {}}},
      {"night", {K::kDuration, kNightMinutes, {}}},
      {"overnight", {K::kDuration, kNightMinutes, {}}},
      {"övernattning", {K::kDuration, kNightMinutes, {}}},
      {"per", {K::kPer, 0, {}}},
      {"i", {K::kPer, 0, {}}},
      {"a", {K::kPer, 0, {}}},
      {"an", {K::kPer, 0, {}}},
      {"halv", {K::kHalf, 0, {}}},
      {"half", {K::kHalf, 0, {}}},
  }};
  return words;
}();

// The longest word that can be a keyword, in bytes ("övernattning").
constexpr std::size_t kMaxKeywordBytes = 13;

// A lower-cased word of at most 16 bytes packed into two numbers (its byte k in bits 8 * (k % 8)
// of `low` for k < 8, of `high` after), with its length: a word is compared with a keyword in
// three comparisons, without a copy or a call to memcmp.
struct PackedWord {
  std::uint64_t low = 0, high = 0;
  std::size_t size = 0;
  constexpr bool operator==(const PackedWord&) const = default;

  // Appends one byte; bytes past the 16th are counted but not kept.
  constexpr void Append(unsigned char c) {
    if (size < 8) {
      low |= std::uint64_t{c} << (8 * size);
    } else if (size < 16) {
      high |= std::uint64_t{c} << (8 * (size - 8));
    }
    ++size;
  }
};
static_assert(kMaxKeywordBytes <= 16);

// The keywords in an open-addressing table of kKeywordSlots slots (linear probing), filled to a
// fifth so that most words that are no keyword end at an empty slot at once.
constexpr std::size_t kKeywordSlots = 256;
static_assert(kKeywords.size() < kKeywordSlots / 4);

constexpr std::size_t KeywordSlot(const PackedWord& w) {
  const std::uint64_t h =
      (w.low ^ (w.high + w.size) * 0xC2B2AE3D27D4EB4Full) * 0x9E3779B97F4A7C15ull;
  return static_cast<std::size_t>(h >> 56);  // 256 slots
}

struct KeywordTable {
  std::array<PackedWord, kKeywords.size()> packed{};
  std::array<std::uint8_t, kKeywordSlots> slot{};  // index in kKeywords + 1; 0 when empty
  constexpr KeywordTable() {
    for (std::size_t k = 0; k < kKeywords.size(); ++k) {
      for (char c : kKeywords[k].word) packed[k].Append(static_cast<unsigned char>(c));
      std::size_t h = KeywordSlot(packed[k]);
      while (slot[h] != 0) h = (h + 1) % kKeywordSlots;
      slot[h] = static_cast<std::uint8_t>(k + 1);
    }
  }

  // What a lower-cased word means to a price, or null.
  const WordInfo* Find(const PackedWord& w) const {
    for (std::size_t h = KeywordSlot(w);; h = (h + 1) % kKeywordSlots) {
      const std::size_t k = slot[h];
      if (k == 0) return nullptr;
      if (packed[k - 1] == w) return &kKeywords[k - 1].info;
    }
  }
};
constexpr KeywordTable kKeywordTable;

enum class TokenType : std::uint8_t { kNumber, kWord, kCurrency, kSlash };

struct Token {
  TokenType type = TokenType::kWord;
  WordInfo info;              // kWord; kCurrency (symbols)
  std::int64_t value = -1;    // kNumber; -1 when too long to be an amount
  int tenths = 0;             // kNumber: "1,5" is value 1, tenths 5
  bool joined = false;        // kNumber: part of a phone number, date, time, "24/7"
  bool leading_zero = false;  // kNumber
};

// A number as ReadNumber reads it, before it is made a token: "1 500", "1,5".
struct NumberToken {
  std::size_t end = 0;  // one past its last byte
  std::int64_t value = -1;
  int tenths = 0;
  bool joined = false;
  bool leading_zero = false;
};

// One clause's tokens; a longer clause is cut into pieces of this many tokens.
constexpr std::size_t kMaxTokens = 64;  // at most 64: ClauseReader::item_starts_
constexpr std::int64_t kMaxAmount = 1000000;

// What a byte is to the tokenizer (ClauseReader::Step).
enum class ByteClass : std::uint8_t {
  kOther,      // skipped
  kDigit,      // starts a number
  kLetter,     // an ASCII letter: starts a word
  kLatin1,     // 0xC3: starts a word when a Latin-1 letter (LetterLength)
  kColon,      // "2000:-"
  kComma,      // "2000,-"; else ends a clause
  kClauseEnd,  // '\n', '\r', ';', '|', '!', '?', '.', '(', ')'
  kDollar,     // '$'
  kEuroLead,   // 0xE2, the first byte of "€"
  kPoundLead,  // 0xC2, the first byte of "£"
  kSlash,      // '/'
};

// A table rather than a chain of comparisons: most bytes of a clause are letters and spaces.
constexpr auto kByteClasses = [] {
  std::array<ByteClass, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = ByteClass::kDigit;
  for (int c = 'a'; c <= 'z'; ++c) {
    t[static_cast<std::size_t>(c)] = ByteClass::kLetter;
    t[static_cast<std::size_t>(c - 32)] = ByteClass::kLetter;
  }
  for (char c : std::string_view("\n\r;|!?.()")) {
    t[static_cast<unsigned char>(c)] = ByteClass::kClauseEnd;
  }
  t[':'] = ByteClass::kColon;
  t[','] = ByteClass::kComma;
  t['$'] = ByteClass::kDollar;
  t['/'] = ByteClass::kSlash;
  t[0xC3] = ByteClass::kLatin1;
  t[0xE2] = ByteClass::kEuroLead;
  t[0xC2] = ByteClass::kPoundLead;
  return t;
}();

ByteClass ClassOf(char c) { return kByteClasses[static_cast<unsigned char>(c)]; }

bool IsClauseEnd(char c) {
  const ByteClass k = ClassOf(c);
  return k == ByteClass::kClauseEnd || k == ByteClass::kComma;
}

constexpr detail::ByteSet kDigits{.ranges = {{{'0', '9'}}}};

// The bytes that may end a clause, and a few more ('\v', '\f', '"', '#', '$', '%', '&', '\'',
// '*', '+', '-', '<', '=', '>'): four ranges are cheaper to test 16 bytes at a time than ten
// single bytes, and every byte found is checked with IsClauseEnd anyway.
constexpr detail::ByteSet kMaybeClauseEnds{
    .ranges = {{{'\n', '\r'}, {'!', '.'}, {';', '?'}, {'|', '|'}}}};

struct Item {
  bool duration = false;      // else an amount
  std::size_t token = 0;      // where it starts
  std::size_t token_end = 0;  // one past where it ends
  int minutes = 0;            // duration
  std::int64_t amount = 0;    // amount
  Currency currency = Currency::kSek;
  bool bare = false;       // an amount without a currency
  int bound_minutes = -1;  // an amount with its own duration ("1500kr/h")
  bool used = false;       // a duration taken by an amount
};

// kMaxTokens values of T, not initialized when made: each slot is written before it is read, and
// initializing 64 tokens and 64 items (7 kB) on every call cost more than reading most texts.
template <typename T>
class Slots {
 public:
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
  T& operator[](std::size_t i) { return slots_[i].value; }
  const T& operator[](std::size_t i) const { return slots_[i].value; }

 private:
  union Slot {
    Slot() {}  // leaves `value` uninitialized
    T value;
  };
  std::array<Slot, kMaxTokens> slots_;
};

class ClauseReader {
 public:
  ClauseReader(std::string_view text, bool price_field, std::vector<Price>& out)
      : s_(text), price_field_(price_field), out_(out) {}

  // Clause by clause; a clause without a digit holds no amount and is skipped unread. Rather
  // than reading every clause to see whether it holds a digit, the scan goes to the next digit
  // (16 bytes at a time) and reads the clause around it: it starts after the last clause end
  // before the digit (whether a byte ends a clause depends only on its neighbours). No token
  // reaches past a clause end, so the next clause starts after this one's end.
  void Run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      const std::size_t digit = detail::FindByteIn<kDigits>(s_, i);
      if (digit == s_.size()) break;
      const std::size_t end = ClauseEndFrom(digit + 1);
      const std::size_t begin = ClauseBeginBefore(digit, i);
      // Else phone numbers, e-mail addresses, times, dates, ages, sizes: not read.
      if (MayHoldPrice(begin, digit, end)) {
        for (std::size_t k = begin; k < end;) k = Step(k);
        Flush();
      }
      i = end + 1;
    }
  }

  // Whether the clause s_[begin, end), whose first digit is at `from`, may give a price: false
  // only when it gives none. Reading a clause costs far more than this test, and most clauses
  // with digits give no price: they hold phone numbers, times, dates, ages ("28 år"), sizes.
  //
  // A number token starting in the clause (at a digit that follows no digit) is an amount only
  // without a leading zero, with at most 7 digits and not joined to digits before it, whatever
  // follows it (a lone "0" may be: "0 100" reads as 100); then the token is read as ReadNumber
  // reads it (ScanNumber) and IsAmount decides. In the price field an amount alone is a price.
  // In a text, an amount gives a price only beside a token that makes it one (PriceTokenBefore,
  // PriceTokenAfter): Flush takes an amount with the currency right before or after it, or a
  // bare amount with a duration that ends right before it or starts right after it.
  bool MayHoldPrice(std::size_t begin, std::size_t from, std::size_t end) const {
    for (std::size_t b = from; b < end; b = detail::FindByteBefore<kDigits>(s_, b, end)) {
      const std::size_t digits_end = detail::SpanEnd<kDigits>(s_, b);
      const bool leading_zero = s_[b] == '0' && digits_end - b > 1;
      if (!leading_zero && digits_end - b <= 7 && !JoinedBefore(b)) {
        if (price_field_) return true;
        const NumberToken number = ScanNumber(b, digits_end);
        if (IsAmount(number) && (PriceTokenAfter(number.end, end) || PriceTokenBefore(b, begin))) {
          return true;
        }
      }
      b = digits_end;
    }
    return false;
  }

  // Whether the token that Step reads first at or after `at` (the end of an amount), before the
  // clause end `end`, may make the amount a price: a currency ("1500 kr", "2000:-", "150 €"), a
  // duration word or "halv" ("800 halvtimme", "800 halv timme"), or a number ("1500 1h"). The
  // bytes Step passes over (kOther) are passed over here too; any other byte that starts no word
  // counts as such a token (a symbol, a lone 0xC3): at worst a clause is read in vain.
  bool PriceTokenAfter(std::size_t at, std::size_t end) const {
    std::size_t j = at;
    while (j < end && ClassOf(s_[j]) == ByteClass::kOther) ++j;
    if (j == end) return false;
    const ByteClass c = ClassOf(s_[j]);
    if (c != ByteClass::kLetter && (c != ByteClass::kLatin1 || detail::LetterLength(s_, j) == 0)) {
      return true;  // kDigit, or a byte Step reads as a currency, a slash, an end, or skips
    }
    std::size_t word_end = 0;
    const WordInfo* info = WordAt(j, word_end);
    return info != nullptr && (info->kind == WordKind::kCurrency ||
                               info->kind == WordKind::kDuration || info->kind == WordKind::kHalf);
  }

  // Whether the token that Step reads last before `at` (the start of an amount), after the
  // clause start `begin`, may make the amount a price: a currency ("kr 1500") or the last word
  // of a duration ("1h 1500", "natt 8000"); a number never is. Any other byte that ends no word
  // counts, as in PriceTokenAfter.
  bool PriceTokenBefore(std::size_t at, std::size_t begin) const {
    std::size_t j = at;  // one past the byte looked at
    while (j > begin && ClassOf(s_[j - 1]) == ByteClass::kOther) --j;
    if (j == begin) return false;
    const ByteClass c = ClassOf(s_[j - 1]);
    if (c == ByteClass::kDigit) return false;  // every digit is in a number token
    std::size_t word_end = j;
    if (c != ByteClass::kLetter) {
      // The second byte of "å" (0x80–0xBF) is kOther and was passed over: the word ends after it.
      if (c != ByteClass::kLatin1 || detail::LetterLength(s_, j - 1) == 0) return true;
      word_end = j + 1;
    }
    // No token but a word holds a letter, so the word is all the letters before word_end.
    std::size_t w = word_end;
    while (w > begin) {
      if (ClassOf(s_[w - 1]) == ByteClass::kLetter) {
        --w;
      } else if (w - begin >= 2 && detail::LetterLength(s_, w - 2) == 2) {
        w -= 2;
      } else {
        break;
      }
    }
    std::size_t end = 0;
    const WordInfo* info = WordAt(w, end);
    return info != nullptr && (info->kind == WordKind::kCurrency || info->kind == WordKind::kUnit ||
                               info->kind == WordKind::kDuration);
  }

  // The first clause end at or after `from`, or the end of the text; 16 bytes at a time, since
  // clauses are tens of bytes long.
  std::size_t ClauseEndFrom(std::size_t from) const {
    for (std::size_t e = from;; ++e) {
      e = detail::FindByteIn<kMaybeClauseEnds>(s_, e);
      if (e == s_.size() || IsClauseEndAt(e)) return e;
    }
  }

  // Where the clause holding s_[at] starts: after the last clause end in [from, at), else at
  // `from`. Reads back 16 bytes at a time, the highest byte of a block first.
  std::size_t ClauseBeginBefore(std::size_t at, std::size_t from) const {
    std::size_t b = at;
    for (; b - from >= 16; b -= 16) {
      for (std::uint32_t m = detail::Mask16<kMaybeClauseEnds>(s_.data() + b - 16); m != 0;) {
        const int high = 31 - __builtin_clz(m);
        if (IsClauseEndAt(b - 16 + static_cast<std::size_t>(high))) {
          return b - 15 + static_cast<std::size_t>(high);
        }
        m &= ~(std::uint32_t{1} << high);
      }
    }
    while (b > from && !IsClauseEndAt(b - 1)) --b;
    return b;
  }

  // Whether s_[i] ends a clause: as IsClauseEnd, except in "1,5", "1.500" and "2000,-".
  bool IsClauseEndAt(std::size_t i) const {
    const char c = s_[i];
    if (!IsClauseEnd(c)) return false;
    if (c != ',' && c != '.') return true;
    const bool digit_before = i > 0 && IsDigit(s_[i - 1]);
    const bool digit_after = i + 1 < s_.size() && IsDigit(s_[i + 1]);
    if (digit_before && digit_after) return false;
    return !(c == ',' && i + 1 < s_.size() && s_[i + 1] == '-');
  }

 private:
  // Reads one token (or skips a byte) at `i`; returns where to go on.
  std::size_t Step(std::size_t i) {
    // The common classes first, by tests rather than the jump of the switch: its target is
    // mispredicted far more often.
    const ByteClass c = ClassOf(s_[i]);
    if (c == ByteClass::kLetter) return ReadWord(i);
    if (c == ByteClass::kOther) return i + 1;
    if (c == ByteClass::kDigit) return ReadNumber(i);
    switch (c) {
      case ByteClass::kLatin1:
        return detail::LetterLength(s_, i) != 0 ? ReadWord(i) : i + 1;
      case ByteClass::kColon:
      case ByteClass::kComma:
        if (i + 1 < s_.size() && s_[i + 1] == '-') {
          PushCurrency(Currency::kSek);  // "2000:-", "2000,-"
          return i + 2;
        }
        if (i + 3 < s_.size() && s_.substr(i + 1, 3) == "\xE2\x80\x93") {  // "2000:–"
          PushCurrency(Currency::kSek);
          return i + 4;
        }
        if (s_[i] == ',') Flush();
        return i + 1;
      case ByteClass::kClauseEnd:
        Flush();
        return i + 1;
      case ByteClass::kDollar:
        PushCurrency(Currency::kUsd);
        return i + 1;
      case ByteClass::kEuroLead:
        if (s_.substr(i, 3) == "\xE2\x82\xAC") {  // €
          PushCurrency(Currency::kEur);
          return i + 3;
        }
        return i + 1;
      case ByteClass::kPoundLead:
        if (s_.substr(i, 2) == "\xC2\xA3") {  // £
          PushCurrency(Currency::kGbp);
          return i + 2;
        }
        return i + 1;
      case ByteClass::kSlash:
        Push(TokenType::kSlash, {.kind = WordKind::kPer});
        return i + 1;
      default:  // kLetter, kOther, kDigit: above
        return i + 1;
    }
  }

  // Reads the word of letters at `i` (detail::WordEnd) and what it means.
  std::size_t ReadWord(std::size_t i) {
    std::size_t end = 0;
    const WordInfo* info = WordAt(i, end);
    Push(TokenType::kWord, info != nullptr ? *info : WordInfo());
    return end;
  }

  // What the word of letters at `i` means to a price, or null; sets `end` to where it ends.
  const WordInfo* WordAt(std::size_t i, std::size_t& end) const {
    PackedWord lower;
    end = PackAsciiWord(i, lower) ? i + lower.size : PackWord(i, lower);
    return lower.size <= kMaxKeywordBytes ? kKeywordTable.Find(lower) : nullptr;
  }

  // Packs the word at `i`, lower-cased, when it is all ASCII letters and shorter than 16 bytes,
  // found 16 bytes at a time; false when it may be longer or hold a Latin-1 letter, or fewer than
  // 16 bytes are left (or the memory order is not little-endian, that of PackedWord's numbers).
  // Most words are: their letters are then neither tested nor packed one at a time, and the loop
  // that did so ended in a mispredicted branch on every word.
  bool PackAsciiWord(std::size_t i, PackedWord& lower) const {
    static constexpr detail::ByteSet kAsciiLetters{.either_case = {{{'a', 'z'}}}};
    if (std::endian::native != std::endian::little || s_.size() - i < 16) return false;
    const std::uint32_t letters = detail::Mask16<kAsciiLetters>(s_.data() + i);
    const auto n = static_cast<std::size_t>(__builtin_ctz(~letters));  // at most 16
    if (n == 0 || n == 16 || static_cast<unsigned char>(s_[i + n]) == 0xC3) return false;
    // Lower case is | 0x20 on ASCII letters; the bytes after the word are cleared.
    constexpr std::uint64_t kLower = 0x2020202020202020ull;
    std::memcpy(&lower.low, s_.data() + i, 8);
    std::memcpy(&lower.high, s_.data() + i + 8, 8);
    lower.low = (lower.low | kLower) & BytesMask(std::min<std::size_t>(n, 8));
    lower.high = n > 8 ? (lower.high | kLower) & BytesMask(n - 8) : 0;
    lower.size = n;
    return true;
  }

  // Packs any word at `i` one letter at a time, lower-cased as detail::LowerInto does; returns
  // where it ends.
  std::size_t PackWord(std::size_t i, PackedWord& lower) const {
    while (i < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[i]);
      if (ClassOf(s_[i]) == ByteClass::kLetter) {
        lower.Append(c | 0x20);
        ++i;
        continue;
      }
      if (c != 0xC3 || detail::LetterLength(s_, i) == 0) break;
      const auto d = static_cast<unsigned char>(s_[i + 1]);
      lower.Append(c);
      lower.Append(d <= 0x9E ? static_cast<unsigned char>(d + 0x20) : d);  // never 0x97 here
      i += 2;
    }
    return i;
  }

  // The low `bytes` bytes of a number set, for bytes in [1, 8].
  static std::uint64_t BytesMask(std::size_t bytes) {
    return ~std::uint64_t{0} >> (64 - 8 * bytes);
  }

  std::size_t ReadNumber(std::size_t i) {
    const NumberToken number = ScanNumber(i, detail::SpanEnd<kDigits>(s_, i));
    Token& t = Push(TokenType::kNumber, WordInfo());
    t.value = number.value;
    t.tenths = number.tenths;
    t.joined = number.joined;
    t.leading_zero = number.leading_zero;
    has_amount_ = has_amount_ || IsAmount(number);  // only a number can be one
    return number.end;
  }

  // The number token at the digit s_[begin], whose run of digits ends at `digits_end`, as
  // ReadNumber reads it.
  NumberToken ScanNumber(std::size_t begin, std::size_t digits_end) const {
    std::size_t end = digits_end;
    const bool leading_zero = s_[begin] == '0' && end - begin > 1;
    std::int64_t value = end - begin <= 7 ? Parse(begin, end) : -1;
    int tenths = 0;
    // Thousands: "1 500", "1.500", "12 000" (groups of exactly three digits).
    if (value >= 0 && end - begin <= 3 && !leading_zero) {
      while (end + 4 <= s_.size() && (s_[end] == ' ' || s_[end] == '.') && IsDigit(s_[end + 1]) &&
             IsDigit(s_[end + 2]) && IsDigit(s_[end + 3]) &&
             (end + 4 == s_.size() || !IsDigit(s_[end + 4])) && value < kMaxAmount) {
        // Only when the group is not followed by another digit group (a phone number).
        if (end + 5 < s_.size() && (s_[end + 4] == ' ' || s_[end + 4] == '-') &&
            IsDigit(s_[end + 5])) {
          break;
        }
        value = value * 1000 + Parse(end + 1, end + 4);
        end += 4;
      }
    }
    // Decimals of durations: "1,5h", "1.5 h".
    if (end + 2 <= s_.size() && (s_[end] == ',' || s_[end] == '.') && end + 1 < s_.size() &&
        IsDigit(s_[end + 1]) && (end + 2 == s_.size() || !IsDigit(s_[end + 2])) &&
        end - begin <= 2) {
      tenths = s_[end + 1] - '0';
      end += 2;
    }
    return {.end = end,
            .value = value,
            .tenths = tenths,
            .joined = JoinedBefore(begin) || JoinedAfter(end),
            .leading_zero = leading_zero};
  }

  std::int64_t Parse(std::size_t b, std::size_t e) const {
    std::int64_t v = 0;
    for (std::size_t k = b; k < e; ++k) v = v * 10 + (s_[k] - '0');
    return v;
  }

  bool JoinedBefore(std::size_t begin) const {
    if (begin == 0) return false;
    const char p = s_[begin - 1];
    if (IsDigit(p) || p == '+') return true;
    return (p == ' ' || p == '-' || p == '.' || p == '/' || p == ':' || p == ',') && begin >= 2 &&
           IsDigit(s_[begin - 2]);
  }
  bool JoinedAfter(std::size_t end) const {
    if (end >= s_.size()) return false;
    const char n = s_[end];
    if (IsDigit(n) || n == '%') return true;
    return (n == ' ' || n == '-' || n == '.' || n == '/' || n == ':' || n == ',') &&
           end + 1 < s_.size() && IsDigit(s_[end + 1]);
  }

  void PushCurrency(Currency c) {
    Push(TokenType::kCurrency, {.kind = WordKind::kCurrency, .currency = c});
  }

  // Appends a token of `type` and `info`, its other fields as a new Token has them, for the
  // caller to fill in. Made in its slot, field by field: a token or WordInfo made on the stack
  // and then copied in was read back before its narrow stores had landed, a stall on every token.
  Token& Push(TokenType type, WordInfo info) {
    if (count_ == kMaxTokens) Flush();
    const bool starts_item = type == TokenType::kNumber || info.kind == WordKind::kCurrency ||
                             info.kind == WordKind::kDuration || info.kind == WordKind::kHalf;
    item_starts_ |= std::uint64_t{starts_item} << count_;
    Token& t = *std::construct_at(&tokens_[count_++]);
    t.type = type;
    t.info.kind = info.kind;
    t.info.minutes = info.minutes;
    t.info.currency = info.currency;
    return t;
  }

  bool IsCurrency(std::size_t k) const {
    return k < count_ && tokens_[k].info.kind == WordKind::kCurrency &&
           tokens_[k].type != TokenType::kNumber;
  }
  static bool IsAmount(const NumberToken& n) {
    return n.value > 0 && n.value <= kMaxAmount && n.tenths == 0 && !n.joined && !n.leading_zero;
  }
  static bool IsAmount(const Token& t) {
    return t.type == TokenType::kNumber && IsAmount(NumberToken{.value = t.value,
                                                                .tenths = t.tenths,
                                                                .joined = t.joined,
                                                                .leading_zero = t.leading_zero});
  }
  bool IsAmountNumber(std::size_t k) const { return k < count_ && IsAmount(tokens_[k]); }
  bool IsWordOf(std::size_t k, WordKind kind) const {
    return k < count_ && tokens_[k].type != TokenType::kNumber && tokens_[k].info.kind == kind;
  }

  // A duration starting at token k: sets its minutes and end. "30 min", "1,5 h", "timme",
  // "halv timme", "half an hour".
  bool ReadDuration(std::size_t k, int& minutes, std::size_t& end) const {
    if (k >= count_) return false;
    const Token& t = tokens_[k];
    if (t.type == TokenType::kNumber) {
      if (t.joined || t.value <= 0 || t.value > 999 || k + 1 >= count_) return false;
      const Token& u = tokens_[k + 1];
      if (u.type != TokenType::kWord ||
          (u.info.kind != WordKind::kUnit && u.info.kind != WordKind::kDuration)) {
        return false;
      }
      const std::int64_t m = (t.value * 10 + t.tenths) * u.info.minutes / 10;
      if (m <= 0 || m > 7 * 1440) return false;
      minutes = static_cast<int>(m);
      end = k + 2;
      return true;
    }
    if (IsWordOf(k, WordKind::kDuration)) {
      minutes = t.info.minutes;
      end = k + 1;
      return true;
    }
    if (IsWordOf(k, WordKind::kHalf)) {
      std::size_t n = k + 1;
      if (n < count_ && tokens_[n].type == TokenType::kWord &&
          tokens_[n].info.kind == WordKind::kPer)
        ++n;
      if (IsWordOf(n, WordKind::kDuration) && tokens_[n].info.minutes == 60) {
        minutes = 30;
        end = n + 1;
        return true;
      }
    }
    return false;
  }

  // Turns the clause's tokens into amounts and durations, pairs them, and appends the prices.
  void Flush() {
    // Without a number that can be an amount (most clauses with digits hold only phone numbers,
    // times, dates or ages) there is no price to read.
    if (!has_amount_) {
      count_ = 0;
      item_starts_ = 0;
      return;
    }
    has_amount_ = false;
    Slots<Item>& items = items_;
    std::size_t n_items = 0;
    for (std::size_t k = 0;;) {
      // Most tokens are words that start no item: the tests below are made only at the tokens
      // that may (item_starts_), found by their bits rather than by a mispredicted branch on
      // each token.
      const std::uint64_t rest = k < kMaxTokens ? item_starts_ & (~std::uint64_t{0} << k) : 0;
      if (rest == 0) break;
      k = static_cast<std::size_t>(__builtin_ctzll(rest));
      // Made in its slot, as tokens are (Push), and kept by counting it.
      Item& item = *std::construct_at(&items[n_items]);
      item.token = k;
      int minutes = 0;
      std::size_t end = 0;
      if (IsCurrency(k) && IsAmountNumber(k + 1) && !ReadDuration(k + 1, minutes, end)) {
        item.amount = tokens_[k + 1].value;  // "€150", "SEK 1500"
        item.currency = tokens_[k].info.currency;
        k += 2;
      } else if (IsAmountNumber(k) && IsCurrency(k + 1)) {
        item.amount = tokens_[k].value;  // "1500 kr", "2000:-", "150 euro"
        item.currency = tokens_[k + 1].info.currency;
        k += 2;
      } else if (ReadDuration(k, minutes, end)) {
        item.duration = true;
        item.minutes = minutes;
        k = end;
      } else if (IsAmountNumber(k) && (price_field_ || tokens_[k].value >= 100)) {
        item.amount = tokens_[k].value;
        item.bare = true;
        k += 1;
      } else {
        ++k;
        continue;
      }
      if (!item.duration && !item.bare) {
        // Its own duration: "1500kr/h", "1500 kr per timme", "1000 kr/30 min".
        if (IsWordOf(k, WordKind::kPer)) {
          if (IsWordOf(k + 1, WordKind::kUnit)) {  // "/h", "/tim"
            item.bound_minutes = tokens_[k + 1].info.minutes;
            k += 2;
          } else if (ReadDuration(k + 1, minutes, end)) {
            item.bound_minutes = minutes;
            k = end;
          }
        }
      }
      item.token_end = k;
      ++n_items;
    }
    count_ = 0;
    item_starts_ = 0;
    Pair(n_items);
  }

  void Pair(std::size_t n) {
    Slots<Item>& items = items_;
    // A bare number is an amount only right beside a duration ("1h 1500", "natt 8000"), and not
    // when it looks like a year; in the price field it stands alone.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n; ++i) {
      Item& it = items[i];
      if (it.bare && !price_field_) {
        const bool year = it.amount >= 1900 && it.amount <= 2099;
        const bool after = i > 0 && items[i - 1].duration && items[i - 1].token_end == it.token;
        const bool before =
            i + 1 < n && items[i + 1].duration && items[i + 1].token == it.token_end;
        if (year || it.amount > 100000 || (!after && !before)) continue;
      }
      items[kept++] = it;
    }
    n = kept;
    std::size_t first = 0;
    while (first < n && !items[first].duration && items[first].bound_minutes >= 0) ++first;
    const bool duration_first = first < n && items[first].duration;
    for (std::size_t i = 0; i < n; ++i) {
      Item& a = items[i];
      if (a.duration) continue;
      Price p;
      p.amount = a.amount;
      p.currency = a.currency;
      if (a.bound_minutes >= 0) {
        p.minutes = a.bound_minutes;
      } else if (duration_first) {
        if (i > 0 && items[i - 1].duration && !items[i - 1].used) {
          items[i - 1].used = true;
          p.minutes = items[i - 1].minutes;
        }
      } else if (i + 1 < n && items[i + 1].duration && !items[i + 1].used) {
        items[i + 1].used = true;
        p.minutes = items[i + 1].minutes;
      }
      if (out_.size() < kMaxPrices && std::find(out_.begin(), out_.end(), p) == out_.end()) {
        out_.push_back(p);
      }
    }
  }

  std::string_view s_;
  bool price_field_;
  std::vector<Price>& out_;
  Slots<Token> tokens_;
  Slots<Item> items_;
  std::size_t count_ = 0;
  bool has_amount_ = false;  // IsAmount of a token of the clause
  // Bit k set when token k is a number, a currency, a duration word or "halv": the tokens an
  // item can start at (Flush).
  std::uint64_t item_starts_ = 0;
};

}  // namespace

std::string_view CurrencyCode(Currency c) {
  switch (c) {
    case Currency::kSek:
      return "SEK";
    case Currency::kEur:
      return "EUR";
    case Currency::kUsd:
      return "USD";
    case Currency::kNok:
      return "NOK";
    case Currency::kDkk:
      return "DKK";
    case Currency::kGbp:
      return "GBP";
  }
  return "SEK";
}

void FindPrices(std::string_view text, std::vector<Price>& out) {
  ClauseReader(text, /*price_field=*/false, out).Run();
}

void AddPriceField(std::string_view field, std::vector<Price>& out) {
  ClauseReader(field, /*price_field=*/true, out).Run();
}

}  // namespace sv::ads
