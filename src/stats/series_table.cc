#include "stats/series_table.h"

#include <charconv>
#include <cmath>
#include <istream>
#include <optional>

namespace sv::stats {

namespace {

// Splits one CSV record into cells: commas separate, double quotes enclose a cell in which "" is
// a quote. A record never spans lines here (a numeric table has no line breaks in its cells).
std::vector<std::string> SplitRecord(std::string_view line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// A finite decimal number, all of the cell ("1e3" and "-2.5" are; "1,5", "", "nan" are not).
std::optional<double> ParseNumber(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

Status SeriesTable::Add(std::string name, std::vector<double> values) {
  if (Find(name) != nullptr) return Status::InvalidInput("column `" + name + "` appears twice");
  if (!columns_.empty() && values.size() != rows_) {
    return Status::InvalidInput("column `" + name + "` has " + std::to_string(values.size()) +
                                " rows, the others " + std::to_string(rows_));
  }
  rows_ = values.size();
  names_.push_back(std::move(name));
  columns_.push_back(std::move(values));
  return {};
}

const std::vector<double>* SeriesTable::Find(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return &columns_[i];
  }
  return nullptr;
}

Result<SeriesTable> ReadSeriesCsv(std::istream& in, std::string_view source,
                                  const std::vector<std::string>& wanted) {
  const std::string where(source);
  std::string line;
  if (!std::getline(in, line)) return Status::InvalidInput(where + ": empty file, no header row");
  std::vector<std::string> header = SplitRecord(line);
  for (std::string& name : header) name = std::string(Trim(name));
  if (!header.empty() && header.front().rfind("\xEF\xBB\xBF", 0) == 0) header.front().erase(0, 3);

  std::vector<std::size_t> positions;
  std::vector<std::string> names;
  for (const std::string& name : wanted) {
    bool seen = false;
    for (const std::string& n : names) seen = seen || n == name;
    if (seen) continue;  // a column used twice (as count and covariate) is read once
    std::size_t at = header.size();
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) at = i;
    }
    if (at == header.size()) {
      return Status::InvalidInput(where + ": no column `" + name + "` in the header", name);
    }
    positions.push_back(at);
    names.push_back(name);
  }

  std::vector<std::vector<double>> columns(names.size());
  std::size_t row = 0;
  while (std::getline(in, line)) {
    if (Trim(line).empty()) continue;  // a trailing blank line is not a row
    ++row;
    const std::vector<std::string> cells = SplitRecord(line);
    const std::string row_text =
        where + ", row " + std::to_string(row) + " (line " + std::to_string(row + 1) + ")";
    // A row of another width is refused even where the wanted cells exist: an unquoted decimal
    // comma ("1,5") would otherwise shift every cell after it.
    if (cells.size() != header.size()) {
      return Status::InvalidInput(row_text + ": " + std::to_string(cells.size()) +
                                  " cells, the header has " + std::to_string(header.size()) +
                                  (cells.size() > header.size() ? " (a decimal comma?)" : ""));
    }
    for (std::size_t k = 0; k < names.size(); ++k) {
      const std::string prefix = row_text + ", column `" + names[k] + "`: ";
      const std::string_view cell = Trim(cells[positions[k]]);
      const std::optional<double> value = ParseNumber(cell);
      if (!value) {
        return Status::InvalidInput(
            prefix + (cell.empty() ? "empty cell" : "\"" + std::string(cell) + "\" is not a number"),
            names[k]);
      }
      columns[k].push_back(*value);
    }
  }
  if (in.bad()) return Status::InvalidInput(where + ": reading failed");
  SeriesTable table;
  for (std::size_t k = 0; k < names.size(); ++k) {
    SV_RETURN_IF_ERROR(table.Add(names[k], std::move(columns[k])));
  }
  return table;
}

}  // namespace sv::stats
