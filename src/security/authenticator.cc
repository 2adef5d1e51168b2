#include "security/authenticator.h"

#include <sodium.h>

#include <algorithm>

#include <soci/soci.h>

#include "security/audit.h"
#include "security/field_cipher.h"
#include "security/password_policy.h"
#include "security/totp.h"
#include "store/database.h"

namespace sv::security {
namespace {

constexpr std::string_view kTotpSecretData = "users.totp_secret";
constexpr std::string_view kTotpPendingData = "users.totp_pending";
constexpr int64_t kMaxDelaySeconds = 15 * 60;
constexpr int64_t kFailureMemorySeconds = 60 * 60;  // failures older than this are forgotten
constexpr int64_t kSessionTouchSeconds = 60;        // last_seen_at is written at most this often

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string RandomToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string TokenHash(std::string_view token) {
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

Status WrongCredentials() { return Status::Unauthenticated("wrong username or password"); }

// An audit event about a user's own account.
AuditEvent AccountEvent(int64_t user_id, const std::string& username, int64_t unit_id,
                        std::string action, std::string detail, const RequestContext& ctx) {
  AuditEvent e;
  e.user_id = user_id;
  e.username = username;
  e.unit_id = unit_id;
  e.action = std::move(action);
  e.record_type = "user";
  e.record_id = std::to_string(user_id);
  e.outcome = "ok";
  e.detail = std::move(detail);
  e.request_id = ctx.request_id;
  e.client = ctx.client;
  return e;
}

Status Appended(const Result<AuditEvent>& r) { return r.ok() ? Status::Ok() : r.status(); }

// The columns of a user row that logging in needs.
struct Account {
  long long id = 0;
  std::string password_hash;
  int disabled = 0;
  std::string totp_secret;
  soci::indicator totp_ind = soci::i_null;
  long long totp_last_step = 0;
};

}  // namespace

Authenticator::Authenticator(store::Database& database, const Clock& clock,
                             const FieldCipher& cipher, AuditLog& audit,
                             AuthenticatorOptions options)
    : database_(database), clock_(clock), cipher_(cipher), audit_(audit), options_(options) {
  SodiumReady();
  // Unknown users are checked against this hash so that a wrong username takes as long as a
  // wrong password.
  Result<std::string> dummy = HashPassword(RandomToken(), options_.password_cost);
  dummy_hash_ = dummy.ok() ? *dummy : "";
}

Status Authenticator::CheckThrottle(std::string_view username, std::string_view client) {
  const int64_t wait = RetryAfterSeconds(username, client);
  if (wait > 0) {
    return Status::TooManyRequests("too many failed logins; try again in " +
                                   std::to_string(wait) + " seconds");
  }
  return {};
}

int64_t Authenticator::RetryAfterSeconds(std::string_view username, std::string_view client) {
  const long long now = ToUnixMicros(clock_.Now());
  long long until = 0;
  const std::string user_subject = "user:" + std::string(username);
  const std::string addr_subject = "addr:" + std::string(client);
  Status s = database_.InReadTransaction([&](soci::session& sql) -> Status {
    long long blocked = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(blocked_until) FROM login_throttle WHERE subject = :u OR subject = :a",
        soci::use(user_subject), soci::use(addr_subject), soci::into(blocked, ind);
    if (ind == soci::i_ok) until = blocked;
    return Status::Ok();
  });
  if (!s.ok() || until <= now) return 0;
  return std::max<int64_t>(1, (until - now + 999'999) / 1'000'000);
}

void Authenticator::RecordFailure(std::string_view username, std::string_view client) {
  const long long now = ToUnixMicros(clock_.Now());
  const long long forget_before = now - kFailureMemorySeconds * 1'000'000;
  (void)database_.InTransaction([&](soci::session& sql) -> Status {
    for (const std::string& subject :
         {"user:" + std::string(username), "addr:" + std::string(client)}) {
      int failures = 0;
      sql << "INSERT INTO login_throttle (subject, failures, last_failure_at, blocked_until) "
             "VALUES (:s, 1, :now, 0) ON CONFLICT (subject) DO UPDATE SET failures = CASE "
             "WHEN login_throttle.last_failure_at < :forget THEN 1 "
             "ELSE login_throttle.failures + 1 END, last_failure_at = excluded.last_failure_at "
             "RETURNING failures",
          soci::use(subject), soci::use(now), soci::use(forget_before), soci::into(failures);
      if (failures >= options_.free_attempts) {
        const int doublings = std::min(failures - options_.free_attempts, 20);
        const long long delay =
            std::min<long long>(kMaxDelaySeconds, 1LL << doublings) * 1'000'000;
        const long long until = now + delay;
        sql << "UPDATE login_throttle SET blocked_until = :until WHERE subject = :s",
            soci::use(until), soci::use(subject);
      }
    }
    return Status::Ok();
  });
}

Result<Login> Authenticator::LogIn(std::string_view username, std::string_view password,
                                   std::string_view totp_code, const RequestContext& ctx) {
  Status malformed;
  if (username.empty() || username.size() > 64) {
    malformed = Status::InvalidInput("a username has 1 to 64 characters", "username");
  } else if (password.empty() || password.size() > 1024) {
    malformed = Status::InvalidInput("a password has 1 to 1024 bytes", "password");
  } else if (totp_code.size() > 16) {
    malformed = Status::InvalidInput("a code has 6 digits", "totp");
  }
  if (!malformed.ok()) {
    AuditEvent e;
    e.action = "login_failed";
    e.record_type = "user";
    e.outcome = "failed";
    e.detail = "malformed credentials: " + malformed.field();
    e.request_id = ctx.request_id;
    e.client = ctx.client;
    (void)audit_.Append(std::move(e));
    return malformed;
  }
  SV_RETURN_IF_ERROR(CheckThrottle(username, ctx.client));

  Account account;
  bool found = false;
  const std::string name(username);
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT id, password_hash, disabled, totp_secret, totp_last_step FROM users "
           "WHERE username = :u",
        soci::use(name), soci::into(account.id), soci::into(account.password_hash),
        soci::into(account.disabled), soci::into(account.totp_secret, account.totp_ind),
        soci::into(account.totp_last_step);
    found = sql.got_data();
    return Status::Ok();
  }));

