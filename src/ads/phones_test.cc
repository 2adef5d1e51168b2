#include "ads/phones.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <phonenumbers/phonenumberutil.h>

#include "ads/detail/golden.h"

namespace sv::ads {
namespace {

TEST(PhonesTest, GoldenCases) {
  const std::vector<detail::GoldenCase> cases = detail::ReadGoldenCases("phones.tsv");
  for (const detail::GoldenCase& c : cases) {
    ASSERT_EQ(c.fields.size(), 3u) << "phones.tsv line " << c.line;
    const FoundPhones found = FindPhones(c.fields[0]);
    EXPECT_EQ(found.numbers, detail::SplitList(c.fields[1])) << c.fields[0];
    EXPECT_EQ(found.obfuscated, c.fields[2] == "yes") << c.fields[0];
  }
  EXPECT_GT(cases.size(), 20u);
}

TEST(PhonesTest, GathersSeveralFieldsSortedAndUnique) {
  FoundPhones found;
  FindPhones("073-987 65 43", found);
  FindPhones("Ring 0701234567", found);
  FindPhones("+46 73 987 65 43", found);
  EXPECT_EQ(found.numbers, (std::vector<std::string>{"+46701234567", "+46739876543"}));
  EXPECT_FALSE(found.obfuscated);
  FindPhones("noll sju noll ett två tre fyra fem sex sju", found);
  EXPECT_TRUE(found.obfuscated);
}

// The Swedish mobile shortcut agrees with libphonenumber on every "07XY" prefix.
TEST(PhonesTest, MobileShortcutAgreesWithLibphonenumber) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  for (int xy = 0; xy < 100; ++xy) {
    for (const char* rest : {"123456", "987650", "404040"}) {
      std::string national = "07" + std::to_string(xy / 10) + std::to_string(xy % 10) + rest;
      PhoneNumber number;
      const bool valid = util.Parse(national, "SE", &number) == PhoneNumberUtil::NO_PARSING_ERROR &&
                         util.IsValidNumber(number);
      EXPECT_EQ(FindPhones(national).numbers.size(), valid ? 1u : 0u) << national;
      EXPECT_EQ(FindPhones("+46" + national.substr(1)).numbers.size(), valid ? 1u : 0u);
    }
  }
}

TEST(PhonesTest, SexIsAWordOutsideNumbers) {
  EXPECT_TRUE(FindPhones("Sex 69 massage sex sex sex").numbers.empty());
  EXPECT_EQ(FindPhones("070 123 45 sex sju").numbers,
            (std::vector<std::string>{"+46701234567"}));
}

TEST(PhonesTest, InvalidUtf8AndEdgesAreHarmless) {
  EXPECT_TRUE(FindPhones("").numbers.empty());
  EXPECT_TRUE(FindPhones("\xFF\xF0\x9D\x9F").numbers.empty());
  EXPECT_TRUE(FindPhones("+").numbers.empty());
  EXPECT_TRUE(FindPhones("7\xEF\xB8").numbers.empty());
  EXPECT_EQ(FindPhones("\xFF" "0701234567\xC3").numbers,
            (std::vector<std::string>{"+46701234567"}));
}

TEST(PhonesTest, HostileInputsFinish) {
  EXPECT_TRUE(FindPhones(std::string(10 << 20, '7')).numbers.empty());
  std::string spaced;
  for (int i = 0; i < 1 << 20; ++i) spaced += "0 ";
  EXPECT_TRUE(FindPhones(spaced).numbers.empty());
  std::string words;
  for (int i = 0; i < 1 << 18; ++i) words += "noll sju ";
  FindPhones(words);  // must return; what it finds does not matter
  std::string numbers;
  for (int i = 0; i < 1 << 16; ++i) numbers += "070-123 45 67 ";
  EXPECT_EQ(FindPhones(numbers).numbers, (std::vector<std::string>{"+46701234567"}));
}

// Between numbers the scan passes over plain words by blocks of 64 bytes: a number reads the
// same wherever it falls against those blocks, written with words, look-alikes, keycaps,
// full-width digits, NBSP or en dashes, and next to emoji and Swedish letters.
TEST(PhonesTest, SameAnswerAtEveryOffsetInLongText) {
  const std::string prose =
      "Hej och välkommen till mig, jag är en glad tjej som gillar att träffa nya vänner 💋 "
      "och mysa i lugn och ro. I like to meet new people, one at a time, som en vän. ";
  const std::vector<std::string> numbers = {
      "noll sju noll ett två tre fyra fem sex sju",
      "NOLL SJU NOLL - ETT TVÅ TRE - FYRA FEM - SEX SJU",
      "O7O-123 45 67",
      "070\xC2\xA0" "123\xE2\x80\x93" "45 67",
      "0\xEF\xB8\x8F\xE2\x83\xA3" "7\xE2\x83\xA3" "0 123 45 67",
      "\xEF\xBC\x90\xEF\xBC\x97\xEF\xBC\x90 123 45 67",
      "\xF0\x9D\x9F\x8E" "70 123 45 67",
      "+46 70 123 45 67",
      "hej😀070-123 45 67",
      "åtta 070-123 45 67 ol",
      "05.12.2024",
      "en O 70 123 45 67",
      "28 år, 1200kr 18+ 070 123 45 67",
  };
  ASSERT_TRUE(FindPhones(prose).numbers.empty());
  for (const std::string& number : numbers) {
    const FoundPhones alone = FindPhones(number);
    for (std::size_t offset = 0; offset < 140; ++offset) {
      const std::string text =
          prose + std::string(offset + 1, 'x') + " " + number + ". " + prose + prose;
      const FoundPhones found = FindPhones(text);
      EXPECT_EQ(found.numbers, alone.numbers) << number << " after " << offset;
      EXPECT_EQ(found.obfuscated, alone.obfuscated) << number << " after " << offset;
    }
  }
}

// Between runs the scan passes over a number word or digits that make a run of one group alone
// ("en", "ett", "28 år", "1200kr", "18+"), as over a plain word: never when look-alikes, a
// digit, "+" and a digit or another number word could still join them.
TEST(PhonesTest, LoneGroupsBetweenRuns) {
  const auto numbers = [](std::string_view text) { return FindPhones(text).numbers; };
  const std::vector<std::string> mobile = {"+46701234567"};
  EXPECT_EQ(numbers("ring en 070-123 45 67"), mobile);
  EXPECT_EQ(numbers("ett, 070 123 45 67"), mobile);
  EXPECT_EQ(numbers("18+ 070-123 45 67"), mobile);
  EXPECT_EQ(numbers("1200kr 0701234567"), mobile);
  EXPECT_EQ(numbers("tolv 28 år O7O 123 45 67"), mobile);
  EXPECT_EQ(numbers("1 en 070 123 45 67"), mobile);
  EXPECT_TRUE(numbers("en 70 123 45 67").empty());
  // Look-alikes after a lone group are digits: "en O" is "1 0".
  EXPECT_EQ(numbers("en O 70 123 45 67"), mobile);
  EXPECT_TRUE(FindPhones("en O 70 123 45 67").obfuscated);
  EXPECT_EQ(numbers("en ol 23 45 67 89"), (std::vector<std::string>{"+46123456789"}));
  EXPECT_EQ(numbers("sju 0 123 45 67 8"), (std::vector<std::string>{"+4612345678"}));
  EXPECT_EQ(numbers("noll sju noll ett två tre fyra fem sex sju"), mobile);
}

// libphonenumber's answers are remembered by the candidate's digits: a number reads the same the
// first time and every time after, written with "+", "00", the trunk "(0)" after the country
// code, at the longest lengths a candidate can have, and next to candidates that are no number.
TEST(PhonesTest, RememberedAnswersReadTheSame) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"08-123 456 78", {"+46812345678"}},
      {"08 (0) 123 456 78", {"+4680123456"}},
      {"+46 (0)8 123 456 78", {"+46812345678"}},
      {"0046 (0)8 123 456 78", {"+46812345678"}},
      {"+46 (0)70 123 45 67", {"+46701234567"}},
      {"+48 500 109 826", {"+48500109826"}},
      {"0048 500 109 826", {"+48500109826"}},
      {"0040746003567", {"+40746003567"}},
      {"+44 20 7946 0958", {"+442079460958"}},
      {"0044 20 7946 0958", {"+442079460958"}},
      {"+4074600356", {}},
      {"+4850010982612345", {}},   // 15 digits after "+": asked, not valid
      {"00485001098261234", {}},   // 17 digits: asked, not valid
      {"004850010982612345", {}},  // 18 digits: too long to ask
      {"4670123456", {}},
  };
  for (int round = 0; round < 2; ++round) {
    for (const auto& [text, numbers] : cases) {
      EXPECT_EQ(FindPhones(text).numbers, numbers) << text << ", round " << round;
    }
  }
}

