// Joint operations against the real server: an operation from plan to close, what each agency
// sees, personal data kept out of the joint space, and retried submits (idempotency keys) on
// SQLite and PostgreSQL.
#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_session.h"
#include "server_on_both_databases.h"
#include "server_process.h"

namespace sv::testing {
namespace {

using nlohmann::json;

json Body(const HttpResponse& r) { return json::parse(r.body); }

int64_t UserId(const ApiSession& s) {
  return Body(s.Call("GET", "/api/v1/session"))["user"]["id"].get<int64_t>();
}

// A planned operation in Umeå led by insatschef, with polis and socialsekreterare taking part,
// moved on to `state`.
int64_t Operation(const ApiSession& chief, const std::vector<int64_t>& participants,
                  const std::vector<std::string>& steps) {
  HttpResponse made = chief.Call("POST", "/api/v1/operations",
                                 json{{"type", "sex_purchase"},
                                      {"name", "Insats centrum"},
                                      {"municipality_code", "2480"},
                                      {"place", "Hotell i centrum"},
                                      {"planned_start", "2026-12-01T19:00:00+01:00"},
                                      {"planned_end", "2026-12-02T02:00:00+01:00"}}
                                     .dump());
  EXPECT_EQ(made.status, 201) << made.body;
  const int64_t id = Body(made)["id"].get<int64_t>();
  const std::string path = "/api/v1/operations/" + std::to_string(id);
  for (int64_t user : participants) {
    EXPECT_EQ(chief.Call("POST", path + "/participants", json{{"user_id", user}}.dump()).status,
              200);
  }
  for (const std::string& to : steps) {
    HttpResponse moved = chief.Call("POST", path + "/transitions", json{{"to", to}}.dump());
    EXPECT_EQ(moved.status, 200) << moved.body;
  }
  return id;
}

ServerProcess::Options Seeded() {
  ServerProcess::Options o;
  o.seed_demo = true;
  return o;
}

TEST(OperationsTest, AnOperationFromPlanToCloseWithEachAgencySeeingItsOwnRecords) {
  ServerProcess server(Seeded());
  const int port = server.port();
  ApiSession chief(port, "insatschef"), officer(port, "polis"), worker(port, "socialsekreterare");
  const int64_t id = Operation(chief, {UserId(officer), UserId(worker)}, {"briefed", "active"});
  const std::string path = "/api/v1/operations/" + std::to_string(id);

  HttpResponse encounter =
      officer.Call("POST", path + "/encounters",
                   json{{"role", "buyer"}, {"age", 41}, {"offence", "brb_6_11"},
                        {"case_number", "5000-K123456-26"}, {"notes", "Tog emot kontanter"}}
                       .dump());
  ASSERT_EQ(encounter.status, 201) << encounter.body;
  EXPECT_EQ(Body(encounter)["age_band"], "36_50");
  HttpResponse contact = worker.Call(
      "POST", "/api/v1/contacts",
      json{{"operation_id", id}, {"role", "seller"}, {"age_band", "21_25"}, {"language", "ro"},
           {"interpreter", true}}
          .dump());
  ASSERT_EQ(contact.status, 201) << contact.body;
  const std::string contact_path = "/api/v1/contacts/" + Body(contact)["id"].dump();
  ASSERT_EQ(worker.Call("POST", contact_path + "/offers",
                        R"({"kind":"health_care","answer":"accepted"})")
                .status,
            201);
  ASSERT_EQ(worker.Call("POST", contact_path + "/offers",
                        R"({"kind":"exit_programme","answer":"later"})")
                .status,
            201);

  // Each agency sees its own compartment's records of the operation, not the other's.
  HttpResponse police_list = officer.Call("GET", path + "/encounters?purpose=operation");
  ASSERT_EQ(police_list.status, 200);
  EXPECT_EQ(Body(police_list)["encounters"].size(), 1u);
  EXPECT_EQ(officer.Call("GET", "/api/v1/contacts?operation_id=" + std::to_string(id) +
                                    "&purpose=operation")
                .status,
            403);
  EXPECT_EQ(officer.Call("GET", contact_path + "?purpose=operation").status, 403);
  EXPECT_EQ(worker.Call("GET", path + "/encounters?purpose=operation").status, 403);
  EXPECT_EQ(worker.Call("GET", "/api/v1/encounters/" + Body(encounter)["id"].dump() +
                                   "?purpose=operation")
                .status,
            403);
  // Both see the joint log.
  ASSERT_EQ(worker.Call("POST", path + "/log",
                        json{{"text", "Stöd erbjudet till en person som säljer, accepterat"},
                             {"counts", {{"contacts_sellers", 1}, {"offers_made", 2},
                                         {"offers_accepted", 1}}}}
                            .dump())
                .status,
            201);
  for (const ApiSession* s : {&officer, &worker, &chief}) {
    HttpResponse log = s->Call("GET", path + "/log");
    ASSERT_EQ(log.status, 200);
    EXPECT_EQ(Body(log)["entries"].size(), 1u);
    EXPECT_EQ(Body(log)["entries"][0]["counts"]["offers_accepted"], 1);
  }
  // The numbers of the operation, from the records of both compartments.
  HttpResponse numbers = chief.Call("GET", path + "/numbers");
  ASSERT_EQ(numbers.status, 200) << numbers.body;
  const json values = Body(numbers)["rows"][0]["values"];
  EXPECT_EQ(values[0], 1) << "contacts with people who sell";
  EXPECT_EQ(values[5], 1) << "offers accepted";
  EXPECT_EQ(values[7], 1) << "buyers reported";

  for (const char* to : {"debriefed", "closed"}) {
    ASSERT_EQ(chief.Call("POST", path + "/transitions", json{{"to", to}}.dump()).status, 200);
  }
  HttpResponse closed = chief.Call("GET", path);
  EXPECT_EQ(Body(closed)["state"], "closed");
  EXPECT_EQ(Body(closed)["may_manage"], false);
  EXPECT_EQ(Body(closed)["transitions"].size(), 4u);
  HttpResponse late = worker.Call("POST", path + "/log", R"({"text":"Sent tillägg"})");
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(Body(late)["error"]["code"], "operation_closed");
  HttpResponse reopen = chief.Call("POST", path + "/transitions", R"({"to":"active"})");
  EXPECT_EQ(reopen.status, 409);
  HttpResponse too_late = officer.Call("POST", path + "/encounters", R"({"role":"other"})");
  EXPECT_EQ(too_late.status, 409);
  EXPECT_EQ(Body(too_late)["error"]["code"], "operation_not_open");

  CommandResult verify = server.Run({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST(OperationsTest, TheLogRefusesPersonalDataSayingWhatWasFound) {
  ServerProcess server(Seeded());
  ApiSession chief(server.port(), "insatschef"), officer(server.port(), "polis");
  const int64_t id = Operation(chief, {UserId(officer)}, {"briefed", "active"});
  const std::string path = "/api/v1/operations/" + std::to_string(id) + "/log";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"ring 070-123 45 67", "phone number"},
      {"19850101-1234", "identity number"},
      {"mejla kontakt@example.se", "e-mail address"},
  };
  for (const auto& [text, found] : cases) {
    HttpResponse r = officer.Call("POST", path, json{{"text", text}}.dump());
    EXPECT_EQ(r.status, 400) << text;
    const json error = Body(r)["error"];
    EXPECT_EQ(error["code"], "personal_data") << r.body;
    EXPECT_EQ(error["field"], "text");
    EXPECT_NE(error["message"].get<std::string>().find(found), std::string::npos) << r.body;
    EXPECT_EQ(error["message"].get<std::string>().find(text), std::string::npos)
        << "the value itself is not echoed";
  }
  EXPECT_TRUE(Body(officer.Call("GET", path))["entries"].empty()) << "nothing was written";
  // The plan is part of the joint space too.
  HttpResponse plan = chief.Call("PATCH", "/api/v1/operations/" + std::to_string(id),
                                 R"({"place":"Lägenhet, portkod 1234, tel 0701234567"})");
  EXPECT_EQ(plan.status, 400);
  EXPECT_EQ(Body(plan)["error"]["field"], "place");
}

TEST(OperationsTest, BadInputNamesTheField) {
  ServerProcess server(Seeded());
  ApiSession chief(server.port(), "insatschef");
  auto plan = [&](json changes) {
    json body = {{"type", "sex_purchase"},          {"name", "Insats"},
                 {"municipality_code", "2480"},     {"place", "Centrum"},
                 {"planned_start", "2026-12-01T19:00:00Z"},
                 {"planned_end", "2026-12-02T02:00:00Z"}};
    for (auto& [k, v] : changes.items()) body[k] = v;
    return chief.Call("POST", "/api/v1/operations", body.dump());
  };
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"planned_end", "2026-12-01T18:00:00Z"}}, "planned_end"},
      {{{"planned_start", "i morgon"}}, "planned_start"},
      {{{"municipality_code", "9999"}}, "municipality_code"},
      {{{"type", "razzia"}}, "type"},
      {{{"name", nullptr}}, "name"},
  };
  for (const auto& [changes, field] : cases) {
    HttpResponse r = plan(changes);
    EXPECT_EQ(r.status, 400) << changes.dump() << r.body;
    EXPECT_EQ(Body(r)["error"]["field"], field) << r.body;
  }
  EXPECT_TRUE(Body(chief.Call("GET", "/api/v1/operations"))["operations"].empty());
  HttpResponse bad_json = chief.Call("POST", "/api/v1/operations", "{\"type\": ");
  EXPECT_EQ(bad_json.status, 400);
}

