#pragma once
// The door of the API: finds the session of a request from its cookie, and for state-changing
// methods checks the CSRF token header against the session's. It authenticates only; what the
// principal may do is decided by the services (security/policy.h).

#include <string>

#include "core/status.h"
#include "http/message.h"
#include "http/router.h"
#include "security/principal.h"

namespace sv::security {
class AuditLog;
class Authenticator;
}  // namespace sv::security

namespace sv::http {

inline constexpr const char* kSessionCookie = "sv_session";

enum class SecureCookies { kAuto, kAlways, kNever };

class Gate {
 public:
  Gate(security::Authenticator& authenticator, security::AuditLog& audit, SecureCookies secure);

  // kUnauthenticated without a live session; kForbidden with reason "csrf_required" when a
  // POST/PUT/PATCH/DELETE lacks the right X-CSRF-Token. A token that is unknown or expired, and a
  // missing or wrong CSRF token, are written to the audit trail (no cookie at all is not).
  Result<security::Principal> Authenticate(const Request& request) const;
  security::RequestContext Context(const Request& request) const;
  // Set-Cookie values.
  std::string SessionCookie(const std::string& token, const Request& request) const;
  std::string ClearedCookie(const Request& request) const;
  // The session token from the Cookie header, or "".
  static std::string CookieToken(const Request& request);
  security::Authenticator& authenticator() const { return authenticator_; }

 private:
  bool Secure(const Request& request) const;
  void AuditDenial(const Request& request, const security::Principal* who,
                   const std::string& detail) const;
  security::Authenticator& authenticator_;
  security::AuditLog& audit_;
  SecureCookies secure_;
};

// Wraps a handler that needs a logged-in principal.
Handler WithPrincipal(const Gate& gate,
                      std::function<Response(const Request&, const security::Principal&)> handler);

}  // namespace sv::http
