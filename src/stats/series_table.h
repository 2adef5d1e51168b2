#pragma once
// A table of named numeric columns: the input of an interrupted time series (counts, time,
// intervention, offsets, covariates), from a CSV file or built in memory by a server from ad
// counts.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sv::stats {

class SeriesTable {
 public:
  // Adds a column; every column must have the same number of rows (the first sets it).
  Status Add(std::string name, std::vector<double> values);

  // The column called `name`, or nullptr.
  const std::vector<double>* Find(std::string_view name) const;
  std::size_t rows() const { return rows_; }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
  std::vector<std::vector<double>> columns_;
  std::size_t rows_ = 0;
};

// Reads the columns `wanted` of a CSV file with a header row (RFC 4180 quoting; numbers with `.`
// as the decimal point). Other columns may hold anything. Errors name the source, the column and
// the data row (row 1 is the line after the header): a wanted column the header lacks, a row
// with more or fewer cells than the header, an empty or non-numeric cell, an infinite or NaN value.
Result<SeriesTable> ReadSeriesCsv(std::istream& in, std::string_view source,
                                  const std::vector<std::string>& wanted);

}  // namespace sv::stats
