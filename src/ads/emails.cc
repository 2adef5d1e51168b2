#include "ads/emails.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ads/detail/byte_set_scan.h"

namespace sv::ads {
namespace {

constexpr std::size_t kMaxLocal = 64;
constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxDomain = 253;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }
bool IsAlpha(char c) { return (Lower(c) >= 'a' && Lower(c) <= 'z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLocalChar(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsLabelChar(char c) { return IsAlpha(c) || IsDigit(c) || c == '-'; }

// `lit` (lower case) at `pos`, ignoring ASCII case.
bool MatchAt(std::string_view text, std::size_t pos, std::string_view lit) {
  if (pos > text.size() || text.size() - pos < lit.size()) return false;
  for (std::size_t i = 0; i < lit.size(); ++i) {
    if (Lower(text[pos + i]) != lit[i]) return false;
  }
  return true;
}

struct Marker {
  std::size_t length = 0;  // 0: none
  bool obfuscated = false;
};

// Spaces (at most two) at `pos`.
std::size_t Spaces(std::string_view text, std::size_t pos) {
  std::size_t n = 0;
  while (n < 2 && pos + n < text.size() && text[pos + n] == ' ') ++n;
  return n;
}

// One of `forms` at `pos`, optionally with spaces around it.
Marker Bracketed(std::string_view text, std::size_t pos,
                 std::initializer_list<std::string_view> forms) {
  const std::size_t before = Spaces(text, pos);
  for (std::string_view form : forms) {
    if (MatchAt(text, pos + before, form)) {
      const std::size_t end = pos + before + form.size();
      return {end + Spaces(text, end) - pos, true};
    }
  }
  return {};
}

// " at " (a word with a space on each side), where `lit` is the word.
Marker SpacedWord(std::string_view text, std::size_t pos, std::string_view lit) {
  if (pos >= text.size() || text[pos] != ' ') return {};
  if (!MatchAt(text, pos + 1, lit)) return {};
  const std::size_t end = pos + 1 + lit.size();
  if (end >= text.size() || text[end] != ' ') return {};
  return {end + 1 - pos, true};
}

Marker AtMarker(std::string_view text, std::size_t pos) {
  const char c = text[pos];
  if (c == '@') return {1, false};
  if (c == '\xEF') return MatchAt(text, pos, "\xEF\xBC\xA0") ? Marker{3, true} : Marker{};  // ＠
  char next = c;  // the first character that is not a space: most positions end here
  if (c == ' ') {
    next = pos + 1 < text.size() ? text[pos + 1] : '\0';
    if (next == ' ') next = pos + 2 < text.size() ? text[pos + 2] : '\0';
  }
  // "anna @ gmail.com": spaces around the "@" keep plain matching from seeing an address.
  if (c == ' ' && next == '@') return Bracketed(text, pos, {"@"});
  if (next == '(' || next == '[' || next == '{') {
    return Bracketed(text, pos, {"(at)", "[at]", "{at}", "(a)", "[a]", "(@)", "[@]",
                                 "(snabel-a)", "(snabela)"});
  }
  if (c != ' ') return {};
  if (Lower(next) == 'a') return SpacedWord(text, pos, "at");
  if (Lower(next) != 's') return {};
  if (Marker m = SpacedWord(text, pos, "snabel-a"); m.length > 0) return m;
  if (Marker m = SpacedWord(text, pos, "snabela"); m.length > 0) return m;
  return SpacedWord(text, pos, "snabel a");
}

Marker DotMarker(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return {};
  if (text[pos] == '.') return {1, false};
  if (Marker m = Bracketed(text, pos, {"(dot)", "[dot]", "{dot}", "(punkt)", "[punkt]",
                                       "{punkt}", "(.)", "[.]"});
      m.length > 0) {
    return m;
  }
  if (Marker m = SpacedWord(text, pos, "dot"); m.length > 0) return m;
  if (Marker m = SpacedWord(text, pos, "punkt"); m.length > 0) return m;
  return {};
}

// Top-level domains accepted when the address was written with words for "@" or ".".
constexpr std::array<std::string_view, 44> kKnownTlds{
    "se",  "nu",   "com",  "net",    "org",  "info", "io", "me", "eu", "biz", "co",
    "uk",  "de",   "dk",   "no",     "fi",   "fr",   "es", "it", "nl", "pl",  "ru",
    "ch",  "at",   "be",   "ee",     "lv",   "lt",   "cz", "hu", "ro", "bg",  "gr",
    "pt",  "ie",   "is",   "us",     "ca",   "xyz",  "online", "app", "email", "live", "ua"};

bool KnownTld(std::string_view tld) {
  return std::find(kKnownTlds.begin(), kKnownTlds.end(), tld) != kKnownTlds.end();
}

// Words that stand before " at " in prose ("meet me at hotel.se", "book at booking.com").
constexpr std::array<std::string_view, 24> kProseBeforeAt{
    "me",    "us",     "him",  "her",   "them",   "you",   "book",    "booking",
    "meet",  "find",   "found", "visit", "see",   "look",  "available", "online",
    "only",  "here",   "there", "now",   "live",  "stay",  "work",    "arrive"};

class EmailScanner {
 public:
  EmailScanner(std::string_view text, FoundEmails& found) : text_(text), found_(found) {}

  // Each position is tried on its own (TryAt only adds to found_), so positions where no marker
  // can start may be passed over: 16 at a time by MarkerCandidates (which reads 2 bytes ahead),
  // the last bytes too, from a copy followed by zero bytes (which are in no marker, so that no
  // candidate is past the end, and a space before the end is one only when the text makes it
  // one). Titles and contact fields are mostly shorter than a step or two: one by one, they cost
  // about as much as a body's steps.
  void Run() {
    const std::size_t size = text_.size();
    if (size == 0) return;
    std::size_t pos = 0;
#if defined(__SSE2__)
    // Lane 15: whether the byte at `pos` opens a marker (see MarkerCandidates).
    __m128i opens_before = Opens(_mm_set1_epi8(text_[0]));
    for (; pos + 18 <= size; pos += 16) {
      for (unsigned mask = MarkerCandidates(text_.data() + pos, opens_before); mask != 0;
           mask &= mask - 1) {
        Try(pos + static_cast<std::size_t>(__builtin_ctz(mask)));
      }
    }
    for (; pos < size; pos += 16) {
      std::array<char, 18> rest{};
      std::memcpy(rest.data(), text_.data() + pos, std::min<std::size_t>(size - pos, 18));
      for (unsigned mask = MarkerCandidates(rest.data(), opens_before); mask != 0;
           mask &= mask - 1) {
        Try(pos + static_cast<std::size_t>(__builtin_ctz(mask)));
      }
    }
#endif
    for (; pos < size; ++pos) {
      const char c = text_[pos];
      if (c != '@' && c != ' ' && c != '(' && c != '[' && c != '{' && c != '\xEF') continue;
      Try(pos);
    }
  }

 private:
  void Try(std::size_t pos) {
    const Marker at = AtMarker(text_, pos);
    if (at.length > 0) TryAt(pos, at);
  }

#if defined(__SSE2__)
  // The lanes of x that hold a byte that opens a marker: "@", "(", "[" or "{", and (a superset,
  // for one test fewer) "`" and 0x08. Setting the 0x20 bit makes "[" a "{" and "@" a "`".
  static __m128i Opens(__m128i x) {
    using detail::BytesEqual;
    const __m128i lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
    return _mm_or_si128(_mm_or_si128(BytesEqual(lower, '{'), BytesEqual(lower, '`')),
                        BytesEqual(lower, '('));
  }

  // Bit i set when an "@" marker (AtMarker) may start at p[i], reading p[0, 18): "@", "(", "[",
  // "{", 0xEF (＠), or a space before "@", "(", "[", "{", a space, "at" or "sn" (" at ",
  // " snabel-a ", " @ ", " (at)"; either case). A superset: AtMarker decides. Most text has none
  // of these but the spaces between words, and few of those precede "at" or "sn".
  // `opens_before` has, in lane 15, Opens of p[0]; it is left with that of p[16], for the next
  // step: Opens of p[1, 17) is needed anyway, and gives that of p[0, 16) shifted by a lane.
  static unsigned MarkerCandidates(const char* p, __m128i& opens_before) {
    using detail::BytesEqual;
    const __m128i lower_case = _mm_set1_epi8(0x20);
    const __m128i v = detail::Load16(p);
    const __m128i next = detail::Load16(p + 1);
    const __m128i next_lower = _mm_or_si128(next, lower_case);
    const __m128i after_lower = _mm_or_si128(detail::Load16(p + 2), lower_case);
    const __m128i opens_next = Opens(next);
    const __m128i opens =
        _mm_or_si128(_mm_slli_si128(opens_next, 1), _mm_srli_si128(opens_before, 15));
    opens_before = opens_next;
    const __m128i word =
        _mm_or_si128(_mm_and_si128(BytesEqual(next_lower, 'a'), BytesEqual(after_lower, 't')),
                     _mm_and_si128(BytesEqual(next_lower, 's'), BytesEqual(after_lower, 'n')));
    const __m128i spaced = _mm_and_si128(
        BytesEqual(v, ' '), _mm_or_si128(_mm_or_si128(opens_next, BytesEqual(next, ' ')), word));
    const __m128i any = _mm_or_si128(_mm_or_si128(opens, BytesEqual(v, '\xEF')), spaced);
    return detail::LaneBits(any);
  }
#endif

  void TryAt(std::size_t pos, Marker at) {
    // The local part, ending right before the marker.
    std::size_t begin = pos;
    while (begin > 0 && pos - begin <= kMaxLocal && IsLocalChar(text_[begin - 1])) --begin;
    if (begin > 0 && IsLocalChar(text_[begin - 1])) return;  // longer than any local part
    while (begin < pos && (text_[begin] == '.' || text_[begin] == '-' || text_[begin] == '+')) {
      ++begin;
    }
    std::string_view local = text_.substr(begin, pos - begin);
    if (local.empty() || local.size() > kMaxLocal || local.back() == '.') return;

    // The domain: labels joined by dots.
    std::string address;
    for (char c : local) address += Lower(c);
    if (at.obfuscated && text_[pos] == ' ' && MatchAt(text_, pos + 1, "at")) {
      if (std::find(kProseBeforeAt.begin(), kProseBeforeAt.end(), address) !=
          kProseBeforeAt.end()) {
        return;
      }
    }
    address += '@';
    bool obfuscated = at.obfuscated;
    std::size_t p = pos + at.length;
    std::size_t labels = 0;
    std::size_t domain_begin = address.size();
    std::size_t last_label = address.size();
    while (address.size() - domain_begin <= kMaxDomain) {
      std::size_t end = p;
      while (end < text_.size() && end - p <= kMaxLabel && IsLabelChar(text_[end])) ++end;
      if (end == p || end - p > kMaxLabel || text_[p] == '-' || text_[end - 1] == '-') break;
      if (labels > 0) address += '.';
      last_label = address.size();
      for (std::size_t k = p; k < end; ++k) address += Lower(text_[k]);
      ++labels;
      const Marker dot = DotMarker(text_, end);
      if (dot.length == 0 || end + dot.length >= text_.size() ||
          !IsLabelChar(text_[end + dot.length])) {
        break;
      }
      obfuscated = obfuscated || dot.obfuscated;
      p = end + dot.length;
    }
    if (labels < 2 || address.size() - domain_begin > kMaxDomain) return;
    const std::string_view tld = std::string_view(address).substr(last_label);
    if (tld.size() < 2 || tld.size() > 24 || !std::all_of(tld.begin(), tld.end(), IsAlpha)) return;
    if (obfuscated && !KnownTld(tld)) return;
    auto it = std::lower_bound(found_.addresses.begin(), found_.addresses.end(), address);
    if (it == found_.addresses.end() || *it != address) found_.addresses.insert(it, address);
    found_.obfuscated = found_.obfuscated || obfuscated;
  }

  std::string_view text_;
  FoundEmails& found_;
};

}  // namespace

void FindEmails(std::string_view text, FoundEmails& found) { EmailScanner(text, found).Run(); }

FoundEmails FindEmails(std::string_view text) {
  FoundEmails found;
  FindEmails(text, found);
  return found;
}

}  // namespace sv::ads
