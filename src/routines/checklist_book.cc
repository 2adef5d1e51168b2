#include "routines/checklist_book.h"

#include <soci/soci.h>

#include "security/audit.h"
#include "security/personal_data_scan.h"
#include "security/refusal.h"
#include "store/database.h"

namespace sv::routines {

using security::Decision;
using security::Permission;
using security::Principal;
using security::RequestContext;

namespace {

std::string JointId(int64_t id) { return "joint:" + std::to_string(id); }

// The checklist of operation `operation_id` as stored, without the principal's flags.
std::optional<Checklist> LoadChecklist(soci::session& sql, const ops::Operation& op) {
  const long long key = op.id;
  long long version_id = 0;
  sql << "SELECT routine_version_id FROM operation_checklists WHERE operation_id = :o",
      soci::use(key), soci::into(version_id);
  if (!sql.got_data()) return std::nullopt;
  std::optional<RoutineVersion> version = LoadVersion(sql, version_id);
  if (!version) return std::nullopt;
  Checklist list;
  list.operation_id = op.id;
  list.operation_name = op.name;
  list.routine_id = version->routine_id;
  list.version = version->version;
  list.title = version->title;
  list.valid_from = version->valid_from;
  for (Step& step : version->steps) list.items.push_back({std::move(step), std::nullopt});
  long long step_id = 0, at = 0, user_id = 0;
  std::string outcome, reason, user_name, unit_name;
  soci::indicator reason_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT m.step_id, m.outcome, m.reason, m.at, m.user_id, u.display_name, "
                      "un.name FROM checklist_marks m JOIN users u ON u.id = m.user_id "
                      "JOIN units un ON un.id = u.unit_id WHERE m.operation_id = :o",
       soci::use(key), soci::into(step_id), soci::into(outcome), soci::into(reason, reason_ind),
       soci::into(at), soci::into(user_id), soci::into(user_name), soci::into(unit_name));
  st.execute();
  while (st.fetch()) {
    for (ChecklistItem& item : list.items) {
      if (item.step.id != step_id) continue;
      item.mark = Mark{outcome == "deviation" ? MarkOutcome::kDeviation : MarkOutcome::kSigned,
                       reason_ind == soci::i_ok ? reason : "", FromUnixMicros(at), user_id,
                       user_name, unit_name};
    }
  }
  for (const ChecklistItem& item : list.items) {
    if (item.step.required && !item.mark) ++list.open_required;
  }
  return list;
}

bool AnyMarked(const Checklist& list) {
  for (const ChecklistItem& item : list.items) {
    if (item.mark) return true;
  }
  return false;
}

// The agency a principal acts for, if any.
std::optional<Agency> AgencyOf(const Principal& who) {
  const auto compartment = security::Policy::CompartmentOfRole(who.user.role);
  if (!compartment) return std::nullopt;
  return *compartment == security::Compartment::kPolice ? Agency::kPolice : Agency::kSocial;
}

}  // namespace

ChecklistBook::ChecklistBook(store::Database& database, const Clock& clock,
                             const security::Policy& policy, security::AuditLog& audit)
    : database_(database), clock_(clock), policy_(policy), audit_(audit) {}

Status ChecklistBook::Deny(const Principal& who, const Decision& decision,
                           const std::string& action, int64_t operation_id,
                           const RequestContext& ctx) {
  return security::RefuseAndAudit(
      audit_,
      security::EventBy(who, action, "operation", std::to_string(operation_id),
                        JointId(operation_id), ctx),
      decision);
}

Result<std::optional<Checklist>> ChecklistBook::ForOperation(const Principal& who,
                                                             int64_t operation_id,
                                                             const RequestContext& ctx) {
  std::optional<Decision> refused;
  std::optional<Checklist> list;
  bool found = false;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    std::optional<ops::SharedOperation> shared = ops::LoadSharedOperation(sql, operation_id);
    if (!shared) return Status::Ok();
    found = true;
    const Decision read = policy_.Decide(who, Permission::kReadOperation, shared->scope);
    if (!read.allowed) {
      refused = read;
      return Status::Ok();
    }
    list = LoadChecklist(sql, shared->operation);
    if (list) {
      list->may_sign = policy_.Decide(who, Permission::kSignChecklist, shared->scope).allowed;
      list->may_attach = !AnyMarked(*list) &&
                         policy_.Decide(who, Permission::kManageOperation, shared->scope).allowed;
    }
    return Status::Ok();
  }));
  if (!found) return Status::NotFound("no operation with id " + std::to_string(operation_id));
  if (refused) return Deny(who, *refused, "read_checklist", operation_id, ctx);
  return list;
}

