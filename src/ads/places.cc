#include "ads/places.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ads/detail/byte_set_scan.h"
#include "ads/detail/text_scan.h"
#include "sv_ads_data_embedded.h"

namespace sv::ads {

namespace {

using detail::IsDigit;
using detail::LowerWord;

enum class NameKind : std::uint8_t { kAlias, kAmbiguous, kCounty, kStop };

struct NameEntry {
  NameKind kind = NameKind::kStop;
  std::int16_t municipality = -1;  // index into Impl::municipality_codes
  std::int16_t county = -1;        // index into Impl::county_codes; -1 for a wider region
  bool starts_pair = false;        // the first word of a two-word name ("upplands väsby")
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A hash of a lower-cased name, read eight bytes at a time, the last piece overlapping the one
// before (as wyhash reads short keys): the scan asks for every word of a text, and a loop over the
// bytes of each costs more than the lookup. Equal keys have equal hashes; the table compares keys.
std::uint64_t NameHash(std::string_view s) {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
  const auto load = [&s](std::size_t at, std::size_t bytes) {
    std::uint64_t v = 0;
    std::memcpy(&v, s.data() + at, bytes);
    return v;
  };
  const auto mix = [](std::uint64_t h, std::uint64_t chunk) {
    h = (h ^ chunk) * kMultiplier;
    return h ^ (h >> 29);
  };
  const std::size_t n = s.size();
  std::uint64_t h = (n + 1) * kMultiplier;
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) h = mix(h, load(i, 8));
    return mix(h, load(n - 8, 8));
  }
  if (n >= 4) return mix(h, load(0, 4) | (load(n - 4, 4) << 32));
  if (n == 0) return h;
  const auto byte = [&s](std::size_t i) {
    return static_cast<std::uint64_t>(static_cast<unsigned char>(s[i]));
  };
  return mix(h, byte(0) | (byte(n / 2) << 8) | (byte(n - 1) << 16));
}

// The names and short forms, built once: open addressing with linear probing in a power-of-two
// table at most a quarter full. Beside the places, one byte per place holds 7 bits of the name's
// hash (0: empty), so that a word that is no name (nearly every word) is told apart by reading a
// byte or two of a 4 kB array that stays in the cache, without touching a place or a string.
class NameTable {
 public:
  NameTable() = default;
  explicit NameTable(
      const std::unordered_map<std::string, NameEntry, StringHash, std::equal_to<>>& names) {
    std::size_t capacity = 16;
    while (capacity < 4 * names.size()) capacity *= 2;
    tags_.assign(capacity, 0);
    slots_.assign(capacity, Slot{});
    for (const auto& [key, entry] : names) {
      if (key.empty()) continue;  // never asked for: the scan looks up words
      const std::uint64_t hash = NameHash(key);
      std::size_t i = hash & (capacity - 1);
      while (tags_[i] != 0) i = (i + 1) & (capacity - 1);
      tags_[i] = Tag(hash);
      slots_[i] = Slot{static_cast<std::uint32_t>(keys_.size()),
                       static_cast<std::uint32_t>(key.size()), entry};
      keys_ += key;
    }
  }

  const NameEntry* Find(std::string_view key) const {
    if (tags_.empty()) return nullptr;
    const std::uint64_t hash = NameHash(key);
    const std::uint8_t tag = Tag(hash);
    const std::size_t mask = tags_.size() - 1;
    for (std::size_t i = hash & mask; tags_[i] != 0; i = (i + 1) & mask) {
      if (tags_[i] != tag) continue;
      const Slot& slot = slots_[i];
      if (std::string_view(keys_).substr(slot.key_begin, slot.key_size) == key) return &slot.entry;
    }
    return nullptr;
  }

 private:
  struct Slot {
    std::uint32_t key_begin = 0;  // in keys_
    std::uint32_t key_size = 0;
    NameEntry entry;
  };
  // The top 7 bits of the hash (the low bits choose the place), never 0.
  static std::uint8_t Tag(std::uint64_t hash) {
    return static_cast<std::uint8_t>((hash >> 57) | 0x80);
  }

