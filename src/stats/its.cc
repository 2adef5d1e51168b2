#include "stats/its.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace sv::stats {

namespace {

std::string RowText(std::size_t i) { return "row " + std::to_string(i + 1); }

Result<const std::vector<double>*> Column(const SeriesTable& table, const std::string& name) {
  const std::vector<double>* column = table.Find(name);
  if (column == nullptr) return Status::InvalidInput("no column `" + name + "`", name);
  return column;
}

Status CheckZeroOne(const std::vector<double>& values, const std::string& name) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] != 0 && values[i] != 1) {
      return Status::InvalidInput("column `" + name + "`, " + RowText(i) + ": " +
                                      std::to_string(values[i]) + " is not 0 or 1",
                                  name);
    }
  }
  return {};
}

// The intervention must be 0 before and 1 from its start on within each series (the treated and
// the control series of a controlled design are checked apart). Returns t0, the last time before
// the first row with the intervention.
Result<double> LastTimeBefore(const std::vector<double>& time, const std::vector<double>& on,
                              const std::vector<double>* group, const std::string& name) {
  double first_on = std::numeric_limits<double>::infinity();
  bool any_off = false;
  for (std::size_t i = 0; i < on.size(); ++i) {
    if (on[i] == 1) first_on = std::min(first_on, time[i]);
    any_off = any_off || on[i] == 0;
  }
  if (std::isinf(first_on)) {
    return Status::InvalidInput("column `" + name + "` is 0 in every row: no rows after the "
                                "intervention", name);
  }
  for (double series : {0.0, 1.0}) {
    double series_first_on = std::numeric_limits<double>::infinity();
    std::size_t first_on_row = 0;
    for (std::size_t i = 0; i < on.size(); ++i) {
      if ((group == nullptr || (*group)[i] == series) && on[i] == 1 && time[i] < series_first_on) {
        series_first_on = time[i];
        first_on_row = i;
      }
    }
    for (std::size_t i = 0; i < on.size(); ++i) {
      if ((group == nullptr || (*group)[i] == series) && on[i] == 0 && time[i] >= series_first_on) {
        return Status::InvalidInput(
            "column `" + name + "`, " + RowText(i) + ": 0 at time " + std::to_string(time[i]) +
                ", after the intervention began (" + RowText(first_on_row) +
                "): it must be 0 before and 1 from its start on",
            name);
      }
    }
    if (group == nullptr) break;
  }
  double t0 = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < on.size(); ++i) {
    if (on[i] == 0 && time[i] < first_on) t0 = std::max(t0, time[i]);
  }
  if (!any_off || std::isinf(t0)) {
    return Status::InvalidInput("column `" + name + "` is 1 from the first time on: no rows "
                                "before the intervention", name);
  }
  return t0;
}

}  // namespace

std::vector<std::string> ItsSpec::Columns() const {
  std::vector<std::string> columns = {count, time, intervention};
  if (offset) columns.push_back(*offset);
  if (season) columns.push_back(season->column);
  columns.insert(columns.end(), covariates.begin(), covariates.end());
  if (group) columns.push_back(*group);
  std::vector<std::string> unique;
  for (std::string& c : columns) {
    if (std::find(unique.begin(), unique.end(), c) == unique.end()) unique.push_back(std::move(c));
  }
  return unique;
}

