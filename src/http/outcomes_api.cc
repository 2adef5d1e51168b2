#include "http/outcomes_api.h"

#include "adwatch/ad_outcome.h"
#include "adwatch/ad_watch.h"
#include "http/gate.h"
#include "http/json.h"

namespace sv::http {
namespace {

using nlohmann::json;
using security::Principal;

json OutcomeJson(const adwatch::AdOutcome& o) {
  const bool controlled = !o.controls.empty();
  json series = json::array();
  for (const adwatch::OutcomePoint& p : o.series) {
    json point = {{"period", p.period},
                  {"after", p.after},
                  {"observed", p.suppressed ? json(nullptr) : json(p.observed)},
                  {"suppressed", p.suppressed},
                  {"fitted", p.fitted},
                  {"counterfactual", p.counterfactual}};
    if (controlled) {
      point["control_observed"] = Nullable(p.control_observed);
      point["control_suppressed"] = p.control_suppressed;
      point["control_fitted"] = Nullable(p.control_fitted);
    }
    series.push_back(std::move(point));
  }
  return {{"municipality", o.municipality},
          {"controls", o.controls},
          {"period", ads::PeriodName(o.period)},
          {"intervention",
           {{"date", FormatDate(o.intervention)},
            {"period", o.intervention_period},
            {"operation_id", Nullable(o.intervention_operation)}}},
          {"level_change",
           {{"term", o.level_change.term},
            {"rate_ratio", o.level_change.rate_ratio},
            {"ci_low", o.level_change.ci_low},
            {"ci_high", o.level_change.ci_high}}},
          {"series", series},
          {"model",
           {{"design", controlled ? "controlled" : "single"},
            {"family", stats::GlmFamilyName(o.family)},
            {"terms", o.terms},
            {"n", o.n},
            {"df_residual", o.df_residual},
            {"dispersion", o.dispersion},
            {"theta", Nullable(o.theta)},
            {"seasonal", o.seasonal},
            {"periods_before", o.periods_before},
            {"periods_after", o.periods_after}}},
          {"suppression", {{"applied", o.suppression_applied}, {"min_cell", o.min_cell}}},
          {"caveats", o.caveats}};
}

}  // namespace

void AddOutcomeRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  adwatch::AdWatch& watch = s.ads;

  router.Add(
      Method::kGet, "/api/v1/outcomes/ads",
      WithPrincipal(gate, [&gate, &watch](const Request& r, const Principal& who) {
        adwatch::OutcomeQuery query;
        query.municipality = r.Query("municipality").value_or("");
        const std::optional<ads::Period> period =
            ads::ParsePeriod(r.Query("period").value_or("month"));
        if (!period) return ErrorResponse(Status::InvalidInput("week or month", "period"));
        query.period = *period;
        const std::optional<stats::GlmFamily> family =
            stats::ParseGlmFamily(r.Query("family").value_or("quasipoisson"));
        if (!family) {
          return ErrorResponse(Status::InvalidInput("poisson, quasipoisson or negbin", "family"));
        }
        query.family = *family;
        if (std::optional<std::string> date = r.Query("intervention"); date && !date->empty()) {
          Result<CivilDate> parsed = ParseDate(*date, "intervention");
          if (!parsed.ok()) return ErrorResponse(parsed.status());
          query.intervention = *parsed;
        }
        for (const auto& [name, value] : r.query) {
          if (name == "control" && !value.empty()) query.controls.push_back(value);
        }
        return Reply(watch.Outcome(who, query, gate.Context(r)),
                     [](const adwatch::AdOutcome& o) { return JsonResponse(200, OutcomeJson(o)); });
      }));
}

}  // namespace sv::http
