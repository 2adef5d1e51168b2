// libFuzzer: any bytes as ad text and as the price field. Every price must have a positive amount
// and, when given, a positive duration; nothing may crash or read outside the text.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ads/prices.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<sv::ads::Price> prices;
  sv::ads::FindPrices(text, prices);
  sv::ads::AddPriceField(text.substr(0, 64), prices);
  if (prices.size() > 64) __builtin_trap();
  for (const sv::ads::Price& p : prices) {
    if (p.amount <= 0 || p.amount > 1000000) __builtin_trap();
    if (p.minutes && (*p.minutes <= 0 || *p.minutes > 7 * 1440)) __builtin_trap();
    if (sv::ads::CurrencyCode(p.currency).size() != 3) __builtin_trap();
  }
  return 0;
}
