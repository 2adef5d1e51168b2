#pragma once
// One interface over the embedded default (SQLite, WAL) and PostgreSQL, through SOCI.
// Repositories write one SQL dialect that both accept (SQLite 3.40 and PostgreSQL 15 share
// `ON CONFLICT … DO UPDATE` and `RETURNING`); times are stored as BIGINT Unix microseconds.
//
// SOCI appears here only as a forward declaration: modules that run SQL include <soci/soci.h>
// in their .cc files.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace sv::store {

enum class Dialect { kSqlite, kPostgres };

struct DatabaseOptions {
  // `sqlite://PATH` (`sqlite:///abs/path.db`, or a relative path) or `postgresql://…` (also
  // `postgres://`), a libpq URI; libpq's connect_timeout is 10 s unless the URI sets it.
  std::string url;
  int pool_size = 8;
  int busy_timeout_ms = 5000;
};

class Database {
 public:
  // Opens a pool of `pool_size` connections. For SQLite the file and its directory are created;
  // every connection has WAL, foreign keys on and the busy timeout set.
  // Errors: kInvalidInput for a malformed URL, kUnavailable when the database does not answer.
  static Result<std::unique_ptr<Database>> Open(const DatabaseOptions& options);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  // The URL without any password, for logs and messages.
  const std::string& display_url() const { return display_url_; }

  // A pooled connection held for the lifetime of the lease. Blocks while all are in use.
  // Thread-safe; a lease itself is used by one thread at a time.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    soci::session& session() { return *session_; }

   private:
    friend class Database;
    Lease(soci::connection_pool* pool, std::size_t position);
    soci::connection_pool* pool_;
    std::size_t position_;
    soci::session* session_;
  };
  Lease Acquire();

  // Runs `work` in one transaction on a pooled connection: commits when it returns ok, rolls back
  // when it returns an error or throws (a database exception becomes kUnavailable/kConflict/
  // kInternal with the database's message; nothing is half-written). A unique or foreign-key
  // violation is kConflict; messages leave out row values, so they are safe to log. SQLite
  // transactions take the write lock at the start (BEGIN IMMEDIATE), so they run one at a time.
  // `work` must not call Acquire or InTransaction: with the pool exhausted that waits forever.
  Status InTransaction(const std::function<Status(soci::session&)>& work);

  // Like InTransaction for work that only reads: it never waits for SQLite's write lock (WAL
  // lets readers run beside a writer) and is READ ONLY on PostgreSQL. A write in it fails.
  Status InReadTransaction(const std::function<Status(soci::session&)>& work);

  // `SELECT 1`: ok when the database answers.
  Status Ping();

 private:
  Database(Dialect dialect, std::string display_url, std::unique_ptr<soci::connection_pool> pool);
  Status Run(const std::function<Status(soci::session&)>& work, bool read_only);
  Dialect dialect_;
  std::string display_url_;
  std::unique_ptr<soci::connection_pool> pool_;
};

// One step of the schema. `sql` may hold several statements separated by `;` at line ends and
// these placeholders, replaced per dialect:
//   {{id}}    an auto-increment 64-bit primary key column type
//   {{blob}}  a binary column type (BLOB / BYTEA)
// A statement that starts with {{sqlite}} or {{postgres}} runs on that database only (triggers
// and functions, whose syntax differs); write the `;` inside their bodies mid-line.
struct Migration {
  int version;            // strictly increasing, never reused
  std::string_view name;  // "foundation"
  std::string_view sql;
};

// Applies the migrations newer than the database's version, in order, each in its own
// transaction, and records them in `schema_migrations` (version, name, applied_at). Returns how
// many were applied. Refuses (kConflict) a database whose version is newer than the newest known
// migration, or whose recorded name for a version differs.
Result<int> Migrate(Database& db, std::span<const Migration> migrations);

// The product's schema, from src/store/migrations/*.sql, in order.
std::span<const Migration> SchemaMigrations();

// The version a database is at (0 when no migration ran).
Result<int> SchemaVersion(Database& db);

}  // namespace sv::store
