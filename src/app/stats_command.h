#pragma once
// `samverkan stats its` (../shared/spec/stats.md): reads the CSV, fits the interrupted time
// series and prints the JSON object or a table, apart from the command-line parsing in main.cc.
// Needs no configuration, keys or database.

#include <iosfwd>
#include <string>

#include "stats/its.h"

namespace sv::app {

// Fits `spec` to the columns of the CSV file `data` and writes the result to `out`: the JSON
// object of the spec with `json`, a table a person can read without. Bad input (a missing column,
// a non-numeric cell, a negative count, too few rows, no rows before or after the intervention, a
// model that does not converge) is one line on `err` naming the column, the row or the cause.
// Returns 0 on success, 1 for bad input or a model that cannot be fitted, 2 for a file that
// cannot be opened.
int RunStatsIts(const std::string& data, const stats::ItsSpec& spec, bool json, std::ostream& out,
                std::ostream& err);

}  // namespace sv::app
