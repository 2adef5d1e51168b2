#include "ads/sentences.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "ads/phones.h"
#include "ads/detail/byte_set_scan.h"

namespace sv::ads {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
bool IsStop(char c) { return c == '.' || c == '!' || c == '?'; }
bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

// å ä ö é (C3 A5, C3 A4, C3 B6, C3 A9) and Å Ä Ö É (C3 85, C3 84, C3 96, C3 89): the second byte.
bool IsLowerSecond(unsigned char c) { return c == 0xA5 || c == 0xA4 || c == 0xB6 || c == 0xA9; }
bool IsUpperSecond(unsigned char c) { return c == 0x85 || c == 0x84 || c == 0x96 || c == 0x89; }

// The bytes of the lower-case letter that ends at `end` (1 or 2), or 0.
std::size_t LowerEndingAt(std::string_view s, std::size_t end) {
  if (end >= 1 && IsLowerAscii(s[end - 1])) return 1;
  if (end >= 2 && static_cast<unsigned char>(s[end - 2]) == 0xC3 &&
      IsLowerSecond(static_cast<unsigned char>(s[end - 1]))) {
    return 2;
  }
  return 0;
}

// The bytes of the letter (either case, as above) that starts at `i`, or 0.
std::size_t LetterAt(std::string_view s, std::size_t i, bool upper) {
  if (i >= s.size()) return 0;
  const char c = s[i];
  if (upper ? IsUpperAscii(c) : IsLowerAscii(c)) return 1;
  if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if (upper ? IsUpperSecond(d) : IsLowerSecond(d)) return 2;
  }
  return 0;
}

// Whether a number word (phones.cc) may end in the lower-case letter that ends at `end`, `last`
// bytes long: they end in a, e, l, m, n, o, r, t, u, x or å (and look-alikes in o or l). Most
// words that end a sentence ("mig", "dig", "kg", "years") end in another letter: they are plain
// without a walk back over them.
bool MayEndNumberWord(std::string_view s, std::size_t end, std::size_t last) {
  constexpr std::uint32_t kEndings = [] {
    std::uint32_t bits = 0;
    for (const char c : std::string_view("aelmnortux")) bits |= std::uint32_t{1} << (c - 'a');
    return bits;
  }();
  if (last == 2) return static_cast<unsigned char>(s[end - 1]) == 0xA5;  // å
  return (kEndings >> (s[end - 1] - 'a') & 1) != 0;
}

// Whether a word of letters ends at `end`, its last letter lower case, and is no word that may
// stand for digits. Number words are at most 5 bytes long, and look-alikes are made of o, l, O
// and I only: a word of 6 bytes or more that ends in another letter is plain without a look at
// the rest of it.
bool PlainWordEndsAt(std::string_view s, std::size_t end) {
  const std::size_t last = LowerEndingAt(s, end);
  if (last == 0) return false;
  if (!MayEndNumberWord(s, end, last)) return true;
  const bool may_look_alike = last == 1 && (s[end - 1] == 'o' || s[end - 1] == 'l');
  std::size_t start = end - last;
  while (start > 0 && (may_look_alike || end - start < 6)) {
    if (const std::size_t n = LowerEndingAt(s, start); n != 0) {
      start -= n;
    } else if (IsUpperAscii(s[start - 1])) {
      start -= 1;
    } else if (start >= 2 && static_cast<unsigned char>(s[start - 2]) == 0xC3 &&
               IsUpperSecond(static_cast<unsigned char>(s[start - 1]))) {
      start -= 2;
    } else {
      break;
    }
  }
  if (end - start >= 6 && !may_look_alike) return true;
  return !MayStandForDigits(s.substr(start, end - start));
}

