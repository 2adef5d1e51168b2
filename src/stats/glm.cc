#include "stats/glm.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include <Eigen/Dense>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include "stats/detail/sandwich.h"

namespace sv::stats {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Boost.Math reports domain errors through errno instead of exceptions: the arguments are checked
// to be positive and finite before each call, and results are checked to be finite after.
using NoThrow = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>>;

// R clamps μ and dμ/dη of the log link at the machine epsilon (poisson()$linkinv, $mu.eta).
constexpr double kMinMu = std::numeric_limits<double>::epsilon();

// Ulps of rounding per part of a unit deviance (see CountFamily::DevianceRounding).
constexpr double kRoundingUlps = 16;

// glm.control's default epsilon: a negative binomial alternation whose last change is below it has
// settled even when the (much tighter) requested epsilon is out of the rounding's reach.
constexpr double kSettledAlternation = 1e-8;

// Columns whose pivot is below this fraction of the largest pivot are taken as aliased.
constexpr double kRankTolerance = 1e-10;

// The variance function and deviance of a log-link count family. θ = ∞ is Poisson.
struct CountFamily {
  double theta = std::numeric_limits<double>::infinity();

  bool poisson() const { return std::isinf(theta); }
  double Variance(double mu) const { return poisson() ? mu : mu + mu * mu / theta; }
  // R's poisson()$dev.resids and negative.binomial(theta)$dev.resids.
  double UnitDeviance(double y, double mu) const {
    if (poisson()) return y > 0 ? 2 * (y * std::log(y / mu) - (y - mu)) : 2 * mu;
    return 2 * (y * std::log(std::max(1.0, y) / mu) -
                (y + theta) * std::log((y + theta) / (mu + theta)));
  }
  double Deviance(const VectorXd& y, const VectorXd& mu) const {
    double sum = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) sum += UnitDeviance(y[i], mu[i]);
    return sum;
  }
  // How far rounding alone can move Deviance(): each unit deviance is a small difference of two
  // larger parts (y·log(y/μ) and (y+θ)·log((y+θ)/(μ+θ)) for a large θ), so its error is a few
  // ulps of the parts, not of the difference.
  double DevianceRounding(const VectorXd& y, const VectorXd& mu) const {
    double parts = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      if (poisson()) {
        parts += std::abs(y[i] * std::log(std::max(y[i], 1.0) / mu[i])) + y[i] + mu[i];
      } else {
        parts += std::abs(y[i] * std::log(std::max(1.0, y[i]) / mu[i])) +
                 std::abs((y[i] + theta) * std::log((y[i] + theta) / (mu[i] + theta)));
      }
    }
    return 2 * kRoundingUlps * std::numeric_limits<double>::epsilon() * parts;
  }
};

VectorXd InverseLink(const VectorXd& eta) { return eta.array().exp().max(kMinMu); }

struct IrlsFit {
  VectorXd beta;
  VectorXd mu;
  double deviance = 0;
  int iterations = 0;
};

// R's glm.fit for a log link: from `eta` (the full linear predictor, offset included), repeats
// the weighted least-squares step, each solved by a Householder QR of the weighted design, until
// the relative change of the deviance is below epsilon. The design is known to have full rank.
Result<IrlsFit> Irls(const MatrixXd& x, const VectorXd& y, const VectorXd& offset, VectorXd eta,
                     const CountFamily& family, const GlmOptions& options) {
  VectorXd mu = InverseLink(eta);
  double deviance_old = family.Deviance(y, mu);
  VectorXd beta_old;
  MatrixXd weighted_x(x.rows(), x.cols());
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    // dμ/dη = μ for the log link, so the working weight μ²/V(μ) and the working response follow.
    const VectorXd mu_eta = eta.array().exp().max(kMinMu);
    const VectorXd variance = mu.unaryExpr([&](double m) { return family.Variance(m); });
    const VectorXd z = (eta - offset).array() + (y - mu).array() / mu_eta.array();
    const VectorXd w = (mu_eta.array().square() / variance.array()).sqrt();
    weighted_x = x.array().colwise() * w.array();
    VectorXd beta = weighted_x.householderQr().solve(z.cwiseProduct(w));
    eta = x * beta + offset;
    mu = InverseLink(eta);
    double deviance = family.Deviance(y, mu);
    // glm.fit's step halving when the deviance is not finite (a step that overflows exp).
    for (int halving = 0; !std::isfinite(deviance) && beta_old.size() > 0 && halving < 50;
         ++halving) {
      beta = (beta + beta_old) / 2;
      eta = x * beta + offset;
      mu = InverseLink(eta);
      deviance = family.Deviance(y, mu);
    }
    if (!std::isfinite(deviance) || !beta.allFinite()) {
      return Status::InvalidInput("the model cannot be fitted: its deviance is not finite at "
                                  "iteration " + std::to_string(iteration));
    }
    // R's rule, or a change that rounding alone explains: with epsilon = 1e-14 the first can be
    // out of reach for a negative binomial with a large θ, whose deviance is a sum of small
    // differences of large numbers (R reaches it or not by the luck of its rounding).
    const double change = std::abs(deviance - deviance_old);
    if (change / (std::abs(deviance) + 0.1) < options.epsilon ||
        change <= family.DevianceRounding(y, mu)) {
      return IrlsFit{std::move(beta), std::move(mu), deviance, iteration};
    }
    deviance_old = deviance;
    beta_old = std::move(beta);
  }
  std::ostringstream epsilon;
  epsilon << options.epsilon;
  return Status::InvalidInput("the model did not converge in " +
                              std::to_string(options.max_iterations) +
                              " iterations (the relative change of the deviance stayed above " +
                              epsilon.str() + ")");
}

