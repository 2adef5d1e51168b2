// libFuzzer: any bytes as one line of the exchange format. The parser must return an
// Observation or an error, never crash, and never read past the line. A line that
// detail::SeenLines remembers must read as the same observation with any other plain time: the
// analysis reads such a line again without parsing it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ads/detail/seen_contents.h"
#include "ads/observation.h"
#include "core/calendar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sv::ads::ObservationParser parser(1 << 16);
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  sv::Result<sv::ads::Observation> o = parser.Parse(line);
  if (o.ok() && (o->site.empty() || o->ad_id.empty())) __builtin_trap();
  if (!o.ok()) return 0;
  sv::ads::detail::SeenLines seen;
  const sv::ads::detail::SeenLines::Cut cut = seen.CutAtTime(line);
  seen.Remember(line, cut, 0);
  if (seen.Find(cut) != 0) return 0;
  const std::size_t from = static_cast<std::size_t>(cut.time.data() - line.data());
  const std::string other_time = "2001-02-03T04:05:06Z";
  const std::string other = std::string(line.substr(0, from)) + other_time +
                            std::string(line.substr(from + cut.time.size()));
  if (other.size() > (1 << 16)) return 0;
  const sv::ads::Observation first = *o;
  sv::Result<sv::ads::Observation> again = parser.Parse(other);
  if (!again.ok() || sv::FormatRfc3339(again->seen_at) != "2001-02-03T04:05:06.000Z" ||
      again->site != first.site || again->ad_id != first.ad_id || again->body != first.body ||
      again->kind != first.kind || again->url != first.url || again->title != first.title ||
      again->location != first.location || again->age != first.age || again->phone != first.phone ||
      again->email != first.email || again->price != first.price || again->images != first.images) {
    __builtin_trap();
  }
  return 0;
}
