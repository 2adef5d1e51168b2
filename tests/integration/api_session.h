#pragma once
// A logged-in API user for integration tests: the session cookie and CSRF token of a real login.

#include <map>
#include <string>

#include "http_client.h"

namespace sv::testing {

inline constexpr const char* kDemoPassword = "samverkan-demo-2026";

class ApiSession {
 public:
  // Logs in; throws when the login fails.
  ApiSession(int port, std::string username, const std::string& password = kDemoPassword);

  // A request with the session cookie, and the CSRF token on state-changing methods.
  HttpResponse Call(const std::string& method, const std::string& target,
                    const std::string& json_body = "") const;
  // The same with more headers (Idempotency-Key).
  HttpResponse Call(const std::string& method, const std::string& target,
                    const std::string& json_body,
                    const std::map<std::string, std::string>& extra_headers) const;
  const std::string& username() const { return username_; }
  const std::string& token() const { return token_; }
  const std::string& csrf() const { return csrf_; }

 private:
  int port_;
  std::string username_;
  std::string token_;
  std::string csrf_;
};

// POST /api/v1/session with these credentials (no session needed).
HttpResponse LogInRequest(int port, const std::string& username, const std::string& password,
                          const std::string& totp = "");

}  // namespace sv::testing
