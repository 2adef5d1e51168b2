#include "routines/routine_library.h"

#include <algorithm>
#include <map>

#include <soci/soci.h>

#include "ops/operation_book.h"
#include "security/audit.h"
#include "security/refusal.h"
#include "store/database.h"
#include "sv_routines_embedded.h"

namespace sv::routines {

using ops::CountyOfUnit;
using security::Permission;
using security::Principal;
using security::RequestContext;

struct RoutineLibrary::Owner {
  int64_t unit_id = 0;
  std::string county;
};

namespace {

std::optional<Phase> ParsePhase(std::string_view s) {
  for (Phase p : {Phase::kBefore, Phase::kDuring, Phase::kAfter}) {
    if (PhaseName(p) == s) return p;
  }
  return std::nullopt;
}

std::optional<Agency> ParseAgency(std::string_view s) {
  for (Agency a : {Agency::kPolice, Agency::kSocial, Agency::kBoth}) {
    if (AgencyName(a) == s) return a;
  }
  return std::nullopt;
}

std::string RecordId(int64_t id) { return std::to_string(id); }

}  // namespace

std::string StepKey(Phase phase, std::string_view text) {
  std::string key(PhaseName(phase));
  key += ':';
  bool space = false;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && key.back() != ':') key += ' ';
    space = false;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
  }
  // FNV-1a, so the key is short and the same on every machine.
  uint64_t hash = 1469598103934665603ULL;
  for (char ch : key) {
    hash ^= static_cast<unsigned char>(ch);
    hash *= 1099511628211ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(PhaseName(phase));
  out += '-';
  for (int i = 15; i >= 0; --i) out += kHex[(hash >> (i * 4)) & 0xF];
  return out;
}


std::optional<RoutineVersion> LoadVersion(soci::session& sql, int64_t version_id) {
  RoutineVersion v;
  const long long key = version_id;
  long long routine = 0, created_at = 0;
  int version = 0;
  std::string valid_from;
  sql << "SELECT v.routine_id, v.version, v.title, v.valid_from, v.source, v.created_at, "
         "u.display_name FROM routine_versions v JOIN users u ON u.id = v.created_by "
         "WHERE v.id = :id",
      soci::use(key), soci::into(routine), soci::into(version), soci::into(v.title),
      soci::into(valid_from), soci::into(v.source), soci::into(created_at),
      soci::into(v.created_by_name);
  if (!sql.got_data()) return std::nullopt;
  v.id = version_id;
  v.routine_id = routine;
  v.version = version;
  v.valid_from = ParseDate(valid_from, "valid_from").value_or(CivilDate{});
  v.created_at = FromUnixMicros(created_at);
  if (Result<RoutineDocument> doc = ParseRoutine(v.source); doc.ok()) v.description = doc->description;
  long long step_id = 0;
  int position = 0, required = 0;
  std::string phase, agency, text;
  soci::statement st = (sql.prepare << "SELECT id, position, phase, agency, required, text FROM "
                                       "routine_steps WHERE version_id = :v ORDER BY position",
                        soci::use(key), soci::into(step_id), soci::into(position),
                        soci::into(phase), soci::into(agency), soci::into(required),
                        soci::into(text));
  st.execute();
  while (st.fetch()) {
    v.steps.push_back({step_id, position, ParsePhase(phase).value_or(Phase::kBefore),
                       ParseAgency(agency).value_or(Agency::kBoth), required != 0, text});
  }
  return v;
}

RoutineLibrary::RoutineLibrary(store::Database& database, const Clock& clock,
                               const security::Policy& policy, security::AuditLog& audit)
    : database_(database), clock_(clock), policy_(policy), audit_(audit) {}

std::string_view RoutineLibrary::Template() { return embedded::default_routine_md(); }

Status RoutineLibrary::Deny(const Principal& who, const std::string& reason,
                            const std::string& action, int64_t id, const RequestContext& ctx) {
  return security::RefuseAndAudit(
      audit_, security::EventBy(who, action, "routine", id ? RecordId(id) : "", "", ctx),
      Status::Forbidden(reason));
}

