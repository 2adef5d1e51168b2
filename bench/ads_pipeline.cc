// The whole ad pipeline (issue 7, "Speed and quality"): `samverkan ads analyze` over a synthetic
// corpus (src/ads/synth.h) of 100,000 and 1,000,000 ads, as the command runs it: the file read
// line by line (ads::AddLines), parsed, extracted, then templates, groups and indicators
// (Finish) and the output written (to a sink that discards it). Prints ads/s, lines/s, MB/s, the
// peak memory and its growth over the run, and the time of each stage.
//
//   taskset -c 0 build/bench/ads_pipeline                 # both sizes, on one core
//   build/bench/ads_pipeline --ads=100000 --quality       # one size, with the quality figures
//   build/bench/ads_pipeline --corpus=ads.jsonl           # an existing file instead
//
// Flags of its own (the rest go to Google Benchmark): --ads=N[,N…] (default 100000,1000000),
// --seed=N (default 2026), --quality (also measure the analysis against the generator's truth,
// not timed), --out=FILE (write the analysis output there, for comparing versions; its writing
// is timed), --corpus=PATH, --tmp=DIR (where the corpus is written, default $TMPDIR or /tmp),
// --keep (keep the generated files, to run `samverkan ads analyze` on them), --no-stages (skip
// the second run that times each stage).
//
// The corpus is written before the timed run, by a child process, so that the generator's memory
// does not count in this process's peak; sizes run in ascending order, so that each run's peak
// (ru_maxrss) is its own. The budget: 50,000 ads/s per core and at most 2 GB at 1,000,000 ads.

#include <benchmark/benchmark.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "ads/agreement.h"
#include "ads/analysis.h"
#include "ads/language.h"
#include "ads/places.h"
#include "ads/synth.h"

namespace {

namespace fs = std::filesystem;

struct Flags {
  std::vector<int64_t> sizes{100000, 1000000};
  uint64_t seed = 2026;
  bool quality = false;
  bool keep = false;   // keep the generated corpus files
  std::string corpus;  // an existing file instead of a generated one
  std::string tmp;
  std::string out;     // where the analysis output goes ("" discards it)
  bool stages = true;  // the second run, with the stage clock on
};

Flags& TheFlags() {
  static Flags flags;
  return flags;
}

// One analysis of the corpus.
struct Run {
  sv::ads::AnalysisSummary summary;
  int64_t bytes = 0;
  double wall_seconds = 0;
  double cpu_seconds = 0;
  double write_seconds = 0;
  sv::ads::StageTimes stages;  // zero unless the stages were measured
};

// What one size measured, for the table printed after Google Benchmark's: the timed run, as
// `samverkan ads analyze` runs (no stage clock), and a second run with the stage clock on, for
// the share of each stage (reading the clock a dozen times per line costs a few per cent).
struct Measured {
  std::string name;
  Run timed;
  std::optional<Run> staged;
  int64_t rss_before_kb = 0;
  int64_t peak_kb = 0;
  std::string quality;
};

std::vector<Measured>& Results() {
  static std::vector<Measured> results;
  return results;
}

int64_t PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int64_t CurrentRssKb() {
  std::ifstream statm("/proc/self/statm");
  int64_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Discards what is written to it (the analysis output), as fast as a stream can.
class NullBuffer final : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

struct Corpus {
  std::string observations;
  std::string truth;  // "" without --quality
  bool generated = false;
};

// Writes the corpus of `count` ads into files under the temporary directory, in a child process.
std::optional<Corpus> WriteCorpus(int64_t count) {
  const Flags& flags = TheFlags();
  if (!flags.corpus.empty()) return Corpus{flags.corpus, "", false};
  const char* env = std::getenv("TMPDIR");
  const fs::path dir = !flags.tmp.empty() ? fs::path(flags.tmp)
                       : env != nullptr   ? fs::path(env)
                                          : fs::temp_directory_path();
  const std::string stem = "ads_pipeline_" + std::to_string(getpid()) + "_" +
                           std::to_string(count);
  Corpus corpus{(dir / (stem + ".jsonl")).string(),
                flags.quality ? (dir / (stem + "_truth.jsonl")).string() : "", true};
  std::cerr << "ads_pipeline: writing " << count << " ads to " << corpus.observations << "\n";
  const pid_t child = fork();
  if (child < 0) {
    std::cerr << "ads_pipeline: fork: " << std::strerror(errno) << "\n";
    return std::nullopt;
  }
  if (child == 0) {
    std::ofstream out(corpus.observations, std::ios::binary | std::ios::trunc);
    std::ofstream truth;
    if (!corpus.truth.empty()) truth.open(corpus.truth, std::ios::binary | std::ios::trunc);
    sv::ads::WriteSynthCorpus({.count = count, .seed = flags.seed}, out,
                              corpus.truth.empty() ? nullptr : &truth);
    out.flush();
    truth.flush();
    _exit(out && (corpus.truth.empty() || truth) ? 0 : 1);
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "ads_pipeline: could not write the corpus to " << corpus.observations << "\n";
    return std::nullopt;
  }
  return corpus;
}

std::string Language(std::string_view body) {
  return std::string(sv::ads::BodyLanguage(body));
}

// Analyses the corpus once, timed from opening the file to freeing the analysis. `after` (may be
// empty) is called with the finished analysis, untimed.
Run AnalyzeOnce(const Corpus& corpus, const sv::ads::PlaceFinder& places, bool stages,
                const std::string& out_path,
                const std::function<void(const sv::ads::AdAnalysis&)>& after) {
  Run run;
  double untimed_cpu = 0, untimed_wall = 0;
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = CpuSeconds();
  {
    std::ifstream in(corpus.observations, std::ios::binary);
    sv::ads::AdAnalysis analysis(places, Language);
    analysis.MeasureStages(stages);
    run.bytes = sv::ads::AddLines(in, analysis);
    analysis.Finish();
    const auto write_start = std::chrono::steady_clock::now();
    NullBuffer sink;
    std::ofstream file;
    if (!out_path.empty()) file.open(out_path, std::ios::binary);
    std::ostream out(file.is_open() ? static_cast<std::streambuf*>(file.rdbuf()) : &sink);
    analysis.WriteJsonLines(out);
    run.write_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - write_start).count();
    run.summary = analysis.summary();
    run.stages = analysis.stage_times();
    if (after) {
      const auto after_start = std::chrono::steady_clock::now();
      const double after_cpu_start = CpuSeconds();
      after(analysis);
      untimed_cpu = CpuSeconds() - after_cpu_start;
      untimed_wall =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - after_start).count();
    }
  }
  run.cpu_seconds = CpuSeconds() - cpu_start - untimed_cpu;
  run.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count() -
      untimed_wall;
  return run;
}

