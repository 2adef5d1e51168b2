#include "http/health_api.h"

#include "http/json.h"
#include "samverkan_version.h"
#include "store/database.h"

namespace sv::http {

void AddHealthRoutes(Router& router, store::Database& database) {
  router.Add(Method::kGet, "/healthz", [](const Request&) {
    return JsonResponse(200, {{"status", "ok"}, {"version", SAMVERKAN_VERSION}});
  });
  router.Add(Method::kGet, "/readyz", [&database](const Request&) {
    Status ping = database.Ping();
    if (!ping.ok()) {
      return JsonResponse(503, {{"status", "not_ready"}, {"checks", {{"database", ping.message()}}}});
    }
    return JsonResponse(200, {{"status", "ready"}, {"checks", {{"database", "ok"}}}});
  });
}

}  // namespace sv::http
