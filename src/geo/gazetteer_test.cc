#include "geo/gazetteer.h"

#include <gtest/gtest.h>

namespace sv::geo {
namespace {

TEST(GazetteerTest, EmbeddedDataHasAllCountiesAndMunicipalities) {
  Result<Gazetteer> g = Gazetteer::Embedded();
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->counties().size(), 21u);
  EXPECT_EQ(g->municipalities().size(), 290u);
  const Municipality* umea = g->FindMunicipality("2480");
  ASSERT_NE(umea, nullptr);
  EXPECT_EQ(umea->short_name, "Umeå");
  EXPECT_EQ(umea->county_code, "24");
  EXPECT_EQ(g->FindMunicipality("9999"), nullptr);
  ASSERT_NE(g->FindCounty("24"), nullptr);
  EXPECT_EQ(g->FindCounty("24")->short_name, "Västerbotten");
}

TEST(GazetteerTest, BadCsvNamesFileAndLine) {
  auto g = Gazetteer::FromCsv("county_code,county_name,county_name_short\n24,A,B\n",
                              "h\n2480,Umeå kommun,Umeå\n");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(), "municipalities.csv line 2: expected 4 fields, found 3");
  g = Gazetteer::FromCsv("h\n24,A,B\n", "h\n2480,Umeå kommun,Umeå,99\n");
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("unknown county 99"), std::string::npos);
}

}  // namespace
}  // namespace sv::geo