  auto fail = [&](std::string detail) -> Status {
    RecordFailure(username, ctx.client);
    // An unknown "username" may be a password typed in the wrong field: not recorded.
    AuditEvent e = AccountEvent(found ? account.id : 0, found ? name : "", 0, "login_failed",
                                std::move(detail), ctx);
    if (!found) e.record_id = "";
    e.outcome = "failed";
    (void)audit_.Append(std::move(e));
    return WrongCredentials();
  };

  if (!found) {
    (void)VerifyPassword(dummy_hash_, password);
    return fail("unknown user");
  }
  if (!VerifyPassword(account.password_hash, password)) return fail("wrong password");
  if (account.disabled != 0) return fail("disabled account");

  int64_t totp_step = 0;
  if (account.totp_ind == soci::i_ok && !account.totp_secret.empty()) {
    if (totp_code.empty()) {
      return Status::Unauthenticated("enter the 6-digit code from your authenticator app")
          .WithReason("totp_required");
    }
    Result<std::string> secret = cipher_.Decrypt(account.totp_secret, kTotpSecretData);
    if (!secret.ok()) return Status::Internal("the second factor cannot be read");
    Result<int64_t> step = VerifyTotp(*secret, totp_code, clock_.Now());
    if (!step.ok() || *step <= account.totp_last_step) {
      Status refused = fail(step.ok() ? "replayed code" : "wrong code");
      (void)refused;
      return Status::Unauthenticated("the code is wrong or already used; wait for the next one")
          .WithReason("totp_required");
    }
    totp_step = *step;
  }

  Login login;
  login.token = RandomToken();
  const std::string token_hash = TokenHash(login.token);
  const std::string csrf = RandomToken();
  const long long now = ToUnixMicros(clock_.Now());
  long long session_id = 0;
  const std::string user_subject = "user:" + name;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    sql << "DELETE FROM login_throttle WHERE subject = :s", soci::use(user_subject);
    if (totp_step > 0) {
      const long long step = totp_step;
      sql << "UPDATE users SET totp_last_step = :s WHERE id = :id", soci::use(step),
          soci::use(account.id);
    }
    sql << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
           "client) VALUES (:h, :u, :c, :now, :now2, :client) RETURNING id",
        soci::use(token_hash), soci::use(account.id), soci::use(csrf), soci::use(now),
        soci::use(now), soci::use(ctx.client), soci::into(session_id);
    return Appended(audit_.Append(sql, AccountEvent(account.id, name, 0, "login", "", ctx)));
  }));
  Result<Principal> principal = LoadPrincipal(account.id, session_id, csrf, FromUnixMicros(now));
  if (!principal.ok()) return principal.status();
  login.principal = std::move(*principal);
  return login;
}

