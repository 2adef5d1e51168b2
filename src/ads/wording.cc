#include "ads/wording.h"

#include <array>
#include <cstdint>
#include <string>

namespace sv::ads {

namespace {

// Lower-cases ASCII and Å Ä Ö É; "100 %" and "100%" both become "100%".
std::string Fold(std::string_view text) {
  std::string out(text.size(), '\0');  // never longer than the text
  std::size_t o = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      out[o++] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < text.size()) {
      const auto n = static_cast<unsigned char>(text[i + 1]);
      out[o++] = static_cast<char>(c);
      out[o++] = static_cast<char>(n == 0x85 || n == 0x84 || n == 0x96 || n == 0x89 ? n + 0x20 : n);
      ++i;
    } else if (c == ' ' && i + 1 < text.size() && text[i + 1] == '%') {
      continue;
    } else {
      out[o++] = static_cast<char>(c);
    }
  }
  out.resize(o);
  return out;
}

constexpr bool IsWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80;
}

// Whether `phrase` occurs in `text` as whole words (it may end inside a longer word when it ends
// with '*').
bool HasPhrase(std::string_view text, std::string_view phrase) {
  const bool prefix = !phrase.empty() && phrase.back() == '*';
  if (prefix) phrase.remove_suffix(1);
  for (std::size_t at = text.find(phrase); at != std::string_view::npos;
       at = text.find(phrase, at + 1)) {
    const std::size_t end = at + phrase.size();
    const bool starts = at == 0 || !IsWordByte(text[at - 1]) || !IsWordByte(phrase.front());
    const bool ends = prefix || end == text.size() || !IsWordByte(text[end]) ||
                      !IsWordByte(phrase.back());
    if (starts && ends) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 24> kTrustPhrases = {
    "100% äkta",      "äkta bilder",   "riktiga bilder", "egna bilder",     "verifierad*",
    "inga fejk*",     "ingen fejk*",   "inte fejk*",     "ej fejk*",        "inga fake",
    "lita på mig",    "100% seriös",   "garanterat äkta", "real pics",      "real photos",
    "100% real",      "no fake*",      "not fake",       "verified",        "genuine photos",
    "trust me",       "100% legit",    "legit and real", "my own photos",
};

constexpr std::array<std::string_view, 4> kEmojiSignals = {
    "\xF0\x9F\x92\x97",  // 💗 growing heart
    "\xF0\x9F\x8D\x92",  // 🍒 cherry
    "\xF0\x9F\x91\x91",  // 👑 crown
    "\xE2\x9C\x88",      // ✈ airplane
};

// Per byte, the phrases of kTrustPhrases that start with it and with a word byte: such a phrase
// can only match where a word starts (HasPhrase's `starts`).
using PhraseSet = uint32_t;
static_assert(kTrustPhrases.size() <= 32);
constexpr std::array<PhraseSet, 256> kPhrasesByFirstByte = [] {
  std::array<PhraseSet, 256> table{};
  for (std::size_t i = 0; i < kTrustPhrases.size(); ++i) {
    const char first = kTrustPhrases[i].front();
    if (IsWordByte(first)) table[static_cast<unsigned char>(first)] |= PhraseSet{1} << i;
  }
  return table;
}();

// Whether `phrase` occurs at `at`, a word start of `text`, as whole words (HasPhrase's `ends`).
bool PhraseAt(std::string_view text, std::size_t at, std::string_view phrase) {
  const bool prefix = phrase.back() == '*';
  if (prefix) phrase.remove_suffix(1);
  if (text.compare(at, phrase.size(), phrase) != 0) return false;
  const std::size_t end = at + phrase.size();
  return prefix || end == text.size() || !IsWordByte(text[end]) || !IsWordByte(phrase.back());
}

}  // namespace

bool HasTrustLanguage(std::string_view text) {
  if (text.empty()) return false;
  const std::string folded = Fold(text);
  // One pass over the word starts, trying only the phrases that start with the word's first
  // byte, rather than a search of the whole text per phrase: the same matches (every phrase
  // starts with a word byte, see kPhrasesByFirstByte), in a fraction of the time.
  for (std::size_t at = 0; at < folded.size(); ++at) {
    if (at > 0 && IsWordByte(folded[at - 1])) continue;
    for (PhraseSet set = kPhrasesByFirstByte[static_cast<unsigned char>(folded[at])]; set != 0;
         set &= set - 1) {
      if (PhraseAt(folded, at, kTrustPhrases[static_cast<std::size_t>(__builtin_ctz(set))])) {
        return true;
      }
    }
  }
  for (std::string_view phrase : kTrustPhrases) {
    if (!IsWordByte(phrase.front()) && HasPhrase(folded, phrase)) return true;
  }
  return false;
}

bool HasEmojiSignal(std::string_view text) {
  for (std::string_view emoji : kEmojiSignals) {
    if (text.find(emoji) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace sv::ads
