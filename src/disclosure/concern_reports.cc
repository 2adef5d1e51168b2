#include "disclosure/concern_reports.h"

#include <soci/soci.h>

#include "security/audit.h"
#include "security/field_cipher.h"
#include "security/refusal.h"
#include "store/database.h"

namespace sv::disclosure {

using security::Compartment;
using security::Decision;
using security::Permission;
using security::Principal;
using security::RecordScope;
using security::RequestContext;

namespace {

constexpr std::string_view kReasonData = "concern_tasks.no_report_reason";
constexpr std::string_view kTextData = "concern_reports.text";
constexpr std::string_view kPreviousTextData = "concern_report_corrections.previous_text";
constexpr std::string_view kCorrectionReasonData = "concern_report_corrections.reason";
constexpr const char* kPurpose = "concern_report";

constexpr const char* kTaskColumns =
    "t.id, t.unit_id, t.compartment, t.source_type, t.source_id, t.operation_id, "
    "t.municipality_code, t.age_band, t.opened_at, t.due_at, t.assigned_to, u.display_name, "
    "t.state, t.no_report_reason_enc, t.closed_at FROM concern_tasks t "
    "JOIN users u ON u.id = t.assigned_to ";

constexpr const char* kReportColumns =
    "r.id, r.task_id, r.from_unit_id, fu.name, r.to_unit_id, tu.name, r.legal_ground, "
    "r.text_enc, r.filed_at, fb.display_name, r.acknowledged_at, ab.display_name "
    "FROM concern_reports r JOIN units fu ON fu.id = r.from_unit_id "
    "JOIN units tu ON tu.id = r.to_unit_id JOIN users fb ON fb.id = r.filed_by "
    "LEFT JOIN users ab ON ab.id = r.acknowledged_by ";

TaskState ParseTaskState(const std::string& s) {
  if (s == "reported") return TaskState::kReported;
  if (s == "no_report") return TaskState::kNoReport;
  return TaskState::kOpen;
}

std::string CompartmentOf(const ConcernTask& t) {
  return security::CompartmentId(t.compartment, t.unit_id);
}

// Reports matching `where` (binding :key), decrypted.
Result<std::vector<ConcernReport>> LoadReports(soci::session& sql, const std::string& where,
                                               long long key,
                                               const security::FieldCipher& cipher) {
  long long id = 0, task = 0, from = 0, to = 0, filed = 0, acknowledged = 0;
  std::string from_name, to_name, ground, text_enc, filer, acknowledger;
  soci::indicator ack_ind = soci::i_null, acker_ind = soci::i_null;
  soci::statement st = (sql.prepare << "SELECT " << kReportColumns << where,
                        soci::use(key, "key"), soci::into(id), soci::into(task), soci::into(from),
                        soci::into(from_name), soci::into(to), soci::into(to_name),
                        soci::into(ground), soci::into(text_enc), soci::into(filed),
                        soci::into(filer), soci::into(acknowledged, ack_ind),
                        soci::into(acknowledger, acker_ind));
  st.execute();
  std::vector<ConcernReport> out;
  while (st.fetch()) {
    Result<std::string> text = cipher.Decrypt(text_enc, kTextData);
    if (!text.ok()) return text.status();
    ConcernReport r;
    r.id = id;
    r.task_id = task;
    r.from_unit_id = from;
    r.from_unit_name = from_name;
    r.to_unit_id = to;
    r.to_unit_name = to_name;
    r.legal_ground = ground;
    r.text = *text;
    r.filed_at = FromUnixMicros(filed);
    r.filed_by_name = filer;
    if (ack_ind == soci::i_ok) r.acknowledged_at = FromUnixMicros(acknowledged);
    if (acker_ind == soci::i_ok) r.acknowledged_by_name = acknowledger;
    out.push_back(std::move(r));
  }
  for (ConcernReport& r : out) {
    const long long report = r.id;
    long long at = 0;
    std::string previous_enc, reason_enc, by;
    soci::statement corrections =
        (sql.prepare << "SELECT c.previous_text_enc, c.reason_enc, c.corrected_at, u.display_name "
                        "FROM concern_report_corrections c JOIN users u ON u.id = c.corrected_by "
                        "WHERE c.report_id = :r ORDER BY c.corrected_at, c.id",
         soci::use(report), soci::into(previous_enc), soci::into(reason_enc), soci::into(at),
         soci::into(by));
    corrections.execute();
    while (corrections.fetch()) {
      Result<std::string> previous = cipher.Decrypt(previous_enc, kPreviousTextData);
      if (!previous.ok()) return previous.status();
      Result<std::string> reason = cipher.Decrypt(reason_enc, kCorrectionReasonData);
      if (!reason.ok()) return reason.status();
      r.corrections.push_back({*previous, *reason, FromUnixMicros(at), by});
    }
  }
  return out;
}

// Tasks matching `where` (binding :key), with their reports, decrypted.
Result<std::vector<ConcernTask>> LoadTasks(soci::session& sql, const std::string& where,
                                           long long key, TimePoint now,
                                           const security::FieldCipher& cipher) {
  long long id = 0, unit = 0, source_id = 0, operation = 0, opened = 0, due = 0, assigned = 0,
            closed = 0;
  std::string compartment, source_type, municipality, band, assignee, state, reason_enc;
  soci::indicator op_ind = soci::i_null, reason_ind = soci::i_null, closed_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT " << kTaskColumns << where, soci::use(key, "key"), soci::into(id),
       soci::into(unit), soci::into(compartment), soci::into(source_type), soci::into(source_id),
       soci::into(operation, op_ind), soci::into(municipality), soci::into(band),
       soci::into(opened), soci::into(due), soci::into(assigned), soci::into(assignee),
       soci::into(state), soci::into(reason_enc, reason_ind), soci::into(closed, closed_ind));
  st.execute();
  std::vector<ConcernTask> out;
  while (st.fetch()) {
    ConcernTask t;
    t.id = id;
    t.unit_id = unit;
    t.compartment = security::ParseCompartment(compartment).value_or(Compartment::kPolice);
    t.source = {source_type, source_id,
                op_ind == soci::i_ok ? std::optional<int64_t>(operation) : std::nullopt,
                municipality, band};
    t.opened_at = FromUnixMicros(opened);
    t.due_at = FromUnixMicros(due);
    t.assigned_to = assigned;
    t.assigned_to_name = assignee;
    t.state = ParseTaskState(state);
    t.overdue = t.state == TaskState::kOpen && t.due_at < now;
    if (reason_ind == soci::i_ok) {
      Result<std::string> reason = cipher.Decrypt(reason_enc, kReasonData);
      if (!reason.ok()) return reason.status();
      t.no_report_reason = *reason;
    }
    if (closed_ind == soci::i_ok) t.closed_at = FromUnixMicros(closed);
    out.push_back(std::move(t));
  }
  for (ConcernTask& t : out) {
    Result<std::vector<ConcernReport>> reports =
        LoadReports(sql, "WHERE r.task_id = :key", t.id, cipher);
    if (!reports.ok()) return reports.status();
    if (!reports->empty()) t.report = std::move(reports->front());
  }
  return out;
}

}  // namespace