// The first term that is a linear combination of the terms before it, or -1 when the design has
// full rank. Checked once on the unweighted design: positive weights do not change the rank.
Eigen::Index AliasedTerm(const MatrixXd& x) {
  Eigen::ColPivHouseholderQR<MatrixXd> qr(x);
  qr.setThreshold(kRankTolerance);
  if (qr.rank() == x.cols()) return -1;
  // Only on the error path: the first j whose leading columns lose rank names the culprit.
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    if (x.col(j).cwiseAbs().maxCoeff() == 0) return j;  // a column of zeros
    Eigen::ColPivHouseholderQR<MatrixXd> leading(x.leftCols(j + 1));
    leading.setThreshold(kRankTolerance);
    if (leading.rank() <= j) return j;
  }
  return x.cols() - 1;  // not reached: the whole design has lower rank
}

double NegativeBinomialLogLikelihood(const VectorXd& y, const VectorXd& mu, double theta) {
  double sum = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    sum += std::lgamma(theta + y[i]) - std::lgamma(theta) - std::lgamma(y[i] + 1) +
           theta * std::log(theta) + y[i] * std::log(mu[i] + (y[i] == 0 ? 1 : 0)) -
           (theta + y[i]) * std::log(theta + mu[i]);
  }
  return sum;
}

// MASS::theta.ml exactly: Newton's method on the score of θ from the moment estimate
// n / Σ(y/μ − 1)², stopping when a step is below ε^¼ (R's default) or after `limit` − 1 steps.
// glm.nb relies on the outer alternation, not on this loop, for the final precision, so the
// same start and stopping rule are what make θ agree with R.
Result<double> ThetaMaximumLikelihood(const VectorXd& y, const VectorXd& mu, int limit) {
  const double n = static_cast<double>(y.size());
  const double eps = std::pow(std::numeric_limits<double>::epsilon(), 0.25);
  double t0 = n / (y.array() / mu.array() - 1).square().sum();
  double step = 1;
  int it = 0;
  while (++it < limit && std::abs(step) > eps) {
    t0 = std::abs(t0);
    if (!std::isfinite(t0) || t0 <= 0) break;
    double score = 0;
    double info = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      const double th_y = t0 + y[i];
      const double th_mu = t0 + mu[i];
      score += boost::math::digamma(th_y, NoThrow()) - boost::math::digamma(t0, NoThrow()) +
               std::log(t0) + 1 - std::log(th_mu) - th_y / th_mu;
      info += -boost::math::trigamma(th_y, NoThrow()) + boost::math::trigamma(t0, NoThrow()) -
              1 / t0 + 2 / th_mu - th_y / (th_mu * th_mu);
    }
    step = score / info;
    t0 += step;
  }
  if (!std::isfinite(t0) || t0 <= 0 || it >= limit) {
    return Status::InvalidInput(
        "the negative binomial θ has no finite maximum-likelihood estimate (the counts may "
        "show no overdispersion: use --family poisson or quasipoisson)");
  }
  return t0;
}

struct NegativeBinomialFit {
  IrlsFit irls;
  double theta = 0;
  int alternations = 0;
};

