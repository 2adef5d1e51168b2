#pragma once
// `samverkan audit verify` and `samverkan audit export`: the work behind the subcommands, apart
// from the command-line parsing in main.cc.

#include <iosfwd>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace sv::security {
class AuditLog;
}

namespace sv::app {

// Exit status of `audit verify` when the trail is broken (1 is any other failure).
inline constexpr int kExitAuditBroken = 3;

// Walks the whole audit trail. Prints "audit trail intact: N events" on `out` and returns 0, or
// "audit trail BROKEN at event S: reason" on `out` and returns kExitAuditBroken; when the trail
// cannot be read, prints the reason on `err` and returns 1.
int RunAuditVerify(security::AuditLog& log, std::ostream& out, std::ostream& err);

// Writes the events with from <= at < to to `out` as JSON Lines, oldest first, and a summary
// ("exported N audit events …") on `err`, so that `out` holds only JSON. Returns 0, or 1 with the
// reason on `err`.
int RunAuditExport(security::AuditLog& log, TimePoint from, TimePoint to, std::ostream& out,
                   std::ostream& err);

// A time given on the command line: RFC 3339 with a zone ("2026-11-29T08:42:19+01:00",
// "2026-11-29T07:42:19.5Z") or a date ("2026-11-29", midnight UTC). `option` ("--from") names
// the option in the error (kInvalidInput, field = option).
Result<TimePoint> ParseCliTime(std::string_view text, std::string_view option);

}  // namespace sv::app
