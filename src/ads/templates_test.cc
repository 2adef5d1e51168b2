#include "ads/templates.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace sv::ads {
namespace {

std::string Ad(const std::string& name, int age, const std::string& phone,
               const std::string& place, int price) {
  return "Hej! Jag heter " + name + " och är " + std::to_string(age) +
         " år, ny i " + place +
         ". Jag är en söt och glad tjej som älskar att träffa nya vänner. Diskret lägenhet nära "
         "centrum, du kan komma till mig eller så kommer jag till ditt hotell. " +
         std::to_string(price) + " kr per timme. Ring eller sms:a " + phone +
         ", jag svarar dygnet runt. Kyss!";
}

TEST(TemplatesTest, TokensAreLowerCaseWithSlotsForDigits) {
  EXPECT_EQ(TemplateTokens("Ring 070-123 45 67, ÅSA! 1500kr"),
            (std::vector<std::string>{"ring", "#", "#", "#", "#", "åsa", "#"}));
}

TEST(TemplatesTest, TheSameTemplateWithOtherSlotsIsOneTemplate) {
  TemplateIndex index;
  const std::size_t a = index.Add(Ad("Anna", 21, "070-123 45 67", "Umeå", 1500));
  const std::size_t b = index.Add(Ad("Bella", 19, "073 987 65 43", "Skellefteå", 2000));
  const std::size_t c = index.Add(Ad("Cecilia", 24, "+46 76 555 12 12", "Luleå", 1200));
  EXPECT_EQ(index.TemplateOf(b), index.TemplateOf(a));
  EXPECT_EQ(index.TemplateOf(c), index.TemplateOf(a));
  EXPECT_EQ(index.TemplateOf(a), a) << "a template is named by its first text";
}

TEST(TemplatesTest, SmallEditsKeepTheTemplate) {
  TemplateIndex index;
  const std::string base = Ad("Anna", 21, "070-123 45 67", "Umeå", 1500);
  std::string edited = base;
  edited.replace(edited.find("söt och glad"), 12, "glad och snäll");
  edited += " Välkommen!";
  const std::size_t a = index.Add(base);
  const std::size_t b = index.Add(edited);
  EXPECT_GE(index.Similarity(a, b), 0.6);
  EXPECT_EQ(index.TemplateOf(b), index.TemplateOf(a));
}

TEST(TemplatesTest, DifferentTextsAreDifferentTemplates) {
  TemplateIndex index;
  const std::size_t a = index.Add(Ad("Anna", 21, "070-123 45 67", "Umeå", 1500));
  const std::size_t b = index.Add(
      "Sugar daddy sökes! Student i Stockholm som gillar resor, fina middagar och shopping. "
      "Letar efter en generös och omtänksam man för ett ömsesidigt arrangemang. Skriv till mig.");
  const std::size_t c = index.Add(
      "Thai massage in Gothenburg, relaxing oil massage by experienced masseuse, open every day "
      "from ten to ten, call for booking, parking outside the door.");
  EXPECT_NE(index.TemplateOf(b), index.TemplateOf(a));
  EXPECT_NE(index.TemplateOf(c), index.TemplateOf(a));
  EXPECT_NE(index.TemplateOf(c), index.TemplateOf(b));
  EXPECT_LT(index.Similarity(a, b), 0.2);
}

TEST(TemplatesTest, ShortTextsStayAlone) {
  TemplateIndex index;
  const std::size_t a = index.Add("Hej! Ring mig.");
  const std::size_t b = index.Add("Hej! Ring mig.");
  const std::size_t c = index.Add("");
  const std::size_t d = index.Add("");
  EXPECT_NE(index.TemplateOf(a), index.TemplateOf(b));
  EXPECT_NE(index.TemplateOf(c), index.TemplateOf(d));
  EXPECT_EQ(index.Similarity(a, b), 0);
}

// Three thousand copies of one template: one template, found without pairwise comparisons (the
// buckets keep a few representatives), so this finishes at once.
TEST(TemplatesTest, AManyTimesRepeatedTemplateIsOneTemplate) {
  TemplateIndex index;
  const char* names[] = {"Anna", "Bella", "Cecilia", "Dana", "Ella", "Fia", "Gina"};
  for (int i = 0; i < 3000; ++i) {
    index.Add(Ad(names[i % 7], 18 + i % 20, "070" + std::to_string(1000000 + i), "Umeå",
                 1000 + i % 10 * 100));
  }
  for (std::size_t i = 0; i < index.size(); ++i) ASSERT_EQ(index.TemplateOf(i), 0u) << i;
}

// The analysis signs each ad's text when it reads it and links the signatures at the end: the
// same templates as adding the texts one by one, and the same signatures as TemplateSignature.
TEST(TemplatesTest, SignaturesAddedTogetherGiveTheTemplatesOfTextsAddedOneByOne) {
  const char* names[] = {"Anna", "Bella", "Cecilia", "Dana"};
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i) {
    std::string text = Ad(names[i % 4], 18 + i % 20, "070" + std::to_string(1000000 + i),
                          i % 3 ? "Umeå" : "Luleå", 1000 + i % 10 * 100);
    if (i % 5 == 0) text = "Massage " + std::to_string(i) + ": " + text.substr(0, 60 + i % 90);
    if (i % 7 == 0) text = "Hej!";
    texts.push_back(text);
  }
  TemplateIndex one_by_one;
  for (const std::string& t : texts) one_by_one.Add(t);