// Retried submits from the on-the-spot page: the same key makes one record, also when the
// retries race each other.
class IdempotencyTest : public ServerOnBothDatabases {};

TEST_P(IdempotencyTest, ARetriedSubmitWithTheSameKeyCreatesOneRecord) {
  const int port = server_->port();
  ApiSession chief(port, "insatschef"), worker(port, "socialsekreterare");
  const int64_t id = Operation(chief, {UserId(worker)}, {"briefed", "active"});
  const std::string body =
      json{{"operation_id", id}, {"role", "seller"}, {"age_band", "18_20"}}.dump();
  const std::map<std::string, std::string> key = {
      {"Idempotency-Key", "3f1c9a52-8c1e-4d8a-9a53-6b1f0f5a0c11"}};

  HttpResponse first = worker.Call("POST", "/api/v1/contacts", body, key);
  ASSERT_EQ(first.status, 201) << first.body;
  HttpResponse retry = worker.Call("POST", "/api/v1/contacts", body, key);
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(Body(retry)["id"], Body(first)["id"]);
  HttpResponse other = worker.Call("POST", "/api/v1/contacts",
                                   json{{"operation_id", id}, {"role", "buyer"}}.dump(), key);
  EXPECT_EQ(other.status, 409);
  EXPECT_EQ(Body(other)["error"]["code"], "idempotency_key_reused");

  // Eight retries of one offer at the same moment: one record, all answers name it.
  const std::string offers = "/api/v1/contacts/" + Body(first)["id"].dump() + "/offers";
  const std::map<std::string, std::string> offer_key = {{"Idempotency-Key", "offer-race-1"}};
  std::vector<HttpResponse> answers(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    threads.emplace_back([&, i] {
      answers[i] = worker.Call("POST", offers, R"({"kind":"shelter","answer":"accepted"})",
                               offer_key);
    });
  }
  for (std::thread& t : threads) t.join();
  std::set<std::string> ids;
  int created = 0;
  for (const HttpResponse& a : answers) {
    ASSERT_TRUE(a.status == 201 || a.status == 200) << a.status << " " << a.body;
    created += a.status == 201 ? 1 : 0;
    ids.insert(Body(a)["id"].dump());
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(ids.size(), 1u);
  HttpResponse file = worker.Call("GET", "/api/v1/contacts/" + Body(first)["id"].dump() +
                                             "?purpose=operation");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(Body(file)["offers"].size(), 1u);
  HttpResponse listed = worker.Call("GET", "/api/v1/contacts?operation_id=" + std::to_string(id) +
                                               "&purpose=operation");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(Body(listed)["contacts"].size(), 1u);
}

SV_SERVER_ON_BOTH_DATABASES(IdempotencyTest);

}  // namespace
}  // namespace sv::testing
