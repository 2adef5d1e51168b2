#include "core/status.h"

namespace sv {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidInput: return "invalid_input";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kForbidden: return "forbidden";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kTooManyRequests: return "too_many_requests";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(StatusCodeName(code_));
  out += ": ";
  if (!field_.empty()) {
    out += "field `" + field_ + "`: ";
  }
  out += message_;
  return out;
}

}  // namespace sv
