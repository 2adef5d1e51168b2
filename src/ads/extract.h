#pragma once
// What one observation's texts and fields say, added to its ad's record: phones, e-mails, ages,
// child wording, prices, the municipality and the wording signals. (The language is the
// template's: see analysis.h.) Shared by the analysis of a
// file (analysis.h) and the incremental import into the database (the adwatch module), so both
// read an ad the same way.

#include <cstdint>

#include "ads/analysis.h"
#include "ads/observation.h"

namespace sv::ads {

class PlaceFinder;

// Adds what `o` says to `ad` (unique values; the municipality only when not yet known) and sets
// `template_text` to the body when it is empty. `ad.site`, `ad_id`, times and
// kind are the caller's. With `times`, adds the time of each extractor to it.
void ExtractObservation(const Observation& o, const PlaceFinder& places, AdRecord& ad,
                        std::string& template_text, StageTimes* times = nullptr);

// A stable 64-bit hash of everything an observation says apart from when it was seen: an ad seen
// again with the same content need not be read again. Stable across runs and builds (it is
// stored by the import).
uint64_t ContentHash(const Observation& o);

}  // namespace sv::ads
