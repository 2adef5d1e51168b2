#include "http/operations_api.h"

#include "http/gate.h"
#include "http/json.h"
#include "ops/operation_book.h"
#include "persons/age.h"
#include "persons/person_register.h"
#include "police/encounter_register.h"
#include "reports/outcome_numbers.h"
#include "support/support_register.h"

namespace sv::http {
namespace {

using nlohmann::json;
using security::Principal;

json ParticipantJson(const ops::Participant& p) {
  return {{"user_id", p.user_id},     {"display_name", p.display_name},
          {"role", security::RoleName(p.role)}, {"unit_id", p.unit_id},
          {"unit_name", p.unit_name}, {"added_at", FormatRfc3339(p.added_at)}};
}

json OperationJson(const ops::Operation& op) {
  json participants = json::array(), targets = json::array(), transitions = json::array();
  for (const auto& p : op.participants) participants.push_back(ParticipantJson(p));
  for (const auto& t : op.targets) {
    targets.push_back({{"id", t.id},
                       {"site", t.site},
                       {"reference", t.reference},
                       {"added_at", FormatRfc3339(t.added_at)}});
  }
  for (const auto& t : op.transitions) {
    transitions.push_back({{"from", ops::StateName(t.from)},
                           {"to", ops::StateName(t.to)},
                           {"at", FormatRfc3339(t.at)},
                           {"user_id", t.user_id},
                           {"user_name", t.user_name}});
  }
  return {{"id", op.id},
          {"type", op.type},
          {"name", op.name},
          {"municipality_code", op.municipality_code},
          {"place", op.place},
          {"planned_start", FormatRfc3339(op.planned_start)},
          {"planned_end", FormatRfc3339(op.planned_end)},
          {"lead_unit", {{"id", op.lead_unit_id}, {"name", op.lead_unit_name}}},
          {"state", ops::StateName(op.state)},
          {"created_at", FormatRfc3339(op.created_at)},
          {"created_by", {{"id", op.created_by}, {"display_name", op.created_by_name}}},
          {"updated_at", FormatRfc3339(op.updated_at)},
          {"may_manage", op.may_manage},
          {"may_write_log", op.may_write_log},
          {"participants", participants},
          {"targets", targets},
          {"transitions", transitions}};
}

json CountsJson(const ops::LogCounts& c) {
  return {{"contacts_sellers", c.contacts_sellers},
          {"contacts_buyers", c.contacts_buyers},
          {"offers_made", c.offers_made},
          {"offers_accepted", c.offers_accepted},
          {"concern_tasks_opened", c.concern_tasks_opened},
          {"buyers_reported", c.buyers_reported}};
}

json LogEntryJson(const ops::LogEntry& e) {
  return {{"id", e.id},
          {"at", FormatRfc3339(e.at)},
          {"text", e.text},
          {"counts", CountsJson(e.counts)},
          {"author", {{"id", e.author_id}, {"display_name", e.author_name}}},
          {"created_at", FormatRfc3339(e.created_at)}};
}

json EncounterJson(const police::Encounter& e) {
  return {{"id", e.id},
          {"operation_id", e.operation_id},
          {"compartment", security::CompartmentId(security::Compartment::kPolice, e.unit_id)},
          {"role", e.role},
          {"person_id", Nullable(e.person_id)},
          {"age", Nullable(e.age)},
          {"age_band", e.age_band},
          {"offence", Nullable(e.offence)},
          {"case_number", Nullable(e.case_number)},
          {"notes", e.notes},
          {"occurred_at", FormatRfc3339(e.occurred_at)},
          {"created_at", FormatRfc3339(e.created_at)},
          {"created_by", e.created_by}};
}

// The plan fields of a body; with `required`, every one must be there.
struct PlanFields {
  std::optional<std::string> type, name, municipality_code, place;
  std::optional<TimePoint> planned_start, planned_end;
};

PlanFields ReadPlan(BodyReader& in) {
  PlanFields f;
  f.type = in.String("type", 64);
  f.name = in.String("name", ops::kMaxOperationNameBytes);
  f.municipality_code = in.String("municipality_code", 8);
  f.place = in.String("place", ops::kMaxPlaceBytes);
  f.planned_start = in.Time("planned_start");
  f.planned_end = in.Time("planned_end");
  return f;
}

Status RequirePlan(const PlanFields& f) {
  const std::pair<bool, const char*> required[] = {
      {f.type.has_value(), "type"},
      {f.name.has_value(), "name"},
      {f.municipality_code.has_value(), "municipality_code"},
      {f.place.has_value(), "place"},
      {f.planned_start.has_value(), "planned_start"},
      {f.planned_end.has_value(), "planned_end"}};
  for (const auto& [present, field] : required) {
    if (!present) return Status::InvalidInput("is required", field);
  }
  return {};
}

std::optional<bool> QueryFlag(const Request& r, std::string_view name) {
  std::optional<std::string> v = r.Query(name);
  if (!v) return std::nullopt;
  return *v == "true" || *v == "1";
}

Result<ops::OperationFilter> ReadFilter(const Request& r) {
  ops::OperationFilter filter;
  if (std::optional<std::string> state = r.Query("state"); state && !state->empty()) {
    filter.state = ops::ParseState(*state);
    if (!filter.state) return Status::InvalidInput("unknown state \"" + *state + "\"", "state");
  }
  filter.open_only = QueryFlag(r, "open").value_or(false);
  filter.mine = QueryFlag(r, "mine").value_or(false);
  for (const auto& [name, slot] : {std::pair{"ends_after", &filter.ends_after},
                                   std::pair{"starts_before", &filter.starts_before}}) {
    if (std::optional<std::string> text = r.Query(name); text && !text->empty()) {
      Result<TimePoint> t = ParseRfc3339(*text, name);
      if (!t.ok()) return t.status();
      *slot = *t;
    }
  }
  return filter;
}

}  // namespace

void AddOperationRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  ops::OperationBook& book = s.operations;

