#include "ops/operation_book.h"

#include <algorithm>
#include <optional>

#include <soci/soci.h>

#include "security/audit.h"
#include "security/personal_data_scan.h"
#include "security/refusal.h"
#include "store/database.h"
#include "store/idempotency.h"

namespace sv::ops {

using security::AuditEvent;
using security::Decision;
using security::Permission;
using security::Principal;
using security::RequestContext;

struct OperationBook::Loaded {
  Operation op;
  security::OperationScope scope;
};

namespace {

constexpr const char* kColumns =
    "o.id, o.type, o.name, o.municipality_code, o.place, o.planned_start, o.planned_end, "
    "o.lead_unit_id, lu.name, o.state, o.created_at, o.created_by, cu.display_name, o.updated_at";
constexpr const char* kFrom =
    " FROM operations o JOIN units lu ON lu.id = o.lead_unit_id "
    "JOIN users cu ON cu.id = o.created_by ";
// A log entry's counts are 0–1000: more than anyone meets in one operation.
constexpr int kMaxCount = 1000;
// Times in the future are refused beyond this (clocks of phones drift).
constexpr auto kClockSlack = std::chrono::minutes(5);

std::string JointId(int64_t id) { return "joint:" + std::to_string(id); }

// The buffers of one operations row.
struct Row {
  long long id = 0, planned_start = 0, planned_end = 0, lead_unit_id = 0, created_at = 0,
            created_by = 0, updated_at = 0;
  std::string type, name, municipality_code, place, lead_unit_name, state, creator;

  template <typename Statement>
  void Bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(type));
    st.exchange(soci::into(name));
    st.exchange(soci::into(municipality_code));
    st.exchange(soci::into(place));
    st.exchange(soci::into(planned_start));
    st.exchange(soci::into(planned_end));
    st.exchange(soci::into(lead_unit_id));
    st.exchange(soci::into(lead_unit_name));
    st.exchange(soci::into(state));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(created_by));
    st.exchange(soci::into(creator));
    st.exchange(soci::into(updated_at));
  }

  Operation ToOperation() const {
    Operation op;
    op.id = id;
    op.type = type;
    op.name = name;
    op.municipality_code = municipality_code;
    op.place = place;
    op.planned_start = FromUnixMicros(planned_start);
    op.planned_end = FromUnixMicros(planned_end);
    op.lead_unit_id = lead_unit_id;
    op.lead_unit_name = lead_unit_name;
    op.state = ParseState(state).value_or(OperationState::kClosed);
    op.created_at = FromUnixMicros(created_at);
    op.created_by = created_by;
    op.created_by_name = creator;
    op.updated_at = FromUnixMicros(updated_at);
    return op;
  }
};

bool LoadOperation(soci::session& sql, int64_t id, Operation& out) {
  Row r;
  const long long key = id;
  soci::statement st(sql);
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + kFrom + "WHERE o.id = :id");
  r.Bind(st);
  st.exchange(soci::use(key));
  st.define_and_bind();
  st.execute(true);
  if (!st.got_data()) return false;
  out = r.ToOperation();
  return true;
}

// Who the joint space is shared with: the lead unit and the participants' units.
security::OperationScope LoadScope(soci::session& sql, const Operation& op) {
  security::OperationScope scope;
  scope.lead_unit_id = op.lead_unit_id;
  scope.unit_ids.push_back(op.lead_unit_id);
  scope.closed = op.state == OperationState::kClosed;
  const long long id = op.id;
  long long unit = 0;
  soci::statement units = (sql.prepare << "SELECT DISTINCT u.unit_id FROM operation_participants p "
                                          "JOIN users u ON u.id = p.user_id "
                                          "WHERE p.operation_id = :id",
                           soci::use(id), soci::into(unit));
  units.execute();
  while (units.fetch()) {
    if (std::find(scope.unit_ids.begin(), scope.unit_ids.end(), unit) == scope.unit_ids.end()) {
      scope.unit_ids.push_back(unit);
    }
  }
  sql << "SELECT county_code FROM municipalities WHERE code = :c", soci::use(op.municipality_code),
      soci::into(scope.county_code);
  return scope;
}

