// Every API endpoint × every role × own and other compartment, against the real server. The table
// below is the expected policy; a route the server has but the table lacks fails the test, so no
// endpoint is added without deciding who may use it.
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_session.h"
#include "server_process.h"

namespace sv::testing {
namespace {

using nlohmann::json;

enum class Target { kOwn, kOther };

struct Actor {
  std::string username;
  std::string role;
};

const std::vector<Actor>& Actors() {
  static const std::vector<Actor> actors = {
      {"polis", "police_officer"},
      {"insatschef", "police_commander"},
      {"analytiker", "police_analyst"},
      {"socialsekreterare", "social_worker"},
      {"handlaggare", "social_case_officer"},
      {"socialsekreterare.skelleftea", "social_worker"},
      {"koordinator", "coordinator"},
      {"namnd", "committee"},
      {"admin", "admin"},
  };
  return actors;
}

bool PersonLevel(const Actor& a) {
  static const std::set<std::string> roles = {"police_officer", "police_commander",
                                              "police_analyst", "social_worker",
                                              "social_case_officer"};
  return roles.count(a.role) > 0;
}

bool Police(const Actor& a) { return a.role.rfind("police_", 0) == 0; }

// What the fixture made: one person in each compartment, a unit and a user to act on.
struct World {
  int64_t police_person = 0, umea_person = 0, skelleftea_person = 0;
  int64_t umea_unit = 0, target_user = 0;
  int counter = 0;
  // Operations: op_main led by the police with polis and socialsekreterare; op_skel led by the
  // police in Skellefteå with socialsekreterare.skelleftea and an officer of a second police unit;
  // op_social led by Umeå's social services (handlaggare) alone. All active.
  int64_t op_main = 0, op_skel = 0, op_social = 0;
  int64_t social_worker_user = 0;
  // Records of each compartment: the first police unit's and Umeå's, and another one's.
  int64_t encounter_own = 0, encounter_other = 0;
  struct Support {
    int64_t contact = 0, offer = 0, referral = 0, follow_up = 0, consent = 0;
  } umea, skelleftea;
  // Routines: the region's library (attached to every operation above), the police unit's,
  // Umeå's, and one of a region in another county. Two joint steps of the checklist.
  int64_t routine_region = 0, routine_police = 0, routine_umea = 0, routine_far = 0;
  int64_t step_sign = 0, step_deviation = 0;
  // Concern-report tasks: one opened by polis (a 16-year-old), one by socialsekreterare.skelleftea;
  // and the report polis filed to Umeå.
  int64_t task_police = 0, task_skelleftea = 0, report_umea = 0, report_skelleftea = 0;
  // Disclosures: Umeå's contact sent to the first police unit, Skellefteå's to the second; two of
  // Umeå's awaiting approval (one to approve, one to reject), one of Skellefteå's.
  int64_t police_unit = 0, second_police_unit = 0;
  int64_t sent_umea = 0, sent_skelleftea = 0, approve_umea = 0, reject_umea = 0,
          awaiting_skelleftea = 0;
  // Legal holds: on the first police unit's encounter (by insatschef) and on Umeå's contact (by
  // handlaggare).
  int64_t hold_police = 0, hold_umea = 0;
  // Ads: imported by analytiker; the first ad's id and its group.
  int64_t ad = 0, ad_group = 0;

  int64_t Task(const Actor& a, Target t) const {
    const bool skelleftea_own = Skelleftea(a);
    if (t == Target::kOwn) return skelleftea_own ? task_skelleftea : task_police;
    return skelleftea_own ? task_police : task_skelleftea;
  }

  int64_t Routine(const Actor& a, Target t) const {
    if (t == Target::kOther) return routine_far;
    if (Police(a)) return routine_police;
    if (a.username == "socialsekreterare" || a.username == "handlaggare" || a.username == "namnd") {
      return routine_umea;
    }
    return routine_region;
  }

  bool Skelleftea(const Actor& a) const { return a.username == "socialsekreterare.skelleftea"; }
  int64_t Operation(const Actor& a, Target t) const {
    const bool own = t == Target::kOwn;
    if (Skelleftea(a)) return own ? op_skel : op_main;
    if (a.username == "handlaggare") return own ? op_social : op_skel;
    if (a.username == "socialsekreterare") return own ? op_main : op_skel;
    return own ? op_main : op_social;
  }
  // The social-services records of the actor's own compartment, or of another one.
  const Support& SupportOf(const Actor& a, Target t) const {
    const bool skelleftea_own = Skelleftea(a);
    return (t == Target::kOwn) == skelleftea_own ? skelleftea : umea;
  }

