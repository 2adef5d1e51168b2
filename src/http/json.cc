#include "http/json.h"

#include <charconv>

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

Result<std::optional<std::string>> OptionalString(const nlohmann::json& body,
                                                  const std::string& field, std::size_t max_bytes) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return Status::InvalidInput("must be a string", field);
  const std::string& value = it->get_ref<const std::string&>();
  if (value.size() > max_bytes) {
    return Status::InvalidInput("at most " + std::to_string(max_bytes) + " bytes", field);
  }
  return std::optional<std::string>(value);
}

Result<std::string> RequiredString(const nlohmann::json& body, const std::string& field,
                                   std::size_t max_bytes) {
  Result<std::optional<std::string>> value = OptionalString(body, field, max_bytes);
  if (!value.ok()) return value.status();
  if (!value->has_value() || (*value)->empty()) return Status::InvalidInput("is required", field);
  return std::move(**value);
}

Result<std::optional<int64_t>> OptionalInteger(const nlohmann::json& body,
                                               const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer()) return Status::InvalidInput("must be a whole number", field);
  return std::optional<int64_t>(it->get<int64_t>());
}

namespace {
Result<int64_t> PositiveId(const std::string& text, const std::string& name) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Status::InvalidInput("must be a positive whole number", name);
  }
  return id;
}
}  // namespace

Result<int64_t> IdParam(const Request& request, const std::string& name) {
  return PositiveId(request.Param(name), name);
}

Result<std::optional<int64_t>> QueryId(const Request& request, const std::string& name) {
  const std::optional<std::string> text = request.Query(name);
  if (!text || text->empty()) return std::optional<int64_t>();
  Result<int64_t> id = PositiveId(*text, name);
  if (!id.ok()) return id.status();
  return std::optional<int64_t>(*id);
}

void BodyReader::Fail(Status s) {
  if (status_.ok()) status_ = std::move(s);
}

std::optional<std::string> BodyReader::String(const std::string& field, std::size_t max_bytes) {
  if (!ok()) return std::nullopt;
  Result<std::optional<std::string>> value = OptionalString(body_, field, max_bytes);
  if (!value.ok()) {
    Fail(value.status());
    return std::nullopt;
  }
  return std::move(*value);
}

std::string BodyReader::RequiredString(const std::string& field, std::size_t max_bytes) {
  std::optional<std::string> value = String(field, max_bytes);
  if (ok() && (!value || value->empty())) Fail(Status::InvalidInput("is required", field));
  return value.value_or("");
}

std::vector<std::string> BodyReader::StringList(const std::string& field, std::size_t max_items,
                                                std::size_t max_bytes) {
  std::vector<std::string> out;
  if (!ok()) return out;
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) return out;
  if (!it->is_array()) {
    Fail(Status::InvalidInput("must be a list of strings", field));
    return out;
  }
  if (it->size() > max_items) {
    Fail(Status::InvalidInput("at most " + std::to_string(max_items) + " items", field));
    return out;
  }
  for (const nlohmann::json& item : *it) {
    if (!item.is_string()) {
      Fail(Status::InvalidInput("must be a list of strings", field));
      return {};
    }
    const std::string& text = item.get_ref<const std::string&>();
    if (text.size() > max_bytes) {
      Fail(Status::InvalidInput("items of at most " + std::to_string(max_bytes) + " bytes", field));
      return {};
    }
    out.push_back(text);
  }
  return out;
}

std::optional<int64_t> BodyReader::Integer(const std::string& field, int64_t min, int64_t max) {
  if (!ok()) return std::nullopt;
  Result<std::optional<int64_t>> value = OptionalInteger(body_, field);
  if (!value.ok()) {
    Fail(value.status());
    return std::nullopt;
  }
  if (*value && (**value < min || **value > max)) {
    Fail(Status::InvalidInput(
        "must be between " + std::to_string(min) + " and " + std::to_string(max), field));
    return std::nullopt;
  }
  return *value;
}

int64_t BodyReader::RequiredInteger(const std::string& field, int64_t min, int64_t max) {
  std::optional<int64_t> value = Integer(field, min, max);
  if (ok() && !value) Fail(Status::InvalidInput("is required", field));
  return value.value_or(0);
}

std::optional<bool> BodyReader::Bool(const std::string& field) {
  if (!ok()) return std::nullopt;
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) {
    Fail(Status::InvalidInput("must be true or false", field));
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<TimePoint> BodyReader::Time(const std::string& field) {
  std::optional<std::string> text = String(field, 64);
  if (!ok() || !text) return std::nullopt;
  Result<TimePoint> t = ParseRfc3339(*text, field);
  if (!t.ok()) {
    Fail(t.status());
    return std::nullopt;
  }
  return *t;
}

TimePoint BodyReader::RequiredTime(const std::string& field) {
  std::optional<TimePoint> t = Time(field);
  if (ok() && !t) Fail(Status::InvalidInput("is required", field));
  return t.value_or(TimePoint{});
}

std::optional<CivilDate> BodyReader::Date(const std::string& field) {
  std::optional<std::string> text = String(field, 16);
  if (!ok() || !text) return std::nullopt;
  Result<CivilDate> d = ParseDate(*text, field);
  if (!d.ok()) {
    Fail(d.status());
    return std::nullopt;
  }
  return *d;
}

const nlohmann::json* BodyReader::Object(const std::string& field) {
  if (!ok()) return nullptr;
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) return nullptr;
  if (!it->is_object()) {
    Fail(Status::InvalidInput("must be an object", field));
    return nullptr;
  }
  return &*it;
}

std::string IdempotencyKey(const Request& request) {
  return request.Header("idempotency-key").value_or("");
}

}  // namespace sv::http