void LoadDetails(soci::session& sql, Operation& op) {
  const long long id = op.id;
  {
    long long user_id = 0, unit_id = 0, added_at = 0;
    std::string name, role, unit_name;
    soci::statement st =
        (sql.prepare << "SELECT p.user_id, u.display_name, u.role, u.unit_id, un.name, "
                        "p.added_at FROM operation_participants p "
                        "JOIN users u ON u.id = p.user_id JOIN units un ON un.id = u.unit_id "
                        "WHERE p.operation_id = :id ORDER BY un.name, u.display_name",
         soci::use(id), soci::into(user_id), soci::into(name), soci::into(role),
         soci::into(unit_id), soci::into(unit_name), soci::into(added_at));
    st.execute();
    while (st.fetch()) {
      op.participants.push_back({user_id, name,
                                 security::ParseRole(role).value_or(security::Role::kPoliceOfficer),
                                 unit_id, unit_name, FromUnixMicros(added_at)});
    }
  }
  {
    long long target_id = 0, added_at = 0;
    std::string site, reference;
    soci::statement st =
        (sql.prepare << "SELECT id, site, reference, added_at FROM operation_targets "
                        "WHERE operation_id = :id ORDER BY id",
         soci::use(id), soci::into(target_id), soci::into(site), soci::into(reference),
         soci::into(added_at));
    st.execute();
    while (st.fetch()) op.targets.push_back({target_id, site, reference, FromUnixMicros(added_at)});
  }
  {
    long long at = 0, user_id = 0;
    std::string from, to, name;
    soci::statement st =
        (sql.prepare << "SELECT t.from_state, t.to_state, t.at, t.user_id, u.display_name "
                        "FROM operation_transitions t JOIN users u ON u.id = t.user_id "
                        "WHERE t.operation_id = :id ORDER BY t.id",
         soci::use(id), soci::into(from), soci::into(to), soci::into(at), soci::into(user_id),
         soci::into(name));
    st.execute();
    while (st.fetch()) {
      op.transitions.push_back({ParseState(from).value_or(OperationState::kPlanned),
                                ParseState(to).value_or(OperationState::kPlanned),
                                FromUnixMicros(at), user_id, name});
    }
  }
}

Status CheckText(const std::string& text, const std::string& field, std::size_t max_bytes,
                 bool required, TimePoint today) {
  if (required && text.empty()) return Status::InvalidInput("is required", field);
  if (text.size() > max_bytes) {
    return Status::InvalidInput("at most " + std::to_string(max_bytes) + " bytes", field);
  }
  return security::RefusePersonalData(text, field, today);
}

Status CheckCounts(const LogCounts& c) {
  const std::pair<int, const char*> counts[] = {
      {c.contacts_sellers, "counts.contacts_sellers"},
      {c.contacts_buyers, "counts.contacts_buyers"},
      {c.offers_made, "counts.offers_made"},
      {c.offers_accepted, "counts.offers_accepted"},
      {c.concern_tasks_opened, "counts.concern_tasks_opened"},
      {c.buyers_reported, "counts.buyers_reported"},
  };
  for (const auto& [value, field] : counts) {
    if (value < 0 || value > kMaxCount) {
      return Status::InvalidInput("must be a whole number from 0 to " + std::to_string(kMaxCount),
                                  field);
    }
  }
  if (c.offers_accepted > c.offers_made) {
    return Status::InvalidInput("cannot be more than the offers made", "counts.offers_accepted");
  }
  return {};
}


bool TakesPartOnTheSpot(security::Role role) {
  return security::Policy::HasPersonLevelAccess(role);
}

}  // namespace

OperationBook::OperationBook(store::Database& database, const Clock& clock,
                             const security::Policy& policy, security::AuditLog& audit,
                             std::vector<std::string> types,
                             std::vector<const CloseGuard*> close_guards)
    : database_(database),
      clock_(clock),
      policy_(policy),
      audit_(audit),
      types_(std::move(types)),
      close_guards_(std::move(close_guards)) {}

Status OperationBook::Deny(const Principal& who, const Decision& decision,
                           const std::string& action, int64_t id, const RequestContext& ctx) {
  return security::RefuseAndAudit(
      audit_,
      security::EventBy(who, action, "operation", id ? std::to_string(id) : "",
                        id ? JointId(id) : "", ctx),
      decision);
}

