#pragma once
// Reads golden cases (tests/cases/ads/*.tsv) for the extractor tests: one case per line, fields
// separated by tabs, `#` comments and blank lines skipped. Tests only.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "testing.h"

namespace sv::ads::detail {

struct GoldenCase {
  int line = 0;
  std::vector<std::string> fields;
};

inline std::vector<GoldenCase> ReadGoldenCases(const std::string& name) {
  std::ifstream in(sv::testing::SourceDir() / "tests" / "cases" / "ads" / name);
  std::vector<GoldenCase> cases;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    GoldenCase c;
    c.line = number;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      c.fields.push_back(line.substr(start, tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

// A comma-separated list of a golden case ("" is the empty list).
inline std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    out.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

}  // namespace sv::ads::detail
