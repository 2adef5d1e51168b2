#pragma once
// What one observation's texts and fields say, added to its ad's record: phones, e-mails, ages,
// child wording, prices, the municipality and the wording signals. (The language is the
// template's: see analysis.h.) Shared by the analysis of a
// file (analysis.h) and the incremental import into the database (the adwatch module), so both
// read an ad the same way.

#include <cstddef>
#include <cstdint>
#include <memory>

#include "ads/analysis.h"
#include "ads/observation.h"

namespace sv::ads {

class PlaceFinder;
class SentenceMemo;

// Adds what `o` says to `ad` (unique values; the municipality only when not yet known) and sets
// `template_text` to the body when it is empty. `ad.site`, `ad_id`, times and
// kind are the caller's. With `times`, adds the time of each extractor to it.
//
// The body is read sentence by sentence (sentences.h): no phone number, e-mail address, age,
// price or phrase found spans the end of a sentence, and the municipality the body names is the
// first one its sentences name (places.h: PlaceFinder::FindNamed, and where that differs from
// Find over the whole body). With `memo`, what a sentence says (the municipalities it names too)
// is remembered there and not worked out again when another body (of this ad or another) has the
// same sentence: the result is the same with or without one.
void ExtractObservation(const Observation& o, const PlaceFinder& places, AdRecord& ad,
                        std::string& template_text, StageTimes* times = nullptr,
                        SentenceMemo* memo = nullptr);

// What the sentences of the bodies read so far said, for ExtractObservation. Most of a body is
// sentences that other ads (a template's fixed text, a writer's stock phrases) or other days of
// the same ad have shown word for word: on the synthetic corpus about nine in ten. Bounded: a
// fixed table of sentences (128-bit hashes, seeded per process, so that no writer of an ad can
// make two sentences collide) in which a new sentence takes the place of the older of two.
// For one thread at a time.
class SentenceMemo {
 public:
  // Room for this many sentences (rounded up to a power of two). The default, 2^19, is a table
  // of 12 MB, in huge pages, and at most about 100 MB for what the sentences that say something
  // say (one record each): at a million ads the sentences that come back (most of them stock
  // phrases) keep their places, and the analysis stays within 2 GB (1.7 GB at a million
  // synthetic ads).
  explicit SentenceMemo(std::size_t sentences = std::size_t{1} << 19);
  ~SentenceMemo();
  SentenceMemo(const SentenceMemo&) = delete;
  SentenceMemo& operator=(const SentenceMemo&) = delete;

 private:
  friend void ExtractObservation(const Observation&, const PlaceFinder&, AdRecord&, std::string&,
                                 StageTimes*, SentenceMemo*);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A stable 64-bit hash of everything an observation says apart from when it was seen: an ad seen
// again with the same content need not be read again. Stable across runs and builds (it is
// stored by the import).
uint64_t ContentHash(const Observation& o);

}  // namespace sv::ads