Result<OperationBook::Loaded> OperationBook::Authorize(const Principal& who, int64_t id,
                                                       Permission what, const std::string& action,
                                                       const RequestContext& ctx) {
  Loaded loaded;
  bool found = false;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    found = LoadOperation(sql, id, loaded.op);
    if (found) loaded.scope = LoadScope(sql, loaded.op);
    return Status::Ok();
  }));
  if (!found) return Status::NotFound("no operation with id " + std::to_string(id));
  const Decision decision = policy_.Decide(who, what, loaded.scope);
  if (!decision.allowed) return Deny(who, decision, action, id, ctx);
  loaded.op.may_manage = policy_.Decide(who, Permission::kManageOperation, loaded.scope).allowed;
  loaded.op.may_write_log =
      policy_.Decide(who, Permission::kWriteOperationLog, loaded.scope).allowed;
  return loaded;
}

Status OperationBook::CheckPlan(soci::session& sql, const OperationPlan& plan) const {
  if (std::find(types_.begin(), types_.end(), plan.type) == types_.end()) {
    return Status::InvalidInput(
        plan.type.empty() ? "is required" : "\"" + plan.type + "\" is not a configured type",
        "type");
  }
  const TimePoint today = clock_.Now();
  SV_RETURN_IF_ERROR(CheckText(plan.name, "name", kMaxOperationNameBytes, true, today));
  SV_RETURN_IF_ERROR(CheckText(plan.place, "place", kMaxPlaceBytes, true, today));
  std::string county;
  sql << "SELECT county_code FROM municipalities WHERE code = :c",
      soci::use(plan.municipality_code), soci::into(county);
  if (!sql.got_data()) {
    return Status::InvalidInput(plan.municipality_code.empty()
                                    ? "is required"
                                    : "no municipality has the code \"" +
                                          plan.municipality_code + "\"",
                                "municipality_code");
  }
  if (plan.planned_end <= plan.planned_start) {
    return Status::InvalidInput("must be after the planned start", "planned_end");
  }
  return {};
}

Result<Operation> OperationBook::Plan(const Principal& who, const OperationPlan& plan,
                                      const RequestContext& ctx) {
  const Decision decision = policy_.Decide(who, Permission::kPlanOperation);
  if (!decision.allowed) return Deny(who, decision, "create", 0, ctx);
  int64_t id = 0;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    SV_RETURN_IF_ERROR(CheckPlan(sql, plan));
    std::string county;
    sql << "SELECT county_code FROM municipalities WHERE code = :c",
        soci::use(plan.municipality_code), soci::into(county);
    if (county != CountyOfUnit(sql, who.unit.id)) {
      return Status::InvalidInput("is outside the county of the lead unit (" + who.unit.name + ")",
                                  "municipality_code");
    }
    const long long now = ToUnixMicros(clock_.Now());
    const long long start = ToUnixMicros(plan.planned_start);
    const long long end = ToUnixMicros(plan.planned_end);
    const long long lead = who.unit.id;
    const long long by = who.user.id;
    const std::string state(StateName(OperationState::kPlanned));
    long long made = 0;
    sql << "INSERT INTO operations (type, name, municipality_code, place, planned_start, "
           "planned_end, lead_unit_id, state, created_at, created_by, updated_at) VALUES (:t, :n, "
           ":m, :p, :s, :e, :l, :st, :now, :by, :now2) RETURNING id",
        soci::use(plan.type), soci::use(plan.name), soci::use(plan.municipality_code),
        soci::use(plan.place), soci::use(start), soci::use(end), soci::use(lead),
        soci::use(state), soci::use(now), soci::use(by), soci::use(now), soci::into(made);
    id = made;
    AuditEvent e = security::EventBy(who, "create", "operation", std::to_string(id), JointId(id),
                                     ctx);
    Result<AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  return Get(who, id, ctx);
}