  int64_t OwnPerson(const Actor& a) const {
    if (Police(a)) return police_person;
    if (a.username == "socialsekreterare.skelleftea") return skelleftea_person;
    return umea_person;  // Umeå's social services; for roles without person access: anyone's
  }
  int64_t OtherPerson(const Actor& a) const {
    if (Police(a)) return umea_person;
    if (a.username == "socialsekreterare.skelleftea") return umea_person;
    return police_person;
  }
  int64_t Person(const Actor& a, Target t) const {
    return t == Target::kOwn ? OwnPerson(a) : OtherPerson(a);
  }
};

struct Entry {
  bool needs_login = true;
  std::function<std::string(const World&, const Actor&, Target)> path;
  std::function<std::string(World&)> body;  // empty function: no body
  std::function<int(const Actor&, Target)> expect;
};

std::function<std::string(const World&, const Actor&, Target)> Fixed(std::string path) {
  return [path](const World&, const Actor&, Target) { return path; };
}
std::function<int(const Actor&, Target)> Everyone(int status) {
  return [status](const Actor&, Target) { return status; };
}
std::function<int(const Actor&, Target)> AdminOnly(int status) {
  return [status](const Actor& a, Target) { return a.role == "admin" ? status : 403; };
}


// Who reads an operation (the joint space): person-level roles of a taking-part unit, and the
// regional coordinator of its county.
int OperationReader(const Actor& a, Target t, int ok) {
  if (a.role == "coordinator") return ok;
  return PersonLevel(a) && t == Target::kOwn ? ok : 403;
}
// Who manages it: the commander or case officer of the lead unit.
int OperationManager(const Actor& a, Target t, int ok) {
  const bool manager = a.role == "police_commander" || a.role == "social_case_officer";
  return manager && t == Target::kOwn ? ok : 403;
}
bool Social(const Actor& a) {
  return a.role == "social_worker" || a.role == "social_case_officer";
}

void AddOperationEntries(std::map<std::string, Entry>& table) {
  auto op_path = [](std::string suffix) {
    return [suffix](const World& w, const Actor& a, Target t) {
      return "/api/v1/operations/" + std::to_string(w.Operation(a, t)) + suffix;
    };
  };
  table["GET /api/v1/code-lists"] = {true, Fixed("/api/v1/code-lists"), {}, Everyone(200)};
  table["GET /api/v1/operations"] = {true, Fixed("/api/v1/operations?open=true"), {},
                                     Everyone(200)};
  table["POST /api/v1/operations"] = {
      true, Fixed("/api/v1/operations"),
      [](World& w) {
        return json{{"type", "sex_purchase"},
                    {"name", "Matrisinsats " + std::to_string(++w.counter)},
                    {"municipality_code", "2480"},
                    {"place", "Centrum"},
                    {"planned_start", "2026-12-10T18:00:00Z"},
                    {"planned_end", "2026-12-11T02:00:00Z"}}
            .dump();
      },
      [](const Actor& a, Target) {
        return a.role == "police_commander" || a.role == "social_case_officer" ? 201 : 403;
      }};
  table["GET /api/v1/operations/{id}"] = {
      true, op_path(""), {}, [](const Actor& a, Target t) { return OperationReader(a, t, 200); }};
  table["GET /api/v1/operations/{id}/log"] = {
      true, op_path("/log"), {},
      [](const Actor& a, Target t) { return OperationReader(a, t, 200); }};
  table["GET /api/v1/operations/{id}/numbers"] = {
      true, op_path("/numbers"), {},
      [](const Actor& a, Target t) { return OperationReader(a, t, 200); }};
  table["PATCH /api/v1/operations/{id}"] = {
      true, op_path(""),
      [](World& w) { return json{{"place", "Centrum " + std::to_string(++w.counter)}}.dump(); },
      [](const Actor& a, Target t) { return OperationManager(a, t, 200); }};
  // Back to planned is never allowed: the lead unit gets 409, everyone else 403 first.
  table["POST /api/v1/operations/{id}/transitions"] = {
      true, op_path("/transitions"), [](World&) { return R"({"to":"planned"})"; },
      [](const Actor& a, Target t) { return OperationManager(a, t, 409); }};
  table["GET /api/v1/operations/{id}/candidates"] = {
      true, op_path("/candidates"), {},
      [](const Actor& a, Target t) { return OperationManager(a, t, 200); }};
  table["POST /api/v1/operations/{id}/participants"] = {
      true, op_path("/participants"),
      [](World& w) { return json{{"user_id", w.social_worker_user}}.dump(); },
      [](const Actor& a, Target t) { return OperationManager(a, t, 200); }};
  table["DELETE /api/v1/operations/{id}/participants/{user_id}"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        return "/api/v1/operations/" + std::to_string(w.Operation(a, t)) + "/participants/" +
               std::to_string(w.target_user);  // not taking part: 404 for the lead unit
      },
      {}, [](const Actor& a, Target t) { return OperationManager(a, t, 404); }};
  table["POST /api/v1/operations/{id}/targets"] = {
      true, op_path("/targets"),
      [](World& w) {
        return json{{"site", "annonser.example"}, {"reference", "matris-" + std::to_string(++w.counter)}}
            .dump();
      },
      [](const Actor& a, Target t) { return OperationManager(a, t, 200); }};
  table["DELETE /api/v1/operations/{id}/targets/{target_id}"] = {
      true, op_path("/targets/999999"), {},
      [](const Actor& a, Target t) { return OperationManager(a, t, 404); }};
  table["POST /api/v1/operations/{id}/log"] = {
      true, op_path("/log"),
      [](World& w) { return json{{"text", "Matrisrad " + std::to_string(++w.counter)}}.dump(); },
      [](const Actor& a, Target t) { return PersonLevel(a) && t == Target::kOwn ? 201 : 403; }};

  // Police compartment.
  auto recorder = [](const Actor& a) {
    return a.role == "police_officer" || a.role == "police_commander";
  };
  table["POST /api/v1/operations/{id}/encounters"] = {
      true, op_path("/encounters"),
      [](World&) { return R"({"role":"buyer","age_band":"36_50"})"; },
      [recorder](const Actor& a, Target t) { return recorder(a) && t == Target::kOwn ? 201 : 403; }};
  table["GET /api/v1/operations/{id}/encounters"] = {
      true, op_path("/encounters?purpose=operation"), {},
      [](const Actor& a, Target) { return Police(a) ? 200 : 403; }};
  auto encounter_path = [](const World& w, const Actor&, Target t) {
    return "/api/v1/encounters/" +
           std::to_string(t == Target::kOwn ? w.encounter_own : w.encounter_other);
  };
  table["GET /api/v1/encounters/{id}"] = {
      true,
      [encounter_path](const World& w, const Actor& a, Target t) {
        return encounter_path(w, a, t) + "?purpose=operation";
      },
      {}, [](const Actor& a, Target t) { return Police(a) && t == Target::kOwn ? 200 : 403; }};
  table["PATCH /api/v1/encounters/{id}"] = {
      true, encounter_path, [](World&) { return R"({"case_number":"5000-K1-26"})"; },
      [recorder](const Actor& a, Target t) { return recorder(a) && t == Target::kOwn ? 200 : 403; }};

