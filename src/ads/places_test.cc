#include "ads/places.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "ads/detail/golden.h"

namespace sv::ads {
namespace {

const PlaceFinder& Finder() {
  static const PlaceFinder finder = [] {
    Result<PlaceFinder> f = PlaceFinder::Embedded();
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return std::move(f).value();
  }();
  return finder;
}

std::string Dash(std::string_view s) { return s.empty() ? "-" : std::string(s); }
std::string Undash(const std::string& s) { return s == "-" ? "" : s; }

TEST(PlaceFinderTest, GoldenCases) {
  const auto cases = detail::ReadGoldenCases("places.tsv");
  ASSERT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    ASSERT_EQ(c.fields.size(), 3u) << "places.tsv line " << c.line;
    EXPECT_EQ(Dash(Finder().Find(Undash(c.fields[0]), Undash(c.fields[1]))), c.fields[2])
        << "places.tsv line " << c.line << ": " << c.fields[0] << " | " << c.fields[1];
  }
}

TEST(PlaceFinderTest, EveryMunicipalityNameIsFoundInTheLocationField) {
  Result<geo::Gazetteer> g = geo::Gazetteer::Embedded();
  ASSERT_TRUE(g.ok());
  for (const geo::Municipality& m : g->municipalities()) {
    EXPECT_EQ(Finder().Find(m.short_name, ""), m.code) << m.short_name;
  }
}

// The scan passes over words its word filter rules out, 56 bytes of a window at a time: every
// name is read the same in running text, wherever in a window it falls, after common words
// ("alla", "hej", "bokning") that a filter may let through though they name nothing.
TEST(PlaceFinderTest, EveryMunicipalityNameIsFoundInRunningText) {
  Result<geo::Gazetteer> g = geo::Gazetteer::Embedded();
  ASSERT_TRUE(g.ok());
  const std::string prose = "Hej alla, äntligen bokning tillsammans utan prislista: jag bor ";
  for (const geo::Municipality& m : g->municipalities()) {
    const std::string expected(Finder().Find(m.short_name, ""));
    for (std::size_t offset = 0; offset < 64; offset += 7) {
      const std::string before = prose + std::string(offset + 1, 'x') + " i ";
      EXPECT_EQ(Finder().Find("", before + m.short_name + " nu"), expected)
          << m.short_name << " after " << offset;
      EXPECT_EQ(Finder().Find("", before + m.short_name), expected)
          << m.short_name << " at the end after " << offset;
    }
  }
}

TEST(PlaceFinderTest, PostalCodes) {
  EXPECT_EQ(Finder().FindPostalCode(90325), "2480");
  EXPECT_EQ(Finder().FindPostalCode(10004), "0180");
  EXPECT_EQ(Finder().FindPostalCode(99999), "");
  EXPECT_EQ(Finder().FindPostalCode(-1), "");
  EXPECT_EQ(Finder().FindPostalCode(1000000), "");
}

TEST(PlaceFinderTest, BadDataNamesFileAndLine) {
  Result<geo::Gazetteer> g = geo::Gazetteer::Embedded();
  ASSERT_TRUE(g.ok());
  Result<PlaceFinder> f =
      PlaceFinder::FromData(*g, "postal_code,locality,municipality_code\n90325,Umeå,2480\n",
                            "name,code,kind\nume,2480,alias\nfoo,9999,alias\n");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("place_aliases.csv line 3"), std::string::npos)
      << f.status().ToString();
  f = PlaceFinder::FromData(*g, "postal_code,locality,municipality_code\n9032,Umeå,2480\n",
                            "name,code,kind\n");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("postal_to_municipality.csv line 2"), std::string::npos);
}

TEST(PlaceFinderTest, HostileTextFinishes) {
  std::string digits(4 << 20, '9');
  EXPECT_EQ(Finder().Find("", digits), "");
  std::string groups;
  for (int i = 0; i < 200000; ++i) groups += "903 25 ";
  EXPECT_EQ(Finder().Find("", groups), "");
  std::string letters(4 << 20, 'a');
  EXPECT_EQ(Finder().Find(letters, letters), "");
  std::string swedish;
  for (int i = 0; i < 100000; ++i) swedish += "\xc3\xa5\xc3";  // with broken sequences
  EXPECT_EQ(Finder().Find(swedish, swedish), "");
  std::string words;
  for (int i = 0; i < 100000; ++i) words += "i upplands ";
  words += "Umeå";
  EXPECT_EQ(Finder().Find("", words), "2480");
}

// The scan passes over words that name nothing about 48 bytes at a time, keeping the last two of
// them to read if an ambiguous name follows: a name reads the same wherever it falls against
// those steps, with the words before it that decide ("i Vara", "i lugna Kinda") and after it
// ("Stockholms län", a post town after a postal code, the second word of "Upplands Väsby").
TEST(PlaceFinderTest, SameAnswerAtEveryOffsetInLongText) {
  const std::string prose =
      "Hej och välkommen till mig, jag är en glad tjej som gillar att träffa nya vänner 💋 "
      "och mysa lugnt. I like to meet new people, one at a time. ";
  const std::vector<std::string> phrases = {
      "i Vara",          "från vackra Mora", "i lugna Kinda",        "Vara",
      "Umeås",           "UMEÅ",             "upplands väsby",       "Upplands-Väsby",
      "Stockholms län, gärna i Nacka",       "903 25 Umeå",          "SE-903 25",
      "sthlm_girl Gbg",  "ume2024 Sthlm",    "Göteborg",             "Goteborg",
  };
  ASSERT_EQ(Finder().Find("", prose + prose), "");
  for (const std::string& phrase : phrases) {
    const std::string alone(Finder().Find("", phrase));
    for (std::size_t offset = 0; offset < 70; ++offset) {
      const std::string text = prose + std::string(offset + 1, 'x') + " " + phrase + ". " + prose;
      EXPECT_EQ(Finder().Find("", text), alone) << phrase << " after " << offset;
      EXPECT_EQ(Finder().Find("Stockholms län", text), Finder().Find("Stockholms län", phrase))
          << phrase << " after " << offset;
    }
  }
}

