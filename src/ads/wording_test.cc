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

// The text is read as if folded (ASCII and Å Ä Ö É lower-cased, "100 %" as "100%"), in place.
TEST(WordingTest, TrustLanguageReadsTheFoldedText) {
  EXPECT_TRUE(HasTrustLanguage("REAL PICS"));
  EXPECT_TRUE(HasTrustLanguage("Lita PÅ mig"));
  EXPECT_TRUE(HasTrustLanguage("100 % SERIÖS"));
  EXPECT_FALSE(HasTrustLanguage("100  % seriös"));  // only the space right before '%' goes
  EXPECT_TRUE(HasTrustLanguage("ok.real pics"));
  EXPECT_TRUE(HasTrustLanguage("x verified"));  // at the very end
  EXPECT_FALSE(HasTrustLanguage("x verifie"));
  EXPECT_FALSE(HasTrustLanguage("2real pics"));  // a digit belongs to the word
  EXPECT_TRUE(HasTrustLanguage("inga fejkprofiler"));
  EXPECT_FALSE(HasTrustLanguage("inga fakeprofiler"));
}

// Invalid UTF-8: the fold takes 0xC3 with the byte after it, lower-casing only Å Ä Ö É, so a
// capital right after an 0xC3 that starts a pair stays a capital (no word byte) and a word starts
// after it; 0xC3 bytes pair from the start of their run.
TEST(WordingTest, TrustLanguageAfterStray0xC3) {
  EXPECT_TRUE(HasTrustLanguage("\xC3" "Areal pics"));
  EXPECT_FALSE(HasTrustLanguage("\xC3\xC3" "Areal pics"));
  EXPECT_TRUE(HasTrustLanguage("\xC3\xC3\xC3" "Areal pics"));
}

TEST(WordingTest, EmojiSignalsAreTheFourReported) {
  EXPECT_TRUE(HasEmojiSignal("Ny i stan 🍒"));
  EXPECT_TRUE(HasEmojiSignal("👑 VIP"));
  EXPECT_TRUE(HasEmojiSignal("Reser ✈ snart"));
  EXPECT_TRUE(HasEmojiSignal("💗💗"));
  EXPECT_FALSE(HasEmojiSignal("Hej ❤ och 😊"));
  EXPECT_TRUE(HasEmojiSignal("ok \xF0\x9F\x92\x97"));  // at the very end
  EXPECT_FALSE(HasEmojiSignal("ok \xF0\x9F\x92"));     // cut short
  EXPECT_FALSE(HasEmojiSignal("\xE2\x9C"));
}

// Texts are read in blocks of 64 bytes, the bytes after the last whole block from a padded
// copy: wording is found at every offset, and not inside a word that a block's edge cuts.
TEST(WordingTest, FoundAtEveryOffsetOfABlock) {
  for (std::size_t pad = 0; pad < 140; ++pad) {
    const std::string spaces(pad, ' ');
    EXPECT_TRUE(HasTrustLanguage(spaces + "100 % REAL")) << pad;
    EXPECT_TRUE(HasTrustLanguage(spaces + "ÄKTA BILDER")) << pad;
    EXPECT_TRUE(HasTrustLanguage(spaces + "Verified")) << pad;
    EXPECT_FALSE(HasTrustLanguage(std::string(pad + 1, 'x') + "verified")) << pad;
    EXPECT_FALSE(HasTrustLanguage(std::string(pad + 1, '7') + "verified")) << pad;
    EXPECT_TRUE(HasEmojiSignal(spaces + "\xE2\x9C\x88")) << pad;
    EXPECT_FALSE(HasEmojiSignal(spaces + "\xE2\x9C")) << pad;
  }
}

// A quick test reads the first four bytes of a word ("100 %" as "100%" there too); fewer than
// four at the end of the text are left to the comparison.
TEST(WordingTest, FirstFourBytes) {
  EXPECT_TRUE(HasTrustLanguage("100 % Legit"));
  EXPECT_TRUE(HasTrustLanguage("100% LEGIT"));
  EXPECT_FALSE(HasTrustLanguage("100 %legit"));
  EXPECT_FALSE(HasTrustLanguage("100 "));
  EXPECT_FALSE(HasTrustLanguage("x no"));
  EXPECT_FALSE(HasTrustLanguage("ej"));
  EXPECT_TRUE(HasTrustLanguage("x ej fejk"));
  EXPECT_FALSE(HasTrustLanguage("x ej fej"));
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