  // Social-services compartment.
  auto social_own = [](int ok) {
    return [ok](const Actor& a, Target t) { return Social(a) && t == Target::kOwn ? ok : 403; };
  };
  auto support_path = [](std::string prefix, int64_t World::Support::*field, std::string suffix) {
    return [prefix, field, suffix](const World& w, const Actor& a, Target t) {
      return prefix + std::to_string(w.SupportOf(a, t).*field) + suffix;
    };
  };
  using S = World::Support;
  table["POST /api/v1/contacts"] = {true, Fixed("/api/v1/contacts"),
                                    [](World&) { return R"({"role":"seller"})"; },
                                    [](const Actor& a, Target) { return Social(a) ? 201 : 403; }};
  table["GET /api/v1/contacts"] = {true, Fixed("/api/v1/contacts?purpose=case_work"), {},
                                   [](const Actor& a, Target) { return Social(a) ? 200 : 403; }};
  table["GET /api/v1/contacts/{id}"] = {
      true, support_path("/api/v1/contacts/", &S::contact, "?purpose=case_work"), {},
      social_own(200)};
  table["PATCH /api/v1/contacts/{id}"] = {
      true, support_path("/api/v1/contacts/", &S::contact, ""),
      [](World&) { return R"({"interpreter":true})"; }, social_own(200)};
  table["POST /api/v1/contacts/{id}/offers"] = {
      true, support_path("/api/v1/contacts/", &S::contact, "/offers"),
      [](World&) { return R"({"kind":"conversation","answer":"later"})"; }, social_own(201)};
  table["PATCH /api/v1/offers/{id}"] = {true, support_path("/api/v1/offers/", &S::offer, ""),
                                        [](World&) { return R"({"answer":"accepted"})"; },
                                        social_own(200)};
  table["POST /api/v1/contacts/{id}/referrals"] = {
      true, support_path("/api/v1/contacts/", &S::contact, "/referrals"),
      [](World&) { return R"({"kind":"shelter"})"; }, social_own(201)};
  // From sent, completed is not allowed: 409 for the own compartment.
  table["POST /api/v1/referrals/{id}/transitions"] = {
      true, support_path("/api/v1/referrals/", &S::referral, "/transitions"),
      [](World&) { return R"({"to":"completed"})"; }, social_own(409)};
  table["GET /api/v1/referrals"] = {true, Fixed("/api/v1/referrals?overdue=true"), {},
                                    [](const Actor& a, Target) { return Social(a) ? 200 : 403; }};
  table["POST /api/v1/contacts/{id}/follow-ups"] = {
      true, support_path("/api/v1/contacts/", &S::contact, "/follow-ups"),
      [](World&) { return R"({"due_on":"2027-01-15"})"; }, social_own(201)};
  // The first of Umeå's two social roles closes the follow-up; for the second it is done (409).
  table["POST /api/v1/follow-ups/{id}/outcome"] = {
      true, support_path("/api/v1/follow-ups/", &S::follow_up, "/outcome"),
      [](World&) { return R"({"outcome":"Samtal genomfört"})"; },
      [](const Actor& a, Target t) {
        if (!Social(a) || t != Target::kOwn) return 403;
        return a.username == "handlaggare" ? 409 : 200;
      }};
  table["GET /api/v1/follow-ups"] = {true, Fixed("/api/v1/follow-ups?overdue=true"), {},
                                     [](const Actor& a, Target) { return Social(a) ? 200 : 403; }};
  table["POST /api/v1/contacts/{id}/consents"] = {
      true, support_path("/api/v1/contacts/", &S::contact, "/consents"),
      [](World&) { return R"({"scope":"statistics","form":"oral"})"; }, social_own(201)};
  table["POST /api/v1/consents/{id}/withdraw"] = {
      true, support_path("/api/v1/consents/", &S::consent, "/withdraw"), {},
      [](const Actor& a, Target t) {
        if (!Social(a) || t != Target::kOwn) return 403;
        return a.username == "handlaggare" ? 409 : 200;
      }};
  table["GET /api/v1/numbers"] = {true, Fixed("/api/v1/numbers?group_by=municipality"), {},
                                  [](const Actor& a, Target) { return a.role == "admin" ? 403 : 200; }};
}


// The first to mark a joint step of an operation's checklist gets 200, the next 409; by actor
// order: polis first on op_main, handlaggare on op_social, socialsekreterare.skelleftea on op_skel.
int FirstMarker(const Actor& a, Target t) {
  const bool may_sign = a.role == "police_officer" || a.role == "police_commander" || Social(a);
  if (!may_sign || t != Target::kOwn) return 403;
  if (a.username == "polis" || a.username == "handlaggare" ||
      a.username == "socialsekreterare.skelleftea") {
    return 200;
  }
  return 409;
}

void AddRoutineEntries(std::map<std::string, Entry>& table) {
  auto reader = [](int ok) {
    return [ok](const Actor& a, Target t) {
      const bool reads = PersonLevel(a) || a.role == "coordinator";
      return reads && t == Target::kOwn ? ok : 403;
    };
  };
  auto editor = [](int ok) {
    return [ok](const Actor& a, Target t) {
      const bool edits = a.role == "coordinator" || a.role == "police_commander" ||
                         a.role == "social_case_officer";
      return edits && t == Target::kOwn ? ok : 403;
    };
  };
  auto routine_path = [](std::string suffix) {
    return [suffix](const World& w, const Actor& a, Target t) {
      return "/api/v1/routines/" + std::to_string(w.Routine(a, t)) + suffix;
    };
  };
  const std::string source =
      json{{"source", "# Matrisrutin\ngiltig från: 2027-01-01\n## Före\n- [båda, krav] Genomgång\n"}}
          .dump();
  table["GET /api/v1/routines"] = {true, Fixed("/api/v1/routines"), {},
                                   [](const Actor& a, Target) {
                                     return PersonLevel(a) || a.role == "coordinator" ? 200 : 403;
                                   }};
  table["GET /api/v1/routines/template"] = {true, Fixed("/api/v1/routines/template"), {},
                                            Everyone(200)};
  table["POST /api/v1/routines"] = {
      true, Fixed("/api/v1/routines"), [source](World&) { return source; },
      [](const Actor& a, Target) {
        return a.role == "coordinator" || a.role == "police_commander" ||
                       a.role == "social_case_officer"
                   ? 201
                   : 403;
      }};
  table["GET /api/v1/routines/{id}"] = {true, routine_path(""), {}, reader(200)};
  table["GET /api/v1/routines/{id}/versions"] = {true, routine_path("/versions"), {},
                                                 reader(200)};
  table["GET /api/v1/routines/{id}/versions/{version}"] = {true, routine_path("/versions/1"), {},
                                                           reader(200)};
  table["GET /api/v1/routines/{id}/deviations"] = {true, routine_path("/deviations"), {},
                                                   reader(200)};
  table["POST /api/v1/routines/{id}/versions"] = {
      true, routine_path("/versions"), [source](World&) { return source; }, editor(201)};
  table["POST /api/v1/routines/{id}/adopt"] = {true, routine_path("/adopt"), {}, editor(201)};
  table["GET /api/v1/routines/{id}/versions/{version}/pdf"] = {
      true, routine_path("/versions/1/pdf"), {}, reader(200)};

  auto op_path = [](std::string suffix) {
    return [suffix](const World& w, const Actor& a, Target t) {
      return "/api/v1/operations/" + std::to_string(w.Operation(a, t)) + suffix;
    };
  };
  table["GET /api/v1/operations/{id}/checklist/pdf"] = {
      true, op_path("/checklist/pdf"), {},
      [](const Actor& a, Target t) { return OperationReader(a, t, 200); }};
  table["GET /api/v1/operations/{id}/checklist"] = {
      true, op_path("/checklist"), {},
      [](const Actor& a, Target t) { return OperationReader(a, t, 200); }};
  // A routine of another county: the lead unit gets 400 (field routine_id), everyone else 403
  // first; the attached checklists stay as they are.
  table["PUT /api/v1/operations/{id}/checklist"] = {
      true, op_path("/checklist"),
      [](World& w) { return json{{"routine_id", w.routine_far}}.dump(); },
      [](const Actor& a, Target t) { return OperationManager(a, t, 400); }};
  table["POST /api/v1/operations/{id}/checklist/steps/{step_id}/sign"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        return "/api/v1/operations/" + std::to_string(w.Operation(a, t)) + "/checklist/steps/" +
               std::to_string(w.step_sign) + "/sign";
      },
      {}, FirstMarker};
  table["POST /api/v1/operations/{id}/checklist/steps/{step_id}/deviation"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        return "/api/v1/operations/" + std::to_string(w.Operation(a, t)) + "/checklist/steps/" +
               std::to_string(w.step_deviation) + "/deviation";
      },
      [](World&) { return R"({"reason":"Ingen tid"})"; }, FirstMarker};
}