  const std::size_t k = static_cast<std::size_t>(TemplateOptions{}.bands * TemplateOptions{}.rows);
  std::vector<uint32_t> signatures(texts.size() * k);
  std::vector<bool> too_short(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    too_short[i] = !SignTemplate(texts[i], &signatures[i * k]);
    const std::vector<uint32_t> expected = TemplateSignature(texts[i]);
    if (too_short[i]) {
      EXPECT_TRUE(expected.empty()) << i;
    } else {
      EXPECT_EQ(std::vector<uint32_t>(signatures.begin() + static_cast<std::ptrdiff_t>(i * k),
                                      signatures.begin() + static_cast<std::ptrdiff_t>((i + 1) * k)),
                expected)
          << i;
    }
  }
  TemplateIndex together;
  together.AddSignatures(std::move(signatures), too_short);
  ASSERT_EQ(together.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(together.TemplateOf(i), one_by_one.TemplateOf(i)) << i;
  }
}

// Signing reads a text's tokens eight bytes at a time (templates.cc); the tokens it signs are
// those TemplateTokens shows: the same signature as the tokens written out plainly (lower case,
// slots as "0", one space apart), also with Å Ä Ö É across the eight-byte words, long tokens, and
// a last token read byte by byte (the same text followed by spaces reads it eight at a time).
TEST(TemplatesTest, TheSignatureIsThatOfTheTokensShown) {
  const std::vector<std::string> texts = {
      Ad("ÅSA", 21, "070-123 45 67", "GÖTEBORG", 1500),
      "Hej ABCDEFGÅSA och ABCDEFGHIJKLMNOÄÖÉ, här är SÖTA Élise på KRÖGEN i Umeå 🌹🌹 "
      "XXXXXXXÅ XXXXXXXXXXXXXXXÖ åäöÅÄÖéÉ ÃÂ ring 0701234567 eller mejla anna@exempel.se nu",
      "Ny i stan! Diskret, söt och glad. Kom och hälsa på mig i min lägenhet ikväll, PUSS " +
          std::string(70, 'Z') + " SLUTÅ",
  };
  for (const std::string& text : texts) {
    std::string plain;
    for (const std::string& token : TemplateTokens(text)) {
      plain += (token == "#" ? "0" : token) + " ";
    }
    EXPECT_EQ(TemplateSignature(text), TemplateSignature(plain)) << text;
    EXPECT_EQ(TemplateSignature(text), TemplateSignature(text + std::string(16, ' '))) << text;
    EXPECT_FALSE(TemplateSignature(text).empty());
  }
  EXPECT_EQ(TemplateTokens("ABCDEFGÅSA Élise 🌹x"),
            (std::vector<std::string>{"abcdefgåsa", "élise", "🌹x"}));
}

