// Identity, sessions and the audit trail against the real server: what a stolen database file
// shows, brute force, CSRF, forged tokens, and tampering with the audit trail.
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_session.h"
#include "server_process.h"

namespace sv::testing {
namespace {

using nlohmann::json;

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ServerProcess::Options Seeded() {
  ServerProcess::Options o;
  o.seed_demo = true;
  return o;
}

TEST(SecurityTest, DatabaseFileAndWalHoldNoIdentityNumbersOrNotesInClear) {
  ServerProcess server(Seeded());
  ApiSession social(server.port(), "socialsekreterare");
  ApiSession police(server.port(), "polis");
  const std::vector<std::string> secrets = {"Hemligt Namn Ärligt", "Anteckning-om-stöd-4711",
                                            "Polisens-notering-0815"};
  HttpResponse a = social.Call("POST", "/api/v1/persons",
                               json{{"identity_number", "19811218-9876"},
                                    {"name", secrets[0]},
                                    {"notes", secrets[1]}}
                                   .dump());
  ASSERT_EQ(a.status, 201) << a.body;
  EXPECT_EQ(json::parse(a.body)["notes"], secrets[1]) << "the owner reads it back decrypted";
  HttpResponse b = police.Call(
      "POST", "/api/v1/persons",
      json{{"identity_number", "811218-9876"}, {"notes", secrets[2]}}.dump());
  ASSERT_EQ(b.status, 201) << b.body;
  // The same person is found again within the compartment, in any written form of the number.
  HttpResponse again = social.Call("POST", "/api/v1/persons",
                                   json{{"identity_number", "198112189876"}}.dump());
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(json::parse(again.body)["id"], json::parse(a.body)["id"]);

  auto check = [&](const std::string& when) {
    std::string bytes = ReadAll(server.database_file());
    const auto wal = std::filesystem::path(server.database_file().string() + "-wal");
    if (std::filesystem::exists(wal)) bytes += ReadAll(wal);
    ASSERT_GT(bytes.size(), 1000u);
    for (const std::string& needle : {std::string("198112189876"), std::string("8112189876"),
                                      std::string("811218-9876"), secrets[0], secrets[1],
                                      secrets[2]}) {
      EXPECT_EQ(bytes.find(needle), std::string::npos) << when << ": found " << needle;
    }
  };
  check("while running (WAL not checkpointed)");
  server.Terminate();
  check("after shutdown");
}

TEST(SecurityTest, ThousandWrongPasswordsAreDelayedAndOthersAreServed) {
  ServerProcess server(Seeded());
  std::vector<int> statuses;
  std::string retry_after;
  for (int i = 0; i < 1000; ++i) {
    HttpResponse r = LogInRequest(server.port(), "socialsekreterare", "wrong password " +
                                                                          std::to_string(i));
    statuses.push_back(r.status);
    if (r.status == 429) retry_after = r.Header("retry-after");
    if (i % 100 == 0) {
      EXPECT_EQ(Request(server.port(), "GET", "/healthz").status, 200) << "after " << i;
    }
  }
  for (int i = 0; i < 5; ++i) EXPECT_EQ(statuses[i], 401) << "attempt " << i + 1;
  EXPECT_EQ(statuses[5], 429) << "the sixth attempt must wait";
  const auto refused = std::count(statuses.begin(), statuses.end(), 401);
  // Delays double (1 s, 2 s, 4 s, …): a thousand quick attempts get only a handful checked.
  EXPECT_LT(refused, 20);
  EXPECT_FALSE(retry_after.empty());
  // While the account is blocked, even the right password waits: nothing to gain by guessing.
  EXPECT_EQ(LogInRequest(server.port(), "socialsekreterare", kDemoPassword).status, 429);
  // Another account logs in from elsewhere meanwhile; the failures are in the audit trail.
  CommandResult exported = server.Run({"audit", "export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  int failures = 0;
  std::istringstream lines(exported.out);
  for (std::string line; std::getline(lines, line);) {
    if (json::parse(line)["action"] == "login_failed") ++failures;
  }
  EXPECT_EQ(failures, refused);
}

TEST(SecurityTest, MalformedCredentialsForgedTokensAndMissingCsrfAreRefusedAndAudited) {
  ServerProcess server(Seeded());
  const int port = server.port();
  HttpResponse malformed = Request(port, "POST", "/api/v1/session",
                                   {{"Content-Type", "application/json"}},
                                   json{{"username", std::string(500, 'a')}, {"password", "x"}}.dump());
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(json::parse(malformed.body)["error"]["field"], "username");
  HttpResponse not_json = Request(port, "POST", "/api/v1/session",
                                  {{"Content-Type", "application/json"}}, "{\"username\":");
  EXPECT_EQ(not_json.status, 400);
  HttpResponse wrong_type = Request(port, "POST", "/api/v1/session",
                                    {{"Content-Type", "application/json"}},
                                    R"({"username":["polis"],"password":1})");
  EXPECT_EQ(wrong_type.status, 400);

  HttpResponse forged = Request(port, "GET", "/api/v1/session",
                                {{"Cookie", "sv_session=forged-token-value"}});
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(json::parse(forged.body)["error"]["code"], "unauthenticated");
  EXPECT_NE(forged.Header("set-cookie").find("Max-Age=0"), std::string::npos)
      << "the dead cookie is cleared";

  ApiSession social(port, "socialsekreterare");
  HttpResponse no_csrf = Request(port, "POST", "/api/v1/persons",
                                 {{"Cookie", "sv_session=" + social.token()},
                                  {"Content-Type", "application/json"}},
                                 R"({"name":"Utan token"})");
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(json::parse(no_csrf.body)["error"]["code"], "csrf_required");

  // A police user cannot read social services' person records: 403, audited, nothing changed.
  HttpResponse made = social.Call("POST", "/api/v1/persons", R"({"name":"Skyddad"})");
  ASSERT_EQ(made.status, 201);
  const std::string id = std::to_string(json::parse(made.body)["id"].get<int64_t>());
  ApiSession police(port, "polis");
  EXPECT_EQ(police.Call("GET", "/api/v1/persons/" + id + "?purpose=case_work").status, 403);
  EXPECT_EQ(police.Call("PATCH", "/api/v1/persons/" + id, R"({"name":"Ändrad"})").status, 403);
  HttpResponse still = social.Call("GET", "/api/v1/persons/" + id + "?purpose=case_work");
  EXPECT_EQ(json::parse(still.body)["name"], "Skyddad");
  // A read without a purpose is refused.
  HttpResponse no_purpose = social.Call("GET", "/api/v1/persons/" + id);
  EXPECT_EQ(no_purpose.status, 400);
  EXPECT_EQ(json::parse(no_purpose.body)["error"]["field"], "purpose");

  CommandResult exported = server.Run({"audit", "export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::set<std::string> details;
  int police_denials = 0;
  std::istringstream lines(exported.out);
  for (std::string line; std::getline(lines, line);) {
    json e = json::parse(line);
    details.insert(e["detail"].get<std::string>());
    if (e["username"] == "polis" && e["outcome"] == "denied" && e["record_id"] == id) {
      ++police_denials;
    }
  }
  EXPECT_TRUE(details.count("malformed credentials: username"));
  EXPECT_TRUE(details.count("unknown or expired session token"));
  EXPECT_TRUE(details.count("missing CSRF token"));
  EXPECT_EQ(police_denials, 2);

  // The audit page shows who read the record, with the purpose.
  ApiSession officer(port, "handlaggare");
  HttpResponse history = officer.Call("GET", "/api/v1/audit/records/person/" + id);
  ASSERT_EQ(history.status, 200) << history.body;
  bool saw_read = false;
  const json events = json::parse(history.body)["events"];
  for (const auto& e : events) {
    saw_read = saw_read || (e["username"] == "socialsekreterare" && e["action"] == "read" &&
                            e["purpose"] == "case_work");
  }
  EXPECT_TRUE(saw_read);
}

TEST(SecurityTest, AuditVerifyDetectsTamperingOfTheDatabase) {
  ServerProcess server(Seeded());
  ApiSession social(server.port(), "socialsekreterare");
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(social.Call("POST", "/api/v1/persons", R"({"name":"Granskad"})").status, 201);
  }
  server.Terminate();
  CommandResult clean = server.Run({"audit", "verify"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("intact"), std::string::npos) << clean.out;

  // An attacker with the database file: drop the triggers, change one event.
  const std::string db = server.database_file().string();
  const std::string sql =
      "sqlite3 " + db +
      " \"SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_events'\"";
  std::string triggers;
  {
    FILE* pipe = popen(sql.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char buf[256];
    while (fgets(buf, sizeof buf, pipe) != nullptr) triggers += buf;
    pclose(pipe);
  }
  std::string drop;
  std::istringstream names(triggers);
  for (std::string name; std::getline(names, name);) {
    if (!name.empty()) drop += "DROP TRIGGER " + name + "; ";
  }
  ASSERT_EQ(std::system(("sqlite3 " + db + " \"" + drop +
                         "UPDATE audit_events SET username = 'someone' WHERE seq = 3\"")
                            .c_str()),
            0);
  CommandResult broken = server.Run({"audit", "verify"});
  EXPECT_EQ(broken.exit_code, 3) << broken.out << broken.err;
  EXPECT_NE((broken.out + broken.err).find("3"), std::string::npos);
}

}  // namespace
}  // namespace sv::testing

namespace sv::testing {
namespace {

TEST(SecurityCliTest, KeysRotateReencryptsAndEverythingStaysReadable) {
  ServerProcess server(Seeded());
  ApiSession social(server.port(), "socialsekreterare");
  HttpResponse made = social.Call("POST", "/api/v1/persons",
                                  R"({"name":"Före rotation","notes":"anteckning"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = std::to_string(json::parse(made.body)["id"].get<int64_t>());
  server.Terminate();
  const std::string before = ReadAll(server.key_file());
  CommandResult rotated = server.Run({"keys", "rotate", "--file", server.key_file().string()});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  EXPECT_NE(rotated.out.find("re-encrypted 2 values"), std::string::npos) << rotated.out;
  const std::string after = ReadAll(server.key_file());
  EXPECT_NE(before, after);
  EXPECT_NE(after.find("active = \"k2\""), std::string::npos) << "new key active";
  CommandResult again = server.Run({"keys", "rotate", "--file", server.key_file().string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("re-encrypted 2 values"), std::string::npos) << again.out;
  // A new server with the rotated key file reads the record as before.
  ServerProcess::Options options;
  options.database_url = server.database_url();
  options.key_file = server.key_file();
  ServerProcess next(options);
  ApiSession reader(next.port(), "socialsekreterare");
  HttpResponse read = reader.Call("GET", "/api/v1/persons/" + id + "?purpose=case_work");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(json::parse(read.body)["name"], "Före rotation");
  EXPECT_EQ(json::parse(read.body)["notes"], "anteckning");
}

TEST(SecurityCliTest, AdminCommandsCreateUnitsAndUsersWithPasswordsFromStdin) {
  ServerProcess server(Seeded());
  CommandResult unit = server.Run({"admin", "create-unit", "--kind", "social_services", "--name",
                                   "Socialtjänsten Vännäs kommun", "--municipality", "2460"});
  ASSERT_EQ(unit.exit_code, 0) << unit.err;
  CommandResult bad_unit = server.Run({"admin", "create-unit", "--kind", "social_services",
                                       "--name", "Ingenstans", "--municipality", "9999"});
  EXPECT_EQ(bad_unit.exit_code, 2);
  EXPECT_NE(bad_unit.err.find("9999"), std::string::npos) << bad_unit.err;
  CommandResult weak = server.Run({"admin", "create-user", "--username", "vannas.soc", "--role",
                                   "social_worker", "--unit", "Socialtjänsten Vännäs kommun"},
                                  "kort\n");
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_NE(weak.err.find("12"), std::string::npos) << weak.err;
  CommandResult user = server.Run({"admin", "create-user", "--username", "vannas.soc", "--role",
                                   "social_worker", "--unit", "Socialtjänsten Vännäs kommun"},
                                  "ett långt och bra lösenord\n");
  ASSERT_EQ(user.exit_code, 0) << user.err;
  EXPECT_EQ(LogInRequest(server.port(), "vannas.soc", "ett långt och bra lösenord").status, 200);
  CommandResult disabled = server.Run({"admin", "disable-user", "--username", "vannas.soc"});
  ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_EQ(LogInRequest(server.port(), "vannas.soc", "ett långt och bra lösenord").status, 401);
  CommandResult enabled = server.Run({"admin", "enable-user", "--username", "vannas.soc"});
  ASSERT_EQ(enabled.exit_code, 0) << enabled.err;
  CommandResult reset = server.Run({"admin", "reset-password", "--username", "vannas.soc"},
                                   "ett nytt och längre lösenord\n");
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_EQ(LogInRequest(server.port(), "vannas.soc", "ett nytt och längre lösenord").status, 200);
  CommandResult verified = server.Run({"audit", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
}

}  // namespace
}  // namespace sv::testing
