#pragma once
// Expected failures as values (leveldb's Status, userver's expected). Exceptions are for start-up,
// configuration and the single catch point in `http`.

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace sv {

enum class StatusCode {
  kOk,
  kInvalidInput,     // the caller sent something wrong; message and field say what
  kUnauthenticated,  // no valid session
  kForbidden,        // authenticated, but policy denies
  kNotFound,
  kConflict,         // state does not allow it, or a duplicate
  kTooManyRequests,
  kUnavailable,      // a dependency (database) does not answer
  kInternal,
};

// Stable lower-case name used in API error bodies ("invalid_input").
std::string_view StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }
  static Status InvalidInput(std::string message, std::string field = {}) {
    return {StatusCode::kInvalidInput, std::move(message), std::move(field)};
  }
  static Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
  static Status Forbidden(std::string message) {
    return {StatusCode::kForbidden, std::move(message)};
  }
  static Status Conflict(std::string message, std::string field = {}) {
    return {StatusCode::kConflict, std::move(message), std::move(field)};
  }
  static Status Unauthenticated(std::string message) {
    return {StatusCode::kUnauthenticated, std::move(message)};
  }
  static Status TooManyRequests(std::string message) {
    return {StatusCode::kTooManyRequests, std::move(message)};
  }
  static Status Unavailable(std::string message) {
    return {StatusCode::kUnavailable, std::move(message)};
  }
  static Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // A sentence a person can act on ("row 17: field `seen_at`: not an RFC 3339 time").
  const std::string& message() const { return message_; }
  // The input field the failure is about, or empty.
  const std::string& field() const { return field_; }
  // A finer, stable machine-readable reason than the code ("totp_required", "csrf_required"),
  // or empty. API error bodies use it as their `code` when set.
  const std::string& reason() const { return reason_; }
  Status WithReason(std::string reason) const {
    Status s = *this;
    s.reason_ = std::move(reason);
    return s;
  }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
  std::string reason_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : value_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(value_).ok() && "a Result made from a Status must carry an error");
  }

  bool ok() const { return std::holds_alternative<T>(value_); }
  explicit operator bool() const { return ok(); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(value_);
  }
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  // The value, or `fallback` when there is none.
  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace sv

// Returns the Status of `expr` from the enclosing function when it is not ok.
// (The variable's name is unique per use, so a use inside a lambda within another use's
// expression does not shadow it.)
#define SV_RETURN_IF_ERROR(expr) SV_RETURN_IF_ERROR_IMPL(expr, SV_CONCAT(sv_status_, __COUNTER__))
#define SV_CONCAT_INNER(a, b) a##b
#define SV_CONCAT(a, b) SV_CONCAT_INNER(a, b)
#define SV_RETURN_IF_ERROR_IMPL(expr, name) \
  do {                                      \
    ::sv::Status name = (expr);             \
    if (!name.ok()) return name;            \
  } while (false)

// For programmer errors only, never user input; say at the call site why it holds.
#define SV_ASSERT(cond) assert(cond)
