#pragma once
// The robust covariances of R's `sandwich` package for a GLM, on Eigen types (only the .cc files
// of `stats` include this; Eigen stays out of the module's public headers).

#include <Eigen/Dense>

namespace sv::stats::detail {

// sandwich's estimating functions ψᵢ = wᵢ rᵢ xᵢ (working weight × working residual × row), one
// row each. The dispersion R divides them by is left out: R multiplies the bread by the same
// dispersion, so for quasi-Poisson it cancels and the result equals Poisson's (see the .cc).
Eigen::MatrixXd EstimatingFunctions(const Eigen::MatrixXd& x, const Eigen::VectorXd& working_weight,
                                    const Eigen::VectorXd& working_residual);

// bread · meat · bread with bread = (X'WX)⁻¹ and the meat Σ ψᵢψᵢ' plus, for lag L > 0, the
// Bartlett-weighted autocovariances Σₗ (1 − l/(L+1)) (Γₗ + Γₗ'), Γₗ = Σₜ ψₜψₜ₊ₗ'. Lag 0 is HC0.
// No prewhitening and no small-sample factor (NeweyWest(prewhite = FALSE, adjust = FALSE)).
Eigen::MatrixXd NeweyWestCovariance(const Eigen::MatrixXd& bread, const Eigen::MatrixXd& psi,
                                    int lag);

}  // namespace sv::stats::detail
