#include "stats/glm.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace sv::stats {
namespace {

// A weekly series: intercept, a 0/1 intervention from week 60 and the week, Poisson counts with a
// fixed seed (or, with `size`, negative binomial ones).
struct Series {
  Design design;
  std::vector<double> counts;
};

Series Weekly(int weeks, unsigned seed, double size = 0) {
  std::mt19937_64 random(seed);
  Series s;
  s.design.terms = {"(Intercept)", "intervention", "time"};
  s.design.columns.assign(3, {});
  for (int t = 1; t <= weeks; ++t) {
    const double on = t >= 60 ? 1 : 0;
    const double mu = std::exp(std::log(30.0) + 0.002 * t - 0.2 * on);
    double lambda = mu;
    if (size > 0) lambda = std::gamma_distribution<double>(size, mu / size)(random);
    s.counts.push_back(static_cast<double>(std::poisson_distribution<int>(lambda)(random)));
    s.design.columns[0].push_back(1);
    s.design.columns[1].push_back(on);
    s.design.columns[2].push_back(t);
  }
  return s;
}

TEST(GlmTest, FamilyNamesRoundTrip) {
  for (GlmFamily f : {GlmFamily::kPoisson, GlmFamily::kQuasiPoisson, GlmFamily::kNegativeBinomial}) {
    EXPECT_EQ(ParseGlmFamily(GlmFamilyName(f)), f);
  }
  EXPECT_FALSE(ParseGlmFamily("gaussian").has_value());
}

TEST(GlmTest, RecoversTheEffectOfSimulatedCountsWithinItsInterval) {
  const Series s = Weekly(2000, 7);
  Result<GlmFit> fit = FitGlm(s.design, s.counts, {}, {});
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  const Coefficient& effect = fit->coefficients[1];
  EXPECT_LT(effect.ci_low, -0.2);
  EXPECT_GT(effect.ci_high, -0.2);
  EXPECT_NEAR(effect.ci_high - effect.estimate, kZ95 * effect.std_error, 1e-15);
  EXPECT_NEAR(effect.z, effect.estimate / effect.std_error, 1e-12);
  EXPECT_LT(effect.p_value, 1e-10);
  EXPECT_EQ(fit->fitted.size(), s.counts.size());
  EXPECT_EQ(fit->covariance.size(), 9u);
  EXPECT_EQ(fit->covariance[1 * 3 + 1], effect.std_error * effect.std_error);
}

TEST(GlmTest, NeweyWestWithLagZeroIsHc0) {
  const Series s = Weekly(150, 3);
  GlmOptions hc0;
  hc0.covariance = CovarianceKind::kHc0;
  GlmOptions nw0;
  nw0.covariance = CovarianceKind::kNeweyWest;
  nw0.hac_lag = 0;
  Result<GlmFit> a = FitGlm(s.design, s.counts, {}, hc0);
  Result<GlmFit> b = FitGlm(s.design, s.counts, {}, nw0);
  ASSERT_TRUE(a.ok() && b.ok());
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_DOUBLE_EQ(a->coefficients[j].std_error, b->coefficients[j].std_error);
  }
}

TEST(GlmTest, NegativeBinomialEstimatesTheOverdispersion) {
  const Series s = Weekly(3000, 11, /*size=*/5);
  GlmOptions options;
  options.family = GlmFamily::kNegativeBinomial;
  Result<GlmFit> fit = FitGlm(s.design, s.counts, {}, options);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  ASSERT_TRUE(fit->theta.has_value());
  EXPECT_NEAR(*fit->theta, 5.0, 0.6);
  EXPECT_EQ(fit->dispersion, 1.0);
}

TEST(GlmTest, NegativeBinomialWithoutOverdispersionIsAnError) {
  // Counts closer together than Poisson's: θ's likelihood has no finite maximum.
  Series s = Weekly(200, 5);
  for (std::size_t i = 0; i < s.counts.size(); ++i) {
    s.counts[i] = std::round(30 * std::exp(0.002 * static_cast<double>(i + 1)));
  }
  GlmOptions options;
  options.family = GlmFamily::kNegativeBinomial;
  Result<GlmFit> fit = FitGlm(s.design, s.counts, {}, options);
  ASSERT_FALSE(fit.ok());
  EXPECT_NE(fit.status().message().find("θ"), std::string::npos) << fit.status().message();
}

TEST(GlmTest, AnAliasedTermIsNamed) {
  Series s = Weekly(100, 1);
  s.design.terms.push_back("time_twice");
  std::vector<double> twice = s.design.columns[2];
  for (double& v : twice) v *= 2;
  s.design.columns.push_back(twice);
  Result<GlmFit> fit = FitGlm(s.design, s.counts, {}, {});
  ASSERT_FALSE(fit.ok());
  EXPECT_NE(fit.status().message().find("term `time_twice` is a linear combination"),
            std::string::npos)
      << fit.status().message();
}

TEST(GlmTest, AZeroColumnIsNamed) {
  Series s = Weekly(100, 1);
  s.design.terms.insert(s.design.terms.begin() + 1, "holiday");
  s.design.columns.insert(s.design.columns.begin() + 1, std::vector<double>(100, 0.0));
  Result<GlmFit> fit = FitGlm(s.design, s.counts, {}, {});
  ASSERT_FALSE(fit.ok());
  EXPECT_NE(fit.status().message().find("term `holiday`"), std::string::npos)
      << fit.status().message();
}

TEST(GlmTest, TooFewRowsForTheTerms) {
  Series s = Weekly(3, 1);
  Result<GlmFit> fit = FitGlm(s.design, s.counts, {}, {});
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().message(), "too few rows: 3 rows for 3 terms (need at least 4)");
}

TEST(GlmTest, NoConvergenceIsAnErrorNotANumber) {
  const Series s = Weekly(100, 1);
  GlmOptions options;
  options.max_iterations = 2;
  Result<GlmFit> fit = FitGlm(s.design, s.counts, {}, options);
  ASSERT_FALSE(fit.ok());
  EXPECT_NE(fit.status().message().find("did not converge in 2 iterations"), std::string::npos)
      << fit.status().message();
}

TEST(GlmTest, BadCountsAndShapesAreRefused) {
  Series s = Weekly(100, 1);
  s.counts[4] = -1;
  EXPECT_EQ(FitGlm(s.design, s.counts, {}, {}).status().message(),
            "row 5: the count is not a non-negative whole number");
  s.counts[4] = 2.5;
  EXPECT_FALSE(FitGlm(s.design, s.counts, {}, {}).ok());
  s.counts[4] = 2;
  EXPECT_FALSE(FitGlm(s.design, s.counts, {1.0, 2.0}, {}).ok());
  s.design.columns[2][7] = std::nan("");
  EXPECT_EQ(FitGlm(s.design, s.counts, {}, {}).status().message(),
            "term `time`, row 8: not a finite number");
}

}  // namespace
}  // namespace sv::stats
