// libFuzzer: any bytes as ad text and as the age field. Ages must stay within 10–99, sorted and
// unique; nothing may crash or read outside the text.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ads/ages.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sv::ads::AgeFindings f = sv::ads::FindAges(text);
  sv::ads::AddAgeField(text.substr(0, 64), f.ages);
  for (std::size_t i = 0; i < f.ages.size(); ++i) {
    if (f.ages[i] < 10 || f.ages[i] > 99) __builtin_trap();
    if (i > 0 && f.ages[i - 1] >= f.ages[i]) __builtin_trap();
  }
  return 0;
}
