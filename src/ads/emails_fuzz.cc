// libFuzzer target for sv::ads::FindEmails (scripts/fuzz.sh): any bytes, no crash, no undefined
// behaviour, and the result sorted, unique and holding one "@".
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ads/emails.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sv::ads::FoundEmails found =
      sv::ads::FindEmails(std::string_view(reinterpret_cast<const char*>(data), size));
  for (std::size_t i = 0; i < found.addresses.size(); ++i) {
    if (found.addresses[i].find('@') == std::string_view::npos) std::abort();
    if (i > 0 && !(found.addresses[i - 1] < found.addresses[i])) std::abort();
  }
  return 0;
}
