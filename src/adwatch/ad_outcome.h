#pragma once
// "Did active ads go down after operations began?" (issue 8, point 4): an interrupted time series
// of the active ads of one municipality per week or month, from the imported ads' counts, with the
// intervention at a date (by default the municipality's first operation), optionally against
// control municipalities. The fit (`stats::FitIts`) gives the change of level as a rate ratio
// with its 95 % interval, the fitted values and the counterfactual.
//
// The series: every period from the first day any ad of the municipality or its controls was
// seen to the last, zeros included, leaving out the period of today (it is not over). The
// intervention is 1 from the period that holds its date on. The model: `intervention` and a
// linear `time` trend; with at least two full years of periods (24 months, 104 weeks), one of
// them before the intervention, also a yearly season (one Fourier pair of the month of the year,
// or of the ISO week with period 365.2425 / 7); with controls, their ads summed per period as one
// control series and the controlled design of ../shared/spec/stats.md (`group:intervention` is the
// effect). Pure: no database, no access decisions (those are `AdWatch::Outcome`'s).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ads/counts.h"
#include "core/calendar.h"
#include "core/status.h"
#include "stats/glm.h"
#include "stats/its.h"

namespace sv::adwatch {

struct AdCounts;

// The fewest periods the fit accepts before and after the intervention.
inline constexpr int kMinPeriodsBefore = 6;
inline constexpr int kMinPeriodsAfter = 3;
inline constexpr std::size_t kMaxControls = 20;

struct OutcomeQuery {
  std::string municipality;                  // SCB code
  std::optional<CivilDate> intervention;     // none: the date of the municipality's first operation
  std::vector<std::string> controls;         // SCB codes, none: a single series
  ads::Period period = ads::Period::kMonth;  // week or month
  stats::GlmFamily family = stats::GlmFamily::kQuasiPoisson;
};

// One period of the treated municipality's series (and of the summed controls).
struct OutcomePoint {
  std::string period;  // "2026-W47" or "2026-11"
  bool after = false;  // the intervention term is 1
  int64_t observed = 0;
  bool suppressed = false;  // `observed` is hidden from the caller (small cell)
  double fitted = 0;
  double counterfactual = 0;  // the fit without the intervention's effect
  std::optional<int64_t> control_observed;
  bool control_suppressed = false;
  std::optional<double> control_fitted;
};

struct AdOutcome {
  std::string municipality;
  std::vector<std::string> controls;
  ads::Period period = ads::Period::kMonth;
  CivilDate intervention;
  std::string intervention_period;
  std::optional<int64_t> intervention_operation;  // the operation whose date was taken
  stats::RateRatio level_change;
  std::vector<OutcomePoint> series;
  int periods_before = 0, periods_after = 0;
  // The model.
  stats::GlmFamily family = stats::GlmFamily::kQuasiPoisson;
  std::vector<std::string> terms;
  std::size_t n = 0, df_residual = 0;
  double dispersion = 1;
  std::optional<double> theta;
  bool seasonal = false;
  // Small-cell suppression of the observed counts (roles that may not read the ads themselves).
  bool suppression_applied = false;
  int64_t min_cell = 5;
  // Codes of what the reader must keep in mind (docs/api.md lists them).
  std::vector<std::string> caveats;
};

// Builds the series of `query.municipality` (and its controls) from `counts` (which must hold
// their rows, from `counts.first_day` to `counts.last_day`), fits it with the intervention at
// `intervention`, and leaves out the period of `today`. Errors (kInvalidInput, naming the
// parameter): no ads in the municipality (`municipality`) or in the controls (`control`), too few
// periods before or after (`intervention`), no ads before or after the intervention, a fit that
// cannot be trusted (`family`, with the engine's cause). Nothing returned is NaN or infinite.
Result<AdOutcome> EvaluateAdOutcome(const AdCounts& counts, const OutcomeQuery& query,
                                    const CivilDate& intervention, const CivilDate& today);

// Hides the observed counts under `min_cell` (stats::Suppress; a series has no totals).
void SuppressObserved(AdOutcome& outcome, int64_t min_cell);

}  // namespace sv::adwatch