// Whether a word starts at `i` with an upper-case letter and then a lower-case one, and is no word
// that may stand for digits. Number words start with one of a few letters, look-alikes with O or
// I and then o or l (below): any other word is plain at once ("Ingen", "Öppet"). Number words are
// at most 5 bytes long: a word of 6 bytes or more that is no look-alike is plain without a walk
// over the rest of it.
bool CapitalWordStartsAt(std::string_view s, std::size_t i) {
  const std::size_t first = LetterAt(s, i, /*upper=*/true);
  if (first == 0 || LetterAt(s, i + first, /*upper=*/false) == 0) return false;
  const bool may_look_alike = (s[i] == 'O' || s[i] == 'I') && (s[i + 1] == 'o' || s[i + 1] == 'l');
  switch (s[i]) {
    case 'N': case 'E': case 'T': case 'F': case 'S': case 'A': case 'Z':
      break;
    case 'O':  // "one"
      if (s[i + 1] != 'n' && !may_look_alike) return true;
      break;
    case 'I':
      if (!may_look_alike) return true;
      break;
    case '\xC3':  // Å (Ä, Ö and É start no number word)
      if (s[i + 1] != '\x85') return true;
      break;
    default:
      return true;
  }
  std::size_t end = i + first;
  while (may_look_alike || end - i < 6) {
    if (const std::size_t n = LetterAt(s, end, false); n != 0) {
      end += n;
    } else if (const std::size_t u = LetterAt(s, end, true); u != 0) {
      end += u;
    } else {
      break;
    }
  }
  if (end - i >= 6 && !may_look_alike) return true;
  return !MayStandForDigits(s.substr(i, end - i));
}

// Whether a sentence ends at `at`, the start of the next one (the rule at the top of
// sentences.h): `at` starts a capital word and, before it, white space, then punctuation or a
// line break in the white space, then a plain word. The answer does not depend on where the
// sentence before began: that is the text's start or a capital letter, where the walks back
// stop.
bool SentenceStartsAt(std::string_view s, std::size_t at) {
  std::size_t spaces = at;  // where the white space starts
  bool line_break = false;
  while (spaces > 0 && IsSpace(s[spaces - 1])) line_break |= s[--spaces] == '\n';
  std::size_t stops = spaces;  // where the punctuation starts
  while (stops > 0 && IsStop(s[stops - 1])) --stops;
  if (stops == spaces && !line_break) return false;
  return PlainWordEndsAt(s, stops) && CapitalWordStartsAt(s, at);
}

constexpr detail::ByteSet kSpaces{{{{'\t', '\n'}, {'\r', '\r'}, {' ', ' '}}}};
constexpr detail::ByteSet kLineBreaks{{{{'\n', '\n'}}}};
constexpr detail::ByteSet kStops{{{{'!', '!'}, {'.', '.'}, {'?', '?'}}}};
constexpr detail::ByteSet kCapitals{{{{'A', 'Z'}, {0xC3, 0xC3}}}};

// The places of block `b` where a sentence may start, `last` the block before it (all zeros
// before the first): a capital after white space that is a line break or follows punctuation or
// more white space. Every start SentenceStartsAt accepts is among them; most of the capitals
// within a sentence (after a single space that follows a letter) and every other byte are not.
std::uint64_t MayStartSentence(const SentenceEnds::Block& last, const SentenceEnds::Block& b) {
  const std::uint64_t space1 = b.space << 1 | last.space >> 63;  // bit k: byte k - 1
  const std::uint64_t space2 = b.space << 2 | last.space >> 62;  // bit k: byte k - 2
  const std::uint64_t line_break1 = b.line_break << 1 | last.line_break >> 63;
  const std::uint64_t stop2 = b.stop << 2 | last.stop >> 62;
  return b.capital & (line_break1 | (space1 & (stop2 | space2)));
}

}  // namespace

std::size_t SentenceEnds::Next() {
  while (true) {
    if (left_ != 0) {
      const std::size_t at = next_ - 64 + static_cast<std::size_t>(__builtin_ctzll(left_));
      left_ &= left_ - 1;
      if (SentenceStartsAt(text_, at)) return at;
      continue;
    }
    if (next_ >= text_.size()) return text_.size();
    const char* p = text_.data() + next_;
    std::array<char, 64> padded;
    if (text_.size() - next_ < 64) {
      // The last bytes, then zeros, which are in no class.
      padded.fill(0);
      std::memcpy(padded.data(), p, text_.size() - next_);
      p = padded.data();
    }
    // The masks made here rather than by a function that returns the block: not inlined, it
    // returned it through memory, read back at once in 16-byte halves that stall on its 8-byte
    // stores (about 5 % of the cutting).
    const Block b{.space = detail::Mask64<kSpaces>(p),
                  .line_break = detail::Mask64<kLineBreaks>(p),
                  .stop = detail::Mask64<kStops>(p),
                  .capital = detail::Mask64<kCapitals>(p)};
    left_ = MayStartSentence(last_, b);
    last_ = b;
    next_ += 64;
  }
}

}  // namespace sv::ads
