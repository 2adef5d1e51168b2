#include "ads/places.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "ads/detail/golden.h"

namespace sv::ads {
namespace {

const PlaceFinder& Finder() {
  static const PlaceFinder finder = [] {
    Result<PlaceFinder> f = PlaceFinder::Embedded();
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return std::move(f).value();
  }();
  return finder;
}

std::string Dash(std::string_view s) { return s.empty() ? "-" : std::string(s); }
std::string Undash(const std::string& s) { return s == "-" ? "" : s; }

TEST(PlaceFinderTest, GoldenCases) {
  const auto cases = detail::ReadGoldenCases("places.tsv");
  ASSERT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    ASSERT_EQ(c.fields.size(), 3u) << "places.tsv line " << c.line;
    EXPECT_EQ(Dash(Finder().Find(Undash(c.fields[0]), Undash(c.fields[1]))), c.fields[2])
        << "places.tsv line " << c.line << ": " << c.fields[0] << " | " << c.fields[1];
  }
}

TEST(PlaceFinderTest, EveryMunicipalityNameIsFoundInTheLocationField) {
  Result<geo::Gazetteer> g = geo::Gazetteer::Embedded();
  ASSERT_TRUE(g.ok());
  for (const geo::Municipality& m : g->municipalities()) {
    EXPECT_EQ(Finder().Find(m.short_name, ""), m.code) << m.short_name;
  }
}

TEST(PlaceFinderTest, PostalCodes) {
  EXPECT_EQ(Finder().FindPostalCode(90325), "2480");
  EXPECT_EQ(Finder().FindPostalCode(10004), "0180");
  EXPECT_EQ(Finder().FindPostalCode(99999), "");
  EXPECT_EQ(Finder().FindPostalCode(-1), "");
  EXPECT_EQ(Finder().FindPostalCode(1000000), "");
}

TEST(PlaceFinderTest, BadDataNamesFileAndLine) {
  Result<geo::Gazetteer> g = geo::Gazetteer::Embedded();
  ASSERT_TRUE(g.ok());
  Result<PlaceFinder> f =
      PlaceFinder::FromData(*g, "postal_code,locality,municipality_code\n90325,Umeå,2480\n",
                            "name,code,kind\nume,2480,alias\nfoo,9999,alias\n");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("place_aliases.csv line 3"), std::string::npos)
      << f.status().ToString();
  f = PlaceFinder::FromData(*g, "postal_code,locality,municipality_code\n9032,Umeå,2480\n",
                            "name,code,kind\n");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("postal_to_municipality.csv line 2"), std::string::npos);
}

TEST(PlaceFinderTest, HostileTextFinishes) {
  std::string digits(4 << 20, '9');
  EXPECT_EQ(Finder().Find("", digits), "");
  std::string groups;
  for (int i = 0; i < 200000; ++i) groups += "903 25 ";
  EXPECT_EQ(Finder().Find("", groups), "");
  std::string letters(4 << 20, 'a');
  EXPECT_EQ(Finder().Find(letters, letters), "");
  std::string swedish;
  for (int i = 0; i < 100000; ++i) swedish += "\xc3\xa5\xc3";  // with broken sequences
  EXPECT_EQ(Finder().Find(swedish, swedish), "");
  std::string words;
  for (int i = 0; i < 100000; ++i) words += "i upplands ";
  words += "Umeå";
  EXPECT_EQ(Finder().Find("", words), "2480");
}

TEST(PlaceFinderTest, SharedBetweenThreads) {
  const PlaceFinder& f = Finder();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&f] {
      for (int i = 0; i < 2000; ++i) EXPECT_EQ(f.Find("", "Tjej i Sthlm, 903 25 Umeå"), "0180");
    });
  }
  for (auto& t : threads) t.join();
}

}  // namespace
}  // namespace sv::ads
