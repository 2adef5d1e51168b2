#pragma once
// Where in an ad's text the extractors found what they found, for the ad page's highlighting
// (issue 7: "an ad page with the extracted fields highlighted in the text"). Rather than teach
// every extractor to track positions through its normalisation (number words, letters for
// digits, " (a) … punkt "), each value is located by the extractor itself: the shortest run of
// whole words from which the extractor reads that value. What is marked is therefore exactly what
// the extractor reads, also for obfuscated forms. Work: a few dozen extractor calls per value,
// meant for one ad on a page, not for the bulk pipeline.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sv::ads {

class PlaceFinder;

struct Highlight {
  std::size_t begin = 0;  // byte offsets into the text, on word boundaries
  std::size_t end = 0;
  std::string kind;       // "phone", "email", "age", "price", "place", "child_wording"
  std::string value;      // "+46701234567", "lisa@example.com", "16", "1500 SEK 60", "2480", ""
};

// The highlights of one text, sorted by position; overlapping ones are all kept (a phone number
// inside a price sentence), the page decides how to nest them. At most `max_values` values.
std::vector<Highlight> FindHighlights(std::string_view text, const PlaceFinder& places,
                                      std::size_t max_values = 50);

// The offset in UTF-16 code units (as JavaScript counts) of byte `offset` of UTF-8 `text`.
std::size_t Utf16Offset(std::string_view text, std::size_t offset);

}  // namespace sv::ads
