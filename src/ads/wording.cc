#include "ads/wording.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "ads/detail/byte_set_scan.h"
#include "ads/detail/phrase_prefix_filter.h"

namespace sv::ads {

namespace {

// The phrases are matched as if the text were folded: ASCII and Å Ä Ö É lower-cased, "100 %"
// read as "100%". The text is read in place rather than folded into a copy, which reproduces the
// fold exactly, including on invalid UTF-8: the fold reads the text as tokens from the left, a
// byte 0xC3 with the byte after it (whatever that is, lower-casing only Å Ä Ö É and not ASCII),
// a space right before '%' as nothing, and any other byte as itself, ASCII lower-cased.

constexpr unsigned char kLatin1Lead = 0xC3;  // the first byte of å ä ö é Å Ä Ö É in UTF-8

constexpr bool IsWordByte(unsigned char u) {
  return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80;
}
constexpr unsigned char LowerAscii(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c;
}
// The fold of the byte after 0xC3.
constexpr unsigned char FoldAfterLead(unsigned char n) {
  return n == 0x85 || n == 0x84 || n == 0x96 || n == 0x89 ? static_cast<unsigned char>(n + 0x20)
                                                           : n;
}

// Matched as whole words of the folded text; a phrase ending with '*' may end inside a longer word.
constexpr std::array<std::string_view, 24> kTrustPhrases = {
    "100% äkta",      "äkta bilder",   "riktiga bilder", "egna bilder",     "verifierad*",
    "inga fejk*",     "ingen fejk*",   "inte fejk*",     "ej fejk*",        "inga fake",
    "lita på mig",    "100% seriös",   "garanterat äkta", "real pics",      "real photos",
    "100% real",      "no fake*",      "not fake",       "verified",        "genuine photos",
    "trust me",       "100% legit",    "legit and real", "my own photos",
};
// Every phrase starts and ends with a word byte, so a match begins at a word start and its end
// only needs the next folded byte to be no word byte; each 0xC3 is followed by the lower case
// byte of its letter; no space is followed by '%'.
static_assert(std::all_of(kTrustPhrases.begin(), kTrustPhrases.end(), [](std::string_view p) {
  const std::string_view body = p.back() == '*' ? p.substr(0, p.size() - 1) : p;
  for (std::size_t k = 0; k < body.size(); ++k) {
    const auto c = static_cast<unsigned char>(body[k]);
    if (c == kLatin1Lead) {
      const auto n = k + 1 < body.size() ? static_cast<unsigned char>(body[k + 1]) : 0;
      if (n < 0x80 || FoldAfterLead(n) != n) return false;
    }
    if (c == ' ' && k + 1 < body.size() && body[k + 1] == '%') return false;
  }
  return IsWordByte(body.front()) && IsWordByte(body.back()) &&
         static_cast<unsigned char>(body.back()) < 0x80;
}));

constexpr std::array<std::string_view, 4> kEmojiSignals = {
    "\xF0\x9F\x92\x97",  // 💗 growing heart
    "\xF0\x9F\x8D\x92",  // 🍒 cherry
    "\xF0\x9F\x91\x91",  // 👑 crown
    "\xE2\x9C\x88",      // ✈ airplane
};

// Per folded first byte, the phrases of kTrustPhrases that start with it.
using PhraseSet = uint32_t;
static_assert(kTrustPhrases.size() <= 32);
constexpr std::array<PhraseSet, 256> kPhrasesByFirstByte = [] {
  std::array<PhraseSet, 256> table{};
  for (std::size_t i = 0; i < kTrustPhrases.size(); ++i) {
    table[static_cast<unsigned char>(kTrustPhrases[i].front())] |= PhraseSet{1} << i;
  }
  return table;
}();

// The first four bytes of each phrase, for a quick test before the comparison. The fold reads
// "100 %" as "100%", so the test is also given those of "100 %": the only phrases with a '%' in
// their first four bytes start with "100%", and none has one in its first three.
constexpr std::array<std::string_view, kTrustPhrases.size() + 1> kTrustPrefixPhrases = [] {
  std::array<std::string_view, kTrustPhrases.size() + 1> all{};
  std::copy(kTrustPhrases.begin(), kTrustPhrases.end(), all.begin());
  all.back() = "100 ";
  return all;
}();
static_assert(std::all_of(kTrustPhrases.begin(), kTrustPhrases.end(), [](std::string_view p) {
  return p.substr(0, 4).find('%') == p.npos || p.starts_with("100%");
}));
constexpr detail::PhrasePrefixFilter kTrustPrefixes(kTrustPrefixPhrases);

// Whether the byte 0xC3 at s[j] starts a token of the fold (rather than ending the one of an 0xC3
// before it): the tokens of a run of 0xC3 bytes pair them from its start.
bool IsTokenLead(std::string_view s, std::size_t j) {
  std::size_t k = j;
  while (k > 0 && static_cast<unsigned char>(s[k - 1]) == kLatin1Lead) --k;
  return (j - k) % 2 == 0;
}

// Whether the folded byte just before the one of s[i] (i > 0, s[i] not '%') is a word byte, i.e.
// no word starts at s[i].
bool WordByteBefore(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i - 1]);
  // An 0xC3 folds to itself, whether s[i] is paired with it or it ends the token before.
  if (c == kLatin1Lead) return true;
  // A capital after an 0xC3 that starts a token is not lower-cased.
  if (c >= 'A' && c <= 'Z') {
    const bool after_lead =
        i >= 2 && static_cast<unsigned char>(s[i - 2]) == kLatin1Lead && IsTokenLead(s, i - 2);
    return !after_lead;
  }
  // Folding keeps bytes >= 0x80 there and other ASCII bytes are as they are.
  return IsWordByte(c);
}

