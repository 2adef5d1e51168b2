#include "ads/ages.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "ads/detail/byte_set_scan.h"
#include "ads/detail/phrase_prefix_filter.h"
#include "ads/detail/text_scan.h"

namespace sv::ads {

namespace {

using detail::IsDigit;
using detail::LowerWord;

// The word lists, in one place. All lower case; a phrase matches at the start of a word and may
// continue ("skolflick" finds "skolflickan", "skolflickor").

// Wording that presents the person as a child or a school pupil (`possible_minor`). "barely
// legal" and "teen" are left out: they claim an adult age and are far too common to flag.
constexpr std::array<std::string_view, 41> kChildWording = {
    "skolflick",        "skoltjej",     "skolbrud",      "skolpojk",         "skolkille",
    "skolelev",         "går i nian",   "går i 9an",     "går i åttan",      "går i 8an",
    "går i sjuan",      "går i 7an",    "går i sexan",   "gar i nian",       "gar i attan",
    "gar i sjuan",      "högstadie",    "hogstadie",     "mellanstadie",     "gymnasietjej",
    "gymnasiebrud",     "gymnasieelev", "gymnasiekille", "går på gymnasiet", "går i gymnasiet",
    "gar pa gymnasiet", "minderårig",   "minderarig",    "underårig",        "tonårsflick",
    "schoolgirl",       "school girl",  "schoolboy",     "high school girl", "highschool girl",
    "middle school",    "junior high",  "underage",      "jailbait",         "lolita",
    "in high school"};

// Words after a number that make it an age: "23 år", "19-åring", "19yo", "20 years".
constexpr std::array<std::string_view, 13> kAgeSuffixes = {
    "år",  "årig", "åriga", "åring", "åringen", "ar", "yo",
    "yrs", "yr",   "years", "year",  "jahre",   "ans"};
// Words before a number that make it an age: "ålder: 19", "nyss fyllda 18", "tjej 19",
// "just turned 19".
constexpr std::array<std::string_view, 25> kAgePrefixes = {
    "ålder", "åldern",  "alder",      "age",    "aged",   "fyllda", "fyllt",   "fyllde",
    "im",    "iam",     "tjej",       "tjejen", "kille",  "killen", "girl",    "boy",
    "guy",   "student", "studentska", "brud",   "kvinna", "woman",  "blondin", "brunett",
    "turned"};
// A word between the verb and the age: "jag är bara 16", "I'm only 16".
constexpr std::array<std::string_view, 6> kAgeAdverbs = {"bara", "endast", "only",
                                                         "just", "precis", "typ"};
// Words that join the ages of several persons: "21 och 23 år", "21 and 23 years old".
constexpr std::array<std::string_view, 2> kAgeJoins = {"och", "and"};
// Before the first of two joined numbers, a range and not ages: "män mellan 25 och 60 år".
constexpr std::array<std::string_view, 2> kRangeBefore = {"mellan", "between"};
// Ages joined with "och", "and", "&" or commas are followed at most this many numbers ahead
// ("19, 21 och 23 år"), which keeps the scan linear on hostile text.
constexpr int kMaxJoinedAges = 4;
// "jag är 21", "I am 21", "I'm 21", "she's 19": a verb after one of the persons.
constexpr std::array<std::string_view, 7> kAgeVerbs = {"är", "e", "ar", "am", "is", "m", "s"};
constexpr std::array<std::string_view, 6> kPersons = {"jag", "hon", "han", "i", "she", "he"};
// Words before "NN år" that make it a duration or a disclaimer: "i 10 år", "över 18 år".
constexpr std::array<std::string_view, 20> kNotAgeBefore = {
    "över", "over", "minst", "från", "fran", "under", "än",    "than",  "sedan", "sen",
    "i",    "för",  "efter", "in",   "for",  "since", "after", "least", "plus",  "senast"};
// Words after "NN år" that make it a duration: "15 år sedan", "10 years of experience".
constexpr std::array<std::string_view, 6> kNotAgeAfter = {"sedan", "sen",  "ago",
                                                          "of",    "kvar", "erfarenhet"};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// The word that ends just before `end`, skipping at most a few bytes of spaces and punctuation
// (not digits). Sets `start` to where it begins. Empty when there is none.
void WordBefore(std::string_view s, std::size_t end, LowerWord& out, std::size_t& start) {
  out.Clear();
  std::size_t i = end;
  std::size_t skipped = 0;
  while (i > 0 && skipped < 4) {
    const char c = s[i - 1];
    if (IsDigit(c)) return;
    if (static_cast<unsigned char>(c) == 0x99 && i >= 3 &&  // ’ (U+2019)
        static_cast<unsigned char>(s[i - 3]) == 0xE2 &&
        static_cast<unsigned char>(s[i - 2]) == 0x80) {
      i -= 3;
      ++skipped;
      continue;
    }
    if (detail::IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80) break;
    --i;
    ++skipped;
  }
  std::size_t b = i;
  // Walk back over letters (ASCII, or 2-byte Latin-1 letters whose lead byte is 0xC3).
  while (b > 0 && i - b <= LowerWord::kCapacity) {
    if (b >= 2 && static_cast<unsigned char>(s[b - 2]) == 0xC3 &&
        detail::LetterLength(s, b - 2) == 2) {
      b -= 2;
    } else if (detail::IsAsciiLetter(s[b - 1])) {
      b -= 1;
    } else {
      break;
    }
  }
  start = b;
  if (i - b > LowerWord::kCapacity) return;  // a long word: not one of ours
  if (b < i) out.Set(s.substr(b, i - b));
}

// The word that starts just after `begin`, skipping at most a few spaces or a hyphen. Sets `end`.
void WordAfter(std::string_view s, std::size_t begin, LowerWord& out, std::size_t& end) {
  out.Clear();
  std::size_t i = begin;
  std::size_t skipped = 0;
  while (i < s.size() && skipped < 3 && (s[i] == ' ' || s[i] == '-' || s[i] == '\t')) {
    ++i;
    ++skipped;
  }
  end = detail::WordEnd(s, i);
  if (end > i) out.Set(s.substr(i, end - i));
}

bool JoinedToDigitsBefore(std::string_view s, std::size_t begin) {
  if (begin == 0) return false;
  const char p = s[begin - 1];
  if (IsDigit(p) || p == '+' || p == '$' || detail::IsAsciiLetter(p)) return true;
  return (p == ' ' || p == '-' || p == '.' || p == '/' || p == ':' || p == ',') && begin >= 2 &&
         IsDigit(s[begin - 2]);
}

bool JoinedToDigitsAfter(std::string_view s, std::size_t end) {
  if (end >= s.size()) return false;
  const char n = s[end];
  if (IsDigit(n) || n == '%' || n == '+') return true;
  if ((n == '-' || n == '.' || n == '/' || n == ':' || n == ',') && end + 1 < s.size() &&
      IsDigit(s[end + 1])) {
    return true;
  }
  // "18 - 25", "19 / 20"
  return (
      n == ' ' && end + 2 < s.size() && (s[end + 1] == '-' || s[end + 1] == '/') &&
      (IsDigit(s[end + 2]) || (s[end + 2] == ' ' && end + 3 < s.size() && IsDigit(s[end + 3]))));
}

// A two-digit number right after the number ending at `end`, joined to it by "och", "and", "&"
// or a comma ("21 och 23", "19, 21"): sets [begin, end) of the next number.
bool NextJoinedNumber(std::string_view s, std::size_t end, std::size_t& next_begin,
                      std::size_t& next_end) {
  const auto spaces = [&](std::size_t i) {
    const std::size_t from = i;
    while (i < s.size() && s[i] == ' ' && i - from < 2) ++i;
    return i;
  };
  std::size_t i = spaces(end);
  if (i < s.size() && (s[i] == ',' || s[i] == '&')) {
    i = spaces(i + 1);
  } else if (i > end && detail::IsLetterAt(s, i)) {
    const std::size_t word_end = detail::WordEnd(s, i);
    LowerWord w;
    w.Set(s.substr(i, word_end - i));
    if (!In(kAgeJoins, w.view())) return false;
    i = spaces(word_end);
    if (i == word_end) return false;  // "och23"
  } else {
    return false;
  }
  if (i >= s.size() || !IsDigit(s[i]) || s[i] == '0') return false;
  next_begin = i;
  next_end = detail::DigitsEnd(s, i);
  return next_end - next_begin == 2 && !JoinedToDigitsAfter(s, next_end);
}

// Whether the word `join` (ending before `join_start`) joins a number that follows a range word:
// "mellan 25 och 60 år" (the 60 of a range).
bool FollowsRange(std::string_view s, std::size_t join_start) {
  std::size_t i = join_start;
  while (i > 0 && s[i - 1] == ' ' && join_start - i < 2) --i;
  const std::size_t digits_end = i;
  while (i > 0 && IsDigit(s[i - 1]) && digits_end - i < 3) --i;
  if (i == digits_end) return false;
  LowerWord before;
  std::size_t before_start = 0;
  WordBefore(s, i, before, before_start);
  return before.size > 0 && In(kRangeBefore, before.view());
}

// Whether the two-digit number at [begin, end) is stated as an age. `joined`: how many numbers
// before it were joined to it ("21 och 23 år").
bool IsStatedAge(std::string_view s, std::size_t begin, std::size_t end, int joined = 0) {
  LowerWord after, before, before2;
  std::size_t after_end = 0, before_start = 0, before2_start = 0;
  WordAfter(s, end, after, after_end);
  WordBefore(s, begin, before, before_start);
  if (after.size > 0) {
    std::string_view a = after.view();
    bool suffix = In(kAgeSuffixes, a);
    // "19 y/o", "19 y.o."
    if (!suffix && a == "y" && after_end + 1 < s.size() &&
        (s[after_end] == '/' || s[after_end] == '.') && (s[after_end + 1] | 0x20) == 'o') {
      suffix = true;
    }
    if (suffix) {
      if (before.size > 0 && In(kNotAgeBefore, before.view())) return false;
      if (before.size > 0 && In(kAgeJoins, before.view()) && FollowsRange(s, before_start)) {
        return false;
      }
      LowerWord next;
      std::size_t next_end = 0;
      WordAfter(s, after_end, next, next_end);
      if (next.size > 0 && In(kNotAgeAfter, next.view())) return false;
      return true;
    }
  }
  // "21 och 23 år": joined to a number stated as an age (not "mellan 25 och 60 år").
  std::size_t next_begin = 0, next_end = 0;
  if (joined < kMaxJoinedAges && NextJoinedNumber(s, end, next_begin, next_end) &&
      !(before.size > 0 && (In(kNotAgeBefore, before.view()) || In(kRangeBefore, before.view()))) &&
      IsStatedAge(s, next_begin, next_end, joined + 1)) {
    return true;
  }
  if (before.size == 0) return false;
  // A prefix must be close: "ålder: 19", "tjej 19", not "tjej som gillar 19".
  if (In(kAgePrefixes, before.view())) return true;
  if (In(kAgeAdverbs, before.view())) {
    // "jag är bara 16": the verb is one word further back.
    const std::size_t adverb_start = before_start;
    WordBefore(s, adverb_start, before, before_start);
    if (before.size == 0) return false;
  }
  if (In(kAgeVerbs, before.view())) {
    WordBefore(s, before_start, before2, before2_start);
    if (before2.size > 0 && In(kPersons, before2.view())) {
      // "i m 21" must be "I'm": the apostrophe is required for the one-letter verb.
      if (before.view() == "m" || before2.view() == "s") {
        return before_start >= 1 && (s[before_start - 1] == '\'' ||
                                     static_cast<unsigned char>(s[before_start - 1]) == 0x99);
      }
      return true;
    }
  }
  return false;
}

// The first four bytes of `s` from `i`, lower-cased, as one number; 0 past the end.
std::uint32_t Prefix4(std::string_view s, std::size_t i) {
  if (s.size() - i < 4) return 0;
  std::uint32_t key = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<unsigned char>(c + 32);
    } else if (k > 0 && static_cast<unsigned char>(s[i + k - 1]) == 0xC3 && c >= 0x80 &&
               c <= 0x9E && c != 0x97) {
      c = static_cast<unsigned char>(c + 0x20);
    }
    key = (key << 8) | c;
  }
  return key;
}

