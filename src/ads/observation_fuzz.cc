// libFuzzer: any bytes as one line of the exchange format. The parser must return an
// Observation or an error, never crash, and never read past the line.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ads/observation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sv::ads::ObservationParser parser(1 << 16);
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  sv::Result<sv::ads::Observation> o = parser.Parse(line);
  if (o.ok() && (o->site.empty() || o->ad_id.empty())) __builtin_trap();
  return 0;
}
