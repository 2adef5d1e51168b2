#include "store/database.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/database_test_fixture.h"
#include "testing.h"

namespace sv::store {
namespace {

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class DatabaseTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenDatabase();
    ASSERT_NE(db_, nullptr);
    Exec(*db_, "CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
  }
  void TearDown() override {
    db_.reset();
    BackendTest::TearDown();
  }

  long long Items() { return QueryNumber(*db_, "SELECT COUNT(*) FROM items"); }

  static Status Insert(soci::session& sql, long long id, const std::string& name) {
    sql << "INSERT INTO items (id, name) VALUES (:id, :name)", soci::use(id), soci::use(name);
    return Status::Ok();
  }

  std::unique_ptr<Database> db_;
};
SV_STORE_ON_BOTH_BACKENDS(DatabaseTest);

TEST_P(DatabaseTest, OpensAndAnswersPing) {
  EXPECT_EQ(db_->dialect(), postgres() ? Dialect::kPostgres : Dialect::kSqlite);
  EXPECT_TRUE(db_->Ping().ok()) << db_->Ping().ToString();
  if (postgres()) {
    EXPECT_TRUE(Has(db_->display_url(), ":***@")) << db_->display_url();
    EXPECT_FALSE(Has(db_->display_url(), ":samverkan@")) << db_->display_url();
  } else {
    EXPECT_EQ(db_->display_url(), url());
  }
}

TEST_P(DatabaseTest, CommitsWhenWorkSucceeds) {
  Status status = db_->InTransaction([](soci::session& sql) {
    SV_RETURN_IF_ERROR(Insert(sql, 1, "a"));
    return Insert(sql, 2, "b");
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(Items(), 2);
}

TEST_P(DatabaseTest, RollsBackWhenWorkReturnsAnError) {
  Status status = db_->InTransaction([](soci::session& sql) {
    SV_RETURN_IF_ERROR(Insert(sql, 1, "a"));
    return Status::NotFound("no such operation");
  });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "no such operation");
  EXPECT_EQ(Items(), 0);
}

TEST_P(DatabaseTest, RollsBackWhenWorkThrows) {
  Status status = db_->InTransaction([](soci::session& sql) -> Status {
    SV_RETURN_IF_ERROR(Insert(sql, 1, "a"));
    throw std::runtime_error("the disk fell off");
  });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_TRUE(Has(status.message(), "the disk fell off")) << status.message();

  status = db_->InTransaction([](soci::session& sql) {
    SV_RETURN_IF_ERROR(Insert(sql, 1, "a"));
    sql << "SELECT no_such_column FROM items";
    return Status::Ok();
  });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_TRUE(Has(status.message(), "no_such_column")) << status.message();
  EXPECT_EQ(Items(), 0);

  // The connection is usable afterwards.
  status = db_->InTransaction([](soci::session& sql) { return Insert(sql, 1, "a"); });
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(Items(), 1);
}

TEST_P(DatabaseTest, ReadTransactionsReadBesideAWriterAndRefuseWrites) {
  ASSERT_TRUE(db_->InTransaction([](soci::session& sql) { return Insert(sql, 1, "a"); }).ok());
  // A writer holds its transaction open while a reader reads the committed state.
  Status writer = db_->InTransaction([&](soci::session& sql) -> Status {
    SV_RETURN_IF_ERROR(Insert(sql, 2, "b"));
    long long seen = -1;
    Status reader = db_->InReadTransaction([&](soci::session& read) {
      read << "SELECT COUNT(*) FROM items", soci::into(seen);
      return Status::Ok();
    });
    EXPECT_TRUE(reader.ok()) << reader.ToString();
    EXPECT_EQ(seen, 1) << "the reader sees only committed rows and does not wait";
    return Status::Ok();
  });
  ASSERT_TRUE(writer.ok()) << writer.ToString();
  EXPECT_EQ(Items(), 2);
  if (GetParam() == "postgres") {
    Status write = db_->InReadTransaction([](soci::session& sql) { return Insert(sql, 3, "c"); });
    EXPECT_FALSE(write.ok()) << "a write in a read-only transaction fails";
    EXPECT_EQ(Items(), 2);
  }
}

TEST_P(DatabaseTest, UniqueViolationIsConflict) {
  ASSERT_TRUE(db_->InTransaction([](soci::session& sql) { return Insert(sql, 1, "a"); }).ok());
  Status status = db_->InTransaction([](soci::session& sql) {
    SV_RETURN_IF_ERROR(Insert(sql, 2, "b"));
    return Insert(sql, 3, "a");
  });
  EXPECT_EQ(status.code(), StatusCode::kConflict) << status.ToString();
  EXPECT_EQ(Items(), 1);
}

TEST_P(DatabaseTest, ConflictMessageLeavesOutTheRowValues) {
  ASSERT_TRUE(db_->InTransaction([](soci::session& sql) { return Insert(sql, 1, "Ada"); }).ok());
  Status status = db_->InTransaction([](soci::session& sql) { return Insert(sql, 2, "Ada"); });
  EXPECT_EQ(status.code(), StatusCode::kConflict);
  EXPECT_FALSE(Has(status.message(), "Ada")) << status.message();
}

TEST_P(DatabaseTest, ForeignKeyViolationIsConflict) {
  Exec(*db_,
       "CREATE TABLE parts (id BIGINT PRIMARY KEY, item_id BIGINT NOT NULL REFERENCES "
       "items (id))");
  Status status = db_->InTransaction([](soci::session& sql) {
    sql << "INSERT INTO parts (id, item_id) VALUES (1, 42)";
    return Status::Ok();
  });
  EXPECT_EQ(status.code(), StatusCode::kConflict) << status.ToString();
  EXPECT_EQ(QueryNumber(*db_, "SELECT COUNT(*) FROM parts"), 0);
}

TEST_P(DatabaseTest, ReturningAndUpsertWorkTheSame) {
  Exec(*db_,
       "CREATE TABLE counters (id " + IdType() + ", name TEXT NOT NULL UNIQUE, n BIGINT NOT NULL)");
  std::vector<long long> ids;
  std::vector<long long> counts;
  for (int i = 0; i < 3; ++i) {
    const std::string name = i < 2 ? "visits" : "calls";
    Status status = db_->InTransaction([&](soci::session& sql) {
      long long id = 0;
      long long n = 0;
      sql << "INSERT INTO counters (name, n) VALUES (:name, 1) ON CONFLICT (name) "
             "DO UPDATE SET n = counters.n + excluded.n RETURNING id, n",
          soci::use(name), soci::into(id), soci::into(n);
      ids.push_back(id);
      counts.push_back(n);
      return Status::Ok();
    });
    ASSERT_TRUE(status.ok()) << status.ToString();
  }
  // Both databases spend an id on the insert that became an update: ids have gaps.
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_GT(ids[2], ids[1]);
  EXPECT_EQ(counts, (std::vector<long long>{1, 2, 1}));
}

TEST_P(DatabaseTest, ALeaseGoesBackToThePool) {
  std::unique_ptr<Database> db = OpenDatabase(/*pool_size=*/1);
  ASSERT_NE(db, nullptr);
  {
    Database::Lease first = db->Acquire();
    Database::Lease moved = std::move(first);
    int one = 0;
    moved.session() << "SELECT 1", soci::into(one);
    EXPECT_EQ(one, 1);
  }
  // With one connection, this blocks forever unless the lease above gave it back once.
  EXPECT_TRUE(db->Ping().ok());
  EXPECT_TRUE(db->InTransaction([](soci::session&) { return Status::Ok(); }).ok());
}

TEST_P(DatabaseTest, ManyThreadsShareThePool) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  std::vector<Status> failures[kThreads];
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const long long id = t * kPerThread + i;
        Status status = db_->InTransaction([&](soci::session& sql) {
          // Read, then write: the pattern that deadlocks deferred SQLite transactions.
          long long before = 0;
          sql << "SELECT COUNT(*) FROM items", soci::into(before);
          return Insert(sql, id, "item " + std::to_string(id));
        });
        if (!status.ok()) failures[t].push_back(status);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::vector<Status>& f : failures) {
    EXPECT_TRUE(f.empty()) << f.size() << " failed, first: " << f.front().ToString();
  }
  EXPECT_EQ(Items(), kThreads * kPerThread);
  EXPECT_EQ(QueryNumber(*db_, "SELECT COUNT(DISTINCT id) FROM items"), kThreads * kPerThread);
}

