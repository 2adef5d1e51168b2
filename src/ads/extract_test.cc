#include "ads/extract.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

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

}  // namespace
}  // namespace sv::ads