  std::vector<std::uint8_t> tags_;
  std::vector<Slot> slots_;
  std::string keys_;  // all keys, one after another
};

constexpr int kPostalCodes = 100000;
constexpr std::int16_t kNoMunicipality = -1;

// Words after which an ambiguous name ("Vara", "Mark", "Nora") is taken for a place: "i Vara",
// "besöker Kil", "centrala Mora", "visiting Eda".
// Not "till": "ta till vara" is an idiom.
constexpr std::array<std::string_view, 14> kPlacePrepositions = {
    "i",       "in",      "från",    "fran",     "from",     "nära",    "nara",
    "near",    "utanför", "besöker", "besoker",  "visiting", "centrala", "central"};

// Adjectives between such a word and the name: "i lugna Kinda", "in discreet Mark".
constexpr std::array<std::string_view, 10> kPlaceAdjectives = {
    "lugna", "diskreta", "soliga", "vackra", "mysiga",
    "quiet", "discreet", "sunny",  "beautiful", "cosy"};

// Words that follow a number that is then an amount, not a postal code.
constexpr std::array<std::string_view, 12> kNotPostTown = {
    "kr", "sek", "kronor", "eur", "euro", "usd", "nok", "min", "tim", "timme", "h", "st"};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& words, std::string_view w) {
  for (std::string_view x : words) {
    if (x == w) return true;
  }
  return false;
}

// Lower-case words separated by single spaces: the form of every key.
std::string NormalizeName(std::string_view name) {
  std::string out;
  std::size_t i = 0;
  while (i < name.size()) {
    if (!detail::IsLetterAt(name, i)) {
      ++i;
      continue;
    }
    const std::size_t end = detail::WordEnd(name, i);
    LowerWord w;
    w.Set(name.substr(i, end - i));
    if (!out.empty()) out += ' ';
    out.append(w.view());
    i = end;
  }
  return out;
}

// "umeå" → "umea"; "" when there is nothing to fold.
std::string FoldSwedish(std::string_view lower) {
  std::string out;
  bool folded = false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (static_cast<unsigned char>(lower[i]) == 0xC3 && i + 1 < lower.size()) {
      const auto d = static_cast<unsigned char>(lower[i + 1]);
      char c = 0;
      if (d == 0xA5 || d == 0xA4) c = 'a';
      if (d == 0xB6) c = 'o';
      if (d == 0xA9) c = 'e';
      if (c != 0) {
        out += c;
        folded = true;
        ++i;
        continue;
      }
    }
    out += lower[i];
  }
  return folded ? out : std::string();
}

std::vector<std::string_view> SplitCsvLine(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

// Calls `row(line_number, fields)` for each data line (after the header; `#` lines skipped).
template <typename F>
Status ForEachCsvRow(std::string_view csv, std::string_view file, F row) {
  std::size_t pos = 0;
  int line_number = 0;
  bool header = true;
  while (pos < csv.size()) {
    std::size_t end = csv.find('\n', pos);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view line = csv.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    Status s = row(SplitCsvLine(line));
    if (!s.ok()) {
      return Status::InvalidInput(std::string(file) + " line " + std::to_string(line_number) +
                                  ": " + s.message());
    }
  }
  return {};
}

}  // namespace

namespace {

// Words that may find something when looked up (a key of one word, or one with a genitive "s"),
// by the first 8 bytes with the 0x20 bit of each set, and the length: three bits per hash in one
// of 512 words of 64 bits (a blocked Bloom filter). The scan asks for nearly every word of a text,
// between other extractors that push a larger table out of the first-level cache: 4 kB stay
// there. Each word that passes but finds nothing costs the scan a stop, two tokens read and a
// lookup: with two bits in 2 kB, common words ("alla", "hej", "bokning") passed too, 1.4 words
// per text of the corpus in all; three bits in 4 kB pass 0.9, the cheaper trade.
// The form is the same for a word and its lower case (ASCII letters; 0xC3 and the second byte of
// å, ä, ö, é, …), so a word whose bits are not all set finds nothing.
class WordFilter {
 public:
  void Add(std::string_view key) {
    for (const std::string& form : {std::string(key), std::string(key) + 's'}) {
      char padded[8] = {};
      std::memcpy(padded, form.data(), std::min<std::size_t>(form.size(), 8));
      const Probe probe = ProbeOf(padded, form.size());
      bits_[probe.word] |= probe.bits;
    }
  }
  // `p` has 8 readable bytes; the word is p[0, size).
  bool MayFind(const char* p, std::size_t size) const {
    const Probe probe = ProbeOf(p, size);
    return (bits_[probe.word] & probe.bits) == probe.bits;
  }

