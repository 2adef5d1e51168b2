#pragma once
// The incremental import of ad observations into the database (issue 7: `samverkan ads import`
// and `POST /api/v1/ads/import`): the same reading as `samverkan ads analyze` (ads/extract.h,
// ads/templates.h, ads/indicators.h), but against what earlier imports stored. A new observation
// of a known ad moves its first and last seen; only content not read before is extracted; a new
// text is matched against the stored templates through their LSH buckets; a new phone, e-mail or
// image joins the groups of the ads that already have it; indicators are recomputed for the
// groups that changed. Nothing already imported is read again, and the templates and groups come
// out as `ads analyze` would give them on all the lines at once, in the same order.
//
// Lines are imported in batches, each in one transaction (serialised across servers by a
// PostgreSQL advisory lock), so a crash loses at most the batch in progress and a bad line loses
// only itself. Thread-safe (each call works in its own transactions).

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "ads/analysis.h"
#include "core/status.h"

namespace sv::store {
class Database;
}
namespace sv::ads {
class PlaceFinder;
class SentenceMemo;
}

namespace sv::adwatch {

struct ImportError {
  int64_t line = 0;
  std::string field;  // "" when the line as a whole is wrong
  std::string message;
};

struct ImportSummary {
  int64_t lines = 0;
  int64_t bad_lines = 0;
  int64_t ads_new = 0;
  int64_t ads_updated = 0;
  int64_t templates = 0;  // in the whole database after the import
  int64_t groups = 0;
  std::vector<ImportError> errors;  // the first kMaxImportErrors bad lines
};

inline constexpr std::size_t kMaxImportErrors = 100;

class AdImport {
 public:
  // Called after each batch with the number of lines read so far.
  using Progress = std::function<void(int64_t lines)>;

  AdImport(store::Database& database, const ads::PlaceFinder& places,
           ads::LanguageDetector language, std::size_t batch_lines = 2000);

  // Imports every line of `in` (JSON Lines of ../shared/spec/ads.md).
  Result<ImportSummary> Import(std::istream& in, const Progress& progress = {});
  // The same for a text held in memory (an API body).
  Result<ImportSummary> Import(std::string_view text);

 private:
  struct Batch;
  Status ImportBatch(const std::vector<std::string>& lines, int64_t first_number,
                     ads::SentenceMemo& sentences, ImportSummary& summary);

  store::Database& database_;
  const ads::PlaceFinder& places_;
  ads::LanguageDetector language_;
  std::size_t batch_lines_;
};

}  // namespace sv::adwatch