std::string_view TaskStateName(TaskState s) {
  switch (s) {
    case TaskState::kOpen: return "open";
    case TaskState::kReported: return "reported";
    case TaskState::kNoReport: return "no_report";
  }
  return "open";
}

ConcernReports::ConcernReports(store::Database& database, const Clock& clock,
                               const security::Policy& policy, security::AuditLog& audit,
                               const security::FieldCipher& cipher,
                               std::chrono::hours overdue_after)
    : database_(database),
      clock_(clock),
      policy_(policy),
      audit_(audit),
      cipher_(cipher),
      overdue_after_(overdue_after) {}

Status ConcernReports::Deny(const Principal& who, const Decision& decision,
                            const std::string& action, const std::string& record_type, int64_t id,
                            const std::string& compartment, const RequestContext& ctx) {
  return security::RefuseAndAudit(
      audit_,
      security::EventBy(who, action, record_type, id ? std::to_string(id) : "", compartment, ctx),
      decision);
}

Result<int64_t> ConcernReports::OpenTaskIn(soci::session& sql, const Principal& who,
                                           const ConcernSource& source,
                                           const RequestContext& ctx) {
  const auto compartment = security::Policy::CompartmentOfRole(who.user.role);
  if (!compartment) return Status::Forbidden("the role records no persons");
  const std::string type = source.type;
  const long long source_id = source.id;
  long long existing = 0;
  sql << "SELECT id FROM concern_tasks WHERE source_type = :t AND source_id = :s", soci::use(type),
      soci::use(source_id), soci::into(existing);
  if (sql.got_data()) return static_cast<int64_t>(existing);
  const long long unit = who.unit.id;
  const std::string comp(security::CompartmentName(*compartment));
  long long operation = source.operation_id.value_or(0);
  soci::indicator op_ind = source.operation_id ? soci::i_ok : soci::i_null;
  const TimePoint now = clock_.Now();
  const long long opened = ToUnixMicros(now);
  const long long due = ToUnixMicros(now + overdue_after_);
  const long long by = who.user.id;
  long long id = 0;
  sql << "INSERT INTO concern_tasks (unit_id, compartment, source_type, source_id, operation_id, "
         "municipality_code, age_band, opened_at, due_at, assigned_to, state) VALUES (:u, :c, "
         ":t, :s, :o, :m, :b, :at, :due, :by, 'open') RETURNING id",
      soci::use(unit), soci::use(comp), soci::use(type), soci::use(source_id),
      soci::use(operation, op_ind), soci::use(source.municipality_code),
      soci::use(source.age_band), soci::use(opened), soci::use(due), soci::use(by),
      soci::into(id);
  security::AuditEvent e = security::EventBy(who, "create", "concern_task", std::to_string(id),
                                             security::CompartmentId(*compartment, who.unit.id),
                                             ctx);
  e.detail = "opened by " + source.type + " " + std::to_string(source.id);
  Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
  if (!logged.ok()) return logged.status();
  return static_cast<int64_t>(id);
}

