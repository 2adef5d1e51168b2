// Schema migrations. A migration's SQL is split into statements at each `;` that ends a line
// (after trailing blanks); lines whose first non-blank characters are `--` are dropped. There is
// no SQL parser: a `;` at a line end inside a string literal or a trigger or function body
// would split the statement, so migrations avoid them (write such a `;` mid-line). A statement
// that starts with {{sqlite}} or {{postgres}} runs on that database only (triggers, functions).

#include "store/database.h"

#include <soci/soci.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sv::store {
namespace {

// Key of the PostgreSQL advisory lock that serialises Migrate across processes ("samverk").
constexpr long long kMigrationLockKey = 0x73616d7665726bLL;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string Describe(const Migration& m) {
  return "migration " + std::to_string(m.version) + " `" + std::string(m.name) + "`";
}

constexpr std::string_view kSqliteOnly = "{{sqlite}}";
constexpr std::string_view kPostgresOnly = "{{postgres}}";

// `sql` with {{id}} and {{blob}} replaced for `dialect`; an unknown placeholder is an error.
// The statement markers {{sqlite}} and {{postgres}} are kept for SelectDialect.
Result<std::string> Substitute(const Migration& m, Dialect dialect) {
  std::string out;
  std::string_view rest = m.sql;
  for (std::size_t open = rest.find("{{"); open != std::string_view::npos; open = rest.find("{{")) {
    const std::size_t close = rest.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return Status::InvalidInput(Describe(m) + ": `{{` without `}}`");
    }
    const std::string_view key = rest.substr(open + 2, close - open - 2);
    out.append(rest.substr(0, open));
    if (key == "id") {
      out.append(dialect == Dialect::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                             : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
    } else if (key == "blob") {
      out.append(dialect == Dialect::kSqlite ? "BLOB" : "BYTEA");
    } else if (key == "sqlite" || key == "postgres") {
      out.append(rest.substr(open, close + 2 - open));
    } else {
      return Status::InvalidInput(Describe(m) + ": unknown placeholder {{" + std::string(key) +
                                  "}}; known are {{id}}, {{blob}}, {{sqlite}} and {{postgres}}");
    }
    rest.remove_prefix(close + 2);
  }
  out.append(rest);
  return out;
}

std::vector<std::string> SplitStatements(std::string_view sql) {
  std::vector<std::string> statements;
  std::string current;
  auto finish = [&] {
    if (!Trim(current).empty()) statements.push_back(std::string(Trim(current)));
    current.clear();
  };
  while (!sql.empty()) {
    std::size_t end = sql.find('\n');
    if (end == std::string_view::npos) end = sql.size();
    const std::string_view line = sql.substr(0, end);
    sql.remove_prefix(end == sql.size() ? end : end + 1);
    const std::string_view trimmed = Trim(line);
    if (trimmed.substr(0, 2) == "--") continue;
    if (!trimmed.empty() && trimmed.back() == ';') {
      current.append(line.substr(0, line.rfind(';')));
      finish();
    } else {
      current.append(line);
      current.push_back('\n');
    }
  }
  finish();
  return statements;
}

// The statements of `m` that run on `dialect`: one that starts with {{sqlite}} or {{postgres}}
// runs only there, without its marker. A marker anywhere else is an error.
Result<std::vector<std::string>> SelectDialect(const Migration& m,
                                               const std::vector<std::string>& statements,
                                               Dialect dialect) {
  std::vector<std::string> out;
  for (const std::string& statement : statements) {
    std::string_view text = statement;
    std::optional<Dialect> only;
    const std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start != std::string_view::npos) text.remove_prefix(start);
    if (text.substr(0, kSqliteOnly.size()) == kSqliteOnly) {
      only = Dialect::kSqlite;
      text.remove_prefix(kSqliteOnly.size());
    } else if (text.substr(0, kPostgresOnly.size()) == kPostgresOnly) {
      only = Dialect::kPostgres;
      text.remove_prefix(kPostgresOnly.size());
    }
    if (text.find(kSqliteOnly) != std::string_view::npos ||
        text.find(kPostgresOnly) != std::string_view::npos) {
      return Status::InvalidInput(Describe(m) +
                                  ": {{sqlite}} and {{postgres}} may only start a statement");
    }
    if (only && *only != dialect) continue;
    out.push_back(std::string(Trim(text)));
  }
  return out;
}

Status CheckOrder(std::span<const Migration> migrations) {
  int previous = 0;
  for (const Migration& m : migrations) {
    if (m.version <= previous) {
      return Status::InvalidInput(Describe(m) + " does not follow version " +
                                  std::to_string(previous) + ": versions must increase from 1");
    }
    if (m.name.empty()) return Status::InvalidInput(Describe(m) + " has no name");
    previous = m.version;
  }
  return Status::Ok();
}

