#pragma once
// `samverkan ads analyze` and `samverkan ads counts` (../shared/spec/ads.md): the work behind the
// subcommands, apart from the command-line parsing in main.cc. Neither needs the database.

#include <iosfwd>
#include <string>

namespace sv::adwatch {
class AdImport;
}

namespace sv::app {

// Reads the observations of `input` ("-": standard input) and writes one JSON object per ad to
// `output` ("" or "-": `out`). Bad lines are reported on `err` with their numbers and skipped;
// progress is shown on `err` when it is a terminal; the summary (lines read, ads, bad lines,
// templates, groups) ends on `err`. Returns 0 when at least one line was read, 1 otherwise, 2
// for an input or output that cannot be opened.
int RunAdsAnalyze(const std::string& input, const std::string& output, std::ostream& out,
                  std::ostream& err);

// The same reading, then the CSV counts per `period` (day, week, month) on `out`.
int RunAdsCounts(const std::string& input, const std::string& period, std::ostream& out,
                 std::ostream& err);

// `samverkan ads import`: adds the observations of `input` to the database through `import`;
// progress on `err` when it is a terminal, then the bad lines (by number) and the summary.
// Returns 0 when at least one line was read, 1 otherwise or when the database fails, 2 for an
// input that cannot be opened.
int RunAdsImport(adwatch::AdImport& import, const std::string& input, std::ostream& out,
                 std::ostream& err);

}  // namespace sv::app