constexpr std::uint32_t PhrasePrefix4(std::string_view p) {
  std::uint32_t key = 0;
  for (std::size_t k = 0; k < 4; ++k) key = (key << 8) | static_cast<unsigned char>(p[k]);
  return key;
}

// Compares `phrase` (lower case) with the text at `i`, lower-casing the text.
bool MatchesLower(std::string_view s, std::size_t i, std::string_view phrase) {
  if (s.size() - i < phrase.size()) return false;
  for (std::size_t k = 0; k < phrase.size(); ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<unsigned char>(c + 32);
    } else if (k > 0 && static_cast<unsigned char>(s[i + k - 1]) == 0xC3 && c >= 0x80 &&
               c <= 0x9E && c != 0x97) {
      c = static_cast<unsigned char>(c + 0x20);
    }
    if (c != static_cast<unsigned char>(phrase[k])) return false;
  }
  return true;
}

// For each lower-case first byte, the phrases of kChildWording that start with it, and the first
// four bytes of each phrase.
struct ChildIndex {
  std::array<std::uint64_t, 256> mask{};
  std::array<std::uint32_t, kChildWording.size()> prefix{};
  constexpr ChildIndex() {
    for (std::size_t p = 0; p < kChildWording.size(); ++p) {
      mask[static_cast<unsigned char>(kChildWording[p][0])] |= std::uint64_t{1} << p;
      prefix[p] = PhrasePrefix4(kChildWording[p]);
    }
  }
};
constexpr ChildIndex kChildIndex;
static_assert(kChildWording.size() <= 64);
static_assert(std::all_of(kChildWording.begin(), kChildWording.end(), [](std::string_view p) {
  return p.size() >= 4 && p[0] >= 'a' && p[0] <= 'z';
}));
constexpr detail::PhrasePrefixFilter kChildPrefixes(kChildWording);

}  // namespace

