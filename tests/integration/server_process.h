#pragma once
// Runs the real `samverkan` binary (SAMVERKAN_BIN) as a child process for integration tests.

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "testing.h"

namespace sv::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `samverkan ARGS...` to completion with extra environment variables.
// `input` is written to its standard input.
CommandResult RunSamverkan(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env = {},
                           const std::string& input = "");

// `samverkan serve --listen 127.0.0.1:0` against a fresh SQLite database in a temp dir (or the
// given database URL), started in the constructor; it returns once the server printed its
// "listening on" line. The destructor sends SIGTERM and waits.
class ServerProcess {
 public:
  struct Options {
    std::string database_url;                  // empty: a fresh SQLite file
    std::map<std::string, std::string> env;    // e.g. SAMVERKAN_SERVER_READ_TIMEOUT_SECONDS
    std::vector<std::string> extra_args;       // after `serve`
    bool seed_demo = false;                    // run `seed-demo` first
    std::filesystem::path key_file;            // an existing key file (empty: make new keys)
  };
  ServerProcess() : ServerProcess(Options{}) {}
  explicit ServerProcess(Options options);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  const std::string& database_url() const { return database_url_; }
  const std::filesystem::path& key_file() const { return key_file_; }
  // The SQLite file (empty for PostgreSQL).
  std::filesystem::path database_file() const { return dir_.path() / "samverkan.db"; }
  // Runs another `samverkan` command against the same database and keys.
  CommandResult Run(std::vector<std::string> args, const std::string& input = "") const;
  // Sends SIGTERM and waits; returns the exit status (128 + signal when killed by one).
  int Terminate();
  // What the server logged on standard error so far.
  std::string Log() const;

 private:
  TempDir dir_;
  std::string database_url_;
  std::filesystem::path key_file_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace sv::testing