void AddConcernEntries(std::map<std::string, Entry>& table) {
  // The analyst handles the tasks that ads confirmed as possible minors open.
  auto handler = [](const Actor& a) { return PersonLevel(a); };
  table["GET /api/v1/concern-tasks"] = {
      true, Fixed("/api/v1/concern-tasks?open=true"), {},
      [handler](const Actor& a, Target) { return handler(a) ? 200 : 403; }};
  // Own: polis's task for the police, Skellefteå's for its worker; Umeå's social roles have no
  // task of their own compartment here, so theirs is refused as another compartment's.
  auto own_task = [handler](int ok) {
    return [handler, ok](const Actor& a, Target t) {
      const bool own = t == Target::kOwn && (Police(a) || a.username == "socialsekreterare.skelleftea");
      return handler(a) && own ? ok : 403;
    };
  };
  table["GET /api/v1/concern-tasks/{id}"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        return "/api/v1/concern-tasks/" + std::to_string(w.Task(a, t));
      },
      {}, own_task(200)};
  // The tasks are closed already (reported): 409 where allowed, 403 before that.
  table["POST /api/v1/concern-tasks/{id}/report"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        return "/api/v1/concern-tasks/" + std::to_string(w.Task(a, t)) + "/report";
      },
      [](World&) { return R"({"text":"Matris"})"; }, own_task(409)};
  table["POST /api/v1/concern-tasks/{id}/no-report"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        return "/api/v1/concern-tasks/" + std::to_string(w.Task(a, t)) + "/no-report";
      },
      [](World&) { return R"({"reason":"En bedömning i det enskilda fallet"})"; },
      own_task(409)};
  table["POST /api/v1/concern-tasks/{id}/report/corrections"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        return "/api/v1/concern-tasks/" + std::to_string(w.Task(a, t)) + "/report/corrections";
      },
      [](World& w) {
        return json{{"text", "Korrigerad text " + std::to_string(++w.counter)},
                    {"reason", "Åldern var fel angiven i den första texten"}}
            .dump();
      },
      own_task(200)};
  table["GET /api/v1/concern-reports"] = {
      true, Fixed("/api/v1/concern-reports"), {},
      [](const Actor& a, Target) { return Social(a) ? 200 : 403; }};
  // Umeå's report: its case officer acknowledges (the first time; the matrix asks once).
  table["POST /api/v1/concern-reports/{id}/acknowledge"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        const bool umea = (t == Target::kOwn) != w.Skelleftea(a);
        return "/api/v1/concern-reports/" +
               std::to_string(umea ? w.report_umea : w.report_skelleftea) + "/acknowledge";
      },
      {},
      [](const Actor& a, Target t) {
        return a.username == "handlaggare" && t == Target::kOwn ? 200 : 403;
      }};
}

void AddDisclosureEntries(std::map<std::string, Entry>& table) {
  table["GET /api/v1/disclosure-grounds"] = {true, Fixed("/api/v1/disclosure-grounds"), {},
                                             Everyone(200)};
  // A record's register: those who disclose from their own compartment's records.
  auto discloser = [](const Actor& a) {
    return a.role == "police_officer" || a.role == "police_commander" || Social(a);
  };
  table["GET /api/v1/disclosures"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        if (Police(a)) {
          return "/api/v1/disclosures?record_type=encounter&record_id=" +
                 std::to_string(t == Target::kOwn ? w.encounter_own : w.encounter_other);
        }
        return "/api/v1/disclosures?record_type=contact&record_id=" +
               std::to_string(w.SupportOf(a, t).contact);
      },
      {},
      [discloser](const Actor& a, Target t) {
        return discloser(a) && t == Target::kOwn ? 200 : 403;
      }};
  // Umeå's contact to the police: only Umeå's social services may.
  table["POST /api/v1/disclosures"] = {
      true, Fixed("/api/v1/disclosures"),
      [](World& w) {
        return json{{"record_type", "contact"},
                    {"record_id", w.umea.contact},
                    {"fields", {"age_band"}},
                    {"to_unit_id", w.police_unit},
                    {"legal_ground", "osl_10_21"},
                    {"justification", "Misstanke om brott mot barn, matris"}}
            .dump();
      },
      [](const Actor& a, Target) {
        return a.username == "socialsekreterare" || a.username == "handlaggare" ? 201 : 403;
      }};
  table["GET /api/v1/disclosures/awaiting-approval"] = {
      true, Fixed("/api/v1/disclosures/awaiting-approval"), {},
      [](const Actor& a, Target) {
        return a.role == "police_commander" || a.role == "social_case_officer" ? 200 : 403;
      }};
  table["GET /api/v1/disclosures/received"] = {
      true, Fixed("/api/v1/disclosures/received"), {},
      [](const Actor& a, Target) { return PersonLevel(a) ? 200 : 403; }};
  // Own: the disclosure the actor's unit sent or received (Skellefteå's worker: Skellefteå's);
  // other: the other one. Units that neither sent nor received it learn nothing (404).
  table["GET /api/v1/disclosures/{id}"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        const bool umea = (t == Target::kOwn) != w.Skelleftea(a);
        return "/api/v1/disclosures/" + std::to_string(umea ? w.sent_umea : w.sent_skelleftea);
      },
      {},
      [](const Actor& a, Target t) {
        if (t == Target::kOther) return 404;
        if (PersonLevel(a)) return 200;
        return a.username == "namnd" ? 403 : 404;
      }};
  // Review by a second commander or case officer of the sending unit (handlaggare, for Umeå's
  // disclosures asked by socialsekreterare); others of that unit 403, other units 404.
  auto review = [](int ok) {
    return [ok](const Actor& a, Target t) {
      const bool skelleftea = a.username == "socialsekreterare.skelleftea";
      const bool umea = a.username == "socialsekreterare" || a.username == "handlaggare" ||
                        a.username == "namnd";
      if (t == Target::kOwn && a.username == "handlaggare") return ok;
      if (t == Target::kOwn && (umea || skelleftea)) return 403;
      return 404;
    };
  };
  auto review_path = [](const char* action) {
    return [action](const World& w, const Actor& a, Target t) {
      const bool umea = (t == Target::kOwn) != w.Skelleftea(a);
      const int64_t id = umea ? (std::string(action) == "approve" ? w.approve_umea : w.reject_umea)
                              : w.awaiting_skelleftea;
      return "/api/v1/disclosures/" + std::to_string(id) + "/" + action;
    };
  };
  table["POST /api/v1/disclosures/{id}/approve"] = {
      true, review_path("approve"), [](World&) { return R"({"note":""})"; }, review(200)};
  table["POST /api/v1/disclosures/{id}/reject"] = {
      true, review_path("reject"), [](World&) { return R"({"note":"Inget uppenbart intresse"})"; },
      review(200)};
}