  router.Add(Method::kGet, "/api/v1/code-lists",
             WithPrincipal(gate, [&s](const Request&, const Principal&) {
               return JsonResponse(200, {{"operation_types", s.operations.types()},
                                         {"offences", s.encounters.offences()},
                                         {"buyer_offences", s.numbers.buyer_offences()},
                                         {"support_offers", s.support.offer_kinds()},
                                         {"age_bands", persons::AgeBands()},
                                         {"purposes", s.persons.purposes()}});
             }));
  router.Add(Method::kGet, "/api/v1/operations",
             WithPrincipal(gate, [&book](const Request& r, const Principal& who) {
               Result<ops::OperationFilter> filter = ReadFilter(r);
               if (!filter.ok()) return ErrorResponse(filter.status());
               return Reply(book.List(who, *filter), [](const std::vector<ops::Operation>& ops) {
                 json list = json::array();
                 for (const auto& op : ops) list.push_back(OperationJson(op));
                 return JsonResponse(200, {{"operations", list}});
               });
             }));
  router.Add(Method::kPost, "/api/v1/operations",
             WithPrincipal(gate, [&gate, &book](const Request& r, const Principal& who) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               PlanFields f = ReadPlan(in);
               if (!in.ok()) return ErrorResponse(in.status());
               if (Status missing = RequirePlan(f); !missing.ok()) return ErrorResponse(missing);
               ops::OperationPlan plan{*f.type,          *f.name,          *f.municipality_code,
                                       *f.place,         *f.planned_start, *f.planned_end};
               return Reply(book.Plan(who, plan, gate.Context(r)), [](const ops::Operation& op) {
                 return JsonResponse(201, OperationJson(op));
               });
             }));
  auto with_id = [&gate](auto handler) {
    return WithPrincipal(gate, [handler](const Request& r, const Principal& who) {
      Result<int64_t> id = IdParam(r, "id");
      if (!id.ok()) return ErrorResponse(id.status());
      return handler(r, who, *id);
    });
  };
  auto operation_reply = [](const Result<ops::Operation>& r) {
    return Reply(r, [](const ops::Operation& op) { return JsonResponse(200, OperationJson(op)); });
  };
  router.Add(Method::kGet, "/api/v1/operations/{id}",
             with_id([&gate, &book, operation_reply](const Request& r, const Principal& who,
                                                     int64_t id) {
               return operation_reply(book.Get(who, id, gate.Context(r)));
             }));
  router.Add(Method::kPatch, "/api/v1/operations/{id}",
             with_id([&gate, &book, operation_reply](const Request& r, const Principal& who,
                                                     int64_t id) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               PlanFields f = ReadPlan(in);
               if (!in.ok()) return ErrorResponse(in.status());
               ops::PlanChanges changes{f.type,  f.name,          f.municipality_code,
                                        f.place, f.planned_start, f.planned_end};
               return operation_reply(book.Update(who, id, changes, gate.Context(r)));
             }));
  router.Add(Method::kPost, "/api/v1/operations/{id}/transitions",
             with_id([&gate, &book, operation_reply](const Request& r, const Principal& who,
                                                     int64_t id) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               std::string to = in.RequiredString("to", 32);
               if (!in.ok()) return ErrorResponse(in.status());
               std::optional<ops::OperationState> state = ops::ParseState(to);
               if (!state) {
                 return ErrorResponse(Status::InvalidInput("unknown state \"" + to + "\"", "to"));
               }
               return operation_reply(book.Advance(who, id, *state, gate.Context(r)));
             }));
  router.Add(Method::kGet, "/api/v1/operations/{id}/candidates",
             with_id([&gate, &book](const Request& r, const Principal& who, int64_t id) {
               return Reply(book.Candidates(who, id, gate.Context(r)),
                            [](const std::vector<ops::Candidate>& candidates) {
                              json list = json::array();
                              for (const auto& c : candidates) {
                                list.push_back({{"user_id", c.user_id},
                                                {"display_name", c.display_name},
                                                {"role", security::RoleName(c.role)},
                                                {"unit_id", c.unit_id},
                                                {"unit_name", c.unit_name}});
                              }
                              return JsonResponse(200, {{"candidates", list}});
                            });
             }));
  router.Add(Method::kPost, "/api/v1/operations/{id}/participants",
             with_id([&gate, &book, operation_reply](const Request& r, const Principal& who,
                                                     int64_t id) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               int64_t user = in.RequiredInteger("user_id", 1, INT64_MAX);
               if (!in.ok()) return ErrorResponse(in.status());
               return operation_reply(book.AddParticipant(who, id, user, gate.Context(r)));
             }));
  router.Add(Method::kDelete, "/api/v1/operations/{id}/participants/{user_id}",
             with_id([&gate, &book, operation_reply](const Request& r, const Principal& who,
                                                     int64_t id) {
               Result<int64_t> user = IdParam(r, "user_id");
               if (!user.ok()) return ErrorResponse(user.status());
               return operation_reply(book.RemoveParticipant(who, id, *user, gate.Context(r)));
             }));
  router.Add(Method::kPost, "/api/v1/operations/{id}/targets",
             with_id([&gate, &book, operation_reply](const Request& r, const Principal& who,
                                                     int64_t id) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               std::string site = in.RequiredString("site", ops::kMaxTargetBytes);
               std::string reference = in.RequiredString("reference", ops::kMaxTargetBytes);
               if (!in.ok()) return ErrorResponse(in.status());
               return operation_reply(book.AddTarget(who, id, site, reference, gate.Context(r)));
             }));
  router.Add(Method::kDelete, "/api/v1/operations/{id}/targets/{target_id}",
             with_id([&gate, &book, operation_reply](const Request& r, const Principal& who,
                                                     int64_t id) {
               Result<int64_t> target = IdParam(r, "target_id");
               if (!target.ok()) return ErrorResponse(target.status());
               return operation_reply(book.RemoveTarget(who, id, *target, gate.Context(r)));
             }));
  router.Add(Method::kGet, "/api/v1/operations/{id}/log",
             with_id([&gate, &book](const Request& r, const Principal& who, int64_t id) {
               return Reply(book.Log(who, id, gate.Context(r)),
                            [](const std::vector<ops::LogEntry>& entries) {
                              json list = json::array();
                              for (const auto& e : entries) list.push_back(LogEntryJson(e));
                              return JsonResponse(200, {{"entries", list}});
                            });
             }));
  router.Add(Method::kPost, "/api/v1/operations/{id}/log",
             with_id([&gate, &book](const Request& r, const Principal& who, int64_t id) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               ops::NewLogEntry entry;
               entry.at = in.Time("at");
               entry.text = in.RequiredString("text", ops::kMaxLogTextBytes);
               const json* counts = in.Object("counts");
               if (!in.ok()) return ErrorResponse(in.status());
               if (counts != nullptr) {
                 BodyReader nested(*counts);
                 int* slots[] = {&entry.counts.contacts_sellers, &entry.counts.contacts_buyers,
                                 &entry.counts.offers_made, &entry.counts.offers_accepted,
                                 &entry.counts.concern_tasks_opened,
                                 &entry.counts.buyers_reported};
                 const char* names[] = {"contacts_sellers", "contacts_buyers", "offers_made",
                                        "offers_accepted", "concern_tasks_opened",
                                        "buyers_reported"};
                 for (std::size_t i = 0; i < std::size(names); ++i) {
                   *slots[i] = static_cast<int>(nested.Integer(names[i], -1, 1000000).value_or(0));
                 }
                 if (!nested.ok()) {
                   return ErrorResponse(Status::InvalidInput(
                       nested.status().message(), "counts." + nested.status().field()));
                 }
               }
               return Reply(book.AddLogEntry(who, id, entry, IdempotencyKey(r), gate.Context(r)),
                            [](const ops::OperationBook::AddedEntry& added) {
                              return JsonResponse(added.created ? 201 : 200,
                                                  LogEntryJson(added.entry));
                            });
             }));
}

void AddEncounterRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  police::EncounterRegister& encounters = s.encounters;

  router.Add(Method::kPost, "/api/v1/operations/{id}/encounters",
             WithPrincipal(gate, [&gate, &encounters](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               police::NewEncounter e;
               e.role = in.RequiredString("role", 16);
               e.identity_number = in.String("identity_number", 32).value_or("");
               std::optional<int64_t> age = in.Integer("age", 0, persons::kMaxAge);
               if (age) e.age = static_cast<int>(*age);
               e.age_band = in.String("age_band", 16);
               e.offence = in.String("offence", 64);
               e.case_number = in.String("case_number", police::kMaxCaseNumberBytes);
               e.notes = in.String("notes", police::kMaxEncounterNotesBytes).value_or("");
               e.occurred_at = in.Time("occurred_at");
               if (!in.ok()) return ErrorResponse(in.status());
               return Reply(encounters.Record(who, *id, e, IdempotencyKey(r), gate.Context(r)),
                            [](const police::EncounterRegister::Recorded& rec) {
                              return JsonResponse(rec.created ? 201 : 200,
                                                  EncounterJson(rec.encounter));
                            });
             }));
  router.Add(Method::kGet, "/api/v1/operations/{id}/encounters",
             WithPrincipal(gate, [&gate, &encounters](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(encounters.ListForOperation(who, *id, r.Query("purpose").value_or(""),
                                                        gate.Context(r)),
                            [](const std::vector<police::Encounter>& list) {
                              json out = json::array();
                              for (const auto& e : list) out.push_back(EncounterJson(e));
                              return JsonResponse(200, {{"encounters", out}});
                            });
             }));
  router.Add(Method::kGet, "/api/v1/encounters/{id}",
             WithPrincipal(gate, [&gate, &encounters](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(encounters.Get(who, *id, r.Query("purpose").value_or(""),
                                           gate.Context(r)),
                            [](const police::Encounter& e) {
                              return JsonResponse(200, EncounterJson(e));
                            });
             }));
  router.Add(Method::kPatch, "/api/v1/encounters/{id}",
             WithPrincipal(gate, [&gate, &encounters](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               police::EncounterChanges changes;
               changes.offence = in.String("offence", 64);
               changes.case_number = in.String("case_number", police::kMaxCaseNumberBytes);
               changes.notes = in.String("notes", police::kMaxEncounterNotesBytes);
               if (!in.ok()) return ErrorResponse(in.status());
               return Reply(encounters.Update(who, *id, changes, gate.Context(r)),
                            [](const police::Encounter& e) {
                              return JsonResponse(200, EncounterJson(e));
                            });
             }));
}

}  // namespace sv::http
