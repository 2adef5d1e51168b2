#pragma once
// JSON bodies for handlers. Includes nlohmann/json: include this only from handler .cc files.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/status.h"
#include "http/message.h"

namespace sv::http {

// A JSON response; invalid UTF-8 in strings is replaced, never thrown.
Response JsonResponse(int status, const nlohmann::json& body);

// A Result as a response: `to_response(value)` when ok, else the error.
template <typename T, typename F>
Response Reply(const Result<T>& r, F to_response) {
  return r.ok() ? to_response(*r) : ErrorResponse(r.status());
}

// A string, or null when empty.
inline nlohmann::json Nullable(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}
template <typename T>
nlohmann::json Nullable(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

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
// An optional positive integer id in the query string ("" counts as absent).
Result<std::optional<int64_t>> QueryId(const Request& request, const std::string& name);

// Reads the typed fields of a JSON object and keeps the first error, so a handler checks once:
//
//   BodyReader in(*body);
//   std::string name = in.RequiredString("name", 200);
//   std::optional<TimePoint> at = in.Time("at");
//   if (!in.ok()) return ErrorResponse(in.status());
//
// After an error the remaining reads return empty values.
class BodyReader {
 public:
  explicit BodyReader(const nlohmann::json& body) : body_(body) {}

  std::optional<std::string> String(const std::string& field, std::size_t max_bytes);
  std::string RequiredString(const std::string& field, std::size_t max_bytes);
  // A whole number in [min, max].
  std::optional<int64_t> Integer(const std::string& field, int64_t min, int64_t max);
  int64_t RequiredInteger(const std::string& field, int64_t min, int64_t max);
  std::optional<bool> Bool(const std::string& field);
  std::optional<TimePoint> Time(const std::string& field);  // RFC 3339
  TimePoint RequiredTime(const std::string& field);
  std::optional<CivilDate> Date(const std::string& field);  // YYYY-MM-DD
  // A list of strings (empty when absent), at most `max_items` of at most `max_bytes` each.
  std::vector<std::string> StringList(const std::string& field, std::size_t max_items,
                                      std::size_t max_bytes);
  // A nested object, or null when absent; an error when present but not an object.
  const nlohmann::json* Object(const std::string& field);

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

 private:
  void Fail(Status s);
  const nlohmann::json& body_;
  Status status_;
};

// The Idempotency-Key header, or "" when the request has none.
std::string IdempotencyKey(const Request& request);

}  // namespace sv::http