Status OpenStatus(const std::string& url, int pool_size = 2) {
  DatabaseOptions options;
  options.url = url;
  options.pool_size = pool_size;
  Result<std::unique_ptr<Database>> db = Database::Open(options);
  return db.status();
}

TEST(DatabaseOpenTest, RefusesMalformedUrls) {
  for (const std::string url : {"", "var/samverkan.db", "sqlite://", "sqlite://:memory:"}) {
    EXPECT_EQ(OpenStatus(url).code(), StatusCode::kInvalidInput) << url;
  }
  Status status = OpenStatus("mysql://user:topsecret@db.example/samverkan");
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(Has(status.message(), "`mysql`")) << status.message();
  EXPECT_FALSE(Has(status.message(), "topsecret")) << status.message();
  EXPECT_EQ(status.field(), "url");

  sv::testing::TempDir dir;
  EXPECT_EQ(OpenStatus("sqlite://" + (dir.path() / "x.db").string(), 0).code(),
            StatusCode::kInvalidInput);
}

TEST(DatabaseOpenTest, UnreachablePostgresIsUnavailable) {
  Status status = OpenStatus("postgresql://samverkan:topsecret@127.0.0.1:1/samverkan");
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_TRUE(Has(status.message(),
                  "cannot open the database postgresql://samverkan:***@127.0.0.1:1/samverkan: "))
      << status.message();
  EXPECT_FALSE(Has(status.message(), "topsecret")) << status.message();
  EXPECT_FALSE(Has(status.message(), "\n")) << status.message();

  status =
      OpenStatus("postgres://samverkan@127.0.0.1:1/samverkan?password=topsecret&sslmode=disable");
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_TRUE(Has(status.message(), "?password=***&sslmode=disable")) << status.message();
  EXPECT_FALSE(Has(status.message(), "topsecret")) << status.message();
}

