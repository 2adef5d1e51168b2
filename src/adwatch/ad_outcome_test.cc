#include "adwatch/ad_outcome.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "adwatch/ad_watch.h"

namespace sv::adwatch {
namespace {

std::string Month(int year, int month) {
  char out[8];
  std::snprintf(out, sizeof out, "%04d-%02d", year, month);
  return out;
}

// A fixed, irregular noise from -9 to 9 (not periodic over two years).
int Noise(int i) { return (i * 7 + 3) % 19 - 9; }

// Monthly active ads of `code` from January 2024 for `months` months: about `level` a month,
// times `drop` from January 2025 on, with a noise of up to ±27 % (more than Poisson's at these
// counts, as ad counts have). Zero months are left out, as the counts leave them out.
void AddSeries(AdCounts& counts, const std::string& code, int months, double level, double drop,
               int shift = 0) {
  for (int i = 0; i < months; ++i) {
    const int year = 2024 + i / 12, month = 1 + i % 12;
    const double mean = level * (i >= 12 ? drop : 1.0);
    const auto n = static_cast<int64_t>(std::lround(mean * (1 + 0.03 * Noise(i + shift))));
    if (n > 0) counts.rows.push_back({Month(year, month), code, n, n, n});
  }
  counts.first_day = CivilDate{2024, 1, 3};
  counts.last_day = CivilDate{2024 + (months - 1) / 12, 1 + (months - 1) % 12, 20};
}

OutcomeQuery Umea() {
  OutcomeQuery q;
  q.municipality = "2480";
  q.period = ads::Period::kMonth;
  return q;
}

const CivilDate kStart{2025, 1, 1};
const CivilDate kToday{2026, 6, 1};

TEST(AdOutcomeTest, ADropAfterTheInterventionIsARateRatioBelowOneWithItsInterval) {
  AdCounts counts;
  AddSeries(counts, "2480", 24, 100, 0.5);
  AddSeries(counts, "2482", 24, 30, 1.0);  // another municipality, not asked for
  Result<AdOutcome> o = EvaluateAdOutcome(counts, Umea(), kStart, kToday);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_LT(o->level_change.rate_ratio, 0.65);
  EXPECT_GT(o->level_change.rate_ratio, 0.4);
  EXPECT_LT(o->level_change.ci_low, o->level_change.rate_ratio);
  EXPECT_LT(o->level_change.ci_high, 1.0);
  EXPECT_EQ(o->level_change.term, "intervention");
  ASSERT_EQ(o->series.size(), 24u);
  EXPECT_EQ(o->series.front().period, "2024-01");
  EXPECT_EQ(o->series[12].period, "2025-01");
  EXPECT_EQ(o->intervention_period, "2025-01");
  EXPECT_EQ(o->periods_before, 12);
  EXPECT_EQ(o->periods_after, 12);
  EXPECT_FALSE(o->series[11].after);
  EXPECT_TRUE(o->series[12].after);
  EXPECT_EQ(o->series[0].observed, 82);  // 100 × (1 + 0.03 × 6)
  // Before the intervention the counterfactual is the fit; after, the fit without the drop.
  EXPECT_DOUBLE_EQ(o->series[3].counterfactual, o->series[3].fitted);
  EXPECT_NEAR(o->series[20].counterfactual * o->level_change.rate_ratio, o->series[20].fitted,
              1e-9 * o->series[20].fitted);
  // Two full years, one before: the yearly season is in the model.
  EXPECT_TRUE(o->seasonal);
  EXPECT_EQ(o->terms,
            (std::vector<std::string>{"(Intercept)", "intervention", "time", "sin_1", "cos_1"}));
  EXPECT_EQ(o->family, stats::GlmFamily::kQuasiPoisson);
  EXPECT_EQ(o->n, 24u);
  EXPECT_EQ(o->df_residual, 19u);
  EXPECT_FALSE(o->suppression_applied);
  EXPECT_NE(std::find(o->caveats.begin(), o->caveats.end(), "displacement"), o->caveats.end());
  EXPECT_EQ(std::find(o->caveats.begin(), o->caveats.end(), "no_seasonality"), o->caveats.end());
}

TEST(AdOutcomeTest, OneMonthWithFewAdsWidensTheIntervalButKeepsTheDrop) {
  AdCounts counts;
  AddSeries(counts, "2480", 24, 100, 0.5);
  for (ads::CountRow& r : counts.rows) {
    if (r.period == "2025-06") r.active_ads = 3;  // as the integration and browser tests have it
  }
  Result<AdOutcome> o = EvaluateAdOutcome(counts, Umea(), kStart, kToday);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_LT(o->level_change.rate_ratio, 0.65);
  EXPECT_LT(o->level_change.ci_high, 1.0);
  const double width = o->level_change.ci_high / o->level_change.ci_low;
  // Against a control the same drop is less certain: more terms, and the control's own noise.
  OutcomeQuery q = Umea();
  q.controls = {"2482"};
  AddSeries(counts, "2482", 24, 40, 1.0, 7);
  o = EvaluateAdOutcome(counts, q, kStart, kToday);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_LT(o->level_change.rate_ratio, 0.7);
  EXPECT_GT(o->level_change.ci_high / o->level_change.ci_low, width);
}

TEST(AdOutcomeTest, MonthsWithoutAdsAreZerosAndTodaysPeriodIsLeftOut) {
  AdCounts counts;
  AddSeries(counts, "2480", 20, 40, 0.5);
  // Two months without ads after the intervention: zeros, not gaps.
  std::erase_if(counts.rows, [](const ads::CountRow& r) {
    return r.period == "2025-03" || r.period == "2025-04";
  });
  Result<AdOutcome> o = EvaluateAdOutcome(counts, Umea(), kStart, CivilDate{2025, 8, 10});
  ASSERT_TRUE(o.ok()) << o.status().message();
  ASSERT_EQ(o->series.size(), 19u);  // 2024-01 … 2025-07: August is not over
  EXPECT_EQ(o->series.back().period, "2025-07");
  EXPECT_EQ(o->series[14].period, "2025-03");
  EXPECT_EQ(o->series[14].observed, 0);
  EXPECT_FALSE(o->seasonal);  // under two years
  EXPECT_NE(std::find(o->caveats.begin(), o->caveats.end(), "no_seasonality"), o->caveats.end());
  EXPECT_LT(o->level_change.ci_high, 1.0);
}

TEST(AdOutcomeTest, ControlsMakeTheControlledDesignWithItsOwnEffect) {
  AdCounts counts;
  AddSeries(counts, "2480", 24, 100, 0.5);
  AddSeries(counts, "2482", 24, 40, 1.0, 7);
  AddSeries(counts, "2418", 24, 30, 1.0, 3);
  OutcomeQuery q = Umea();
  q.controls = {"2482", "2418"};
  Result<AdOutcome> o = EvaluateAdOutcome(counts, q, kStart, kToday);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->level_change.term, "group:intervention");
  EXPECT_LT(o->level_change.rate_ratio, 0.8);
  EXPECT_LT(o->level_change.ci_high, 1.0);
  EXPECT_EQ(o->n, 48u);
  ASSERT_EQ(o->series.size(), 24u);
  // The controls are summed per month.
  EXPECT_EQ(o->series[0].control_observed, 48 + 24);  // 40 × 1.2 + 30 × 0.8
  ASSERT_TRUE(o->series[0].control_fitted);
  EXPECT_EQ(o->terms.back(), "group:intervention");
}

TEST(AdOutcomeTest, TheNegativeBinomialFitsTheControlledDesign) {
  AdCounts counts;
  AddSeries(counts, "2480", 24, 100, 0.5);
  AddSeries(counts, "2482", 24, 40, 1.0, 7);
  OutcomeQuery q = Umea();
  q.controls = {"2482"};
  q.family = stats::GlmFamily::kNegativeBinomial;
  Result<AdOutcome> o = EvaluateAdOutcome(counts, q, kStart, kToday);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->family, stats::GlmFamily::kNegativeBinomial);
  ASSERT_TRUE(o->theta);
  EXPECT_GT(*o->theta, 0);
  // More terms and θ estimated: a wider interval, around the same drop.
  EXPECT_LT(o->level_change.rate_ratio, 0.7);
  EXPECT_LT(o->level_change.ci_low, o->level_change.rate_ratio);
  EXPECT_GT(o->level_change.ci_high, o->level_change.rate_ratio);
}