Result<Checklist> ChecklistBook::Attach(const Principal& who, int64_t operation_id,
                                        int64_t routine_id, const RequestContext& ctx) {
  std::optional<Decision> refused;
  std::optional<Checklist> list;
  Status written = database_.InTransaction([&](soci::session& sql) -> Status {
    std::optional<ops::SharedOperation> shared = ops::LoadSharedOperation(sql, operation_id);
    if (!shared) return Status::NotFound("no operation with id " + std::to_string(operation_id));
    const Decision manage = policy_.Decide(who, Permission::kManageOperation, shared->scope);
    if (!manage.allowed) {
      refused = manage;
      return Status::Forbidden(manage.reason);
    }
    const long long routine = routine_id;
    long long owner = 0;
    sql << "SELECT owner_unit_id FROM routines WHERE id = :r", soci::use(routine),
        soci::into(owner);
    if (!sql.got_data() || ops::CountyOfUnit(sql, owner) != shared->scope.county_code) {
      return Status::InvalidInput(
          "no routine with id " + std::to_string(routine_id) + " in the operation's county",
          "routine_id");
    }
    if (std::optional<Checklist> current = LoadChecklist(sql, shared->operation);
        current && AnyMarked(*current)) {
      return Status::Conflict("steps of the checklist are already signed off; the operation "
                              "keeps \"" + current->title + "\" version " +
                                  std::to_string(current->version))
          .WithReason("checklist_started");
    }
    long long version_id = 0;
    sql << "SELECT id FROM routine_versions WHERE routine_id = :r ORDER BY version DESC LIMIT 1",
        soci::use(routine), soci::into(version_id);
    const long long key = operation_id;
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    sql << "INSERT INTO operation_checklists (operation_id, routine_version_id, attached_at, "
           "attached_by) VALUES (:o, :v, :now, :by) ON CONFLICT (operation_id) DO UPDATE SET "
           "routine_version_id = excluded.routine_version_id, attached_at = excluded.attached_at, "
           "attached_by = excluded.attached_by",
        soci::use(key), soci::use(version_id), soci::use(now), soci::use(by);
    list = LoadChecklist(sql, shared->operation);
    if (!list) return Status::Internal("the checklist was not stored");
    list->may_sign = policy_.Decide(who, Permission::kSignChecklist, shared->scope).allowed;
    list->may_attach = true;
    security::AuditEvent e = security::EventBy(who, "attach_routine", "operation",
                                               std::to_string(operation_id), JointId(operation_id),
                                               ctx);
    e.detail = "routine " + std::to_string(routine_id) + " version " +
               std::to_string(list->version);
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  });
  if (refused) return Deny(who, *refused, "attach_routine", operation_id, ctx);
  SV_RETURN_IF_ERROR(written);
  return std::move(*list);
}

Result<Checklist> ChecklistBook::Sign(const Principal& who, int64_t operation_id,
                                      int64_t step_id, const RequestContext& ctx) {
  return RecordMark(who, operation_id, step_id, MarkOutcome::kSigned, "", ctx);
}

Result<Checklist> ChecklistBook::MarkDeviation(const Principal& who, int64_t operation_id,
                                               int64_t step_id, const std::string& reason,
                                               const RequestContext& ctx) {
  if (reason.empty()) return Status::InvalidInput("a deviation needs its reason", "reason");
  if (reason.size() > kMaxDeviationReasonBytes) {
    return Status::InvalidInput(
        "at most " + std::to_string(kMaxDeviationReasonBytes) + " bytes", "reason");
  }
  SV_RETURN_IF_ERROR(security::RefusePersonalData(reason, "reason", clock_.Now()));
  return RecordMark(who, operation_id, step_id, MarkOutcome::kDeviation, reason, ctx);
}

