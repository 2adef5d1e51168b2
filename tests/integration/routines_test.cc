// Routines and checklists against the real server: an operation follows the version it was given,
// does not close with a required step open, and prints its checklist as a PDF.
#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_session.h"
#include "server_process.h"

namespace sv::testing {
namespace {

using nlohmann::json;

json Body(const HttpResponse& r) { return json::parse(r.body); }

std::string PdfText(const std::string& pdf) {
  TempDir dir;
  const std::string path = (dir.path() / "checklist.pdf").string();
  std::ofstream(path, std::ios::binary) << pdf;
  std::string text;
  FILE* pipe = popen(("pdftotext -layout '" + path + "' -").c_str(), "r");
  if (pipe == nullptr) return text;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  pclose(pipe);
  return text;
}

const char* kRoutine =
    "# Rutin för kvällsinsatser\n"
    "giltig från: 2027-01-01\n"
    "## Före insatsen\n"
    "- [båda, krav] Gemensam genomgång\n"
    "## Under insatsen\n"
    "- [socialtjänst, krav] Erbjud stöd på plats\n"
    "- [polis] Anteckna brott\n"
    "## Efter insatsen\n"
    "- [polis, krav] Avrapportering\n";

TEST(RoutinesTest, AnOperationFollowsItsVersionClosesWhenDoneAndPrintsItsChecklist) {
  ServerProcess::Options options;
  options.seed_demo = true;
  ServerProcess server(options);
  const int port = server.port();
  ApiSession coordinator(port, "koordinator"), chief(port, "insatschef"), officer(port, "polis"),
      worker(port, "socialsekreterare");

  HttpResponse bad = coordinator.Call("POST", "/api/v1/routines",
                                      json{{"source", "# Rutin\n## Före\n"}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "source");
  EXPECT_EQ(Body(bad)["error"]["message"].get<std::string>().rfind("line 2: expected", 0), 0u);
  HttpResponse v1 = coordinator.Call("POST", "/api/v1/routines", json{{"source", kRoutine}}.dump());
  ASSERT_EQ(v1.status, 201) << v1.body;
  const int64_t routine = Body(v1)["routine_id"].get<int64_t>();

  auto user_id = [](const ApiSession& s) {
    return Body(s.Call("GET", "/api/v1/session"))["user"]["id"].get<int64_t>();
  };
  HttpResponse planned = chief.Call("POST", "/api/v1/operations",
                                    json{{"type", "sex_purchase"},
                                         {"name", "Kvällsinsats"},
                                         {"municipality_code", "2480"},
                                         {"place", "Centrum"},
                                         {"planned_start", "2026-12-01T19:00:00+01:00"},
                                         {"planned_end", "2026-12-02T01:00:00+01:00"}}
                                        .dump());
  ASSERT_EQ(planned.status, 201) << planned.body;
  const std::string op = "/api/v1/operations/" + Body(planned)["id"].dump();
  for (const ApiSession* s : {&officer, &worker}) {
    ASSERT_EQ(chief.Call("POST", op + "/participants", json{{"user_id", user_id(*s)}}.dump()).status,
              200);
  }
  HttpResponse attached =
      chief.Call("PUT", op + "/checklist", json{{"routine_id", routine}}.dump());
  ASSERT_EQ(attached.status, 200) << attached.body;
  // Version 2 comes later; the operation keeps version 1.
  std::string v2 = kRoutine;
  v2 += "- [båda] Ett nytt steg\n";
  ASSERT_EQ(coordinator.Call("POST", "/api/v1/routines/" + std::to_string(routine) + "/versions",
                             json{{"source", v2}}.dump())
                .status,
            201);
  const json list = Body(worker.Call("GET", op + "/checklist"))["checklist"];
  EXPECT_EQ(list["version"], 1);
  ASSERT_EQ(list["items"].size(), 4u);
  auto step = [&](int i) { return op + "/checklist/steps/" + list["items"][i]["id"].dump(); };

  EXPECT_EQ(officer.Call("POST", step(1) + "/sign").status, 403) << "a social-services step";
  ASSERT_EQ(worker.Call("POST", step(0) + "/sign").status, 200);
  for (const char* to : {"briefed", "active", "debriefed"}) {
    ASSERT_EQ(chief.Call("POST", op + "/transitions", json{{"to", to}}.dump()).status, 200);
  }
  HttpResponse refused = chief.Call("POST", op + "/transitions", R"({"to":"closed"})");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(Body(refused)["error"]["code"], "checklist_incomplete");
  ASSERT_EQ(worker.Call("POST", step(1) + "/deviation",
                        R"({"reason":"Ingen tolk fanns att tillgå"})")
                .status,
            200);
  ASSERT_EQ(officer.Call("POST", step(3) + "/sign").status, 200);

  HttpResponse pdf = officer.Call("GET", op + "/checklist/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  const std::string text = PdfText(pdf.body);
  for (const char* expected : {"Kontrollista: Kvällsinsats", "Rutin för kvällsinsatser, version 1",
                               "Gemensam genomgång", "Signerad av Demo Socialsekreterare",
                               "Orsak: Ingen tolk fanns att tillgå", "Anteckna brott"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in:\n" << text;
  }
  EXPECT_EQ(chief.Call("POST", op + "/transitions", R"({"to":"closed"})").status, 200);
  const json deviations = Body(coordinator.Call(
      "GET", "/api/v1/routines/" + std::to_string(routine) + "/deviations"))["steps"];
  ASSERT_FALSE(deviations.empty());
  EXPECT_EQ(deviations[0]["text"], "Erbjud stöd på plats");
  EXPECT_EQ(deviations[0]["deviations"], 1);
}

}  // namespace
}  // namespace sv::testing
