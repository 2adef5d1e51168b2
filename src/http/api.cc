#include "http/api.h"

#include "http/ads_api.h"
#include "http/concern_api.h"
#include "http/disclosure_api.h"
#include "http/retention_api.h"
#include "http/gate.h"
#include "http/health_api.h"
#include "http/json.h"
#include "http/numbers_api.h"
#include "http/outcomes_api.h"
#include "http/operations_api.h"
#include "http/routines_api.h"
#include "http/support_api.h"
#include "http/reference_api.h"
#include "persons/person_register.h"
#include "security/administration.h"
#include "security/audit.h"
#include "security/authenticator.h"

namespace sv::http {
namespace {

using nlohmann::json;
using security::Principal;

json UnitJson(const security::Unit& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"kind", security::UnitKindName(u.kind)},
          {"municipality_code", Nullable(u.municipality_code)},
          {"county_code", Nullable(u.county_code)}};
}

json UserJson(const security::User& u) {
  return {{"id", u.id},          {"username", u.username}, {"display_name", u.display_name},
          {"role", security::RoleName(u.role)}, {"unit_id", u.unit_id}, {"disabled", u.disabled},
          {"totp_enabled", u.totp_enabled}};
}

json SessionJson(const Principal& p) {
  json user = UserJson(p.user);
  user["unit"] = UnitJson(p.unit);
  user["totp_enabled"] = p.totp_enabled;
  user["person_level_access"] = security::Policy::HasPersonLevelAccess(p.user.role);
  return {{"user", user},
          {"csrf_token", p.csrf_token},
          {"expires_at", FormatRfc3339(p.expires_at)},
          {"second_factor_needed", p.second_factor_needed}};
}

json PersonJson(const persons::Person& p) {
  return {{"id", p.id},
          {"compartment", security::CompartmentId(p.compartment, p.unit_id)},
          {"has_identity_number", p.has_identity_number},
          {"name", p.name},
          {"notes", p.notes},
          {"birth_year", p.birth_year ? json(*p.birth_year) : json(nullptr)},
          {"created_at", FormatRfc3339(p.created_at)},
          {"updated_at", FormatRfc3339(p.updated_at)}};
}

json EventJson(const security::AuditEvent& e) {
  return {{"seq", e.seq},           {"at", FormatRfc3339(e.at)},   {"username", e.username},
          {"action", e.action},     {"purpose", e.purpose},        {"outcome", e.outcome},
          {"detail", e.detail},     {"request_id", e.request_id}};
}

Response Ok() { return JsonResponse(200, {{"ok", true}}); }

void AddSessionRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  security::Authenticator& auth = s.authenticator;

  router.Add(Method::kPost, "/api/v1/session", [&gate, &auth](const Request& r) {
    Result<json> body = ParseJsonObject(r);
    if (!body.ok()) return ErrorResponse(body.status());
    auto username = OptionalString(*body, "username", 1024);
    auto password = OptionalString(*body, "password", 4096);
    auto totp = OptionalString(*body, "totp", 64);
    for (const Status* st : {&username.status(), &password.status(), &totp.status()}) {
      if (!st->ok()) return ErrorResponse(*st);
    }
    Result<security::Login> login =
        auth.LogIn(username->value_or(""), password->value_or(""), totp->value_or(""),
                   gate.Context(r));
    if (!login.ok()) {
      Response error = ErrorResponse(login.status());
      if (login.status().code() == StatusCode::kTooManyRequests) {
        error.SetHeader("Retry-After", std::to_string(auth.RetryAfterSeconds(
                                           username->value_or(""), r.client_address)));
      }
      return error;
    }
    Response res = JsonResponse(200, SessionJson(login->principal));
    res.SetHeader("Set-Cookie", gate.SessionCookie(login->token, r));
    return res;
  });
  router.Add(Method::kGet, "/api/v1/session",
             WithPrincipal(gate, [](const Request&, const Principal& who) {
               return JsonResponse(200, SessionJson(who));
             }));
  router.Add(Method::kDelete, "/api/v1/session",
             WithPrincipal(gate, [&gate, &auth](const Request& r, const Principal& who) {
               Status out = auth.LogOut(who, gate.Context(r));
               if (!out.ok()) return ErrorResponse(out);
               Response res = Ok();
               res.SetHeader("Set-Cookie", gate.ClearedCookie(r));
               return res;
             }));
  router.Add(Method::kPost, "/api/v1/account/password",
             WithPrincipal(gate, [&gate, &auth](const Request& r, const Principal& who) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               auto current = RequiredString(*body, "current_password", 4096);
               if (!current.ok()) return ErrorResponse(current.status());
               auto next = RequiredString(*body, "new_password", 4096);
               if (!next.ok()) return ErrorResponse(next.status());
               Status changed = auth.ChangePassword(who, *current, *next, gate.Context(r));
               return changed.ok() ? Ok() : ErrorResponse(changed);
             }));
  router.Add(Method::kPost, "/api/v1/account/totp/setup",
             WithPrincipal(gate, [&auth](const Request&, const Principal& who) {
               return Reply(auth.BeginTotpSetup(who), [](const security::TotpSetup& t) {
                 return JsonResponse(200, {{"secret", t.secret}, {"uri", t.uri}});
               });
             }));
  router.Add(Method::kPost, "/api/v1/account/totp/confirm",
             WithPrincipal(gate, [&gate, &auth](const Request& r, const Principal& who) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               auto code = RequiredString(*body, "code", 16);
               if (!code.ok()) return ErrorResponse(code.status());
               Status confirmed = auth.ConfirmTotp(who, *code, gate.Context(r));
               return confirmed.ok() ? Ok() : ErrorResponse(confirmed);
             }));
}

void AddAdminRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  security::Administration& admin = s.administration;

  router.Add(Method::kGet, "/api/v1/units",
             WithPrincipal(gate, [&admin](const Request&, const Principal& who) {
               return Reply(admin.ListUnits(who), [](const std::vector<security::Unit>& units) {
                 json list = json::array();
                 for (const auto& u : units) list.push_back(UnitJson(u));
                 return JsonResponse(200, {{"units", list}});
               });
             }));
  router.Add(Method::kPost, "/api/v1/units",
             WithPrincipal(gate, [&gate, &admin](const Request& r, const Principal& who) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               auto kind = RequiredString(*body, "kind", 32);
               if (!kind.ok()) return ErrorResponse(kind.status());
               auto parsed_kind = security::ParseUnitKind(*kind);
               if (!parsed_kind) {
                 return ErrorResponse(Status::InvalidInput(
                     "must be police, social_services or region", "kind"));
               }
               auto name = RequiredString(*body, "name", 200);
               if (!name.ok()) return ErrorResponse(name.status());
               auto municipality = OptionalString(*body, "municipality_code", 8);
               if (!municipality.ok()) return ErrorResponse(municipality.status());
               auto county = OptionalString(*body, "county_code", 8);
               if (!county.ok()) return ErrorResponse(county.status());
               security::Unit unit{0, *parsed_kind, *name, municipality->value_or(""),
                                   county->value_or("")};
               return Reply(admin.CreateUnit(who, unit, gate.Context(r)),
                            [](const security::Unit& u) { return JsonResponse(201, UnitJson(u)); });
             }));
  router.Add(Method::kGet, "/api/v1/users",
             WithPrincipal(gate, [&gate, &admin](const Request& r, const Principal& who) {
               return Reply(admin.ListUsers(who, gate.Context(r)),
                            [](const std::vector<security::User>& users) {
                 json list = json::array();
                 for (const auto& u : users) list.push_back(UserJson(u));
                 return JsonResponse(200, {{"users", list}});
               });
             }));
  router.Add(Method::kPost, "/api/v1/users",
             WithPrincipal(gate, [&gate, &admin](const Request& r, const Principal& who) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               auto username = RequiredString(*body, "username", 64);
               if (!username.ok()) return ErrorResponse(username.status());
               auto display = RequiredString(*body, "display_name", 200);
               if (!display.ok()) return ErrorResponse(display.status());
               auto role = RequiredString(*body, "role", 32);
               if (!role.ok()) return ErrorResponse(role.status());
               auto parsed_role = security::ParseRole(*role);
               if (!parsed_role) return ErrorResponse(Status::InvalidInput("unknown role", "role"));
               auto unit_id = OptionalInteger(*body, "unit_id");
               if (!unit_id.ok()) return ErrorResponse(unit_id.status());
               if (!unit_id->has_value()) {
                 return ErrorResponse(Status::InvalidInput("is required", "unit_id"));
               }
               auto password = RequiredString(*body, "password", 4096);
               if (!password.ok()) return ErrorResponse(password.status());
               security::User user;
               user.username = *username;
               user.display_name = *display;
               user.role = *parsed_role;
               user.unit_id = **unit_id;
               return Reply(admin.CreateUser(who, user, *password, gate.Context(r)),
                            [](const security::User& u) { return JsonResponse(201, UserJson(u)); });
             }));
  router.Add(Method::kPost, "/api/v1/users/{id}/password",
             WithPrincipal(gate, [&gate, &admin](const Request& r, const Principal& who) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               auto password = RequiredString(*body, "new_password", 4096);
               if (!password.ok()) return ErrorResponse(password.status());
               Status reset = admin.ResetPassword(who, *id, *password, gate.Context(r));
               return reset.ok() ? Ok() : ErrorResponse(reset);
             }));
  for (bool disable : {true, false}) {
    router.Add(Method::kPost, disable ? "/api/v1/users/{id}/disable" : "/api/v1/users/{id}/enable",
               WithPrincipal(gate, [&gate, &admin, disable](const Request& r,
                                                            const Principal& who) {
                 auto id = IdParam(r, "id");
                 if (!id.ok()) return ErrorResponse(id.status());
                 Status done = admin.SetDisabled(who, *id, disable, gate.Context(r));
                 return done.ok() ? Ok() : ErrorResponse(done);
               }));
  }
}

void AddPersonRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  persons::PersonRegister& people = s.persons;

  router.Add(Method::kGet, "/api/v1/purposes",
             WithPrincipal(gate, [&people](const Request&, const Principal&) {
               json list = json::array();
               for (const std::string& code : people.purposes()) list.push_back({{"code", code}});
               return JsonResponse(200, {{"purposes", list}});
             }));
  router.Add(Method::kPost, "/api/v1/persons",
             WithPrincipal(gate, [&gate, &people](const Request& r, const Principal& who) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               auto number = OptionalString(*body, "identity_number", 32);
               if (!number.ok()) return ErrorResponse(number.status());
               auto name = OptionalString(*body, "name", persons::kMaxNameBytes);
               if (!name.ok()) return ErrorResponse(name.status());
               auto notes = OptionalString(*body, "notes", persons::kMaxNotesBytes);
               if (!notes.ok()) return ErrorResponse(notes.status());
               auto year = OptionalInteger(*body, "birth_year");
               if (!year.ok()) return ErrorResponse(year.status());
               persons::NewPerson p;
               p.identity_number = number->value_or("");
               p.name = name->value_or("");
               p.notes = notes->value_or("");
               if (year->has_value()) p.birth_year = static_cast<int>(**year);
               return Reply(people.Create(who, p, gate.Context(r)),
                            [](const persons::PersonRegister::Created& c) {
                              return JsonResponse(c.created ? 201 : 200, PersonJson(c.person));
                            });
             }));
  router.Add(Method::kGet, "/api/v1/persons",
             WithPrincipal(gate, [&gate, &people](const Request& r, const Principal& who) {
               const std::string number = r.Query("identity_number").value_or("");
               if (number.empty()) {
                 return ErrorResponse(Status::InvalidInput(
                     "search by identity number: ?identity_number=…&purpose=…",
                     "identity_number"));
               }
               return Reply(people.FindByIdentityNumber(who, number,
                                                        r.Query("purpose").value_or(""),
                                                        gate.Context(r)),
                            [](const std::optional<persons::Person>& found) {
                              json list = json::array();
                              if (found) list.push_back(PersonJson(*found));
                              return JsonResponse(200, {{"persons", list}});
                            });
             }));
  router.Add(Method::kGet, "/api/v1/persons/{id}",
             WithPrincipal(gate, [&gate, &people](const Request& r, const Principal& who) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(people.Get(who, *id, r.Query("purpose").value_or(""),
                                       gate.Context(r)),
                            [](const persons::Person& p) {
                              return JsonResponse(200, PersonJson(p));
                            });
             }));
  router.Add(Method::kPatch, "/api/v1/persons/{id}",
             WithPrincipal(gate, [&gate, &people](const Request& r, const Principal& who) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               auto name = OptionalString(*body, "name", persons::kMaxNameBytes);
               if (!name.ok()) return ErrorResponse(name.status());
               auto notes = OptionalString(*body, "notes", persons::kMaxNotesBytes);
               if (!notes.ok()) return ErrorResponse(notes.status());
               auto year = OptionalInteger(*body, "birth_year");
               if (!year.ok()) return ErrorResponse(year.status());
               persons::PersonChanges changes;
               changes.name = *name;
               changes.notes = *notes;
               if (year->has_value()) changes.birth_year = static_cast<int>(**year);
               return Reply(people.Update(who, *id, changes, gate.Context(r)),
                            [](const persons::Person& p) {
                              return JsonResponse(200, PersonJson(p));
                            });
             }));
  router.Add(Method::kGet, "/api/v1/audit/records/{type}/{id}",
             WithPrincipal(gate, [&gate, &people](const Request& r, const Principal& who) {
               if (r.Param("type") != "person") {
                 return ErrorResponse(Status::NotFound("no audit view for records of type \"" +
                                                       r.Param("type") + "\""));
               }
               auto id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(people.History(who, *id, gate.Context(r)),
                            [](const std::vector<security::AuditEvent>& events) {
                              json list = json::array();
                              for (const auto& e : events) list.push_back(EventJson(e));
                              return JsonResponse(200, {{"events", list}});
                            });
             }));
}

}  // namespace

void AddApiRoutes(Router& router, ApiServices& services) {
  AddHealthRoutes(router, services.database);
  AddReferenceRoutes(router, services.database);
  AddSessionRoutes(router, services);
  AddAdminRoutes(router, services);
  AddPersonRoutes(router, services);
  AddOperationRoutes(router, services);
  AddEncounterRoutes(router, services);
  AddSupportRoutes(router, services);
  AddNumbersRoutes(router, services);
  AddRoutineRoutes(router, services);
  AddConcernRoutes(router, services);
  AddDisclosureRoutes(router, services);
  AddRetentionRoutes(router, services);
  AddAdsRoutes(router, services);
  AddOutcomeRoutes(router, services);
}

}  // namespace sv::http
