#pragma once
// A synthetic ad corpus with its ground truth (issue 7, point 8): realistic Swedish and English
// escort ads and sugar-dating profiles, written by organised groups (several persons sharing
// phones, templates and photos, moving between cities) and by independent advertisers, with the
// obfuscated contacts, stated ages, possible minors, places and prices the extractors must read.
// The truth says what the generator wrote, so that the analysis can be measured against it
// (agreement.h) and benchmarked on corpora of any size without real, personal data.

#include <cstdint>
#include <iosfwd>

namespace sv::ads {

struct SynthOptions {
  int64_t count = 1000;  // distinct ads
  uint64_t seed = 1;
};

// Writes observations (JSON Lines per ../shared/spec/ads.md, about 3 per ad on different days,
// bodies about 600 bytes) to `observations`, and, when `truth` is not null, one JSON object per
// distinct ad to `truth` in the order of first appearance:
// {"site","ad_id","phones":[E.164 sorted],"emails":[sorted],"ages":[sorted],"municipality":"2480"|null,
//  "template":"…","group":"…","kind":"escort"|"sugar","language":"sv"|"en","minor":bool}
//
// `ages` holds only ages written in the ad (text, title or age field); `minor` is whether the ad
// states an age under 18 or presents the person as a child or pupil; `group` is the connected
// component of the ad under the spec's linking rules, computed from the keys the generator put
// in (template, phone numbers, e-mail addresses, image hashes).
//
// The same options always give the same bytes, on every platform (own integer arithmetic over
// seeded generators, no standard distributions, no unordered iteration). Observations are in the
// order of the days they were seen. Memory grows with the keys (about 16 bytes per ad for the
// truth's groups), not with the text: ads are rendered when their observations are due, then
// forgotten.
// A count of 0 or less writes nothing. The reference data is compiled in (data/geo,
// data/ads/place_aliases.csv); should it not load, `observations` is set to fail.
void WriteSynthCorpus(const SynthOptions& options, std::ostream& observations, std::ostream* truth);

}  // namespace sv::ads