 private:
  struct Probe {
    std::size_t word;
    std::uint64_t bits;
  };
  static Probe ProbeOf(const char* p, std::size_t size) {
    std::uint64_t chunk;
    std::memcpy(&chunk, p, 8);
    const std::uint64_t kept = size >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * size)) - 1;
    chunk = (chunk | 0x2020202020202020ULL) & kept;
    const std::uint64_t h = (chunk ^ (size * 0x9E3779B97F4A7C15ULL)) * 0xFF51AFD7ED558CCDULL;
    return {static_cast<std::size_t>(h >> (64 - kWordBits)),
            std::uint64_t{1} << (h & 63) | std::uint64_t{1} << ((h >> 6) & 63) |
                std::uint64_t{1} << ((h >> 12) & 63)};
  }
  static constexpr int kWordBits = 9;
  std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(std::size_t{1} << kWordBits);
};

#if defined(__SSE2__)
// 64 bytes of text, a bit for each byte (bit i: p[i]); reads p[0, 65).
struct PlaceWindowBits {
  std::uint64_t word;   // a byte of a letter (detail::LetterLength): ASCII, or 0xC3 and its second
  std::uint64_t digit;  // an ASCII digit
  std::uint64_t other;  // a byte >= 0x80 of no letter: left to the scan
};

PlaceWindowBits ClassifyPlaceWindow(const char* p) {
  std::uint64_t letters = 0, leads = 0, digits = 0, high = 0;
  using detail::BytesEqual;
  using detail::BytesInRange;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = detail::Load16(p + 16 * k);
    const __m128i next = detail::Load16(p + 16 * k + 1);
    // 0xC3 before 0x80–0xBF but × and ÷.
    const __m128i lead = _mm_andnot_si128(
        _mm_or_si128(BytesEqual(next, '\x97'), BytesEqual(next, '\xB7')),
        _mm_and_si128(BytesEqual(v, '\xC3'), BytesInRange(next, 0x80, 0xBF)));
    const auto bits = [k](__m128i m) {
      return static_cast<std::uint64_t>(detail::LaneBits(m)) << (16 * k);
    };
    letters |= bits(detail::AsciiLetters(v));
    leads |= bits(lead);
    digits |= bits(BytesInRange(v, '0', '9'));
    high |= bits(v);
  }
  const std::uint64_t word = letters | leads | (leads << 1);
  return {word, digits, high & ~word};
}
#endif

