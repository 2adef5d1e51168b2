// The reference results of ../shared/data/README.md for the smoking-ban data of Lopez Bernal et al.
// (2017), computed with R 4.2.2 and statsmodels 0.13.5: the engine must reproduce each to 1e-6.
#include <gtest/gtest.h>

#include "stats/its.h"
#include "stats/stats_testing.h"

namespace sv::stats {
namespace {

using testing::RelativeDifference;

constexpr double kTolerance = 1e-6;

ItsSpec SicilySpec(GlmFamily family) {
  ItsSpec spec;
  spec.count = "aces";
  spec.time = "time";
  spec.intervention = "smokban";
  spec.offset = "stdpop";
  spec.glm.family = family;
  return spec;
}

ItsResult FitSicily(const ItsSpec& spec) {
  const SeriesTable table = testing::ReadCase("sicily.csv", spec.Columns());
  Result<ItsResult> fit = FitIts(table, spec);
  EXPECT_TRUE(fit.ok()) << fit.status().message();
  return fit.ok() ? std::move(*fit) : ItsResult{};
}

const Coefficient& Term(const ItsResult& r, const std::string& term) {
  for (const Coefficient& c : r.fit.coefficients) {
    if (c.term == term) return c;
  }
  ADD_FAILURE() << "no term " << term;
  static const Coefficient kNone;
  return kNone;
}

TEST(SicilyReferenceTest, PoissonLevelChange) {
  const ItsResult r = FitSicily(SicilySpec(GlmFamily::kPoisson));
  const Coefficient& ban = Term(r, "intervention");
  EXPECT_LT(RelativeDifference(ban.estimate, -0.1116284426), kTolerance) << ban.estimate;
  EXPECT_LT(RelativeDifference(ban.std_error, 0.01722478163), kTolerance) << ban.std_error;
  EXPECT_LT(RelativeDifference(r.fit.deviance, 197.3096), 1e-6) << r.fit.deviance;
  EXPECT_EQ(r.fit.df_residual, 56u);
  EXPECT_EQ(r.fit.dispersion, 1.0);
  EXPECT_FALSE(r.fit.theta.has_value());
}

TEST(SicilyReferenceTest, QuasiPoissonScalesTheStandardErrorByTheDispersion) {
  const ItsResult r = FitSicily(SicilySpec(GlmFamily::kQuasiPoisson));
  const Coefficient& ban = Term(r, "intervention");
  EXPECT_LT(RelativeDifference(ban.estimate, -0.1116284426), kTolerance) << ban.estimate;
  EXPECT_LT(RelativeDifference(ban.std_error, 0.03249594071), kTolerance) << ban.std_error;
  EXPECT_LT(RelativeDifference(r.fit.dispersion, 3.559186764), kTolerance) << r.fit.dispersion;
}

ItsSpec SeasonalSpec(GlmFamily family) {
  ItsSpec spec = SicilySpec(family);
  spec.season = Seasonality{"month", 2, 12};
  return spec;
}

TEST(SicilyReferenceTest, QuasiPoissonWithTwoFourierPairs) {
  const ItsResult r = FitSicily(SeasonalSpec(GlmFamily::kQuasiPoisson));
  std::vector<std::string> terms;
  for (const Coefficient& c : r.fit.coefficients) terms.push_back(c.term);
  EXPECT_EQ(terms, (std::vector<std::string>{"(Intercept)", "intervention", "time", "sin_1",
                                             "sin_2", "cos_1", "cos_2"}));
  EXPECT_LT(RelativeDifference(Term(r, "intervention").std_error, 0.02703109877), kTolerance);
  EXPECT_LT(RelativeDifference(r.fit.dispersion, 2.262182641), kTolerance) << r.fit.dispersion;
  // The README gives the rate ratio and its interval to six decimals.
  EXPECT_EQ(r.level_change.term, "intervention");
  EXPECT_NEAR(r.level_change.rate_ratio, 0.885072, 5e-7);
  EXPECT_NEAR(r.level_change.ci_low, 0.839401, 5e-7);
  EXPECT_NEAR(r.level_change.ci_high, 0.933227, 5e-7);
  EXPECT_FALSE(r.slope_change.has_value());
}

TEST(SicilyReferenceTest, PoissonWithNeweyWestLagTwo) {
  ItsSpec spec = SeasonalSpec(GlmFamily::kPoisson);
  spec.glm.covariance = CovarianceKind::kNeweyWest;
  spec.glm.hac_lag = 2;
  const ItsResult r = FitSicily(spec);
  const ItsResult plain = FitSicily(SeasonalSpec(GlmFamily::kPoisson));
  EXPECT_LT(RelativeDifference(Term(r, "intervention").std_error, 0.02292666521), kTolerance);
  EXPECT_EQ(Term(r, "intervention").estimate, Term(plain, "intervention").estimate)
      << "the covariance must not change the estimate";
  EXPECT_NE(Term(r, "intervention").std_error, Term(plain, "intervention").std_error);
}

}  // namespace
}  // namespace sv::stats
