#include "ads/extract.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ads/observation.h"
#include "ads/phones.h"
#include "ads/places.h"
#include "ads/synth.h"

namespace sv::ads {
namespace {

const PlaceFinder& Places() {
  static const PlaceFinder finder = [] {
    Result<PlaceFinder> f = PlaceFinder::Embedded();
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return std::move(f).value();
  }();
  return finder;
}

Observation Seen(std::string location, std::string body) {
  Observation o;
  o.location = std::move(location);
  o.body = std::move(body);
  return o;
}

struct Extracted {
  std::string municipality;
  bool area_mismatch = false;
};

// The observations of one ad, in turn.
Extracted Extract(std::initializer_list<Observation> observations) {
  AdRecord ad;
  std::string template_text;
  for (const Observation& o : observations) ExtractObservation(o, Places(), ad, template_text);
  return {ad.municipality, ad.area_mismatch};
}

// The location field decides the municipality when it names one; the body then only tells
// whether it names another (`area_mismatch`).
TEST(ExtractObservationTest, MunicipalityAndAreaMismatch) {
  Extracted e = Extract({Seen("Umeå", "Tjej i Sthlm, ring")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_TRUE(e.area_mismatch);

  e = Extract({Seen("Umeå", "Finns i Umeå hela veckan")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("Umeå", "Inga ortnamn här")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("Umeå", "")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_FALSE(e.area_mismatch);
}

// A location field that names no municipality (a county, nothing known, nothing at all): the
// body decides the municipality, within the county if one is named, and there is no mismatch.
TEST(ExtractObservationTest, BodyDecidesWhenTheLocationNamesNoMunicipality) {
  Extracted e = Extract({Seen("Västerbotten", "Finns i Umeå")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("Västerbotten", "Finns i Göteborg")});
  EXPECT_EQ(e.municipality, "");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("centrum", "Tjej i Sthlm")});
  EXPECT_EQ(e.municipality, "0180");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("", "Tjej i Sthlm")});
  EXPECT_EQ(e.municipality, "0180");
  EXPECT_FALSE(e.area_mismatch);
}

// The body is read for places sentence by sentence (places.h): where the words that decide lie
// on both sides of a sentence end, they no longer decide together as in Find over the whole body.
TEST(ExtractObservationTest, PlacesAreReadSentenceBySentence) {
  SentenceMemo memo;
  const auto body_municipality = [&memo](const std::string& body, SentenceMemo* m) {
    AdRecord ad;
    std::string template_text;
    ExtractObservation(Seen("", body), Places(), ad, template_text, nullptr, m);
    return ad.municipality;
  };
  struct Case {
    std::string body;
    std::string whole;  // Find over the whole body
    std::string read;   // sentence by sentence
  };
  for (const Case& c : {
           // A preposition ends a sentence, the ambiguous name starts the next one.
           Case{"Jag bor i\nVara och väntar på dig", "1470", ""},
           // "Län" opening a sentence does not make the name before it a county's.
           Case{"Träffas i Kalmar.\nLän och stad", "", "0880"},
           // The two words of a two-word name in two sentences.
           Case{"Bor i Upplands.\nVäsby är fint", "0114", ""},
           // Within one sentence, as before.
           Case{"Jag bor i Vara och väntar på dig", "1470", "1470"},
           Case{"Träffas i Kalmar län", "", ""},
           Case{"Bor i Upplands Väsby", "0114", "0114"},
       }) {
    EXPECT_EQ(Places().Find("", c.body), c.whole) << c.body;
    for (SentenceMemo* m : {static_cast<SentenceMemo*>(nullptr), &memo, &memo}) {
      EXPECT_EQ(body_municipality(c.body, m), c.read) << c.body;
    }
  }
}

// The first municipality found stays; a later observation can still show a mismatch, and one
// found stays.
TEST(ExtractObservationTest, LaterObservationsOfTheSameAd) {
  Extracted e = Extract({Seen("Umeå", "Finns i Umeå"), Seen("Göteborg", "Tjej i Sthlm")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_TRUE(e.area_mismatch);

  e = Extract({Seen("", "Tjej i Sthlm"), Seen("Göteborg", "Finns i Göteborg")});
  EXPECT_EQ(e.municipality, "0180");
  EXPECT_FALSE(e.area_mismatch);

  e = Extract({Seen("Umeå", "Tjej i Sthlm"), Seen("Umeå", "Finns i Umeå")});
  EXPECT_EQ(e.municipality, "2480");
  EXPECT_TRUE(e.area_mismatch);
}

// What the extractors found for one observation is kept per thread between calls (cleared, not
// freed): nothing of an earlier observation reaches the next ad.
TEST(ExtractObservationTest, NothingCarriesOverToTheNextAd) {
  Observation full = Seen("Umeå", "Ring en O 70 123 45 67, anna@example.se. 23 år. 1h 1500 kr");
  full.title = "Lina 25 år";
  full.age = "21";
  full.price = "2000";
  full.images = {"sha256:aa", "sha256:bb", "sha256:aa"};
  AdRecord first;
  std::string template_text;
  ExtractObservation(full, Places(), first, template_text);
  EXPECT_EQ(first.phones, std::vector<std::string>{"+46701234567"});
  EXPECT_TRUE(first.obfuscated_phone);
  EXPECT_EQ(first.emails, std::vector<std::string>{"anna@example.se"});
  EXPECT_EQ(first.ages, (std::vector<int>{21, 23, 25}));
  EXPECT_EQ(first.prices.size(), 2u);
  EXPECT_EQ(first.images, (std::vector<std::string>{"sha256:aa", "sha256:bb"}));

  AdRecord next;
  template_text.clear();
  ExtractObservation(Seen("", "Inget att hitta här"), Places(), next, template_text);
  EXPECT_TRUE(next.phones.empty());
  EXPECT_FALSE(next.obfuscated_phone);
  EXPECT_TRUE(next.emails.empty());
  EXPECT_TRUE(next.ages.empty());
  EXPECT_TRUE(next.prices.empty());
  EXPECT_TRUE(next.images.empty());
}

// A later observation adds only the values the ad does not hold yet, after the earlier ones; the
// ages of the body and the title come in order when no age field is given (the field sorts them).
TEST(ExtractObservationTest, LaterObservationsAddNewValuesOnly) {
  AdRecord ad;
  std::string template_text;
  Observation o = Seen("", "070-123 45 67, 25 år, 1h 1500 kr");
  o.title = "Lina 19 år";
  o.images = {"sha256:aa"};
  ExtractObservation(o, Places(), ad, template_text);
  EXPECT_EQ(ad.ages, (std::vector<int>{25, 19}));

  o = Seen("", "070-123 45 67 eller 073-695 84 81, 30 år, 1h 1500 kr, 30 min 1000 kr");
  o.age = "19";
  o.images = {"sha256:bb", "sha256:aa"};
  ExtractObservation(o, Places(), ad, template_text);
  EXPECT_EQ(ad.phones, (std::vector<std::string>{"+46701234567", "+46736958481"}));
  EXPECT_EQ(ad.ages, (std::vector<int>{25, 19, 30}));
  ASSERT_EQ(ad.prices.size(), 2u);
  EXPECT_EQ(ad.prices[0].amount, 1500);
  EXPECT_EQ(ad.prices[1].amount, 1000);
  EXPECT_EQ(ad.images, (std::vector<std::string>{"sha256:aa", "sha256:bb"}));
  EXPECT_EQ(template_text, "070-123 45 67, 25 år, 1h 1500 kr");
}

// Everything ExtractObservation sets, for comparing two records.
std::string Describe(const AdRecord& ad) {
  std::ostringstream out;
  auto list = [&](const auto& values) {
    for (const auto& v : values) out << v << ' ';
    out << "| ";
  };
  list(ad.phones);
  list(ad.emails);
  list(ad.ages);
  for (const Price& p : ad.prices) {
    out << p.amount << CurrencyCode(p.currency) << (p.minutes ? *p.minutes : -1) << ' ';
  }
  out << "| " << ad.municipality << " | ";
  list(ad.images);
  out << ad.obfuscated_phone << ad.child_wording << ad.trust_language << ad.emoji_signal
      << ad.area_mismatch;
  return out.str();
}

std::vector<Observation> SynthObservations(int64_t ads, uint64_t seed) {
  std::ostringstream corpus;
  WriteSynthCorpus({.count = ads, .seed = seed}, corpus, nullptr);
  std::istringstream lines(corpus.str());
  ObservationParser parser;
  std::vector<Observation> out;
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_TRUE(parser.ParseInto(line, out.emplace_back()).ok());
  }
  return out;
}

// Reads each observation as the first of its own ad, with `memo` (or none), and describes what
// was found.
std::vector<std::string> ReadEach(const std::vector<Observation>& observations,
                                  SentenceMemo* memo) {
  std::vector<std::string> out;
  for (const Observation& o : observations) {
    AdRecord ad;
    std::string template_text;
    ExtractObservation(o, Places(), ad, template_text, nullptr, memo);
    out.push_back(Describe(ad));
  }
  return out;
}

// What a body says is the same read with a memo, cold or warm, large or so small that sentences
// keep taking each other's places, as read without one: the memo only saves the reading.
TEST(SentenceMemoTest, ResultsAreTheSameWithOrWithoutOne) {
  const std::vector<Observation> observations = SynthObservations(400, 5);
  const std::vector<std::string> plain = ReadEach(observations, nullptr);
  int found = 0;
  for (const std::string& d : plain) found += d.find('+') != std::string::npos;
  EXPECT_GT(found, 300);  // the bodies say something: most have a phone number

  SentenceMemo memo;
  EXPECT_EQ(ReadEach(observations, &memo), plain);  // cold: sentences come back within the corpus
  EXPECT_EQ(ReadEach(observations, &memo), plain);  // warm: every sentence is known
  std::vector<Observation> reversed(observations.rbegin(), observations.rend());
  std::vector<std::string> reversed_plain(plain.rbegin(), plain.rend());
  EXPECT_EQ(ReadEach(reversed, &memo), reversed_plain);
  for (const std::size_t room : {2, 16, 256}) {
    SentenceMemo small(room);
    EXPECT_EQ(ReadEach(observations, &small), plain) << room;
    EXPECT_EQ(ReadEach(reversed, &small), reversed_plain) << room;
  }
}

// The findings of a sentence are added to those of the sentences before it: the phones sorted,
// the prices in the order of the text, the first kMaxPrices different ones in all.
TEST(SentenceMemoTest, SentencesAddUp) {
  SentenceMemo memo;
  std::string body = "Ring 073-695 84 81. Eller ring 070-123 45 67. Halvtimme 800 kr. ";
  for (int i = 0; i < 80; ++i) body += "Timme " + std::to_string(1000 + 10 * i) + " kr. ";
  for (SentenceMemo* m : {static_cast<SentenceMemo*>(nullptr), &memo, &memo}) {
    AdRecord ad;
    std::string template_text;
    ExtractObservation(Seen("", body), Places(), ad, template_text, nullptr, m);
    EXPECT_EQ(ad.phones, (std::vector<std::string>{"+46701234567", "+46736958481"}));
    ASSERT_EQ(ad.prices.size(), kMaxPrices);
    EXPECT_EQ(ad.prices[0].amount, 800);
    EXPECT_EQ(ad.prices[1].amount, 1000);
    EXPECT_EQ(ad.prices.back().amount, 1000 + 10 * static_cast<int64_t>(kMaxPrices - 2));
  }
}

// The ad's municipality and `area_mismatch` are the same with a memo as without one: for every
// kind of location field, over several observations of one ad, when a sentence names several
// municipalities (the first of the field's county is then read again), and when a sentence was
// remembered by an observation that did not ask for places (it is read for them later, once).
TEST(SentenceMemoTest, PlacesAreTheSameWithOrWithoutOne) {
  const std::vector<std::string> sentences = {
      "Finns i Umeå och Lund. ",     "Hej och välkommen! ",
      "Tjej i Sthlm, ring. ",        "Bor i Vara\n",
      "Nära Göteborg och Mölndal. ", "Skåne län och Malmö. ",
      "Åker till Kiruna. ",          "Ring 070-123 45 67 nu. ",
      "Besöker Mora och Solna. "};
  const std::vector<std::string> locations = {"",     "Umeå",         "Skåne",   "Stockholms län",
                                              "Vara", "Västerbotten", "centrum", "Göteborg",
                                              "Lund", "Norrbotten"};
  std::vector<Observation> observations;
  for (std::size_t i = 0; i < 300; ++i) {
    std::string body;
    for (std::size_t k = 0; k < 1 + i % 4; ++k) {
      body += sentences[(i * 7 + k * (i % 5 + 1)) % sentences.size()];
    }
    observations.push_back(Seen(locations[(i / 3) % locations.size()], body));
  }
  // Each ad seen twice or three times, with other locations and bodies.
  const auto read_ads = [&observations](SentenceMemo* memo) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i + 3 <= observations.size(); i += 3) {
      AdRecord ad;
      std::string template_text;
      for (std::size_t k = 0; k < 2 + i % 2; ++k) {
        ExtractObservation(observations[i + k], Places(), ad, template_text, nullptr, memo);
        out.push_back(Describe(ad));
      }
    }
    return out;
  };
  const std::vector<std::string> plain = read_ads(nullptr);
  const std::vector<std::string> plain_each = ReadEach(observations, nullptr);
  int named = 0, mismatches = 0;
  for (const std::string& d : plain) {
    named += d.find("|  | ") == std::string::npos;  // Describe: "| municipality | "
    mismatches += d.back() == '1';
  }
  EXPECT_GT(named, 100);
  EXPECT_GT(mismatches, 20);
  SentenceMemo memo;
  EXPECT_EQ(read_ads(&memo), plain);
  EXPECT_EQ(ReadEach(observations, &memo), plain_each);
  EXPECT_EQ(read_ads(&memo), plain);
  for (const std::size_t room : {2, 16}) {
    SentenceMemo small(room);
    EXPECT_EQ(read_ads(&small), plain) << room;
    EXPECT_EQ(ReadEach(observations, &small), plain_each) << room;
  }
  // A sentence that names two municipalities, the field's county's second.
  SentenceMemo fresh;
  for (SentenceMemo* m : {static_cast<SentenceMemo*>(nullptr), &fresh, &fresh}) {
    AdRecord ad;
    std::string template_text;
    ExtractObservation(Seen("Skåne", "Finns i Umeå och Lund. "), Places(), ad, template_text,
                       nullptr, m);
    EXPECT_EQ(ad.municipality, "1281");
  }
  // Sentences remembered by an observation that asked for no place (the ad's municipality known
  // and the field naming none), then asked for them.
  SentenceMemo lazy;
  AdRecord known;
  std::string template_text;
  ExtractObservation(Seen("Umeå", "Hej."), Places(), known, template_text, nullptr, &lazy);
  ExtractObservation(Seen("", "Tjej i Sthlm, ring. Bor i Vara\n"), Places(), known, template_text,
                     nullptr, &lazy);
  EXPECT_EQ(known.municipality, "2480");
  EXPECT_FALSE(known.area_mismatch);
  for (const std::string_view location : {"", "Umeå", "Västra Götaland"}) {
    AdRecord with, without;
    const Observation o = Seen(std::string(location), "Tjej i Sthlm, ring. Bor i Vara\n");
    ExtractObservation(o, Places(), with, template_text, nullptr, &lazy);
    ExtractObservation(o, Places(), without, template_text);
    EXPECT_EQ(Describe(with), Describe(without)) << location;
    EXPECT_EQ(with.municipality, location.empty() ? "0180" : location == "Umeå" ? "2480" : "1470");
    EXPECT_EQ(with.area_mismatch, location == "Umeå");
  }
}

// FindPhones checks at most kMaxPhoneChecks candidates in a body, over all its sentences, with a
// memo as without one: a sentence remembered from another body counts the checks it took.
TEST(SentenceMemoTest, PhoneChecksAreLimitedPerBody) {
  std::string numbers;  // number-like groups: each sentence has candidates to check
  for (int i = 0; i < 7; ++i) numbers += " 08-" + std::to_string(100 + i);
  std::string body;
  for (int i = 0; i < 200; ++i) body += "Nummer" + numbers + " etc. Ring" + numbers + " nu. ";
  body += "Eller ring 070-123 45 67.";
  AdRecord plain;
  std::string template_text;
  ExtractObservation(Seen("", body), Places(), plain, template_text);
  // The limit is reached before the last sentence.
  EXPECT_FALSE(plain.phones.empty());
  EXPECT_EQ(std::count(plain.phones.begin(), plain.phones.end(), "+46701234567"), 0);

  SentenceMemo memo;
  AdRecord last_alone;  // the last sentence alone is found, and the others are remembered
  ExtractObservation(Seen("", "Eller ring 070-123 45 67."), Places(), last_alone, template_text,
                     nullptr, &memo);
  EXPECT_EQ(last_alone.phones, std::vector<std::string>{"+46701234567"});
  for (int pass = 0; pass < 2; ++pass) {
    AdRecord ad;
    ExtractObservation(Seen("", body), Places(), ad, template_text, nullptr, &memo);
    EXPECT_EQ(Describe(ad), Describe(plain)) << pass;
  }
}

}  // namespace
}  // namespace sv::ads