// Retention: the admin previews; commanders and case officers hold their own compartment's records.
void AddRetentionEntries(std::map<std::string, Entry>& table) {
  auto holder = [](const Actor& a) {
    return a.role == "police_commander" || a.role == "social_case_officer";
  };
  table["GET /api/v1/retention/preview"] = {true, Fixed("/api/v1/retention/preview"), {},
                                            AdminOnly(200)};
  table["GET /api/v1/legal-holds"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        if (Police(a)) {
          return "/api/v1/legal-holds?record_type=encounter&record_id=" +
                 std::to_string(t == Target::kOwn ? w.encounter_own : w.encounter_other);
        }
        return "/api/v1/legal-holds?record_type=contact&record_id=" +
               std::to_string(w.SupportOf(a, t).contact);
      },
      {},
      [holder](const Actor& a, Target t) { return holder(a) && t == Target::kOwn ? 200 : 403; }};
  // On Umeå's contact: only its case officer.
  table["POST /api/v1/legal-holds"] = {
      true, Fixed("/api/v1/legal-holds"),
      [](World& w) {
        return json{{"record_type", "contact"},
                    {"record_id", w.umea.contact},
                    {"reason", "Matrisens kvarhållande " + std::to_string(++w.counter)}}
            .dump();
      },
      [](const Actor& a, Target) { return a.username == "handlaggare" ? 201 : 403; }};
  // Each hold is released once, by its own compartment's commander or case officer.
  table["POST /api/v1/legal-holds/{id}/release"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        const bool police_hold = Police(a) == (t == Target::kOwn);
        return "/api/v1/legal-holds/" + std::to_string(police_hold ? w.hold_police : w.hold_umea) +
               "/release";
      },
      {},
      [holder](const Actor& a, Target t) {
        return holder(a) && t == Target::kOwn ? 200 : 403;
      }};
}

// Ads are public material: the person-level roles read and triage them (decisions and notes in
// their own compartment), the analyst imports, the coordinator reads only the counts.
void AddAdsEntries(std::map<std::string, Entry>& table) {
  auto readers = [](int status) {
    return [status](const Actor& a, Target) { return PersonLevel(a) ? status : 403; };
  };
  table["GET /api/v1/ads"] = {true, Fixed("/api/v1/ads?status=all"), {}, readers(200)};
  table["GET /api/v1/ads/counts"] = {
      true, Fixed("/api/v1/ads/counts?period=week"), {},
      [](const Actor& a, Target) { return PersonLevel(a) || a.role == "coordinator" ? 200 : 403; }};
  // The evaluation of operations on the ad counts: the analyst, those who lead operations
  // (commanders, case officers), the coordinator and the committee. The matrix's few ads cover
  // too few months for a fit, so those allowed get the 400 that comes after the access decision.
  table["GET /api/v1/outcomes/ads"] = {
      true, Fixed("/api/v1/outcomes/ads?municipality=2480&intervention=2026-11-15"), {},
      [](const Actor& a, Target) {
        static const std::set<std::string> roles = {"police_analyst", "police_commander",
                                                    "social_case_officer", "coordinator",
                                                    "committee"};
        return roles.count(a.role) > 0 ? 400 : 403;
      }};
  table["GET /api/v1/ads/{id}"] = {
      true, [](const World& w, const Actor&, Target) { return "/api/v1/ads/" + std::to_string(w.ad); },
      {}, readers(200)};
  table["GET /api/v1/ad-groups/{id}"] = {
      true,
      [](const World& w, const Actor&, Target) {
        return "/api/v1/ad-groups/" + std::to_string(w.ad_group);
      },
      {}, readers(200)};
  table["POST /api/v1/ads/{id}/triage"] = {
      true,
      [](const World& w, const Actor&, Target) {
        return "/api/v1/ads/" + std::to_string(w.ad) + "/triage";
      },
      [](World&) { return R"({"decision":"follow_up"})"; }, readers(201)};
  table["POST /api/v1/ads/{id}/notes"] = {
      true,
      [](const World& w, const Actor&, Target) {
        return "/api/v1/ads/" + std::to_string(w.ad) + "/notes";
      },
      [](World&) { return R"({"text":"Matrisens anteckning"})"; }, readers(201)};
  table["POST /api/v1/ads/import"] = {
      true, Fixed("/api/v1/ads/import"),
      [](World& w) {
        return R"({"site":"matris.se","ad_id":")" + std::to_string(++w.counter) +
               R"(","seen_at":"2026-11-20T20:00:00+01:00","body":"Ny i stan"})";
      },
      [](const Actor& a, Target) { return a.role == "police_analyst" ? 200 : 403; }};
}

