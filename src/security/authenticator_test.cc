// The authenticator on a real SQLite database with a fixed clock: session timeouts, login delays
// and the second factor, which the integration tests cannot wait for.
#include "security/authenticator.h"

#include <gtest/gtest.h>

#include "geo/gazetteer.h"
#include "security/audit.h"
#include "security/field_cipher.h"
#include "security/identity.h"
#include "security/keys.h"
#include "security/totp.h"
#include "store/database.h"
#include "testing.h"

namespace sv::security {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class AuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Database::Open({"sqlite://" + (dir_.path() / "a.db").string(), 2, 5000});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_, store::SchemaMigrations()).ok());
    auto ring = ParseKeyRing(NewKeyRingText(), "test keys");
    ASSERT_TRUE(ring.ok()) << ring.status().ToString();
    keys_ = *ring;
    cipher_ = std::make_unique<FieldCipher>(keys_);
    audit_ = std::make_unique<AuditLog>(*db_, clock_, keys_);
    auto gazetteer = geo::Gazetteer::Embedded();
    ASSERT_TRUE(gazetteer.ok());
    gazetteer_ = std::make_unique<geo::Gazetteer>(std::move(*gazetteer));
    Directory directory(*db_, *gazetteer_, clock_);
    auto unit = directory.EnsureUnit({0, UnitKind::kSocialServices, "Soc Umeå", "2480", ""});
    ASSERT_TRUE(unit.ok()) << unit.status().ToString();
    User user;
    user.unit_id = unit->id;
    user.username = "anna";
    user.display_name = "Anna";
    user.role = Role::kSocialWorker;
    auto hash = HashPassword(kPassword, PasswordCost::kTesting);
    ASSERT_TRUE(hash.ok());
    ASSERT_TRUE(directory.EnsureUser(user, *hash).ok());
    AuthenticatorOptions options;
    options.password_cost = PasswordCost::kTesting;
    auth_ = std::make_unique<Authenticator>(*db_, clock_, *cipher_, *audit_, options);
  }

  static constexpr const char* kPassword = "a long enough passphrase";
  const RequestContext ctx_{"req-1", "10.0.0.1"};
  sv::testing::TempDir dir_;
  FixedClock clock_{FromUnixMicros(1'800'000'000'000'000)};
  std::unique_ptr<store::Database> db_;
  KeyRing keys_;
  std::unique_ptr<FieldCipher> cipher_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<geo::Gazetteer> gazetteer_;
  std::unique_ptr<Authenticator> auth_;
};

TEST_F(AuthenticatorTest, SessionEndsAfterIdleTime) {
  auto login = auth_->LogIn("anna", kPassword, "", ctx_);
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  clock_.Advance(minutes(29));
  EXPECT_TRUE(auth_->Resolve(login->token).ok()) << "activity within 30 minutes keeps it";
  clock_.Advance(minutes(29));
  EXPECT_TRUE(auth_->Resolve(login->token).ok());
  clock_.Advance(minutes(31));
  auto expired = auth_->Resolve(login->token);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.status().code(), StatusCode::kUnauthenticated);
  EXPECT_FALSE(auth_->Resolve(login->token).ok()) << "and stays ended";
}

TEST_F(AuthenticatorTest, SessionEndsAfterAbsoluteTimeDespiteActivity) {
  auto login = auth_->LogIn("anna", kPassword, "", ctx_);
  ASSERT_TRUE(login.ok());
  for (int i = 0; i < 12 * 4 - 1; ++i) {
    clock_.Advance(minutes(15));
    ASSERT_TRUE(auth_->Resolve(login->token).ok()) << "at " << (i + 1) * 15 << " minutes";
  }
  clock_.Advance(minutes(16));
  EXPECT_FALSE(auth_->Resolve(login->token).ok());
}

TEST_F(AuthenticatorTest, TokensAreUnguessableAndLogoutEndsTheSession) {
  auto a = auth_->LogIn("anna", kPassword, "", ctx_);
  auto b = auth_->LogIn("anna", kPassword, "", ctx_);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->token, b->token);
  EXPECT_GE(a->token.size(), 43u);
  EXPECT_NE(a->principal.csrf_token, b->principal.csrf_token);
  ASSERT_TRUE(auth_->LogOut(a->principal, ctx_).ok());
  EXPECT_FALSE(auth_->Resolve(a->token).ok());
  EXPECT_TRUE(auth_->Resolve(b->token).ok());
  EXPECT_FALSE(auth_->Resolve(a->token + "x").ok());
}