Result<Principal> Authenticator::LoadPrincipal(int64_t user_id, int64_t session_id,
                                               std::string csrf_token, TimePoint created_at) {
  Principal p;
  bool found = false;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    long long id = user_id, unit_id = 0, unit_row_id = 0;
    std::string username, display_name, role, kind, unit_name, municipality, county, totp;
    soci::indicator muni_ind = soci::i_null, county_ind = soci::i_null, totp_ind = soci::i_null;
    int disabled = 0;
    sql << "SELECT u.username, u.display_name, u.role, u.disabled, u.unit_id, u.totp_secret, "
           "n.id, n.kind, n.name, n.municipality_code, n.county_code "
           "FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = :id",
        soci::use(id), soci::into(username), soci::into(display_name), soci::into(role),
        soci::into(disabled), soci::into(unit_id), soci::into(totp, totp_ind),
        soci::into(unit_row_id), soci::into(kind), soci::into(unit_name),
        soci::into(municipality, muni_ind), soci::into(county, county_ind);
    found = sql.got_data();
    if (!found) return Status::Ok();
    p.user.id = id;
    p.user.unit_id = unit_id;
    p.user.username = username;
    p.user.display_name = display_name;
    p.user.role = ParseRole(role).value_or(Role::kCommittee);
    p.user.disabled = disabled != 0;
    p.unit.id = unit_row_id;
    p.unit.kind = ParseUnitKind(kind).value_or(UnitKind::kPolice);
    p.unit.name = unit_name;
    p.unit.municipality_code = muni_ind == soci::i_ok ? municipality : "";
    p.unit.county_code = county_ind == soci::i_ok ? county : "";
    p.totp_enabled = totp_ind == soci::i_ok && !totp.empty();
    return Status::Ok();
  }));
  if (!found || p.user.disabled) return Status::Unauthenticated("the session has ended; log in again");
  p.session_id = session_id;
  p.csrf_token = std::move(csrf_token);
  p.expires_at = created_at + options_.absolute_timeout;
  const bool person_level = p.user.role == Role::kPoliceOfficer ||
                            p.user.role == Role::kPoliceCommander ||
                            p.user.role == Role::kPoliceAnalyst ||
                            p.user.role == Role::kSocialWorker ||
                            p.user.role == Role::kSocialCaseOfficer;
  p.second_factor_needed = options_.require_second_factor && person_level && !p.totp_enabled;
  return p;
}

Result<Principal> Authenticator::Resolve(std::string_view token) {
  if (token.empty() || token.size() > 128) {
    return Status::Unauthenticated("log in first");
  }
  const std::string hash = TokenHash(token);
  const long long now = ToUnixMicros(clock_.Now());
  long long session_id = 0, user_id = 0, created = 0, last_seen = 0;
  std::string csrf;
  bool found = false;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT id, user_id, csrf_token, created_at, last_seen_at FROM sessions "
           "WHERE token_hash = :h",
        soci::use(hash), soci::into(session_id), soci::into(user_id), soci::into(csrf),
        soci::into(created), soci::into(last_seen);
    found = sql.got_data();
    return Status::Ok();
  }));
  const long long idle =
      std::chrono::duration_cast<std::chrono::microseconds>(options_.idle_timeout).count();
  const long long absolute =
      std::chrono::duration_cast<std::chrono::microseconds>(options_.absolute_timeout).count();
  const bool expired = found && (now - last_seen > idle || now - created > absolute);
  // Writes only when needed: ending an expired session, or noting activity once a minute, so
  // most requests take no write lock.
  if (expired || (found && now - last_seen > kSessionTouchSeconds * 1'000'000)) {
    SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
      if (expired) {
        sql << "DELETE FROM sessions WHERE id = :id", soci::use(session_id);
      } else {
        sql << "UPDATE sessions SET last_seen_at = :now WHERE id = :id", soci::use(now),
            soci::use(session_id);
      }
      return Status::Ok();
    }));
  }
  if (!found) return Status::Unauthenticated("log in first");
  if (expired) return Status::Unauthenticated("the session has ended; log in again");
  return LoadPrincipal(user_id, session_id, csrf, FromUnixMicros(created));
}

