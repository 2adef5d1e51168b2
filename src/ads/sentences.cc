#include "ads/sentences.h"

#include "ads/phones.h"
#include "ads/detail/byte_set_scan.h"

namespace sv::ads {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
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

// Whether a word of letters ends at `end`, its last letter lower case, and is no word that may
// stand for digits. Number words are at most 5 bytes long, and look-alikes are made of o, l, O
// and I only: a word of 6 bytes or more that ends in another letter is plain without a look at
// the rest of it.
bool PlainWordEndsAt(std::string_view s, std::size_t end) {
  const std::size_t last = LowerEndingAt(s, end);
  if (last == 0) return false;
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
// that may stand for digits. Those start with one of a few letters (below): any other is plain at
// once.
bool CapitalWordStartsAt(std::string_view s, std::size_t i) {
  const std::size_t first = LetterAt(s, i, /*upper=*/true);
  if (first == 0 || LetterAt(s, i + first, /*upper=*/false) == 0) return false;
  switch (s[i]) {
    case 'N': case 'E': case 'T': case 'F': case 'S': case 'A': case 'Z': case 'O': case 'I':
    case '\xC3':  // Å (and Ä, Ö, É, which no number word starts with)
      break;
    default:
      return true;
  }
  std::size_t end = i + first;
  while (true) {
    if (const std::size_t n = LetterAt(s, end, false); n != 0) {
      end += n;
    } else if (const std::size_t u = LetterAt(s, end, true); u != 0) {
      end += u;
    } else {
      break;
    }
  }
  return !MayStandForDigits(s.substr(i, end - i));
}

}  // namespace

std::size_t SentenceEnd(std::string_view text, std::size_t from) {
  static constexpr detail::ByteSet kEnds{{{{'\n', '\n'}, {'!', '!'}, {'.', '.'}, {'?', '?'}}}};
  for (std::size_t i = detail::FindByteIn<kEnds>(text, from); i < text.size();
       i = detail::FindByteIn<kEnds>(text, i + 1)) {
    // The punctuation (or nothing) and the white space around text[i], and the words on either
    // side of them.
    std::size_t before = i;  // where the punctuation starts
    while (before > from && (text[before - 1] == '.' || text[before - 1] == '!' ||
                             text[before - 1] == '?')) {
      --before;
    }
    std::size_t after = i;
    while (after < text.size() &&
           (text[after] == '.' || text[after] == '!' || text[after] == '?')) {
      ++after;
    }
    bool line_break = false;
    const std::size_t spaces = after;
    for (; after < text.size() && IsSpace(text[after]); ++after) line_break |= text[after] == '\n';
    // "word\nWord" has no punctuation: then the line break is the end, and the white space
    // before it belongs to it too.
    if (before == spaces) {
      while (before > from && IsSpace(text[before - 1])) --before;
      if (!line_break) continue;
    } else if (after == spaces) {
      continue;  // "a.b": no white space
    }
    // The cheaper test first: most full stops are not followed by a capital.
    if (after == text.size() || LetterAt(text, after, /*upper=*/true) == 0) continue;
    if (before == from || !PlainWordEndsAt(text, before) || !CapitalWordStartsAt(text, after)) {
      continue;
    }
    return after;
  }
  return text.size();
}

}  // namespace sv::ads
