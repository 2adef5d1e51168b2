#include "app/ads_command.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "adwatch/ad_import.h"
#include "ads/analysis.h"
#include "ads/language.h"
#include "ads/places.h"

namespace sv::app {

namespace {

// At most this many bad lines are printed one by one; the rest are counted.
constexpr int64_t kBadLinesShown = 100;
constexpr int64_t kProgressEvery = 100000;

std::string Language(std::string_view body) { return std::string(ads::BodyLanguage(body)); }

bool IsTerminal(std::ostream& err) { return &err == &std::cerr && isatty(STDERR_FILENO) != 0; }

// Reads every line of `input` into `analysis`; false when the input cannot be opened.
bool ReadObservations(const std::string& input, ads::AdAnalysis& analysis, std::ostream& err) {
  std::ifstream file;
  std::istream* in = &std::cin;
  std::streamoff size = -1;
  if (input != "-") {
    file.open(input, std::ios::binary);
    if (!file) {
      err << "samverkan: cannot open " << input << "\n";
      return false;
    }
    file.seekg(0, std::ios::end);
    size = file.tellg();
    file.seekg(0, std::ios::beg);
    in = &file;
  }
  ads::LineHooks hooks;
  hooks.bad_line = [&](const Status& error) {
    const int64_t bad = analysis.summary().bad_lines;
    if (bad <= kBadLinesShown) err << "samverkan: " << error.message() << " (skipped)\n";
    if (bad == kBadLinesShown + 1) err << "samverkan: more bad lines are only counted\n";
  };
  const bool progress = IsTerminal(err);
  if (progress) {
    hooks.progress_every = kProgressEvery;
    hooks.progress = [&](int64_t lines, int64_t bytes) {
      err << "\rread " << lines << " lines";
      if (size > 0) err << " (" << (100 * bytes / size) << " %)";
      err << std::flush;
    };
  }
  ads::AddLines(*in, analysis, hooks);
  if (progress && analysis.summary().lines >= kProgressEvery) err << "\n";
  analysis.Finish();
  const ads::AnalysisSummary s = analysis.summary();
  err << "lines read: " << s.lines << ", ads: " << s.ads << ", bad lines: " << s.bad_lines
      << ", templates: " << s.templates << ", groups: " << s.groups << "\n";
  return true;
}

}  // namespace

int RunAdsAnalyze(const std::string& input, const std::string& output, std::ostream& out,
                  std::ostream& err) {
  Result<ads::PlaceFinder> places = ads::PlaceFinder::Embedded();
  if (!places.ok()) {
    err << "samverkan: " << places.status().message() << "\n";
    return 1;
  }
  ads::AdAnalysis analysis(*places, Language);
  std::ofstream file;
  std::ostream* to = &out;
  if (!output.empty() && output != "-") {
    file.open(output, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "samverkan: cannot write " << output << "\n";
      return 2;
    }
    to = &file;
  }
  if (!ReadObservations(input, analysis, err)) return 2;
  analysis.WriteJsonLines(*to);
  to->flush();
  if (!*to) {
    err << "samverkan: writing the output failed\n";
    return 1;
  }
  return analysis.summary().lines > 0 ? 0 : 1;
}

int RunAdsCounts(const std::string& input, const std::string& period, std::ostream& out,
                 std::ostream& err) {
  const std::optional<ads::Period> p = ads::ParsePeriod(period);
  if (!p) {
    err << "samverkan: --period must be day, week or month, not \"" << period << "\"\n";
    return 2;
  }
  Result<ads::PlaceFinder> places = ads::PlaceFinder::Embedded();
  if (!places.ok()) {
    err << "samverkan: " << places.status().message() << "\n";
    return 1;
  }
  ads::AdAnalysis analysis(*places, Language);
  if (!ReadObservations(input, analysis, err)) return 2;
  analysis.WriteCounts(out, *p);
  return analysis.summary().lines > 0 ? 0 : 1;
}

int RunAdsImport(adwatch::AdImport& import, const std::string& input, std::ostream& out,
                 std::ostream& err) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (input != "-") {
    file.open(input, std::ios::binary);
    if (!file) {
      err << "samverkan: cannot open " << input << "\n";
      return 2;
    }
    in = &file;
  }
  const bool progress = IsTerminal(err);
  Result<adwatch::ImportSummary> summary = import.Import(*in, [&](int64_t lines) {
    if (progress) err << "\rimported " << lines << " lines" << std::flush;
  });
  if (progress) err << "\n";
  if (!summary.ok()) {
    err << "samverkan: the import stopped: " << summary.status().message()
        << " (the batches before it are kept)\n";
    return 1;
  }
  for (const adwatch::ImportError& e : summary->errors) {
    err << "samverkan: line " << e.line << (e.field.empty() ? "" : " field " + e.field) << ": "
        << e.message << " (skipped)\n";
  }
  if (summary->bad_lines > static_cast<int64_t>(summary->errors.size())) {
    err << "samverkan: more bad lines are only counted\n";
  }
  out << "lines read: " << summary->lines << ", new ads: " << summary->ads_new
      << ", updated ads: " << summary->ads_updated << ", bad lines: " << summary->bad_lines
      << ", templates: " << summary->templates << ", groups: " << summary->groups << "\n";
  return summary->lines > 0 ? 0 : 1;
}

}  // namespace sv::app