Result<std::vector<Operation>> OperationBook::List(const Principal& who,
                                                   const OperationFilter& filter) {
  std::vector<Operation> out;
  if (!policy_.Decide(who, Permission::kReadOperation, security::OperationScope{who.unit.id,
                                                                                 {who.unit.id},
                                                                                 "",
                                                                                 false})
           .allowed &&
      who.unit.kind != security::UnitKind::kRegion) {
    return out;  // a role that reads no operation gets an empty list, not an error
  }
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    // Narrow down in SQL to what the principal's unit could reach; the policy decides each row.
    std::string where =
        "WHERE (o.lead_unit_id = :unit OR EXISTS (SELECT 1 FROM operation_participants p JOIN "
        "users u ON u.id = p.user_id WHERE p.operation_id = o.id AND u.unit_id = :unit2) OR "
        "o.municipality_code IN (SELECT code FROM municipalities WHERE county_code = :county))";
    const long long unit = who.unit.id;
    const std::string county =
        who.unit.kind == security::UnitKind::kRegion ? who.unit.county_code : "-";
    const std::string state = filter.state ? std::string(StateName(*filter.state)) : "";
    const long long ends_after = filter.ends_after ? ToUnixMicros(*filter.ends_after) : 0;
    const long long starts_before =
        filter.starts_before ? ToUnixMicros(*filter.starts_before) : 0;
    const long long me = who.user.id;
    if (filter.state) where += " AND o.state = :state";
    if (filter.open_only) where += " AND o.state <> 'closed'";
    if (filter.ends_after) where += " AND o.planned_end >= :ends_after";
    if (filter.starts_before) where += " AND o.planned_start < :starts_before";
    if (filter.mine) {
      where +=
          " AND (o.created_by = :me OR EXISTS (SELECT 1 FROM operation_participants p2 WHERE "
          "p2.operation_id = o.id AND p2.user_id = :me2))";
    }
    // Upcoming lists read soonest first; otherwise newest first.
    const std::string order =
        filter.ends_after ? " ORDER BY o.planned_start, o.id" : " ORDER BY o.planned_start DESC, o.id DESC";
    Row r;
    soci::statement st(sql);
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + kFrom + where + order + " LIMIT 500");
    r.Bind(st);
    st.exchange(soci::use(unit, "unit"));
    st.exchange(soci::use(unit, "unit2"));
    st.exchange(soci::use(county, "county"));
    if (filter.state) st.exchange(soci::use(state, "state"));
    if (filter.ends_after) st.exchange(soci::use(ends_after, "ends_after"));
    if (filter.starts_before) st.exchange(soci::use(starts_before, "starts_before"));
    if (filter.mine) {
      st.exchange(soci::use(me, "me"));
      st.exchange(soci::use(me, "me2"));
    }
    st.define_and_bind();
    st.execute();
    std::vector<Operation> rows;
    while (st.fetch()) rows.push_back(r.ToOperation());
    for (Operation& op : rows) {
      const security::OperationScope scope = LoadScope(sql, op);
      if (!policy_.Decide(who, Permission::kReadOperation, scope).allowed) continue;
      op.may_manage = policy_.Decide(who, Permission::kManageOperation, scope).allowed;
      op.may_write_log = policy_.Decide(who, Permission::kWriteOperationLog, scope).allowed;
      out.push_back(std::move(op));
    }
    return Status::Ok();
  }));
  return out;
}

Result<Operation> OperationBook::Get(const Principal& who, int64_t id, const RequestContext& ctx) {
  Result<Loaded> loaded = Authorize(who, id, Permission::kReadOperation, "read", ctx);
  if (!loaded.ok()) return loaded.status();
  Operation op = std::move(loaded->op);
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    LoadDetails(sql, op);
    return Status::Ok();
  }));
  return op;
}

Result<Operation> OperationBook::Changed(
    const Principal& who, int64_t id, const std::string& action, const std::string& detail,
    const RequestContext& ctx, const std::function<Status(soci::session&)>& change) {
  Result<Loaded> loaded = Authorize(who, id, Permission::kManageOperation, action, ctx);
  if (!loaded.ok()) return loaded.status();
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long key = id;
    const long long now = ToUnixMicros(clock_.Now());
    // The operation may have been closed since it was authorised: the state is checked again
    // under the write lock.
    soci::statement touch = (sql.prepare << "UPDATE operations SET updated_at = :now "
                                            "WHERE id = :id AND state <> 'closed'",
                             soci::use(now), soci::use(key));
    touch.execute(true);
    if (touch.get_affected_rows() == 0) {
      return Status::Conflict("the operation is closed and can no longer be changed")
          .WithReason("operation_closed");
    }
    SV_RETURN_IF_ERROR(change(sql));
    AuditEvent e = security::EventBy(who, action, "operation", std::to_string(id), JointId(id), ctx);
    e.detail = detail;
    Result<AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  return Get(who, id, ctx);
}

