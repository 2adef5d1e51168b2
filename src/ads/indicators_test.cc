#include "ads/indicators.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace sv::ads {
namespace {

// IndicatorsOf adds the codes in sorted order rather than sorting them: every code, and each
// alone, comes out sorted.
TEST(IndicatorsTest, CodesAreSortedAndEachComesFromItsFlag) {
  AdRecord all;
  all.ages = {17, 25};
  all.obfuscated_phone = all.trust_language = all.emoji_signal = all.area_mismatch = true;
  const std::vector<std::string> codes = IndicatorsOf(all, true, true);
  EXPECT_EQ(codes, (std::vector<std::string>{"area_mismatch", "emoji_signal", "multi_city",
                                             "obfuscated_phone", "possible_minor", "shared_contact",
                                             "trust_language"}));
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  EXPECT_EQ(IndicatorWeight(codes), 10 + 5 * 3 + 1);

  AdRecord none;
  none.ages = {18, 30};
  EXPECT_TRUE(IndicatorsOf(none, false, false).empty());
  AdRecord child;
  child.child_wording = true;
  EXPECT_EQ(IndicatorsOf(child, false, false), std::vector<std::string>{"possible_minor"});
  EXPECT_EQ(IndicatorsOf(none, true, false), std::vector<std::string>{"shared_contact"});
  EXPECT_EQ(IndicatorsOf(none, false, true), std::vector<std::string>{"multi_city"});
  AdRecord emoji;
  emoji.emoji_signal = true;
  EXPECT_EQ(IndicatorsOf(emoji, false, true),
            (std::vector<std::string>{"emoji_signal", "multi_city"}));
}

}  // namespace
}  // namespace sv::ads