TEST_F(AuthenticatorTest, DelaysStartAfterFiveFailuresAndDouble) {
  for (int i = 0; i < 5; ++i) {
    auto r = auth_->LogIn("anna", "wrong password", "", ctx_);
    ASSERT_EQ(r.status().code(), StatusCode::kUnauthenticated) << "attempt " << i + 1;
  }
  auto blocked = auth_->LogIn("anna", kPassword, "", ctx_);
  EXPECT_EQ(blocked.status().code(), StatusCode::kTooManyRequests);
  EXPECT_EQ(auth_->RetryAfterSeconds("anna", ctx_.client), 1);
  clock_.Advance(seconds(1));
  EXPECT_EQ(auth_->LogIn("anna", "wrong again", "", ctx_).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(auth_->RetryAfterSeconds("anna", ctx_.client), 2) << "the delay doubles";
  clock_.Advance(seconds(2));
  EXPECT_TRUE(auth_->LogIn("anna", kPassword, "", ctx_).ok()) << "the right password after waiting";
  // Success clears the account's count: from another address there is no wait.
  EXPECT_EQ(auth_->RetryAfterSeconds("anna", "10.0.0.2"), 0);
}

TEST_F(AuthenticatorTest, UnknownUsersFailLikeWrongPasswords) {
  auto unknown = auth_->LogIn("nobody", kPassword, "", ctx_);
  auto wrong = auth_->LogIn("anna", "wrong password", "", ctx_);
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(unknown.status().message(), wrong.status().message());
}

TEST_F(AuthenticatorTest, SecondFactorIsSetUpConfirmedAndRequired) {
  auto login = auth_->LogIn("anna", kPassword, "", ctx_);
  ASSERT_TRUE(login.ok());
  auto setup = auth_->BeginTotpSetup(login->principal);
  ASSERT_TRUE(setup.ok()) << setup.status().ToString();
  EXPECT_NE(setup->uri.find("otpauth://totp/"), std::string::npos);
  EXPECT_EQ(auth_->ConfirmTotp(login->principal, "000000", ctx_).code(),
            StatusCode::kInvalidInput);
  auto code = TotpCode(setup->secret, clock_.Now());
  ASSERT_TRUE(code.ok());
  ASSERT_TRUE(auth_->ConfirmTotp(login->principal, *code, ctx_).ok());

  clock_.Advance(seconds(30));
  auto without = auth_->LogIn("anna", kPassword, "", ctx_);
  EXPECT_EQ(without.status().reason(), "totp_required");
  auto now_code = TotpCode(setup->secret, clock_.Now());
  auto with = auth_->LogIn("anna", kPassword, *now_code, ctx_);
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  EXPECT_TRUE(with->principal.totp_enabled);
  auto replay = auth_->LogIn("anna", kPassword, *now_code, ctx_);
  EXPECT_EQ(replay.status().reason(), "totp_required") << "a code is accepted once";
}

TEST_F(AuthenticatorTest, PasswordChangeChecksTheOldAndTheNew) {
  auto login = auth_->LogIn("anna", kPassword, "", ctx_);
  ASSERT_TRUE(login.ok());
  Status wrong = auth_->ChangePassword(login->principal, "wrong", "another fine passphrase", ctx_);
  EXPECT_EQ(wrong.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(wrong.field(), "current_password");
  EXPECT_EQ(wrong.reason(), "wrong_password");
  Status weak = auth_->ChangePassword(login->principal, kPassword, "short", ctx_);
  EXPECT_EQ(weak.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(weak.field(), "new_password");
  EXPECT_EQ(weak.reason(), "password_too_short");
  ASSERT_TRUE(auth_->ChangePassword(login->principal, kPassword, "another fine passphrase", ctx_)
                  .ok());
  EXPECT_FALSE(auth_->LogIn("anna", kPassword, "", ctx_).ok());
  EXPECT_TRUE(auth_->LogIn("anna", "another fine passphrase", "", ctx_).ok());
  auto verified = audit_->Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact);
}

}  // namespace
}  // namespace sv::security
