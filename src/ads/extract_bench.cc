// The kernels of the ad pipeline, each over the same 2,000 synthetic observations (synth.h):
// line parsing, the extractors, the content hash and the template signature. Times are per
// observation; bench/ads_pipeline measures the whole pipeline. Built with the `bench` preset:
//
//   taskset -c 0 build/bench/ads_bench

#include <benchmark/benchmark.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ads/ages.h"
#include "ads/emails.h"
#include "ads/extract.h"
#include "ads/language.h"
#include "ads/observation.h"
#include "ads/phones.h"
#include "ads/places.h"
#include "ads/prices.h"
#include "ads/sentences.h"
#include "ads/synth.h"
#include "ads/templates.h"
#include "ads/wording.h"

namespace sv::ads {
namespace {

struct Sample {
  std::vector<std::string> lines;
  std::vector<Observation> observations;
};

const Sample& TheSample() {
  static const Sample sample = [] {
    Sample s;
    std::stringstream out;
    WriteSynthCorpus({.count = 700, .seed = 7}, out, nullptr);
    ObservationParser parser;
    std::string line;
    while (std::getline(out, line) && s.lines.size() < 2000) {
      Result<Observation> o = parser.Parse(line);
      if (!o.ok()) continue;
      s.lines.push_back(line);
      s.observations.push_back(std::move(*o));
    }
    return s;
  }();
  return sample;
}

// Runs `f` on each observation of the sample per iteration; items are observations.
template <typename F>
void ForEachObservation(benchmark::State& state, F&& f) {
  const Sample& s = TheSample();
  for (auto _ : state) {
    for (const Observation& o : s.observations) f(o);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(s.observations.size()));
}

// The same on the first 40 observations, whose texts stay in the cache as they do in the
// analysis, where the extractors before have read them: the time of the kernel itself.
template <typename F>
void ForEachCachedObservation(benchmark::State& state, F&& f) {
  const Sample& s = TheSample();
  const std::size_t n = std::min<std::size_t>(40, s.observations.size());
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; ++i) f(s.observations[i]);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}

void BM_ParseLine(benchmark::State& state) {
  const Sample& s = TheSample();
  ObservationParser parser;
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& line : s.lines) {
      Result<Observation> o = parser.Parse(line);
      benchmark::DoNotOptimize(o);
      bytes += static_cast<int64_t>(line.size());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(s.lines.size()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ParseLine);

void BM_ContentHash(benchmark::State& state) {
  ForEachObservation(state, [](const Observation& o) { benchmark::DoNotOptimize(ContentHash(o)); });
}
BENCHMARK(BM_ContentHash);

void BM_Phones(benchmark::State& state) {
  ForEachObservation(state, [](const Observation& o) {
    FoundPhones found;
    FindPhones(o.body, found);
    FindPhones(o.title, found);
    FindPhones(o.phone, found);
    benchmark::DoNotOptimize(found);
  });
}
BENCHMARK(BM_Phones);

void BM_Emails(benchmark::State& state) {
  ForEachObservation(state, [](const Observation& o) {
    FoundEmails found;
    FindEmails(o.body, found);
    FindEmails(o.title, found);
    FindEmails(o.email, found);
    benchmark::DoNotOptimize(found);
  });
}
BENCHMARK(BM_Emails);

void BM_Ages(benchmark::State& state) {
  ForEachObservation(state, [](const Observation& o) {
    AgeFindings body = FindAges(o.body);
    AgeFindings title = FindAges(o.title);
    AddAgeField(o.age, body.ages);
    benchmark::DoNotOptimize(body);
    benchmark::DoNotOptimize(title);
  });
}
BENCHMARK(BM_Ages);

void BM_AgesCached(benchmark::State& state) {
  ForEachCachedObservation(state, [](const Observation& o) {
    AgeFindings body = FindAges(o.body);
    AgeFindings title = FindAges(o.title);
    AddAgeField(o.age, body.ages);
    benchmark::DoNotOptimize(body);
    benchmark::DoNotOptimize(title);
  });
}
BENCHMARK(BM_AgesCached);

void BM_Prices(benchmark::State& state) {
  ForEachObservation(state, [](const Observation& o) {
    std::vector<Price> prices;
    FindPrices(o.body, prices);
    AddPriceField(o.price, prices);
    benchmark::DoNotOptimize(prices);
  });
}
BENCHMARK(BM_Prices);

void BM_Wording(benchmark::State& state) {
  ForEachObservation(state, [](const Observation& o) {
    benchmark::DoNotOptimize(HasTrustLanguage(o.body) || HasTrustLanguage(o.title));
    benchmark::DoNotOptimize(HasEmojiSignal(o.body) || HasEmojiSignal(o.title));
  });
}
BENCHMARK(BM_Wording);

void BM_WordingCached(benchmark::State& state) {
  ForEachCachedObservation(state, [](const Observation& o) {
    benchmark::DoNotOptimize(HasTrustLanguage(o.body) || HasTrustLanguage(o.title));
    benchmark::DoNotOptimize(HasEmojiSignal(o.body) || HasEmojiSignal(o.title));
  });
}
BENCHMARK(BM_WordingCached);

void BM_Places(benchmark::State& state) {
  Result<PlaceFinder> places = PlaceFinder::Embedded();
  if (!places.ok()) {
    state.SkipWithError(places.status().message().c_str());
    return;
  }
  ForEachObservation(state, [&](const Observation& o) {
    benchmark::DoNotOptimize(places->Find(o.location, o.body));
  });
}
BENCHMARK(BM_Places);

// The text alone, as `area_mismatch` reads it (the location field usually decides Find above).
void BM_PlacesInText(benchmark::State& state) {
  Result<PlaceFinder> places = PlaceFinder::Embedded();
  if (!places.ok()) {
    state.SkipWithError(places.status().message().c_str());
    return;
  }
  ForEachObservation(
      state, [&](const Observation& o) { benchmark::DoNotOptimize(places->Find("", o.body)); });
}
BENCHMARK(BM_PlacesInText);

void BM_PlacesInTextCached(benchmark::State& state) {
  Result<PlaceFinder> places = PlaceFinder::Embedded();
  if (!places.ok()) {
    state.SkipWithError(places.status().message().c_str());
    return;
  }
  ForEachCachedObservation(
      state, [&](const Observation& o) { benchmark::DoNotOptimize(places->Find("", o.body)); });
}
BENCHMARK(BM_PlacesInTextCached);

// Cutting a body into sentences, as ExtractObservation does before it hashes them.
void BM_Sentences(benchmark::State& state) {
  ForEachObservation(state, [](const Observation& o) {
    std::size_t pieces = 0;
    ForEachSentence(o.body, [&](std::string_view s) { pieces += !s.empty(); });
    benchmark::DoNotOptimize(pieces);
  });
}
BENCHMARK(BM_Sentences);

// Every extractor and the glue around them, as the analysis runs them on a new content: each
// observation into a fresh record, so that the municipality and `area_mismatch` are looked for.
void BM_ExtractObservation(benchmark::State& state) {
  Result<PlaceFinder> places = PlaceFinder::Embedded();
  if (!places.ok()) {
    state.SkipWithError(places.status().message().c_str());
    return;
  }
  std::string template_text;
  ForEachObservation(state, [&](const Observation& o) {
    AdRecord ad;
    template_text.clear();
    ExtractObservation(o, *places, ad, template_text);
    benchmark::DoNotOptimize(ad);
  });
}
BENCHMARK(BM_ExtractObservation);

void BM_Language(benchmark::State& state) {
  ForEachObservation(state,
                     [](const Observation& o) { benchmark::DoNotOptimize(BodyLanguage(o.body)); });
}
BENCHMARK(BM_Language);

void BM_TemplateSignature(benchmark::State& state) {
  ForEachObservation(state, [](const Observation& o) {
    benchmark::DoNotOptimize(TemplateSignature(o.body));
  });
}
BENCHMARK(BM_TemplateSignature);

void BM_TemplateIndex(benchmark::State& state) {
  const Sample& s = TheSample();
  for (auto _ : state) {
    TemplateIndex index;
    for (const Observation& o : s.observations) index.Add(o.body);
    benchmark::DoNotOptimize(index.TemplateOf(0));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(s.observations.size()));
}
BENCHMARK(BM_TemplateIndex);

}  // namespace
}  // namespace sv::ads
