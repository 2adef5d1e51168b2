#include "app/stats_command.h"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <ostream>

#include <nlohmann/json.hpp>

namespace sv::app {

namespace {

nlohmann::ordered_json RateRatioJson(const stats::RateRatio& r) {
  nlohmann::ordered_json j;
  j["term"] = r.term;
  j["rate_ratio"] = r.rate_ratio;
  j["ci_low"] = r.ci_low;
  j["ci_high"] = r.ci_high;
  return j;
}

// The object of spec/stats.md, keys in its order.
nlohmann::ordered_json ItsJson(const stats::ItsResult& r) {
  const stats::GlmFit& fit = r.fit;
  nlohmann::ordered_json j;
  j["family"] = std::string(stats::GlmFamilyName(fit.family));
  j["n"] = fit.n;
  j["df_residual"] = fit.df_residual;
  j["dispersion"] = fit.dispersion;
  j["deviance"] = fit.deviance;
  j["iterations"] = fit.iterations;
  j["converged"] = true;  // a fit that did not converge is an error, never a result
  j["theta"] = fit.theta ? nlohmann::ordered_json(*fit.theta) : nlohmann::ordered_json();
  nlohmann::ordered_json coefficients = nlohmann::ordered_json::array();
  for (const stats::Coefficient& c : fit.coefficients) {
    nlohmann::ordered_json row;
    row["term"] = c.term;
    row["estimate"] = c.estimate;
    row["std_error"] = c.std_error;
    row["z"] = c.z;
    row["p_value"] = c.p_value;
    row["ci_low"] = c.ci_low;
    row["ci_high"] = c.ci_high;
    coefficients.push_back(std::move(row));
  }
  j["coefficients"] = std::move(coefficients);
  j["effects"]["level_change"] = RateRatioJson(r.level_change);
  j["effects"]["slope_change"] =
      r.slope_change ? RateRatioJson(*r.slope_change) : nlohmann::ordered_json();
  return j;
}

std::string Fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string PValue(double p) {
  if (p < 0.0001) return "<0.0001";
  return Fixed(p, 4);
}

std::string Change(const stats::RateRatio& r) {
  const auto percent = [](double ratio) { return Fixed(100 * (ratio - 1), 1) + " %"; };
  return "rate ratio " + Fixed(r.rate_ratio, 4) + " (95 % CI " + Fixed(r.ci_low, 4) + "–" +
         Fixed(r.ci_high, 4) + "), " + percent(r.rate_ratio) + " (" + percent(r.ci_low) +
         " to " + percent(r.ci_high) + ")";
}

void WriteTable(const stats::ItsResult& r, const stats::ItsSpec& spec, std::ostream& out) {
  const stats::GlmFit& fit = r.fit;
  out << "Interrupted time series, " << stats::GlmFamilyName(fit.family) << ": " << fit.n
      << " rows, " << fit.df_residual << " residual degrees of freedom\n";
  out << "deviance " << Fixed(fit.deviance, 4) << ", dispersion " << Fixed(fit.dispersion, 6);
  if (fit.theta) out << ", theta " << Fixed(*fit.theta, 4);
  out << ", " << fit.iterations << " iterations\n";
  out << "standard errors: "
      << (spec.glm.covariance == stats::CovarianceKind::kNeweyWest
              ? "Newey-West, lag " + std::to_string(spec.glm.hac_lag)
              : std::string("model-based"))
      << "\n\n";
  std::size_t width = 4;
  for (const stats::Coefficient& c : fit.coefficients) width = std::max(width, c.term.size());
  out << std::left << std::setw(static_cast<int>(width)) << "term" << std::right
      << std::setw(14) << "estimate" << std::setw(12) << "std. error" << std::setw(10) << "z"
      << std::setw(10) << "p" << "   95 % CI\n";
  for (const stats::Coefficient& c : fit.coefficients) {
    out << std::left << std::setw(static_cast<int>(width)) << c.term << std::right
        << std::setw(14) << Fixed(c.estimate, 6) << std::setw(12) << Fixed(c.std_error, 6)
        << std::setw(10) << Fixed(c.z, 2) << std::setw(10) << PValue(c.p_value) << "   "
        << Fixed(c.ci_low, 6) << " to " << Fixed(c.ci_high, 6) << "\n";
  }
  out << "\nlevel change (" << r.level_change.term << "): " << Change(r.level_change) << "\n";
  if (r.slope_change) {
    out << "slope change per time unit (" << r.slope_change->term
        << "): " << Change(*r.slope_change) << "\n";
  }
}

}  // namespace

int RunStatsIts(const std::string& data, const stats::ItsSpec& spec, bool json, std::ostream& out,
                std::ostream& err) {
  std::ifstream file(data, std::ios::binary);
  if (!file) {
    err << "samverkan: cannot open " << data << "\n";
    return 2;
  }
  Result<stats::SeriesTable> table = stats::ReadSeriesCsv(file, data, spec.Columns());
  if (!table.ok()) {
    err << "samverkan: " << table.status().message() << "\n";
    return 1;
  }
  Result<stats::ItsResult> result = stats::FitIts(*table, spec);
  if (!result.ok()) {
    err << "samverkan: " << data << ": " << result.status().message() << "\n";
    return 1;
  }
  if (json) {
    out << ItsJson(*result).dump() << "\n";
  } else {
    WriteTable(*result, spec, out);
  }
  out.flush();
  if (!out) {
    err << "samverkan: writing the output failed\n";
    return 1;
  }
  return 0;
}

}  // namespace sv::app
