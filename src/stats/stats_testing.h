#pragma once
// What the stats tests share: the reference data of tests/cases/stats and a relative comparison.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "stats/series_table.h"
#include "testing.h"

namespace sv::stats::testing {

inline std::filesystem::path CasesDir() { return sv::testing::SourceDir() / "tests/cases/stats"; }

// Reads `columns` of tests/cases/stats/<relative>; the test fails (with the reason) when it cannot.
inline SeriesTable ReadCase(const std::string& relative, const std::vector<std::string>& columns) {
  std::ifstream in(CasesDir() / relative);
  Result<SeriesTable> table = ReadSeriesCsv(in, relative, columns);
  if (!table.ok()) ADD_FAILURE() << table.status().message();
  return table.ok() ? std::move(*table) : SeriesTable{};
}

// |actual − expected| / |expected| (the absolute difference when expected is 0).
inline double RelativeDifference(double actual, double expected) {
  const double diff = std::abs(actual - expected);
  return expected == 0 ? diff : diff / std::abs(expected);
}

}  // namespace sv::stats::testing
