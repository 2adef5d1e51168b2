#include "app/audit_command.h"

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

#include "security/audit.h"

namespace sv::app {
namespace {

constexpr int kExitFailure = 1;

// Reads exactly `digits` decimal digits of `text` at `pos` into `value`.
bool ReadDigits(std::string_view text, std::size_t& pos, std::size_t digits, int& value) {
  if (text.size() - pos < digits) return false;
  value = 0;
  for (std::size_t end = pos + digits; pos < end; ++pos) {
    if (text[pos] < '0' || text[pos] > '9') return false;
    value = value * 10 + (text[pos] - '0');
  }
  return true;
}

bool ReadChar(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// `seconds` since the Unix epoch plus `fraction` (< 1 s). TimePoint counts nanoseconds in 64
// bits (1677-09-21 to 2262-04-11): a time beyond is clamped to that range's end, which still lies
// after (or before) every stored event, so "--to 9999-12-31" means "to the end".
TimePoint FromUnixSeconds(long long seconds, std::chrono::microseconds fraction) {
  using std::chrono::duration_cast;
  constexpr long long kLatest =
      duration_cast<std::chrono::seconds>(TimePoint::max().time_since_epoch()).count();
  constexpr long long kEarliest =
      duration_cast<std::chrono::seconds>(TimePoint::min().time_since_epoch()).count();
  if (seconds >= kLatest) return TimePoint::max();
  if (seconds <= kEarliest) return TimePoint::min();
  return TimePoint(duration_cast<TimePoint::duration>(std::chrono::seconds(seconds) + fraction));
}

}  // namespace

int RunAuditVerify(security::AuditLog& log, std::ostream& out, std::ostream& err) {
  Result<security::AuditVerification> v = log.Verify();
  if (!v.ok()) {
    err << "samverkan: cannot verify the audit trail: " << v.status().message() << "\n";
    return kExitFailure;
  }
  if (v->intact) {
    out << "audit trail intact: " << v->events << (v->events == 1 ? " event" : " events") << "\n";
    return 0;
  }
  out << "audit trail BROKEN at event " << v->first_broken.value_or(0) << ": " << v->reason << "\n";
  return kExitAuditBroken;
}

int RunAuditExport(security::AuditLog& log, TimePoint from, TimePoint to, std::ostream& out,
                   std::ostream& err) {
  Result<int64_t> written = log.Export(from, to, out);
  if (!written.ok()) {
    err << "samverkan: cannot export the audit trail: " << written.status().message() << "\n";
    return kExitFailure;
  }
  // ParseCliTime clamps far dates to the ends of TimePoint: name them so.
  err << "exported " << *written << (*written == 1 ? " audit event" : " audit events") << " from "
      << (from == TimePoint::min() ? "the beginning" : FormatRfc3339(from)) << " to "
      << (to == TimePoint::max() ? "the end" : FormatRfc3339(to)) << "\n";
  return 0;
}

Result<TimePoint> ParseCliTime(std::string_view text, std::string_view option) {
  using std::chrono::day, std::chrono::microseconds, std::chrono::month, std::chrono::sys_days,
      std::chrono::year, std::chrono::year_month_day;
  const std::string name(option);
  const std::string quoted = "\"" + std::string(text) + "\"";
  const auto not_a_time = [&] {
    return Status::InvalidInput(name + ": " + quoted +
                                    " is neither a date (2026-11-29, midnight UTC) nor an RFC 3339 "
                                    "time with a zone (2026-11-29T08:42:19+01:00)",
                                name);
  };
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0;
  if (!ReadDigits(text, pos, 4, y) || !ReadChar(text, pos, '-') || !ReadDigits(text, pos, 2, mo) ||
      !ReadChar(text, pos, '-') || !ReadDigits(text, pos, 2, d)) {
    return not_a_time();
  }
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                            day{static_cast<unsigned>(d)}};
  if (!date.ok()) {
    return Status::InvalidInput(name + ": " + quoted + " is not a calendar date", name);
  }
  const long long midnight = sys_days{date}.time_since_epoch().count() * 86400LL;
  if (pos == text.size()) return FromUnixSeconds(midnight, microseconds(0));

  int h = 0, mi = 0, s = 0;
  if (!(ReadChar(text, pos, 'T') || ReadChar(text, pos, 't')) || !ReadDigits(text, pos, 2, h) ||
      !ReadChar(text, pos, ':') || !ReadDigits(text, pos, 2, mi) || !ReadChar(text, pos, ':') ||
      !ReadDigits(text, pos, 2, s)) {
    return not_a_time();
  }
  if (h > 23 || mi > 59 || s > 60) {  // 60: a leap second, as RFC 3339 allows
    return Status::InvalidInput(name + ": " + quoted + " has no such time of day", name);
  }
  microseconds fraction{0};
  if (ReadChar(text, pos, '.')) {
    const std::size_t first = pos;
    long long scale = 100000;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, scale /= 10) {
      fraction += microseconds((text[pos] - '0') * scale);  // digits past µs add 0
    }
    if (pos == first) return not_a_time();
  }
  long long offset_minutes = 0;
  if (!(ReadChar(text, pos, 'Z') || ReadChar(text, pos, 'z'))) {
    int sign = 0;
    if (ReadChar(text, pos, '+')) {
      sign = 1;
    } else if (ReadChar(text, pos, '-')) {
      sign = -1;
    } else {
      return Status::InvalidInput(
          name + ": " + quoted + " has no zone: end it with Z (UTC) or an offset such as +01:00",
          name);
    }
    int oh = 0, om = 0;
    if (!ReadDigits(text, pos, 2, oh) || !ReadChar(text, pos, ':') ||
        !ReadDigits(text, pos, 2, om) || oh > 23 || om > 59) {
      return not_a_time();
    }
    offset_minutes = sign * (oh * 60LL + om);
  }
  if (pos != text.size()) return not_a_time();
  return FromUnixSeconds(midnight + h * 3600LL + mi * 60LL + s - offset_minutes * 60, fraction);
}

}  // namespace sv::app
