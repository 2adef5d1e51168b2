// libFuzzer: any bytes as the location field and the ad text (split at the first newline). The
// result must be empty or a known four-digit municipality code; nothing may crash or read outside
// the text.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "ads/places.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const sv::ads::PlaceFinder finder = [] {
    sv::Result<sv::ads::PlaceFinder> f = sv::ads::PlaceFinder::Embedded();
    if (!f.ok()) __builtin_trap();
    return std::move(f).value();
  }();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view location =
      newline == std::string_view::npos ? "" : input.substr(0, newline);
  const std::string_view text =
      newline == std::string_view::npos ? input : input.substr(newline + 1);
  const std::string_view code = finder.Find(location, text);
  if (!code.empty() && code.size() != 4) __builtin_trap();
  for (char c : code) {
    if (c < '0' || c > '9') __builtin_trap();
  }
  return 0;
}
