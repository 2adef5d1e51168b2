#include "stats/suppression.h"

#include <gtest/gtest.h>

namespace sv::stats {
namespace {

// A table of `rows` × `cols` parts with a total column, a total row and the grand total, laid out
// row by row with the totals last: (rows + 1) × (cols + 1) cells.
CountTable WithTotals(const std::vector<std::vector<int64_t>>& parts) {
  const std::size_t rows = parts.size(), cols = parts[0].size();
  CountTable t;
  t.cells.assign((rows + 1) * (cols + 1), 0);
  auto at = [&](std::size_t r, std::size_t c) { return r * (cols + 1) + c; };
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      t.cells[at(r, c)] = parts[r][c];
      t.cells[at(r, cols)] += parts[r][c];
      t.cells[at(rows, c)] += parts[r][c];
      t.cells[at(rows, cols)] += parts[r][c];
    }
  }
  for (std::size_t r = 0; r <= rows; ++r) {
    std::vector<std::size_t> line;
    for (std::size_t c = 0; c <= cols; ++c) line.push_back(at(r, c));
    t.lines.push_back(line);
  }
  for (std::size_t c = 0; c <= cols; ++c) {
    std::vector<std::size_t> line;
    for (std::size_t r = 0; r <= rows; ++r) line.push_back(at(r, c));
    t.lines.push_back(line);
  }
  return t;
}

// No hidden cell can be recovered: every line has zero or at least two hidden members.
void ExpectSafe(const CountTable& t, const std::vector<bool>& hidden) {
  for (const auto& line : t.lines) {
    int n = 0;
    for (std::size_t cell : line) n += hidden[cell] ? 1 : 0;
    EXPECT_NE(n, 1) << "a line with exactly one hidden cell reveals it";
  }
}

TEST(SuppressionTest, LargeCountsAreAllShown) {
  CountTable t = WithTotals({{12, 30}, {8, 7}});
  std::vector<bool> hidden = Suppress(t, 5);
  for (bool h : hidden) EXPECT_FALSE(h);
}

TEST(SuppressionTest, ASmallCellAndOneMoreInItsRowAndColumnAreHidden) {
  // Row 0: 3 is under 5. Without more hiding, 3 = 15 - 12 and 3 = 11 - 8.
  CountTable t = WithTotals({{12, 3}, {8, 8}});
  std::vector<bool> hidden = Suppress(t, 5);
  EXPECT_TRUE(hidden[1]) << "primary";
  ExpectSafe(t, hidden);
  int n = 0;
  for (bool h : hidden) n += h ? 1 : 0;
  EXPECT_GE(n, 4) << "a 2×2 rectangle at least";
  EXPECT_FALSE(hidden[8]) << "the grand total stays";
}

TEST(SuppressionTest, ZerosUnderTheThresholdAreHiddenToo) {
  CountTable t;
  t.cells = {0, 9, 9};
  t.lines = {{0, 1, 2}};
  std::vector<bool> hidden = Suppress(t, 5);
  EXPECT_TRUE(hidden[0]);
  EXPECT_TRUE(hidden[1]) << "9 = 9 - 0 would reveal the zero";
  EXPECT_FALSE(hidden[2]);
}

TEST(SuppressionTest, AHiddenTotalHidesAPartAsWell) {
  CountTable t;
  t.cells = {2, 1, 3};  // all under 5
  t.lines = {{0, 1, 2}};
  std::vector<bool> hidden = Suppress(t, 5);
  EXPECT_EQ(hidden, (std::vector<bool>{true, true, true}));
  t.cells = {6, 7, 13};
  t.lines = {{0, 1, 2}};
  EXPECT_EQ(Suppress(t, 5), (std::vector<bool>{false, false, false}));
}

TEST(SuppressionTest, HiddenPartsMustNotAddUpToASmallCountBesideAShownTotal) {
  // Sellers 6, buyers 2, relatives 0, contacts 8: hiding 2 and 0 still tells that 2 of the 8
  // were not sellers.
  CountTable t;
  t.cells = {6, 2, 0, 8};
  t.lines = {{0, 1, 2, 3}};
  EXPECT_EQ(Suppress(t, 5), (std::vector<bool>{true, true, true, false}));
  t.cells = {6, 3, 3, 12};  // hidden parts add up to 6: safe
  EXPECT_EQ(Suppress(t, 5), (std::vector<bool>{false, true, true, false}));
}

TEST(SuppressionTest, TheThresholdIsConfigurable) {
  CountTable t;
  t.cells = {3, 9, 12};
  t.lines = {{0, 1, 2}};
  EXPECT_EQ(Suppress(t, 3), (std::vector<bool>{false, false, false}));
  EXPECT_EQ(Suppress(t, 4), (std::vector<bool>{true, true, false}));
}

TEST(SuppressionTest, BigTablesEndUpSafe) {
  std::vector<std::vector<int64_t>> parts;
  for (int r = 0; r < 12; ++r) {
    std::vector<int64_t> row;
    for (int c = 0; c < 6; ++c) row.push_back((r * 7 + c * 3) % 11);
    parts.push_back(row);
  }
  CountTable t = WithTotals(parts);
  std::vector<bool> hidden = Suppress(t, 5);
  ExpectSafe(t, hidden);
  for (std::size_t i = 0; i < t.cells.size(); ++i) {
    if (t.cells[i] < 5) {
      EXPECT_TRUE(hidden[i]) << i;
    }
  }
}

}  // namespace
}  // namespace sv::stats
