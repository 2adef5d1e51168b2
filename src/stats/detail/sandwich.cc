#include "stats/detail/sandwich.h"

#include <algorithm>

namespace sv::stats::detail {

// R's sandwich (bread.glm, estfun.glm) scales the estimating functions by 1/φ and the bread by φ,
// where φ = Σ(wᵢrᵢ)² / Σwᵢ for quasi families and 1 otherwise; in bread·meat·bread the φ² of the
// two breads meets the 1/φ² of the meat, so no dispersion appears here for any family. (The n of
// R's bread and meat cancels the same way.)
Eigen::MatrixXd EstimatingFunctions(const Eigen::MatrixXd& x, const Eigen::VectorXd& working_weight,
                                    const Eigen::VectorXd& working_residual) {
  const Eigen::VectorXd score = working_weight.cwiseProduct(working_residual);
  return x.array().colwise() * score.array();
}

Eigen::MatrixXd NeweyWestCovariance(const Eigen::MatrixXd& bread, const Eigen::MatrixXd& psi,
                                    int lag) {
  const Eigen::Index n = psi.rows();
  Eigen::MatrixXd meat = psi.transpose() * psi;
  // sandwich keeps at most n weights: lags beyond the series add nothing.
  const Eigen::Index max_lag = std::min<Eigen::Index>(lag, n - 1);
  for (Eigen::Index l = 1; l <= max_lag; ++l) {
    const double weight = 1.0 - static_cast<double>(l) / static_cast<double>(lag + 1);
    const Eigen::MatrixXd gamma =
        psi.topRows(n - l).transpose() * psi.bottomRows(n - l);
    meat += weight * (gamma + gamma.transpose());
  }
  return bread * meat * bread;
}

}  // namespace sv::stats::detail
