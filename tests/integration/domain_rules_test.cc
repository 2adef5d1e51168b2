// One test per rule of DOMAIN.md's table "Rules as behaviours", named after the rule, each showing
// the behaviour through the real server (and its commands) on the demo organisation.
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_session.h"
#include "server_process.h"

namespace sv::testing {
namespace {

using nlohmann::json;

json Body(const HttpResponse& r) { return json::parse(r.body); }

class DomainRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerProcess::Options options;
    options.seed_demo = true;
    server_ = std::make_unique<ServerProcess>(options);
  }

  ApiSession As(const std::string& username) const { return ApiSession(server_->port(), username); }

  // An active operation in Umeå led by the police with polis and socialsekreterare taking part.
  int64_t ActiveOperation() const {
    const ApiSession chief = As("insatschef");
    HttpResponse made = chief.Call("POST", "/api/v1/operations",
                                   json{{"type", "sex_purchase"},
                                        {"name", "Regelinsats"},
                                        {"municipality_code", "2480"},
                                        {"place", "Centrum"},
                                        {"planned_start", "2026-12-01T19:00:00+01:00"},
                                        {"planned_end", "2026-12-02T01:00:00+01:00"}}
                                       .dump());
    EXPECT_EQ(made.status, 201) << made.body;
    const int64_t id = Body(made)["id"].get<int64_t>();
    const std::string path = "/api/v1/operations/" + std::to_string(id);
    for (const char* user : {"polis", "socialsekreterare"}) {
      const json me = Body(As(user).Call("GET", "/api/v1/session"))["user"]["id"];
      EXPECT_EQ(chief.Call("POST", path + "/participants", json{{"user_id", me}}.dump()).status,
                200);
    }
    for (const char* to : {"briefed", "active"}) {
      EXPECT_EQ(chief.Call("POST", path + "/transitions", json{{"to", to}}.dump()).status, 200);
    }
    return id;
  }

  int64_t PoliceUnit() const {
    const json units = Body(As("admin").Call("GET", "/api/v1/units"))["units"];
    for (const json& u : units) {
      if (u["kind"] == "police") return u["id"].get<int64_t>();
    }
    ADD_FAILURE() << "no police unit in the demo";
    return 0;
  }

  // The audit trail as JSON objects.
  std::vector<json> AuditEvents() const {
    CommandResult exported = server_->Run({"audit", "export"});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    std::vector<json> events;
    std::istringstream lines(exported.out);
    for (std::string line; std::getline(lines, line);) events.push_back(json::parse(line));
    return events;
  }

  std::unique_ptr<ServerProcess> server_;
};

// Secrecy applies between agencies: separate compartments, deny by default, and the joint
// operation space holds no personal data.
TEST_F(DomainRulesTest, SecrecyAppliesBetweenAgencies) {
  const int64_t op = ActiveOperation();
  const ApiSession officer = As("polis"), worker = As("socialsekreterare");
  const std::string ops = "/api/v1/operations/" + std::to_string(op);
  HttpResponse encounter = officer.Call(
      "POST", ops + "/encounters",
      R"({"role":"buyer","age_band":"36_50","notes":"Polisens anteckning"})");
  ASSERT_EQ(encounter.status, 201) << encounter.body;
  HttpResponse contact = worker.Call(
      "POST", "/api/v1/contacts",
      json{{"operation_id", op}, {"role", "seller"}, {"age_band", "21_25"}}.dump());
  ASSERT_EQ(contact.status, 201) << contact.body;

  // Each agency's records stay in its compartment, though both took part in the operation.
  EXPECT_EQ(worker.Call("GET", "/api/v1/encounters/" + Body(encounter)["id"].dump() +
                                   "?purpose=operation")
                .status,
            403);
  EXPECT_EQ(officer.Call("GET", "/api/v1/contacts/" + Body(contact)["id"].dump() +
                                    "?purpose=operation")
                .status,
            403);
  EXPECT_EQ(worker.Call("GET", ops + "/encounters?purpose=operation").status, 403);
  // The joint log takes counts and times, not persons.
  HttpResponse named = worker.Call("POST", ops + "/log",
                                   R"({"text":"Kvinnan gav numret 070-123 45 67"})");
  EXPECT_EQ(named.status, 400);
  EXPECT_EQ(Body(named)["error"]["code"], "personal_data") << named.body;
  EXPECT_EQ(worker.Call("POST", ops + "/log", R"({"text":"Stöd erbjudet till en person"})").status,
            201);
  // The committee, the coordinator and the admin reach no person-level record at all.
  for (const char* user : {"namnd", "koordinator", "admin"}) {
    EXPECT_EQ(As(user).Call("GET", "/api/v1/contacts/" + Body(contact)["id"].dump() +
                                       "?purpose=case_work")
                  .status,
              403)
        << user;
  }
}

