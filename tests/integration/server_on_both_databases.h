#pragma once
// A test suite against the real server, seeded with the demo data, run once on a fresh SQLite
// database and once on a scratch PostgreSQL database (skipped without
// SAMVERKAN_TEST_POSTGRES_URL).

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "server_process.h"
#include "testing.h"

namespace sv::testing {

// Derive the suite from it and instantiate it with SV_SERVER_ON_BOTH_DATABASES(suite); the
// parameter is the database, "sqlite" or "postgres". SetUp starts the server; a SetUp of the
// suite that does more calls it first and returns when IsSkipped() or HasFatalFailure().
class ServerOnBothDatabases : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;

  std::unique_ptr<ScratchPostgres> postgres_;  // outlives the server
  std::unique_ptr<ServerProcess> server_;
};

// The test name suffix of a database: "sqlite", "postgres".
std::string DatabaseName(const ::testing::TestParamInfo<std::string>& info);

}  // namespace sv::testing

// Runs every TEST_P of `suite` (a subclass of ServerOnBothDatabases) on SQLite and on PostgreSQL.
#define SV_SERVER_ON_BOTH_DATABASES(suite)                                           \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values("sqlite", "postgres"), \
                           ::sv::testing::DatabaseName)
