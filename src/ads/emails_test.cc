#include "ads/emails.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "ads/detail/golden.h"

namespace sv::ads {
namespace {

TEST(EmailsTest, GoldenCases) {
  const std::vector<detail::GoldenCase> cases = detail::ReadGoldenCases("emails.tsv");
  for (const detail::GoldenCase& c : cases) {
    ASSERT_EQ(c.fields.size(), 3u) << "emails.tsv line " << c.line;
    const FoundEmails found = FindEmails(c.fields[0]);
    EXPECT_EQ(found.addresses, detail::SplitList(c.fields[1])) << c.fields[0];
    EXPECT_EQ(found.obfuscated, c.fields[2] == "yes") << c.fields[0];
  }
  EXPECT_GT(cases.size(), 12u);
}

TEST(EmailsTest, GathersSeveralFields) {
  FoundEmails found;
  FindEmails("B@Example.se", found);
  FindEmails("a@example.se b@example.se", found);
  EXPECT_EQ(found.addresses, (std::vector<std::string>{"a@example.se", "b@example.se"}));
  EXPECT_FALSE(found.obfuscated);
}

TEST(EmailsTest, EdgesAndHostileInputsFinish) {
  EXPECT_TRUE(FindEmails("").addresses.empty());
  EXPECT_TRUE(FindEmails("@").addresses.empty());
  EXPECT_TRUE(FindEmails("a@").addresses.empty());
  EXPECT_TRUE(FindEmails("a@b.").addresses.empty());
  EXPECT_TRUE(FindEmails(" at ").addresses.empty());
  EXPECT_TRUE(FindEmails(std::string(100, 'a') + "@example.se").addresses.empty());
  FindEmails(std::string(10 << 20, '@'));
  std::string many;
  for (int i = 0; i < 1 << 18; ++i) many += "a at b dot ";
  FindEmails(many);
  std::string labels;
  for (int i = 0; i < 1 << 18; ++i) labels += "a.";
  FindEmails("x@" + labels);  // must return
}

// The scan looks for "@" and its stand-ins 16 bytes at a time: an address reads the same
// wherever it falls against those steps.
TEST(EmailsTest, SameAnswerAtEveryOffsetInLongText) {
  const std::string prose =
      "Hej och välkommen till mig, jag är en glad tjej som gillar att träffa nya vänner 💋 "
      "och mysa i lugn och ro. Meet me at the hotel, snart ses vi. ";
  const std::vector<std::string> addresses = {
      "bella@mail.se",         "Bella.B (at) Hotmail punkt SE", "anna [at] gmail (dot) com",
      "anna  @  gmail.com",    "anna snabel-a mail dot se",     "anna snabel a mail punkt nu",
      "anna\xEF\xBC\xA0mail.se", "anna(a)mail.se",              "anna {at} mail {dot} se",
  };
  ASSERT_TRUE(FindEmails(prose).addresses.empty());
  for (const std::string& address : addresses) {
    const FoundEmails alone = FindEmails(address);
    ASSERT_EQ(alone.addresses.size(), 1u) << address;
    for (std::size_t offset = 0; offset < 40; ++offset) {
      const std::string text = prose + std::string(offset, 'x') + " " + address + " " + prose;
      const FoundEmails found = FindEmails(text);
      EXPECT_EQ(found.addresses, alone.addresses) << address << " after " << offset;
      EXPECT_EQ(found.obfuscated, alone.obfuscated) << address << " after " << offset;
    }
  }
}

// The last bytes of a text are scanned from a copy followed by zero bytes: an address at the end
// of a text, or in a text shorter than a step, reads as anywhere else, and markers cut off by
// the end find nothing.
TEST(EmailsTest, AddressesAtTheEndOfTexts) {
  for (const std::string address :
       {"a@b.se", "bella@mail.se", "anna (at) mail punkt se", "x [at] y.se",
        "anna snabel a mail.se", "anna\xEF\xBC\xA0mail.se"}) {
    const FoundEmails alone = FindEmails(address);
    ASSERT_EQ(alone.addresses.size(), 1u) << address;
    for (std::size_t n = 0; n < 40; ++n) {
      const std::string text = std::string(n, 'x') + " " + address;
      EXPECT_EQ(FindEmails(text).addresses, alone.addresses) << text;
      for (std::size_t cut = 1; cut < address.size(); ++cut) {
        const std::string cut_text = text.substr(0, text.size() - cut);
        EXPECT_EQ(FindEmails(cut_text).addresses, FindEmails(cut_text + ",").addresses) << cut_text;
      }
    }
  }
}

// The scan takes "`" and 0x08 for opening bytes too (they are "@" and "(" with the 0x20 bit set,
// tested together); they open no marker. An opening byte is also seen as the first byte of a step
// (from the step before): "(a)" right after the local part, at every offset.
TEST(EmailsTest, LookAlikesOfOpeningBytesFindNothing) {
  for (std::size_t offset = 0; offset < 40; ++offset) {
    const std::string before(offset, 'x');
    for (const std::string look_alike : {"`", " ` ", "\x08", " \x08 ", "  `", " `at` "}) {
      const std::string text = before + " anna" + look_alike + "mail.se anna`s@";
      EXPECT_TRUE(FindEmails(text).addresses.empty()) << text;
    }
    EXPECT_EQ(FindEmails(before + " anna(a)mail.se").addresses,
              std::vector<std::string>{"anna@mail.se"})
        << offset;
    EXPECT_EQ(FindEmails(before + "anna[at]mail.se").addresses,
              std::vector<std::string>{before + "anna@mail.se"})
        << offset;
  }
}

TEST(EmailsTest, RoughSpeed) {
  const std::string ad =
      "Hej! Jag heter Bella, 23 år, ny i stan. Jag erbjuder massage och mer, diskret och "
      "trevligt. Pris 1500kr/h, 2000:- 1 timme, halvtimme 800. Bor centralt i Umeå (903 25). "
      "Mejla bella (at) hotmail punkt se eller ring. Vi ses at hotellet! "
      "Ledig 05.12.2024 kl 21:30. Only serious gentlemen, no sex without protection. Kram! "
      "Hej! Jag heter Bella, 23 år, ny i stan. Jag erbjuder massage och mer, diskret och "
      "trevligt, välkommen hem till mig eller så kommer jag till dig på hotellet. Puss";
  constexpr int kRounds = 2000;
  const auto start = std::chrono::steady_clock::now();
  std::size_t n = 0;
  for (int i = 0; i < kRounds; ++i) n += FindEmails(ad).addresses.size();
  const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(n, static_cast<std::size_t>(kRounds));
  std::cout << "FindEmails: " << took.count() / kRounds << " µs per " << ad.size()
            << "-byte ad (this build)\n";
}

}  // namespace
}  // namespace sv::ads