Result<Checklist> ChecklistBook::RecordMark(const Principal& who, int64_t operation_id,
                                      int64_t step_id, MarkOutcome outcome,
                                      const std::string& reason, const RequestContext& ctx) {
  const std::string action = outcome == MarkOutcome::kSigned ? "sign_step" : "deviation";
  std::optional<Decision> refused;
  std::optional<Checklist> list;
  Status written = database_.InTransaction([&](soci::session& sql) -> Status {
    std::optional<ops::SharedOperation> shared = ops::LoadSharedOperation(sql, operation_id);
    if (!shared) return Status::NotFound("no operation with id " + std::to_string(operation_id));
    const Decision sign = policy_.Decide(who, Permission::kSignChecklist, shared->scope);
    if (!sign.allowed) {
      refused = sign;
      return Status::Forbidden(sign.reason);
    }
    list = LoadChecklist(sql, shared->operation);
    if (!list) {
      return Status::Conflict("the operation has no routine attached")
          .WithReason("no_checklist");
    }
    ChecklistItem* item = nullptr;
    for (ChecklistItem& i : list->items) {
      if (i.step.id == step_id) item = &i;
    }
    if (item == nullptr) {
      return Status::InvalidInput("the operation's checklist has no step " +
                                      std::to_string(step_id),
                                  "step_id");
    }
    const std::optional<Agency> agency = AgencyOf(who);
    if (item->step.agency != Agency::kBoth && agency != item->step.agency) {
      refused = Decision{false,
                         std::string("this step is for ") +
                             (item->step.agency == Agency::kPolice ? "the police"
                                                                    : "the social services") +
                             " to sign off",
                         "", false};
      return Status::Forbidden(refused->reason);
    }
    if (item->mark) {
      return Status::Conflict(std::string("the step is already ") +
                              (item->mark->outcome == MarkOutcome::kSigned
                                   ? "signed off"
                                   : "marked as a deviation") +
                              " by " + item->mark->user_name)
          .WithReason("already_marked");
    }
    const long long key = operation_id;
    const long long step = step_id;
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    const std::string outcome_name = outcome == MarkOutcome::kSigned ? "signed" : "deviation";
    std::string stored_reason = reason;
    soci::indicator reason_ind = reason.empty() ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO checklist_marks (operation_id, step_id, outcome, reason, at, user_id) "
           "VALUES (:o, :s, :out, :r, :at, :by)",
        soci::use(key), soci::use(step), soci::use(outcome_name),
        soci::use(stored_reason, reason_ind), soci::use(now), soci::use(by);
    list = LoadChecklist(sql, shared->operation);
    list->may_sign = true;
    list->may_attach = false;
    security::AuditEvent e = security::EventBy(who, action, "operation",
                                               std::to_string(operation_id), JointId(operation_id),
                                               ctx);
    e.detail = "step " + std::to_string(step_id);
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  });
  if (refused) return Deny(who, *refused, action, operation_id, ctx);
  SV_RETURN_IF_ERROR(written);
  return std::move(*list);
}

Status ChecklistBook::CheckBeforeClosing(soci::session& sql, int64_t operation_id) const {
  const long long key = operation_id;
  std::string text;
  int open = 0;
  std::string first;
  soci::statement st =
      (sql.prepare << "SELECT s.text FROM operation_checklists c "
                      "JOIN routine_steps s ON s.version_id = c.routine_version_id "
                      "LEFT JOIN checklist_marks m ON m.operation_id = c.operation_id "
                      "AND m.step_id = s.id WHERE c.operation_id = :o AND s.required = 1 "
                      "AND m.step_id IS NULL ORDER BY s.position",
       soci::use(key), soci::into(text));
  st.execute();
  while (st.fetch()) {
    if (open++ == 0) first = text;
  }
  if (open == 0) return Status::Ok();
  if (first.size() > 80) {
    std::size_t cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(first[cut]) & 0xC0) == 0x80) --cut;
    first = first.substr(0, cut) + "…";
  }
  return Status::Conflict(std::to_string(open) +
                          (open == 1 ? " required step of the checklist is"
                                     : " required steps of the checklist are") +
                          " neither signed off nor marked as a deviation, first: \"" + first +
                          "\"")
      .WithReason("checklist_incomplete");
}

}  // namespace sv::routines
