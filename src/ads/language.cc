#include "ads/language.h"

#include <cstdio>  // before CLD2's header, which uses FILE without including it
#include <cstring>
#include <string>

#include <cld2/public/compact_lang_det.h>

namespace sv::ads {

namespace {

// Bytes of padding after the text CLD2 reads (it looks ahead at most a few characters).
constexpr std::size_t kCld2Padding = 32;

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// `text` shortened to at most `max` bytes without splitting a character.
std::string_view Prefix(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && IsContinuationByte(text[cut])) --cut;
  return text.substr(0, cut);
}

}  // namespace

std::string_view LanguageSample(std::string_view body) { return Prefix(body, kMaxLanguageBytes); }

std::string_view BodyLanguage(std::string_view body) {
  // CLD2's scanners read a few bytes past the length they are given (found by fuzz_language: a
  // wild read, and a crash, on text ending in a two-byte character). It reads from a copy padded
  // with NUL bytes, which its tables treat as plain ASCII.
  thread_local std::string padded;
  auto detect = [](std::string_view text, bool& reliable, int& valid_prefix) {
    padded.assign(text);
    padded.append(kCld2Padding, '\0');
    return CLD2::DetectLanguageCheckUTF8(padded.data(), static_cast<int>(text.size()),
                                         /*is_plain_text=*/true, &reliable, &valid_prefix);
  };
  std::string_view text = LanguageSample(body);
  if (text.size() < kMinLanguageBytes) return {};
  bool reliable = false;
  int valid_prefix = 0;
  CLD2::Language lang = detect(text, reliable, valid_prefix);
  if (valid_prefix >= 0 && static_cast<std::size_t>(valid_prefix) < text.size()) {
    // Read up to the first invalid byte, cut back to a whole character.
    text = Prefix(text, static_cast<std::size_t>(valid_prefix));
    if (text.size() < kMinLanguageBytes) return {};
    lang = detect(text, reliable, valid_prefix);
  }
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE) return {};
  const char* code = CLD2::LanguageCode(lang);
  if (code == nullptr) return {};
  const std::size_t n = std::strlen(code);
  // ISO 639-1 only: "sv", "en"; "zh-Hant" gives "zh"; three-letter codes give nothing.
  if (n < 2 || (n > 2 && code[2] != '-')) return {};
  if (code[0] < 'a' || code[0] > 'z' || code[1] < 'a' || code[1] > 'z') return {};
  return {code, 2};
}

}  // namespace sv::ads
