#include "persons/age.h"

#include <algorithm>

namespace sv::persons {

const std::vector<std::string>& AgeBands() {
  static const std::vector<std::string> bands = {"under_18", "18_20",   "21_25",  "26_35",
                                                 "36_50",    "over_50", "unknown"};
  return bands;
}

std::string AgeBandOf(int age) {
  if (age < 18) return "under_18";
  if (age <= 20) return "18_20";
  if (age <= 25) return "21_25";
  if (age <= 35) return "26_35";
  if (age <= 50) return "36_50";
  return "over_50";
}

Result<Age> ResolveAge(std::optional<int> years, const std::optional<std::string>& band) {
  if (years && (*years < 0 || *years > kMaxAge)) {
    return Status::InvalidInput("must be from 0 to " + std::to_string(kMaxAge), "age");
  }
  if (band && std::find(AgeBands().begin(), AgeBands().end(), *band) == AgeBands().end()) {
    return Status::InvalidInput("\"" + *band + "\" is not an age band", "age_band");
  }
  Age age;
  age.years = years;
  if (years) {
    age.band = AgeBandOf(*years);
    if (band && *band != "unknown" && *band != age.band) {
      return Status::InvalidInput("the age " + std::to_string(*years) + " is in the band " +
                                      age.band + ", not " + *band,
                                  "age_band");
    }
  } else {
    age.band = band.value_or("unknown");
  }
  return age;
}

bool MayBeAChild(const Age& age) { return age.band == "under_18" || age.band == "unknown"; }

}  // namespace sv::persons
