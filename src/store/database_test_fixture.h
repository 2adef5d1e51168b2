#pragma once
// For store tests only: a fixture that runs each test against SQLite and against PostgreSQL.
//
// SQLite tests get a file in a fresh temporary directory. PostgreSQL tests get a schema of their
// own in the database of SAMVERKAN_TEST_POSTGRES_URL (search_path set through the URL), dropped
// afterwards, so test processes that CTest runs in parallel do not see each other's tables. They
// skip when no PostgreSQL is configured.

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <random>
#include <string>

#include "store/database.h"
#include "testing.h"

namespace sv::store::testing {

class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      url_ = "sqlite://" + (dir_.path() / "test.db").string();
      return;
    }
    std::optional<std::string> base = sv::testing::PostgresUrl();
    if (!base) {
      GTEST_SKIP() << "no PostgreSQL to test against: set SAMVERKAN_TEST_POSTGRES_URL, e.g. "
                      "export SAMVERKAN_TEST_POSTGRES_URL=$(sudo bash scripts/test-postgres.sh)";
    }
    base_url_ = *base;
    std::random_device rd;
    schema_ = "sv_test_" + std::to_string(getpid()) + "_" + std::to_string(rd() % 1000000);
    RunOnBase("CREATE SCHEMA " + schema_);
    if (HasFatalFailure()) {
      schema_.clear();
      return;
    }
    url_ = base_url_ + (base_url_.find('?') == std::string::npos ? '?' : '&') +
           "options=-csearch_path%3D" + schema_;
  }

  void TearDown() override {
    if (!schema_.empty()) RunOnBase("DROP SCHEMA " + schema_ + " CASCADE");
  }

  bool postgres() const { return GetParam() == "postgres"; }
  const std::string& url() const { return url_; }

  DatabaseOptions Options(int pool_size = 4) const {
    DatabaseOptions options;
    options.url = url_;
    options.pool_size = pool_size;
    return options;
  }

  // A database that the test owns; fails the test when it cannot be opened.
  std::unique_ptr<Database> OpenDatabase(int pool_size = 4) const {
    Result<std::unique_ptr<Database>> db = Database::Open(Options(pool_size));
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(*db) : nullptr;
  }

  // The column type of an auto-increment 64-bit primary key, as {{id}} in migrations.
  std::string IdType() const {
    return postgres() ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
                      : "INTEGER PRIMARY KEY AUTOINCREMENT";
  }

  static void Exec(Database& db, const std::string& sql) {
    Status status = db.InTransaction([&](soci::session& s) {
      s << sql;
      return Status::Ok();
    });
    ASSERT_TRUE(status.ok()) << sql << ": " << status.ToString();
  }

  static long long QueryNumber(Database& db, const std::string& sql) {
    long long value = -1;
    Database::Lease lease = db.Acquire();
    lease.session() << sql, soci::into(value);
    return value;
  }

 private:
  void RunOnBase(const std::string& sql) const {
    DatabaseOptions options;
    options.url = base_url_;
    options.pool_size = 1;
    Result<std::unique_ptr<Database>> db = Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    Exec(**db, sql);
  }

  sv::testing::TempDir dir_;
  std::string base_url_;
  std::string schema_;
  std::string url_;
};

inline std::string BackendName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace sv::store::testing

// Runs every TEST_P of `suite` (a subclass of BackendTest) on SQLite and on PostgreSQL.
#define SV_STORE_ON_BOTH_BACKENDS(suite)                                             \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values("sqlite", "postgres"), \
                           ::sv::store::testing::BackendName)
