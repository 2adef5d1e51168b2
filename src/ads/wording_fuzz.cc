// libFuzzer: any bytes as ad text for the wording signals, and for the highlights of every
// extractor (which call each extractor on parts of the text): nothing may crash or read outside
// the text, and every highlight must lie within it, on the order given.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ads/highlights.h"
#include "ads/places.h"
#include "ads/wording.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const sv::ads::PlaceFinder places = sv::ads::PlaceFinder::Embedded().value();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)sv::ads::HasTrustLanguage(text);
  (void)sv::ads::HasEmojiSignal(text);
  if (size > 4096) return 0;  // highlights are for one ad on a page
  std::size_t previous = 0;
  for (const sv::ads::Highlight& h : sv::ads::FindHighlights(text, places)) {
    if (h.begin >= h.end || h.end > size || h.begin < previous) __builtin_trap();
    previous = h.begin;
    if (sv::ads::Utf16Offset(text, h.end) > sv::ads::Utf16Offset(text, size)) __builtin_trap();
  }
  return 0;
}