std::map<std::string, Entry> PolicyTable() {
  std::map<std::string, Entry> table;
  table["GET /healthz"] = {false, Fixed("/healthz"), {}, Everyone(200)};
  table["GET /readyz"] = {false, Fixed("/readyz"), {}, Everyone(200)};
  table["GET /api/v1/municipalities"] = {false, Fixed("/api/v1/municipalities"), {}, Everyone(200)};
  table["GET /api/v1/counties"] = {false, Fixed("/api/v1/counties"), {}, Everyone(200)};
  table["POST /api/v1/session"] = {
      false, Fixed("/api/v1/session"),
      [](World&) { return R"({"username":"polis","password":"not the password"})"; },
      Everyone(401)};
  table["GET /api/v1/session"] = {true, Fixed("/api/v1/session"), {}, Everyone(200)};
  table["DELETE /api/v1/session"] = {true, Fixed("/api/v1/session"), {}, Everyone(200)};
  table["POST /api/v1/account/password"] = {
      true, Fixed("/api/v1/account/password"),
      [](World&) {
        return R"({"current_password":"not the password","new_password":"another long passphrase 99"})";
      },
      Everyone(400)};
  table["POST /api/v1/account/totp/setup"] = {true, Fixed("/api/v1/account/totp/setup"), {},
                                          Everyone(200)};
  table["POST /api/v1/account/totp/confirm"] = {
      true, Fixed("/api/v1/account/totp/confirm"), [](World&) { return R"({"code":"000000"})"; },
      Everyone(400)};
  table["GET /api/v1/units"] = {true, Fixed("/api/v1/units"), {}, Everyone(200)};
  table["POST /api/v1/units"] = {
      true, Fixed("/api/v1/units"),
      [](World& w) {
        return json{{"kind", "region"},
                    {"name", "Matrisenhet " + std::to_string(++w.counter)},
                    {"county_code", "24"}}
            .dump();
      },
      AdminOnly(201)};
  table["GET /api/v1/users"] = {true, Fixed("/api/v1/users"), {}, AdminOnly(200)};
  table["POST /api/v1/users"] = {
      true, Fixed("/api/v1/users"),
      [](World& w) {
        return json{{"username", "matris." + std::to_string(++w.counter)},
                    {"display_name", "Matris"},
                    {"role", "social_worker"},
                    {"unit_id", w.umea_unit},
                    {"password", "correct horse battery staple 7"}}
            .dump();
      },
      AdminOnly(201)};
  auto user_path = [](std::string suffix) {
    return [suffix](const World& w, const Actor&, Target) {
      return "/api/v1/users/" + std::to_string(w.target_user) + suffix;
    };
  };
  table["POST /api/v1/users/{id}/password"] = {
      true, user_path("/password"),
      [](World&) { return R"({"new_password":"yet another long passphrase 5"})"; },
      AdminOnly(200)};
  table["POST /api/v1/users/{id}/disable"] = {true, user_path("/disable"), {}, AdminOnly(200)};
  table["POST /api/v1/users/{id}/enable"] = {true, user_path("/enable"), {}, AdminOnly(200)};
  table["GET /api/v1/purposes"] = {true, Fixed("/api/v1/purposes"), {}, Everyone(200)};
  table["POST /api/v1/persons"] = {
      true, Fixed("/api/v1/persons"),
      [](World& w) { return json{{"name", "Matris " + std::to_string(++w.counter)}}.dump(); },
      [](const Actor& a, Target) { return PersonLevel(a) ? 201 : 403; }};
  table["GET /api/v1/persons"] = {
      true, Fixed("/api/v1/persons?identity_number=811218-9876&purpose=case_work"), {},
      [](const Actor& a, Target) { return PersonLevel(a) ? 200 : 403; }};
  auto person_path = [](std::string suffix) {
    return [suffix](const World& w, const Actor& a, Target t) {
      return "/api/v1/persons/" + std::to_string(w.Person(a, t)) + suffix;
    };
  };
  auto own_person_only = [](const Actor& a, Target t) {
    return PersonLevel(a) && t == Target::kOwn ? 200 : 403;
  };
  table["GET /api/v1/persons/{id}"] = {true, person_path("?purpose=case_work"), {}, own_person_only};
  table["PATCH /api/v1/persons/{id}"] = {true, person_path(""),
                                     [](World&) { return R"({"notes":"matris"})"; },
                                     own_person_only};
  table["GET /api/v1/audit/records/{type}/{id}"] = {
      true,
      [](const World& w, const Actor& a, Target t) {
        return "/api/v1/audit/records/person/" + std::to_string(w.Person(a, t));
      },
      {},
      [](const Actor& a, Target t) {
        if (a.role == "admin") return 200;
        const bool supervisor = a.role == "police_commander" || a.role == "social_case_officer";
        return supervisor && t == Target::kOwn ? 200 : 403;
      }};
  AddOperationEntries(table);
  AddRoutineEntries(table);
  AddConcernEntries(table);
  AddDisclosureEntries(table);
  AddRetentionEntries(table);
  AddAdsEntries(table);
  return table;
}


// Plans an operation as `lead`, adds `participants` and makes it active; returns its id.
int64_t ActiveOperation(std::map<std::string, std::unique_ptr<ApiSession>>& sessions,
                        const std::string& lead, const std::string& municipality,
                        const std::vector<int64_t>& participants) {
  ApiSession& s = *sessions.at(lead);
  HttpResponse made = s.Call("POST", "/api/v1/operations",
                             json{{"type", "sex_purchase"},
                                  {"name", "Matris"},
                                  {"municipality_code", municipality},
                                  {"place", "Centrum"},
                                  {"planned_start", "2026-12-01T18:00:00Z"},
                                  {"planned_end", "2026-12-02T02:00:00Z"}}
                                 .dump());
  EXPECT_EQ(made.status, 201) << made.body;
  const int64_t id = json::parse(made.body)["id"].get<int64_t>();
  const std::string path = "/api/v1/operations/" + std::to_string(id);
  for (int64_t user : participants) {
    HttpResponse added = s.Call("POST", path + "/participants", json{{"user_id", user}}.dump());
    EXPECT_EQ(added.status, 200) << added.body;
  }
  for (const char* state : {"briefed", "active"}) {
    HttpResponse moved = s.Call("POST", path + "/transitions", json{{"to", state}}.dump());
    EXPECT_EQ(moved.status, 200) << moved.body;
  }
  return id;
}

int64_t Created(const HttpResponse& r) {
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? json::parse(r.body)["id"].get<int64_t>() : 0;
}

// A contact with an offer, a referral, a follow-up and a consent, by `worker` on `operation`.
World::Support SupportRecords(const ApiSession& worker, int64_t operation) {
  World::Support s;
  s.contact = Created(worker.Call(
      "POST", "/api/v1/contacts",
      json{{"operation_id", operation}, {"role", "seller"}, {"age_band", "21_25"}}.dump()));
  const std::string contact = "/api/v1/contacts/" + std::to_string(s.contact);
  s.offer = Created(worker.Call("POST", contact + "/offers",
                                R"({"kind":"conversation","answer":"accepted"})"));
  s.referral = Created(worker.Call("POST", contact + "/referrals", R"({"kind":"shelter"})"));
  s.follow_up = Created(worker.Call("POST", contact + "/follow-ups", R"({"due_on":"2027-01-10"})"));
  s.consent = Created(
      worker.Call("POST", contact + "/consents", R"({"scope":"statistics","form":"oral"})"));
  return s;
}

