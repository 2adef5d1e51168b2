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
  return table;
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
