#include "http/reference_api.h"

#include "geo/gazetteer.h"
#include "http/json.h"

namespace sv::http {

void AddReferenceRoutes(Router& router, store::Database& database) {
  router.Add(Method::kGet, "/api/v1/municipalities", [&database](const Request&) {
    auto municipalities = geo::ListMunicipalities(database);
    if (!municipalities.ok()) return ErrorResponse(municipalities.status());
    nlohmann::json list = nlohmann::json::array();
    for (const geo::Municipality& m : *municipalities) {
      list.push_back({{"code", m.code},
                      {"name", m.name},
                      {"short_name", m.short_name},
                      {"county_code", m.county_code}});
    }
    return JsonResponse(200, {{"municipalities", std::move(list)}});
  });
  router.Add(Method::kGet, "/api/v1/counties", [&database](const Request&) {
    auto counties = geo::ListCounties(database);
    if (!counties.ok()) return ErrorResponse(counties.status());
    nlohmann::json list = nlohmann::json::array();
    for (const geo::County& c : *counties) {
      list.push_back({{"code", c.code}, {"name", c.name}, {"short_name", c.short_name}});
    }
    return JsonResponse(200, {{"counties", std::move(list)}});
  });
}

}  // namespace sv::http
