#pragma once
// Demo ads for trying the ad watch: a synthetic corpus (ads/synth.h, no real person's data)
// moved so that it ends today, imported as `samverkan ads import` would, so the triage queue,
// the groups and the chart of active ads (with the demo operations marked) have something to
// show. Importing again adds nothing: the corpus is the same for the same count.

#include <cstdint>
#include <iosfwd>

#include "core/clock.h"
#include "core/status.h"

namespace sv::adwatch {
class AdImport;
}

namespace sv::app {

Status SeedDemoAds(adwatch::AdImport& import, int64_t count, TimePoint now, std::ostream& out);

}  // namespace sv::app
