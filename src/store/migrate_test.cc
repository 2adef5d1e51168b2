#include <gtest/gtest.h>
#include <soci/soci.h>

#include <array>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "store/database.h"
#include "store/database_test_fixture.h"

namespace sv::store {
namespace {

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class MigrateTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenDatabase();
    ASSERT_NE(db_, nullptr);
  }
  void TearDown() override {
    db_.reset();
    BackendTest::TearDown();
  }

  int Version() {
    Result<int> version = SchemaVersion(*db_);
    EXPECT_TRUE(version.ok()) << version.status().ToString();
    return version.ok() ? *version : -1;
  }

  std::vector<std::pair<int, std::string>> Recorded() {
    std::vector<std::pair<int, std::string>> out;
    Database::Lease lease = db_->Acquire();
    int version = 0;
    std::string name;
    long long applied_at = 0;
    soci::statement st =
        (lease.session().prepare << "SELECT version, name, applied_at FROM schema_migrations "
                                    "ORDER BY version",
         soci::into(version), soci::into(name), soci::into(applied_at));
    st.execute();
    while (st.fetch()) {
      EXPECT_GT(applied_at, 1'600'000'000'000'000LL) << "applied_at is in Unix microseconds";
      out.emplace_back(version, name);
    }
    return out;
  }

  bool TableExists(const std::string& table) {
    if (postgres()) {
      return QueryNumber(*db_,
                         "SELECT COUNT(*) FROM pg_tables WHERE schemaname = "
                         "current_schema() AND tablename = '" +
                             table + "'") == 1;
    }
    return QueryNumber(*db_,
                       "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                       "AND name = '" +
                           table + "'") == 1;
  }

  std::unique_ptr<Database> db_;
};
SV_STORE_ON_BOTH_BACKENDS(MigrateTest);

constexpr std::array<Migration, 3> kThree = {{
    {1, "people", "CREATE TABLE people (id {{id}}, name TEXT NOT NULL);"},
    {2, "people_email", "ALTER TABLE people ADD COLUMN email TEXT;"},
    {3, "first_person", "INSERT INTO people (name, email) VALUES ('Ada', 'ada@example.org');"},
}};

TEST_P(MigrateTest, AFreshDatabaseIsAtVersionZero) { EXPECT_EQ(Version(), 0); }

TEST_P(MigrateTest, AppliesInOrderAndRecordsEach) {
  Result<int> applied = Migrate(*db_, kThree);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(*applied, 3);
  EXPECT_EQ(Version(), 3);
  EXPECT_EQ(Recorded(), (std::vector<std::pair<int, std::string>>{
                            {1, "people"}, {2, "people_email"}, {3, "first_person"}}));
  EXPECT_EQ(QueryNumber(*db_, "SELECT COUNT(*) FROM people WHERE email = 'ada@example.org'"), 1);
}

TEST_P(MigrateTest, RunningTwiceAppliesNothingTheSecondTime) {
  ASSERT_TRUE(Migrate(*db_, kThree).ok());
  Result<int> again = Migrate(*db_, kThree);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(Version(), 3);
  EXPECT_EQ(QueryNumber(*db_, "SELECT COUNT(*) FROM people"), 1);
}

TEST_P(MigrateTest, AppliesOnlyWhatIsPending) {
  ASSERT_TRUE(Migrate(*db_, std::span(kThree).first(1)).ok());
  EXPECT_EQ(Version(), 1);
  Result<int> applied = Migrate(*db_, kThree);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(*applied, 2);
  EXPECT_EQ(Version(), 3);
}

TEST_P(MigrateTest, RefusesADatabaseNewerThanTheProgram) {
  ASSERT_TRUE(Migrate(*db_, kThree).ok());
  Result<int> applied = Migrate(*db_, std::span(kThree).first(2));
  EXPECT_EQ(applied.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(Has(applied.status().message(), "version 3")) << applied.status().message();
}

TEST_P(MigrateTest, RefusesARecordedNameThatDiffers) {
  ASSERT_TRUE(Migrate(*db_, std::span(kThree).first(2)).ok());
  std::vector<Migration> renamed(kThree.begin(), kThree.end());
  renamed[1].name = "contact_details";
  Result<int> applied = Migrate(*db_, renamed);
  EXPECT_EQ(applied.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(Has(applied.status().message(), "people_email")) << applied.status().message();
  EXPECT_EQ(Version(), 2);
}

TEST_P(MigrateTest, RefusesAMigrationInsertedBelowTheDatabaseVersion) {
  const std::vector<Migration> with_gap = {kThree[0], kThree[2]};
  ASSERT_TRUE(Migrate(*db_, std::vector<Migration>{kThree[0]}).ok());
  Exec(*db_, "ALTER TABLE people ADD COLUMN email TEXT");
  ASSERT_TRUE(Migrate(*db_, with_gap).ok());
  Result<int> applied = Migrate(*db_, kThree);
  EXPECT_EQ(applied.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(Has(applied.status().message(), "missing")) << applied.status().message();
}

TEST_P(MigrateTest, RefusesMigrationsOutOfOrder) {
  const std::vector<Migration> unordered = {kThree[1], kThree[0]};
  EXPECT_EQ(Migrate(*db_, unordered).status().code(), StatusCode::kInvalidInput);
  const std::vector<Migration> zero = {{0, "zero", "SELECT 1;"}};
  EXPECT_EQ(Migrate(*db_, zero).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(Version(), 0);
}

TEST_P(MigrateTest, ReplacesPlaceholdersPerDialect) {
  const std::vector<Migration> migrations = {
      {1, "files", "CREATE TABLE files (id {{id}}, content {{blob}} NOT NULL);"}};
  ASSERT_TRUE(Migrate(*db_, migrations).ok());
  std::vector<long long> ids;
  for (int i = 0; i < 2; ++i) {
    Status status = db_->InTransaction([&](soci::session& sql) {
      long long id = 0;
      sql << "INSERT INTO files (content) VALUES (" << (postgres() ? "'\\x00ff'::bytea" : "x'00ff'")
          << ") RETURNING id",
          soci::into(id);
      ids.push_back(id);
      return Status::Ok();
    });
    ASSERT_TRUE(status.ok()) << status.ToString();
  }
  EXPECT_EQ(ids, (std::vector<long long>{1, 2}));
  EXPECT_EQ(QueryNumber(*db_, "SELECT LENGTH(content) FROM files WHERE id = 1"), 2);
  if (postgres()) {
    EXPECT_EQ(QueryNumber(*db_,
                          "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = "
                          "current_schema() AND table_name = 'files' AND ((column_name = 'id' "
                          "AND data_type = 'bigint' AND is_identity = 'YES') OR (column_name = "
                          "'content' AND data_type = 'bytea'))"),
              2);
  } else {
    EXPECT_EQ(QueryNumber(*db_,
                          "SELECT COUNT(*) FROM pragma_table_info('files') WHERE (name = 'id' AND "
                          "type = 'INTEGER' AND pk = 1) OR (name = 'content' AND type = 'BLOB')"),
              2);
    EXPECT_EQ(QueryNumber(*db_,
                          "SELECT COUNT(*) FROM sqlite_master WHERE name = 'files' "
                          "AND sql LIKE '%AUTOINCREMENT%'"),
              1);
  }
}

TEST_P(MigrateTest, RefusesAnUnknownPlaceholderBeforeApplyingAnything) {
  const std::vector<Migration> migrations = {kThree[0],
                                             {2, "typo", "CREATE TABLE t (id {{uuid}});"}};
  Result<int> applied = Migrate(*db_, migrations);
  EXPECT_EQ(applied.status().code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(Has(applied.status().message(), "{{uuid}}")) << applied.status().message();
  EXPECT_EQ(Version(), 0);
}

TEST_P(MigrateTest, SplitsStatementsAtSemicolonsThatEndALine) {
  const std::vector<Migration> migrations = {
      {1, "several",
       "-- A comment line; with a semicolon;\n"
       "CREATE TABLE notes (\n"
       "  id {{id}},\n"
       "  -- the text; may hold ; inside a line\n"
       "  body TEXT NOT NULL\n"
       ");\n"
       "\n"
       "INSERT INTO notes (body) VALUES ('a;b');  \n"
       "INSERT INTO notes (body)\n"
       "  VALUES ('c');\r\n"
       "INSERT INTO notes (body) VALUES ('no final semicolon')"}};
  Result<int> applied = Migrate(*db_, migrations);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(QueryNumber(*db_, "SELECT COUNT(*) FROM notes"), 3);
  EXPECT_EQ(QueryNumber(*db_, "SELECT COUNT(*) FROM notes WHERE body = 'a;b'"), 1);
}

TEST_P(MigrateTest, RunsADialectMarkedStatementOnItsDatabaseOnly) {
  // A trigger in each dialect's own syntax: the `;` inside the bodies are mid-line.
  const std::vector<Migration> migrations = {
      {1, "dialects",
       "CREATE TABLE log (v TEXT NOT NULL);\n"
       "\n"
       "-- each database's own name\n"
       "{{sqlite}} INSERT INTO log (v) VALUES ('sqlite');\n"
       "  {{postgres}} INSERT INTO log (v)\n"
       "  VALUES ('postgres');\n"
       "{{sqlite}} CREATE TRIGGER log_fixed BEFORE DELETE ON log\n"
       "  BEGIN SELECT RAISE(ABORT, 'log is fixed'); END;\n"
       "{{postgres}} CREATE FUNCTION log_refuse() RETURNS trigger LANGUAGE plpgsql\n"
       "  AS $$ BEGIN RAISE EXCEPTION 'log is fixed'; END $$;\n"
       "{{postgres}} CREATE TRIGGER log_fixed BEFORE DELETE ON log\n"
       "  FOR EACH ROW EXECUTE FUNCTION log_refuse();\n"}};
  Result<int> applied = Migrate(*db_, migrations);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(QueryNumber(*db_, "SELECT COUNT(*) FROM log"), 1);
  EXPECT_EQ(QueryNumber(*db_, std::string("SELECT COUNT(*) FROM log WHERE v = '") +
                                  (postgres() ? "postgres" : "sqlite") + "'"),
            1);
  Status deleted = db_->InTransaction([&](soci::session& sql) {
    sql << "DELETE FROM log";
    return Status::Ok();
  });
  EXPECT_FALSE(deleted.ok());
  EXPECT_TRUE(Has(deleted.message(), "log is fixed")) << deleted.ToString();
}

TEST_P(MigrateTest, RefusesADialectMarkerInsideAStatement) {
  const std::vector<Migration> migrations = {
      kThree[0], {2, "misplaced", "CREATE TABLE t (id BIGINT) {{sqlite}};"}};
  Result<int> applied = Migrate(*db_, migrations);
  EXPECT_EQ(applied.status().code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(Has(applied.status().message(), "may only start a statement"))
      << applied.status().message();
  EXPECT_EQ(Version(), 0);
}

TEST_P(MigrateTest, AFailingMigrationLeavesNoTrace) {
  const std::vector<Migration> migrations = {
      kThree[0],
      {2, "broken", "CREATE TABLE half (id BIGINT);\nSELECT * FROM no_such_table;"},
  };
  Result<int> applied = Migrate(*db_, migrations);
  EXPECT_EQ(applied.status().code(), StatusCode::kInternal);
  EXPECT_TRUE(Has(applied.status().message(), "migration 2 `broken`, statement 2: "))
      << applied.status().message();
  EXPECT_EQ(Version(), 1);
  EXPECT_TRUE(TableExists("people"));
  EXPECT_FALSE(TableExists("half"));
}

TEST_P(MigrateTest, ConcurrentMigrationsApplyEachOnce) {
  std::vector<Migration> migrations;
  std::vector<std::string> sql;
  migrations.reserve(6);
  sql.reserve(6);
  for (int v = 1; v <= 6; ++v) {
    sql.push_back("CREATE TABLE t" + std::to_string(v) + " (id {{id}});\nINSERT INTO t" +
                  std::to_string(v) + " DEFAULT VALUES;");
  }
  for (int v = 1; v <= 6; ++v) {
    migrations.push_back({v, "t", sql[static_cast<std::size_t>(v - 1)]});
  }
  // Separate Database objects behave like separate processes: no shared pool or lock.
  constexpr int kRunners = 3;
  std::vector<std::unique_ptr<Database>> dbs;
  dbs.reserve(kRunners);
  for (int i = 0; i < kRunners; ++i) dbs.push_back(OpenDatabase(/*pool_size=*/1));
  std::vector<Result<int>> results(kRunners, Result<int>(0));
  std::vector<std::thread> threads;
  threads.reserve(kRunners);
  for (int i = 0; i < kRunners; ++i) {
    threads.emplace_back([&, i] {
      const auto index = static_cast<std::size_t>(i);
      results[index] = Migrate(*dbs[index], migrations);
    });
  }
  for (std::thread& thread : threads) thread.join();
  int total = 0;
  for (const Result<int>& result : results) {
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    total += *result;
  }
  EXPECT_EQ(total, 6);
  EXPECT_EQ(Version(), 6);
  for (int v = 1; v <= 6; ++v) {
    EXPECT_EQ(QueryNumber(*db_, "SELECT COUNT(*) FROM t" + std::to_string(v)), 1);
  }
}

TEST_P(MigrateTest, TheProductSchemaApplies) {
  std::span<const Migration> schema = SchemaMigrations();
  ASSERT_FALSE(schema.empty());
  EXPECT_EQ(schema.front().version, 1);
  EXPECT_EQ(schema.front().name, "foundation");
  Result<int> applied = Migrate(*db_, schema);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(*applied, static_cast<int>(schema.size()));
  EXPECT_EQ(Version(), schema.back().version);
  for (const char* table : {"counties", "municipalities", "units", "users"}) {
    EXPECT_TRUE(TableExists(table)) << table;
  }

  auto run = [&](const std::string& statement) {
    return db_->InTransaction([&](soci::session& sql) {
      sql << statement;
      return Status::Ok();
    });
  };
  EXPECT_TRUE(run("INSERT INTO units (kind, name, municipality_code, created_at) "
                  "VALUES ('social_services', 'Umeå socialtjänst', '2480', 1)")
                  .ok());
  EXPECT_TRUE(run("INSERT INTO users (unit_id, username, display_name, role, password_hash, "
                  "created_at) VALUES (1, 'anna', 'Anna', 'social_worker', 'x', 1)")
                  .ok());
  EXPECT_EQ(run("INSERT INTO users (unit_id, username, display_name, role, password_hash, "
                "created_at) VALUES (1, 'anna', 'Anna 2', 'social_worker', 'x', 1)")
                .code(),
            StatusCode::kConflict);
  EXPECT_EQ(run("INSERT INTO users (unit_id, username, display_name, role, password_hash, "
                "created_at) VALUES (99, 'bo', 'Bo', 'social_worker', 'x', 1)")
                .code(),
            StatusCode::kConflict);
  EXPECT_FALSE(run("INSERT INTO users (unit_id, username, display_name, role, password_hash, "
                   "created_at) VALUES (1, 'cay', 'Cay', 'superuser', 'x', 1)")
                   .ok());
  EXPECT_FALSE(run("INSERT INTO units (kind, name, county_code, created_at) "
                   "VALUES ('social_services', 'Utan kommun', '24', 1)")
                   .ok());
  EXPECT_TRUE(run("INSERT INTO units (kind, name, county_code, created_at) "
                  "VALUES ('police', 'Polisen Umeå', '24', 1)")
                  .ok());
  EXPECT_EQ(QueryNumber(*db_, "SELECT COUNT(*) FROM users WHERE disabled = 0"), 1);
}

}  // namespace
}  // namespace sv::store
