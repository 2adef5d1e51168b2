#pragma once
// JSON bodies for handlers. Includes nlohmann/json: include this only from handler .cc files.

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "http/message.h"

namespace sv::http {

// A JSON response; invalid UTF-8 in strings is replaced, never thrown.
Response JsonResponse(int status, const nlohmann::json& body);

// Parses the request body as a JSON object. Errors name what is wrong: not JSON (with the byte
// offset), not an object, wrong content type.
Result<nlohmann::json> ParseJsonObject(const Request& request);

// Typed fields of a JSON object, with errors naming the field. `max_bytes` bounds strings.
Result<std::string> RequiredString(const nlohmann::json& body, const std::string& field,
                                   std::size_t max_bytes);
Result<std::optional<std::string>> OptionalString(const nlohmann::json& body,
                                                  const std::string& field, std::size_t max_bytes);
Result<std::optional<int64_t>> OptionalInteger(const nlohmann::json& body,
                                               const std::string& field);
// A path parameter that must be a positive integer id.
Result<int64_t> IdParam(const Request& request, const std::string& name);

}  // namespace sv::http
