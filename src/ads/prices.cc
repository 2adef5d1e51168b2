#include "ads/prices.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <type_traits>

#include "ads/detail/byte_set_scan.h"

#include "ads/detail/text_scan.h"

namespace sv::ads {

namespace {

using detail::IsDigit;
using detail::LowerWord;

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
  // Sorted, so that the keywords of one first byte are together (KeywordIndex).
  std::sort(words.begin(), words.end(),
            [](const Keyword& a, const Keyword& b) { return a.word < b.word; });
  return words;
}();

// For each first byte, the range of kKeywords that start with it.
struct KeywordIndex {
  std::array<std::uint8_t, 256> begin{}, end{};
  constexpr KeywordIndex() {
    for (std::size_t k = kKeywords.size(); k-- > 0;) {
      const auto c = static_cast<unsigned char>(kKeywords[k].word[0]);
      if (end[c] == 0) end[c] = static_cast<std::uint8_t>(k + 1);
      begin[c] = static_cast<std::uint8_t>(k);
    }
  }
};
constexpr KeywordIndex kKeywordIndex;
static_assert(kKeywords.size() < 256);

// What a lower-cased word means to a price, or null. A few comparisons among the keywords of
// its first byte, rather than hashing every word of a clause with numbers.
const WordInfo* Classify(std::string_view lower) {
  const auto c = static_cast<unsigned char>(lower[0]);
  for (std::size_t k = kKeywordIndex.begin[c]; k < kKeywordIndex.end[c]; ++k) {
    if (kKeywords[k].word == lower) return &kKeywords[k].info;
  }
  return nullptr;
}

enum class TokenType : std::uint8_t { kNumber, kWord, kCurrency, kSlash };

struct Token {
  TokenType type = TokenType::kWord;
  WordInfo info;                   // kWord; kCurrency (symbols)
  std::int64_t value = -1;         // kNumber; -1 when too long to be an amount
  int tenths = 0;                  // kNumber: "1,5" is value 1, tenths 5
  bool joined = false;             // kNumber: part of a phone number, date, time, "24/7"
  bool leading_zero = false;       // kNumber
  std::size_t begin = 0, end = 0;  // kWord
};

// The longest word Classify knows, in bytes ("övernattning").
constexpr std::size_t kMaxKeywordBytes = 13;

// One clause's tokens; a longer clause is cut into pieces of this many tokens.
constexpr std::size_t kMaxTokens = 64;
constexpr std::int64_t kMaxAmount = 1000000;
// No ad has more prices; the bound keeps the duplicate check linear on hostile text.
constexpr std::size_t kMaxPrices = 64;

bool IsClauseEnd(char c) {
  return c == '\n' || c == '\r' || c == ';' || c == '|' || c == '!' || c == '?' || c == '.' ||
         c == ',' || c == '(' || c == ')';
}

// Byte kinds for the clause scan.
constexpr std::uint8_t kClauseEndByte = 2;
struct ByteKinds {
  std::array<std::uint8_t, 256> kind{};
  constexpr ByteKinds() {
    for (char c : std::string_view("\n\r;|!?.,()")) {
      kind[static_cast<unsigned char>(c)] = kClauseEndByte;
    }
  }
};
constexpr ByteKinds kByteKinds;

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
  // before the digit (whether a byte ends a clause depends only on its neighbours).
  void Run() {
    static constexpr detail::ByteSet kDigits{.ranges = {{{'0', '9'}}}};
    std::size_t i = 0;
    while (i < s_.size()) {
      const std::size_t digit = detail::FindByteIn<kDigits>(s_, i);
      if (digit == s_.size()) break;
      std::size_t begin = digit;
      while (begin > i && !IsClauseEndAt(begin - 1)) --begin;
      std::size_t end = digit + 1;
      while (end < s_.size() && !IsClauseEndAt(end)) ++end;
      if (!MayHoldAmount(digit, end)) {  // phone numbers, e-mail addresses, times, dates
        i = end + 1;  // where reading it would end too: no token reaches past a clause end
        continue;
      }
      std::size_t k = begin;
      while (k < end) k = Step(k);
      Flush();
      i = std::max(end, k) + 1;
    }
  }

  // Whether a number token starting in s_[from, end) (at a digit that follows no digit) could be
  // an amount (IsAmount): one with a leading zero or more than 7 digits, or joined to digits
  // before it, never is, whatever follows it (a lone "0" may: "0 100" reads as 100). Most
  // clauses with digits hold none.
  bool MayHoldAmount(std::size_t from, std::size_t end) const {
    static constexpr detail::ByteSet kDigits{.ranges = {{{'0', '9'}}}};
    for (std::size_t b = from; b < end; b = detail::FindByteIn<kDigits>(s_.substr(0, end), b)) {
      const std::size_t digits_end = detail::DigitsEnd(s_, b);
      const bool leading_zero = s_[b] == '0' && digits_end - b > 1;
      if (!leading_zero && digits_end - b <= 7 && !JoinedBefore(b)) return true;
      b = digits_end;
    }
    return false;
  }

