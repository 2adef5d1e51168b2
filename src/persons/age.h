#pragma once
// Ages of the people met on the spot, as a whole number when known or a band when only guessed.
// Bands are the codes of docs/api.md; `under_18` and `unknown` matter most: a person who may be a
// child opens a concern-report task (DOMAIN.md).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sv::persons {

inline constexpr int kMaxAge = 120;

// under_18, 18_20, 21_25, 26_35, 36_50, over_50, unknown.
const std::vector<std::string>& AgeBands();
// The band an exact age falls in.
std::string AgeBandOf(int age);

struct Age {
  std::optional<int> years;
  std::string band;  // always set; "unknown" when nothing is known
};

// Checks an age and a band given together: the age 0–120 (field `age`), the band a known code
// (field `age_band`), and a band that contradicts the age refused. The band is derived from the
// age when only the age is given, and is "unknown" when neither is.
Result<Age> ResolveAge(std::optional<int> years, const std::optional<std::string>& band);

// Whether the person may be a child: under 18, or of unknown age.
bool MayBeAChild(const Age& age);

}  // namespace sv::persons