Result<ConcernTask> ConcernReports::Authorized(const Principal& who, int64_t task_id,
                                               const std::string& action,
                                               const RequestContext& ctx) {
  Result<std::vector<ConcernTask>> found = std::vector<ConcernTask>{};
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    found = LoadTasks(sql, "WHERE t.id = :key", task_id, clock_.Now(), cipher_);
    return Status::Ok();
  }));
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("no concern-report task with id " +
                                              std::to_string(task_id));
  ConcernTask task = std::move(found->front());
  const Decision decision = policy_.Decide(who, Permission::kHandleConcernTask,
                                           RecordScope{task.compartment, task.unit_id});
  if (!decision.allowed) {
    return Deny(who, decision, action, "concern_task", task_id, CompartmentOf(task), ctx);
  }
  return task;
}

Result<std::vector<ConcernTask>> ConcernReports::Tasks(const Principal& who, bool open_only,
                                                       const RequestContext& ctx) {
  const auto compartment = security::Policy::CompartmentOfRole(who.user.role);
  const Decision decision =
      compartment ? policy_.Decide(who, Permission::kHandleConcernTask,
                                   RecordScope{*compartment, who.unit.id})
                  : policy_.Decide(who, Permission::kHandleConcernTask);
  if (!decision.allowed || !compartment) {
    return Deny(who, decision, "read", "concern_task", 0, "", ctx);
  }
  Result<std::vector<ConcernTask>> found = std::vector<ConcernTask>{};
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    found = LoadTasks(sql,
                      std::string("WHERE t.unit_id = :key") +
                          (open_only ? " AND t.state = 'open'" : "") +
                          " ORDER BY CASE t.state WHEN 'open' THEN 0 ELSE 1 END, t.due_at",
                      who.unit.id, clock_.Now(), cipher_);
    if (!found.ok()) return found.status();
    security::AuditEvent e = security::EventBy(
        who, "read", "concern_task", "", security::CompartmentId(*compartment, who.unit.id), ctx);
    e.purpose = kPurpose;
    e.detail = std::to_string(found->size()) + " tasks";
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  return found;
}

Result<ConcernTask> ConcernReports::Task(const Principal& who, int64_t id,
                                         const RequestContext& ctx) {
  Result<ConcernTask> task = Authorized(who, id, "read", ctx);
  if (!task.ok()) return task;
  security::AuditEvent e =
      security::EventBy(who, "read", "concern_task", std::to_string(id), CompartmentOf(*task), ctx);
  e.purpose = kPurpose;
  Result<security::AuditEvent> logged = audit_.Append(std::move(e));
  if (!logged.ok()) return logged.status();
  return task;
}

