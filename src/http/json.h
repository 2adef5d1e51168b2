#pragma once
// JSON bodies for handlers. Includes nlohmann/json: include this only from handler .cc files.

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "http/message.h"

namespace sv::http {

// A JSON response; invalid UTF-8 in strings is replaced, never thrown.
Response JsonResponse(int status, const nlohmann::json& body);

// Parses the request body as a JSON object. Errors name what is wrong: not JSON (with the byte
// offset), not an object, wrong content type.
Result<nlohmann::json> ParseJsonObject(const Request& request);

}  // namespace sv::http
