#pragma once
// One observation of one ad at one time: a line of the exchange format (../shared/spec/ads.md,
// "Input"). The parser checks each line on its own, so that a bad line is reported with its number
// and what is wrong, and the rest of the file goes on.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace sv::ads {

enum class AdKind { kEscort, kSugar, kOther };
std::string_view AdKindName(AdKind k);  // "escort", "sugar", "other"

struct Observation {
  std::string site;    // host name
  std::string ad_id;   // the site's own id
  TimePoint seen_at{};
  std::string body;    // may be empty
  AdKind kind = AdKind::kEscort;
  // Optional fields as shown on the site ("" when absent); `age` also when given as a number.
  std::string url, title, location, age, phone, email, price;
  std::vector<std::string> images;  // "sha256:…", "phash:…"
};

// Lines longer than this are refused unread (configurable per parser).
inline constexpr std::size_t kDefaultMaxLineBytes = 1 << 20;
// Objects and arrays nested deeper than this are refused (unknown fields included).
inline constexpr std::size_t kMaxNesting = 32;

// Parses lines. Keeps its buffers between lines: one per thread, not thread-safe.
class ObservationParser {
 public:
  explicit ObservationParser(std::size_t max_line_bytes = kDefaultMaxLineBytes);
  ~ObservationParser();
  ObservationParser(const ObservationParser&) = delete;
  ObservationParser& operator=(const ObservationParser&) = delete;

  // One line (without its newline). kInvalidInput naming the field (`site`, `seen_at`, …) or
  // "" for a line that is not a JSON object or is too long; unknown fields are ignored.
  Result<Observation> Parse(std::string_view line);
  // The same into `out`, reusing its strings' memory (a loop over many lines allocates nothing
  // once its buffers are large enough). On an error `out` holds part of the line.
  Status ParseInto(std::string_view line, Observation& out);

  // The longest line accepted.
  std::size_t max_line_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sv::ads
