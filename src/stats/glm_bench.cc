// The seasonal interrupted time series on 10 years of daily counts (3,650 rows, 8 terms:
// intercept, intervention, time, time_after, two Fourier pairs of the day of the year): the fit
// a report or a chart of one municipality asks for. Goal: under 10 ms per fit. Each benchmark
// reports the IRLS iterations of its fit as a counter. Built with the `bench` preset:
//
//   taskset -c 0 build/bench/stats_bench

#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <random>

#include "stats/its.h"

namespace sv::stats {
namespace {

constexpr int kDays = 3650;
constexpr int kStart = 2400;  // the first day of joint operations

// Daily active ads: a slow trend, a yearly season, a 20 % drop and a falling slope from the
// start of the operations, overdispersed counts (gamma–Poisson, θ = 20), fixed seed.
const SeriesTable& DailyAds() {
  static const SeriesTable table = [] {
    std::mt19937_64 random(20261129);
    std::vector<double> ads, day, operation, day_of_year;
    for (int t = 1; t <= kDays; ++t) {
      const double on = t >= kStart ? 1 : 0;
      const double season = 0.2 * std::sin(2 * std::numbers::pi * t / 365.25) +
                            0.1 * std::cos(4 * std::numbers::pi * t / 365.25);
      const double mu = std::exp(std::log(40.0) + 0.0001 * t - 0.2 * on -
                                 0.0002 * on * (t - kStart + 1) + season);
      const double lambda = std::gamma_distribution<double>(20, mu / 20)(random);
      ads.push_back(static_cast<double>(std::poisson_distribution<int>(lambda)(random)));
      day.push_back(t);
      operation.push_back(on);
      day_of_year.push_back(std::fmod(t - 1, 365.25) + 1);
    }
    SeriesTable t;
    (void)t.Add("active_ads", std::move(ads));
    (void)t.Add("day", std::move(day));
    (void)t.Add("operation", std::move(operation));
    (void)t.Add("day_of_year", std::move(day_of_year));
    return t;
  }();
  return table;
}

ItsSpec SeasonalSpec(GlmFamily family, CovarianceKind covariance) {
  ItsSpec spec;
  spec.count = "active_ads";
  spec.time = "day";
  spec.intervention = "operation";
  spec.slope_change = true;
  spec.season = Seasonality{"day_of_year", 2, 365.25};
  spec.glm.family = family;
  spec.glm.covariance = covariance;
  spec.glm.hac_lag = 14;
  return spec;
}

// Design building, the fit and the counterfactual, as `samverkan stats its` runs them.
void FitSeasonalIts(benchmark::State& state, GlmFamily family, CovarianceKind covariance) {
  const SeriesTable& table = DailyAds();
  const ItsSpec spec = SeasonalSpec(family, covariance);
  int iterations = 0;
  for (auto _ : state) {
    Result<ItsResult> r = FitIts(table, spec);
    if (!r.ok()) {
      state.SkipWithError(r.status().message().c_str());
      return;
    }
    iterations = r->fit.iterations;
    benchmark::DoNotOptimize(r->level_change.rate_ratio);
  }
  state.counters["iterations"] = iterations;
  state.counters["rows"] = static_cast<double>(table.rows());
}

void BM_QuasiPoissonSeasonalIts(benchmark::State& state) {
  FitSeasonalIts(state, GlmFamily::kQuasiPoisson, CovarianceKind::kModel);
}
BENCHMARK(BM_QuasiPoissonSeasonalIts)->Unit(benchmark::kMillisecond);

void BM_PoissonSeasonalItsNeweyWest14(benchmark::State& state) {
  FitSeasonalIts(state, GlmFamily::kPoisson, CovarianceKind::kNeweyWest);
}
BENCHMARK(BM_PoissonSeasonalItsNeweyWest14)->Unit(benchmark::kMillisecond);

void BM_NegativeBinomialSeasonalIts(benchmark::State& state) {
  FitSeasonalIts(state, GlmFamily::kNegativeBinomial, CovarianceKind::kModel);
}
BENCHMARK(BM_NegativeBinomialSeasonalIts)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sv::stats
