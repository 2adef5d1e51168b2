#pragma once
// The advertised municipality of an ad (../shared/spec/ads.md, `municipality`): an SCB code found
// in the site's location field, in a postal code, or in place names and short forms in the text.

#include <cstdint>
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

  // Find in steps, for a text read in pieces: extract.h reads an ad's body sentence by sentence
  // (sentences.h) and remembers what each sentence names, so that a sentence seen before is not
  // read again. Municipalities and counties are indices into the finder's lists (-1: none);
  // Code() gives a municipality's SCB code. Find(location, text) is the code (or "" for -1) of
  //   field = ReadLocation(location);
  //   field.municipality >= 0 ? field.municipality : FirstNamed(text, field.county)
  // and FirstNamed(FindNamed(text), text, county) is FirstNamed(text, county).
  //
  // Read per sentence, a body's municipality is the first one its sentences name, which is
  // Find's over the whole body but where the words that decide lie on both sides of a sentence
  // end (a sentence ends after a lower-case word and `.`, `!`, `?` or a line break, before a
  // capitalised word): a preposition closing one sentence does not make an ambiguous name that
  // opens the next a place ("Jag bor i\nVara"), a name closing one with "Län" opening the next is
  // taken for the municipality rather than a county ("... i Kalmar.\nLän ..."), and the two words
  // of a two-word name are not read as one ("Upplands.\nVäsby"). Postal codes are never beside
  // a sentence end.
  struct FieldPlace {
    std::int16_t municipality = -1;  // the one the location field names
    std::int16_t county = -1;        // else the county it names (as Find: "Skåne", "Umeå län")
  };
  FieldPlace ReadLocation(std::string_view location) const;

  // The first municipality `text` names (as Find's text) that lies in `county`, or in any county
  // when `county` < 0.
  std::int16_t FirstNamed(std::string_view text, std::int16_t county) const;

  // What a text names, in two bytes (to be remembered for each sentence): the first municipality
  // it names and whether it names another one after it. A sentence seldom names two; when the
  // first is not of the county asked for and another follows, the sentence is read again.
  struct Named {
    std::uint16_t first : 15 = 0;  // the municipality's index + 1; 0: none
    std::uint16_t more : 1 = 0;
  };
  Named FindNamed(std::string_view text) const;
  // FirstNamed(text, county), from `named` = FindNamed(text) alone when that tells (always for
  // `county` < 0), else by reading `text` again.
  std::int16_t FirstNamed(Named named, std::string_view text, std::int16_t county) const;

  // The SCB code of a municipality index (>= 0).
  std::string_view Code(std::int16_t municipality) const;

 private:
  struct Impl;
  explicit PlaceFinder(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace sv::ads