// From `from`, the start of a word of `text`, passes over words that find nothing (WordFilter, or
// longer than any key: `max_bytes`) and what lies between them but runs of 3 or 5 digits and bytes
// of no letter, and returns where it stopped (`stop`: a token that may matter, or the end of the text), how many
// words it passed over and where the last two of them start: the tokens of the text from `from`
// are those words, then the tokens from `stop`.
struct WordSkip {
  int passed = 0;
  std::array<std::size_t, 2> last{};  // last[0] the last word passed over, last[1] the one before
  std::size_t stop = 0;
};
WordSkip SkipWordsThatFindNothing(std::string_view text, std::size_t from, const WordFilter& filter,
                                  std::size_t max_bytes) {
  WordSkip skip;
  std::size_t pos = from;
#if defined(__SSE2__)
  // Words that start in the first 56 bytes of a window are judged: on the corpus a tenth fewer
  // windows than with 48, for a few more words that reach the window's end and stop the skip.
  constexpr int kJudged = 56;
  constexpr std::size_t kRead = 65;  // ClassifyPlaceWindow's bytes
  while (pos < text.size()) {
    // The last window is a copy padded with spaces (no letter, no stop: the text's last word ends
    // where it does), so that the words of the last 64 bytes, a tenth of a text of 600, are
    // judged too rather than each read and looked up by the scan.
    char padded[kRead];
    const char* p = text.data() + pos;
    if (text.size() - pos < kRead) {
      const std::size_t n = text.size() - pos;
      std::memcpy(padded, p, n);
      std::memset(padded + n, ' ', kRead - n);
      p = padded;
    }
    const PlaceWindowBits bits = ClassifyPlaceWindow(p);
    // Where the scan must read the tokens: bytes of no letter, and digit runs that may be (the
    // start of) a postal code: 3 or 5 digits (NextToken), or not wholly in the window. Any other
    // run is no token, and is passed over like the bytes between words (a phone number, a price, a
    // time: three in four of the runs that stopped the scan here before). A window never starts
    // inside a run (see `next`), so a run at bit 0 starts there.
    std::uint64_t stops = bits.other;
    for (std::uint64_t runs = bits.digit & ~(bits.digit << 1); runs != 0; runs &= runs - 1) {
      const int start = __builtin_ctzll(runs);
      const std::uint64_t after = ~bits.digit >> start;
      const int length = after == 0 ? 64 : __builtin_ctzll(after);
      if (after == 0 || length == 3 || length == 5) stops |= std::uint64_t{1} << start;
    }
    const auto word_start = [&bits](int j) {  // of the word that holds bit j
      const std::uint64_t before = ~bits.word & ((std::uint64_t{1} << j) - 1);
      return before == 0 ? 0 : 64 - __builtin_clzll(before);
    };
    int limit = kJudged;  // the scan reads on from here
    if (stops != 0) {
      // A stop right after a word may be read with it (a digit: "ume12345"): the word is left too.
      const int x = __builtin_ctzll(stops);
      if (x < kJudged) limit = x > 0 && ((bits.word >> (x - 1)) & 1) != 0 ? word_start(x - 1) : x;
    }
    if ((bits.word >> 63) != 0) limit = std::min(limit, word_start(63));  // may go on past
    int next = kJudged;
    if (limit == kJudged && ((bits.word >> (kJudged - 1)) & 1) != 0) {
      const int end = kJudged + __builtin_ctzll(~bits.word >> kJudged);  // < 64, as bit 63 is not
      if (((stops >> end) & 1) != 0) {
        limit = word_start(kJudged - 1);
      } else {
        next = end;
      }
    } else if (limit == kJudged && ((bits.digit >> (kJudged - 1)) & 1) != 0) {
      // A run passed over goes on past kJudged: the next window starts after it (< 64, as runs
      // that reach bit 63 are stops).
      next = kJudged + __builtin_ctzll(~bits.digit >> kJudged);
    }
    for (std::uint64_t starts = bits.word & ~(bits.word << 1) & ((std::uint64_t{1} << limit) - 1);
         starts != 0; starts &= starts - 1) {
      const int i = __builtin_ctzll(starts);
      const auto length = static_cast<std::size_t>(__builtin_ctzll(~bits.word >> i));
      if (length <= max_bytes + 1 && filter.MayFind(p + i, length)) {  // i + 8 <= 65
        limit = i;
        break;
      }
      skip.last[1] = skip.last[0];
      skip.last[0] = pos + static_cast<std::size_t>(i);
      ++skip.passed;
    }
    if (limit < kJudged) {
      pos += static_cast<std::size_t>(limit);
      break;
    }
    pos += static_cast<std::size_t>(next);
  }
#endif
  skip.stop = std::min(pos, text.size());
  return skip;
}

}  // namespace

struct PlaceFinder::Impl {
  std::vector<std::string> municipality_codes;
  std::vector<std::int16_t> municipality_county;  // index into county_codes
  std::vector<std::string> county_codes;
  NameTable names;
  std::unordered_map<std::string, std::int16_t, StringHash, std::equal_to<>> municipality_by_code;
  std::vector<std::int16_t> postal;  // kPostalCodes entries
  std::size_t max_word_bytes = 0;    // no longer word can be (part of) a name
  WordFilter word_filter;            // the keys of one word

  const NameEntry* Lookup(std::string_view key) const { return names.Find(key); }

  std::int16_t MunicipalityIndex(std::string_view code) const {
    auto it = municipality_by_code.find(code);
    return it == municipality_by_code.end() ? kNoMunicipality : it->second;
  }
  std::int16_t CountyIndex(std::string_view code) const {
    for (std::size_t i = 0; i < county_codes.size(); ++i) {
      if (county_codes[i] == code) return static_cast<std::int16_t>(i);
    }
    return -1;
  }

  // Calls `found(municipality)` for each municipality `text` names, in order, until it returns
  // true. `place_field`: the text is the site's location field (ambiguous names and bare postal
  // codes count). `county`, unless nullptr: set to the county named (when < 0) while no
  // municipality was taken.
  template <typename Found>
  void Scan(std::string_view text, bool place_field, std::int16_t* county, Found found) const;
  // The first municipality of `only_county` (of any when < 0) that `text` names.
  std::int16_t First(std::string_view text, std::int16_t only_county) const {
    std::int16_t first = kNoMunicipality;
    Scan(text, /*place_field=*/false, /*county=*/nullptr, [&](std::int16_t m) {
      if (only_county >= 0 && municipality_county[static_cast<std::size_t>(m)] != only_county) {
        return false;
      }
      first = m;
      return true;
    });
    return first;
  }
};

