#include "ads/sentences.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ads/observation.h"
#include "ads/phones.h"
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

TEST(SentencesTest, SentenceEndsGivesEachEndOnce) {
  const std::string_view text = "Hej. Jag heter Anna. Ring mig.";
  SentenceEnds ends(text);
  EXPECT_EQ(ends.Next(), 5U);
  EXPECT_EQ(ends.Next(), 21U);
  EXPECT_EQ(ends.Next(), text.size());
  EXPECT_EQ(ends.Next(), text.size());
}

// The ends are found 64 bytes at a time: the white space, the punctuation and the words around an
// end may lie on either side of a block's border, and the last block is partial.
TEST(SentencesTest, EndsAcrossTheBlocks) {
  for (std::size_t pad = 0; pad < 80; ++pad) {
    for (const std::string_view end : {". ", ".\n", "!? \t ", "\n", " \r\n\n", "..  "}) {
      const std::string head = std::string(pad, 'x') + " mig";
      const std::string text = head + std::string(end) + "Jag heter Anna";
      EXPECT_EQ(Sentences(text), (Pieces{head + std::string(end), "Jag heter Anna"}))
          << pad << " " << end;
      // A capital after a single space that follows a letter, or after a line break that
      // follows punctuation other than . ! ?, is no end anywhere.
      for (const std::string_view together : {" ", ":\n", ". .", ",\n"}) {
        const std::string one = head + std::string(together) + "Jag heter Anna";
        EXPECT_EQ(Sentences(one).size(), 1U) << pad << " " << together;
      }
    }
  }
  // Long runs of white space and punctuation that span whole blocks.
  const std::string spaces = "Ring mig" + std::string(200, '.') + std::string(150, ' ') + "\nHej";
  EXPECT_EQ(Sentences(spaces).size(), 2U);
  EXPECT_EQ(Sentences("Ring mig" + std::string(150, ' ') + "Hej").size(), 1U);
}

// The words that may stand for digits are told apart without a look at most words (by their
// last letter before the end, their first after it, and their length): the same answers as
// MayStandForDigits for every word of up to 3 letters, and the number words and look-alikes
// of any length and case.
TEST(SentencesTest, WordsThatMayBeDigitsAsPhonesHasThem) {
  std::vector<std::string> letters;
  for (char c = 'a'; c <= 'z'; ++c) letters.emplace_back(1, c);
  for (const char* c : {"å", "ä", "ö", "é"}) letters.emplace_back(c);
  std::vector<std::string> words = letters;
  for (std::size_t from = 0, n = 2; n <= 3; ++n) {
    // The words of n - 1 letters, each with one more.
    const std::size_t to = words.size();
    for (std::size_t i = from; i < to; ++i) {
      for (const std::string& l : letters) words.push_back(words[i] + l);
    }
    from = to;
  }
  for (const char* w : {"noll", "nolla", "etta", "tvåa", "trea", "fyra", "femma", "sexa", "sjua",
                        "åtta", "atta", "zero", "three", "four", "five", "seven", "eight", "nine",
                        "lolol", "loooool", "olololololol", "lllllllllo", "sexan", "femmor",
                        "fyrar", "nollan", "sevens", "eighty"}) {
    words.emplace_back(w);
  }
  // The capital of a word's first letter, and its last ASCII letter too ("SeX"), for the word
  // after the end.
  const auto capitalised = [](std::string w, bool last_too) {
    if (static_cast<unsigned char>(w[0]) == 0xC3) {
      w[1] = static_cast<char>(w[1] - 0x20);  // å ä ö é to Å Ä Ö É
    } else {
      w[0] = static_cast<char>(w[0] - 0x20);
    }
    if (last_too && w.back() >= 'a' && w.back() <= 'z') {
      w.back() = static_cast<char>(w.back() - 0x20);
    }
    return w;
  };
  for (const std::string& w : words) {
    const std::size_t together = MayStandForDigits(w) ? 1 : 2;
    EXPECT_EQ(Sentences("Ring " + w + ". Hej hej").size(), together) << w;
    EXPECT_EQ(Sentences("Ring " + w + "\nHej hej").size(), together) << w;
    // The word after must have a second letter, lower case.
    const std::size_t first = static_cast<unsigned char>(w[0]) == 0xC3 ? 2 : 1;
    if (w.size() <= first) continue;
    for (const bool last_too : {false, true}) {
      if (last_too && w.size() < first + 2) continue;
      const std::string after = capitalised(w, last_too);
      EXPECT_EQ(Sentences("Ring mig. " + after + " hej").size(), MayStandForDigits(after) ? 1 : 2)
          << after;
    }
  }
}

}  // namespace
}  // namespace sv::ads