void AdsPipeline(benchmark::State& state, const std::string& name, int64_t count) {
  sv::Result<sv::ads::PlaceFinder> places = sv::ads::PlaceFinder::Embedded();
  if (!places.ok()) {
    state.SkipWithError(places.status().message().c_str());
    return;
  }
  const std::optional<Corpus> corpus = WriteCorpus(count);
  if (!corpus) {
    state.SkipWithError("could not write the corpus");
    return;
  }
  malloc_trim(0);
  Measured m;
  m.name = name;
  std::function<void(const sv::ads::AdAnalysis&)> measure_quality;
  if (!corpus->truth.empty()) measure_quality = [&](const sv::ads::AdAnalysis& analysis) {
    std::ifstream truth(corpus->truth, std::ios::binary);
    sv::Result<sv::ads::CorpusQuality> q = sv::ads::MeasureCorpusQuality(analysis.ads(), truth);
    m.quality = q.ok() ? sv::ads::FormatCorpusQuality(*q) : q.status().ToString() + "\n";
  };
  for (auto _ : state) {
    m.rss_before_kb = CurrentRssKb();
    m.timed = AnalyzeOnce(*corpus, *places, /*stages=*/false, TheFlags().out, measure_quality);
    m.peak_kb = PeakRssKb();
    if (TheFlags().stages) {
      state.PauseTiming();
      malloc_trim(0);
      m.staged = AnalyzeOnce(*corpus, *places, /*stages=*/true, "", nullptr);
      state.ResumeTiming();
    }
    state.SetIterationTime(m.timed.wall_seconds);
  }
  const Run& r = m.timed;
  const double ads = static_cast<double>(r.summary.ads);
  state.counters["ads"] = ads;
  state.counters["ads/s"] = ads / r.wall_seconds;
  state.counters["ads/cpu_s"] = ads / r.cpu_seconds;
  state.counters["lines/s"] = static_cast<double>(r.summary.lines) / r.wall_seconds;
  state.counters["MB/s"] = static_cast<double>(r.bytes) / 1e6 / r.wall_seconds;
  state.counters["peak_MB"] = static_cast<double>(m.peak_kb) / 1024;
  state.counters["growth_MB"] =
      static_cast<double>(std::max<int64_t>(0, m.peak_kb - m.rss_before_kb)) / 1024;
  state.SetBytesProcessed(r.bytes);
  state.SetItemsProcessed(r.summary.ads);
  Results().push_back(std::move(m));
  malloc_trim(0);
  if (corpus->generated && TheFlags().keep) {
    std::cerr << "ads_pipeline: kept " << corpus->observations << "\n";
  } else if (corpus->generated) {
    std::error_code ignored;
    fs::remove(corpus->observations, ignored);
    if (!corpus->truth.empty()) fs::remove(corpus->truth, ignored);
  }
}

