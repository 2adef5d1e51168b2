#include "ads/wording.h"

#include <gtest/gtest.h>

#include <string>

namespace sv::ads {
namespace {

TEST(WordingTest, TrustLanguageInSwedishAndEnglish) {
  EXPECT_TRUE(HasTrustLanguage("Hej! 100 % ÄKTA bilder, ring mig"));
  EXPECT_TRUE(HasTrustLanguage("Verifierade bilder, inga fejkprofiler"));
  EXPECT_TRUE(HasTrustLanguage("New girl, real pics, no fakes"));
  EXPECT_TRUE(HasTrustLanguage("Lita på mig, jag är diskret"));
  EXPECT_FALSE(HasTrustLanguage("Trevlig tjej i Umeå, ring mig"));
  EXPECT_FALSE(HasTrustLanguage("Surreal pictures of the sea"));  // "real p…" inside a word
  EXPECT_FALSE(HasTrustLanguage(""));
}

TEST(WordingTest, EmojiSignalsAreTheFourReported) {
  EXPECT_TRUE(HasEmojiSignal("Ny i stan 🍒"));
  EXPECT_TRUE(HasEmojiSignal("👑 VIP"));
  EXPECT_TRUE(HasEmojiSignal("Reser ✈ snart"));
  EXPECT_TRUE(HasEmojiSignal("💗💗"));
  EXPECT_FALSE(HasEmojiSignal("Hej ❤ och 😊"));
}

TEST(WordingTest, LinearOnHostileText) {
  const std::string long_text(1 << 20, 'a');
  EXPECT_FALSE(HasTrustLanguage(long_text));
  std::string percents;
  for (int i = 0; i < 100000; ++i) percents += "100 % ";
  EXPECT_FALSE(HasTrustLanguage(percents));
}

}  // namespace
}  // namespace sv::ads