bool HasChildWording(std::string_view text) {
  // A phrase starts where a word of letters does: at an ASCII letter (every phrase starts with
  // one, and only a few letters start one) after a byte that is no ASCII letter, unless that
  // byte ends a two-byte letter ("ä" in "kärlek" does not start a word). The scan skips 16 bytes
  // at a time to the candidates, and a bit table of the phrases' first four bytes rules out
  // almost all of them.
  static constexpr detail::ByteSet kFirstLetters =
      detail::EitherCaseLetters([](unsigned char c) { return kChildIndex.mask[c] != 0; });
  // Either case in one range: the 0x20 bit set, as the head's letters are tested.
  static constexpr detail::ByteSet kAsciiLetters{.either_case = {{{'a', 'z'}}}};
  const auto visit = [&](std::size_t i) {
    if (!kChildPrefixes.MayStartAt(text, i)) return false;
    if (i >= 2 && static_cast<unsigned char>(text[i - 2]) == 0xC3 &&
        detail::LetterLength(text, i - 2) == 2) {
      return false;  // inside a word, after a two-byte letter
    }
    const auto c = static_cast<unsigned char>(text[i] | 0x20);
    const std::uint32_t key = Prefix4(text, i);
    for (std::uint64_t m = kChildIndex.mask[c]; m != 0; m &= m - 1) {
      const auto p = static_cast<std::size_t>(__builtin_ctzll(m));
      if (kChildIndex.prefix[p] == key && MatchesLower(text, i, kChildWording[p])) return true;
    }
    return false;
  };
  return detail::AnyWordStartPadded<kFirstLetters, kAsciiLetters>(text, visit);
}

