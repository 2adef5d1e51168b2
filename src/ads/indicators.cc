#include "ads/indicators.h"

#include <algorithm>
#include <map>

namespace sv::ads {

bool IsMultiCity(std::vector<std::pair<TimePoint, std::string>>& events) {
  std::sort(events.begin(), events.end());
  std::map<std::string, int> in_window;
  std::size_t begin = 0;
  for (std::size_t end = 0; end < events.size(); ++end) {
    ++in_window[events[end].second];
    while (events[end].first - events[begin].first > kMultiCityWindow) {
      if (--in_window[events[begin].second] == 0) in_window.erase(events[begin].second);
      ++begin;
    }
    if (in_window.size() >= kMultiCityPlaces) return true;
  }
  return false;
}

std::vector<std::string> IndicatorsOf(const AdRecord& ad, bool shared_contact, bool multi_city) {
  const bool minor =
      ad.child_wording || std::any_of(ad.ages.begin(), ad.ages.end(), [](int a) { return a < 18; });
  // In sorted order as they are added, and the vector allocated once at its size: sorting and
  // growing it were most of the time of the indicators.
  const std::pair<bool, const char*> codes_if[] = {
      {ad.area_mismatch, "area_mismatch"},
      {ad.emoji_signal, "emoji_signal"},
      {multi_city, "multi_city"},
      {ad.obfuscated_phone, "obfuscated_phone"},
      {minor, "possible_minor"},
      {shared_contact, "shared_contact"},
      {ad.trust_language, "trust_language"},
  };
  std::size_t count = 0;
  for (const auto& code_if : codes_if) count += code_if.first;
  std::vector<std::string> codes;
  codes.reserve(count);
  for (const auto& [on, code] : codes_if) {
    if (on) codes.emplace_back(code);
  }
  return codes;
}

int IndicatorWeight(std::string_view code) {
  // Stronger evidence (DOMAIN.md, the NIJ/JIRN study of 1,263 ads): a minor outweighs all else.
  if (code == "possible_minor") return 10;
  if (code == "obfuscated_phone" || code == "shared_contact" || code == "multi_city" ||
      code == "trust_language" || code == "area_mismatch") {
    return 3;
  }
  // Signals to show, not verdicts (investigators' reports, not outcome studies).
  if (code == "emoji_signal") return 1;
  return 0;
}

int IndicatorWeight(const std::vector<std::string>& codes) {
  int sum = 0;
  for (const std::string& c : codes) sum += IndicatorWeight(c);
  return sum;
}

}  // namespace sv::ads