TEST(DatabaseOpenTest, SqliteCreatesTheDirectory) {
  sv::testing::TempDir dir;
  const std::filesystem::path file = dir.path() / "var" / "data" / "samverkan.db";
  EXPECT_TRUE(OpenStatus("sqlite://" + file.string()).ok());
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(DatabaseOpenTest, SqliteFileThatCannotBeMadeIsUnavailable) {
  sv::testing::TempDir dir;
  std::ofstream(dir.path() / "plain-file") << "not a directory";
  Status status = OpenStatus("sqlite://" + (dir.path() / "plain-file" / "x.db").string());
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_TRUE(Has(status.message(), "cannot open the database sqlite://")) << status.message();
}

TEST(DatabaseOpenTest, EverySqliteConnectionHasWalForeignKeysAndTimeout) {
  sv::testing::TempDir dir;
  DatabaseOptions options;
  options.url = "sqlite://" + (dir.path() / "pragmas.db").string();
  options.pool_size = 3;
  options.busy_timeout_ms = 1234;
  Result<std::unique_ptr<Database>> db = Database::Open(options);
  ASSERT_TRUE(db.ok()) << db.status().ToString();

  // Holding all three leases at once means each is a different pooled connection.
  std::vector<Database::Lease> leases;
  leases.reserve(static_cast<std::size_t>(options.pool_size));
  for (int i = 0; i < options.pool_size; ++i) leases.push_back((*db)->Acquire());
  for (Database::Lease& lease : leases) {
    std::string journal_mode;
    int foreign_keys = 0;
    int busy_timeout = 0;
    int synchronous = 0;
    lease.session() << "PRAGMA journal_mode", soci::into(journal_mode);
    lease.session() << "PRAGMA foreign_keys", soci::into(foreign_keys);
    lease.session() << "PRAGMA busy_timeout", soci::into(busy_timeout);
    lease.session() << "PRAGMA synchronous", soci::into(synchronous);
    EXPECT_EQ(journal_mode, "wal");
    EXPECT_EQ(foreign_keys, 1);
    EXPECT_EQ(busy_timeout, 1234);
    EXPECT_EQ(synchronous, 1);  // NORMAL
  }
}

}  // namespace
}  // namespace sv::store