TEST(AdOutcomeTest, NoiseWithoutAChangeGivesAnIntervalAcrossOne) {
  AdCounts counts;
  AddSeries(counts, "2480", 24, 40, 1.0, 3);
  Result<AdOutcome> o = EvaluateAdOutcome(counts, Umea(), kStart, kToday);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_LT(o->level_change.ci_low, 1.0);
  EXPECT_GT(o->level_change.ci_high, 1.0);
}

TEST(AdOutcomeTest, BadRequestsNameTheParameterOrTheCause) {
  AdCounts none;
  Result<AdOutcome> o = EvaluateAdOutcome(none, Umea(), kStart, kToday);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().field(), "municipality");

  AdCounts counts;
  AddSeries(counts, "2480", 24, 100, 0.5);
  o = EvaluateAdOutcome(counts, Umea(), CivilDate{2024, 3, 15}, kToday);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().field(), "intervention");
  EXPECT_NE(o.status().message().find("2 months before"), std::string::npos)
      << o.status().message();
  o = EvaluateAdOutcome(counts, Umea(), CivilDate{2025, 11, 1}, kToday);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().field(), "intervention");
  o = EvaluateAdOutcome(counts, Umea(), CivilDate{2030, 1, 1}, kToday);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().field(), "intervention");

  // Nothing after the intervention: no finite ratio.
  AdCounts gone;
  AddSeries(gone, "2480", 24, 40, 0.0);
  o = EvaluateAdOutcome(gone, Umea(), kStart, kToday);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().field(), "intervention");
  EXPECT_NE(o.status().message().find("no ads after"), std::string::npos);

  // Ads only elsewhere.
  AdCounts elsewhere;
  AddSeries(elsewhere, "2482", 24, 40, 0.7);
  o = EvaluateAdOutcome(elsewhere, Umea(), kStart, kToday);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().field(), "municipality");

  // Controls without ads.
  OutcomeQuery q = Umea();
  q.controls = {"2482"};
  o = EvaluateAdOutcome(counts, q, kStart, kToday);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().field(), "control");
}

TEST(AdOutcomeTest, SuppressionHidesSmallObservedCountsOnly) {
  AdCounts counts;
  AddSeries(counts, "2480", 24, 6, 0.5);  // 3 a month after
  Result<AdOutcome> o = EvaluateAdOutcome(counts, Umea(), kStart, kToday);
  ASSERT_TRUE(o.ok()) << o.status().message();
  const double fitted = o->series[20].fitted;
  SuppressObserved(*o, kOutcomeMinCell);
  EXPECT_TRUE(o->suppression_applied);
  EXPECT_EQ(o->min_cell, 5);
  EXPECT_FALSE(o->series[0].suppressed);
  EXPECT_EQ(o->series[0].observed, 5);
  EXPECT_TRUE(o->series[20].suppressed);
  EXPECT_EQ(o->series[20].observed, 0);
  EXPECT_DOUBLE_EQ(o->series[20].fitted, fitted);
  EXPECT_NE(std::find(o->caveats.begin(), o->caveats.end(), "suppressed"), o->caveats.end());
}

}  // namespace
}  // namespace sv::adwatch
