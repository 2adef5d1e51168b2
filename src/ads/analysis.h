#pragma once
// The analysis of ../shared/spec/ads.md: observations in, one record per distinct ad out (site +
// ad_id), with what its texts and fields say (phones, e-mails, ages, prices, municipality,
// language), its template, its linked group and its indicators; and the counts per period and
// municipality. Lines are added one by one (a bad line is reported with its number and skipped);
// Finish() links templates and groups and sets the indicators. Not thread-safe.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ads/counts.h"
#include "ads/observation.h"
#include "ads/prices.h"
#include "core/calendar.h"
#include "core/status.h"

namespace sv::ads {

class PlaceFinder;

struct AdRecord {
  std::string site;
  std::string ad_id;
  AdKind kind = AdKind::kEscort;
  TimePoint first_seen{};
  TimePoint last_seen{};
  std::vector<std::string> phones;  // E.164, sorted, unique
  std::vector<std::string> emails;  // lower case, sorted, unique
  std::vector<int> ages;            // sorted, unique
  std::vector<Price> prices;        // in the order found, unique
  std::string municipality;         // SCB code, "" when none
  std::string language;             // ISO 639-1, "" when not known: the template's (below)
  std::vector<std::string> images;
  bool obfuscated_phone = false;
  bool child_wording = false;
  bool trust_language = false;  // ads/wording.h
  bool emoji_signal = false;
  bool area_mismatch = false;   // the location field and the text name other municipalities
  std::size_t template_of = 0;  // the number of the first ad of its template
  std::size_t group_of = 0;     // the number of the first ad of its group
  std::vector<std::string> indicators;  // codes, sorted
};

struct AnalysisSummary {
  int64_t lines = 0;
  int64_t bad_lines = 0;
  int64_t ads = 0;
  int64_t templates = 0;
  int64_t groups = 0;
};


// Detects the language of a body: ISO 639-1 or "" (set by the caller, so the analysis does not
// depend on one detector). It is given only the LanguageSample (language.h) of a body.
//
// An ad's language is that of its template: the language of the first body of the template's
// first ad. Near-duplicate texts are written in one language, and so the detector runs once per
// template rather than once per ad (a quarter of the calls on the synthetic corpus).
using LanguageDetector = std::function<std::string(std::string_view body)>;

// Where the time of an analysis went, in nanoseconds of the steady clock, summed over the lines
// (bench/ads_pipeline prints it). `parse`: reading each line's JSON and finding its ad;
// `phones` … `wording`: the extractors, over the observations whose content was new;
// `templates`: signing each ad's first body and, in Finish(), linking the signatures;
// `groups`, `indicators`: the other steps of Finish().
struct StageTimes {
  int64_t parse = 0;
  int64_t phones = 0;
  int64_t emails = 0;
  int64_t ages = 0;
  int64_t prices = 0;
  int64_t places = 0;
  int64_t language = 0;
  int64_t wording = 0;  // trust language and emoji signals
  // Cutting bodies into sentences and looking them up in the SentenceMemo (extract.h); the
  // extractors' time on the sentences read is theirs.
  int64_t sentences = 0;
  int64_t templates = 0;
  int64_t groups = 0;
  int64_t indicators = 0;

  int64_t total() const {
    return parse + sentences + phones + emails + ages + prices + places + language + wording +
           templates + groups + indicators;
  }
};

class AdAnalysis {
 public:
  AdAnalysis(const PlaceFinder& places, LanguageDetector language);
  ~AdAnalysis();

  // Adds line `number` (1-based); a bad line is counted and its error returned, naming the line.
  Status AddLine(std::string_view line, int64_t number);
  // Asks the CPU to begin loading what AddLine(line, …) will look up first, so that the loads
  // overlap the lines added before it (AddLines calls it with the line after the one it adds).
  // Changes nothing but speed.
  void Prefetch(std::string_view line) const;
  // Links templates and groups and sets the indicators; call once, after the last line.
  void Finish();

  const std::vector<AdRecord>& ads() const;
  AnalysisSummary summary() const;

  // Whether to measure the time of each stage (off by default: it reads the clock a few times
  // per line). The times add up over every line and Finish() measured.
  void MeasureStages(bool on);
  StageTimes stage_times() const;

  // One JSON object per ad, in the order of first appearance (the spec's output).
  void WriteJsonLines(std::ostream& out) const;
  // CSV `period,municipality,active_ads,unique_phones,groups`, sorted by period then
  // municipality; an ad is active on every Swedish day from its first to its last observation.
  void WriteCounts(std::ostream& out, Period period) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What AddLines reports while it reads.
struct LineHooks {
  // Called with the error of each bad line, which names the line.
  std::function<void(const Status& error)> bad_line;
  // Called after every `progress_every` lines with the lines and bytes read so far.
  std::function<void(int64_t lines, int64_t bytes)> progress;
  int64_t progress_every = 100000;
};

// Adds every line of `in` to `analysis` as `samverkan ads analyze` reads a file: lines end at
// "\n" (a "\r" before it is dropped), numbered from 1; a last line without "\n" counts. Reads in
// large blocks without a copy per line. Does not call Finish(). Returns the bytes read.
int64_t AddLines(std::istream& in, AdAnalysis& analysis, const LineHooks& hooks = {});

}  // namespace sv::ads
