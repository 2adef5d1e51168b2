#include "store/database.h"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace sv::store {
namespace {

constexpr std::string_view kSqliteScheme = "sqlite://";

// What Open needs to know about a URL.
struct Target {
  Dialect dialect = Dialect::kSqlite;
  std::string connect_string;         // handed to SOCI's backend
  std::string display_url;            // without password
  std::filesystem::path sqlite_path;  // SQLite only
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// `scheme://user:secret@host/db?password=secret` → `scheme://user:***@host/db?password=***`.
std::string HidePassword(std::string_view url) {
  std::string out(url);
  const std::size_t authority = out.find("://");
  if (authority != std::string::npos) {
    const std::size_t begin = authority + 3;
    const std::size_t end = std::min(out.find_first_of("/?#", begin), out.size());
    const std::size_t at = out.rfind('@', end);
    if (at != std::string::npos && at >= begin) {
      const std::size_t colon = out.find(':', begin);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  const std::size_t query = out.find('?');
  if (query != std::string::npos) {
    for (std::size_t pos = out.find("password=", query); pos != std::string::npos;
         pos = out.find("password=", pos + 1)) {
      const char before = out[pos - 1];
      if (before != '?' && before != '&') continue;
      const std::size_t value = pos + 9;
      const std::size_t value_end = std::min(out.find_first_of("&#", value), out.size());
      out.replace(value, value_end - value, "***");
    }
  }
  return out;
}

Result<Target> ParseUrl(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return Status::InvalidInput(
        "the database URL has no scheme; expected sqlite://PATH or postgresql://…", "url");
  }
  const std::string_view scheme = url.substr(0, scheme_end);
  Target target;
  if (scheme == "sqlite") {
    const std::string_view path = url.substr(kSqliteScheme.size());
    if (path.empty()) {
      return Status::InvalidInput("the database URL sqlite:// names no file", "url");
    }
    if (path == ":memory:" || StartsWith(path, "file:")) {
      return Status::InvalidInput(
          "the database URL must name an SQLite file (sqlite://var/samverkan.db); in-memory and "
          "file: URIs cannot be shared by a connection pool",
          "url");
    }
    // SOCI reads `key=value` pairs from an SQLite connect string that holds a `=`.
    if (path.find('=') != std::string_view::npos) {
      return Status::InvalidInput("the SQLite file name must not contain `=`", "url");
    }
    target.dialect = Dialect::kSqlite;
    target.connect_string = std::string(path);
    target.display_url = std::string(url);
    target.sqlite_path = std::filesystem::path(path);
    return target;
  }
  if (scheme == "postgresql" || scheme == "postgres") {
    target.dialect = Dialect::kPostgres;
    target.connect_string = std::string(url);
    // libpq waits for an unanswered TCP connection as long as the kernel does (minutes).
    if (url.find("connect_timeout=") == std::string_view::npos) {
      target.connect_string += url.find('?') == std::string_view::npos ? '?' : '&';
      target.connect_string += "connect_timeout=10";
    }
    target.display_url = HidePassword(url);
    return target;
  }
  return Status::InvalidInput("unsupported database URL scheme `" + std::string(scheme) +
                                  "`; expected sqlite:// or postgresql://",
                              "url");
}

// The database's message as one line a person can read, without SOCI's prefixes. PostgreSQL's
// DETAIL and LINE lines (and SOCI's context, which repeats bound values) can hold the values of a
// row, which may be personal data: they are left out, so messages are safe to log.
std::string ReadableMessage(std::string_view raw) {
  // "sqlite3_statement_backend::loadOne: UNIQUE constraint failed: a.name"
  if (StartsWith(raw, "sqlite3_")) {
    const std::size_t colon = raw.find(": ");
    if (colon != std::string_view::npos) raw.remove_prefix(colon + 2);
  }
  // "Cannot execute query. Fatal error. ERROR:  duplicate key value violates …"
  for (std::string_view prefix : {"Cannot establish connection to the database.",
                                  "Cannot execute query.", "Fatal error.", "ERROR:"}) {
    if (!StartsWith(raw, prefix)) continue;
    raw.remove_prefix(prefix.size());
    while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\n')) raw.remove_prefix(1);
  }
  std::string out;
  std::size_t pos = 0;
  while (pos <= raw.size()) {
    std::size_t end = raw.find('\n', pos);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = raw.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (line.empty() || line == "^" || StartsWith(line, "DETAIL:") ||
        StartsWith(line, "CONTEXT:") || StartsWith(line, "LINE ")) {
      continue;
    }
    if (!out.empty()) out += ' ';
    out += line;
  }
  return out.empty() ? std::string("unknown database error") : out;
}

Status FromPostgresError(const soci::postgresql_soci_error& e) {
  const std::string state = e.sqlstate();
  std::string message = ReadableMessage(e.get_error_message());
  if (state == "23505" || state == "23503") return Status::Conflict(std::move(message));
  if (state == "40001" || state == "40P01") {
    return Status::Conflict("the transaction collided with another, try again: " + message);
  }
  if (StartsWith(state, "08") || StartsWith(state, "53") || StartsWith(state, "57P") ||
      e.get_error_category() == soci::soci_error::connection_error) {
    return Status::Unavailable(std::move(message));
  }
  return Status::Internal(std::move(message));
}

Status FromSqliteError(const soci::sqlite3_soci_error& e) {
  constexpr int kBusy = 5;  // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CONSTRAINT (primary codes)
  constexpr int kLocked = 6;
  constexpr int kConstraint = 19;
  const int code = e.result() & 0xff;
  std::string message = ReadableMessage(e.get_error_message());
  if (code == kConstraint && (message.find("UNIQUE constraint failed") != std::string::npos ||
                              message.find("PRIMARY KEY constraint failed") != std::string::npos ||
                              message.find("FOREIGN KEY constraint failed") != std::string::npos)) {
    return Status::Conflict(std::move(message));
  }
  if (code == kBusy || code == kLocked) {
    return Status::Unavailable("the database is busy: " + message);
  }
  return Status::Internal(std::move(message));
}

// The Status for the exception being handled. Call only inside a catch block.
Status CurrentExceptionStatus() {
  try {
    throw;
  } catch (const soci::postgresql_soci_error& e) {
    return FromPostgresError(e);
  } catch (const soci::sqlite3_soci_error& e) {
    return FromSqliteError(e);
  } catch (const soci::soci_error& e) {
    std::string message = ReadableMessage(e.get_error_message());
    if (e.get_error_category() == soci::soci_error::connection_error) {
      return Status::Unavailable(std::move(message));
    }
    if (e.get_error_category() == soci::soci_error::constraint_violation) {
      return Status::Conflict(std::move(message));
    }
    return Status::Internal(std::move(message));
  } catch (const std::exception& e) {
    return Status::Internal(e.what());
  } catch (...) {
    return Status::Internal("an exception that is not a std::exception");
  }
}

// libpq prints the server's notices and warnings ("NOTICE: relation … already exists, skipping")
// on stderr, between the JSON log lines; nothing in them needs acting on. Call after every
// (re)connect of a PostgreSQL session.
void IgnoreNotice(void* /*arg*/, const char* /*message*/) {}

void SilenceNotices(soci::session& sql) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  PQsetNoticeProcessor(backend->conn_, IgnoreNotice, nullptr);
}

// A PostgreSQL connection that the server closed (restart, failover) stays broken in the pool
// until it is reconnected. After a failure on `sql`: ok when its connection is up, `restored` when
// it had to be made anew; kUnavailable with the reason when the database cannot be reached.
Status Relink(soci::session& sql, Dialect dialect, bool& restored) {
  restored = false;
  if (dialect != Dialect::kPostgres) return Status::Ok();
  try {
    if (sql.is_connected()) return Status::Ok();
    sql.reconnect();
    SilenceNotices(sql);
    restored = true;
    return Status::Ok();
  } catch (...) {
    return Status::Unavailable(CurrentExceptionStatus().message());
  }
}

void Begin(soci::session& sql, Dialect dialect, bool read_only) {
  if (dialect == Dialect::kSqlite) {
    // IMMEDIATE takes the write lock now: two deferred transactions that both read and then
    // write under WAL would fail with SQLITE_BUSY at the write, whatever the busy timeout. A
    // read-only transaction stays deferred, so readers never wait for the write lock.
    sql << (read_only ? "BEGIN" : "BEGIN IMMEDIATE");
  } else {
    sql.begin();
    if (read_only) sql << "SET TRANSACTION READ ONLY";
  }
}

void RollbackQuietly(soci::session& sql) {
  try {
    sql.rollback();
  } catch (...) {  // NOLINT(bugprone-empty-catch): the transaction may already have ended
  }
}

Status PrepareSqliteConnection(soci::session& sql, int busy_timeout_ms) {
  sql << "PRAGMA busy_timeout = " << busy_timeout_ms;
  std::string mode;
  sql << "PRAGMA journal_mode = WAL", soci::into(mode);
  if (mode != "wal") {
    return Status::Unavailable("the file system does not allow SQLite's WAL mode (journal mode " +
                               mode + ")");
  }
  sql << "PRAGMA foreign_keys = ON";
  sql << "PRAGMA synchronous = NORMAL";
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options) {
  Result<Target> target = ParseUrl(options.url);
  if (!target.ok()) return target.status();
  if (options.pool_size < 1) {
    return Status::InvalidInput("the database pool needs at least one connection", "pool_size");
  }
  if (options.busy_timeout_ms < 0) {
    return Status::InvalidInput("the busy timeout cannot be negative", "busy_timeout_ms");
  }
  const std::string cannot_open = "cannot open the database " + target->display_url + ": ";

  if (target->dialect == Dialect::kSqlite && target->sqlite_path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(target->sqlite_path.parent_path(), ec);
    if (ec) {
      return Status::Unavailable(cannot_open + "cannot create the directory " +
                                 target->sqlite_path.parent_path().string() + ": " + ec.message());
    }
  }

  const auto size = static_cast<std::size_t>(options.pool_size);
  auto pool = std::make_unique<soci::connection_pool>(size);
  for (std::size_t i = 0; i < size; ++i) {
    soci::session& sql = pool->at(i);
    try {
      if (target->dialect == Dialect::kSqlite) {
        sql.open(soci::sqlite3, target->connect_string);
        Status prepared = PrepareSqliteConnection(sql, options.busy_timeout_ms);
        if (!prepared.ok()) return Status(prepared.code(), cannot_open + prepared.message());
      } else {
        sql.open(soci::postgresql, target->connect_string);
        SilenceNotices(sql);
      }
    } catch (...) {
      Status status = CurrentExceptionStatus();
      return Status::Unavailable(cannot_open + status.message());
    }
  }
  return std::unique_ptr<Database>(
      new Database(target->dialect, std::move(target->display_url), std::move(pool)));
}

Database::Database(Dialect dialect, std::string display_url,
                   std::unique_ptr<soci::connection_pool> pool)
    : dialect_(dialect), display_url_(std::move(display_url)), pool_(std::move(pool)) {}

Database::~Database() = default;

Database::Lease::Lease(soci::connection_pool* pool, std::size_t position)
    : pool_(pool), position_(position), session_(&pool->at(position)) {}

Database::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      position_(other.position_),
      session_(std::exchange(other.session_, nullptr)) {}

Database::Lease::~Lease() {
  if (pool_ != nullptr) pool_->give_back(position_);
}

Database::Lease Database::Acquire() { return Lease(pool_.get(), pool_->lease()); }

Status Database::InTransaction(const std::function<Status(soci::session&)>& work) {
  return Run(work, /*read_only=*/false);
}

Status Database::InReadTransaction(const std::function<Status(soci::session&)>& work) {
  return Run(work, /*read_only=*/true);
}

Status Database::Run(const std::function<Status(soci::session&)>& work, bool read_only) {
  Lease lease = Acquire();
  soci::session& sql = lease.session();
  bool restored = false;
  try {
    Begin(sql, dialect_, read_only);
  } catch (...) {
    Status status = CurrentExceptionStatus();
    Status link = Relink(sql, dialect_, restored);
    if (!link.ok()) {
      return Status::Unavailable("the database " + display_url_ +
                                 " does not answer: " + link.message());
    }
    if (!restored) return status;
    try {
      Begin(sql, dialect_, read_only);
    } catch (...) {
      return CurrentExceptionStatus();
    }
  }

  Status status;
  bool thrown = false;
  try {
    status = work(sql);
    if (status.ok()) {
      sql.commit();
      return status;
    }
  } catch (...) {
    status = CurrentExceptionStatus();
    thrown = true;
  }
  RollbackQuietly(sql);
  // A conflict proves the connection works; other exceptions may mean it broke.
  if (thrown && status.code() != StatusCode::kConflict &&
      (!Relink(sql, dialect_, restored).ok() || restored)) {
    return Status::Unavailable("lost the connection to the database " + display_url_ + ": " +
                               status.message());
  }
  return status;
}

Status Database::Ping() {
  Lease lease = Acquire();
  soci::session& sql = lease.session();
  for (int attempt = 0;; ++attempt) {
    try {
      int one = 0;
      sql << "SELECT 1", soci::into(one);
      if (one == 1) return Status::Ok();
      return Status::Internal("the database " + display_url_ + " answered SELECT 1 with " +
                              std::to_string(one));
    } catch (...) {
      Status status = CurrentExceptionStatus();
      bool restored = false;
      Status link = Relink(sql, dialect_, restored);
      if (attempt == 0 && link.ok() && restored) continue;
      return Status::Unavailable("the database " + display_url_ +
                                 " does not answer: " + (link.ok() ? status : link).message());
    }
  }
}

}  // namespace sv::store