Result<RoutineLibrary::Owner> RoutineLibrary::Authorize(const Principal& who, int64_t id,
                                                        Permission what, const std::string& action,
                                                        const RequestContext& ctx) {
  Owner owner;
  std::string principal_county;
  bool found = false;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    const long long key = id;
    long long unit = 0;
    sql << "SELECT owner_unit_id FROM routines WHERE id = :id", soci::use(key), soci::into(unit);
    found = sql.got_data();
    if (!found) return Status::Ok();
    owner.unit_id = unit;
    owner.county = CountyOfUnit(sql, unit);
    principal_county = CountyOfUnit(sql, who.unit.id);
    return Status::Ok();
  }));
  if (!found) return Status::NotFound("no routine with id " + std::to_string(id));
  const security::Decision read = policy_.Decide(who, Permission::kReadRoutines);
  if (!read.allowed) return Deny(who, read.reason, action, id, ctx);
  if (owner.county != principal_county) {
    return Deny(who, "the routine belongs to a unit of another county", action, id, ctx);
  }
  if (what != Permission::kReadRoutines) {
    const security::Decision decision =
        policy_.Decide(who, what, security::UnitScope{owner.unit_id});
    if (!decision.allowed) return Deny(who, decision.reason, action, id, ctx);
  }
  return owner;
}

Result<std::vector<RoutineSummary>> RoutineLibrary::List(const Principal& who,
                                                         const RequestContext& ctx) {
  const security::Decision read = policy_.Decide(who, Permission::kReadRoutines);
  if (!read.allowed) return Deny(who, read.reason, "list", 0, ctx);
  std::vector<RoutineSummary> out;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    const std::string county = CountyOfUnit(sql, who.unit.id);
    long long id = 0, unit = 0, created_at = 0, from_routine = 0;
    int version = 0, from_version = 0;
    soci::indicator from_ind = soci::i_null, from_version_ind = soci::i_null;
    std::string unit_name, kind, title, valid_from;
    soci::statement st =
        (sql.prepare
             << "SELECT r.id, r.owner_unit_id, u.name, u.kind, v.title, v.version, v.valid_from, "
                "v.created_at, r.adopted_from_routine, r.adopted_from_version "
                "FROM routines r JOIN units u ON u.id = r.owner_unit_id "
                "LEFT JOIN municipalities m ON m.code = u.municipality_code "
                "JOIN routine_versions v ON v.routine_id = r.id AND v.version = "
                "(SELECT MAX(version) FROM routine_versions WHERE routine_id = r.id) "
                "WHERE COALESCE(u.county_code, m.county_code) = :county "
                "ORDER BY CASE u.kind WHEN 'region' THEN 0 ELSE 1 END, u.name, v.title",
         soci::use(county), soci::into(id), soci::into(unit), soci::into(unit_name),
         soci::into(kind), soci::into(title), soci::into(version), soci::into(valid_from),
         soci::into(created_at), soci::into(from_routine, from_ind),
         soci::into(from_version, from_version_ind));
    st.execute();
    while (st.fetch()) {
      RoutineSummary r;
      r.id = id;
      r.owner_unit_id = unit;
      r.owner_unit_name = unit_name;
      r.owner_kind = security::ParseUnitKind(kind).value_or(security::UnitKind::kRegion);
      r.title = title;
      r.latest_version = version;
      r.valid_from = ParseDate(valid_from, "valid_from").value_or(CivilDate{});
      r.updated_at = FromUnixMicros(created_at);
      if (from_ind == soci::i_ok) r.adopted_from_routine = from_routine;
      if (from_version_ind == soci::i_ok) r.adopted_from_version = from_version;
      r.may_edit =
          policy_.Decide(who, Permission::kManageRoutines, security::UnitScope{r.owner_unit_id})
              .allowed;
      out.push_back(std::move(r));
    }
    return Status::Ok();
  }));
  return out;
}

