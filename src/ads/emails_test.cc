#include "ads/emails.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "testing.h"

namespace sv::ads {
namespace {

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) out.push_back(part);
  return out;
}

TEST(EmailsTest, GoldenCases) {
  const auto path = sv::testing::SourceDir() / "tests/cases/ads/emails.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cols = SplitOn(line, '\t');
    ASSERT_EQ(cols.size(), 3u) << line;
    const FoundEmails found = FindEmails(cols[0]);
    EXPECT_EQ(found.addresses, SplitOn(cols[1], ',')) << cols[0];
    EXPECT_EQ(found.obfuscated, cols[2] == "yes") << cols[0];
    ++cases;
  }
  EXPECT_GT(cases, 12);
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
