// Concern reports about children against the real server (DOMAIN.md: "Concern about a child must
// be reported at once"): meeting a 16-year-old opens a task, the task ends only by a report or a
// reasoned decision, the report reaches the municipality's social services, whose case officer
// acknowledges it, and the reporter sees that.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_session.h"
#include "server_process.h"

namespace sv::testing {
namespace {

using nlohmann::json;

json Body(const HttpResponse& r) { return json::parse(r.body); }

// An active operation in Umeå with polis and socialsekreterare taking part.
std::string ActiveOperation(const ApiSession& chief, const std::vector<const ApiSession*>& people) {
  HttpResponse made = chief.Call("POST", "/api/v1/operations",
                                 json{{"type", "sex_purchase"},
                                      {"name", "Insats"},
                                      {"municipality_code", "2480"},
                                      {"place", "Centrum"},
                                      {"planned_start", "2026-12-01T19:00:00+01:00"},
                                      {"planned_end", "2026-12-02T01:00:00+01:00"}}
                                     .dump());
  EXPECT_EQ(made.status, 201) << made.body;
  const std::string path = "/api/v1/operations/" + Body(made)["id"].dump();
  for (const ApiSession* p : people) {
    const json id = Body(p->Call("GET", "/api/v1/session"))["user"]["id"];
    EXPECT_EQ(chief.Call("POST", path + "/participants", json{{"user_id", id}}.dump()).status,
              200);
  }
  for (const char* to : {"briefed", "active"}) {
    EXPECT_EQ(chief.Call("POST", path + "/transitions", json{{"to", to}}.dump()).status, 200);
  }
  return path;
}

TEST(ConcernReportsTest, AnOfficerMeetsA16YearOldAndTheReportIsAcknowledged) {
  ServerProcess::Options options;
  options.seed_demo = true;
  ServerProcess server(options);
  const int port = server.port();
  ApiSession chief(port, "insatschef"), officer(port, "polis"), worker(port, "socialsekreterare"),
      case_officer(port, "handlaggare"), other_town(port, "socialsekreterare.skelleftea");
  const std::string op = ActiveOperation(chief, {&officer, &worker});

  // An adult opens nothing; a 16-year-old opens a task in the police compartment.
  ASSERT_EQ(officer.Call("POST", op + "/encounters", R"({"role":"buyer","age":41})").status, 201);
  EXPECT_TRUE(Body(officer.Call("GET", "/api/v1/concern-tasks?open=true"))["tasks"].empty());
  ASSERT_EQ(officer.Call("POST", op + "/encounters", R"({"role":"seller","age":16})").status, 201);
  const json tasks = Body(officer.Call("GET", "/api/v1/concern-tasks?open=true"))["tasks"];
  ASSERT_EQ(tasks.size(), 1u);
  const json task = tasks[0];
  EXPECT_EQ(task["age_band"], "under_18");
  EXPECT_EQ(task["state"], "open");
  EXPECT_EQ(task["overdue"], false);
  EXPECT_EQ(task["municipality_code"], "2480");
  const std::string path = "/api/v1/concern-tasks/" + task["id"].dump();
  // Another compartment does not see it.
  EXPECT_EQ(worker.Call("GET", path).status, 403);
  // A contact of unknown age opens a task in the social services' compartment.
  ASSERT_EQ(worker.Call("POST", "/api/v1/contacts",
                        json{{"operation_id", Body(officer.Call("GET", op))["id"]},
                             {"role", "seller"}}
                            .dump())
                .status,
            201);
  EXPECT_EQ(Body(worker.Call("GET", "/api/v1/concern-tasks?open=true"))["tasks"].size(), 1u);

  // "No report" needs an individual assessment, not a tick.
  HttpResponse tick = officer.Call("POST", path + "/no-report", R"({"reason":"rutin"})");
  EXPECT_EQ(tick.status, 400);
  EXPECT_EQ(Body(tick)["error"]["field"], "reason");

  const std::string text = "Flicka, uppger 16 år, påträffad vid insats mot köp av sexuell tjänst.";
  HttpResponse filed = officer.Call("POST", path + "/report", json{{"text", text}}.dump());
  ASSERT_EQ(filed.status, 200) << filed.body;
  EXPECT_EQ(Body(filed)["state"], "reported");
  EXPECT_EQ(Body(filed)["report"]["to_unit"]["name"], "Socialtjänsten Umeå kommun");
  EXPECT_EQ(Body(filed)["report"]["legal_ground"], "osl_10_28");
  EXPECT_TRUE(Body(filed)["report"]["acknowledged_at"].is_null());
  EXPECT_EQ(officer.Call("POST", path + "/report", json{{"text", text}}.dump()).status, 409);

  // The municipality's social services receive it; another municipality's do not.
  const json received = Body(case_officer.Call("GET", "/api/v1/concern-reports"))["reports"];
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["text"], text);
  EXPECT_EQ(received[0]["from_unit"]["name"], "Polisen lokalpolisområde Umeå");
  EXPECT_TRUE(Body(other_town.Call("GET", "/api/v1/concern-reports"))["reports"].empty());
  EXPECT_EQ(officer.Call("GET", "/api/v1/concern-reports").status, 403);
  const std::string ack = "/api/v1/concern-reports/" + received[0]["id"].dump() + "/acknowledge";
  EXPECT_EQ(other_town.Call("POST", ack).status, 403) << "the wrong unit";
  EXPECT_EQ(worker.Call("POST", ack).status, 403) << "a case officer acknowledges";
  ASSERT_EQ(case_officer.Call("POST", ack).status, 200);
  EXPECT_EQ(case_officer.Call("POST", ack).status, 409);

  // The reporter sees the acknowledgement.
  const json seen = Body(officer.Call("GET", path));
  EXPECT_FALSE(seen["report"]["acknowledged_at"].is_null());
  EXPECT_EQ(seen["report"]["acknowledged_by"], "Demo Handläggare (Umeå)");
  EXPECT_TRUE(Body(officer.Call("GET", "/api/v1/concern-tasks?open=true"))["tasks"].empty());

  // Reports are never deleted; a correction keeps the earlier text, and both sides see it.
  const std::string corrections = path + "/report/corrections";
  const std::string corrected = "Flicka, uppger 15 år, påträffad vid insats mot köp av sexuell tjänst.";
  HttpResponse no_reason = officer.Call("POST", corrections, json{{"text", corrected}}.dump());
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Body(no_reason)["error"]["field"], "reason");
  EXPECT_EQ(worker.Call("POST", corrections,
                        json{{"text", corrected}, {"reason", "Annan enhet försöker rätta"}}.dump())
                .status,
            403);
  HttpResponse fixed = officer.Call(
      "POST", corrections,
      json{{"text", corrected}, {"reason", "Åldern angavs fel: hon sa 15, inte 16."}}.dump());
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(Body(fixed)["report"]["text"], corrected);
  const json history = Body(case_officer.Call("GET", "/api/v1/concern-reports"))["reports"][0];
  EXPECT_EQ(history["text"], corrected);
  ASSERT_EQ(history["corrections"].size(), 1u);
  EXPECT_EQ(history["corrections"][0]["previous_text"], text);
  EXPECT_EQ(history["corrections"][0]["reason"], "Åldern angavs fel: hon sa 15, inte 16.");
  // There is no route that deletes a report.
  EXPECT_EQ(officer.Call("DELETE", "/api/v1/concern-reports/" + received[0]["id"].dump()).status,
            404);

  CommandResult verify = server.Run({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace sv::testing
