#include "http/disclosure_api.h"

#include "disclosure/disclosures.h"
#include "http/gate.h"
#include "http/json.h"

namespace sv::http {
namespace {

using nlohmann::json;
using security::Principal;

constexpr std::size_t kMaxFields = 32;
constexpr std::size_t kMaxFieldNameBytes = 64;

json OptionalTime(const std::optional<TimePoint>& t) {
  return t ? json(FormatRfc3339(*t)) : json(nullptr);
}

// The receiver's view has no record id (0): it is left out.
json FieldsJson(const std::vector<disclosure::DisclosedField>& fields) {
  json out = json::array();
  for (const auto& f : fields) out.push_back({{"name", f.name}, {"value", f.value}});
  return out;
}

json DisclosureJson(const disclosure::Disclosure& d) {
  json out = {{"id", d.id},
              {"record_type", d.record_type},
              {"from_unit", {{"id", d.from_unit_id}, {"name", d.from_unit_name}}},
              {"from_compartment", security::CompartmentName(d.from_compartment)},
              {"to_unit", {{"id", d.to_unit_id}, {"name", d.to_unit_name}}},
              {"legal_ground", d.legal_ground},
              {"needs_review", d.needs_review},
              {"justification", d.justification},
              {"state", disclosure::DisclosureStateName(d.state)},
              {"requested_at", FormatRfc3339(d.requested_at)},
              {"requested_by", d.requested_by_name},
              {"reviewed_at", OptionalTime(d.reviewed_at)},
              {"reviewed_by", Nullable(d.reviewed_by_name)},
              {"sent_at", OptionalTime(d.sent_at)},
              {"fields", FieldsJson(d.fields)}};
  if (d.record_id != 0) {
    out["record_id"] = d.record_id;
    out["consent_id"] = Nullable(d.consent_id);
    out["review_note"] = Nullable(d.review_note);
  }
  return out;
}

json ListJson(const std::vector<disclosure::Disclosure>& list) {
  json out = json::array();
  for (const auto& d : list) out.push_back(DisclosureJson(d));
  return out;
}

Response DisclosureReply(const Result<disclosure::Disclosure>& r, int status = 200) {
  return Reply(r, [status](const disclosure::Disclosure& d) {
    return JsonResponse(status, DisclosureJson(d));
  });
}

}  // namespace

void AddDisclosureRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  disclosure::Disclosures& disclosures = s.disclosures;

  router.Add(Method::kGet, "/api/v1/disclosure-grounds",
             WithPrincipal(gate, [&disclosures](const Request&, const Principal&) {
               json out = json::array();
               for (const std::string& g : disclosures.grounds()) {
                 out.push_back({{"code", g},
                                {"needs_review", disclosures.NeedsReview(g)},
                                {"consent", g == disclosure::kConsentGround}});
               }
               return JsonResponse(200, {{"grounds", out}});
             }));
  router.Add(Method::kGet, "/api/v1/disclosures",
             WithPrincipal(gate, [&gate, &disclosures](const Request& r, const Principal& who) {
               const std::string type = r.Query("record_type").value_or("");
               if (type.empty()) {
                 return ErrorResponse(Status::InvalidInput("is required", "record_type"));
               }
               Result<std::optional<int64_t>> id = QueryId(r, "record_id");
               if (!id.ok()) return ErrorResponse(id.status());
               if (!*id) return ErrorResponse(Status::InvalidInput("is required", "record_id"));
               return Reply(disclosures.ForRecord(who, type, **id, gate.Context(r)),
                            [](const disclosure::RecordDisclosures& d) {
                              return JsonResponse(200, {{"disclosable_fields", FieldsJson(d.disclosable_fields)},
                                                        {"disclosures", ListJson(d.disclosures)}});
                            });
             }));
  router.Add(Method::kPost, "/api/v1/disclosures",
             WithPrincipal(gate, [&gate, &disclosures](const Request& r, const Principal& who) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               disclosure::NewDisclosure d;
               d.record_type = in.RequiredString("record_type", 32);
               d.record_id = in.RequiredInteger("record_id", 1, INT64_MAX);
               d.fields = in.StringList("fields", kMaxFields, kMaxFieldNameBytes);
               d.to_unit_id = in.Integer("to_unit_id", 1, INT64_MAX);
               // Left to the service when absent or empty, so that the refusal is audited.
               d.legal_ground = in.String("legal_ground", 64).value_or("");
               d.justification =
                   in.String("justification", disclosure::kMaxJustificationBytes).value_or("");
               if (!in.ok()) return ErrorResponse(in.status());
               return DisclosureReply(disclosures.Disclose(who, d, gate.Context(r)), 201);
             }));
  router.Add(Method::kGet, "/api/v1/disclosures/awaiting-approval",
             WithPrincipal(gate, [&gate, &disclosures](const Request& r, const Principal& who) {
               return Reply(disclosures.AwaitingApproval(who, gate.Context(r)),
                            [](const std::vector<disclosure::Disclosure>& list) {
                              return JsonResponse(200, {{"disclosures", ListJson(list)}});
                            });
             }));
  router.Add(Method::kGet, "/api/v1/disclosures/received",
             WithPrincipal(gate, [&gate, &disclosures](const Request& r, const Principal& who) {
               return Reply(disclosures.Received(who, gate.Context(r)),
                            [](const std::vector<disclosure::Disclosure>& list) {
                              return JsonResponse(200, {{"disclosures", ListJson(list)}});
                            });
             }));
  router.Add(Method::kGet, "/api/v1/disclosures/{id}",
             WithPrincipal(gate, [&gate, &disclosures](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return DisclosureReply(disclosures.Get(who, *id, gate.Context(r)));
             }));
  for (const bool approve : {true, false}) {
    router.Add(
        Method::kPost,
        approve ? "/api/v1/disclosures/{id}/approve" : "/api/v1/disclosures/{id}/reject",
        WithPrincipal(gate, [&gate, &disclosures, approve](const Request& r,
                                                            const Principal& who) {
          Result<int64_t> id = IdParam(r, "id");
          if (!id.ok()) return ErrorResponse(id.status());
          Result<json> body = ParseJsonObject(r);
          if (!body.ok()) return ErrorResponse(body.status());
          BodyReader in(*body);
          const std::string note =
              in.String("note", disclosure::kMaxJustificationBytes).value_or("");
          if (!in.ok()) return ErrorResponse(in.status());
          return DisclosureReply(approve ? disclosures.Approve(who, *id, note, gate.Context(r))
                                         : disclosures.Reject(who, *id, note, gate.Context(r)));
        }));
  }
}

}  // namespace sv::http