// Information may cross only on a legal ground from a closed list; the general clause is flagged
// for review and needs a second user.
TEST_F(DomainRulesTest, InformationMayCrossOnlyOnALegalGround) {
  const int64_t op = ActiveOperation();
  const ApiSession worker = As("socialsekreterare"), case_officer = As("handlaggare"),
                   officer = As("polis");
  const json contact = Body(worker.Call(
      "POST", "/api/v1/contacts",
      json{{"operation_id", op}, {"role", "seller"}, {"age_band", "21_25"}, {"language", "ro"},
           {"notes", "Berättade om sin situation"}}
          .dump()));
  json request = {{"record_type", "contact"},
                  {"record_id", contact["id"]},
                  {"fields", {"language"}},
                  {"to_unit_id", PoliceUnit()},
                  {"justification", "Polisen behöver veta vilket språk som talas vid förhöret."}};
  HttpResponse no_ground = worker.Call("POST", "/api/v1/disclosures", request.dump());
  EXPECT_EQ(no_ground.status, 400);
  EXPECT_EQ(Body(no_ground)["error"]["field"], "legal_ground");
  request["legal_ground"] = "because_we_want_to";
  EXPECT_EQ(worker.Call("POST", "/api/v1/disclosures", request.dump()).status, 400);

  request["legal_ground"] = "osl_10_27";
  HttpResponse general = worker.Call("POST", "/api/v1/disclosures", request.dump());
  ASSERT_EQ(general.status, 201) << general.body;
  EXPECT_EQ(Body(general)["state"], "awaiting_approval");
  EXPECT_TRUE(Body(officer.Call("GET", "/api/v1/disclosures/received"))["disclosures"].empty());
  const std::string review = "/api/v1/disclosures/" + Body(general)["id"].dump();
  ASSERT_EQ(case_officer.Call("POST", review + "/approve", R"({"note":"Uppenbart"})").status, 200);

  const json received = Body(officer.Call("GET", "/api/v1/disclosures/received"))["disclosures"];
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["fields"], json::parse(R"([{"name":"language","value":"ro"}])"));
  EXPECT_FALSE(received[0].contains("record_id")) << "nothing else of the record";
  EXPECT_EQ(received[0]["legal_ground"], "osl_10_27");

  int refused = 0, disclosed = 0;
  for (const json& e : AuditEvents()) {
    if (e["action"] != "disclose") continue;
    (e["outcome"] == "ok" ? disclosed : refused) += 1;
  }
  EXPECT_EQ(refused, 2);
  EXPECT_EQ(disclosed, 1);
}

// Concern about a child must be reported at once; each case judged individually; reports cannot
// be deleted.
TEST_F(DomainRulesTest, ConcernAboutAChildMustBeReportedAtOnce) {
  const int64_t op = ActiveOperation();
  const ApiSession worker = As("socialsekreterare");
  // Age uncertain: a task opens, due within a day.
  ASSERT_EQ(worker.Call("POST", "/api/v1/contacts",
                        json{{"operation_id", op}, {"role", "seller"}}.dump())
                .status,
            201);
  const json tasks = Body(worker.Call("GET", "/api/v1/concern-tasks?open=true"))["tasks"];
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0]["age_band"], "unknown");
  const std::string task = "/api/v1/concern-tasks/" + tasks[0]["id"].dump();
  // Not a routine tick.
  EXPECT_EQ(worker.Call("POST", task + "/no-report", R"({"reason":"nej"})").status, 400);
  ASSERT_EQ(worker.Call("POST", task + "/report", R"({"text":"Möjligen minderårig"})").status, 200);
  EXPECT_EQ(worker.Call("POST", task + "/no-report",
                        R"({"reason":"Ändrade mig efter att ha anmält"})")
                .status,
            409);
  EXPECT_EQ(worker.Call("DELETE", task).status, 405) << "there is no way to delete a task";
}