// Separators between groups are ordinary only as " ", "-", " -", "- ", " - ", NBSP or
// parentheses around nothing else; longer ones make a number obfuscated.
TEST(PhonesTest, UnusualSeparators) {
  const std::vector<std::string> mobile = {"+46701234567"};
  EXPECT_FALSE(FindPhones("070 - 123 45 67").obfuscated);
  EXPECT_FALSE(FindPhones("+46 (0)70 123 45 67").obfuscated);
  EXPECT_EQ(FindPhones("070 -  123 45 67").numbers, mobile);
  EXPECT_TRUE(FindPhones("070 -  123 45 67").obfuscated);
  EXPECT_EQ(FindPhones("070\xC2\xA0-123 45 67").numbers, mobile);
  EXPECT_TRUE(FindPhones("070\xC2\xA0-123 45 67").obfuscated);
  EXPECT_TRUE(FindPhones("0046 (0)8 123 456 78").obfuscated);  // "8": a digit alone
}

// A rough figure for the note, not an assertion: microseconds per ad-sized text.
TEST(PhonesTest, RoughSpeed) {
  const std::string ad =
      "Hej! Jag heter Bella, 23 år, ny i stan. Jag erbjuder massage och mer, diskret och "
      "trevligt. Pris 1500kr/h, 2000:- 1 timme, halvtimme 800. Bor centralt i Umeå (903 25). "
      "Ring eller sms:a noll sju noll - ett två tre - fyra fem - sex sju, eller 073-987 65 43. "
      "Ledig 05.12.2024 kl 21:30. Only serious gentlemen, no sex without protection. Kram! "
      "Hej! Jag heter Bella, 23 år, ny i stan. Jag erbjuder massage och mer, diskret och "
      "trevligt, välkommen hem till mig eller så kommer jag till dig på hotellet. Puss";
  constexpr int kRounds = 2000;
  const auto start = std::chrono::steady_clock::now();
  std::size_t n = 0;
  for (int i = 0; i < kRounds; ++i) n += FindPhones(ad).numbers.size();
  const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(n, 2u * kRounds);
  std::cout << "FindPhones: " << took.count() / kRounds << " µs per " << ad.size()
            << "-byte ad (this build)\n";
}