Result<RoutineVersion> RoutineLibrary::AddVersion(
    const Principal& who, std::optional<int64_t> id, const std::string& source,
    const std::string& action, std::optional<std::pair<int64_t, int>> adopted_from,
    const RequestContext& ctx) {
  Result<RoutineDocument> doc = ParseRoutine(source);
  if (!doc.ok()) return doc.status();
  int64_t version_id = 0;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    long long routine = id.value_or(0);
    if (!id) {
      const long long unit = who.unit.id;
      long long from_routine = adopted_from ? adopted_from->first : 0;
      int from_version = adopted_from ? adopted_from->second : 0;
      soci::indicator from_ind = adopted_from ? soci::i_ok : soci::i_null;
      soci::indicator from_version_ind = from_ind;
      sql << "INSERT INTO routines (owner_unit_id, adopted_from_routine, adopted_from_version, "
             "created_at, created_by) VALUES (:u, :fr, :fv, :now, :by) RETURNING id",
          soci::use(unit), soci::use(from_routine, from_ind),
          soci::use(from_version, from_version_ind), soci::use(now), soci::use(by),
          soci::into(routine);
    }
    int version = 0;
    soci::indicator max_ind = soci::i_null;
    sql << "SELECT MAX(version) FROM routine_versions WHERE routine_id = :r", soci::use(routine),
        soci::into(version, max_ind);
    version = max_ind == soci::i_ok ? version + 1 : 1;
    const std::string valid_from = FormatDate(doc->valid_from);
    long long made = 0;
    sql << "INSERT INTO routine_versions (routine_id, version, title, valid_from, source, "
           "created_at, created_by) VALUES (:r, :v, :t, :f, :s, :now, :by) RETURNING id",
        soci::use(routine), soci::use(version), soci::use(doc->title), soci::use(valid_from),
        soci::use(source), soci::use(now), soci::use(by), soci::into(made);
    version_id = made;
    int position = 0;
    for (const RoutineStep& step : doc->steps) {
      ++position;
      const std::string phase(PhaseName(step.phase)), agency(AgencyName(step.agency));
      const int required = step.required ? 1 : 0;
      const std::string key = StepKey(step.phase, step.text);
      sql << "INSERT INTO routine_steps (version_id, position, phase, agency, required, text, "
             "step_key) VALUES (:v, :p, :ph, :a, :r, :t, :k)",
          soci::use(made), soci::use(position), soci::use(phase), soci::use(agency),
          soci::use(required), soci::use(step.text), soci::use(key);
    }
    security::AuditEvent e =
        security::EventBy(who, action, "routine", RecordId(routine), "", ctx);
    e.detail = "version " + std::to_string(version);
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  std::optional<RoutineVersion> stored;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    stored = LoadVersion(sql, version_id);
    return Status::Ok();
  }));
  if (!stored) return Status::Internal("the routine version was not stored");
  return std::move(*stored);
}

Result<RoutineVersion> RoutineLibrary::Create(const Principal& who, const std::string& source,
                                              const RequestContext& ctx) {
  const security::Decision decision =
      policy_.Decide(who, Permission::kManageRoutines, security::UnitScope{who.unit.id});
  if (!decision.allowed) return Deny(who, decision.reason, "create", 0, ctx);
  return AddVersion(who, std::nullopt, source, "create", std::nullopt, ctx);
}

Result<RoutineVersion> RoutineLibrary::Revise(const Principal& who, int64_t id,
                                              const std::string& source,
                                              const RequestContext& ctx) {
  Result<Owner> owner = Authorize(who, id, Permission::kManageRoutines, "update", ctx);
  if (!owner.ok()) return owner.status();
  return AddVersion(who, id, source, "update", std::nullopt, ctx);
}

Result<RoutineVersion> RoutineLibrary::Version(const Principal& who, int64_t id, int version,
                                               const RequestContext& ctx) {
  Result<Owner> owner = Authorize(who, id, Permission::kReadRoutines, "read", ctx);
  if (!owner.ok()) return owner.status();
  std::optional<RoutineVersion> found;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    const long long key = id;
    long long version_id = 0;
    if (version > 0) {
      sql << "SELECT id FROM routine_versions WHERE routine_id = :r AND version = :v",
          soci::use(key), soci::use(version), soci::into(version_id);
    } else {
      sql << "SELECT id FROM routine_versions WHERE routine_id = :r ORDER BY version DESC "
             "LIMIT 1",
          soci::use(key), soci::into(version_id);
    }
    if (sql.got_data()) found = LoadVersion(sql, version_id);
    return Status::Ok();
  }));
  if (!found) {
    return Status::NotFound("routine " + std::to_string(id) + " has no version " +
                            std::to_string(version));
  }
  return std::move(*found);
}

