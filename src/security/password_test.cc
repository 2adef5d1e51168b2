#include "security/password.h"

#include <gtest/gtest.h>

namespace sv::security {
namespace {

TEST(PasswordTest, HashVerifiesOnlyTheSamePassword) {
  Result<std::string> hash = HashPassword("correct horse battery", PasswordCost::kTesting);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(PasswordTest, SamePasswordGetsDifferentSalts) {
  auto a = HashPassword("same password here", PasswordCost::kTesting);
  auto b = HashPassword("same password here", PasswordCost::kTesting);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST(PasswordTest, GarbageHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$garbage", "x"));
}

}  // namespace
}  // namespace sv::security
