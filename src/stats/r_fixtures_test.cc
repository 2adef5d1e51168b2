// Every fixture of tests/cases/stats (made by make_fixtures.R with R 4.2, glm.control(epsilon =
// 1e-14), MASS::glm.nb, sandwich::NeweyWest) through the engine: each estimate, standard error,
// p-value, the dispersion, θ, the deviance and the counterfactual must agree to a relative 1e-6.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "stats/its.h"
#include "stats/stats_testing.h"

namespace sv::stats {
namespace {

using nlohmann::json;
using testing::RelativeDifference;

constexpr double kTolerance = 1e-6;

ItsSpec SpecFrom(const json& o) {
  ItsSpec spec;
  spec.count = o.at("count");
  spec.time = o.at("time");
  spec.intervention = o.at("intervention");
  if (!o.at("offset").is_null()) spec.offset = o.at("offset");
  spec.slope_change = o.at("slope_change");
  if (!o.at("season").is_null()) {
    const json& s = o.at("season");
    spec.season = Seasonality{s.at("column"), s.at("harmonics"), s.at("period")};
  }
  for (const json& c : o.at("covariates")) spec.covariates.push_back(c);
  if (!o.at("group").is_null()) spec.group = o.at("group");
  const std::optional<GlmFamily> family = ParseGlmFamily(o.at("family").get<std::string>());
  EXPECT_TRUE(family.has_value());
  spec.glm.family = family.value_or(GlmFamily::kPoisson);
  if (!o.at("hac_lag").is_null()) {
    spec.glm.covariance = CovarianceKind::kNeweyWest;
    spec.glm.hac_lag = o.at("hac_lag");
  }
  return spec;
}

std::vector<std::string> Fixtures() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(testing::CasesDir())) {
    if (std::filesystem::exists(entry.path() / "expected.json")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The largest relative difference over all fixtures per kind of quantity, and where it is.
struct Worst {
  struct Largest {
    double difference = 0;
    std::string where;
  };
  std::map<std::string, Largest> by_kind;
  void Check(double actual, double expected, const std::string& kind, const std::string& what) {
    const double d = RelativeDifference(actual, expected);
    EXPECT_LT(d, kTolerance) << what << " " << kind << ": " << actual << " against R's "
                             << expected;
    Largest& largest = by_kind[kind];
    if (d >= largest.difference) largest = {d, what};
  }
};

TEST(RFixturesTest, EveryFixtureAgreesWithR) {
  const std::vector<std::string> fixtures = Fixtures();
  // Each family, the slope change, seasonality, HAC and the controlled design are covered.
  ASSERT_GE(fixtures.size(), 10u);
  Worst worst;
  std::set<std::string> families;
  bool slope = false, season = false, hac = false, group = false;
  for (const std::string& name : fixtures) {
    SCOPED_TRACE(name);
    std::ifstream in(testing::CasesDir() / name / "expected.json");
    const json expected = json::parse(in);
    const ItsSpec spec = SpecFrom(expected.at("options"));
    families.insert(expected.at("options").at("family"));
    slope = slope || spec.slope_change;
    season = season || spec.season.has_value();
    hac = hac || spec.glm.covariance == CovarianceKind::kNeweyWest;
    group = group || spec.group.has_value();

    const SeriesTable table = testing::ReadCase(name + "/data.csv", spec.Columns());
    Result<ItsResult> r = FitIts(table, spec);
    ASSERT_TRUE(r.ok()) << r.status().message();
    const GlmFit& fit = r->fit;
    EXPECT_EQ(fit.n, expected.at("n").get<std::size_t>());
    EXPECT_EQ(fit.df_residual, expected.at("df_residual").get<std::size_t>());
    worst.Check(fit.dispersion, expected.at("dispersion"), "dispersion", name);
    worst.Check(fit.deviance, expected.at("deviance"), "deviance", name);
    EXPECT_EQ(fit.theta.has_value(), !expected.at("theta").is_null());
    if (fit.theta && !expected.at("theta").is_null()) {
      worst.Check(*fit.theta, expected.at("theta"), "theta", name);
    }
    const json& coefficients = expected.at("coefficients");
    ASSERT_EQ(fit.coefficients.size(), coefficients.size());
    for (std::size_t j = 0; j < coefficients.size(); ++j) {
      const Coefficient& c = fit.coefficients[j];
      const json& e = coefficients[j];
      EXPECT_EQ(c.term, e.at("term").get<std::string>());
      worst.Check(c.estimate, e.at("estimate"), "estimate", name + " " + c.term);
      worst.Check(c.std_error, e.at("std_error"), "std_error", name + " " + c.term);
      // p-values below 1e-300 are 0 in R's output; compare those absolutely.
      if (e.at("p_value").get<double>() > 1e-300) {
        worst.Check(c.p_value, e.at("p_value"), "p_value", name + " " + c.term);
      } else {
        EXPECT_LT(c.p_value, 1e-290);
      }
    }
    const json& counterfactual = expected.at("counterfactual");
    ASSERT_EQ(r->counterfactual.size(), counterfactual.size());
    for (std::size_t i = 0; i < counterfactual.size(); ++i) {
      worst.Check(r->counterfactual[i], counterfactual[i], "counterfactual",
                  name + " row " + std::to_string(i + 1));
    }
  }
  EXPECT_EQ(families, (std::set<std::string>{"poisson", "quasipoisson", "negbin"}));
  EXPECT_TRUE(slope && season && hac && group);
  for (const auto& [kind, largest] : worst.by_kind) {
    std::cout << "largest relative difference to R over " << fixtures.size() << " fixtures, "
              << kind << ": " << largest.difference << " (" << largest.where << ")\n";
  }
}

}  // namespace
}  // namespace sv::stats
