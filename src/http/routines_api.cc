#include "http/routines_api.h"

#include "http/gate.h"
#include "http/json.h"
#include "ops/operation_book.h"
#include "reports/printouts.h"
#include "routines/checklist_book.h"
#include "routines/routine_library.h"

namespace sv::http {
namespace {

using nlohmann::json;
using security::Principal;

json StepJson(const routines::Step& s) {
  return {{"id", s.id},
          {"position", s.position},
          {"phase", routines::PhaseName(s.phase)},
          {"agency", routines::AgencyName(s.agency)},
          {"required", s.required},
          {"text", s.text}};
}

json VersionJson(const routines::RoutineVersion& v) {
  json steps = json::array();
  for (const auto& s : v.steps) steps.push_back(StepJson(s));
  return {{"id", v.id},
          {"routine_id", v.routine_id},
          {"version", v.version},
          {"title", v.title},
          {"valid_from", FormatDate(v.valid_from)},
          {"source", v.source},
          {"description", v.description},
          {"created_at", FormatRfc3339(v.created_at)},
          {"created_by", v.created_by_name},
          {"steps", steps}};
}

json SummaryJson(const routines::RoutineSummary& r) {
  return {{"id", r.id},
          {"owner_unit", {{"id", r.owner_unit_id},
                          {"name", r.owner_unit_name},
                          {"kind", security::UnitKindName(r.owner_kind)}}},
          {"title", r.title},
          {"latest_version", r.latest_version},
          {"valid_from", FormatDate(r.valid_from)},
          {"adopted_from", r.adopted_from_routine
                               ? json{{"routine_id", *r.adopted_from_routine},
                                      {"version", r.adopted_from_version.value_or(0)}}
                               : json(nullptr)},
          {"may_edit", r.may_edit},
          {"updated_at", FormatRfc3339(r.updated_at)}};
}

json ChecklistJson(const routines::Checklist& c) {
  json items = json::array();
  for (const auto& item : c.items) {
    json mark = nullptr;
    if (item.mark) {
      mark = {{"outcome",
               item.mark->outcome == routines::MarkOutcome::kSigned ? "signed" : "deviation"},
              {"reason", Nullable(item.mark->reason)},
              {"at", FormatRfc3339(item.mark->at)},
              {"user_id", item.mark->user_id},
              {"user_name", item.mark->user_name},
              {"unit_name", item.mark->unit_name}};
    }
    json entry = StepJson(item.step);
    entry["mark"] = mark;
    items.push_back(entry);
  }
  return {{"operation_id", c.operation_id},
          {"operation_name", c.operation_name},
          {"routine_id", c.routine_id},
          {"version", c.version},
          {"title", c.title},
          {"valid_from", FormatDate(c.valid_from)},
          {"items", items},
          {"open_required", c.open_required},
          {"may_sign", c.may_sign},
          {"may_attach", c.may_attach}};
}

Response VersionReply(const Result<routines::RoutineVersion>& r, int status) {
  return Reply(r, [status](const routines::RoutineVersion& v) {
    return JsonResponse(status, VersionJson(v));
  });
}

Response ChecklistReply(const Result<routines::Checklist>& r) {
  return Reply(r, [](const routines::Checklist& c) { return JsonResponse(200, ChecklistJson(c)); });
}

// A PDF to download as `filename`.
Response PdfResponse(std::string bytes, const std::string& filename) {
  Response res;
  res.status = 200;
  res.content_type = "application/pdf";
  res.body = std::move(bytes);
  res.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.SetHeader("Cache-Control", "no-store");
  return res;
}

Result<std::string> SourceOf(const Request& r) {
  Result<json> body = ParseJsonObject(r);
  if (!body.ok()) return body.status();
  BodyReader in(*body);
  std::string source = in.RequiredString("source", routines::kMaxDocumentBytes);
  if (!in.ok()) return in.status();
  return source;
}

}  // namespace

void AddRoutineRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  routines::RoutineLibrary& library = s.routines;
  routines::ChecklistBook& checklists = s.checklists;

