#include "ads/ages.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ads/detail/golden.h"

namespace sv::ads {
namespace {

std::string Join(const std::vector<int>& ages) {
  if (ages.empty()) return "-";
  std::string out;
  for (int a : ages) {
    if (!out.empty()) out += ',';
    out += std::to_string(a);
  }
  return out;
}

TEST(AgesTest, GoldenCases) {
  const auto cases = detail::ReadGoldenCases("ages.tsv");
  ASSERT_GE(cases.size(), 30u);
  for (const auto& c : cases) {
    ASSERT_GE(c.fields.size(), 2u) << "ages.tsv line " << c.line;
    const AgeFindings f = FindAges(c.fields[0]);
    EXPECT_EQ(Join(f.ages), c.fields[1]) << "ages.tsv line " << c.line << ": " << c.fields[0];
    const bool child = c.fields.size() >= 3 && c.fields[2] == "child";
    EXPECT_EQ(f.child_wording, child) << "ages.tsv line " << c.line << ": " << c.fields[0];
  }
}

TEST(AgesTest, AgeField) {
  std::vector<int> ages = {23};
  AddAgeField("19", ages);
  EXPECT_EQ(ages, (std::vector<int>{19, 23}));
  AddAgeField("19 år", ages);
  AddAgeField("23 years", ages);
  EXPECT_EQ(ages, (std::vector<int>{19, 23}));
  AddAgeField("", ages);
  AddAgeField("5", ages);
  AddAgeField("100", ages);
  AddAgeField("19.5", ages);
  AddAgeField("09", ages);
  EXPECT_EQ(ages, (std::vector<int>{19, 23}));
  AddAgeField("16", ages);
  EXPECT_EQ(ages, (std::vector<int>{16, 19, 23}));
}

TEST(AgesTest, OnlyTwoDigitAges) {
  EXPECT_TRUE(FindAges("ålder 9").ages.empty());
  EXPECT_TRUE(FindAges("ålder 100").ages.empty());
  EXPECT_EQ(FindAges("ålder 99").ages, std::vector<int>{99});
  EXPECT_EQ(FindAges("ålder 10").ages, std::vector<int>{10});
}

// A phrase starts where a word of letters starts: not after a two-byte letter, but after a digit
// or a byte that is no letter (× is 0xC3 0x97).
TEST(AgesTest, ChildWordingStartsAWord) {
  EXPECT_TRUE(HasChildWording("SKOLFLICKA"));
  EXPECT_TRUE(HasChildWording("GÅR I ÅTTAN"));
  EXPECT_TRUE(HasChildWording("hej skolflick"));  // at the very end
  EXPECT_FALSE(HasChildWording("hej skolflic"));
  EXPECT_FALSE(HasChildWording("ässkolflicka"));
  EXPECT_TRUE(HasChildWording("\xC3\x97skolflicka"));
  EXPECT_TRUE(HasChildWording("9skolflicka"));
  // In the last bytes after whole blocks of 64 (read from a padded copy).
  EXPECT_TRUE(HasChildWording("Lolita"));
  EXPECT_TRUE(HasChildWording("Ny tjej i stan!! lolita"));
  EXPECT_FALSE(HasChildWording("Ny tjej i stan!!\xC3\xA4lolita"));
  EXPECT_TRUE(HasChildWording("Ny tjej i stan!! Ny tjej i stan!! Lolita"));
  EXPECT_FALSE(HasChildWording("Ny tjej i stan!! Ny tjej i stan!!Lolit"));
  EXPECT_FALSE(HasChildWording("0123456789abcdefschoolgirl"));
}

// Texts are read in blocks of 64 bytes, the bytes after the last whole block from a padded
// copy: a phrase or an age is found at every offset, and a word or a run of digits that a
// block's edge cuts is read whole.
TEST(AgesTest, FoundAtEveryOffsetOfABlock) {
  for (std::size_t pad = 0; pad < 140; ++pad) {
    const std::string spaces(pad, ' ');
    EXPECT_TRUE(HasChildWording(spaces + "Skolflicka")) << pad;
    EXPECT_TRUE(HasChildWording(spaces + "GÅR I ÅTTAN")) << pad;
    EXPECT_FALSE(HasChildWording(std::string(pad + 1, 'x') + "skolflicka")) << pad;
    EXPECT_FALSE(HasChildWording(spaces + "\xC3\xA4skolflicka")) << pad;
    EXPECT_EQ(FindAges(spaces + "tjej 19").ages, std::vector<int>{19}) << pad;
    EXPECT_EQ(FindAges(spaces + "19 år").ages, std::vector<int>{19}) << pad;
    EXPECT_TRUE(FindAges(std::string(pad + 2, '1') + "9 år").ages.empty()) << pad;
    EXPECT_TRUE(FindAges(spaces + "tjej 07").ages.empty()) << pad;
  }
}

TEST(AgesTest, HostileTextFinishes) {
  std::string digits(4 << 20, '1');
  EXPECT_TRUE(FindAges(digits).ages.empty());
  std::string pairs;
  for (int i = 0; i < 300000; ++i) pairs += "19 ";
  EXPECT_TRUE(FindAges(pairs).ages.empty());
  std::string stated;
  for (int i = 0; i < 200000; ++i) stated += "tjej 19 år, ";
  EXPECT_EQ(FindAges(stated).ages, std::vector<int>{19});
  std::string bytes;
  for (int i = 0; i < 1000000; ++i) bytes += static_cast<char>(0xC3 + (i % 61));
  (void)FindAges(bytes);
  std::string s(2 << 20, 's');
  EXPECT_FALSE(FindAges(s).child_wording);
}

// Adding to what was found: the ages kept sorted and unique, child wording kept once found.
TEST(AgesTest, AddsToEarlierFindings) {
  AgeFindings found;
  FindAges("Jag är 23 år", found);
  FindAges("Min vän är 19 år, jag är 23 år. Skolflicka", found);
  EXPECT_EQ(found.ages, (std::vector<int>{19, 23}));
  EXPECT_TRUE(found.child_wording);
  FindAges("Inget här", found);
  EXPECT_EQ(found.ages, (std::vector<int>{19, 23}));
  EXPECT_TRUE(found.child_wording);
}

}  // namespace
}  // namespace sv::ads
