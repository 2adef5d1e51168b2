// libFuzzer: any bytes as an ad body for the language of the body (CLD2 on the first bytes, cut
// on a character boundary). Nothing may crash or read outside the text, and the answer is ""
// or a two-letter lower-case code.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ads/language.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string_view code = sv::ads::BodyLanguage(text);
  if (!code.empty()) {
    if (code.size() < 2 || code.size() > 3) __builtin_trap();
    for (char c : code) {
      if (c < 'a' || c > 'z') __builtin_trap();
    }
  }
  return 0;
}
