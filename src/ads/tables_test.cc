// The analysis' own tables (detail/string_table.h, detail/ad_index.h): keys never merge, not even
// when their hashes do, and growing keeps every key.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ads/detail/ad_index.h"
#include "ads/detail/string_table.h"

namespace sv::ads::detail {
namespace {

TEST(StringTableTest, KeepsEveryKeyThroughGrowth) {
  StringTable<std::size_t> table;
  for (std::size_t i = 0; i < 5000; ++i) {
    const auto [value, added] = table.TryEmplace('p', "+4670" + std::to_string(i), i);
    EXPECT_TRUE(added);
    EXPECT_EQ(*value, i);
  }
  for (std::size_t i = 0; i < 5000; ++i) {
    const std::size_t* value = table.Find('p', "+4670" + std::to_string(i));
    ASSERT_NE(value, nullptr) << i;
    EXPECT_EQ(*value, i);
    const auto [again, added] = table.TryEmplace('p', "+4670" + std::to_string(i), 99999);
    EXPECT_FALSE(added);
    EXPECT_EQ(*again, i);
  }
  EXPECT_EQ(table.Find('p', "+46705000"), nullptr);
}

TEST(StringTableTest, ThePrefixAndTheWholeKeyCount) {
  StringTable<int> table;
  table.TryEmplace('p', "anna@example.se", 1);
  EXPECT_EQ(table.Find('e', "anna@example.se"), nullptr);
  EXPECT_EQ(table.Find('p', "anna@example.s"), nullptr);
  EXPECT_EQ(table.Find('p', ""), nullptr);
  table.TryEmplace('p', "", 2);
  ASSERT_NE(table.Find('p', ""), nullptr);
  EXPECT_EQ(*table.Find('p', ""), 2);
  EXPECT_EQ(*table.Find('p', "anna@example.se"), 1);
}

TEST(AdIndexTest, EqualHashesDoNotMergeAds) {
  AdIndex index;
  const std::vector<std::string> ids = {"a", "b", "c"};
  bool added = false;
  // Every ad given the same hash: only the ad's own fields tell them apart.
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::size_t n = index.FindOrAdd(
        42, i, [&](std::size_t ad) { return ids[ad] == ids[i]; }, added);
    EXPECT_TRUE(added);
    EXPECT_EQ(n, i);
  }
  const std::size_t b = index.FindOrAdd(
      42, 3, [&](std::size_t ad) { return ids[ad] == "b"; }, added);
  EXPECT_FALSE(added);
  EXPECT_EQ(b, 1u);
}

TEST(AdIndexTest, FindsEveryAdAfterGrowing) {
  AdIndex index;
  bool added = false;
  auto id = [](std::size_t i) { return std::to_string(i * 7919); };
  for (std::size_t i = 0; i < 3000; ++i) {
    index.FindOrAdd(AdIndex::Hash("site.se", id(i)), i, [](std::size_t) { return false; },
                    added);
    EXPECT_TRUE(added);
  }
  for (std::size_t i = 0; i < 3000; ++i) {
    const std::size_t n = index.FindOrAdd(
        AdIndex::Hash("site.se", id(i)), 3000,
        [&](std::size_t ad) { return id(ad) == id(i); }, added);
    EXPECT_FALSE(added) << i;
    EXPECT_EQ(n, i);
  }
}

}  // namespace
}  // namespace sv::ads::detail