Result<ConcernTask> ConcernReports::FileReport(const Principal& who, int64_t task_id,
                                               std::optional<int64_t> to_unit_id,
                                               const std::string& text,
                                               const RequestContext& ctx) {
  if (text.empty()) return Status::InvalidInput("the report needs its text", "text");
  if (text.size() > kMaxReportBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxReportBytes) + " bytes", "text");
  }
  Result<ConcernTask> task = Authorized(who, task_id, "file_report", ctx);
  if (!task.ok()) return task;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long key = task_id;
    long long to = to_unit_id.value_or(0);
    std::string kind;
    if (to_unit_id) {
      sql << "SELECT kind FROM units WHERE id = :u", soci::use(to), soci::into(kind);
      if (!sql.got_data() || kind != "social_services") {
        return Status::InvalidInput("must be a social-services unit", "to_unit_id");
      }
    } else {
      sql << "SELECT id FROM units WHERE kind = 'social_services' AND municipality_code = :m "
             "ORDER BY id LIMIT 1",
          soci::use(task->source.municipality_code), soci::into(to);
      if (!sql.got_data()) {
        return Status::InvalidInput("no social-services unit of municipality " +
                                        task->source.municipality_code +
                                        " uses samverkan: choose the receiving unit",
                                    "to_unit_id");
      }
    }
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    soci::statement close = (sql.prepare << "UPDATE concern_tasks SET state = 'reported', "
                                            "closed_at = :now, closed_by = :by "
                                            "WHERE id = :id AND state = 'open'",
                             soci::use(now), soci::use(by), soci::use(key));
    close.execute(true);
    if (close.get_affected_rows() == 0) {
      return Status::Conflict("the task is already closed").WithReason("task_closed");
    }
    const long long from = task->unit_id;
    const std::string sealed = cipher_.Encrypt(text, kTextData);
    const std::string ground = kDutyToReport;
    long long report = 0;
    sql << "INSERT INTO concern_reports (task_id, from_unit_id, to_unit_id, legal_ground, "
           "text_enc, filed_at, filed_by) VALUES (:t, :f, :to, :g, :x, :now, :by) RETURNING id",
        soci::use(key), soci::use(from), soci::use(to), soci::use(ground), soci::use(sealed),
        soci::use(now), soci::use(by), soci::into(report);
    // A disclosure across compartments on the duty to report: audited on both sides.
    security::AuditEvent e = security::EventBy(who, "disclose", "concern_report",
                                               std::to_string(report), CompartmentOf(*task), ctx);
    e.purpose = kPurpose;
    e.detail = "to " + security::CompartmentId(Compartment::kSocial, to) + " on " + ground;
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  return Authorized(who, task_id, "read", ctx);
}

Result<ConcernTask> ConcernReports::RecordNoReport(const Principal& who, int64_t task_id,
                                                   const std::string& reason,
                                                   const RequestContext& ctx) {
  if (reason.size() < kMinNoReportReasonBytes) {
    return Status::InvalidInput(
        "say why no report is made in this case (an individual assessment, at least " +
            std::to_string(kMinNoReportReasonBytes) + " characters)",
        "reason");
  }
  if (reason.size() > kMaxReportBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxReportBytes) + " bytes",
                                "reason");
  }
  Result<ConcernTask> task = Authorized(who, task_id, "no_report", ctx);
  if (!task.ok()) return task;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long key = task_id;
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    const std::string sealed = cipher_.Encrypt(reason, kReasonData);
    soci::statement close =
        (sql.prepare << "UPDATE concern_tasks SET state = 'no_report', no_report_reason_enc = :r, "
                        "closed_at = :now, closed_by = :by WHERE id = :id AND state = 'open'",
         soci::use(sealed), soci::use(now), soci::use(by), soci::use(key));
    close.execute(true);
    if (close.get_affected_rows() == 0) {
      return Status::Conflict("the task is already closed").WithReason("task_closed");
    }
    security::AuditEvent e = security::EventBy(who, "no_report", "concern_task",
                                               std::to_string(task_id), CompartmentOf(*task), ctx);
    e.purpose = kPurpose;
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  return Authorized(who, task_id, "read", ctx);
}

