// AddLines (analysis.h): the input loop shared by `samverkan ads analyze`, `ads counts` and
// bench/ads_pipeline.

#include <cstring>
#include <istream>
#include <vector>

#include "ads/analysis.h"

namespace sv::ads {

namespace {

// Bytes asked of the stream at a time; the buffer grows only for a line longer than half of it.
constexpr std::size_t kBlockBytes = 1 << 20;

}  // namespace

int64_t AddLines(std::istream& in, AdAnalysis& analysis, const LineHooks& hooks) {
  std::vector<char> buffer(2 * kBlockBytes);
  std::size_t held = 0;  // bytes of an unfinished line at the start of `buffer`
  int64_t number = 0;
  int64_t bytes = 0;  // of the lines added, with their newlines
  auto add = [&](std::string_view line, std::size_t length) {
    ++number;
    bytes += static_cast<int64_t>(length);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Status added = analysis.AddLine(line, number);
    if (!added.ok() && hooks.bad_line) hooks.bad_line(added);
    if (hooks.progress && hooks.progress_every > 0 && number % hooks.progress_every == 0) {
      hooks.progress(number, bytes);
    }
  };
  while (in) {
    if (buffer.size() - held < kBlockBytes) buffer.resize(2 * buffer.size());
    in.read(buffer.data() + held, static_cast<std::streamsize>(buffer.size() - held));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    const char* const end = buffer.data() + held + got;
    const char* start = buffer.data();  // of the next line
    const char* from = start + held;    // the held bytes hold no newline
    // Each line is added once the next one is found, and the analysis told of that one first:
    // its table slot, likely not in the cache, loads while this line is worked on.
    std::string_view pending;  // a line found and not added yet; none while its data() is null
    while (const void* found = std::memchr(from, '\n', static_cast<std::size_t>(end - from))) {
      const char* newline = static_cast<const char*>(found);
      const std::string_view next(start, static_cast<std::size_t>(newline - start));
      analysis.Prefetch(next);
      if (pending.data() != nullptr) add(pending, pending.size() + 1);
      pending = next;
      start = from = newline + 1;
    }
    if (pending.data() != nullptr) add(pending, pending.size() + 1);
    held = static_cast<std::size_t>(end - start);
    std::memmove(buffer.data(), start, held);
  }
  if (held > 0) add(std::string_view(buffer.data(), held), held);
  return bytes;
}

}  // namespace sv::ads
