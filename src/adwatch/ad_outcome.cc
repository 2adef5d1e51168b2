#include "adwatch/ad_outcome.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "adwatch/ad_watch.h"
#include "stats/series_table.h"
#include "stats/suppression.h"

namespace sv::adwatch {
namespace {

constexpr double kWeeksPerYear = 365.2425 / 7;

// The season of a period: the month of the year (1–12), or the ISO week (1–53).
double SeasonOf(const std::string& label, ads::Period period) {
  // "2026-11" or "2026-W47": the number after the year's dash (and the W).
  const std::size_t at = period == ads::Period::kWeek ? 6 : 5;
  return std::stod(label.substr(at));
}

bool AllFinite(const AdOutcome& o) {
  auto ok = [](double v) { return std::isfinite(v); };
  if (!ok(o.level_change.rate_ratio) || !ok(o.level_change.ci_low) || !ok(o.level_change.ci_high) ||
      !ok(o.dispersion) || (o.theta && !ok(*o.theta))) {
    return false;
  }
  for (const OutcomePoint& p : o.series) {
    if (!ok(p.fitted) || !ok(p.counterfactual) || (p.control_fitted && !ok(*p.control_fitted))) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<AdOutcome> EvaluateAdOutcome(const AdCounts& counts, const OutcomeQuery& query,
                                    const CivilDate& intervention, const CivilDate& today) {
  const ads::Period period = query.period;
  const bool controlled = !query.controls.empty();
  if (!counts.first_day || !counts.last_day) {
    return Status::InvalidInput("no imported ads in municipality " + query.municipality +
                                    (controlled ? " or its controls" : ""),
                                "municipality");
  }
  // Every period from the first day to the last, zeros included, without today's.
  const std::string current = ads::PeriodOf(today, period);
  std::vector<std::string> labels;
  for (int64_t day = DaysFromCivil(*counts.first_day); day <= DaysFromCivil(*counts.last_day);
       ++day) {
    std::string label = ads::PeriodOf(CivilFromDays(day), period);
    if (label >= current) break;
    if (labels.empty() || labels.back() != label) labels.push_back(std::move(label));
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < labels.size(); ++i) index[labels[i]] = i;
  std::vector<int64_t> treated(labels.size(), 0), control(labels.size(), 0);
  for (const ads::CountRow& row : counts.rows) {
    auto at = index.find(row.period);
    if (at == index.end()) continue;
    if (row.municipality == query.municipality) {
      treated[at->second] += row.active_ads;
    } else if (std::find(query.controls.begin(), query.controls.end(), row.municipality) !=
               query.controls.end()) {
      control[at->second] += row.active_ads;
    }
  }

  const std::string start = ads::PeriodOf(intervention, period);
  const std::size_t first_after =
      std::lower_bound(labels.begin(), labels.end(), start) - labels.begin();
  const int before = static_cast<int>(first_after);
  const int after = static_cast<int>(labels.size() - first_after);
  auto sum = [](const std::vector<int64_t>& v, std::size_t from, std::size_t to) {
    int64_t s = 0;
    for (std::size_t i = from; i < to; ++i) s += v[i];
    return s;
  };
  if (sum(treated, 0, labels.size()) == 0) {
    return Status::InvalidInput(
        "no imported ads in municipality " + query.municipality + " in the periods counted",
        "municipality");
  }
  const std::string period_word = period == ads::Period::kWeek ? "weeks" : "months";
  if (before < kMinPeriodsBefore) {
    return Status::InvalidInput("the ads cover " + std::to_string(before) + " " + period_word +
                                    " before the intervention (" + FormatDate(intervention) +
                                    "); at least " + std::to_string(kMinPeriodsBefore) +
                                    " are needed",
                                "intervention");
  }
  if (after < kMinPeriodsAfter) {
    return Status::InvalidInput("the ads cover " + std::to_string(after) + " complete " +
                                    period_word + " from the intervention (" +
                                    FormatDate(intervention) + ") on; at least " +
                                    std::to_string(kMinPeriodsAfter) + " are needed",
                                "intervention");
  }
  // A level that is zero on one side has no finite ratio: say so rather than let the fit fail.
  if (sum(treated, 0, first_after) == 0 || sum(treated, first_after, labels.size()) == 0) {
    return Status::InvalidInput("municipality " + query.municipality + " has no ads " +
                                    (sum(treated, 0, first_after) == 0 ? "before" : "after") +
                                    " the intervention: the change cannot be estimated as a ratio",
                                "intervention");
  }
  if (controlled &&
      (sum(control, 0, first_after) == 0 || sum(control, first_after, labels.size()) == 0)) {
    return Status::InvalidInput(
        "the control municipalities have no ads " +
            std::string(sum(control, 0, first_after) == 0 ? "before" : "after") +
            " the intervention",
        "control");
  }

  // Seasonality only with two full years, one of them before the intervention: otherwise the
  // seasonal terms and the intervention cannot be told apart.
  const int cycle = period == ads::Period::kWeek ? 52 : 12;
  const bool seasonal = static_cast<int>(labels.size()) >= 2 * cycle && before >= cycle;

  // Long format: the treated series, then the summed controls.
  const std::size_t t = labels.size();
  const std::size_t series_count = controlled ? 2 : 1;
  std::vector<double> count, time, on, season, group;
  for (std::size_t s = 0; s < series_count; ++s) {
    const std::vector<int64_t>& values = s == 0 ? treated : control;
    for (std::size_t i = 0; i < t; ++i) {
      count.push_back(static_cast<double>(values[i]));
      time.push_back(static_cast<double>(i + 1));
      on.push_back(i >= first_after ? 1.0 : 0.0);
      season.push_back(SeasonOf(labels[i], period));
      group.push_back(s == 0 ? 1.0 : 0.0);
    }
  }
  stats::SeriesTable table;
  SV_RETURN_IF_ERROR(table.Add("count", std::move(count)));
  SV_RETURN_IF_ERROR(table.Add("time", std::move(time)));
  SV_RETURN_IF_ERROR(table.Add("intervention", std::move(on)));
  stats::ItsSpec spec;
  spec.count = "count";
  spec.time = "time";
  spec.intervention = "intervention";
  if (seasonal) {
    SV_RETURN_IF_ERROR(table.Add("season", std::move(season)));
    spec.season =
        stats::Seasonality{"season", 1, period == ads::Period::kWeek ? kWeeksPerYear : 12.0};
  }
  if (controlled) {
    SV_RETURN_IF_ERROR(table.Add("group", std::move(group)));
    spec.group = "group";
  }
  spec.glm.family = query.family;
  Result<stats::ItsResult> fit = stats::FitIts(table, spec);
  if (!fit.ok()) {
    return Status::InvalidInput(
        "the " + std::string(stats::GlmFamilyName(query.family)) +
            " model could not be fitted to these ads: " + fit.status().message(),
        "family");
  }

  AdOutcome out;
  out.municipality = query.municipality;
  out.controls = query.controls;
  out.period = period;
  out.intervention = intervention;
  out.intervention_period = labels[first_after];
  out.level_change = fit->level_change;
  out.periods_before = before;
  out.periods_after = after;
  out.family = fit->fit.family;
  for (const stats::Coefficient& c : fit->fit.coefficients) out.terms.push_back(c.term);
  out.n = fit->fit.n;
  out.df_residual = fit->fit.df_residual;
  out.dispersion = fit->fit.dispersion;
  out.theta = fit->fit.theta;
  out.seasonal = seasonal;
  const double ratio = fit->level_change.rate_ratio;
  for (std::size_t i = 0; i < t; ++i) {
    OutcomePoint p;
    p.period = labels[i];
    p.after = i >= first_after;
    p.observed = treated[i];
    p.fitted = fit->fit.fitted[i];
    // With controls the engine's counterfactual also removes the change the controls share
    // (`intervention`); the treated series without its own effect keeps that: only
    // `group:intervention`, a 0/1 term, is taken out. Without controls the two agree.
    p.counterfactual =
        controlled ? (p.after ? p.fitted / ratio : p.fitted) : fit->counterfactual[i];
    if (controlled) {
      p.control_observed = control[i];
      p.control_fitted = fit->fit.fitted[t + i];
    }
    out.series.push_back(std::move(p));
  }
  out.caveats = {"no_randomisation", "concurrent_changes", "displacement", "ads_not_persons",
                 "coverage"};
  if (!seasonal) out.caveats.push_back("no_seasonality");
  if (ads::PeriodOf(AddDays(intervention, -1), period) == out.intervention_period) {
    out.caveats.push_back("intervention_mid_period");
  }
  if (query.family == stats::GlmFamily::kPoisson) out.caveats.push_back("poisson_dispersion");
  if (!AllFinite(out)) {
    return Status::InvalidInput("the model gave numbers that are not finite for these ads",
                                "family");
  }
  return out;
}

void SuppressObserved(AdOutcome& outcome, int64_t min_cell) {
  stats::CountTable table;
  for (const OutcomePoint& p : outcome.series) {
    table.cells.push_back(p.observed);
    if (p.control_observed) table.cells.push_back(*p.control_observed);
  }
  const std::vector<bool> hidden = stats::Suppress(table, min_cell);
  std::size_t at = 0;
  for (OutcomePoint& p : outcome.series) {
    p.suppressed = hidden[at++];
    if (p.suppressed) p.observed = 0;
    if (p.control_observed) {
      p.control_suppressed = hidden[at++];
      if (p.control_suppressed) p.control_observed.reset();
    }
  }
  outcome.suppression_applied = true;
  outcome.min_cell = min_cell;
  outcome.caveats.push_back("suppressed");
}

}  // namespace sv::adwatch