Result<ConcernTask> ConcernReports::CorrectReport(const Principal& who, int64_t task_id,
                                                  const std::string& text,
                                                  const std::string& reason,
                                                  const RequestContext& ctx) {
  if (text.empty()) return Status::InvalidInput("the report needs its text", "text");
  if (text.size() > kMaxReportBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxReportBytes) + " bytes", "text");
  }
  if (reason.size() < kMinNoReportReasonBytes) {
    return Status::InvalidInput("say what is corrected and why (at least " +
                                    std::to_string(kMinNoReportReasonBytes) + " characters)",
                                "reason");
  }
  if (reason.size() > kMaxReportBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxReportBytes) + " bytes",
                                "reason");
  }
  Result<ConcernTask> task = Authorized(who, task_id, "correct_report", ctx);
  if (!task.ok()) return task;
  if (!task->report) {
    return Status::Conflict("the task has no filed report to correct").WithReason("no_report");
  }
  if (task->report->text == text) {
    return Status::InvalidInput("the corrected text is the same as the report's", "text");
  }
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long report = task->report->id;
    std::string current_enc;
    sql << "SELECT text_enc FROM concern_reports WHERE id = :r", soci::use(report),
        soci::into(current_enc);
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    // The stored value is re-sealed under the history column's associated data.
    Result<std::string> current = cipher_.Decrypt(current_enc, kTextData);
    if (!current.ok()) return current.status();
    const std::string previous = cipher_.Encrypt(*current, kPreviousTextData);
    const std::string why = cipher_.Encrypt(reason, kCorrectionReasonData);
    sql << "INSERT INTO concern_report_corrections (report_id, previous_text_enc, reason_enc, "
           "corrected_at, corrected_by) VALUES (:r, :p, :w, :now, :by)",
        soci::use(report), soci::use(previous), soci::use(why), soci::use(now), soci::use(by);
    const std::string sealed = cipher_.Encrypt(text, kTextData);
    sql << "UPDATE concern_reports SET text_enc = :x WHERE id = :r", soci::use(sealed),
        soci::use(report);
    security::AuditEvent e = security::EventBy(who, "correct", "concern_report",
                                               std::to_string(report), CompartmentOf(*task), ctx);
    e.purpose = kPurpose;
    e.detail = "to " + security::CompartmentId(Compartment::kSocial, task->report->to_unit_id);
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  return Authorized(who, task_id, "read", ctx);
}

Result<std::vector<ConcernReport>> ConcernReports::Received(const Principal& who,
                                                            const RequestContext& ctx) {
  const Decision decision = policy_.Decide(who, Permission::kReadReceivedConcernReports,
                                           RecordScope{Compartment::kSocial, who.unit.id});
  if (!decision.allowed) return Deny(who, decision, "read", "concern_report", 0, "", ctx);
  Result<std::vector<ConcernReport>> found = std::vector<ConcernReport>{};
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    found = LoadReports(sql,
                        "WHERE r.to_unit_id = :key ORDER BY CASE WHEN r.acknowledged_at IS NULL "
                        "THEN 0 ELSE 1 END, r.filed_at DESC",
                        who.unit.id, cipher_);
    if (!found.ok()) return found.status();
    security::AuditEvent e =
        security::EventBy(who, "read", "concern_report", "",
                          security::CompartmentId(Compartment::kSocial, who.unit.id), ctx);
    e.purpose = kPurpose;
    e.detail = std::to_string(found->size()) + " received reports";
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  return found;
}

Result<ConcernReport> ConcernReports::Acknowledge(const Principal& who, int64_t report_id,
                                                  const RequestContext& ctx) {
  Result<std::vector<ConcernReport>> found = std::vector<ConcernReport>{};
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    found = LoadReports(sql, "WHERE r.id = :key", report_id, cipher_);
    return Status::Ok();
  }));
  if (!found.ok()) return found.status();
  if (found->empty()) {
    return Status::NotFound("no concern report with id " + std::to_string(report_id));
  }
  const ConcernReport report = found->front();
  const std::string compartment = security::CompartmentId(Compartment::kSocial, report.to_unit_id);
  const Decision decision = policy_.Decide(who, Permission::kAcknowledgeConcernReport,
                                           RecordScope{Compartment::kSocial, report.to_unit_id});
  if (!decision.allowed) {
    return Deny(who, decision, "acknowledge", "concern_report", report_id, compartment, ctx);
  }
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long key = report_id;
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    soci::statement ack = (sql.prepare << "UPDATE concern_reports SET acknowledged_at = :now, "
                                          "acknowledged_by = :by WHERE id = :id AND "
                                          "acknowledged_at IS NULL",
                           soci::use(now), soci::use(by), soci::use(key));
    ack.execute(true);
    if (ack.get_affected_rows() == 0) {
      return Status::Conflict("the report is already acknowledged").WithReason("acknowledged");
    }
    security::AuditEvent e = security::EventBy(who, "acknowledge", "concern_report",
                                               std::to_string(report_id), compartment, ctx);
    e.purpose = kPurpose;
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    if (!logged.ok()) return logged.status();
    found = LoadReports(sql, "WHERE r.id = :key", report_id, cipher_);
    return found.ok() ? Status::Ok() : found.status();
  }));
  if (!found.ok()) return found.status();
  return std::move(found->front());
}

}  // namespace sv::disclosure