// The last 64 bytes of a text are passed over from a padded copy, and digit runs that can be no
// postal code (a phone number, a price: not 3 or 5 digits) like the words: a name reads the same
// at the very end of a text, and after runs of any length wherever they fall.
TEST(PlaceFinderTest, SameAnswerAtTheEndAndAfterNumbers) {
  const std::string prose =
      "Hej och välkommen, ring 0701234567 eller 070-123 45 67, 1200 kr/h, 24/7 och 2 tim. ";
  const std::vector<std::string> phrases = {
      "i Vara",    "i lugna Kinda", "Vara",          "Umeås",   "upplands väsby",
      "SE-903 25", "903 25 Umeå",   "ume2024 Sthlm", "i2 Vara", "Stockholms län, gärna i Nacka",
  };
  for (const std::string& phrase : phrases) {
    const std::string alone(Finder().Find("", phrase));
    for (std::size_t offset = 0; offset < 70; ++offset) {
      const std::string filler(offset + 1, 'x');
      EXPECT_EQ(Finder().Find("", prose + filler + " " + phrase), alone)
          << phrase << " at the end after " << offset;
      EXPECT_EQ(
          Finder().Find("", prose + filler + " " + std::string(offset + 1, '7') + " " + phrase),
          alone)
          << phrase << " after " << offset + 1 << " digits";
      EXPECT_EQ(Finder().Find("", filler + " 12 1234 123456 " + phrase + ". Ring 1234"), alone)
          << phrase << " between numbers after " << offset;
    }
  }
  // Runs of 3 and 5 digits are read: a postal code after a long text, one cut by its end.
  const std::string long_prose = prose + prose + prose;
  EXPECT_EQ(Finder().Find("", long_prose + "SE-90325"), "2480");
  EXPECT_EQ(Finder().Find("", long_prose + "Adress: 903 25 Umeå"), "2480");
  EXPECT_EQ(Finder().Find("", long_prose + "SE-903 2"), "");
  EXPECT_EQ(Finder().Find("", long_prose + "SE-9032"), "");
}

// Find in steps, as extract.h reads a body sentence by sentence: what FindNamed keeps of a text
// gives the first municipality of any county, from itself or by reading the text again.
TEST(PlaceFinderTest, NamedGivesTheFirstOfEachCounty) {
  std::vector<std::string> texts = {"Finns i Umeå och Lund",
                                    "Tjej i Sthlm, 903 25 Umeå",
                                    "Umeå, Umeå och Umeå",
                                    "Besöker Mora, Solna och Malmö",
                                    "Inga ortnamn här",
                                    "",
                                    "i Vara",
                                    "Vara"};
  for (const auto& c : detail::ReadGoldenCases("places.tsv")) texts.push_back(Undash(c.fields[1]));
  const std::size_t golden = texts.size();
  for (std::size_t i = 0; i < golden; ++i) {
    for (std::size_t j = 0; j < golden; j += 7) texts.push_back(texts[i] + " och " + texts[j]);
  }
  int more = 0;
  for (const std::string& text : texts) {
    const PlaceFinder::Named named = Finder().FindNamed(text);
    more += named.more;
    EXPECT_EQ(named.first == 0, Finder().FirstNamed(text, -1) < 0) << text;
    for (std::int16_t county = -1; county < 25; ++county) {
      EXPECT_EQ(Finder().FirstNamed(named, text, county), Finder().FirstNamed(text, county))
          << text << " in county " << county;
    }
    const std::int16_t first = Finder().FirstNamed(text, -1);
    EXPECT_EQ(first < 0 ? "" : Finder().Code(first), Finder().Find("", text)) << text;
  }
  EXPECT_GT(more, 50);
  const PlaceFinder::FieldPlace skane = Finder().ReadLocation("Skåne");
  EXPECT_LT(skane.municipality, 0);
  EXPECT_GE(skane.county, 0);
  EXPECT_EQ(Finder().Code(Finder().ReadLocation("Umeå").municipality), "2480");
  EXPECT_EQ(Finder().FirstNamed(Finder().FindNamed("Umeå och Lund"), "Umeå och Lund", skane.county),
            Finder().ReadLocation("Lund").municipality);
}

TEST(PlaceFinderTest, SharedBetweenThreads) {
  const PlaceFinder& f = Finder();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&f] {
      for (int i = 0; i < 2000; ++i) EXPECT_EQ(f.Find("", "Tjej i Sthlm, 903 25 Umeå"), "0180");
    });
  }
  for (auto& t : threads) t.join();
}

}  // namespace
}  // namespace sv::ads