// Whether the folded text from s[i], the start of a token, begins with `phrase` as whole words.
bool PhraseAt(std::string_view s, std::size_t i, std::string_view phrase) {
  const bool prefix = phrase.back() == '*';
  if (prefix) phrase.remove_suffix(1);
  for (std::size_t k = 0; k < phrase.size(); ++k) {
    if (i >= s.size()) return false;
    auto c = static_cast<unsigned char>(s[i]);
    const auto p = static_cast<unsigned char>(phrase[k]);
    if (p == kLatin1Lead) {  // a letter of two bytes: 0xC3 and the fold of the next
      if (c != kLatin1Lead || i + 1 >= s.size() ||
          FoldAfterLead(static_cast<unsigned char>(s[i + 1])) !=
              static_cast<unsigned char>(phrase[k + 1])) {
        return false;
      }
      i += 2;
      ++k;
      continue;
    }
    if (c == ' ' && i + 1 < s.size() && s[i + 1] == '%') {
      c = static_cast<unsigned char>(s[++i]);  // the space is folded away
    }
    // An 0xC3 folds to itself (with the byte after it); p is ASCII here.
    if (LowerAscii(c) != p) return false;
    ++i;
  }
  if (prefix || i == s.size()) return true;
  const auto next = static_cast<unsigned char>(s[i]);
  // A space, or a space folded away before '%': no word byte either way.
  return !IsWordByte(LowerAscii(next));
}

}  // namespace

bool HasTrustLanguage(std::string_view text) {
  // Candidates: '1', 0xC3 or a letter from 'e' to 'v' in either case (every first byte of a
  // phrase, in one range of letters: cheaper to test than their exact set, and it rules out
  // half the word starts), after a byte that is neither a lower case letter nor >= 0x80
  // (WordByteBefore decides on the others). The scan skips the bytes inside words 16 at a time;
  // the prefix table then rules out almost every candidate.
  static constexpr detail::ByteSet kHead{.ranges = {{{'1', '1'}, {kLatin1Lead, kLatin1Lead}}},
                                         .either_case = {{{'e', 'v'}}}};
  static constexpr detail::ByteSet kTail{.ranges = {{{'a', 'z'}, {0x80, 0xFF}}}};
  static_assert([] {
    for (std::size_t c = 0; c < 256; ++c) {
      const auto u = static_cast<unsigned char>(c);
      if (kPhrasesByFirstByte[LowerAscii(u)] != 0 && !kHead.Contains(u)) return false;
      if (kTail.Contains(u) && !IsWordByte(u)) return false;  // no capitals
    }
    return true;
  }());
  return detail::AnyWordStartPadded<kHead, kTail>(text, [&](std::size_t i) {
    if (!kTrustPrefixes.MayStartAt(text, i) || (i > 0 && WordByteBefore(text, i))) return false;
    for (PhraseSet set = kPhrasesByFirstByte[LowerAscii(static_cast<unsigned char>(text[i]))];
         set != 0; set &= set - 1) {
      if (PhraseAt(text, i, kTrustPhrases[static_cast<std::size_t>(__builtin_ctz(set))])) {
        return true;
      }
    }
    return false;
  });
}

bool HasEmojiSignal(std::string_view text) {
  // Each signal starts with 0xF0 or 0xE2; only those bytes are looked at, whatever the byte
  // before them (an empty set of bytes that rule a candidate out).
  static constexpr detail::ByteSet kFirstBytes{{{{0xE2, 0xE2}, {0xF0, 0xF0}}}};
  return detail::AnyWordStartPadded<kFirstBytes, detail::ByteSet{}>(text, [&](std::size_t i) {
    for (std::string_view emoji : kEmojiSignals) {
      if (text.substr(i, emoji.size()) == emoji) return true;
    }
    return false;
  });
}

}  // namespace sv::ads
