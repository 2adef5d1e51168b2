// Retention against the real binary (DOMAIN.md, the retention row): on the demo data,
// `samverkan retention run --dry-run --as-of …` with a moved date lists exactly the records that
// are due, the real run deletes them, the audit trail still verifies, and a second dry run lists
// nothing. Legal holds and the admin's preview through the API.
#include <chrono>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_session.h"
#include "server_on_both_databases.h"

namespace sv::testing {
namespace {

using nlohmann::json;
using Record = std::pair<std::string, int64_t>;

json Body(const HttpResponse& r) { return json::parse(r.body); }

// The UTC date `days` days from now, "YYYY-MM-DD" (the margins below are far wider than the hour
// or two between UTC and Swedish dates).
std::string DateFromToday(int days) {
  using namespace std::chrono;
  const year_month_day d{floor<std::chrono::days>(system_clock::now()) + std::chrono::days(days)};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return out;
}

// The (type, id) rows of the table `retention run` prints.
std::set<Record> Listed(const std::string& out) {
  std::set<Record> rows;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string type;
    int64_t id = 0;
    if (!(words >> type >> id)) continue;
    if (type == "encounter" || type == "contact" || type == "person" || type == "disclosure") {
      rows.insert({type, id});
    }
  }
  return rows;
}

// What the demo made, as its own users see it: the police unit's encounters and Umeå's contacts.
std::set<Record> DemoRecords(const ServerProcess& server, const std::string& type) {
  std::set<Record> out;
  if (type == "encounter") {
    ApiSession officer(server.port(), "polis");
    const json operations = Body(officer.Call("GET", "/api/v1/operations"))["operations"];
    for (const json& op : operations) {
      const HttpResponse list = officer.Call(
          "GET", "/api/v1/operations/" + op["id"].dump() + "/encounters?purpose=operation");
      EXPECT_EQ(list.status, 200) << list.body;
      const json encounters = Body(list)["encounters"];
      for (const json& e : encounters) out.insert({type, e["id"].get<int64_t>()});
    }
  } else {
    ApiSession worker(server.port(), "socialsekreterare");
    const HttpResponse list = worker.Call("GET", "/api/v1/contacts?purpose=case_work");
    EXPECT_EQ(list.status, 200) << list.body;
    const json contacts = Body(list)["contacts"];
    for (const json& c : contacts) out.insert({type, c["id"].get<int64_t>()});
  }
  return out;
}

// On the demo data with its operations.
class RetentionCliTest : public ServerOnBothDatabases {
 protected:
  void SetUp() override {
    ServerOnBothDatabases::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    CommandResult seeded = server_->Run({"seed-demo", "--operations"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  }
};

TEST_P(RetentionCliTest, DryRunListsExactlyWhatIsDueAndTheRunDeletesIt) {
  const ServerProcess& server = *server_;
  const std::set<Record> encounters = DemoRecords(server, "encounter");
  const std::set<Record> contacts = DemoRecords(server, "contact");
  ASSERT_EQ(encounters.size(), 4u);
  ASSERT_EQ(contacts.size(), 8u);

  // Today: nothing is due.
  CommandResult today = server.Run({"retention", "run", "--dry-run"});
  ASSERT_EQ(today.exit_code, 0) << today.err;
  EXPECT_TRUE(Listed(today.out).empty()) << today.out;

  // Thirteen months on: the police's yearly review, not yet the social services' five years.
  const std::string review = DateFromToday(400);
  CommandResult police = server.Run({"retention", "run", "--dry-run", "--as-of", review});
  ASSERT_EQ(police.exit_code, 0) << police.err;
  EXPECT_EQ(Listed(police.out), encounters) << police.out;
  EXPECT_NE(police.out.find("police_yearly_review"), std::string::npos);
  EXPECT_NE(police.out.find("dry run: nothing deleted"), std::string::npos);

  // Six years on: everything the demo recorded.
  const std::string later = DateFromToday(6 * 365);
  CommandResult all = server.Run({"retention", "run", "--dry-run", "--as-of", later});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  std::set<Record> expected = encounters;
  expected.insert(contacts.begin(), contacts.end());
  EXPECT_EQ(Listed(all.out), expected) << all.out;
  EXPECT_EQ(DemoRecords(server, "encounter"), encounters) << "the dry run deleted nothing";

  CommandResult run = server.Run({"retention", "run", "--as-of", later});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(Listed(run.out), expected);
  EXPECT_NE(run.out.find("deleted 12 records (contact 8, encounter 4)"), std::string::npos)
      << run.out;
  EXPECT_TRUE(DemoRecords(server, "encounter").empty());
  EXPECT_TRUE(DemoRecords(server, "contact").empty());

  CommandResult verified = server.Run({"audit", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_NE(verified.out.find("audit trail intact"), std::string::npos);
  CommandResult exported = server.Run({"audit", "export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  int purges = 0;
  std::istringstream events(exported.out);
  for (std::string line; std::getline(events, line);) {
    const json e = json::parse(line);
    if (e["action"] != "purge") continue;
    ++purges;
    EXPECT_EQ(e["username"], "system:retention");
    EXPECT_TRUE(expected.count(
        {e["record_type"].get<std::string>(), std::stoll(e["record_id"].get<std::string>())}))
        << line;
  }
  EXPECT_EQ(purges, 12);

  CommandResult again = server.Run({"retention", "run", "--dry-run", "--as-of", later});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Listed(again.out).empty()) << again.out;
  EXPECT_NE(again.out.find("0 records due"), std::string::npos) << again.out;
}

TEST_P(RetentionCliTest, ABadDateIsRefusedNamingTheOption) {
  CommandResult r = server_->Run({"retention", "run", "--dry-run", "--as-of", "2031-02-30"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--as-of"), std::string::npos) << r.err;
}

TEST_P(RetentionCliTest, ALegalHoldKeepsAContactThroughTheRunAndTheAdminSeesIt) {
  const ServerProcess& server = *server_;
  const int64_t contact = DemoRecords(server, "contact").begin()->second;
  ApiSession case_officer(server.port(), "handlaggare");
  ApiSession chief(server.port(), "insatschef");
  ApiSession admin(server.port(), "admin");
  const std::string hold = json{{"record_type", "contact"},
                                {"record_id", contact},
                                {"reason", "Begärd av förvaltningsrätten i mål 1234-26"}}
                               .dump();
  // Bad input names its field; another compartment's record and a missing one are refused.
  HttpResponse bad = case_officer.Call(
      "POST", "/api/v1/legal-holds",
      json{{"record_type", "person"}, {"record_id", contact}, {"reason", "x"}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "record_type");
  bad = case_officer.Call("POST", "/api/v1/legal-holds",
                          json{{"record_type", "contact"}, {"record_id", contact}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "reason");
  EXPECT_EQ(chief.Call("POST", "/api/v1/legal-holds", hold).status, 403);
  EXPECT_EQ(
      case_officer
          .Call("POST", "/api/v1/legal-holds",
                json{{"record_type", "contact"}, {"record_id", 999999}, {"reason", "x"}}.dump())
          .status,
      404);

  HttpResponse placed = case_officer.Call("POST", "/api/v1/legal-holds", hold);
  ASSERT_EQ(placed.status, 201) << placed.body;
  EXPECT_EQ(Body(placed)["active"], true);
  const json listed = Body(case_officer.Call(
      "GET", "/api/v1/legal-holds?record_type=contact&record_id=" + std::to_string(contact)));
  ASSERT_EQ(listed["holds"].size(), 1u);
  EXPECT_EQ(listed["holds"][0]["reason"], "Begärd av förvaltningsrätten i mål 1234-26");

  const std::string later = DateFromToday(6 * 365);
  HttpResponse preview = admin.Call("GET", "/api/v1/retention/preview?as_of=" + later);
  ASSERT_EQ(preview.status, 200) << preview.body;
  int held = 0;
  const json due = Body(preview)["due"];
  for (const json& d : due) {
    if (d["held"] == true) {
      ++held;
      EXPECT_EQ(d["record_type"], "contact");
      EXPECT_EQ(d["id"], contact);
    }
    EXPECT_FALSE(d.contains("notes")) << "no content";
  }
  EXPECT_EQ(held, 1);
  EXPECT_EQ(preview.body.find("förvaltningsrätten"), std::string::npos) << "not even the reason";
  EXPECT_EQ(admin.Call("GET", "/api/v1/retention/preview?as_of=soon").status, 400);
  EXPECT_EQ(case_officer.Call("GET", "/api/v1/retention/preview").status, 403);

  CommandResult run = server.Run({"retention", "run", "--as-of", later});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("kept 1 held"), std::string::npos) << run.out;
  EXPECT_EQ(DemoRecords(server, "contact"), (std::set<Record>{{"contact", contact}}));

  const std::string release = "/api/v1/legal-holds/" + Body(placed)["id"].dump() + "/release";
  EXPECT_EQ(chief.Call("POST", release).status, 403);
  EXPECT_EQ(case_officer.Call("POST", release).status, 200);
  EXPECT_EQ(case_officer.Call("POST", release).status, 409);
  run = server.Run({"retention", "run", "--as-of", later});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(DemoRecords(server, "contact").empty());
}

SV_SERVER_ON_BOTH_DATABASES(RetentionCliTest);

}  // namespace
}  // namespace sv::testing
