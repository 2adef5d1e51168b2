#include "testing.h"

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <system_error>

#include <libpq-fe.h>

namespace sv::testing {

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = std::filesystem::temp_directory_path() /
                     ("samverkan-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::error_code ec;
    if (std::filesystem::create_directory(candidate, ec)) {
      path_ = candidate;
      return;
    }
  }
  std::abort();  // a test cannot run without a scratch directory
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path SourceDir() {
  const char* dir = std::getenv("SAMVERKAN_SOURCE_DIR");  // NOLINT(concurrency-mt-unsafe)
  return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::current_path();
}

std::optional<std::string> PostgresUrl() {
  const char* url = std::getenv("SAMVERKAN_TEST_POSTGRES_URL");  // NOLINT(concurrency-mt-unsafe)
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

namespace {

void RunAdminStatement(const std::string& url, const std::string& statement) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string error = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot connect to the test PostgreSQL: " + error);
  }
  PGresult* result = PQexec(conn, statement.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string error = ok ? "" : PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(statement + ": " + error);
}

}  // namespace

ScratchPostgres::ScratchPostgres() {
  auto base = PostgresUrl();
  if (!base) throw std::runtime_error("SAMVERKAN_TEST_POSTGRES_URL is not set");
  admin_url_ = *base;
  std::random_device rd;
  name_ = "samverkan_scratch_" + std::to_string(rd()) + std::to_string(rd() % 100000);
  RunAdminStatement(admin_url_, "CREATE DATABASE " + name_);
  // Replace the database name: the path after the last '/' (before any '?').
  const auto query = admin_url_.find('?');
  const auto slash = admin_url_.rfind('/', query);
  url_ = admin_url_.substr(0, slash + 1) + name_ +
         (query == std::string::npos ? "" : admin_url_.substr(query));
}

ScratchPostgres::~ScratchPostgres() {
  try {
    RunAdminStatement(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // A leftover scratch database is harmless; the test database is thrown away in CI.
  }
}

}  // namespace sv::testing
