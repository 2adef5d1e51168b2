#include "security/password_policy.h"

#include <fstream>

#include <gtest/gtest.h>

#include "testing.h"

namespace sv::security {
namespace {

void ExpectRefused(std::string_view password, std::string_view says,
                   std::string_view username = "anna.svensson") {
  Status status = CheckNewPassword(password, username);
  ASSERT_FALSE(status.ok()) << password;
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(status.field(), "password");
  EXPECT_NE(status.message().find(says), std::string::npos) << status.message();
}

TEST(PasswordPolicyTest, AcceptsLongUncommonPasswords) {
  for (const char* good : {"tre gröna cyklar i regnet", "Blåbärssylt på torsdag", "kx8#Lm2!qZ9p",
                           "Älgen Ölänningen 42"}) {
    Status status = CheckNewPassword(good, "anna.svensson");
    EXPECT_TRUE(status.ok()) << good << ": " << status.ToString();
  }
}

TEST(PasswordPolicyTest, CountsCharactersNotBytes) {
  ExpectRefused("", "at least 12 characters");
  ExpectRefused("kort", "at least 12 characters");
  ExpectRefused("kx8#Lm2!qZ9", "at least 12 characters");
  // 11 characters in 22 bytes.
  ExpectRefused("åäöÅÄÖåäöÅÄ", "at least 12 characters");
  EXPECT_TRUE(CheckNewPassword("åäöÅÄÖåäöÅÄx", "anna").ok());
}

TEST(PasswordPolicyTest, LimitsBytes) {
  std::string longest(256, 'q');
  longest[0] = 'Z';  // not a repeated-character entry of the list
  EXPECT_TRUE(CheckNewPassword(longest, "anna").ok());
  ExpectRefused(longest + "q", "at most 256 bytes");
}

TEST(PasswordPolicyTest, RefusesInvalidUtf8) {
  for (std::string_view bad : {std::string_view("abcdefghijkl\xff"),
                               std::string_view("abcdefghijkl\xc0\xaf"),          // overlong '/'
                               std::string_view("abcdefghijkl\xed\xa0\x80"),      // surrogate
                               std::string_view("abcdefghijkl\xf4\x90\x80\x80"),  // > U+10FFFF
                               std::string_view("abcdefghijkl\xe2\x82")}) {       // cut short
    ExpectRefused(bad, "not valid UTF-8");
  }
}

TEST(PasswordPolicyTest, RefusesTheUsername) {
  ExpectRefused("anna.svensson.umea", "must not be the username", "anna.svensson.umea");
  ExpectRefused("Anna.Svensson.Umea", "must not be the username", "anna.svensson.umea");
  ExpectRefused("ÖSTERSUNDSPOLISEN", "must not be the username", "östersundspolisen");
}

TEST(PasswordPolicyTest, RefusesCommonPasswordsInAnyCase) {
  for (const char* common : {"password1234",
                             "Password1234",
                             "PASSWORD1234",
                             "lösenord1234",
                             "LÖSENORD2024",
                             "Lösenord2024!",
                             "losenord2024",
                             "Sommar2023123",
                             "Vinter2024!!",
                             "hejsan123456",
                             "qwertyuiop12",
                             "Qwertyuiopå1",
                             "Samverkan2025",
                             "samverkan123!",
                             "Stockholm2024",
                             "Göteborg1234",
                             "Umeå12345678",
                             "111111111111",
                             "123456789012",
                             "aaaaaaaaaaaa",
                             "abcabcabcabc",
                             "1q2w3e4r5t6y",
                             "correct horse battery staple",
                             "iloveyou1234",
                             "jagälskardig",
                             "Välkommen123",
                             "winniethepooh"}) {
    ExpectRefused(common, "on the list of common passwords");
  }
}

// Every entry of the data file long enough to pass the other rules is refused: the file is
// compiled in whole and read the way it is written.
TEST(PasswordPolicyTest, RefusesEveryListedPassword) {
  std::ifstream in(sv::testing::SourceDir() / "data/security/common-passwords.txt");
  ASSERT_TRUE(in) << "run with SAMVERKAN_SOURCE_DIR set, or from the source tree";
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    Status status = CheckNewPassword(line, "");
    if (status.ok()) {
      ADD_FAILURE() << "not refused: " << line;
      continue;
    }
    if (status.message().find("on the list") != std::string::npos) ++checked;
  }
  EXPECT_GT(checked, 10000);
}

}  // namespace
}  // namespace sv::security