Result<ItsDesign> BuildItsDesign(const SeriesTable& table, const ItsSpec& spec) {
  for (const std::string& name : spec.Columns()) {
    if (table.Find(name) == nullptr) return Status::InvalidInput("no column `" + name + "`", name);
  }
  const std::vector<double>& count = **Column(table, spec.count);
  const std::vector<double>& time = **Column(table, spec.time);
  const std::vector<double>& on = **Column(table, spec.intervention);
  const std::vector<double>* group = spec.group ? *Column(table, *spec.group) : nullptr;
  const std::size_t n = table.rows();

  for (std::size_t i = 0; i < n; ++i) {
    if (count[i] < 0 || count[i] != std::floor(count[i])) {
      return Status::InvalidInput("column `" + spec.count + "`, " + RowText(i) + ": " +
                                      std::to_string(count[i]) +
                                      " is not a count (a non-negative whole number)",
                                  spec.count);
    }
  }
  SV_RETURN_IF_ERROR(CheckZeroOne(on, spec.intervention));
  if (group != nullptr) SV_RETURN_IF_ERROR(CheckZeroOne(*group, *spec.group));
  if (n == 0) return Status::InvalidInput("the table has no rows");
  Result<double> t0 = LastTimeBefore(time, on, group, spec.intervention);
  if (!t0.ok()) return t0.status();

  ItsDesign out;
  out.t0 = *t0;
  out.counts = count;
  Design& d = out.design;
  auto add = [&d](std::string term, std::vector<double> values) {
    d.terms.push_back(std::move(term));
    d.columns.push_back(std::move(values));
  };
  add("(Intercept)", std::vector<double>(n, 1.0));
  out.intervention_terms.push_back(d.terms.size());
  add("intervention", on);
  add("time", time);
  if (spec.slope_change) {
    std::vector<double> after(n);
    for (std::size_t i = 0; i < n; ++i) after[i] = (time[i] - *t0) * on[i];
    out.intervention_terms.push_back(d.terms.size());
    add("time_after", std::move(after));
  }
  std::vector<std::size_t> seasonal_terms;
  if (spec.season) {
    const Seasonality& s = *spec.season;
    if (s.harmonics < 1) {
      return Status::InvalidInput("--harmonics must be at least 1", "harmonics");
    }
    if (!(s.period > 0) || !std::isfinite(s.period)) {
      return Status::InvalidInput("--period must be a positive number", "period");
    }
    if (2.0 * s.harmonics > s.period) {
      return Status::InvalidInput("--harmonics " + std::to_string(s.harmonics) +
                                      " is more than half the period: the higher Fourier terms "
                                      "repeat the lower ones",
                                  "harmonics");
    }
    const std::vector<double>& season = **Column(table, s.column);
    for (const char* fn : {"sin", "cos"}) {
      for (int k = 1; k <= s.harmonics; ++k) {
        std::vector<double> values(n);
        for (std::size_t i = 0; i < n; ++i) {
          const double angle = 2 * std::numbers::pi * k * season[i] / s.period;
          values[i] = fn[0] == 's' ? std::sin(angle) : std::cos(angle);
        }
        seasonal_terms.push_back(d.terms.size());
        add(std::string(fn) + "_" + std::to_string(k), std::move(values));
      }
    }
  }
  for (const std::string& name : spec.covariates) add(name, **Column(table, name));
  if (group != nullptr) {
    auto interaction = [&](std::size_t term) {
      std::vector<double> values(n);
      for (std::size_t i = 0; i < n; ++i) values[i] = (*group)[i] * d.columns[term][i];
      return values;
    };
    add("group", *group);
    add("group:time", interaction(2));
    for (std::size_t term : seasonal_terms) add("group:" + d.terms[term], interaction(term));
    out.intervention_terms.push_back(d.terms.size());
    add("group:intervention", interaction(1));
  }
  if (spec.offset) {
    const std::vector<double>& offset = **Column(table, *spec.offset);
    out.offset.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (!(offset[i] > 0)) {
        return Status::InvalidInput("column `" + *spec.offset + "`, " + RowText(i) + ": " +
                                        std::to_string(offset[i]) +
                                        " is not positive (the offset is its logarithm)",
                                    *spec.offset);
      }
      out.offset[i] = std::log(offset[i]);
    }
  }
  if (n <= d.terms.size()) {
    return Status::InvalidInput("too few rows: " + std::to_string(n) + " rows for " +
                                std::to_string(d.terms.size()) + " terms (need at least " +
                                std::to_string(d.terms.size() + 1) + ")");
  }
  return out;
}

Result<ItsResult> FitIts(const SeriesTable& table, const ItsSpec& spec) {
  Result<ItsDesign> design = BuildItsDesign(table, spec);
  if (!design.ok()) return design.status();
  Result<GlmFit> fit = FitGlm(design->design, design->counts, design->offset, spec.glm);
  if (!fit.ok()) return fit.status();

  ItsResult out;
  out.t0 = design->t0;
  auto rate_ratio = [&](const std::string& term) {
    for (const Coefficient& c : fit->coefficients) {
      if (c.term == term) {
        return RateRatio{term, std::exp(c.estimate), std::exp(c.ci_low), std::exp(c.ci_high)};
      }
    }
    SV_ASSERT(false && "BuildItsDesign always adds the effect terms it was asked for");
    return RateRatio{};
  };
  out.level_change = rate_ratio(spec.group ? "group:intervention" : "intervention");
  if (spec.slope_change) out.slope_change = rate_ratio("time_after");

  const Design& d = design->design;
  const std::size_t n = d.rows();
  out.counterfactual.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    double eta = design->offset.empty() ? 0.0 : design->offset[i];
    for (std::size_t j = 0; j < d.terms.size(); ++j) {
      const bool switched_off =
          std::find(design->intervention_terms.begin(), design->intervention_terms.end(), j) !=
          design->intervention_terms.end();
      if (!switched_off) eta += d.columns[j][i] * fit->coefficients[j].estimate;
    }
    out.counterfactual[i] = std::exp(eta);
  }
  out.fit = std::move(*fit);
  return out;
}

}  // namespace sv::stats
