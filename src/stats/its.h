#pragma once
// Interrupted time series: the segmented regression of spec/stats.md on a SeriesTable, its fit,
// the effects of the intervention as rate ratios, and the counterfactual (what the model expects
// without the intervention), for the command line, the web pages and the reports alike.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "stats/glm.h"
#include "stats/series_table.h"

namespace sv::stats {

// K Fourier pairs of a season column s with period P: sin(2πk·s/P), then cos(2πk·s/P).
struct Seasonality {
  std::string column;
  int harmonics = 1;
  double period = 12;
};

// Which columns play which part (names of SeriesTable columns), and how to fit.
struct ItsSpec {
  std::string count;         // non-negative whole numbers
  std::string time;          // 1, 2, 3, … (any increasing numbers per series)
  std::string intervention;  // 0 before, 1 from the intervention on
  std::optional<std::string> offset;  // adds log(column): population, or a control series
  bool slope_change = false;          // adds time_after = (time − t0) × intervention
  std::optional<Seasonality> season;
  std::vector<std::string> covariates;  // added as they are
  std::optional<std::string> group;     // 0/1: the treated series of a controlled design
  GlmOptions glm;

  // Every column the spec reads, each once, for a reader that loads only those.
  std::vector<std::string> Columns() const;
};

// The design of spec/stats.md: terms (Intercept), intervention, time, time_after, sin_1..sin_K,
// cos_1..cos_K, the covariates, then with a group: group, group:time, group:<seasonal term>…,
// group:intervention.
struct ItsDesign {
  Design design;
  std::vector<double> counts;
  std::vector<double> offset;  // log of the offset column, or empty
  // Indices into design.terms of the terms the intervention switches on (intervention,
  // time_after, group:intervention): zero in the counterfactual.
  std::vector<std::size_t> intervention_terms;
  double t0 = 0;  // the last time before the intervention
};

// Builds the design. Errors name the column and the row (row 1 = the first row): a missing
// column, a count that is negative or not whole, an intervention or group value other than 0
// and 1, an offset that is not positive, no rows before or after the intervention, seasonality
// settings out of range.
Result<ItsDesign> BuildItsDesign(const SeriesTable& table, const ItsSpec& spec);

// exp of an estimate and its 95 % interval: the multiplicative change of the expected count.
struct RateRatio {
  std::string term;
  double rate_ratio = 0;
  double ci_low = 0;
  double ci_high = 0;
};

struct ItsResult {
  GlmFit fit;
  // The intervention's change of level (`group:intervention` in a controlled design) and, with
  // slope_change, of the trend per time unit (`time_after`).
  RateRatio level_change;
  std::optional<RateRatio> slope_change;
  double t0 = 0;
  // Per row: the fitted count without the intervention terms (offset kept). A chart of fitted
  // against counterfactual shows what the intervention changed.
  std::vector<double> counterfactual;
};

// Builds the design and fits it (see FitGlm for the fit's errors).
Result<ItsResult> FitIts(const SeriesTable& table, const ItsSpec& spec);

}  // namespace sv::stats