// Operations and records of every compartment for the matrix.
void BuildOperations(World& world, std::map<std::string, std::unique_ptr<ApiSession>>& sessions,
                     int port) {
  const json units = json::parse(sessions["admin"]->Call("GET", "/api/v1/units").body)["units"];
  for (const auto& unit : units) {
    if (unit["kind"] == "police") world.police_unit = unit["id"].get<int64_t>();
  }
  ApiSession& admin = *sessions["admin"];
  auto user_id = [&](const std::string& username) {
    return json::parse(sessions.at(username)->Call("GET", "/api/v1/session").body)["user"]["id"]
        .get<int64_t>();
  };
  world.social_worker_user = user_id("socialsekreterare");
  // A second police unit, so that police records have another compartment too.
  const int64_t second_police = Created(admin.Call(
      "POST", "/api/v1/units",
      json{{"kind", "police"}, {"name", "Polisen lokalpolisområde Skellefteå"}, {"county_code", "24"}}
          .dump()));
  const int64_t second_officer = Created(admin.Call(
      "POST", "/api/v1/users",
      json{{"username", "matris.polis"}, {"display_name", "Matris Polis"},
           {"role", "police_officer"}, {"unit_id", second_police}, {"password", kDemoPassword}}
          .dump()));
  sessions["matris.polis"] = std::make_unique<ApiSession>(port, "matris.polis");
  world.second_police_unit = second_police;

  world.op_main = ActiveOperation(sessions, "insatschef", "2480",
                                  {user_id("polis"), world.social_worker_user});
  world.op_skel = ActiveOperation(sessions, "insatschef", "2482",
                                  {user_id("socialsekreterare.skelleftea"), second_officer});
  world.op_social = ActiveOperation(sessions, "handlaggare", "2480", {});
  const std::string encounter = R"({"role":"buyer","age_band":"26_35","offence":"brb_6_11"})";
  world.encounter_own = Created(sessions["polis"]->Call(
      "POST", "/api/v1/operations/" + std::to_string(world.op_main) + "/encounters", encounter));
  world.encounter_other = Created(sessions["matris.polis"]->Call(
      "POST", "/api/v1/operations/" + std::to_string(world.op_skel) + "/encounters", encounter));
  world.umea = SupportRecords(*sessions["socialsekreterare"], world.op_main);
  world.skelleftea = SupportRecords(*sessions["socialsekreterare.skelleftea"], world.op_skel);
}


// Routines of the region, the police unit, Umeå and a far county; the region's is attached to
// every operation of the world.
void BuildRoutines(World& world, std::map<std::string, std::unique_ptr<ApiSession>>& sessions,
                   int port) {
  auto create = [&](const std::string& user, const std::string& title) {
    return json::parse(sessions.at(user)
                           ->Call("POST", "/api/v1/routines",
                                  json{{"source", "# " + title +
                                                      "\ngiltig från: 2027-01-01\n## Före\n"
                                                      "- [båda, krav] Genomgång\n"
                                                      "- [båda] Material\n"
                                                      "## Efter\n- [polis] Rapport\n"}}
                                      .dump())
                           .body)["routine_id"]
        .get<int64_t>();
  };
  world.routine_region = create("koordinator", "Regionens rutin");
  world.routine_police = create("insatschef", "Polisens rutin");
  world.routine_umea = create("handlaggare", "Umeås rutin");
  ApiSession& admin = *sessions["admin"];
  const int64_t far_region = Created(admin.Call(
      "POST", "/api/v1/units",
      json{{"kind", "region"}, {"name", "Regional samordning Stockholm"}, {"county_code", "01"}}
          .dump()));
  Created(admin.Call("POST", "/api/v1/users",
                     json{{"username", "matris.koordinator"}, {"display_name", "Matris K"},
                          {"role", "coordinator"}, {"unit_id", far_region},
                          {"password", kDemoPassword}}
                         .dump()));
  sessions["matris.koordinator"] = std::make_unique<ApiSession>(port, "matris.koordinator");
  world.routine_far = create("matris.koordinator", "Stockholms rutin");
  for (const auto& [lead, op] : {std::pair{"insatschef", world.op_main},
                                 std::pair{"insatschef", world.op_skel},
                                 std::pair{"handlaggare", world.op_social}}) {
    HttpResponse attached = sessions.at(lead)->Call(
        "PUT", "/api/v1/operations/" + std::to_string(op) + "/checklist",
        json{{"routine_id", world.routine_region}}.dump());
    EXPECT_EQ(attached.status, 200) << attached.body;
    const json items = json::parse(attached.body)["items"];
    world.step_sign = items[0]["id"].get<int64_t>();
    world.step_deviation = items[1]["id"].get<int64_t>();
  }
}


// Two concern-report tasks, both reported: polis meets a 16-year-old on op_main (the report goes
// to Umeå), Skellefteå's worker a person of unknown age on op_skel.
void BuildConcernReports(World& world,
                         std::map<std::string, std::unique_ptr<ApiSession>>& sessions) {
  Created(sessions["polis"]->Call(
      "POST", "/api/v1/operations/" + std::to_string(world.op_main) + "/encounters",
      R"({"role":"seller","age":16})"));
  Created(sessions["socialsekreterare.skelleftea"]->Call(
      "POST", "/api/v1/contacts",
      json{{"operation_id", world.op_skel}, {"role", "seller"}}.dump()));
  for (const auto& [user, slot] : {std::pair{"polis", &world.task_police},
                                   std::pair{"socialsekreterare.skelleftea",
                                             &world.task_skelleftea}}) {
    const json tasks = json::parse(
        sessions.at(user)->Call("GET", "/api/v1/concern-tasks?open=true").body)["tasks"];
    ASSERT_FALSE(tasks.empty()) << user;
    *slot = tasks[0]["id"].get<int64_t>();
    HttpResponse filed = sessions.at(user)->Call(
        "POST", "/api/v1/concern-tasks/" + std::to_string(*slot) + "/report",
        R"({"text":"Orosanmälan"})");
    ASSERT_EQ(filed.status, 200) << filed.body;
    const int64_t report = json::parse(filed.body)["report"]["id"].get<int64_t>();
    (std::string(user) == "polis" ? world.report_umea : world.report_skelleftea) = report;
  }
}

// The disclosures of World (after BuildOperations).
void BuildDisclosures(World& world, std::map<std::string, std::unique_ptr<ApiSession>>& sessions) {
  auto disclose = [&](const std::string& user, int64_t contact, int64_t to,
                      const std::string& ground) {
    return Created(sessions.at(user)->Call(
        "POST", "/api/v1/disclosures",
        json{{"record_type", "contact"},
             {"record_id", contact},
             {"fields", {"role", "age_band"}},
             {"to_unit_id", to},
             {"legal_ground", ground},
             {"justification", "Matrisens uppgiftslämnande"}}
            .dump()));
  };
  world.sent_umea = disclose("socialsekreterare", world.umea.contact, world.police_unit, "osl_10_21");
  world.sent_skelleftea = disclose("socialsekreterare.skelleftea", world.skelleftea.contact,
                                   world.second_police_unit, "osl_10_21");
  world.approve_umea = disclose("socialsekreterare", world.umea.contact, world.police_unit,
                                "osl_10_27");
  world.reject_umea = disclose("socialsekreterare", world.umea.contact, world.police_unit,
                               "osl_10_27");
  world.awaiting_skelleftea = disclose("socialsekreterare.skelleftea", world.skelleftea.contact,
                                       world.second_police_unit, "osl_10_27");
}