// Other widths and numbers of bins than the defaults (signed by the general code, not the one
// compiled for the defaults) find the same templates.
TEST(TemplatesTest, OtherOptionsFindTheSameTemplates) {
  const TemplateOptions options{.shingle_words = 4, .bands = 20, .rows = 3};
  EXPECT_EQ(TemplateSignature(Ad("Anna", 21, "070-123 45 67", "Umeå", 1500), options).size(), 60u);
  TemplateIndex index(options);
  const std::size_t a = index.Add(Ad("Anna", 21, "070-123 45 67", "Umeå", 1500));
  const std::size_t b = index.Add(Ad("Bella", 19, "073 987 65 43", "Skellefteå", 2000));
  const std::size_t c = index.Add(
      "Thai massage in Gothenburg, relaxing oil massage by experienced masseuse, open every day "
      "from ten to ten, call for booking, parking outside the door.");
  EXPECT_EQ(index.TemplateOf(b), index.TemplateOf(a));
  EXPECT_NE(index.TemplateOf(c), index.TemplateOf(a));
  EXPECT_LT(index.Similarity(a, c), 0.2);
}

// The words "wa", "wb", … (no digits, so none is a slot).
std::string Word(int i) {
  std::string w = "w";
  do {
    w.push_back(static_cast<char>('a' + i % 26));
    i /= 26;
  } while (i > 0);
  return w;
}

// Two texts of `length` distinct words that share their first `shared` words: their shingles of
// three words have Jaccard similarity (shared-2) / (2(length-2) - (shared-2)). One permutation
// hashing with densification estimates it without bias, also for short texts whose shingles fill
// few of the 64 bins (most values then copied from other bins): the mean of the estimates over
// many pairs is within 0.03 of the truth (at least four standard errors of the mean).
double MeanEstimate(int length, int shared, int pairs) {
  double sum = 0;
  int next = 0;
  for (int p = 0; p < pairs; ++p) {
    std::string a, b;
    for (int i = 0; i < length; ++i) {
      const std::string w = Word(next + i);
      a += w + " ";
      b += (i < shared ? w : Word(next + length + i)) + " ";
    }
    next += 2 * length;
    const std::vector<uint32_t> sa = TemplateSignature(a), sb = TemplateSignature(b);
    EXPECT_EQ(sa.size(), 64u);
    EXPECT_EQ(sb.size(), 64u);
    for (uint32_t v : sa) EXPECT_NE(v, std::numeric_limits<uint32_t>::max()) << "an empty bin";
    sum += SignatureSimilarity(sa.data(), sb.data(), sa.size());
  }
  return sum / pairs;
}

TEST(TemplatesTest, TheEstimatedSimilarityIsTheJaccardSimilarityOfTheShingles) {
  EXPECT_NEAR(MeanEstimate(100, 67, 200), 65.0 / (196 - 65), 0.03);  // 0.50, bins mostly filled
  EXPECT_NEAR(MeanEstimate(100, 90, 200), 88.0 / (196 - 88), 0.03);  // 0.81
  EXPECT_NEAR(MeanEstimate(20, 11, 600), 9.0 / (36 - 9), 0.03);      // 0.33, most bins empty
  EXPECT_NEAR(MeanEstimate(12, 9, 600), 7.0 / (20 - 7), 0.03);       // 0.54, 10 shingles
  EXPECT_NEAR(MeanEstimate(60, 3, 200), 1.0 / (116 - 1), 0.03);      // 0.01
}

}  // namespace
}  // namespace sv::ads
