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
  std::vector<std::string> codes;
  const bool minor =
      ad.child_wording || std::any_of(ad.ages.begin(), ad.ages.end(), [](int a) { return a < 18; });
  if (minor) codes.push_back("possible_minor");
  if (ad.obfuscated_phone) codes.push_back("obfuscated_phone");
  if (shared_contact) codes.push_back("shared_contact");
  if (multi_city) codes.push_back("multi_city");
  if (ad.trust_language) codes.push_back("trust_language");
  if (ad.area_mismatch) codes.push_back("area_mismatch");
  if (ad.emoji_signal) codes.push_back("emoji_signal");
  std::sort(codes.begin(), codes.end());
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
