#pragma once
// Logins and sessions. Passwords are checked against argon2id hashes; session tokens are 256
// random bits given to the browser once, stored only as a BLAKE2b hash; a session ends after an
// idle time and an absolute time. Failed logins are counted per account and per client address:
// after `free_attempts` failures each further attempt must wait, doubling up to 15 minutes, and is
// refused without the password being checked (so a flood costs the server nothing). Every login,
// failure and logout is audited. Thread-safe.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "security/password.h"
#include "security/principal.h"

namespace sv::store {
class Database;
}

namespace sv::security {

class AuditLog;
class FieldCipher;

struct AuthenticatorOptions {
  std::chrono::minutes idle_timeout{30};
  std::chrono::hours absolute_timeout{12};
  int free_attempts = 5;
  bool require_second_factor = false;  // for roles with person-level access
  PasswordCost password_cost = PasswordCost::kInteractive;
};

struct Login {
  std::string token;  // for the cookie; not stored anywhere
  Principal principal;
};

struct TotpSetup {
  std::string secret;  // base32
  std::string uri;     // otpauth://…
};

class Authenticator {
 public:
  Authenticator(store::Database& database, const Clock& clock, const FieldCipher& cipher,
                AuditLog& audit, AuthenticatorOptions options);

  // Errors: kInvalidInput (malformed credentials, field named), kUnauthenticated ("wrong username
  // or password", the same for unknown and disabled users), kUnauthenticated with reason
  // "totp_required" (the account has a second factor and no or a wrong code was given),
  // kTooManyRequests (see RetryAfter).
  Result<Login> LogIn(std::string_view username, std::string_view password,
                      std::string_view totp_code, const RequestContext& ctx);
  // Seconds until `username` from `client` may try again (0: now).
  int64_t RetryAfterSeconds(std::string_view username, std::string_view client);

  // The principal of a live session, refreshing its idle time. kUnauthenticated when the token is
  // unknown, expired (idle or absolute) or the user is disabled.
  Result<Principal> Resolve(std::string_view token);
  Status LogOut(const Principal& who, const RequestContext& ctx);

  // kInvalidInput with field current_password (reason wrong_password) or new_password (the
  // password policy's reason).
  Status ChangePassword(const Principal& who, std::string_view current_password,
                        std::string_view new_password, const RequestContext& ctx);
  // Sets a user's password without the old one (admin reset); ends the user's sessions.
  Status SetPassword(int64_t user_id, std::string_view username, std::string_view new_password);
  // Ends every session of a user (disabled, password reset).
  Status EndSessions(int64_t user_id);

  Result<TotpSetup> BeginTotpSetup(const Principal& who);
  Status ConfirmTotp(const Principal& who, std::string_view code, const RequestContext& ctx);

 private:
  Status CheckThrottle(std::string_view username, std::string_view client);
  void RecordFailure(std::string_view username, std::string_view client);
  Result<Principal> LoadPrincipal(int64_t user_id, int64_t session_id, std::string csrf_token,
                                  TimePoint created_at);

  store::Database& database_;
  const Clock& clock_;
  const FieldCipher& cipher_;
  AuditLog& audit_;
  AuthenticatorOptions options_;
  std::string dummy_hash_;  // verified against for unknown users, so timing does not tell
};

}  // namespace sv::security