Result<std::vector<RoutineVersion>> RoutineLibrary::Versions(const Principal& who, int64_t id,
                                                             const RequestContext& ctx) {
  Result<Owner> owner = Authorize(who, id, Permission::kReadRoutines, "read", ctx);
  if (!owner.ok()) return owner.status();
  std::vector<RoutineVersion> out;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    const long long key = id;
    long long version_id = 0, created_at = 0;
    int version = 0;
    std::string title, valid_from, author;
    soci::statement st =
        (sql.prepare << "SELECT v.id, v.version, v.title, v.valid_from, v.created_at, "
                        "u.display_name FROM routine_versions v JOIN users u ON u.id = "
                        "v.created_by WHERE v.routine_id = :r ORDER BY v.version DESC",
         soci::use(key), soci::into(version_id), soci::into(version), soci::into(title),
         soci::into(valid_from), soci::into(created_at), soci::into(author));
    st.execute();
    while (st.fetch()) {
      RoutineVersion v;
      v.id = version_id;
      v.routine_id = id;
      v.version = version;
      v.title = title;
      v.valid_from = ParseDate(valid_from, "valid_from").value_or(CivilDate{});
      v.created_at = FromUnixMicros(created_at);
      v.created_by_name = author;
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

Result<RoutineVersion> RoutineLibrary::Adopt(const Principal& who, int64_t id,
                                             const RequestContext& ctx) {
  Result<RoutineVersion> latest = Version(who, id, 0, ctx);
  if (!latest.ok()) return latest.status();
  const security::Decision decision =
      policy_.Decide(who, Permission::kManageRoutines, security::UnitScope{who.unit.id});
  if (!decision.allowed) return Deny(who, decision.reason, "adopt", id, ctx);
  return AddVersion(who, std::nullopt, latest->source, "adopt",
                    std::pair<int64_t, int>{id, latest->version}, ctx);
}

Result<std::vector<StepDeviations>> RoutineLibrary::Deviations(const Principal& who, int64_t id,
                                                               const RequestContext& ctx) {
  Result<Owner> owner = Authorize(who, id, Permission::kReadRoutines, "read", ctx);
  if (!owner.ok()) return owner.status();
  std::map<std::string, StepDeviations> by_key;
  std::vector<std::string> order;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    const long long key = id;
    // Every step of every version that an operation followed, newest version first, so the text
    // shown is the latest wording.
    std::string step_key, phase, text, outcome, reason;
    int required = 0, version = 0;
    long long operation = 0, at = 0;
    soci::indicator outcome_ind = soci::i_null, reason_ind = soci::i_null, at_ind = soci::i_null;
    soci::statement st =
        (sql.prepare
             << "SELECT s.step_key, s.phase, s.text, s.required, v.version, c.operation_id, "
                "m.outcome, m.reason, m.at FROM routine_steps s "
                "JOIN routine_versions v ON v.id = s.version_id "
                "JOIN operation_checklists c ON c.routine_version_id = v.id "
                "LEFT JOIN checklist_marks m ON m.operation_id = c.operation_id "
                "AND m.step_id = s.id WHERE v.routine_id = :r "
                "ORDER BY v.version DESC, m.at DESC",
         soci::use(key), soci::into(step_key), soci::into(phase), soci::into(text),
         soci::into(required), soci::into(version), soci::into(operation),
         soci::into(outcome, outcome_ind), soci::into(reason, reason_ind),
         soci::into(at, at_ind));
    st.execute();
    while (st.fetch()) {
      auto [it, fresh] = by_key.try_emplace(step_key);
      StepDeviations& d = it->second;
      if (fresh) {
        d.phase = ParsePhase(phase).value_or(Phase::kBefore);
        d.text = text;
        d.required = required != 0;
        order.push_back(step_key);
      }
      ++d.operations;
      if (outcome_ind == soci::i_ok && outcome == "deviation") {
        ++d.deviations;
        if (reason_ind == soci::i_ok) d.reasons.push_back(reason);
      }
    }
    return Status::Ok();
  }));
  std::vector<StepDeviations> out;
  for (const std::string& key : order) out.push_back(std::move(by_key[key]));
  std::stable_sort(out.begin(), out.end(), [](const StepDeviations& a, const StepDeviations& b) {
    return a.deviations > b.deviations;
  });
  return out;
}

}  // namespace sv::routines