// The legal holds of World (after BuildOperations).
void BuildLegalHolds(World& world, std::map<std::string, std::unique_ptr<ApiSession>>& sessions) {
  world.hold_police = Created(sessions.at("insatschef")->Call(
      "POST", "/api/v1/legal-holds",
      json{{"record_type", "encounter"}, {"record_id", world.encounter_own}, {"reason", "Matris"}}
          .dump()));
  world.hold_umea = Created(sessions.at("handlaggare")->Call(
      "POST", "/api/v1/legal-holds",
      json{{"record_type", "contact"}, {"record_id", world.umea.contact}, {"reason", "Matris"}}
          .dump()));
}

// Two ads sharing a phone number, imported by the analyst.
void BuildAds(World& world, std::map<std::string, std::unique_ptr<ApiSession>>& sessions) {
  const std::string lines =
      R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-20T20:00:00+01:00","body":"Ring 070-123 45 67","location":"Umeå"})"
      "\n"
      R"({"site":"b.se","ad_id":"2","seen_at":"2026-11-21T20:00:00+01:00","body":"Sms 0701234567"})"
      "\n";
  HttpResponse imported = sessions.at("analytiker")->Call("POST", "/api/v1/ads/import", lines);
  ASSERT_EQ(imported.status, 200) << imported.body;
  const json queue =
      json::parse(sessions.at("analytiker")->Call("GET", "/api/v1/ads?status=all").body);
  ASSERT_EQ(queue["ads"].size(), 2u) << queue.dump();
  world.ad = queue["ads"][0]["id"].get<int64_t>();
  world.ad_group = queue["ads"][0]["group_id"].get<int64_t>();
}

std::string MethodOf(const std::string& key) { return key.substr(0, key.find(' ')); }

TEST(PolicyMatrixTest, EveryEndpointEveryRoleOwnAndOtherCompartment) {
  ServerProcess::Options options;
  options.seed_demo = true;
  ServerProcess server(options);
  const int port = server.port();

  std::map<std::string, std::unique_ptr<ApiSession>> sessions;
  for (const Actor& a : Actors()) sessions[a.username] = std::make_unique<ApiSession>(port, a.username);

  World world;
  auto create_person = [&](const std::string& user, const std::string& number) {
    HttpResponse r = sessions[user]->Call(
        "POST", "/api/v1/persons",
        json{{"name", "Testperson"}, {"identity_number", number}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["id"].get<int64_t>();
  };
  world.police_person = create_person("polis", "811218-9876");
  world.umea_person = create_person("socialsekreterare", "811218-9876");
  world.skelleftea_person = create_person("socialsekreterare.skelleftea", "811218-9876");
  EXPECT_NE(world.police_person, world.umea_person);
  const json units = json::parse(sessions["admin"]->Call("GET", "/api/v1/units").body)["units"];
  for (const auto& unit : units) {
    if (unit["municipality_code"] == "2480") world.umea_unit = unit["id"].get<int64_t>();
  }
  ASSERT_NE(world.umea_unit, 0);
  HttpResponse target = sessions["admin"]->Call(
      "POST", "/api/v1/users",
      json{{"username", "matris.mal"}, {"display_name", "Mål"}, {"role", "social_worker"},
           {"unit_id", world.umea_unit}, {"password", "correct horse battery staple 1"}}
          .dump());
  ASSERT_EQ(target.status, 201) << target.body;
  world.target_user = json::parse(target.body)["id"].get<int64_t>();
  BuildOperations(world, sessions, port);
  BuildRoutines(world, sessions, port);
  BuildConcernReports(world, sessions);
  BuildDisclosures(world, sessions);
  BuildLegalHolds(world, sessions);
  BuildAds(world, sessions);
  ASSERT_FALSE(HasFailure()) << "the fixture could not be built";

  // The routes the server really has.
  CommandResult routes = server.Run({"routes"});
  ASSERT_EQ(routes.exit_code, 0) << routes.err;
  std::vector<std::string> keys;
  std::istringstream lines(routes.out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) keys.push_back(line);
  }
  ASSERT_GT(keys.size(), 15u);

  std::map<std::string, Entry> table = PolicyTable();
  int denied = 0;
  for (const std::string& key : keys) {
    auto it = table.find(key);
    ASSERT_NE(it, table.end()) << "route " << key
                               << " has no entry in the policy matrix: decide who may use it";
    Entry& entry = it->second;
    const std::string method = MethodOf(key);
    if (!entry.needs_login) {
      const Actor& anyone = Actors().front();
      HttpResponse r = Request(port, method, entry.path(world, anyone, Target::kOwn),
                               {{"Content-Type", "application/json"}},
                               entry.body ? entry.body(world) : "");
      EXPECT_EQ(r.status, entry.expect(anyone, Target::kOwn)) << key << ": " << r.body;
      continue;
    }
    // Without a session: 401 for everything that needs one.
    HttpResponse anonymous = Request(port, method, entry.path(world, Actors().front(), Target::kOwn),
                                     {{"Content-Type", "application/json"}},
                                     entry.body ? entry.body(world) : "");
    EXPECT_EQ(anonymous.status, 401) << key << " without a session: " << anonymous.body;
    for (const Actor& actor : Actors()) {
      for (Target t : {Target::kOwn, Target::kOther}) {
        // Logging out ends the session: use a fresh one.
        std::unique_ptr<ApiSession> fresh;
        const ApiSession* session = sessions[actor.username].get();
        if (key == "DELETE /api/v1/session") {
          fresh = std::make_unique<ApiSession>(port, actor.username);
          session = fresh.get();
        }
        HttpResponse r = session->Call(method, entry.path(world, actor, t),
                                       entry.body ? entry.body(world) : "");
        const int expected = entry.expect(actor, t);
        EXPECT_EQ(r.status, expected)
            << key << " as " << actor.username << " (" << actor.role << "), "
            << (t == Target::kOwn ? "own" : "other") << " compartment: " << r.body;
        if (r.status == 403) {
          ++denied;
          EXPECT_EQ(json::parse(r.body)["error"]["code"], "forbidden") << key;
        }
      }
    }
  }
  EXPECT_GT(denied, 50);

  // A social worker of another municipality is another compartment too.
  HttpResponse cross = sessions["socialsekreterare.skelleftea"]->Call(
      "GET", "/api/v1/persons/" + std::to_string(world.umea_person) + "?purpose=case_work");
  EXPECT_EQ(cross.status, 403);
  ++denied;

  // Every denial is in the audit trail.
  CommandResult exported = server.Run({"audit", "export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  int denied_events = 0;
  std::istringstream events(exported.out);
  for (std::string line; std::getline(events, line);) {
    if (json::parse(line)["outcome"] == "denied") ++denied_events;
  }
  EXPECT_GE(denied_events, denied);
}

}  // namespace
}  // namespace sv::testing