// Consent is recorded, not assumed; a withdrawn consent stops future disclosures on that ground.
TEST_F(DomainRulesTest, ConsentIsRecordedNotAssumed) {
  const int64_t op = ActiveOperation();
  const ApiSession worker = As("socialsekreterare"), officer = As("polis");
  const json contact = Body(worker.Call(
      "POST", "/api/v1/contacts",
      json{{"operation_id", op}, {"role", "buyer"}, {"age_band", "36_50"}}.dump()));
  const json request = {
      {"record_type", "contact"},          {"record_id", contact["id"]},
      {"fields", {"role", "age_band"}},    {"to_unit_id", PoliceUnit()},
      {"legal_ground", "osl_12_2"},        {"justification", "Personen vill att polisen vet."}};
  HttpResponse assumed = worker.Call("POST", "/api/v1/disclosures", request.dump());
  EXPECT_EQ(assumed.status, 409);
  EXPECT_EQ(Body(assumed)["error"]["code"], "no_valid_consent");

  const std::string consents = "/api/v1/contacts/" + contact["id"].dump() + "/consents";
  const json consent = Body(
      worker.Call("POST", consents, R"({"scope":"share_with_police","form":"written"})"));
  HttpResponse given = worker.Call("POST", "/api/v1/disclosures", request.dump());
  ASSERT_EQ(given.status, 201) << given.body;
  EXPECT_EQ(Body(given)["consent_id"], consent["id"]);
  EXPECT_EQ(Body(officer.Call("GET", "/api/v1/disclosures/received"))["disclosures"].size(), 1u);

  ASSERT_EQ(worker.Call("POST", "/api/v1/consents/" + consent["id"].dump() + "/withdraw").status,
            200);
  HttpResponse withdrawn = worker.Call("POST", "/api/v1/disclosures", request.dump());
  EXPECT_EQ(withdrawn.status, 409);
  EXPECT_EQ(Body(withdrawn)["error"]["code"], "no_valid_consent");
  // What was lawfully disclosed before stays with the receiver.
  EXPECT_EQ(Body(officer.Call("GET", "/api/v1/disclosures/received"))["disclosures"].size(), 1u);
}

// GDPR / Brottsdatalagen: each person-level read records user, time, record and purpose;
// identity numbers are validated.
TEST_F(DomainRulesTest, EveryPersonLevelReadIsLoggedWithItsPurpose) {
  const ApiSession worker = As("socialsekreterare");
  HttpResponse bad = worker.Call("POST", "/api/v1/persons",
                                 R"({"identity_number":"19811218-9875"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "identity_number");
  HttpResponse made = worker.Call("POST", "/api/v1/persons",
                                  R"({"identity_number":"19811218-9876","name":"Test"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string person = "/api/v1/persons/" + Body(made)["id"].dump();
  EXPECT_EQ(worker.Call("GET", person).status, 400) << "a read needs its purpose";
  ASSERT_EQ(worker.Call("GET", person + "?purpose=case_work").status, 200);
  bool logged = false;
  for (const json& e : AuditEvents()) {
    if (e["action"] == "read" && e["record_type"] == "person" &&
        e["record_id"] == Body(made)["id"].dump()) {
      logged = e["purpose"] == "case_work" && e["username"] == "socialsekreterare" &&
               !e["at"].get<std::string>().empty();
    }
  }
  EXPECT_TRUE(logged);
}

// Publishing statistics must not reveal individuals: small counts are hidden from those without
// person-level access, and only people who consented to statistics are counted for them.
TEST_F(DomainRulesTest, PublishingStatisticsMustNotRevealIndividuals) {
  const int64_t op = ActiveOperation();
  const ApiSession worker = As("socialsekreterare");
  for (int i = 0; i < 2; ++i) {
    const json contact = Body(worker.Call(
        "POST", "/api/v1/contacts",
        json{{"operation_id", op}, {"role", "seller"}, {"age_band", "21_25"}}.dump()));
    worker.Call("POST", "/api/v1/contacts/" + contact["id"].dump() + "/consents",
                R"({"scope":"statistics","form":"oral"})");
  }
  const std::string numbers = "/api/v1/numbers?group_by=operation";
  auto cell = [&](const ApiSession& who) {
    const json body = Body(who.Call("GET", numbers));
    for (const json& row : body["rows"]) {
      if (row["key"] == std::to_string(op)) return row["values"][0];
    }
    return json("no row");
  };
  EXPECT_EQ(cell(As("handlaggare")), 2) << "the unit's own case officer sees its count";
  EXPECT_TRUE(cell(As("namnd")).is_null()) << "2 < 5 is hidden from the committee";
  EXPECT_TRUE(cell(As("koordinator")).is_null());
}

}  // namespace
}  // namespace sv::testing
