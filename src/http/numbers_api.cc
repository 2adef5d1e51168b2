#include "http/numbers_api.h"

#include "http/gate.h"
#include "http/json.h"
#include "reports/outcome_numbers.h"

namespace sv::http {
namespace {

using nlohmann::json;
using security::Principal;

json ValuesJson(const reports::NumbersRow& row) {
  json values = json::array(), hidden = json::array();
  for (const auto& v : row.values) {
    values.push_back(v ? json(*v) : json(nullptr));
    hidden.push_back(!v.has_value());
  }
  return {{"values", values}, {"hidden", hidden}};
}

json NumbersJson(const reports::Numbers& n) {
  json rows = json::array();
  for (const auto& row : n.rows) {
    json r = ValuesJson(row);
    r["key"] = row.key;
    r["label"] = row.label;
    rows.push_back(r);
  }
  return {{"group_by", reports::GroupByName(n.group_by)},
          {"suppressed", n.suppressed},
          {"min_cell", n.min_cell},
          {"columns", n.columns},
          {"rows", rows},
          {"total", ValuesJson(n.total)}};
}

}  // namespace

void AddNumbersRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  reports::OutcomeNumbers& numbers = s.numbers;

  router.Add(Method::kGet, "/api/v1/numbers",
             WithPrincipal(gate, [&gate, &numbers](const Request& r, const Principal& who) {
               reports::NumbersQuery query;
               if (std::optional<std::string> g = r.Query("group_by"); g && !g->empty()) {
                 std::optional<reports::GroupBy> parsed = reports::ParseGroupBy(*g);
                 if (!parsed) {
                   return ErrorResponse(Status::InvalidInput(
                       "must be operation, municipality or month", "group_by"));
                 }
                 query.group_by = *parsed;
               }
               for (const auto& [name, slot] : {std::pair{"from", &query.from},
                                                std::pair{"to", &query.to}}) {
                 if (std::optional<std::string> text = r.Query(name); text && !text->empty()) {
                   Result<CivilDate> d = ParseDate(*text, name);
                   if (!d.ok()) return ErrorResponse(d.status());
                   *slot = *d;
                 }
               }
               query.municipality_code = r.Query("municipality_code").value_or("");
               return Reply(numbers.Query(who, query, gate.Context(r)),
                            [](const reports::Numbers& n) {
                              return JsonResponse(200, NumbersJson(n));
                            });
             }));
  router.Add(Method::kGet, "/api/v1/operations/{id}/numbers",
             WithPrincipal(gate, [&gate, &numbers](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(numbers.ForOperation(who, *id, gate.Context(r)),
                            [](const reports::Numbers& n) {
                              return JsonResponse(200, NumbersJson(n));
                            });
             }));
}

}  // namespace sv::http