Result<Operation> OperationBook::Update(const Principal& who, int64_t id,
                                        const PlanChanges& changes, const RequestContext& ctx) {
  std::string detail = "changed:";
  for (const auto& [set, name] : {std::pair{changes.type.has_value(), " type"},
                                  {changes.name.has_value(), " name"},
                                  {changes.municipality_code.has_value(), " municipality_code"},
                                  {changes.place.has_value(), " place"},
                                  {changes.planned_start.has_value(), " planned_start"},
                                  {changes.planned_end.has_value(), " planned_end"}}) {
    if (set) detail += name;
  }
  return Changed(who, id, "update", detail, ctx, [&](soci::session& sql) -> Status {
    Operation current;
    if (!LoadOperation(sql, id, current)) return Status::NotFound("no such operation");
    OperationPlan plan{changes.type.value_or(current.type),
                       changes.name.value_or(current.name),
                       changes.municipality_code.value_or(current.municipality_code),
                       changes.place.value_or(current.place),
                       changes.planned_start.value_or(current.planned_start),
                       changes.planned_end.value_or(current.planned_end)};
    SV_RETURN_IF_ERROR(CheckPlan(sql, plan));
    std::string county;
    sql << "SELECT county_code FROM municipalities WHERE code = :c",
        soci::use(plan.municipality_code), soci::into(county);
    if (county != CountyOfUnit(sql, current.lead_unit_id)) {
      return Status::InvalidInput("is outside the county of the lead unit", "municipality_code");
    }
    const long long key = id;
    const long long start = ToUnixMicros(plan.planned_start);
    const long long end = ToUnixMicros(plan.planned_end);
    sql << "UPDATE operations SET type = :t, name = :n, municipality_code = :m, place = :p, "
           "planned_start = :s, planned_end = :e WHERE id = :id",
        soci::use(plan.type), soci::use(plan.name), soci::use(plan.municipality_code),
        soci::use(plan.place), soci::use(start), soci::use(end), soci::use(key);
    return Status::Ok();
  });
}

Result<Operation> OperationBook::Advance(const Principal& who, int64_t id, OperationState to,
                                         const RequestContext& ctx) {
  return Changed(who, id, "transition", std::string("to ") + std::string(StateName(to)), ctx,
                 [&](soci::session& sql) -> Status {
    Operation current;
    if (!LoadOperation(sql, id, current)) return Status::NotFound("no such operation");
    const std::optional<OperationState> next = NextState(current.state);
    if (!next || *next != to) {
      std::string message = "the operation is " + std::string(StateName(current.state));
      message += next ? "; it can only move to " + std::string(StateName(*next))
                      : " and cannot move any further";
      return Status::Conflict(message, "to").WithReason("transition_not_allowed");
    }
    if (to == OperationState::kClosed) {
      for (const CloseGuard* guard : close_guards_) {
        SV_RETURN_IF_ERROR(guard->CheckBeforeClosing(sql, id));
      }
    }
    const long long key = id;
    const long long at = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    const std::string from_name(StateName(current.state)), to_name(StateName(to));
    sql << "UPDATE operations SET state = :s WHERE id = :id", soci::use(to_name), soci::use(key);
    sql << "INSERT INTO operation_transitions (operation_id, from_state, to_state, at, user_id) "
           "VALUES (:id, :f, :t, :at, :by)",
        soci::use(key), soci::use(from_name), soci::use(to_name), soci::use(at), soci::use(by);
    return Status::Ok();
  });
}

