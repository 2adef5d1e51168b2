#include "security/identity_number.h"

#include <gtest/gtest.h>

namespace sv::security {
namespace {

// 2026-11-29T00:00:00Z
const TimePoint kToday = FromUnixMicros(1795910400LL * 1000000);

TEST(IdentityNumberTest, LuhnOnKnownNumbers) {
  EXPECT_TRUE(LuhnValid("8112189876"));   // Skatteverket's example
  EXPECT_FALSE(LuhnValid("8112189875"));
  EXPECT_TRUE(LuhnValid("0"));
}

TEST(IdentityNumberTest, AcceptsTheCommonForms) {
  for (const char* form : {"811218-9876", "8112189876", "19811218-9876", "198112189876"}) {
    auto n = ParseIdentityNumber(form, kToday);
    ASSERT_TRUE(n.ok()) << form << ": " << n.status().ToString();
    EXPECT_EQ(n->canonical, "198112189876") << form;
    EXPECT_FALSE(n->coordination);
  }
}

TEST(IdentityNumberTest, CenturyFromTodayAndPlus) {
  // 2010-01-01 (Luhn-valid example number), written with two digits: 2010, not 1910.
  auto young = ParseIdentityNumber("100101-0006", kToday);
  ASSERT_TRUE(young.ok()) << young.status().ToString();
  EXPECT_EQ(young->canonical.substr(0, 4), "2010");
  auto old = ParseIdentityNumber("100101+0006", kToday);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->canonical.substr(0, 4), "1910");
}

TEST(IdentityNumberTest, CoordinationNumberHasDayPlus60) {
  // 1981-12-18 as coordination number: day 78.
  std::string digits = "8112789876";
  // Fix the check digit for the changed day.
  for (char c = '0'; c <= '9'; ++c) {
    digits.back() = c;
    if (LuhnValid(digits)) break;
  }
  auto n = ParseIdentityNumber(digits, kToday);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_TRUE(n->coordination);
  EXPECT_EQ(n->canonical.substr(0, 8), "19811278");
}

TEST(IdentityNumberTest, RefusesWithoutEchoingTheNumber) {
  struct Case {
    const char* text;
    const char* says;
  };
  for (const Case& c : {Case{"811218-9875", "check digit"}, Case{"811318-9876", "real date"},
                        Case{"810231-1234", "real date"}, Case{"81121-89876", "digits"},
                        Case{"81121898760", "10 or 12"}, Case{"abc", "only digits"},
                        Case{"20811218-9876", "future"}, Case{"19811218+9876", "'+'"},
                        Case{"20270101-0000", "future"}}) {
    auto n = ParseIdentityNumber(c.text, kToday);
    ASSERT_FALSE(n.ok()) << c.text;
    EXPECT_NE(n.status().message().find(c.says), std::string::npos)
        << c.text << ": " << n.status().message();
    EXPECT_EQ(n.status().message().find(c.text), std::string::npos);
    EXPECT_EQ(n.status().field(), "identity_number");
  }
}

}  // namespace
}  // namespace sv::security