// Texts read in pieces share one limit of checks: a piece read after it is used up gets none.
TEST(PhonesTest, PiecesShareTheLimitOfChecks) {
  FoundPhones found;
  int checks_left = kMaxPhoneChecks;
  FindPhones("Ring 070-123 45 67", found, checks_left);
  EXPECT_EQ(found.numbers, std::vector<std::string>{"+46701234567"});
  EXPECT_LT(checks_left, kMaxPhoneChecks);
  EXPECT_GT(checks_left, 0);
  checks_left = 0;
  FindPhones("eller 073-695 84 81", found, checks_left);
  EXPECT_EQ(found.numbers, std::vector<std::string>{"+46701234567"});
  checks_left = kMaxPhoneChecks;
  FindPhones("eller 073-695 84 81", found, checks_left);
  EXPECT_EQ(found.numbers, (std::vector<std::string>{"+46701234567", "+46736958481"}));
}

TEST(PhonesTest, WordsThatMayStandForDigits) {
  for (const char* word : {"noll", "Sju", "NIO", "åtta", "Åtta", "seven", "en", "O", "lO", "Il"}) {
    EXPECT_TRUE(MayStandForDigits(word)) << word;
  }
  for (const char* word : {"Anna", "sexig", "Olle", "ring", "nu", "tjugo"}) {
    EXPECT_FALSE(MayStandForDigits(word)) << word;
  }
}

}  // namespace
}  // namespace sv::ads
