// The synthetic corpus generator (synth.h): ads and bytes per second, written to a sink that
// discards them. The budget: a million ads well under a minute on one core.
//
//   build/bench/ads_bench --benchmark_filter=Synth

#include <benchmark/benchmark.h>

#include <ostream>
#include <streambuf>

#include "ads/synth.h"

namespace {

// Counts what it is given and keeps nothing.
class CountingSink : public std::streambuf {
 public:
  int64_t bytes() const { return bytes_; }

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes_ += n;
    return n;
  }
  int_type overflow(int_type c) override {
    ++bytes_;
    return c;
  }

 private:
  int64_t bytes_ = 0;
};

void BM_WriteSynthCorpus(benchmark::State& state) {
  int64_t bytes = 0;
  for (auto _ : state) {
    CountingSink observations, truth;
    std::ostream out(&observations), truth_out(&truth);
    sv::ads::WriteSynthCorpus({.count = state.range(0), .seed = 2026}, out, &truth_out);
    bytes += observations.bytes() + truth.bytes();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));  // ads
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_WriteSynthCorpus)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
