// libFuzzer target for sv::ads::FindPhones (scripts/fuzz.sh): any bytes, no crash, no undefined
// behaviour, and the result sorted, unique and in E.164.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ads/phones.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sv::ads::FoundPhones found =
      sv::ads::FindPhones(std::string_view(reinterpret_cast<const char*>(data), size));
  for (std::size_t i = 0; i < found.numbers.size(); ++i) {
    if (found.numbers[i].empty() || found.numbers[i][0] != '+') std::abort();
    if (i > 0 && !(found.numbers[i - 1] < found.numbers[i])) std::abort();
  }
  return 0;
}
