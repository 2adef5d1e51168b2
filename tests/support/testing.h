#pragma once
// Helpers every test may use. No mocks here: real files, real databases, real processes.

#include <filesystem>
#include <optional>
#include <string>

namespace sv::testing {

// A directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The source tree (SAMVERKAN_SOURCE_DIR, set by CTest), for fixtures and reference data.
std::filesystem::path SourceDir();

// URL of a fresh PostgreSQL database for tests (SAMVERKAN_TEST_POSTGRES_URL), or nothing when
// none is configured. Tests that need it skip with a message then; CI always sets it.
std::optional<std::string> PostgresUrl();

// A fresh PostgreSQL database created for one test and dropped afterwards, so tests that use
// PostgreSQL can run in parallel. Needs PostgresUrl() (whose role may create databases).
class ScratchPostgres {
 public:
  ScratchPostgres();
  ~ScratchPostgres();
  ScratchPostgres(const ScratchPostgres&) = delete;
  ScratchPostgres& operator=(const ScratchPostgres&) = delete;
  const std::string& url() const { return url_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

}  // namespace sv::testing
