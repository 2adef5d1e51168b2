#include "http/gate.h"

#include <sodium.h>

#include "security/audit.h"
#include "security/authenticator.h"

namespace sv::http {
namespace {

bool StateChanging(Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

}  // namespace

Gate::Gate(security::Authenticator& authenticator, security::AuditLog& audit,
           SecureCookies secure)
    : authenticator_(authenticator), audit_(audit), secure_(secure) {}

void Gate::AuditDenial(const Request& request, const security::Principal* who,
                       const std::string& detail) const {
  security::AuditEvent e;
  if (who != nullptr) {
    e.user_id = who->user.id;
    e.username = who->user.username;
    e.unit_id = who->unit.id;
  }
  e.action = "denied";
  e.record_type = "request";
  e.record_id = std::string(MethodName(request.method)) + " " + request.path;
  e.outcome = "denied";
  e.detail = detail;
  e.request_id = request.request_id;
  e.client = request.client_address;
  (void)audit_.Append(std::move(e));
}

std::string Gate::CookieToken(const Request& request) {
  auto header = request.Header("cookie");
  if (!header) return "";
  std::string_view rest = *header;
  const std::string_view name = kSessionCookie;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    std::string_view pair = rest.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return "";
}

Result<security::Principal> Gate::Authenticate(const Request& request) const {
  const std::string token = CookieToken(request);
  if (token.empty()) return Status::Unauthenticated("log in first");
  Result<security::Principal> who = authenticator_.Resolve(token);
  if (!who.ok()) {
    if (who.status().code() == StatusCode::kUnauthenticated) {
      AuditDenial(request, nullptr, "unknown or expired session token");
    }
    return who;
  }
  if (StateChanging(request.method)) {
    auto sent = request.Header("x-csrf-token");
    const std::string& expected = who->csrf_token;
    if (!sent || sent->size() != expected.size() ||
        sodium_memcmp(sent->data(), expected.data(), expected.size()) != 0) {
      AuditDenial(request, &*who, sent ? "wrong CSRF token" : "missing CSRF token");
      return Status::Forbidden("the request lacks the session's CSRF token (X-CSRF-Token)")
          .WithReason("csrf_required");
    }
  }
  return who;
}

security::RequestContext Gate::Context(const Request& request) const {
  return {request.request_id, request.client_address};
}

bool Gate::Secure(const Request& request) const {
  switch (secure_) {
    case SecureCookies::kAlways: return true;
    case SecureCookies::kNever: return false;
    case SecureCookies::kAuto: {
      // TLS ends at the reverse proxy, which says so in X-Forwarded-Proto.
      auto proto = request.Header("x-forwarded-proto");
      return proto && *proto == "https";
    }
  }
  return true;
}

std::string Gate::SessionCookie(const std::string& token, const Request& request) const {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (Secure(request) ? "; Secure" : "");
}

std::string Gate::ClearedCookie(const Request& request) const {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (Secure(request) ? "; Secure" : "");
}

Handler WithPrincipal(const Gate& gate,
                      std::function<Response(const Request&, const security::Principal&)> handler) {
  return [&gate, handler = std::move(handler)](const Request& request) {
    Result<security::Principal> who = gate.Authenticate(request);
    if (!who.ok()) {
      Response refused = ErrorResponse(who.status());
      // A dead session's cookie is cleared, so the browser stops sending it (and the audit
      // trail does not record it again on every request).
      if (who.status().code() == StatusCode::kUnauthenticated &&
          !Gate::CookieToken(request).empty()) {
        refused.SetHeader("Set-Cookie", gate.ClearedCookie(request));
      }
      return refused;
    }
    return handler(request, *who);
  };
}

}  // namespace sv::http
