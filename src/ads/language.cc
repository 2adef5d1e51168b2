#include "ads/language.h"

#include <cstdio>  // before CLD2's header, which uses FILE without including it
#include <cstring>

#include <cld2/public/compact_lang_det.h>

namespace sv::ads {

namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// `text` shortened to at most `max` bytes without splitting a character.
std::string_view Prefix(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && IsContinuationByte(text[cut])) --cut;
  return text.substr(0, cut);
}

}  // namespace

std::string_view BodyLanguage(std::string_view body) {
  std::string_view text = Prefix(body, kMaxLanguageBytes);
  bool reliable = false;
  int valid_prefix = 0;
  CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, &reliable, &valid_prefix);
  if (valid_prefix >= 0 && static_cast<std::size_t>(valid_prefix) < text.size()) {
    // Read up to the first invalid byte, cut back to a whole character.
    text = Prefix(text, static_cast<std::size_t>(valid_prefix));
    if (text.size() < kMinLanguageBytes) return {};
    lang = CLD2::DetectLanguageCheckUTF8(text.data(), static_cast<int>(text.size()),
                                         /*is_plain_text=*/true, &reliable, &valid_prefix);
  }
  if (text.size() < kMinLanguageBytes || !reliable || lang == CLD2::UNKNOWN_LANGUAGE) return {};
  const char* code = CLD2::LanguageCode(lang);
  if (code == nullptr) return {};
  const std::size_t n = std::strlen(code);
  // ISO 639-1 only: "sv", "en"; "zh-Hant" gives "zh"; three-letter codes give nothing.
  if (n < 2 || (n > 2 && code[2] != '-')) return {};
  if (code[0] < 'a' || code[0] > 'z' || code[1] < 'a' || code[1] > 'z') return {};
  return {code, 2};
}

}  // namespace sv::ads