Result<Operation> OperationBook::AddParticipant(const Principal& who, int64_t id, int64_t user_id,
                                                const RequestContext& ctx) {
  return Changed(who, id, "add_participant", "user " + std::to_string(user_id), ctx,
                 [&](soci::session& sql) -> Status {
    const long long user = user_id;
    const long long key = id;
    std::string role;
    long long unit = 0;
    int disabled = 0;
    sql << "SELECT role, unit_id, disabled FROM users WHERE id = :id", soci::use(user),
        soci::into(role), soci::into(unit), soci::into(disabled);
    if (!sql.got_data()) {
      return Status::InvalidInput("no user has the id " + std::to_string(user_id), "user_id");
    }
    if (disabled != 0) return Status::InvalidInput("the account is disabled", "user_id");
    const std::optional<security::Role> parsed = security::ParseRole(role);
    if (!parsed || !TakesPartOnTheSpot(*parsed)) {
      return Status::InvalidInput("a " + role + " does not take part in operations", "user_id");
    }
    Operation current;
    if (!LoadOperation(sql, id, current)) return Status::NotFound("no such operation");
    std::string county;
    sql << "SELECT county_code FROM municipalities WHERE code = :c",
        soci::use(current.municipality_code), soci::into(county);
    if (CountyOfUnit(sql, unit) != county) {
      return Status::InvalidInput("the user's unit works outside the operation's county",
                                  "user_id");
    }
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    sql << "INSERT INTO operation_participants (operation_id, user_id, added_at, added_by) "
           "VALUES (:o, :u, :at, :by) ON CONFLICT (operation_id, user_id) DO NOTHING",
        soci::use(key), soci::use(user), soci::use(now), soci::use(by);
    return Status::Ok();
  });
}

Result<Operation> OperationBook::RemoveParticipant(const Principal& who, int64_t id,
                                                   int64_t user_id, const RequestContext& ctx) {
  return Changed(who, id, "remove_participant", "user " + std::to_string(user_id), ctx,
                 [&](soci::session& sql) -> Status {
    const long long key = id;
    const long long user = user_id;
    soci::statement st = (sql.prepare << "DELETE FROM operation_participants "
                                         "WHERE operation_id = :o AND user_id = :u",
                          soci::use(key), soci::use(user));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return Status::NotFound("user " + std::to_string(user_id) + " does not take part");
    }
    return Status::Ok();
  });
}

Result<std::vector<Candidate>> OperationBook::Candidates(const Principal& who, int64_t id,
                                                         const RequestContext& ctx) {
  Result<Loaded> loaded = Authorize(who, id, Permission::kManageOperation, "list_candidates", ctx);
  if (!loaded.ok()) return loaded.status();
  std::vector<Candidate> out;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    const long long key = id;
    const std::string& county = loaded->scope.county_code;
    long long user_id = 0, unit_id = 0;
    std::string name, role, unit_name;
    soci::statement st =
        (sql.prepare << "SELECT u.id, u.display_name, u.role, u.unit_id, un.name FROM users u "
                        "JOIN units un ON un.id = u.unit_id "
                        "LEFT JOIN municipalities m ON m.code = un.municipality_code "
                        "WHERE u.disabled = 0 AND COALESCE(un.county_code, m.county_code) = :c "
                        "AND NOT EXISTS (SELECT 1 FROM operation_participants p "
                        "WHERE p.operation_id = :id AND p.user_id = u.id) "
                        "ORDER BY un.name, u.display_name",
         soci::use(county), soci::use(key), soci::into(user_id), soci::into(name),
         soci::into(role), soci::into(unit_id), soci::into(unit_name));
    st.execute();
    while (st.fetch()) {
      const std::optional<security::Role> parsed = security::ParseRole(role);
      if (!parsed || !TakesPartOnTheSpot(*parsed)) continue;
      out.push_back({user_id, name, *parsed, unit_id, unit_name});
    }
    return Status::Ok();
  }));
  return out;
}

Result<Operation> OperationBook::AddTarget(const Principal& who, int64_t id,
                                           const std::string& site, const std::string& reference,
                                           const RequestContext& ctx) {
  const TimePoint today = clock_.Now();
  SV_RETURN_IF_ERROR(CheckText(site, "site", kMaxTargetBytes, true, today));
  SV_RETURN_IF_ERROR(CheckText(reference, "reference", kMaxTargetBytes, true, today));
  return Changed(who, id, "add_target", "", ctx, [&](soci::session& sql) -> Status {
    const long long key = id;
    long long existing = 0;
    sql << "SELECT id FROM operation_targets WHERE operation_id = :o AND site = :s AND "
           "reference = :r",
        soci::use(key), soci::use(site), soci::use(reference), soci::into(existing);
    if (sql.got_data()) {
      return Status::Conflict("this ad is already a target of the operation", "reference");
    }
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    sql << "INSERT INTO operation_targets (operation_id, site, reference, added_at, added_by) "
           "VALUES (:o, :s, :r, :at, :by)",
        soci::use(key), soci::use(site), soci::use(reference), soci::use(now), soci::use(by);
    return Status::Ok();
  });
}

