#include "stats/suppression.h"

namespace sv::stats {

std::vector<bool> Suppress(const CountTable& table, int64_t min_cell) {
  std::vector<bool> hidden(table.cells.size(), false);
  for (std::size_t i = 0; i < table.cells.size(); ++i) hidden[i] = table.cells[i] < min_cell;
  // The smallest shown member of a line (parts before the total when equal, as the total is
  // what readers most want to see); line.size() when every member is hidden.
  auto smallest_shown = [&](const std::vector<std::size_t>& line) {
    std::size_t pick = line.size();
    for (std::size_t k = 0; k < line.size(); ++k) {
      if (hidden[line[k]]) continue;
      if (pick == line.size() || table.cells[line[k]] < table.cells[line[pick]]) pick = k;
    }
    return pick;
  };
  bool changed = true;
  while (changed) {
    changed = false;
    for (const std::vector<std::size_t>& line : table.lines) {
      if (line.size() < 2) continue;  // nothing to subtract from
      std::size_t hidden_members = 0;
      int64_t hidden_parts_sum = 0;
      for (std::size_t k = 0; k < line.size(); ++k) {
        if (!hidden[line[k]]) continue;
        ++hidden_members;
        if (k + 1 < line.size()) hidden_parts_sum += table.cells[line[k]];
      }
      const bool total_shown = !hidden[line.back()];
      // One hidden member is recovered by subtraction; with the total shown, the hidden parts'
      // sum is recovered too, and must not itself be a small count.
      const bool exposed =
          hidden_members == 1 ||
          (total_shown && hidden_members > 0 && hidden_parts_sum < min_cell);
      if (!exposed) continue;
      const std::size_t pick = smallest_shown(line);
      if (pick == line.size()) continue;
      hidden[line[pick]] = true;
      changed = true;
    }
  }
  return hidden;
}

}  // namespace sv::stats
