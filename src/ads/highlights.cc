#include "ads/highlights.h"

#include <algorithm>
#include <functional>

#include "ads/ages.h"
#include "ads/emails.h"
#include "ads/phones.h"
#include "ads/places.h"
#include "ads/prices.h"

namespace sv::ads {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Offsets where a word begins, and where a word ends, in order.
void WordBoundaries(std::string_view text, std::vector<std::size_t>& begins,
                    std::vector<std::size_t>& ends) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsSpace(text[i]) && (i == 0 || IsSpace(text[i - 1]))) begins.push_back(i);
    if (!IsSpace(text[i]) && (i + 1 == text.size() || IsSpace(text[i + 1]))) ends.push_back(i + 1);
  }
}

// Whether the extractor reads `value` from a part of the text.
using Reads = std::function<bool(std::string_view part)>;

// The shortest run of words [begin, end) from which `reads` holds: the first word end at which a
// prefix reads it, then the last word begin from which that prefix still does (binary searches,
// as more text seldom takes a value away). Nothing when the run found does not read it after all.
bool Locate(std::string_view text, const std::vector<std::size_t>& begins,
            const std::vector<std::size_t>& ends, const Reads& reads, std::size_t& begin,
            std::size_t& end) {
  if (ends.empty() || !reads(text)) return false;
  std::size_t lo = 0, hi = ends.size() - 1;
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (reads(text.substr(0, ends[mid]))) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  end = ends[lo];
  std::size_t first = 0, last = 0;
  while (last + 1 < begins.size() && begins[last + 1] < end) ++last;
  while (first < last) {
    const std::size_t mid = (first + last + 1) / 2;
    if (reads(text.substr(begins[mid], end - begins[mid]))) {
      first = mid;
    } else {
      last = mid - 1;
    }
  }
  begin = begins[first];
  return begin < end && reads(text.substr(begin, end - begin));
}

// Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on a chain of string `+`.
std::string PriceValue(const Price& p) {
  std::string value = std::to_string(p.amount);
  value.push_back(' ');
  value.append(CurrencyCode(p.currency));
  if (p.minutes) {
    value.push_back(' ');
    value.append(std::to_string(*p.minutes));
  }
  return value;
}

}  // namespace

std::vector<Highlight> FindHighlights(std::string_view text, const PlaceFinder& places,
                                      std::size_t max_values) {
  std::vector<std::size_t> begins, ends;
  WordBoundaries(text, begins, ends);
  std::vector<Highlight> out;
  auto add = [&](const std::string& kind, const std::string& value, const Reads& reads) {
    if (out.size() >= max_values) return;
    std::size_t begin = 0, end = 0;
    if (Locate(text, begins, ends, reads, begin, end)) out.push_back({begin, end, kind, value});
  };

  for (const std::string& number : FindPhones(text).numbers) {
    add("phone", number, [&](std::string_view part) {
      const std::vector<std::string> found = FindPhones(part).numbers;
      return std::find(found.begin(), found.end(), number) != found.end();
    });
  }
  for (const std::string& address : FindEmails(text).addresses) {
    add("email", address, [&](std::string_view part) {
      const std::vector<std::string> found = FindEmails(part).addresses;
      return std::find(found.begin(), found.end(), address) != found.end();
    });
  }
  const AgeFindings ages = FindAges(text);
  for (int age : ages.ages) {
    add("age", std::to_string(age), [&](std::string_view part) {
      const std::vector<int> found = FindAges(part).ages;
      return std::find(found.begin(), found.end(), age) != found.end();
    });
  }
  if (ages.child_wording) {
    add("child_wording", "", [](std::string_view part) { return HasChildWording(part); });
  }
  std::vector<Price> prices;
  FindPrices(text, prices);
  for (const Price& price : prices) {
    add("price", PriceValue(price), [&](std::string_view part) {
      std::vector<Price> found;
      FindPrices(part, found);
      return std::find(found.begin(), found.end(), price) != found.end();
    });
  }
  const std::string_view place = places.Find("", text);
  if (!place.empty()) {
    const std::string code(place);
    add("place", code, [&](std::string_view part) { return places.Find("", part) == code; });
  }
  std::sort(out.begin(), out.end(), [](const Highlight& a, const Highlight& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return out;
}

std::size_t Utf16Offset(std::string_view text, std::size_t offset) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte
    units += c >= 0xF0 && c <= 0xF7 ? 2 : 1;  // four-byte sequences are surrogate pairs
  }
  return units;
}

}  // namespace sv::ads
