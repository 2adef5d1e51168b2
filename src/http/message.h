#pragma once
// Requests and responses as the router and handlers see them: plain values, no Beast types.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sv::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view MethodName(Method method);
Method ParseMethod(std::string_view name);

struct Request {
  Method method = Method::kGet;
  std::string target;  // as sent
  std::string path;    // decoded
  std::vector<std::pair<std::string, std::string>> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::map<std::string, std::string> path_params;  // from the route pattern ("{id}")
  std::string request_id;
  std::string client_address;

  // First query value named `name`.
  std::optional<std::string> Query(std::string_view name) const;
  // Header by lower-case name.
  std::optional<std::string> Header(std::string_view lower_name) const;
  const std::string& Param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool close_connection = false;

  Response& SetHeader(std::string name, std::string value);
  std::optional<std::string> Header(std::string_view name) const;
};

// HTTP status for a Status code (kInvalidInput → 400, kForbidden → 403, …).
int HttpStatusFor(StatusCode code);

// `{"error": {"code": …, "message": …, "field": …}}` with the matching HTTP status.
Response ErrorResponse(const Status& status);
Response ErrorResponse(int http_status, std::string_view code, std::string_view message,
                       std::string_view field = {});

}  // namespace sv::http
