#pragma once
// The indicators of an ad (../shared/spec/ads.md, "Indicator codes"; docs/indicators.md gives
// each one's definition, evidence and weight). Shared by the analysis of a file and the import
// into the database, so both flag an ad the same way.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ads/analysis.h"
#include "core/clock.h"

namespace sv::ads {

// The window and the number of municipalities of `multi_city`.
inline constexpr auto kMultiCityWindow = std::chrono::hours(24 * 30);
inline constexpr std::size_t kMultiCityPlaces = 3;

// Whether a group's ads, as (time, municipality) events (each ad's first and last observation),
// advertise in kMultiCityPlaces or more municipalities within kMultiCityWindow. Sorts `events`.
bool IsMultiCity(std::vector<std::pair<TimePoint, std::string>>& events);

// The sorted codes of one ad: its own (possible_minor, obfuscated_phone) and those its group or
// contacts decide (shared_contact, multi_city).
std::vector<std::string> IndicatorsOf(const AdRecord& ad, bool shared_contact, bool multi_city);

// The weight of an indicator in the triage order (docs/indicators.md); 0 for an unknown code.
int IndicatorWeight(std::string_view code);
// The sum of the weights of `codes`.
int IndicatorWeight(const std::vector<std::string>& codes);

}  // namespace sv::ads
