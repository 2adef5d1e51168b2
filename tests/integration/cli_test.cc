// The `samverkan` command: configuration errors, migrate, seed-demo, version.
#include <fstream>

#include <gtest/gtest.h>

#include "http_client.h"
#include "server_process.h"

namespace sv::testing {
namespace {

TEST(CliTest, VersionPrintsTheVersion) {
  CommandResult r = RunSamverkan({"version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("samverkan ", 0), 0u);
}

TEST(CliTest, UnknownConfigKeyIsRefusedNamingKeyAndFile) {
  TempDir dir;
  auto path = dir.path() / "samverkan.toml";
  std::ofstream(path) << "[server]\nlisen = \"127.0.0.1:1\"\n";
  CommandResult r = RunSamverkan({"--config", path.string(), "migrate", "--database",
                                  "sqlite://" + (dir.path() / "x.db").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown key `server.lisen`"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path.string()), std::string::npos) << r.err;
}

TEST(CliTest, BadEnvironmentValueIsRefused) {
  TempDir dir;
  CommandResult r = RunSamverkan({"migrate", "--database",
                                  "sqlite://" + (dir.path() / "x.db").string()},
                                 {{"SAMVERKAN_DATABASE_POOL_SIZE", "lots"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("SAMVERKAN_DATABASE_POOL_SIZE"), std::string::npos) << r.err;
}

TEST(CliTest, UnsupportedDatabaseUrlIsAClearError) {
  CommandResult r = RunSamverkan({"migrate", "--database", "mysql://x/y"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("mysql"), std::string::npos) << r.err;
}

TEST(CliTest, MigrateIsIdempotent) {
  TempDir dir;
  const std::string url = "sqlite://" + (dir.path() / "x.db").string();
  CommandResult first = RunSamverkan({"migrate", "--database", url});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("schema version"), std::string::npos);
  CommandResult second = RunSamverkan({"migrate", "--database", url});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(first.out, second.out);
}

TEST(CliTest, SeedDemoCreatesOneUserPerRoleAndIsIdempotent) {
  TempDir dir;
  const std::string url = "sqlite://" + (dir.path() / "x.db").string();
  CommandResult first = RunSamverkan({"seed-demo", "--database", url});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  for (const char* role : {"police_officer", "police_commander", "police_analyst",
                           "social_worker", "social_case_officer", "coordinator", "committee",
                           "admin"}) {
    EXPECT_NE(first.out.find(role), std::string::npos) << role;
  }
  EXPECT_NE(first.out.find("password for all"), std::string::npos);
  CommandResult second = RunSamverkan({"seed-demo", "--database", url});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(first.out, second.out);
}

TEST(CliTest, ServeRefusesABadListenAddress) {
  TempDir dir;
  CommandResult r = RunSamverkan({"serve", "--listen", "127.0.0.1:notaport", "--database",
                                  "sqlite://" + (dir.path() / "x.db").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("notaport"), std::string::npos) << r.err;
}

TEST(CliTest, ServerRunsOnPostgresqlToo) {
  if (!PostgresUrl()) GTEST_SKIP() << "SAMVERKAN_TEST_POSTGRES_URL is not set";
  ScratchPostgres database;
  CommandResult r = RunSamverkan({"seed-demo", "--database", database.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ServerProcess::Options options;
  options.database_url = database.url();
  ServerProcess server(options);
  EXPECT_EQ(Request(server.port(), "GET", "/readyz").status, 200);
  HttpResponse municipalities = Request(server.port(), "GET", "/api/v1/municipalities");
  EXPECT_EQ(municipalities.status, 200);
  EXPECT_NE(municipalities.body.find("\"2480\""), std::string::npos);
}

}  // namespace
}  // namespace sv::testing
