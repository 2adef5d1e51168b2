#include "ads/groups.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sv::ads
