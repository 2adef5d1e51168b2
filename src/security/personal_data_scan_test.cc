#include "security/personal_data_scan.h"

#include <gtest/gtest.h>

namespace sv::security {
namespace {

// 2026-11-29
const TimePoint kToday = FromUnixMicros(1795910400LL * 1000000);

std::vector<PersonalDataKind> Kinds(std::string_view text) {
  std::vector<PersonalDataKind> out;
  for (const auto& f : FindPersonalData(text, kToday)) out.push_back(f.kind);
  return out;
}

TEST(PersonalDataScanTest, TheIssueExamplesAreRefusedWithTheReason) {
  Status phone = RefusePersonalData("ring 070-123 45 67", "text", kToday);
  ASSERT_FALSE(phone.ok());
  EXPECT_EQ(phone.field(), "text");
  EXPECT_EQ(phone.reason(), "personal_data");
  EXPECT_NE(phone.message().find("a phone number"), std::string::npos) << phone.message();
  EXPECT_EQ(phone.message().find("070"), std::string::npos) << "the value is not echoed";

  Status number = RefusePersonalData("19850101-1234", "text", kToday);
  ASSERT_FALSE(number.ok());
  EXPECT_NE(number.message().find("a personal identity number"), std::string::npos)
      << number.message();
}

TEST(PersonalDataScanTest, FindsTheCommonWrittenForms) {
  using K = PersonalDataKind;
  EXPECT_EQ(Kinds("pnr 811218-9876"), std::vector<K>{K::kIdentityNumber});
  EXPECT_EQ(Kinds("198112189876 kontaktad"), std::vector<K>{K::kIdentityNumber});
  EXPECT_EQ(Kinds("född 811218+9876"), std::vector<K>{K::kIdentityNumber});
  EXPECT_EQ(Kinds("samordningsnr 811278-9870"), std::vector<K>{K::kIdentityNumber});
  EXPECT_EQ(Kinds("nås på 0701234567"), std::vector<K>{K::kPhoneNumber});
  EXPECT_EQ(Kinds("nås på +46 70 123 45 67"), std::vector<K>{K::kPhoneNumber});
  EXPECT_EQ(Kinds("nås på 070-1234567 eller 090-12 34 56"),
            (std::vector<K>{K::kPhoneNumber, K::kPhoneNumber}));
  EXPECT_EQ(Kinds("mejla anna.svensson@example.se"), std::vector<K>{K::kEmailAddress});
  EXPECT_EQ(Kinds("811218-9876, 070-123 45 67, a@b.se"),
            (std::vector<K>{K::kIdentityNumber, K::kPhoneNumber, K::kEmailAddress}));
}

TEST(PersonalDataScanTest, CountsTimesAndPlacesPass) {
  for (const char* ok :
       {"Stödsamtal erbjudet till 2 personer som säljer sex, 1 accepterade.",
        "Insatsen startade 2026-11-29 kl. 21:30 vid Vasaplan.", "Köpare rapporterade: 3 (BrB 6:11)",
        "Postnummer 903 25, rum 412", "Ärende 5000-K123456-26", "Klockan 22.15–23.40", ""}) {
    EXPECT_TRUE(RefusePersonalData(ok, "text", kToday).ok()) << ok;
  }
}

TEST(PersonalDataScanTest, HostileTextStaysLinear) {
  const std::string digits(200000, '7');
  const auto found = FindPersonalData(digits, kToday, 64 * 1024);
  (void)found;  // a result at all, in bounded time, is the point
  std::string mixed;
  for (int i = 0; i < 5000; ++i) mixed += "1985010-a@@b.";
  EXPECT_TRUE(FindPersonalData(mixed, kToday).empty());
}

}  // namespace
}  // namespace sv::security