Status Authenticator::LogOut(const Principal& who, const RequestContext& ctx) {
  return database_.InTransaction([&](soci::session& sql) -> Status {
    const long long id = who.session_id;
    sql << "DELETE FROM sessions WHERE id = :id", soci::use(id);
    return Appended(audit_.Append(
        sql, AccountEvent(who.user.id, who.user.username, who.unit.id, "logout", "", ctx)));
  });
}

Status Authenticator::EndSessions(int64_t user_id) {
  return database_.InTransaction([&](soci::session& sql) -> Status {
    const long long id = user_id;
    sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(id);
    return Status::Ok();
  });
}

Status Authenticator::SetPassword(int64_t user_id, std::string_view username,
                                  std::string_view new_password) {
  if (Status weak = CheckNewPassword(new_password, username); !weak.ok()) {
    return Status(weak.code(), weak.message(), "new_password").WithReason(weak.reason());
  }
  Result<std::string> hash = HashPassword(new_password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  return database_.InTransaction([&](soci::session& sql) -> Status {
    const long long id = user_id;
    sql << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(*hash), soci::use(id);
    sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(id);
    return Status::Ok();
  });
}

Status Authenticator::ChangePassword(const Principal& who, std::string_view current_password,
                                     std::string_view new_password, const RequestContext& ctx) {
  std::string stored;
  const long long id = who.user.id;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT password_hash FROM users WHERE id = :id", soci::use(id), soci::into(stored);
    return Status::Ok();
  }));
  if (!VerifyPassword(stored, current_password)) {
    return Status::InvalidInput("the current password is wrong", "current_password")
        .WithReason("wrong_password");
  }
  if (Status weak = CheckNewPassword(new_password, who.user.username); !weak.ok()) {
    return Status(weak.code(), weak.message(), "new_password").WithReason(weak.reason());
  }
  Result<std::string> hash = HashPassword(new_password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  return database_.InTransaction([&](soci::session& sql) -> Status {
    const long long session = who.session_id;
    sql << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(*hash), soci::use(id);
    // Other browsers logged in with the old password are logged out.
    sql << "DELETE FROM sessions WHERE user_id = :id AND id <> :s", soci::use(id),
        soci::use(session);
    return Appended(audit_.Append(sql, AccountEvent(who.user.id, who.user.username, who.unit.id,
                                                    "update", "password changed", ctx)));
  });
}

Result<TotpSetup> Authenticator::BeginTotpSetup(const Principal& who) {
  TotpSetup setup;
  setup.secret = NewTotpSecret();
  setup.uri = TotpUri("Samverkan", who.user.username, setup.secret);
  const std::string sealed = cipher_.Encrypt(setup.secret, kTotpPendingData);
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long id = who.user.id;
    sql << "UPDATE users SET totp_pending = :p WHERE id = :id", soci::use(sealed), soci::use(id);
    return Status::Ok();
  }));
  return setup;
}

Status Authenticator::ConfirmTotp(const Principal& who, std::string_view code,
                                  const RequestContext& ctx) {
  return database_.InTransaction([&](soci::session& sql) -> Status {
    const long long id = who.user.id;
    std::string pending;
    soci::indicator ind = soci::i_null;
    sql << "SELECT totp_pending FROM users WHERE id = :id", soci::use(id),
        soci::into(pending, ind);
    if (ind != soci::i_ok || pending.empty()) {
      return Status::Conflict("set up the second factor first", "code");
    }
    Result<std::string> secret = cipher_.Decrypt(pending, kTotpPendingData);
    if (!secret.ok()) return Status::Internal("the pending second factor cannot be read");
    Result<int64_t> step = VerifyTotp(*secret, code, clock_.Now());
    if (!step.ok()) {
      return Status::InvalidInput("the code does not match; check the time on your phone",
                                  "code");
    }
    const std::string sealed = cipher_.Encrypt(*secret, kTotpSecretData);
    const long long last_step = *step;
    sql << "UPDATE users SET totp_secret = :s, totp_pending = NULL, totp_last_step = :step "
           "WHERE id = :id",
        soci::use(sealed), soci::use(last_step), soci::use(id);
    return Appended(audit_.Append(sql, AccountEvent(who.user.id, who.user.username, who.unit.id,
                                                    "update", "second factor enabled", ctx)));
  });
}

}  // namespace sv::security
