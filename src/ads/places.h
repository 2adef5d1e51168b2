#pragma once
// The advertised municipality of an ad (../shared/spec/ads.md, `municipality`): an SCB code found
// in the site's location field, in a postal code, or in place names and short forms in the text.

#include <memory>
#include <string_view>

#include "core/status.h"
#include "geo/gazetteer.h"

namespace sv::ads {

// Finds municipalities by name, short form ("Sthlm", "Gbg", "Ume"), district ("Södermalm") and
// postal code ("903 25", "90325", "SE-903 25"). Names match whole words, case-insensitively
// (Å, Ä, Ö, É included), also without the dots (Umea, Goteborg) and in the genitive (Umeås).
//
// Names that are also common words or first names ("Vara", "Mark", "Nora") count in the text only
// after "i", "in", "från", "from", "nära", "besöker", "visiting" or "centrala" (kPlacePrepositions
// in places.cc). County and region names ("Västerbotten", "Stockholms län") are never taken for a
// municipality.
//
// Built once (a flat hash table of lower-cased names, a filter of the words that may name
// something, and a table of postal codes); immutable after construction, cheap to copy, and safe
// to use from many threads at once. Work is linear in the text, without allocation.
class PlaceFinder {
 public:
  // The data compiled into the binary: the gazetteer's municipalities and counties,
  // data/geo/postal_to_municipality.csv and data/ads/place_aliases.csv.
  static Result<PlaceFinder> Embedded();
  // The same from given contents (CSV with a header line; see data/ads/place_aliases.csv).
  // Errors name the file and line.
  static Result<PlaceFinder> FromData(const geo::Gazetteer& gazetteer, std::string_view postal_csv,
                                      std::string_view aliases_csv);

  // The municipality code ("2480"), or "" when none is found. The location field decides when it
  // names a municipality or holds a postal code; when it names a county, the first municipality
  // of that county named in the text; when it names nothing known (or is empty), the first
  // municipality the text names, by name or postal code followed by a post town.
  // The view stays valid as long as any copy of this finder.
  std::string_view Find(std::string_view location, std::string_view text) const;

  // The municipality of a postal code given as 5 digits, or "".
  std::string_view FindPostalCode(int code) const;

 private:
  struct Impl;
  explicit PlaceFinder(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace sv::ads