Result<Operation> OperationBook::RemoveTarget(const Principal& who, int64_t id, int64_t target_id,
                                              const RequestContext& ctx) {
  return Changed(who, id, "remove_target", "target " + std::to_string(target_id), ctx,
                 [&](soci::session& sql) -> Status {
    const long long key = id;
    const long long target = target_id;
    soci::statement st = (sql.prepare << "DELETE FROM operation_targets "
                                         "WHERE id = :t AND operation_id = :o",
                          soci::use(target), soci::use(key));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return Status::NotFound("the operation has no target " + std::to_string(target_id));
    }
    return Status::Ok();
  });
}

namespace {

constexpr const char* kLogColumns =
    "l.id, l.at, l.text, l.contacts_sellers, l.contacts_buyers, l.offers_made, "
    "l.offers_accepted, l.concern_tasks_opened, l.buyers_reported, l.created_by, "
    "u.display_name, l.created_at";

struct LogRow {
  long long id = 0, at = 0, created_by = 0, created_at = 0;
  std::string text, author;
  int sellers = 0, buyers = 0, made = 0, accepted = 0, tasks = 0, reported = 0;

  template <typename Statement>
  void Bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(at));
    st.exchange(soci::into(text));
    st.exchange(soci::into(sellers));
    st.exchange(soci::into(buyers));
    st.exchange(soci::into(made));
    st.exchange(soci::into(accepted));
    st.exchange(soci::into(tasks));
    st.exchange(soci::into(reported));
    st.exchange(soci::into(created_by));
    st.exchange(soci::into(author));
    st.exchange(soci::into(created_at));
  }

  LogEntry ToEntry() const {
    return {id,
            FromUnixMicros(at),
            text,
            {sellers, buyers, made, accepted, tasks, reported},
            created_by,
            author,
            FromUnixMicros(created_at)};
  }
};

// The entries of operation `id` (all), or only entry `entry_id`.
std::vector<LogEntry> LoadLog(soci::session& sql, int64_t id, int64_t entry_id = 0) {
  LogRow r;
  const long long key = id;
  const long long entry = entry_id;
  soci::statement st(sql);
  st.alloc();
  st.prepare(std::string("SELECT ") + kLogColumns +
             " FROM operation_log l JOIN users u ON u.id = l.created_by "
             "WHERE l.operation_id = :id" +
             (entry_id ? " AND l.id = :entry" : "") + " ORDER BY l.at, l.id");
  r.Bind(st);
  st.exchange(soci::use(key, "id"));
  if (entry_id) st.exchange(soci::use(entry, "entry"));
  st.define_and_bind();
  st.execute();
  std::vector<LogEntry> out;
  while (st.fetch()) out.push_back(r.ToEntry());
  return out;
}

std::string Fingerprint(const NewLogEntry& e) {
  const LogCounts& c = e.counts;
  std::string f = e.at ? std::to_string(ToUnixMicros(*e.at)) : "now";
  for (int v : {c.contacts_sellers, c.contacts_buyers, c.offers_made, c.offers_accepted,
                c.concern_tasks_opened, c.buyers_reported}) {
    f += "|" + std::to_string(v);
  }
  return f + "|" + e.text;
}

}  // namespace

Result<std::vector<LogEntry>> OperationBook::Log(const Principal& who, int64_t id,
                                                 const RequestContext& ctx) {
  Result<Loaded> loaded = Authorize(who, id, Permission::kReadOperation, "read_log", ctx);
  if (!loaded.ok()) return loaded.status();
  std::vector<LogEntry> out;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    out = LoadLog(sql, id);
    return Status::Ok();
  }));
  return out;
}

