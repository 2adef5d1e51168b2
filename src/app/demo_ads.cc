#include "app/demo_ads.h"

#include <ostream>
#include <sstream>
#include <string>

#include "adwatch/ad_import.h"
#include "ads/synth.h"
#include "core/calendar.h"

namespace sv::app {

namespace {

constexpr uint64_t kDemoSeed = 2018;  // the year Umeå began
constexpr std::string_view kSeenAt = "\"seen_at\":\"";

// `line` with its seen_at moved by `shift`; the line as it is when it has none it can read.
std::string Shifted(const std::string& line, std::chrono::system_clock::duration shift) {
  const std::size_t at = line.find(kSeenAt);
  if (at == std::string::npos) return line;
  const std::size_t begin = at + kSeenAt.size();
  const std::size_t end = line.find('"', begin);
  if (end == std::string::npos) return line;
  Result<TimePoint> seen = ParseRfc3339(line.substr(begin, end - begin), "seen_at");
  if (!seen.ok()) return line;
  return line.substr(0, begin) + FormatRfc3339(*seen + shift) + line.substr(end);
}

}  // namespace

Status SeedDemoAds(adwatch::AdImport& import, int64_t count, TimePoint now, std::ostream& out) {
  if (count <= 0) return Status::Ok();
  std::ostringstream corpus;
  ads::WriteSynthCorpus({count, kDemoSeed}, corpus, nullptr);
  // The generator's first day moved to 75 days ago, so its ads end around today.
  std::istringstream lines(corpus.str());
  std::string line, moved;
  std::optional<TimePoint> first;
  std::string text;
  while (std::getline(lines, line)) {
    if (!first) {
      const std::size_t at = line.find(kSeenAt);
      if (at != std::string::npos) {
        const std::size_t begin = at + kSeenAt.size();
        Result<TimePoint> seen =
            ParseRfc3339(line.substr(begin, line.find('"', begin) - begin), "seen_at");
        if (seen.ok()) first = StartOfSwedishDay(SwedishDate(*seen));
      }
    }
    const auto shift = first ? StartOfSwedishDay(AddDays(SwedishDate(now), -75)) - *first
                             : std::chrono::system_clock::duration::zero();
    text += Shifted(line, shift);
    text.push_back('\n');
  }
  Result<adwatch::ImportSummary> summary = import.Import(text);
  if (!summary.ok()) return summary.status();
  out << "demo ads: " << summary->ads_new << " new of " << count << " (templates "
      << summary->templates << ", groups " << summary->groups << ")\n";
  return Status::Ok();
}

}  // namespace sv::app
