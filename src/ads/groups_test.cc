#include "ads/groups.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>

namespace sv::ads {
namespace {

TEST(GroupsTest, AdsSharingAPhoneOrAnAddressAreOneGroupThroughOthersToo) {
  AdGroups groups;
  groups.Reserve(4);
  groups.AddKey(0, LinkKind::kPhone, "+46701234567");
  groups.AddKey(1, LinkKind::kPhone, "+46701234567");
  groups.AddKey(1, LinkKind::kEmail, "anna@example.se");
  groups.AddKey(2, LinkKind::kEmail, "anna@example.se");
  groups.AddKey(3, LinkKind::kPhone, "+46739876543");
  EXPECT_EQ(groups.GroupOf(1), 0u);
  EXPECT_EQ(groups.GroupOf(2), 0u) << "through ad 1";
  EXPECT_EQ(groups.GroupOf(3), 3u);
}

TEST(GroupsTest, EveryLinkSaysWhatItShares) {
  AdGroups groups;
  groups.AddKey(0, LinkKind::kTemplate, "t0");
  groups.AddKey(1, LinkKind::kTemplate, "t0");
  groups.AddKey(1, LinkKind::kImage, "sha256:ab");
  groups.AddKey(2, LinkKind::kImage, "sha256:ab");
  const std::vector<Link> links = groups.LinksOf(2);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].with, 1u);
  EXPECT_EQ(links[0].kind, LinkKind::kImage);
  EXPECT_EQ(links[0].value, "sha256:ab");
  EXPECT_EQ(LinkKindName(groups.LinksOf(1)[0].kind), "template");
}

TEST(GroupsTest, KindsDoNotMixAndEmptyValuesLinkNothing) {
  AdGroups groups;
  groups.AddKey(0, LinkKind::kPhone, "abc");
  groups.AddKey(1, LinkKind::kEmail, "abc");
  groups.AddKey(2, LinkKind::kPhone, "");
  groups.AddKey(3, LinkKind::kPhone, "");
  EXPECT_NE(groups.GroupOf(1), groups.GroupOf(0));
  EXPECT_NE(groups.GroupOf(3), groups.GroupOf(2));
  EXPECT_TRUE(groups.links().empty());
}

// A redundant link (both ads already in one group) adds no explanation.
TEST(GroupsTest, OnlyLinksThatJoinGroupsAreKept) {
  AdGroups groups;
  groups.AddKey(0, LinkKind::kPhone, "+46701234567");
  groups.AddKey(1, LinkKind::kPhone, "+46701234567");
  groups.AddKey(0, LinkKind::kEmail, "a@b.se");
  groups.AddKey(1, LinkKind::kEmail, "a@b.se");
  EXPECT_EQ(groups.links().size(), 1u);
}

// The analysis keeps the first ad of each key in its own table and the templates by their first
// ad: AddKnownKey and AddTemplate must join and explain exactly as AddKey does.
TEST(GroupsTest, KnownKeysAndTemplatesJoinAsAddKeyDoes) {
  AdGroups by_key;
  AdGroups known;
  auto add = [&](std::size_t ad, LinkKind kind, const std::string& value, std::size_t first) {
    by_key.AddKey(ad, kind, value);
    if (kind == LinkKind::kTemplate) {
      known.AddTemplate(ad, first);
    } else {
      known.AddKnownKey(ad, kind, value, first);
    }
  };
  add(0, LinkKind::kTemplate, "0", 0);
  add(0, LinkKind::kPhone, "+46701234567", 0);
  add(1, LinkKind::kTemplate, "1", 1);
  add(1, LinkKind::kPhone, "+46701234567", 0);
  add(1, LinkKind::kPhone, "+46701234567", 0);  // twice in one ad
  add(2, LinkKind::kTemplate, "0", 0);
  add(3, LinkKind::kTemplate, "3", 3);
  add(3, LinkKind::kEmail, "", 3);
  add(4, LinkKind::kTemplate, "3", 3);
  add(4, LinkKind::kEmail, "", 3);
  add(4, LinkKind::kImage, "sha256:ab", 4);
  add(5, LinkKind::kTemplate, "5", 5);
  add(5, LinkKind::kImage, "sha256:ab", 4);
  add(6, LinkKind::kTemplate, "0", 0);
  add(6, LinkKind::kPhone, "+46701234567", 0);  // already in ad 0's group: no link
  add(12, LinkKind::kTemplate, "3", 3);         // past the ads reserved so far
  for (std::size_t ad = 0; ad <= 12; ++ad) EXPECT_EQ(known.GroupOf(ad), by_key.GroupOf(ad)) << ad;
  ASSERT_EQ(known.links().size(), by_key.links().size());
  for (std::size_t i = 0; i < known.links().size(); ++i) {
    const Link& a = known.links()[i];
    const Link& b = by_key.links()[i];
    EXPECT_EQ(std::tie(a.ad, a.with, a.kind, a.value), std::tie(b.ad, b.with, b.kind, b.value));
  }
  EXPECT_EQ(known.links().size(), 6u);
  EXPECT_EQ(known.links().back().value, "3");
}

}  // namespace
}  // namespace sv::ads