// MASS::glm.nb: a Poisson fit, then alternately θ by maximum likelihood at the current μ and the
// IRLS at that θ, until the log-likelihood and θ stop changing.
Result<NegativeBinomialFit> FitNegativeBinomial(const MatrixXd& x, const VectorXd& y,
                                                const VectorXd& offset, VectorXd start_eta,
                                                const GlmOptions& options) {
  Result<IrlsFit> fit = Irls(x, y, offset, std::move(start_eta), CountFamily{}, options);
  if (!fit.ok()) return fit.status();
  VectorXd mu = fit->mu;
  Result<double> theta = ThetaMaximumLikelihood(y, mu, options.max_iterations);
  if (!theta.ok()) return theta.status();
  const double d1 = std::sqrt(2 * std::max(1.0, static_cast<double>(x.rows() - x.cols())));
  const double d2 = 1;
  double del = 1;
  double lm = NegativeBinomialLogLikelihood(y, mu, *theta);
  double lm0 = lm + 2 * d1;
  int alternation = 0;
  double change = std::abs(lm0 - lm) / d1 + std::abs(del) / d2;
  while (++alternation <= options.max_iterations && change > options.epsilon) {
    fit = Irls(x, y, offset, mu.array().log().matrix(), CountFamily{*theta}, options);
    if (!fit.ok()) return fit.status();
    const double theta_before = *theta;
    // As glm.nb: θ from the μ of the previous fit, then μ moves on.
    theta = ThetaMaximumLikelihood(y, mu, options.max_iterations);
    if (!theta.ok()) return theta.status();
    mu = fit->mu;
    del = theta_before - *theta;
    lm0 = lm;
    lm = NegativeBinomialLogLikelihood(y, mu, *theta);
    change = std::abs(lm0 - lm) / d1 + std::abs(del) / d2;
  }
  // The log-likelihood sums a few hundred lgamma terms, so its rounding alone moves it by about
  // 1e-13 between alternations and a criterion of 1e-14 is rarely met: R's glm.nb then warns
  // "alternation limit reached" and returns the estimate, settled to that rounding. The same
  // estimate is accepted here when the last change is below R's default tolerance.
  if (alternation > options.max_iterations && change > kSettledAlternation) {
    return Status::InvalidInput("the negative binomial fit did not converge: θ and the "
                                "coefficients still changed after " +
                                std::to_string(options.max_iterations) + " alternations");
  }
  return NegativeBinomialFit{std::move(*fit), *theta, std::min(alternation, options.max_iterations)};
}

Status CheckInputs(const Design& design, const std::vector<double>& counts,
                   const std::vector<double>& offset, const GlmOptions& options) {
  const std::size_t n = counts.size();
  const std::size_t p = design.terms.size();
  if (p == 0) return Status::InvalidInput("the model has no terms");
  if (design.columns.size() != p) return Status::InvalidInput("a term has no column");
  for (std::size_t j = 0; j < p; ++j) {
    if (design.columns[j].size() != n) {
      return Status::InvalidInput("term `" + design.terms[j] + "` has " +
                                  std::to_string(design.columns[j].size()) + " values for " +
                                  std::to_string(n) + " counts");
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(design.columns[j][i])) {
        return Status::InvalidInput("term `" + design.terms[j] + "`, row " +
                                    std::to_string(i + 1) + ": not a finite number");
      }
    }
  }
  if (!offset.empty() && offset.size() != n) {
    return Status::InvalidInput("the offset has " + std::to_string(offset.size()) +
                                " values for " + std::to_string(n) + " counts");
  }
  for (std::size_t i = 0; i < offset.size(); ++i) {
    if (!std::isfinite(offset[i])) {
      return Status::InvalidInput("row " + std::to_string(i + 1) + ": the offset is not finite");
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!(counts[i] >= 0) || counts[i] != std::floor(counts[i]) || !std::isfinite(counts[i])) {
      return Status::InvalidInput("row " + std::to_string(i + 1) +
                                  ": the count is not a non-negative whole number");
    }
  }
  if (n <= p) {
    return Status::InvalidInput("too few rows: " + std::to_string(n) + " rows for " +
                                std::to_string(p) + " terms (need at least " +
                                std::to_string(p + 1) + ")");
  }
  if (options.covariance == CovarianceKind::kNeweyWest && options.hac_lag < 0) {
    return Status::InvalidInput("the Newey–West lag must not be negative");
  }
  if (options.max_iterations < 1 || !(options.epsilon > 0)) {
    return Status::InvalidInput("the convergence settings must be positive");
  }
  return {};
}

}  // namespace

std::string_view GlmFamilyName(GlmFamily family) {
  switch (family) {
    case GlmFamily::kPoisson:
      return "poisson";
    case GlmFamily::kQuasiPoisson:
      return "quasipoisson";
    case GlmFamily::kNegativeBinomial:
      return "negbin";
  }
  return "poisson";
}

std::optional<GlmFamily> ParseGlmFamily(std::string_view name) {
  for (GlmFamily f :
       {GlmFamily::kPoisson, GlmFamily::kQuasiPoisson, GlmFamily::kNegativeBinomial}) {
    if (GlmFamilyName(f) == name) return f;
  }
  return std::nullopt;
}

