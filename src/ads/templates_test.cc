#include "ads/templates.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <utility>
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

// Texts whose tokens end at and cross the 64-byte blocks and the eight-byte words that signing
// reads, with Å Ä Ö É split across them, long tokens, digits, invalid UTF-8, few shingles (most
// bins filled by densification) and none.
std::vector<std::string> SchemeTexts() {
  std::vector<std::string> texts = {
      "",
      "ett två tre fyra fem sex sju åtta",
      "Ett Två Tre Fyra Fem Sex Sju Åtta Nio",
      "HEJ 070-1234567 ÅSA ÄLSKAR ÖL ÉLISE \xC3 \xC3\x85\xC3\x85 \xff\xfe\x80 a1 b2 c3 slut",
  };
  std::string words;
  for (int i = 0; i < 40; ++i) {
    words += "ord" + std::string(static_cast<std::size_t>(i % 11), 'x') + " ";
  }
  texts.push_back(words);
  for (std::size_t cut = 56; cut <= 72; ++cut) texts.push_back(words.substr(0, cut));
  for (std::size_t pad = 0; pad < 9; ++pad) {
    texts.push_back(std::string(pad, ' ') + "a b c d e f g h " + std::string(60, 'Q') + "\xC3\x85" +
                    std::string(pad, 'z') + " i j k");
  }
  std::string digits(5000, '7');
  texts.push_back("nu " + digits + " och " + digits + "x mer ord här än åtta i alla fall");
  return texts;
}

uint64_t Digest(const std::vector<uint32_t>& signature, bool long_enough) {
  uint64_t h = 0xcbf29ce484222325ULL ^ static_cast<uint64_t>(long_enough);  // FNV-1a
  for (const uint32_t v : signature) {
    h ^= v;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Signatures are stored as scheme 2 (kTemplateSignatureScheme): the same text must keep its
// signature bit for bit, however signing is made faster. The digests are those of the scheme's
// first implementation (November 2026) on SchemeTexts(), with the defaults (signed by the code
// compiled for 64 bins and 3 words), another width and number of bins, and 256 bins of
// one-word shingles.
TEST(TemplatesTest, SchemeTwoSignaturesStayTheSame) {
  const std::vector<std::pair<TemplateOptions, std::vector<uint64_t>>> cases = {
      {TemplateOptions{}, {0xf638672b100d7fe5ULL, 0x0659aaf1eee4009eULL, 0x77bc2437e68e1155ULL,
                           0xd6253c18e8d30e4dULL, 0xd11584cdab9b7508ULL, 0x272e3b1048acd4ffULL,
                           0xef170146ca1289a0ULL, 0x5ffafea73c3765b6ULL, 0x7631df28baaa471eULL,
                           0x7631df28baaa471eULL, 0x9aff50159be1dbceULL, 0x9af02a4f0e1d8412ULL,
                           0xd259c42d84407d88ULL, 0xbe18375913d1b41aULL, 0x39d83266355d863eULL,
                           0x8ed2ac4648a6dec0ULL, 0xa149c13c69558848ULL, 0x8c0745c973dc6256ULL,
                           0xcc37a50a86b4b692ULL, 0x0f045a2b5dcaee3eULL, 0xb5e977cf095630f1ULL,
                           0xb5e977cf095630f1ULL, 0x411aaf99082019b7ULL, 0x03666e97597ce302ULL,
                           0x6f6a9cdc7d48b4e0ULL, 0x01a92b302bfc551bULL, 0xf96ce50e14fcb4d1ULL,
                           0x5ec5f973d5db8f38ULL, 0xe4b1bb41785a3dd2ULL, 0xb95cb9eb79a7ea96ULL,
                           0x71ef7f382fc43896ULL, 0x95b419564bb05bffULL}},
      {TemplateOptions{.shingle_words = 4, .bands = 20, .rows = 3},
       {0x61ab26c8304ac079ULL, 0xf5bc6a4f695b612dULL, 0x5604b918e5b55485ULL,
        0x642767fac5bfd7e2ULL, 0x95bf4b168fd93c1eULL, 0xd49c051c511f655aULL,
        0x483549a23592532aULL, 0x14ea517351cbe9daULL, 0x31d205b8c33ddd63ULL,
        0x31d205b8c33ddd63ULL, 0xae212c3f13bb9fccULL, 0x6b8c56ab7b5614e4ULL,
        0x08111cf7a48d5ad7ULL, 0x55688c38e917577fULL, 0x5ec621f27f156520ULL,
        0x40f1076f75c053c5ULL, 0xea5c1bc014b61c86ULL, 0x6c935fc9fe813069ULL,
        0x95cf11e3f7608e17ULL, 0x8ee0e38a608bd779ULL, 0xad12f75521f2f97aULL,
        0xad12f75521f2f97aULL, 0x0d48948717b11715ULL, 0x6a42e8f90887273bULL,
        0xa6fe5ebf4568a8b4ULL, 0x63f5c6205071c5c4ULL, 0x6faf20bdfac7f7eeULL,
        0xb0ee7ccffd40542fULL, 0xf07bf7900696aa55ULL, 0xf31d4cf214c4bde5ULL,
        0xace950b3f46ae47fULL, 0x2d55d7a0c4158e2eULL}},
      {TemplateOptions{.shingle_words = 1, .bands = 64, .rows = 4, .min_tokens = 0},
       {0x4919a34904a31224ULL, 0x6cf614067907bf3cULL, 0x3a6907995768b5acULL,
        0x7653566bc1773de3ULL, 0x96f4bd5b005fe6d5ULL, 0x190eb35681f236caULL,
        0x190eb35681f236caULL, 0x190eb35681f236caULL, 0xc4d37720f2543ffbULL,
        0xc4d37720f2543ffbULL, 0x59adcef025e30e7eULL, 0xd56653a46cc40d29ULL,
        0xc4d37720f2543ffbULL, 0xc4d37720f2543ffbULL, 0xc4d37720f2543ffbULL,
        0xc4d37720f2543ffbULL, 0xc4d37720f2543ffbULL, 0xc4d37720f2543ffbULL,
        0xc4d37720f2543ffbULL, 0xc4d37720f2543ffbULL, 0xca3c371dd76dd97aULL,
        0xca3c371dd76dd97aULL, 0x210bb90928073559ULL, 0xefc4404cfb7f32a4ULL,
        0x7139efa771b215d8ULL, 0x5fa896a3cc7cd8f3ULL, 0x8c45b1d3ebe8682fULL,
        0x4863ca4372bc549fULL, 0xe5546baa2ecad9ceULL, 0x2a28c6ea8557a040ULL,
        0x4925c2aff96aa264ULL, 0x9bc8a4bcf22c9024ULL}},
  };
  ASSERT_EQ(kTemplateSignatureScheme, 2) << "a new scheme has digests of its own";
  const std::vector<std::string> texts = SchemeTexts();
  for (const auto& [options, digests] : cases) {
    ASSERT_EQ(digests.size(), texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
      std::vector<uint32_t> signature(static_cast<std::size_t>(options.bands * options.rows));
      const bool long_enough = SignTemplate(texts[i], signature.data(), options);
      EXPECT_EQ(Digest(signature, long_enough), digests[i])
          << "text " << i << ", " << options.bands * options.rows << " bins";
    }
  }
}

}  // namespace
}  // namespace sv::ads