Result<OperationBook::AddedEntry> OperationBook::AddLogEntry(const Principal& who, int64_t id,
                                                             const NewLogEntry& entry,
                                                             const std::string& idempotency_key,
                                                             const RequestContext& ctx) {
  Result<Loaded> loaded = Authorize(who, id, Permission::kWriteOperationLog, "write_log", ctx);
  if (!loaded.ok()) return loaded.status();
  const TimePoint now = clock_.Now();
  SV_RETURN_IF_ERROR(CheckText(entry.text, "text", kMaxLogTextBytes, true, now));
  SV_RETURN_IF_ERROR(CheckCounts(entry.counts));
  const TimePoint at = entry.at.value_or(now);
  if (at > now + kClockSlack) return Status::InvalidInput("must not be in the future", "at");

  AddedEntry out;
  int64_t entry_id = 0;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long key = id;
    const long long now_micros = ToUnixMicros(now);
    std::string state;
    sql << "SELECT state FROM operations WHERE id = :id", soci::use(key), soci::into(state);
    if (state == StateName(OperationState::kClosed)) {
      return Status::Conflict("the operation is closed and can no longer be changed")
          .WithReason("operation_closed");
    }
    if (!idempotency_key.empty()) {
      Result<store::IdempotencyClaim> claim = store::ClaimIdempotencyKey(
          sql, who.user.id, idempotency_key, "operation_log:" + std::to_string(id),
          Fingerprint(entry), now_micros);
      if (!claim.ok()) return claim.status();
      if (claim->replay) {
        entry_id = *claim->record_id;
        out.created = false;
        return Status::Ok();
      }
    }
    const LogCounts& c = entry.counts;
    const long long at_micros = ToUnixMicros(at);
    const long long by = who.user.id;
    long long made = 0;
    sql << "INSERT INTO operation_log (operation_id, at, text, contacts_sellers, contacts_buyers, "
           "offers_made, offers_accepted, concern_tasks_opened, buyers_reported, created_at, "
           "created_by) VALUES (:o, :at, :t, :cs, :cb, :om, :oa, :ct, :br, :now, :by) "
           "RETURNING id",
        soci::use(key), soci::use(at_micros), soci::use(entry.text), soci::use(c.contacts_sellers),
        soci::use(c.contacts_buyers), soci::use(c.offers_made), soci::use(c.offers_accepted),
        soci::use(c.concern_tasks_opened), soci::use(c.buyers_reported), soci::use(now_micros),
        soci::use(by), soci::into(made);
    entry_id = made;
    if (!idempotency_key.empty()) {
      SV_RETURN_IF_ERROR(store::CompleteIdempotencyKey(sql, who.user.id, idempotency_key, made));
    }
    AuditEvent e = security::EventBy(who, "write_log", "operation", std::to_string(id),
                                     JointId(id), ctx);
    e.detail = "log entry " + std::to_string(made);
    Result<AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  std::vector<LogEntry> stored;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    stored = LoadLog(sql, id, entry_id);
    return Status::Ok();
  }));
  if (stored.empty()) return Status::Internal("the log entry was not stored");
  out.entry = std::move(stored.front());
  return out;
}

std::string CountyOfUnit(soci::session& sql, int64_t unit_id) {
  const long long id = unit_id;
  std::string county;
  soci::indicator ind = soci::i_null;
  sql << "SELECT COALESCE(u.county_code, m.county_code) FROM units u "
         "LEFT JOIN municipalities m ON m.code = u.municipality_code WHERE u.id = :id",
      soci::use(id), soci::into(county, ind);
  return sql.got_data() && ind == soci::i_ok ? county : "";
}

std::optional<SharedOperation> LoadSharedOperation(soci::session& sql, int64_t id) {
  SharedOperation shared;
  if (!LoadOperation(sql, id, shared.operation)) return std::nullopt;
  shared.scope = LoadScope(sql, shared.operation);
  return shared;
}

Result<OperationForRecords> OperationOpenForRecords(soci::session& sql,
                                                    const security::Policy& policy,
                                                    const Principal& who, int64_t operation_id) {
  Operation op;
  if (!LoadOperation(sql, operation_id, op)) {
    return Status::InvalidInput("no operation has the id " + std::to_string(operation_id),
                                "operation_id");
  }
  const Decision decision =
      policy.Decide(who, Permission::kReadOperation, LoadScope(sql, op));
  if (!decision.allowed) return Status::Forbidden(decision.reason);
  if (op.state != OperationState::kActive && op.state != OperationState::kDebriefed) {
    return Status::Conflict("the operation is " + std::string(StateName(op.state)) +
                                "; records are made while it is active or at its debriefing",
                            "operation_id")
        .WithReason("operation_not_open");
  }
  return OperationForRecords{op.id, op.state, op.municipality_code};
}

}  // namespace sv::ops
