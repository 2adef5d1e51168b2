#include "stats/series_table.h"

#include <sstream>

#include <gtest/gtest.h>

namespace sv::stats {
namespace {

Result<SeriesTable> Read(const std::string& csv, const std::vector<std::string>& wanted) {
  std::istringstream in(csv);
  return ReadSeriesCsv(in, "ads.csv", wanted);
}

TEST(SeriesTableTest, ReadsTheWantedColumnsAndIgnoresTheRest) {
  Result<SeriesTable> t =
      Read("month,ads,note,time\n2024-01,12,\"quiet, cold\",1\n2024-02, 7 ,x,2\n\n", {"time", "ads"});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->rows(), 2u);
  EXPECT_EQ(*t->Find("ads"), (std::vector<double>{12, 7}));
  EXPECT_EQ(*t->Find("time"), (std::vector<double>{1, 2}));
  EXPECT_EQ(t->Find("note"), nullptr);
}

TEST(SeriesTableTest, ReadsQuotedNumbersAndExponents) {
  Result<SeriesTable> t = Read("\"pop\",n\r\n\"1.5e3\",+2\r\n", {"pop", "n"});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(*t->Find("pop"), (std::vector<double>{1500}));
  EXPECT_EQ(*t->Find("n"), (std::vector<double>{2}));
}

TEST(SeriesTableTest, AMissingColumnIsNamed) {
  Result<SeriesTable> t = Read("time,ads\n1,2\n", {"time", "aces"});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "ads.csv: no column `aces` in the header");
  EXPECT_EQ(t.status().field(), "aces");
}

TEST(SeriesTableTest, ANonNumericCellNamesColumnAndRow) {
  Result<SeriesTable> t = Read("time,ads\n1,2\n2,3\n3,1,5\n", {"time", "ads"});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(),
            "ads.csv, row 3 (line 4): 3 cells, the header has 2 (a decimal comma?)");
  Result<SeriesTable> word = Read("time,ads\n1,2\n2,many\n", {"time", "ads"});
  ASSERT_FALSE(word.ok());
  EXPECT_EQ(word.status().message(), "ads.csv, row 2 (line 3), column `ads`: \"many\" is not a number");
  EXPECT_EQ(word.status().field(), "ads");
}

TEST(SeriesTableTest, EmptyCellsShortRowsAndNaNAreRefused) {
  Result<SeriesTable> empty = Read("time,ads\n1,\n", {"time", "ads"});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "ads.csv, row 1 (line 2), column `ads`: empty cell");
  Result<SeriesTable> short_row = Read("time,ads\n1\n", {"time", "ads"});
  ASSERT_FALSE(short_row.ok());
  EXPECT_EQ(short_row.status().message(), "ads.csv, row 1 (line 2): 1 cells, the header has 2");
  for (const char* bad : {"nan", "inf", "1e999", "0x10", "12abc"}) {
    Result<SeriesTable> t = Read(std::string("ads\n") + bad + "\n", {"ads"});
    EXPECT_FALSE(t.ok()) << bad;
  }
  EXPECT_FALSE(Read("", {"ads"}).ok());
}

TEST(SeriesTableTest, ColumnsBuiltInMemoryMustHaveOneLength) {
  SeriesTable t;
  ASSERT_TRUE(t.Add("ads", {1, 2, 3}).ok());
  EXPECT_FALSE(t.Add("time", {1, 2}).ok());
  EXPECT_FALSE(t.Add("ads", {1, 2, 3}).ok());
  EXPECT_TRUE(t.Add("time", {1, 2, 3}).ok());
}

}  // namespace
}  // namespace sv::stats