namespace {

// One token of the scan: a word (lower-cased) or a postal code; or a word that finds nothing,
// passed over and read only when its text is asked for (kPassed: `begin` only).
struct Token {
  enum class Type { kNone, kWord, kPostal, kPassed } type = Type::kNone;
  std::size_t begin = 0, end = 0;
  LowerWord word;  // kWord; empty when too long to be a name
  int postal = -1;
  bool postal_marked = false;  // "SE-903 25", "S-90325"
};

// True when s[i] (a digit run's start or end neighbour) joins digit groups: "070 12", "12-34".
bool JoinsDigitsBefore(std::string_view s, std::size_t begin) {
  if (begin == 0) return false;
  const char p = s[begin - 1];
  if (IsDigit(p) || p == '+') return true;
  if ((p == ' ' || p == '-' || p == '.' || p == '/') && begin >= 2 && IsDigit(s[begin - 2])) {
    return true;
  }
  return false;
}
bool JoinsDigitsAfter(std::string_view s, std::size_t end) {
  if (end >= s.size()) return false;
  const char n = s[end];
  if (IsDigit(n)) return true;
  if ((n == ' ' || n == '-' || n == '.' || n == '/' || n == ',') && end + 1 < s.size() &&
      IsDigit(s[end + 1])) {
    return true;
  }
  return false;
}

bool IsAsciiAlnum(char c) { return IsDigit(c) || detail::IsAsciiLetter(c); }

// Whether the word at [begin, end) is part of an e-mail address, a user name or a number
// ("anna.sthlm92@mail.se", "sthlm_girl", "ume2024"): then it is no place named in the text.
bool PartOfIdentifier(std::string_view s, std::size_t begin, std::size_t end) {
  if (begin >= 2 && (s[begin - 1] == '.' || s[begin - 1] == '@' || s[begin - 1] == '_') &&
      IsAsciiAlnum(s[begin - 2])) {
    return true;
  }
  if (end >= s.size()) return false;
  const char n = s[end];
  if (IsDigit(n) || n == '@' || n == '_') return true;
  return n == '.' && end + 1 < s.size() && IsAsciiAlnum(s[end + 1]);
}

// The end of the word of letters at `i` (detail::WordEnd), lower-cased into `word` as
// LowerWord::Set does (empty when longer than its capacity), in one pass over the bytes.
std::size_t ReadLowerWord(std::string_view s, std::size_t i, LowerWord& word) {
  std::size_t n = 0;  // bytes of the word so far
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!detail::IsAsciiLetter(static_cast<char>(c))) break;
      if (n < LowerWord::kCapacity) word.text[n] = static_cast<char>(c | 0x20);
      ++n;
      ++i;
      continue;
    }
    // A two-byte letter (detail::LetterLength): 0xC3 and 0x80–0xBF but × and ÷.
    if (c != 0xC3 || i + 1 >= s.size()) break;
    auto d = static_cast<unsigned char>(s[i + 1]);
    if (d < 0x80 || d > 0xBF || d == 0x97 || d == 0xB7) break;
    if (d <= 0x9E) d = static_cast<unsigned char>(d + 0x20);  // À–Þ to à–þ (× is not here)
    if (n + 1 < LowerWord::kCapacity) {
      word.text[n] = static_cast<char>(c);
      word.text[n + 1] = static_cast<char>(d);
    }
    n += 2;
    i += 2;
  }
  word.size = n <= LowerWord::kCapacity ? n : 0;
  return i;
}

// Reads the next token at or after `pos`; false at the end of the text.
bool NextToken(std::string_view s, std::size_t& pos, Token& t) {
  while (pos < s.size()) {
    const std::size_t i = pos;
    if (IsDigit(s[i])) {
      std::size_t end = detail::DigitsEnd(s, i);
      pos = end;
      int code = -1;
      if (end - i == 5) {
        code = 0;
        for (std::size_t k = i; k < end; ++k) code = code * 10 + (s[k] - '0');
      } else if (end - i == 3 && end + 3 <= s.size() && s[end] == ' ' && IsDigit(s[end + 1]) &&
                 IsDigit(s[end + 2]) && (end + 3 == s.size() || !IsDigit(s[end + 3]))) {
        code = 0;
        for (std::size_t k = i; k < end; ++k) code = code * 10 + (s[k] - '0');
        code = code * 100 + (s[end + 1] - '0') * 10 + (s[end + 2] - '0');
        end += 3;
        pos = end;
      }
      if (code < 10000 || JoinsDigitsBefore(s, i) || JoinsDigitsAfter(s, end)) continue;
      t.type = Token::Type::kPostal;
      t.begin = i;
      t.end = end;
      t.postal = code;
      t.postal_marked = (i >= 2 && s[i - 1] == '-' && (s[i - 2] == 'S' || s[i - 2] == 'E'));
      return true;
    }
    const std::size_t n = detail::LetterLength(s, i);
    if (n == 0) {
      ++pos;
      continue;
    }
    const std::size_t end = ReadLowerWord(s, i, t.word);
    pos = end;
    t.type = Token::Type::kWord;
    t.begin = i;
    t.end = end;
    if (PartOfIdentifier(s, i, end)) t.word.Clear();
    return true;
  }
  return false;
}