  router.Add(Method::kGet, "/api/v1/routines",
             WithPrincipal(gate, [&gate, &library](const Request& r, const Principal& who) {
               return Reply(library.List(who, gate.Context(r)),
                            [](const std::vector<routines::RoutineSummary>& list) {
                              json out = json::array();
                              for (const auto& x : list) out.push_back(SummaryJson(x));
                              return JsonResponse(200, {{"routines", out}});
                            });
             }));
  router.Add(Method::kGet, "/api/v1/routines/template",
             WithPrincipal(gate, [](const Request&, const Principal&) {
               return JsonResponse(
                   200, {{"source", std::string(routines::RoutineLibrary::Template())}});
             }));
  router.Add(Method::kPost, "/api/v1/routines",
             WithPrincipal(gate, [&gate, &library](const Request& r, const Principal& who) {
               Result<std::string> source = SourceOf(r);
               if (!source.ok()) return ErrorResponse(source.status());
               return VersionReply(library.Create(who, *source, gate.Context(r)), 201);
             }));
  router.Add(Method::kGet, "/api/v1/routines/{id}",
             WithPrincipal(gate, [&gate, &library](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return VersionReply(library.Version(who, *id, 0, gate.Context(r)), 200);
             }));
  router.Add(Method::kGet, "/api/v1/routines/{id}/versions",
             WithPrincipal(gate, [&gate, &library](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(library.Versions(who, *id, gate.Context(r)),
                            [](const std::vector<routines::RoutineVersion>& versions) {
                              json out = json::array();
                              for (const auto& v : versions) {
                                json j = VersionJson(v);
                                j.erase("steps");
                                j.erase("source");
                                j.erase("description");
                                out.push_back(j);
                              }
                              return JsonResponse(200, {{"versions", out}});
                            });
             }));
  router.Add(Method::kGet, "/api/v1/routines/{id}/versions/{version}",
             WithPrincipal(gate, [&gate, &library](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<int64_t> version = IdParam(r, "version");
               if (!version.ok()) return ErrorResponse(version.status());
               return VersionReply(
                   library.Version(who, *id, static_cast<int>(*version), gate.Context(r)), 200);
             }));
  router.Add(Method::kPost, "/api/v1/routines/{id}/versions",
             WithPrincipal(gate, [&gate, &library](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<std::string> source = SourceOf(r);
               if (!source.ok()) return ErrorResponse(source.status());
               return VersionReply(library.Revise(who, *id, *source, gate.Context(r)), 201);
             }));
  router.Add(Method::kPost, "/api/v1/routines/{id}/adopt",
             WithPrincipal(gate, [&gate, &library](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return VersionReply(library.Adopt(who, *id, gate.Context(r)), 201);
             }));
  router.Add(Method::kGet, "/api/v1/routines/{id}/deviations",
             WithPrincipal(gate, [&gate, &library](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(library.Deviations(who, *id, gate.Context(r)),
                            [](const std::vector<routines::StepDeviations>& steps) {
                              json out = json::array();
                              for (const auto& d : steps) {
                                out.push_back({{"phase", routines::PhaseName(d.phase)},
                                               {"text", d.text},
                                               {"required", d.required},
                                               {"operations", d.operations},
                                               {"deviations", d.deviations},
                                               {"reasons", d.reasons}});
                              }
                              return JsonResponse(200, {{"steps", out}});
                            });
             }));

  router.Add(Method::kGet, "/api/v1/routines/{id}/versions/{version}/pdf",
             WithPrincipal(gate, [&gate, &library](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<int64_t> version = IdParam(r, "version");
               if (!version.ok()) return ErrorResponse(version.status());
               Result<routines::RoutineVersion> v =
                   library.Version(who, *id, static_cast<int>(*version), gate.Context(r));
               if (!v.ok()) return ErrorResponse(v.status());
               std::string owner;
               if (Result<std::vector<routines::RoutineSummary>> all =
                       library.List(who, gate.Context(r));
                   all.ok()) {
                 for (const auto& summary : *all) {
                   if (summary.id == *id) owner = summary.owner_unit_name;
                 }
               }
               return PdfResponse(reports::RoutinePdf(*v, owner),
                                  "rutin-" + std::to_string(*id) + "-version-" +
                                      std::to_string(v->version) + ".pdf");
             }));
  router.Add(Method::kGet, "/api/v1/operations/{id}/checklist/pdf",
             WithPrincipal(gate, [&gate, &checklists, &s](const Request& r,
                                                          const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<std::optional<routines::Checklist>> list =
                   checklists.ForOperation(who, *id, gate.Context(r));
               if (!list.ok()) return ErrorResponse(list.status());
               if (!*list) {
                 return ErrorResponse(Status::NotFound("the operation has no routine attached"));
               }
               Result<ops::Operation> op = s.operations.Get(who, *id, gate.Context(r));
               if (!op.ok()) return ErrorResponse(op.status());
               return PdfResponse(reports::ChecklistPdf(**list, *op),
                                  "kontrollista-insats-" + std::to_string(*id) + ".pdf");
             }));
  router.Add(Method::kGet, "/api/v1/operations/{id}/checklist",
             WithPrincipal(gate, [&gate, &checklists](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(checklists.ForOperation(who, *id, gate.Context(r)),
                            [](const std::optional<routines::Checklist>& c) {
                              return JsonResponse(
                                  200, {{"checklist", c ? ChecklistJson(*c) : json(nullptr)}});
                            });
             }));
  router.Add(Method::kPut, "/api/v1/operations/{id}/checklist",
             WithPrincipal(gate, [&gate, &checklists](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               const int64_t routine = in.RequiredInteger("routine_id", 1, INT64_MAX);
               if (!in.ok()) return ErrorResponse(in.status());
               return ChecklistReply(checklists.Attach(who, *id, routine, gate.Context(r)));
             }));
  router.Add(Method::kPost, "/api/v1/operations/{id}/checklist/steps/{step_id}/sign",
             WithPrincipal(gate, [&gate, &checklists](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<int64_t> step = IdParam(r, "step_id");
               if (!step.ok()) return ErrorResponse(step.status());
               return ChecklistReply(checklists.Sign(who, *id, *step, gate.Context(r)));
             }));
  router.Add(Method::kPost, "/api/v1/operations/{id}/checklist/steps/{step_id}/deviation",
             WithPrincipal(gate, [&gate, &checklists](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<int64_t> step = IdParam(r, "step_id");
               if (!step.ok()) return ErrorResponse(step.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               const std::string reason =
                   in.RequiredString("reason", routines::kMaxDeviationReasonBytes);
               if (!in.ok()) return ErrorResponse(in.status());
               return ChecklistReply(
                   checklists.MarkDeviation(who, *id, *step, reason, gate.Context(r)));
             }));
}

}  // namespace sv::http