  bool IsClauseEndAt(std::size_t i) const {
    return (kByteKinds.kind[static_cast<unsigned char>(s_[i])] & kClauseEndByte) != 0 &&
           IsBoundary(i);
  }

  // Whether s_[i] ends a clause: as IsClauseEnd, except in "1,5", "1.500" and "2000,-".
  bool IsBoundary(std::size_t i) const {
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
    const char c = s_[i];
    if (IsDigit(c)) return ReadNumber(i);
    const std::size_t letter = detail::LetterLength(s_, i);
    if (letter != 0) {
      const std::size_t end = detail::WordEnd(s_, i);
      Token t;
      t.type = TokenType::kWord;
      t.begin = i;  // classified in Flush, only in clauses with numbers
      t.end = end;
      Push(t);
      return end;
    }
    const auto u = static_cast<unsigned char>(c);
    if ((c == ':' || c == ',') && i + 1 < s_.size() && s_[i + 1] == '-') {
      PushCurrency(Currency::kSek);  // "2000:-", "2000,-"
      return i + 2;
    }
    if ((c == ':' || c == ',') && i + 3 < s_.size() &&
        s_.substr(i + 1, 3) == "\xE2\x80\x93") {  // "2000:–"
      PushCurrency(Currency::kSek);
      return i + 4;
    }
    if (c == '$') {
      PushCurrency(Currency::kUsd);
      return i + 1;
    }
    if (u == 0xE2 && s_.substr(i, 3) == "\xE2\x82\xAC") {  // €
      PushCurrency(Currency::kEur);
      return i + 3;
    }
    if (u == 0xC2 && s_.substr(i, 2) == "\xC2\xA3") {  // £
      PushCurrency(Currency::kGbp);
      return i + 2;
    }
    if (c == '/') {
      Token t;
      t.type = TokenType::kSlash;
      t.info.kind = WordKind::kPer;
      Push(t);
      return i + 1;
    }
    if (IsClauseEnd(c)) Flush();
    return i + 1;
  }

  std::size_t ReadNumber(std::size_t i) {
    const std::size_t begin = i;
    std::size_t end = detail::DigitsEnd(s_, i);
    Token t;
    t.type = TokenType::kNumber;
    t.leading_zero = s_[begin] == '0' && end - begin > 1;
    std::int64_t value = end - begin <= 7 ? Parse(begin, end) : -1;
    // Thousands: "1 500", "1.500", "12 000" (groups of exactly three digits).
    if (value >= 0 && end - begin <= 3 && !t.leading_zero) {
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
      t.tenths = s_[end + 1] - '0';
      end += 2;
    }
    t.value = value;
    t.joined = JoinedBefore(begin) || JoinedAfter(end);
    Push(t);
    return end;
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
    Token t;
    t.type = TokenType::kCurrency;
    t.info.kind = WordKind::kCurrency;
    t.info.currency = c;
    Push(t);
  }

  void Push(const Token& t) {
    if (count_ == kMaxTokens) Flush();
    has_amount_ = has_amount_ || IsAmount(t);
    tokens_[count_++] = t;
  }

  bool IsCurrency(std::size_t k) const {
    return k < count_ && tokens_[k].info.kind == WordKind::kCurrency &&
           tokens_[k].type != TokenType::kNumber;
  }
  static bool IsAmount(const Token& t) {
    return t.type == TokenType::kNumber && t.value > 0 && t.value <= kMaxAmount && t.tenths == 0 &&
           !t.joined && !t.leading_zero;
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
      return;
    }
    has_amount_ = false;
    for (std::size_t w = 0; w < count_; ++w) {
      Token& t = tokens_[w];
      if (t.type != TokenType::kWord || t.end - t.begin > kMaxKeywordBytes) continue;
      // Most words start with a byte no keyword starts with: not worth lower-casing.
      const auto first = static_cast<unsigned char>(s_[t.begin]);
      const auto lower_first = detail::IsAsciiLetter(s_[t.begin]) ? (first | 0x20) : first;
      if (kKeywordIndex.end[lower_first] == 0) continue;
      LowerWord lower;
      lower.Set(s_.substr(t.begin, t.end - t.begin));
      if (const WordInfo* info = lower.size > 0 ? Classify(lower.view()) : nullptr) {
        t.info = *info;
      }
    }
    Slots<Item>& items = items_;
    std::size_t n_items = 0;
    std::size_t k = 0;
    while (k < count_) {
      Item item;
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
      items[n_items++] = item;
    }
    count_ = 0;
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
