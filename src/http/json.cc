#include "http/json.h"

namespace sv::http {

Response JsonResponse(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Result<nlohmann::json> ParseJsonObject(const Request& request) {
  auto type = request.Header("content-type");
  if (!type || type->rfind("application/json", 0) != 0) {
    return Status::InvalidInput("the body must be JSON (Content-Type: application/json)",
                                "Content-Type");
  }
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    // Parse again with exceptions for the position: bodies are small and this is the error path.
    try {
      nlohmann::json ignored = nlohmann::json::parse(request.body);
      (void)ignored;
    } catch (const nlohmann::json::parse_error& e) {
      return Status::InvalidInput("the body is not valid JSON (at byte " + std::to_string(e.byte) +
                                  ")");
    }
    return Status::InvalidInput("the body is not valid JSON");
  }
  if (!body.is_object()) return Status::InvalidInput("the body must be a JSON object");
  return body;
}

}  // namespace sv::http
