#pragma once
// `samverkan ads synth` (issue 7, point 8): a synthetic ad corpus and its ground truth, for
// measuring the analysis (src/ads/agreement.h) and for benchmarks. Needs no database.

#include <cstdint>
#include <iosfwd>
#include <string>

namespace sv::app {

// Writes `count` synthetic ads made from `seed` (ads/synth.h): the observations to `output` ("" or
// "-": `out`) and, when `truth` is not empty, the ground truth to that file. The summary goes to
// `err`. Returns 0, 2 for a count below 0 or a file that cannot be written, 1 when writing fails.
int RunAdsSynth(int64_t count, uint64_t seed, const std::string& truth, const std::string& output,
                std::ostream& out, std::ostream& err);

}  // namespace sv::app
