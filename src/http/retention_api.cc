#include "http/retention_api.h"

#include "disclosure/legal_holds.h"
#include "disclosure/retention.h"
#include "http/gate.h"
#include "http/json.h"

namespace sv::http {
namespace {

using nlohmann::json;
using security::Principal;

json DueJson(const disclosure::DueRecord& d) {
  return {{"record_type", d.record_type},
          {"id", d.id},
          {"compartment", d.compartment},
          {"last_entry", FormatDate(d.last_entry)},
          {"due_since", FormatDate(d.due_since)},
          {"deadline", FormatDate(d.deadline)},
          {"rule", d.rule},
          {"held", d.held}};
}

json PreviewJson(const disclosure::RetentionPreview& p) {
  json rules = json::array();
  for (const disclosure::RuleSummary& r : p.rules) {
    rules.push_back({{"rule", r.rule}, {"months", r.months}, {"due", r.due}, {"held", r.held}});
  }
  json due = json::array();
  for (const disclosure::DueRecord& d : p.due) due.push_back(DueJson(d));
  return {{"as_of", FormatDate(p.as_of)}, {"rules", rules}, {"due", due}};
}

json HoldJson(const disclosure::LegalHold& h) {
  return {{"id", h.id},
          {"record_type", h.record_type},
          {"record_id", h.record_id},
          {"compartment", security::CompartmentId(h.compartment, h.unit_id)},
          {"reason", h.reason},
          {"placed_at", FormatRfc3339(h.placed_at)},
          {"placed_by", h.placed_by_name},
          {"released_at", h.released_at ? json(FormatRfc3339(*h.released_at)) : json(nullptr)},
          {"released_by", Nullable(h.released_by_name)},
          {"active", h.active()}};
}

}  // namespace

void AddRetentionRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  disclosure::Retention& retention = s.retention;
  disclosure::LegalHolds& holds = s.legal_holds;

  router.Add(Method::kGet, "/api/v1/retention/preview",
             WithPrincipal(gate, [&gate, &retention](const Request& r, const Principal& who) {
               CivilDate as_of = retention.Today();
               if (std::optional<std::string> text = r.Query("as_of")) {
                 Result<CivilDate> date = ParseDate(*text, "as_of");
                 if (!date.ok()) return ErrorResponse(date.status());
                 as_of = *date;
               }
               return Reply(retention.Preview(who, as_of, gate.Context(r)),
                            [](const disclosure::RetentionPreview& p) {
                              return JsonResponse(200, PreviewJson(p));
                            });
             }));
  router.Add(Method::kGet, "/api/v1/legal-holds",
             WithPrincipal(gate, [&gate, &holds](const Request& r, const Principal& who) {
               std::optional<std::string> type = r.Query("record_type");
               Result<std::optional<int64_t>> id = QueryId(r, "record_id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(holds.List(who, type, *id, gate.Context(r)),
                            [](const std::vector<disclosure::LegalHold>& list) {
                              json out = json::array();
                              for (const auto& h : list) out.push_back(HoldJson(h));
                              return JsonResponse(200, {{"holds", out}});
                            });
             }));
  router.Add(Method::kPost, "/api/v1/legal-holds",
             WithPrincipal(gate, [&gate, &holds](const Request& r, const Principal& who) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               std::string type = in.RequiredString("record_type", 32);
               int64_t id = in.RequiredInteger("record_id", 1, INT64_MAX);
               std::string reason = in.RequiredString("reason", disclosure::kMaxHoldReasonBytes);
               if (!in.ok()) return ErrorResponse(in.status());
               return Reply(
                   holds.Place(who, type, id, reason, gate.Context(r)),
                   [](const disclosure::LegalHold& h) { return JsonResponse(201, HoldJson(h)); });
             }));
  router.Add(Method::kPost, "/api/v1/legal-holds/{id}/release",
             WithPrincipal(gate, [&gate, &holds](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(
                   holds.Release(who, *id, gate.Context(r)),
                   [](const disclosure::LegalHold& h) { return JsonResponse(200, HoldJson(h)); });
             }));
}

}  // namespace sv::http
