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
  std::string language;             // ISO 639-1, "" when not known
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
// depend on one detector).
using LanguageDetector = std::function<std::string(std::string_view body)>;

class AdAnalysis {
 public:
  AdAnalysis(const PlaceFinder& places, LanguageDetector language);
  ~AdAnalysis();

  // Adds line `number` (1-based); a bad line is counted and its error returned, naming the line.
  Status AddLine(std::string_view line, int64_t number);
  // Links templates and groups and sets the indicators; call once, after the last line.
  void Finish();

  const std::vector<AdRecord>& ads() const;
  AnalysisSummary summary() const;

  // One JSON object per ad, in the order of first appearance (the spec's output).
  void WriteJsonLines(std::ostream& out) const;
  // CSV `period,municipality,active_ads,unique_phones,groups`, sorted by period then
  // municipality; an ad is active on every Swedish day from its first to its last observation.
  void WriteCounts(std::ostream& out, Period period) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sv::ads
