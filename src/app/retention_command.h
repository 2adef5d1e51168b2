#pragma once
// `samverkan retention run [--dry-run] [--as-of YYYY-MM-DD]`: the work behind the subcommand,
// apart from the command-line parsing in main.cc.

#include <iosfwd>

#include "core/calendar.h"

namespace sv::disclosure {
class Retention;
}

namespace sv::app {

// Prints what is due on `as_of` (Swedish date) as a table (type, id, compartment, last entry,
// due since, deadline, rule, "held"), then, unless `dry_run`, deletes what is due and not held
// and prints the counts. Never prints content. Returns 0, or 1 when listing failed or a record
// could not be deleted (the reasons on `err`).
int RunRetention(disclosure::Retention& retention, const CivilDate& as_of, bool dry_run,
                 std::ostream& out, std::ostream& err);

}  // namespace sv::app