void PrintStages(const Measured& m) {
  const Run& r = m.timed;
  const double ads = static_cast<double>(std::max<int64_t>(1, r.summary.ads));
  std::printf("\n%s: %" PRId64 " ads, %" PRId64 " lines (%" PRId64 " bad), %.1f MB, %" PRId64
              " templates, %" PRId64 " groups\n",
              m.name.c_str(), r.summary.ads, r.summary.lines, r.summary.bad_lines,
              static_cast<double>(r.bytes) / 1e6, r.summary.templates, r.summary.groups);
  std::printf("  %.2f s wall, %.2f s CPU: %.0f ads/s (%.0f per CPU second), %.0f lines/s, "
              "%.1f MB/s\n",
              r.wall_seconds, r.cpu_seconds, ads / r.wall_seconds, ads / r.cpu_seconds,
              static_cast<double>(r.summary.lines) / r.wall_seconds,
              static_cast<double>(r.bytes) / 1e6 / r.wall_seconds);
  std::printf("  peak memory %.0f MB (ru_maxrss), %.0f MB over the run (%.0f bytes per ad)\n",
              static_cast<double>(m.peak_kb) / 1024,
              static_cast<double>(std::max<int64_t>(0, m.peak_kb - m.rss_before_kb)) / 1024,
              static_cast<double>(std::max<int64_t>(0, m.peak_kb - m.rss_before_kb)) * 1024 / ads);
  if (m.staged) {
    const Run& st = *m.staged;
    const sv::ads::StageTimes& s = st.stages;
    const int64_t measured = s.total();
    const double wall_ns = st.wall_seconds * 1e9;
    const struct {
      const char* name;
      double ns;
    } rows[] = {
        {"parse", static_cast<double>(s.parse)},
        {"sentences", static_cast<double>(s.sentences)},
        {"phones", static_cast<double>(s.phones)},
        {"emails", static_cast<double>(s.emails)},
        {"ages", static_cast<double>(s.ages)},
        {"prices", static_cast<double>(s.prices)},
        {"places", static_cast<double>(s.places)},
        {"language", static_cast<double>(s.language)},
        {"wording", static_cast<double>(s.wording)},
        {"templates", static_cast<double>(s.templates)},
        {"groups", static_cast<double>(s.groups)},
        {"indicators", static_cast<double>(s.indicators)},
        {"write output", st.write_seconds * 1e9},
        {"other (reading, clock)",
         std::max(0.0, wall_ns - static_cast<double>(measured) - st.write_seconds * 1e9)},
    };
    // The stages are timed on the wall clock; on a shared machine, their share of the CPU time
    // is the better estimate of what they cost (the last column).
    std::printf("  stages, from a second run with the stage clock on (%.2f s CPU, %+.1f %%):\n",
                st.cpu_seconds, 100 * (st.cpu_seconds / r.cpu_seconds - 1));
    std::printf("  %-24s %9s %9s %7s %11s\n", "stage", "seconds", "us/ad", "share", "CPU us/ad");
    for (const auto& row : rows) {
      const double share = row.ns / wall_ns;
      std::printf("  %-24s %9.2f %9.2f %6.1f%% %11.2f\n", row.name, row.ns * 1e-9,
                  row.ns / 1e3 / ads, 100 * share, share * st.cpu_seconds * 1e6 / ads);
    }
  }
  if (!m.quality.empty()) std::printf("  quality:\n%s", m.quality.c_str());
}

bool ParseSizes(std::string_view text, std::vector<int64_t>& sizes) {
  sizes.clear();
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string item(text.substr(0, comma));
    char* end = nullptr;
    const long long n = std::strtoll(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || n <= 0) return false;
    sizes.push_back(n);
    text = comma == std::string_view::npos ? "" : text.substr(comma + 1);
  }
  return !sizes.empty();
}

// Takes this benchmark's own flags out of argv; false (after a message) for a bad one.
bool ParseOwnFlags(int& argc, char** argv) {
  Flags& flags = TheFlags();
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string_view name) -> std::optional<std::string_view> {
      if (arg.substr(0, name.size()) != name) return std::nullopt;
      return arg.substr(name.size());
    };
    if (auto v = value("--ads=")) {
      if (!ParseSizes(*v, flags.sizes)) {
        std::cerr << "ads_pipeline: --ads takes counts separated by commas, not " << *v << "\n";
        return false;
      }
    } else if (auto s = value("--seed=")) {
      flags.seed = std::strtoull(std::string(*s).c_str(), nullptr, 10);
    } else if (arg == "--quality") {
      flags.quality = true;
    } else if (arg == "--no-stages") {
      flags.stages = false;
    } else if (arg == "--keep") {
      flags.keep = true;
    } else if (auto c = value("--corpus=")) {
      flags.corpus = std::string(*c);
    } else if (auto o = value("--out=")) {
      flags.out = std::string(*o);
    } else if (auto t = value("--tmp=")) {
      flags.tmp = std::string(*t);
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  if (!flags.corpus.empty()) flags.sizes = {0};  // one run over the given file
  std::sort(flags.sizes.begin(), flags.sizes.end());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (!ParseOwnFlags(argc, argv)) return 2;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  for (const int64_t count : TheFlags().sizes) {
    const std::string name =
        TheFlags().corpus.empty() ? "ads_pipeline/" + std::to_string(count) : "ads_pipeline/file";
    benchmark::RegisterBenchmark(name.c_str(), AdsPipeline, name, count)
        ->Iterations(1)
        ->Unit(benchmark::kSecond)
        ->UseManualTime();
  }
  benchmark::RunSpecifiedBenchmarks();
  for (const Measured& m : Results()) PrintStages(m);
  benchmark::Shutdown();
  return 0;
}
