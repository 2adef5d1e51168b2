#include "ads/extract.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "ads/places.h"

namespace sv::ads {
namespace {

const PlaceFinder& Places() {
  static const PlaceFinder finder = [] {
    Result<PlaceFinder> f = PlaceFinder::Embedded();
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return std::move(f).value();
  }();
  return finder;
}

Observation Seen(std::string location, std::string body) {
  Observation o;
  o.location = std::move(location);
  o.body = std::move(body);
  return o;
}

struct Extracted {
  std::string municipality;
  bool area_mismatch = false;
};

// The observations of one ad, in turn.
Extracted Extract(std::initializer_list<Observation> observations) {
  AdRecord ad;
  std::string template_text;
  for (const Observation& o : observations) ExtractObservation(o, Places(), ad, template_text);
  return {ad.municipality, ad.area_mismatch};
}

// The location field decides the municipality when it names one; the body then only tells
// whether it names another (`area_mismatch`).
TEST(ExtractObservationTest, MunicipalityAndAreaMismatch) {
  Extracted e = Extract({Seen("Umeå", "Tjej i Sthlm, ring")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_TRUE(e.area_mismatch);

  e = Extract({Seen("Umeå", "Finns i Umeå hela veckan")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("Umeå", "Inga ortnamn här")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("Umeå", "")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_FALSE(e.area_mismatch);
}

// A location field that names no municipality (a county, nothing known, nothing at all): the
// body decides the municipality, within the county if one is named, and there is no mismatch.
TEST(ExtractObservationTest, BodyDecidesWhenTheLocationNamesNoMunicipality) {
  Extracted e = Extract({Seen("Västerbotten", "Finns i Umeå")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("Västerbotten", "Finns i Göteborg")});
  EXPECT_EQ(e.municipality, "");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("centrum", "Tjej i Sthlm")});
  EXPECT_EQ(e.municipality, "0180");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("", "Tjej i Sthlm")});
  EXPECT_EQ(e.municipality, "0180");
  EXPECT_FALSE(e.area_mismatch);
}

// The first municipality found stays; a later observation can still show a mismatch, and one
// found stays.
TEST(ExtractObservationTest, LaterObservationsOfTheSameAd) {
  Extracted e = Extract({Seen("Umeå", "Finns i Umeå"), Seen("Göteborg", "Tjej i Sthlm")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_TRUE(e.area_mismatch);

  e = Extract({Seen("", "Tjej i Sthlm"), Seen("Göteborg", "Finns i Göteborg")});
  EXPECT_EQ(e.municipality, "0180");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("Umeå", "Tjej i Sthlm"), Seen("Umeå", "Finns i Umeå")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_TRUE(e.area_mismatch);
}

// What the extractors found for one observation is kept per thread between calls (cleared, not
// freed): nothing of an earlier observation reaches the next ad.
TEST(ExtractObservationTest, NothingCarriesOverToTheNextAd) {
  Observation full = Seen("Umeå", "Ring en O 70 123 45 67, anna@example.se. 23 år. 1h 1500 kr");
  full.title = "Lina 25 år";
  full.age = "21";
  full.price = "2000";
  full.images = {"sha256:aa", "sha256:bb", "sha256:aa"};
  AdRecord first;
  std::string template_text;
  ExtractObservation(full, Places(), first, template_text);
  EXPECT_EQ(first.phones, std::vector<std::string>{"+46701234567"});
  EXPECT_TRUE(first.obfuscated_phone);
  EXPECT_EQ(first.emails, std::vector<std::string>{"anna@example.se"});
  EXPECT_EQ(first.ages, (std::vector<int>{21, 23, 25}));
  EXPECT_EQ(first.prices.size(), 2u);
  EXPECT_EQ(first.images, (std::vector<std::string>{"sha256:aa", "sha256:bb"}));

  AdRecord next;
  template_text.clear();
  ExtractObservation(Seen("", "Inget att hitta här"), Places(), next, template_text);
  EXPECT_TRUE(next.phones.empty());
  EXPECT_FALSE(next.obfuscated_phone);
  EXPECT_TRUE(next.emails.empty());
  EXPECT_TRUE(next.ages.empty());
  EXPECT_TRUE(next.prices.empty());
  EXPECT_TRUE(next.images.empty());
}

// A later observation adds only the values the ad does not hold yet, after the earlier ones; the
// ages of the body and the title come in order when no age field is given (the field sorts them).
TEST(ExtractObservationTest, LaterObservationsAddNewValuesOnly) {
  AdRecord ad;
  std::string template_text;
  Observation o = Seen("", "070-123 45 67, 25 år, 1h 1500 kr");
  o.title = "Lina 19 år";
  o.images = {"sha256:aa"};
  ExtractObservation(o, Places(), ad, template_text);
  EXPECT_EQ(ad.ages, (std::vector<int>{25, 19}));

  o = Seen("", "070-123 45 67 eller 073-695 84 81, 30 år, 1h 1500 kr, 30 min 1000 kr");
  o.age = "19";
  o.images = {"sha256:bb", "sha256:aa"};
  ExtractObservation(o, Places(), ad, template_text);
  EXPECT_EQ(ad.phones, (std::vector<std::string>{"+46701234567", "+46736958481"}));
  EXPECT_EQ(ad.ages, (std::vector<int>{25, 19, 30}));
  ASSERT_EQ(ad.prices.size(), 2u);
  EXPECT_EQ(ad.prices[0].amount, 1500);
  EXPECT_EQ(ad.prices[1].amount, 1000);
  EXPECT_EQ(ad.images, (std::vector<std::string>{"sha256:aa", "sha256:bb"}));
  EXPECT_EQ(template_text, "070-123 45 67, 25 år, 1h 1500 kr");
}

}  // namespace
}  // namespace sv::ads
