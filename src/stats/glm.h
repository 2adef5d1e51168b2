#pragma once
// Generalised linear models for counts with a log link: Poisson, quasi-Poisson and negative
// binomial (NB2), fitted by iteratively reweighted least squares as R's `glm.fit` and
// `MASS::glm.nb` do, with model-based, HC0 or Newey–West standard errors as R's `sandwich`.
//
// The numbers agree with R 4.2 (`glm.control(epsilon = 1e-14)`) to a relative 1e-6 in every
// estimate and standard error (tests/cases/stats). Nothing here returns NaN: a fit that cannot be
// trusted (no convergence, aliased terms, too few rows) is an error that says why.
//
// Thread safety: the functions are pure; call them from any thread.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sv::stats {

enum class GlmFamily {
  kPoisson,
  kQuasiPoisson,      // Poisson estimates; dispersion = Pearson χ² / residual df
  kNegativeBinomial,  // NB2: variance μ + μ²/θ, θ by maximum likelihood
};

// "poisson", "quasipoisson", "negbin" (the names of the command line, spec/stats.md).
std::string_view GlmFamilyName(GlmFamily family);
std::optional<GlmFamily> ParseGlmFamily(std::string_view name);

// Where the standard errors come from.
enum class CovarianceKind {
  kModel,       // dispersion × (X'WX)⁻¹
  kHc0,         // sandwich::sandwich: (X'WX)⁻¹ (Σ ψᵢψᵢ') (X'WX)⁻¹
  kNeweyWest,   // sandwich::NeweyWest(lag, prewhite = FALSE, adjust = FALSE): Bartlett weights
};

// The regressors: one named column per term, all of the same length (the rows, in time order
// when Newey–West is asked for, since its lags run over neighbouring rows).
struct Design {
  std::vector<std::string> terms;
  std::vector<std::vector<double>> columns;

  std::size_t rows() const { return columns.empty() ? 0 : columns.front().size(); }
};

struct GlmOptions {
  GlmFamily family = GlmFamily::kPoisson;
  CovarianceKind covariance = CovarianceKind::kModel;
  int hac_lag = 0;  // for kNeweyWest
  // R's glm convergence rule: |dev − dev_old| / (|dev| + 0.1) < epsilon. R's default is 1e-8;
  // 1e-14 makes the estimates agree with R at that setting to far below 1e-6.
  double epsilon = 1e-14;
  int max_iterations = 25;  // glm.control's maxit, for the IRLS and for glm.nb's alternation
};

struct Coefficient {
  std::string term;
  double estimate = 0;
  double std_error = 0;
  double z = 0;
  double p_value = 0;  // two-sided, from the normal distribution
  double ci_low = 0;   // estimate ± 1.959964 × std_error
  double ci_high = 0;
};

struct GlmFit {
  GlmFamily family = GlmFamily::kPoisson;
  std::vector<Coefficient> coefficients;  // in the order of Design::terms
  // The covariance the standard errors come from, row-major, terms × terms.
  std::vector<double> covariance;
  std::vector<double> fitted;  // μ of each row
  std::size_t n = 0;
  std::size_t df_residual = 0;
  double dispersion = 1;  // 1 for Poisson and negative binomial
  double deviance = 0;
  int iterations = 0;                // IRLS iterations of the final fit (R's `iter`)
  std::optional<double> theta;       // negative binomial only
  int theta_alternations = 0;        // glm.nb's outer loop, negative binomial only
};

// The z quantile of a two-sided 95 % interval, as spec/stats.md fixes it.
inline constexpr double kZ95 = 1.959964;

// Fits `counts` (non-negative whole numbers) on `design`, with `offset` added to the linear
// predictor (empty: none; otherwise one value per row, already on the log scale).
// Errors (kInvalidInput): sizes that do not match, no more rows than terms, a term that is a
// linear combination of the others (named), no convergence within max_iterations, θ that does
// not settle, or any result that is not finite.
Result<GlmFit> FitGlm(const Design& design, const std::vector<double>& counts,
                      const std::vector<double>& offset, const GlmOptions& options);

}  // namespace sv::stats