void FindAges(std::string_view text, AgeFindings& out) {
  // The runs of digits that start with 1-9 (an age has no leading zero), found 16 bytes at a
  // time; a run is read byte by byte only from its start.
  static constexpr detail::ByteSet kNonZeroDigits{{{{'1', '9'}}}};
  static constexpr detail::ByteSet kDigits{{{{'0', '9'}}}};
  const std::size_t held = out.ages.size();
  detail::AnyWordStartPadded<kNonZeroDigits, kDigits>(text, [&](std::size_t i) {
    const std::size_t end = detail::DigitsEnd(text, i);
    if (end - i == 2 && !JoinedToDigitsBefore(text, i) && !JoinedToDigitsAfter(text, end) &&
        IsStatedAge(text, i, end)) {
      out.ages.push_back((text[i] - '0') * 10 + (text[i + 1] - '0'));
    }
    return false;
  });
  if (out.ages.size() != held) {
    std::sort(out.ages.begin(), out.ages.end());
    out.ages.erase(std::unique(out.ages.begin(), out.ages.end()), out.ages.end());
  }
  out.child_wording = out.child_wording || HasChildWording(text);
}

AgeFindings FindAges(std::string_view text) {
  AgeFindings out;
  FindAges(text, out);
  return out;
}

void AddAgeField(std::string_view field, std::vector<int>& ages) {
  std::size_t i = 0;
  bool added = false;
  while (i < field.size()) {
    if (!IsDigit(field[i])) {
      ++i;
      continue;
    }
    const std::size_t end = detail::DigitsEnd(field, i);
    const bool joined = (i > 0 && (field[i - 1] == '.' || field[i - 1] == ',')) ||
                        (end < field.size() && (field[end] == '.' || field[end] == ','));
    if (end - i == 2 && field[i] != '0' && !joined) {
      ages.push_back((field[i] - '0') * 10 + (field[i + 1] - '0'));
      added = true;
    }
    i = end;
  }
  if (added) {
    std::sort(ages.begin(), ages.end());
    ages.erase(std::unique(ages.begin(), ages.end()), ages.end());
  }
}

}  // namespace sv::ads