bool MigrationsTableExists(soci::session& sql, Dialect dialect) {
  long long count = 0;
  if (dialect == Dialect::kSqlite) {
    sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
           "AND name = 'schema_migrations'",
        soci::into(count);
  } else {
    sql << "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
           "AND tablename = 'schema_migrations'",
        soci::into(count);
  }
  return count > 0;
}

struct Recorded {
  int version;
  std::string name;
};

std::vector<Recorded> ReadRecorded(soci::session& sql) {
  std::vector<Recorded> out;
  Recorded row{0, {}};
  soci::statement st = (sql.prepare << "SELECT version, name FROM schema_migrations "
                                       "ORDER BY version",
                        soci::into(row.version), soci::into(row.name));
  st.execute();
  while (st.fetch()) out.push_back(row);
  return out;
}

// The index in `migrations` of the first one the database lacks, nothing when it is up to date,
// or kConflict when its history does not match `migrations`.
Result<std::optional<std::size_t>> NextPending(const std::vector<Recorded>& recorded,
                                               std::span<const Migration> migrations) {
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  const int current = recorded.empty() ? 0 : recorded.back().version;
  if (current > newest) {
    return Status::Conflict("the database schema is at version " + std::to_string(current) +
                            ", newer than this program knows (" + std::to_string(newest) +
                            "); run a newer samverkan");
  }
  std::size_t next = 0;  // index into `recorded`
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const Migration& m = migrations[i];
    if (next < recorded.size() && recorded[next].version < m.version) {
      return Status::Conflict("the database records migration " +
                              std::to_string(recorded[next].version) + " `" + recorded[next].name +
                              "`, which this program does not know");
    }
    if (next < recorded.size() && recorded[next].version == m.version) {
      if (recorded[next].name != m.name) {
        return Status::Conflict("the database records migration " + std::to_string(m.version) +
                                " as `" + recorded[next].name + "`, this program as `" +
                                std::string(m.name) + "`");
      }
      ++next;
      continue;
    }
    if (m.version < current) {
      return Status::Conflict(Describe(m) + " is missing from the database, which is at version " +
                              std::to_string(current));
    }
    return std::optional<std::size_t>(i);
  }
  return std::optional<std::size_t>();
}

long long NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Result<int> Migrate(Database& db, std::span<const Migration> migrations) {
  SV_RETURN_IF_ERROR(CheckOrder(migrations));
  const Dialect dialect = db.dialect();
  // Substitute all first: a typo in the newest migration must not leave the older ones applied.
  std::vector<std::vector<std::string>> statements;
  for (const Migration& m : migrations) {
    Result<std::string> sql = Substitute(m, dialect);
    if (!sql.ok()) return sql.status();
    Result<std::vector<std::string>> selected = SelectDialect(m, SplitStatements(*sql), dialect);
    if (!selected.ok()) return selected.status();
    statements.push_back(std::move(*selected));
  }

  int applied = 0;
  while (true) {
    // Each pass is one transaction: lock, read the history, apply the next migration and record
    // it. A second process blocks on the lock (PostgreSQL) or on BEGIN IMMEDIATE (SQLite) and
    // then sees the first one's work.
    std::optional<std::size_t> pending;
    std::size_t statement_index = 0;
    Status status = db.InTransaction([&](soci::session& sql) -> Status {
      if (dialect == Dialect::kPostgres) {
        sql << "SELECT pg_advisory_xact_lock(" << kMigrationLockKey << ")";
      }
      if (!MigrationsTableExists(sql, dialect)) {
        sql << "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
               "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
      }
      Result<std::optional<std::size_t>> next = NextPending(ReadRecorded(sql), migrations);
      if (!next.ok()) return next.status();
      pending = *next;
      if (!pending) return Status::Ok();

      for (const std::string& statement : statements[*pending]) {
        ++statement_index;
        sql << statement;
      }
      statement_index = 0;
      const Migration& m = migrations[*pending];
      const std::string name(m.name);
      const long long now = NowMicros();
      sql << "INSERT INTO schema_migrations (version, name, applied_at) "
             "VALUES (:version, :name, :applied_at)",
          soci::use(m.version), soci::use(name), soci::use(now);
      return Status::Ok();
    });
    if (!status.ok()) {
      if (!pending) return status;
      std::string where = Describe(migrations[*pending]);
      if (statement_index > 0) where += ", statement " + std::to_string(statement_index);
      return Status(status.code(), where + ": " + status.message());
    }
    if (!pending) return applied;
    ++applied;
  }
}

Result<int> SchemaVersion(Database& db) {
  int version = 0;
  Status status = db.InTransaction([&](soci::session& sql) -> Status {
    if (!MigrationsTableExists(sql, db.dialect())) return Status::Ok();
    sql << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", soci::into(version);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return version;
}

}  // namespace sv::store