bool StartsCapitalised(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c >= 'A' && c <= 'Z') return true;
  return c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
         static_cast<unsigned char>(s[i + 1]) <= 0x9E;
}

}  // namespace

template <typename Found>
void PlaceFinder::Impl::Scan(std::string_view text, bool place_field, std::int16_t* county,
                             Found found) const {
  // Four tokens in turn, so that moving on copies no words.
  std::size_t pos = 0;
  std::array<Token, 4> tokens;
  Token* prev2 = &tokens[0];
  Token* prev = &tokens[1];
  Token* cur = &tokens[2];
  Token* next = &tokens[3];
  const auto advance = [&] {
    Token* const free = prev2;
    prev2 = prev;
    prev = cur;
    cur = next;
    next = free;
    return NextToken(text, pos, *next);
  };
  bool have_next = NextToken(text, pos, *next);
  char key_buffer[2 * LowerWord::kCapacity + 1];
  std::size_t skip_stop = 0;
  while (have_next) {
    // Words that find nothing do nothing as `cur`; they matter only as one of the two words before
    // a token that may (`prev`, `prev2`), and then only before an ambiguous name. Most words of a
    // text are such: the scan jumps over them to the next token that may find something, with the
    // last two of them as `prev` and `cur` already done, read only if an ambiguous name follows.
    // (Until the stop of the last try, another would stop there as well.)
    if (next->type == Token::Type::kWord && next->begin >= skip_stop) {
      const WordSkip skip =
          SkipWordsThatFindNothing(text, next->begin, word_filter, max_word_bytes);
      skip_stop = skip.stop;
      if (skip.passed >= 2) {
        prev->type = cur->type = Token::Type::kPassed;
        prev->begin = skip.last[1];
        cur->begin = skip.last[0];
        pos = skip.stop;
        have_next = NextToken(text, pos, *next);
      } else if (skip.passed == 1) {
        have_next = advance();  // `next` is done
      }
      if (!have_next) break;
    }
    have_next = advance();

    std::int16_t named = kNoMunicipality;
    if (cur->type == Token::Type::kPostal) {
      bool accept = place_field || cur->postal_marked;
      if (!accept && have_next && next->type == Token::Type::kWord && next->word.size > 0 &&
          StartsCapitalised(text, next->begin) && !In(kNotPostTown, next->word.view())) {
        accept = true;  // "903 25 Umeå": followed by a post town
      }
      if (accept) named = postal[static_cast<std::size_t>(cur->postal)];
    } else if (cur->word.size > 0) {
      const NameEntry* e = cur->word.size <= max_word_bytes ? Lookup(cur->word.view()) : nullptr;
      bool pair = false;
      if (e != nullptr && e->starts_pair && have_next && next->type == Token::Type::kWord &&
          next->word.size > 0) {
        const std::size_t n = cur->word.size;
        std::copy(cur->word.text, cur->word.text + n, key_buffer);
        key_buffer[n] = ' ';
        std::copy(next->word.text, next->word.text + next->word.size, key_buffer + n + 1);
        if (const NameEntry* p = Lookup(std::string_view(key_buffer, n + 1 + next->word.size))) {
          e = p;
          pair = true;
        }
      }
      if ((e == nullptr || (e->kind == NameKind::kStop && !pair)) && cur->word.size > 4 &&
          cur->word.size <= max_word_bytes + 1 && cur->word.text[cur->word.size - 1] == 's') {
        e = Lookup(std::string_view(cur->word.text, cur->word.size - 1));  // "Umeås"
        if (e != nullptr && e->kind == NameKind::kAmbiguous) e = nullptr;
      }
      if (e != nullptr) {
        const bool county_follows =
            !pair && have_next && next->type == Token::Type::kWord &&
            (next->word.view() == "län" || next->word.view() == "läns" ||
             next->word.view() == "lan");
        if (e->kind == NameKind::kCounty) {
          if (county != nullptr && *county < 0 && e->county >= 0) *county = e->county;
        } else if (county_follows && e->municipality >= 0) {
          if (county != nullptr && *county < 0) {
            *county = municipality_county[e->municipality];
          }
        } else if (e->kind == NameKind::kAlias) {
          named = e->municipality;
        } else if (e->kind == NameKind::kAmbiguous) {
          const auto word_in = [&text](Token& t, const auto& words) {
            if (t.type == Token::Type::kPassed) {
              std::size_t at = t.begin;
              NextToken(text, at, t);  // the word there
            }
            return t.type == Token::Type::kWord && In(words, t.word.view());
          };
          if (place_field || word_in(*prev, kPlacePrepositions) ||
              (word_in(*prev, kPlaceAdjectives) && word_in(*prev2, kPlacePrepositions))) {
            named = e->municipality;
          }
        }
        if (pair) {  // the second word is used up
          have_next = advance();
        }
      }
    }
    if (named != kNoMunicipality && found(named)) return;
  }
}

