#include "api_session.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace sv::testing {

HttpResponse LogInRequest(int port, const std::string& username, const std::string& password,
                          const std::string& totp) {
  nlohmann::json body = {{"username", username}, {"password", password}};
  if (!totp.empty()) body["totp"] = totp;
  return Request(port, "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
                 body.dump());
}

ApiSession::ApiSession(int port, std::string username, const std::string& password)
    : port_(port), username_(std::move(username)) {
  HttpResponse r = LogInRequest(port, username_, password);
  if (r.status != 200) {
    throw std::runtime_error("login of " + username_ + " failed: " + std::to_string(r.status) +
                             " " + r.body);
  }
  const std::string cookie = r.Header("set-cookie");
  const std::string prefix = "sv_session=";
  if (cookie.rfind(prefix, 0) != 0) throw std::runtime_error("no session cookie: " + cookie);
  token_ = cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
  csrf_ = nlohmann::json::parse(r.body)["csrf_token"].get<std::string>();
}

HttpResponse ApiSession::Call(const std::string& method, const std::string& target,
                              const std::string& json_body) const {
  return Call(method, target, json_body, {});
}

HttpResponse ApiSession::Call(const std::string& method, const std::string& target,
                              const std::string& json_body,
                              const std::map<std::string, std::string>& extra_headers) const {
  std::map<std::string, std::string> headers = extra_headers;
  headers["Cookie"] = "sv_session=" + token_;
  if (method != "GET" && method != "HEAD") {
    headers["X-CSRF-Token"] = csrf_;
    headers["Content-Type"] = "application/json";
  }
  return Request(port_, method, target, headers, json_body);
}

}  // namespace sv::testing
