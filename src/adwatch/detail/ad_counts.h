#pragma once
// The counts of active ads per period and municipality over the imported ads, with the start
// dates of operations in those municipalities: what `AdWatch::Counts` returns and the outcome
// evaluation (`ad_outcome.h`) fits, read without an access decision. Internal to the adwatch
// module: callers decide access first.

#include <optional>
#include <string>
#include <vector>

#include "adwatch/ad_watch.h"

namespace soci {
class session;
}

namespace sv::adwatch::detail {

// Counts over the ads of `municipalities` (empty: all) active in [from, to], and the operations
// planned in that range. Sets `first_day`/`last_day` to the first and last Swedish day any
// counted ad was seen.
Status LoadAdCounts(soci::session& sql, ads::Period period,
                    const std::vector<std::string>& municipalities, std::optional<CivilDate> from,
                    std::optional<CivilDate> to, AdCounts& counts);

}  // namespace sv::adwatch::detail
