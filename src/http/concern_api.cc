#include "http/concern_api.h"

#include "disclosure/concern_reports.h"
#include "http/gate.h"
#include "http/json.h"

namespace sv::http {
namespace {

using nlohmann::json;
using security::Principal;

json ReportJson(const disclosure::ConcernReport& r) {
  json corrections = json::array();
  for (const auto& c : r.corrections) {
    corrections.push_back({{"previous_text", c.previous_text},
                           {"reason", c.reason},
                           {"corrected_at", FormatRfc3339(c.corrected_at)},
                           {"corrected_by", c.corrected_by_name}});
  }
  return {{"id", r.id},
          {"task_id", r.task_id},
          {"from_unit", {{"id", r.from_unit_id}, {"name", r.from_unit_name}}},
          {"to_unit", {{"id", r.to_unit_id}, {"name", r.to_unit_name}}},
          {"legal_ground", r.legal_ground},
          {"text", r.text},
          {"filed_at", FormatRfc3339(r.filed_at)},
          {"filed_by", r.filed_by_name},
          {"acknowledged_at", r.acknowledged_at ? json(FormatRfc3339(*r.acknowledged_at))
                                                : json(nullptr)},
          {"acknowledged_by", Nullable(r.acknowledged_by_name)},
          {"corrections", corrections}};
}

json TaskJson(const disclosure::ConcernTask& t) {
  return {{"id", t.id},
          {"compartment", security::CompartmentId(t.compartment, t.unit_id)},
          {"source", {{"type", t.source.type}, {"id", t.source.id}}},
          {"operation_id", Nullable(t.source.operation_id)},
          {"municipality_code", t.source.municipality_code},
          {"age_band", t.source.age_band},
          {"opened_at", FormatRfc3339(t.opened_at)},
          {"due_at", FormatRfc3339(t.due_at)},
          {"overdue", t.overdue},
          {"state", disclosure::TaskStateName(t.state)},
          {"assigned_to", {{"id", t.assigned_to}, {"display_name", t.assigned_to_name}}},
          {"no_report_reason", Nullable(t.no_report_reason)},
          {"closed_at", t.closed_at ? json(FormatRfc3339(*t.closed_at)) : json(nullptr)},
          {"report", t.report ? ReportJson(*t.report) : json(nullptr)}};
}

Response TaskReply(const Result<disclosure::ConcernTask>& r) {
  return Reply(r, [](const disclosure::ConcernTask& t) { return JsonResponse(200, TaskJson(t)); });
}

}  // namespace

void AddConcernRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  disclosure::ConcernReports& concerns = s.concerns;

  router.Add(Method::kGet, "/api/v1/concern-tasks",
             WithPrincipal(gate, [&gate, &concerns](const Request& r, const Principal& who) {
               const bool open_only = r.Query("open").value_or("") == "true";
               return Reply(concerns.Tasks(who, open_only, gate.Context(r)),
                            [](const std::vector<disclosure::ConcernTask>& tasks) {
                              json out = json::array();
                              for (const auto& t : tasks) out.push_back(TaskJson(t));
                              return JsonResponse(200, {{"tasks", out}});
                            });
             }));
  router.Add(Method::kGet, "/api/v1/concern-tasks/{id}",
             WithPrincipal(gate, [&gate, &concerns](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return TaskReply(concerns.Task(who, *id, gate.Context(r)));
             }));
  router.Add(Method::kPost, "/api/v1/concern-tasks/{id}/report",
             WithPrincipal(gate, [&gate, &concerns](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               std::optional<int64_t> to = in.Integer("to_unit_id", 1, INT64_MAX);
               std::string text = in.RequiredString("text", disclosure::kMaxReportBytes);
               if (!in.ok()) return ErrorResponse(in.status());
               return TaskReply(concerns.FileReport(who, *id, to, text, gate.Context(r)));
             }));
  router.Add(Method::kPost, "/api/v1/concern-tasks/{id}/no-report",
             WithPrincipal(gate, [&gate, &concerns](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               std::string reason = in.String("reason", disclosure::kMaxReportBytes).value_or("");
               if (!in.ok()) return ErrorResponse(in.status());
               return TaskReply(concerns.RecordNoReport(who, *id, reason, gate.Context(r)));
             }));
  router.Add(Method::kPost, "/api/v1/concern-tasks/{id}/report/corrections",
             WithPrincipal(gate, [&gate, &concerns](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               std::string text = in.RequiredString("text", disclosure::kMaxReportBytes);
               std::string reason = in.String("reason", disclosure::kMaxReportBytes).value_or("");
               if (!in.ok()) return ErrorResponse(in.status());
               return TaskReply(concerns.CorrectReport(who, *id, text, reason, gate.Context(r)));
             }));
  router.Add(Method::kGet, "/api/v1/concern-reports",
             WithPrincipal(gate, [&gate, &concerns](const Request& r, const Principal& who) {
               return Reply(concerns.Received(who, gate.Context(r)),
                            [](const std::vector<disclosure::ConcernReport>& reports) {
                              json out = json::array();
                              for (const auto& x : reports) out.push_back(ReportJson(x));
                              return JsonResponse(200, {{"reports", out}});
                            });
             }));
  router.Add(Method::kPost, "/api/v1/concern-reports/{id}/acknowledge",
             WithPrincipal(gate, [&gate, &concerns](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(concerns.Acknowledge(who, *id, gate.Context(r)),
                            [](const disclosure::ConcernReport& x) {
                              return JsonResponse(200, ReportJson(x));
                            });
             }));
}

}  // namespace sv::http
