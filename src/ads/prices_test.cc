#include "ads/prices.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ads/detail/golden.h"

namespace sv::ads {
namespace {

std::string Show(const std::vector<Price>& prices) {
  if (prices.empty()) return "-";
  std::string out;
  for (const Price& p : prices) {
    if (!out.empty()) out += "; ";
    out += std::to_string(p.amount) + " " + std::string(CurrencyCode(p.currency)) + " " +
           (p.minutes ? std::to_string(*p.minutes) : "-");
  }
  return out;
}

std::vector<Price> Find(std::string_view text) {
  std::vector<Price> out;
  FindPrices(text, out);
  return out;
}

TEST(PricesTest, GoldenCases) {
  const auto cases = detail::ReadGoldenCases("prices.tsv");
  ASSERT_GE(cases.size(), 30u);
  for (const auto& c : cases) {
    ASSERT_EQ(c.fields.size(), 2u) << "prices.tsv line " << c.line;
    EXPECT_EQ(Show(Find(c.fields[0])), c.fields[1])
        << "prices.tsv line " << c.line << ": " << c.fields[0];
  }
}

TEST(PricesTest, PriceFieldTakesBareNumbers) {
  std::vector<Price> out;
  AddPriceField("1500", out);
  AddPriceField("1500kr/h", out);
  AddPriceField("1500", out);  // not twice
  EXPECT_EQ(Show(out), "1500 SEK -; 1500 SEK 60");
  out.clear();
  AddPriceField("070-123 45 67", out);
  EXPECT_EQ(Show(out), "-");
}

TEST(PricesTest, FindsThemOnceAcrossTheText) {
  EXPECT_EQ(Show(Find("1500kr/h. Ring! 1500 kr/h")), "1500 SEK 60");
}

// Clauses whose numbers cannot be amounts (phone numbers, e-mail addresses) are passed over; a
// lone "0" before a group of three digits still reads as a number ("0 100" is 100).
TEST(PricesTest, ClausesWithoutAmounts) {
  EXPECT_EQ(Show(Find("Ring 070-123 45 67, 1500 kr")), "1500 SEK -");
  EXPECT_EQ(Show(Find("mail anna12345678@x.se 1500 kr")), "1500 SEK -");
  EXPECT_EQ(Show(Find("pris 0 100 kr")), "100 SEK -");
  EXPECT_EQ(Show(Find("pris 00 100 kr")), "-");
}

// A clause is read only when one of its amounts stands right beside a currency or a duration,
// on either side, also across Latin-1 letters and symbols; other clauses hold no price.
TEST(PricesTest, AmountsBesideWhatMakesThemPrices) {
  EXPECT_EQ(Show(Find("Lin, 28 \xC3\xA5r. 170 cm och 60 kg")), "-");
  EXPECT_EQ(Show(Find("1500 f\xC3\xB6r en timme")), "-");
  EXPECT_EQ(Show(Find("p\xC3\xA5 1500")), "-");
  EXPECT_EQ(Show(Find("tim 900")), "-");
  EXPECT_EQ(Show(Find("1h 1500")), "1500 SEK 60");
  EXPECT_EQ(Show(Find("natt 8000")), "8000 SEK 720");
  EXPECT_EQ(Show(Find("800 halv timme")), "800 SEK 30");
  EXPECT_EQ(Show(Find("1500 \xC3\x96vernattning")), "1500 SEK 720");
  EXPECT_EQ(Show(Find("2 N\xC3\x84TTER 3000")), "3000 SEK 1440");
  EXPECT_EQ(Show(Find("\xC3\xA5r 1500 kr")), "1500 SEK -");
  EXPECT_EQ(Show(Find("SEK1 500")), "1500 SEK -");
  EXPECT_EQ(Show(Find("15 \xC3\xA5r (1500 kr)")), "1500 SEK -");
  EXPECT_EQ(Show(Find("1500 - kr, 2000:\xE2\x80\x93, 150 \xE2\x82\xAC")),
            "1500 SEK -; 2000 SEK -; 150 EUR -");
}

// Keywords in any case, as the whole word only, whether 16 bytes or fewer follow the word's start
// (words are read 16 bytes at a time where they can be) and whether they hold Latin-1 letters.
TEST(PricesTest, KeywordsInAnyCaseAndPlace) {
  EXPECT_EQ(Show(Find("1500 KR PER TIMME")), "1500 SEK 60");
  EXPECT_EQ(Show(Find("1500 Kr per Timme och lite mer text efter")), "1500 SEK 60");
  EXPECT_EQ(Show(Find("1000 kr/30 MIN, 1 NATT 8000 SEK")), "1000 SEK 30; 8000 SEK 720");
  EXPECT_EQ(Show(Find("2 N\xC3\x84TTER 9000 kr och mer text")), "9000 SEK 1440");
  EXPECT_EQ(Show(Find("\xC3\x96VERNATTNING 6000 kr")), "6000 SEK 720");
  EXPECT_EQ(Show(Find("Pris f\xC3\xB6r en hel \xC3\xB6vernattning 6000")), "6000 SEK 720");
  EXPECT_EQ(Show(Find("Pris: en halvtimmeochmer 800 kr")), "800 SEK -");
  EXPECT_EQ(Show(Find("abcdefghijklmnop 500 kr halvtimme")), "500 SEK 30");
  EXPECT_EQ(Show(Find("overnightsabcdef 5000 kr")), "5000 SEK -");
}

// A clause's start is found reading back from its first digit, past bytes that only look like
// clause ends ("-", "'") and across more than 16 bytes.
TEST(PricesTest, ClauseStartsFarBeforeItsDigit) {
  EXPECT_EQ(Show(Find("Jag tar emot dig i min lugna l\xC3\xA4genhet 1 timme 1500 kr")),
            "1500 SEK 60");
  EXPECT_EQ(Show(Find("Hej! Jag heter Anna-Lena 'Annie' och tar 1500 kr per timme")),
            "1500 SEK 60");
}

// A clause of more than 64 tokens is read in pieces of 64.
TEST(PricesTest, LongClause) {
  std::string text = "Pris";
  std::string expected;
  for (int i = 1; i <= 18; ++i) {
    text += " 30 min " + std::to_string(100 * i) + " kr";
    expected += (i > 1 ? "; " : "") + std::to_string(100 * i) + " SEK 30";
  }
  EXPECT_EQ(Show(Find(text)), expected);
}

// The text is classified 64 bytes at a time from where a clause may start: a clause's digits,
// its ends and its start fall at every place in a block, in the next block, or in the padded
// copy of the text's last bytes.
TEST(PricesTest, ClausesAcrossBlocks) {
  for (std::size_t pad = 0; pad <= 140; ++pad) {
    const std::string letters(pad, 'a');
    const std::string spaces(pad, ' ');
    EXPECT_EQ(Show(Find("Hej" + letters + ". 1 timme 1500 kr, 2.500 kr! tel 070-1234567; 800:-")),
              "1500 SEK 60; 2500 SEK -; 800 SEK -")
        << pad;
    EXPECT_EQ(Show(Find("Pris" + spaces + "1500 kr")), "1500 SEK -") << pad;
    EXPECT_EQ(Show(Find("1500" + spaces + "kr. " + letters + " 1,5 h 800")),
              "1500 SEK -; 800 SEK 90")
        << pad;
    EXPECT_EQ(Show(Find(letters + " kr 1.500")), "1500 SEK -") << pad;
    EXPECT_EQ(Show(Find(letters + " kr 1500")), "1500 SEK -") << pad;
    EXPECT_EQ(Show(Find(letters + "? kr 1500")), "1500 SEK -") << pad;
  }
}

TEST(PricesTest, HostileTextFinishes) {
  std::string digits(4 << 20, '5');
  EXPECT_EQ(Show(Find(digits)), "-");
  std::string groups;
  for (int i = 0; i < 300000; ++i) groups += "1 500 ";
  (void)Find(groups);
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "1h " + std::to_string(1000 + i % 50000) + " kr ";
  std::vector<Price> out;
  FindPrices(many, out);
  EXPECT_EQ(out.size(), 64u);
  std::string symbols;
  for (int i = 0; i < 500000; ++i) symbols += "\xE2\x82\xAC/:-";
  EXPECT_EQ(Show(Find(symbols)), "-");
}

}  // namespace
}  // namespace sv::ads