PlaceFinder::PlaceFinder(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Result<PlaceFinder> PlaceFinder::Embedded() {
  Result<geo::Gazetteer> gazetteer = geo::Gazetteer::Embedded();
  if (!gazetteer.ok()) return gazetteer.status();
  return FromData(*gazetteer, embedded::postal_to_municipality_csv(),
                  embedded::place_aliases_csv());
}

Result<PlaceFinder> PlaceFinder::FromData(const geo::Gazetteer& gazetteer,
                                          std::string_view postal_csv,
                                          std::string_view aliases_csv) {
  auto impl = std::make_shared<Impl>();
  std::unordered_map<std::string, NameEntry, StringHash, std::equal_to<>> names;
  for (const geo::County& c : gazetteer.counties()) impl->county_codes.push_back(c.code);
  for (const geo::Municipality& m : gazetteer.municipalities()) {
    impl->municipality_by_code[m.code] = static_cast<std::int16_t>(impl->municipality_codes.size());
    impl->municipality_codes.push_back(m.code);
    impl->municipality_county.push_back(impl->CountyIndex(m.county_code));
  }
  for (std::size_t i = 0; i < gazetteer.municipalities().size(); ++i) {
    const auto index = static_cast<std::int16_t>(i);
    const std::string key = NormalizeName(gazetteer.municipalities()[i].short_name);
    names[key] = NameEntry{NameKind::kAlias, index, impl->municipality_county[i]};
  }
  // Spellings without å, ä, ö ("Umea"), where they are long enough not to be another word
  // ("Åre" would be "are") and do not clash with another name.
  for (std::size_t i = 0; i < gazetteer.municipalities().size(); ++i) {
    const std::string key = NormalizeName(gazetteer.municipalities()[i].short_name);
    const std::string folded = FoldSwedish(key);
    if (folded.size() >= 5 && !names.contains(folded)) {
      names[folded] =
          NameEntry{NameKind::kAlias, static_cast<std::int16_t>(i), impl->municipality_county[i]};
    }
  }
  for (std::size_t i = 0; i < gazetteer.counties().size(); ++i) {
    const auto index = static_cast<std::int16_t>(i);
    const geo::County& c = gazetteer.counties()[i];
    names.try_emplace(NormalizeName(c.short_name), NameEntry{NameKind::kCounty, -1, index});
    names.try_emplace(NormalizeName(c.name), NameEntry{NameKind::kCounty, -1, index});
  }

  Status s = ForEachCsvRow(
      aliases_csv, "place_aliases.csv", [&](const std::vector<std::string_view>& f) -> Status {
        if (f.size() != 3) return Status::InvalidInput("expected name,code,kind");
        const std::string key = NormalizeName(f[0]);
        if (key.empty()) return Status::InvalidInput("empty name");
        NameEntry e;
        if (f[2] == "alias" || f[2] == "ambiguous") {
          e.kind = f[2] == "alias" ? NameKind::kAlias : NameKind::kAmbiguous;
          e.municipality = impl->MunicipalityIndex(f[1]);
          if (e.municipality < 0) {
            return Status::InvalidInput("unknown municipality code `" + std::string(f[1]) + "`");
          }
          e.county = impl->municipality_county[static_cast<std::size_t>(e.municipality)];
        } else if (f[2] == "county") {
          e.kind = NameKind::kCounty;
          e.county = f[1].empty() ? std::int16_t{-1} : impl->CountyIndex(f[1]);
          if (!f[1].empty() && e.county < 0) {
            return Status::InvalidInput("unknown county code `" + std::string(f[1]) + "`");
          }
        } else if (f[2] == "stop") {
          e.kind = NameKind::kStop;
        } else {
          return Status::InvalidInput("kind must be alias, ambiguous, county or stop");
        }
        names[key] = e;
        return {};
      });
  if (!s.ok()) return s;

  // Mark the first words of two-word names, so that the scan looks at pairs only after them.
  std::vector<std::string> firsts;
  for (const auto& [key, entry] : names) {
    const std::size_t space = key.find(' ');
    if (space != std::string::npos) firsts.push_back(key.substr(0, space));
  }
  for (const std::string& first : firsts) {
    auto [it, inserted] = names.try_emplace(first, NameEntry{NameKind::kStop, -1, -1});
    it->second.starts_pair = true;
  }
  for (const auto& [key, entry] : names) {
    const std::size_t space = key.find(' ');
    impl->max_word_bytes =
        std::max(impl->max_word_bytes, space == std::string::npos ? key.size() : space);
  }

  impl->names = NameTable(names);
  for (const auto& [key, entry] : names) {
    if (key.find(' ') == std::string::npos) impl->word_filter.Add(key);
  }

  impl->postal.assign(kPostalCodes, kNoMunicipality);
  s = ForEachCsvRow(
      postal_csv, "postal_to_municipality.csv",
      [&](const std::vector<std::string_view>& f) -> Status {
        if (f.size() < 3 || f[0].size() != 5) return Status::InvalidInput("expected a postal code");
        int code = 0;
        for (char c : f[0]) {
          if (!IsDigit(c)) return Status::InvalidInput("postal code is not 5 digits");
          code = code * 10 + (c - '0');
        }
        const std::int16_t m = impl->MunicipalityIndex(f[2]);
        if (m < 0)
          return Status::InvalidInput("unknown municipality code `" + std::string(f[2]) + "`");
        impl->postal[static_cast<std::size_t>(code)] = m;
        return {};
      });
  if (!s.ok()) return s;
  return PlaceFinder(std::move(impl));
}

std::string_view PlaceFinder::Find(std::string_view location, std::string_view text) const {
  const FieldPlace field = ReadLocation(location);
  const std::int16_t m =
      field.municipality >= 0 ? field.municipality : FirstNamed(text, field.county);
  return m >= 0 ? Code(m) : std::string_view();
}

PlaceFinder::FieldPlace PlaceFinder::ReadLocation(std::string_view location) const {
  FieldPlace field;
  if (location.empty()) return field;
  impl_->Scan(location, /*place_field=*/true, &field.county, [&field](std::int16_t m) {
    field.municipality = m;
    return true;
  });
  return field;
}

std::int16_t PlaceFinder::FirstNamed(std::string_view text, std::int16_t county) const {
  return impl_->First(text, county);
}

PlaceFinder::Named PlaceFinder::FindNamed(std::string_view text) const {
  Named named;
  impl_->Scan(text, /*place_field=*/false, /*county=*/nullptr, [&named](std::int16_t m) {
    const auto index = static_cast<std::uint16_t>(m + 1);
    if (named.first == 0) {
      named.first = index & 0x7FFF;
      return false;
    }
    named.more = named.first != index;
    return named.more != 0;  // what follows changes nothing
  });
  return named;
}

std::int16_t PlaceFinder::FirstNamed(Named named, std::string_view text,
                                     std::int16_t county) const {
  if (named.first == 0) return kNoMunicipality;
  const auto first = static_cast<std::int16_t>(named.first - 1);
  if (county < 0 || impl_->municipality_county[static_cast<std::size_t>(first)] == county) {
    return first;
  }
  // Another municipality, of the county perhaps, may follow the first.
  return named.more != 0 ? impl_->First(text, county) : kNoMunicipality;
}

std::string_view PlaceFinder::Code(std::int16_t municipality) const {
  return impl_->municipality_codes[static_cast<std::size_t>(municipality)];
}

std::string_view PlaceFinder::FindPostalCode(int code) const {
  if (code < 0 || code >= kPostalCodes) return {};
  const std::int16_t m = impl_->postal[static_cast<std::size_t>(code)];
  return m < 0 ? std::string_view() : impl_->municipality_codes[static_cast<std::size_t>(m)];
}

}  // namespace sv::ads