Result<GlmFit> FitGlm(const Design& design, const std::vector<double>& counts,
                      const std::vector<double>& offset, const GlmOptions& options) {
  SV_RETURN_IF_ERROR(CheckInputs(design, counts, offset, options));
  const Eigen::Index n = static_cast<Eigen::Index>(counts.size());
  const Eigen::Index p = static_cast<Eigen::Index>(design.terms.size());
  MatrixXd x(n, p);
  for (Eigen::Index j = 0; j < p; ++j) {
    x.col(j) = Eigen::Map<const VectorXd>(design.columns[static_cast<std::size_t>(j)].data(), n);
  }
  const VectorXd y = Eigen::Map<const VectorXd>(counts.data(), n);
  const VectorXd off =
      offset.empty() ? VectorXd::Zero(n) : VectorXd(Eigen::Map<const VectorXd>(offset.data(), n));

  if (const Eigen::Index aliased = AliasedTerm(x); aliased >= 0) {
    return Status::InvalidInput("term `" + design.terms[static_cast<std::size_t>(aliased)] +
                                "` is a linear combination of the terms before it (or zero): "
                                "the model cannot separate their effects");
  }

  // R's poisson()$initialize: μ = y + 0.1, η = log μ (the offset is not subtracted).
  VectorXd start_eta = (y.array() + 0.1).log();
  GlmFit out;
  out.family = options.family;
  CountFamily family;
  IrlsFit irls;
  if (options.family == GlmFamily::kNegativeBinomial) {
    Result<NegativeBinomialFit> nb = FitNegativeBinomial(x, y, off, std::move(start_eta), options);
    if (!nb.ok()) return nb.status();
    family.theta = nb->theta;
    irls = std::move(nb->irls);
    out.theta = nb->theta;
    out.theta_alternations = nb->alternations;
  } else {
    Result<IrlsFit> fit = Irls(x, y, off, std::move(start_eta), family, options);
    if (!fit.ok()) return fit.status();
    irls = std::move(*fit);
  }

  // The covariance at the final estimate: (X'WX)⁻¹ from the QR of √W·X, W = μ²/V(μ).
  const VectorXd& mu = irls.mu;
  const VectorXd variance = mu.unaryExpr([&](double m) { return family.Variance(m); });
  const VectorXd working_weight = mu.array().square() / variance.array();
  const MatrixXd weighted_x = x.array().colwise() * working_weight.array().sqrt();
  const Eigen::HouseholderQR<MatrixXd> qr(weighted_x);
  const MatrixXd r = qr.matrixQR().topRows(p).triangularView<Eigen::Upper>();
  const MatrixXd r_inverse =
      r.triangularView<Eigen::Upper>().solve(MatrixXd::Identity(p, p));
  const MatrixXd unscaled = r_inverse * r_inverse.transpose();

  out.n = static_cast<std::size_t>(n);
  out.df_residual = static_cast<std::size_t>(n - p);
  out.deviance = irls.deviance;
  out.iterations = irls.iterations;
  if (options.family == GlmFamily::kQuasiPoisson) {
    const double pearson = ((y - mu).array().square() / variance.array()).sum();
    out.dispersion = pearson / static_cast<double>(n - p);
  }

  MatrixXd covariance;
  if (options.covariance == CovarianceKind::kModel) {
    covariance = out.dispersion * unscaled;
  } else {
    const VectorXd working_residual = (y - mu).array() / mu.array();
    const MatrixXd psi = detail::EstimatingFunctions(x, working_weight, working_residual);
    const int lag = options.covariance == CovarianceKind::kNeweyWest ? options.hac_lag : 0;
    covariance = detail::NeweyWestCovariance(unscaled, psi, lag);
  }
  if (!covariance.allFinite() || !std::isfinite(out.deviance) || !std::isfinite(out.dispersion)) {
    return Status::InvalidInput("the fit gave no finite covariance: the model cannot be trusted");
  }

  out.coefficients.reserve(static_cast<std::size_t>(p));
  for (Eigen::Index j = 0; j < p; ++j) {
    Coefficient c;
    c.term = design.terms[static_cast<std::size_t>(j)];
    c.estimate = irls.beta[j];
    const double var = covariance(j, j);
    if (!(var > 0)) {
      return Status::InvalidInput("term `" + c.term +
                                  "` has no positive variance: the model cannot be trusted");
    }
    c.std_error = std::sqrt(var);
    c.z = c.estimate / c.std_error;
    c.p_value = std::erfc(std::abs(c.z) / std::sqrt(2.0));
    c.ci_low = c.estimate - kZ95 * c.std_error;
    c.ci_high = c.estimate + kZ95 * c.std_error;
    out.coefficients.push_back(std::move(c));
  }
  out.covariance.resize(static_cast<std::size_t>(p * p));
  for (Eigen::Index i = 0; i < p; ++i) {
    for (Eigen::Index j = 0; j < p; ++j) {
      out.covariance[static_cast<std::size_t>(i * p + j)] = covariance(i, j);
    }
  }
  out.fitted.assign(mu.data(), mu.data() + n);
  return out;
}

}  // namespace sv::stats
