#include "ads/sentences.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ads/observation.h"
#include "ads/synth.h"

namespace sv::ads {
namespace {

std::vector<std::string> Sentences(std::string_view text) {
  std::vector<std::string> out;
  ForEachSentence(text, [&](std::string_view s) { out.emplace_back(s); });
  return out;
}

using Pieces = std::vector<std::string>;

TEST(SentencesTest, EndAfterAPlainWordAndBeforeACapital) {
  EXPECT_EQ(Sentences("Hej och välkommen. Jag heter Anna! Ring mig?\nDiskret."),
            (Pieces{"Hej och välkommen. ", "Jag heter Anna! ", "Ring mig?\n", "Diskret."}));
  EXPECT_EQ(Sentences("Real pics... Meet me"), (Pieces{"Real pics... ", "Meet me"}));
  // A line break without punctuation ends one too, with the white space before it.
  EXPECT_EQ(Sentences("Välkommen  \n\nJag finns i Umeå"),
            (Pieces{"Välkommen  \n\n", "Jag finns i Umeå"}));
  // Å, Ä, Ö and å, ä, ö are letters of either case.
  EXPECT_EQ(Sentences("Träffa mig på. Älskar dig"), (Pieces{"Träffa mig på. ", "Älskar dig"}));
}

TEST(SentencesTest, NothingThatMayGoOnIsCut) {
  for (const std::string_view text : {
           "",
           "Ring 070. Anna svarar",           // digits before
           "Öppet kl. 18 till sent",          // no capital after
           "Mail: anna.svensson@mail.se",      // no white space after the dot
           "Jag bor i Sthlm. 19 år gammal",   // a digit after
           "Ålder:\nNitton",                  // punctuation other than . ! ? before the line break
           "Pris ,\nHalvtimme",               // nor a word
           "VERIFIED. Real",                  // a capital ends the word before
           "Ring mig . Anna",                 // white space before the punctuation
           "Hej. ANNA här",                   // a capital follows the capital
           "Hej.\tA",                         // one letter after
           "Slut på text.",                   // the end
       }) {
    EXPECT_EQ(Sentences(text).size(), text.empty() ? 0U : 1U) << text;
  }
}

// Number words and letters that stand for digits (phones.h) may be one phone number across the
// punctuation: "noll sju noll. Ett två tre".
TEST(SentencesTest, WordsThatMayBeDigitsKeepTheSentenceTogether) {
  for (const std::string_view text : {
           "Ring noll sju noll. Ett två tre",
           "Mitt nummer är sju. Sex fyra",
           "Call zero seven. Three four",
           "Ring mig. Noll sju",
           "Ring mig. Åtta",
           "Ring mig. Sex",
           "Slå en. Två",
           "Numret slutar på lO. Ol",
           "Det är bra. Oo",
           "Ja ll. Okej",
       }) {
    EXPECT_EQ(Sentences(text).size(), 1U) << text;
  }
  // Words that only start like one are plain.
  EXPECT_EQ(Sentences("Ring mig. Sexig tjej").size(), 2U);
  EXPECT_EQ(Sentences("Kom hit nu. Olle svarar").size(), 2U);
  EXPECT_EQ(Sentences("Helt otroligt. Trevlig kväll").size(), 2U);
}

// The sentences of every body of a synthetic corpus put together are the body, and none is
// empty.
TEST(SentencesTest, PiecesMakeUpTheText) {
  std::ostringstream corpus;
  WriteSynthCorpus({.count = 300, .seed = 11}, corpus, nullptr);
  std::istringstream lines(corpus.str());
  ObservationParser parser;
  Observation o;
  std::string line;
  int bodies = 0, cut = 0;
  while (std::getline(lines, line)) {
    ASSERT_TRUE(parser.ParseInto(line, o).ok());
    std::string joined;
    int pieces = 0;
    ForEachSentence(o.body, [&](std::string_view s) {
      EXPECT_FALSE(s.empty());
      joined.append(s);
      ++pieces;
    });
    EXPECT_EQ(joined, o.body);
    ++bodies;
    cut += pieces > 1;
  }
  EXPECT_GT(bodies, 300);
  EXPECT_GT(cut, bodies / 2);  // most bodies have several sentences
}

TEST(SentencesTest, SentenceEndStartsWhereAsked) {
  const std::string_view text = "Hej. Jag heter Anna. Ring mig.";
  EXPECT_EQ(SentenceEnd(text, 0), 5U);
  EXPECT_EQ(SentenceEnd(text, 5), 21U);
  EXPECT_EQ(SentenceEnd(text, 21), text.size());
  // From inside a sentence: the next end after that place.
  EXPECT_EQ(SentenceEnd(text, 7), 21U);
}

}  // namespace
}  // namespace sv::ads
