#include "persons/age.h"

#include <gtest/gtest.h>

namespace sv::persons {
namespace {

TEST(AgeTest, BandIsDerivedFromTheAge) {
  EXPECT_EQ(AgeBandOf(16), "under_18");
  EXPECT_EQ(AgeBandOf(18), "18_20");
  EXPECT_EQ(AgeBandOf(25), "21_25");
  EXPECT_EQ(AgeBandOf(51), "over_50");
  Result<Age> a = ResolveAge(17, std::nullopt);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->band, "under_18");
  EXPECT_TRUE(MayBeAChild(*a));
}

TEST(AgeTest, NothingKnownIsUnknownAndMayBeAChild) {
  Result<Age> a = ResolveAge(std::nullopt, std::nullopt);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->band, "unknown");
  EXPECT_TRUE(MayBeAChild(*a));
  Result<Age> b = ResolveAge(std::nullopt, std::string("26_35"));
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(MayBeAChild(*b));
}

TEST(AgeTest, ContradictionsAndBadValuesNameTheField) {
  Result<Age> contradiction = ResolveAge(30, std::string("under_18"));
  ASSERT_FALSE(contradiction.ok());
  EXPECT_EQ(contradiction.status().field(), "age_band");
  EXPECT_NE(contradiction.status().message().find("26_35"), std::string::npos);
  EXPECT_EQ(ResolveAge(121, std::nullopt).status().field(), "age");
  EXPECT_EQ(ResolveAge(-1, std::nullopt).status().field(), "age");
  EXPECT_EQ(ResolveAge(std::nullopt, std::string("teen")).status().field(), "age_band");
  EXPECT_TRUE(ResolveAge(30, std::string("unknown")).ok()) << "a guess of unknown yields to the age";
}

}  // namespace
}  // namespace sv::persons
