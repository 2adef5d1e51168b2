#include "stats/its.h"

#include <cmath>

#include <gtest/gtest.h>

namespace sv::stats {
namespace {

// Twelve months, the intervention from month 7, a control series with `controlled`.
SeriesTable Months(bool controlled = false) {
  std::vector<double> count, time, on, month, pop, group;
  const double counts[2][12] = {{30, 34, 29, 35, 31, 36, 22, 25, 21, 24, 20, 23},
                                {20, 22, 19, 23, 21, 22, 21, 23, 20, 22, 21, 24}};
  for (int g = controlled ? 0 : 1; g < 2; ++g) {
    for (int t = 1; t <= 12; ++t) {
      count.push_back(counts[g == 1 ? 0 : 1][t - 1]);
      time.push_back(t);
      on.push_back(t >= 7 ? 1 : 0);
      month.push_back(t);
      pop.push_back(1000 + t);
      group.push_back(g);
    }
  }
  SeriesTable table;
  EXPECT_TRUE(table.Add("ads", count).ok());
  EXPECT_TRUE(table.Add("week", time).ok());
  EXPECT_TRUE(table.Add("operation", on).ok());
  EXPECT_TRUE(table.Add("month", month).ok());
  EXPECT_TRUE(table.Add("population", pop).ok());
  EXPECT_TRUE(table.Add("treated", group).ok());
  return table;
}

ItsSpec Spec() {
  ItsSpec spec;
  spec.count = "ads";
  spec.time = "week";
  spec.intervention = "operation";
  return spec;
}

TEST(ItsDesignTest, TermsInTheOrderOfTheSpec) {
  ItsSpec spec = Spec();
  spec.slope_change = true;
  spec.season = Seasonality{"month", 2, 12};
  spec.covariates = {"population"};
  spec.group = "treated";
  Result<ItsDesign> d = BuildItsDesign(Months(true), spec);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->design.terms,
            (std::vector<std::string>{"(Intercept)", "intervention", "time", "time_after", "sin_1",
                                      "sin_2", "cos_1", "cos_2", "population", "group",
                                      "group:time", "group:sin_1", "group:sin_2", "group:cos_1",
                                      "group:cos_2", "group:intervention"}));
  EXPECT_EQ(d->intervention_terms, (std::vector<std::size_t>{1, 3, 15}));
}

TEST(ItsDesignTest, TimeAfterCountsFromTheLastTimeBefore) {
  ItsSpec spec = Spec();
  spec.slope_change = true;
  Result<ItsDesign> d = BuildItsDesign(Months(), spec);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->t0, 6);
  EXPECT_EQ(d->design.columns[3],
            (std::vector<double>{0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6}));
}

TEST(ItsDesignTest, FourierTermsOfTheSeasonColumn) {
  ItsSpec spec = Spec();
  spec.season = Seasonality{"month", 1, 12};
  Result<ItsDesign> d = BuildItsDesign(Months(), spec);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_NEAR(d->design.columns[3][2], 1.0, 1e-15);   // sin(2π·3/12)
  EXPECT_NEAR(d->design.columns[4][5], -1.0, 1e-15);  // cos(2π·6/12)
}

TEST(ItsDesignTest, GroupInteractionsAreZeroForTheControlSeries) {
  ItsSpec spec = Spec();
  spec.group = "treated";
  Result<ItsDesign> d = BuildItsDesign(Months(true), spec);
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->design.terms.back(), "group:intervention");
  const std::vector<double>& effect = d->design.columns.back();
  for (std::size_t i = 0; i < 24; ++i) {
    EXPECT_EQ(effect[i], i >= 12 && i % 12 >= 6 ? 1 : 0) << i;
  }
}

TEST(ItsFitTest, CounterfactualRemovesOnlyTheIntervention) {
  ItsSpec spec = Spec();
  spec.slope_change = true;
  spec.offset = "population";
  Result<ItsResult> r = FitIts(Months(), spec);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->counterfactual.size(), 12u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_NEAR(r->counterfactual[i], r->fit.fitted[i], 1e-9 * r->fit.fitted[i]) << i;
  }
  // After it, the counts fell: without the operations the model expects more.
  for (std::size_t i = 6; i < 12; ++i) EXPECT_GT(r->counterfactual[i], r->fit.fitted[i]) << i;
  const Coefficient& level = r->fit.coefficients[1];
  EXPECT_DOUBLE_EQ(r->level_change.rate_ratio, std::exp(level.estimate));
  EXPECT_DOUBLE_EQ(r->level_change.ci_low, std::exp(level.ci_low));
  ASSERT_TRUE(r->slope_change.has_value());
  EXPECT_EQ(r->slope_change->term, "time_after");
}

TEST(ItsFitTest, TheControlledEffectIsTheGroupInteraction) {
  ItsSpec spec = Spec();
  spec.group = "treated";
  Result<ItsResult> r = FitIts(Months(true), spec);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->level_change.term, "group:intervention");
  EXPECT_LT(r->level_change.rate_ratio, 1);
}

std::string ErrorOf(const SeriesTable& table, const ItsSpec& spec) {
  Result<ItsDesign> d = BuildItsDesign(table, spec);
  return d.ok() ? "" : d.status().message();
}

SeriesTable WithColumn(const std::string& name, std::vector<double> values) {
  SeriesTable base = Months();
  SeriesTable table;
  for (const std::string& n : base.names()) {
    EXPECT_TRUE(table.Add(n, n == name ? values : *base.Find(n)).ok());
  }
  return table;
}

TEST(ItsDesignTest, BadInputNamesTheColumnAndRow) {
  ItsSpec spec = Spec();
  spec.covariates = {"rain"};
  EXPECT_EQ(ErrorOf(Months(), spec), "no column `rain`");

  std::vector<double> counts = *Months().Find("ads");
  counts[3] = -2;
  EXPECT_EQ(ErrorOf(WithColumn("ads", counts), Spec()),
            "column `ads`, row 4: -2.000000 is not a count (a non-negative whole number)");
  counts[3] = 2.5;
  EXPECT_NE(ErrorOf(WithColumn("ads", counts), Spec()).find("row 4"), std::string::npos);

  std::vector<double> on(12, 0);
  EXPECT_EQ(ErrorOf(WithColumn("operation", on), Spec()),
            "column `operation` is 0 in every row: no rows after the intervention");
  on.assign(12, 1);
  EXPECT_EQ(ErrorOf(WithColumn("operation", on), Spec()),
            "column `operation` is 1 from the first time on: no rows before the intervention");
  on = {0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1};
  EXPECT_NE(ErrorOf(WithColumn("operation", on), Spec()).find("column `operation`, row 6: 0"),
            std::string::npos);
  on[5] = 2;
  EXPECT_NE(ErrorOf(WithColumn("operation", on), Spec()).find("row 6: 2.000000 is not 0 or 1"),
            std::string::npos);

  ItsSpec offset = Spec();
  offset.offset = "population";
  std::vector<double> pop = *Months().Find("population");
  pop[0] = 0;
  EXPECT_NE(ErrorOf(WithColumn("population", pop), offset)
                .find("column `population`, row 1: 0.000000 is not positive"),
            std::string::npos);

  ItsSpec season = Spec();
  season.season = Seasonality{"month", 7, 12};
  EXPECT_NE(ErrorOf(Months(), season).find("more than half the period"), std::string::npos);
  season.season = Seasonality{"month", 5, 12};
  season.slope_change = true;
  season.covariates = {"population"};
  EXPECT_EQ(ErrorOf(Months(), season), "too few rows: 12 rows for 15 terms (need at least 16)");
}

}  // namespace
}  // namespace sv::stats
