#pragma once
// Small-cell suppression, the one function every aggregate output uses (DOMAIN.md: "Publishing
// statistics must not reveal individuals").
//
// Primary suppression hides every count under a threshold (5 by default). Secondary suppression
// then hides more cells so that no hidden cell can be worked out from the ones shown: in each
// line of cells that adds up (parts and their total, a row or a column of a table with totals),
// exactly one hidden member could be recovered by subtraction, and with the total shown the sum
// of the hidden parts can be too (which must not be a small count either); in both cases another
// member of the line is hidden, the smallest shown one. Hiding in one line can expose another (a
// hidden cell's column), so this repeats until every line is safe.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sv::stats {

struct CountTable {
  std::vector<int64_t> cells;
  // Each line lists cell indices: the parts, then their total as the last one.
  std::vector<std::vector<std::size_t>> lines;
};

// Which cells to hide (true = hidden), by index into `table.cells`. Counts below `min_cell` are
// hidden, zeros included: a zero among few also tells about individuals ("none of the three
// accepted").
std::vector<bool> Suppress(const CountTable& table, int64_t min_cell);

}  // namespace sv::stats
