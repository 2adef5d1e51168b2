#pragma once
// Prices in ad text (../shared/spec/ads.md, `prices`): an amount, its currency and the time it
// buys, when stated.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sv::ads {

enum class Currency : std::uint8_t { kSek, kEur, kUsd, kNok, kDkk, kGbp };
std::string_view CurrencyCode(Currency c);  // "SEK", "EUR", …

struct Price {
  std::int64_t amount = 0;
  Currency currency = Currency::kSek;
  std::optional<int> minutes;  // none when the text gives no duration
  bool operator==(const Price&) const = default;
};

// Minutes taken for "natt", "night", "overnight": 12 hours.
inline constexpr int kNightMinutes = 720;

// Appends to `out` the prices in `text` not already there, in the order of the text, up to
// kMaxPrices in all.
//
// An amount is a number with a currency ("1500kr", "2000:-", "€150", "150 euro", "SEK 1500"),
// SEK when the currency is "kr", ":-" or ",-"; or a bare number of 100 to 100,000 right beside a
// duration ("1h 1500", "halvtimme 800", "natt 8000"). Durations: "30 min", "1h", "1,5 h",
// "2 timmar", "/h", "per timme", "halvtimme", "kvart", "natt" (kNightMinutes), "dygn". Within one
// clause (text between newlines, commas, full stops, …) amounts and durations pair in the order
// the clause uses: "30 min 1000 kr 1h 1500 kr" and "1000 kr 30 min, …" both work.
// Numbers joined to other digit groups (phone numbers, postal codes, dates, times, "24/7") and
// bare years are never amounts.
//
// Stateless: may be called from many threads at once. Linear in the text; allocates only what it
// appends.
void FindPrices(std::string_view text, std::vector<Price>& out);

// No ad has more prices; the bound keeps the duplicate check linear on hostile text.
inline constexpr std::size_t kMaxPrices = 64;

// The same for the site's price field, where a bare number ("1500") is an amount in SEK.
void AddPriceField(std::string_view field, std::vector<Price>& out);

}  // namespace sv::ads
