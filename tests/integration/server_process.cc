#include "server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sv::testing {
namespace {

std::string BinaryPath() {
  const char* bin = std::getenv("SAMVERKAN_BIN");  // NOLINT(concurrency-mt-unsafe)
  if (bin == nullptr) throw std::runtime_error("SAMVERKAN_BIN is not set (run through ctest)");
  return bin;
}

// Forks and execs the binary with `args`; stdout into `out_fd`'s write end, stderr into a file.
pid_t Spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            int stdout_fd, int stderr_fd, int stdin_fd = -1) {
  std::vector<std::string> argv_storage = {BinaryPath()};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (stdin_fd >= 0) dup2(stdin_fd, STDIN_FILENO);
    dup2(stdout_fd, STDOUT_FILENO);
    dup2(stderr_fd, STDERR_FILENO);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);  // NOLINT
    std::vector<char*> argv;
    for (auto& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

CommandResult RunSamverkan(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env,
                           const std::string& input) {
  TempDir dir;
  const auto in_path = dir.path() / "stdin";
  const auto out_path = dir.path() / "stdout";
  const auto err_path = dir.path() / "stderr";
  std::ofstream(in_path, std::ios::binary) << input;
  int in_fd = open(in_path.c_str(), O_RDONLY);
  int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = Spawn(args, env, out_fd, err_fd, in_fd);
  close(in_fd);
  close(out_fd);
  close(err_fd);
  CommandResult r;
  r.exit_code = WaitExit(pid);
  r.out = ReadFile(out_path);
  r.err = ReadFile(err_path);
  return r;
}

ServerProcess::ServerProcess(Options options) {
  database_url_ = options.database_url.empty()
                      ? "sqlite://" + (dir_.path() / "samverkan.db").string()
                      : options.database_url;
  key_file_ = options.key_file.empty() ? dir_.path() / "keys.toml" : options.key_file;
  if (options.key_file.empty()) {
    CommandResult keys = RunSamverkan({"keys", "init", "--file", key_file_.string()});
    if (keys.exit_code != 0) throw std::runtime_error("keys init failed: " + keys.err);
  }
  if (options.seed_demo) {
    CommandResult seeded = RunSamverkan({"seed-demo", "--database", database_url_});
    if (seeded.exit_code != 0) throw std::runtime_error("seed-demo failed: " + seeded.err);
  }
  std::vector<std::string> args = {"serve", "--listen", "127.0.0.1:0", "--database",
                                   database_url_};
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  auto env = options.env;
  env.emplace("SAMVERKAN_LOG_FORMAT", "json");
  env.emplace("SAMVERKAN_SERVER_WEB_ROOT", "");
  env.emplace("SAMVERKAN_SECURITY_KEY_FILE", key_file_.string());
  // Tests send many requests from one address; the rate-limit test sets its own limits.
  env.emplace("SAMVERKAN_SERVER_RATE_LIMIT_PER_SECOND", "100000");
  env.emplace("SAMVERKAN_SERVER_RATE_LIMIT_BURST", "100000");
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  int err_fd = open((dir_.path() / "server.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_ = Spawn(args, env, pipe_fds[1], err_fd);
  close(pipe_fds[1]);
  close(err_fd);

  // Read stdout until the "listening on" line. The bound (not a timing assertion) only keeps a
  // broken server from hanging the test run.
  const std::string marker = "samverkan listening on http://127.0.0.1:";
  std::string seen;
  for (int waited_ms = 0; waited_ms < 60000;) {
    pollfd p{pipe_fds[0], POLLIN, 0};
    int ready = poll(&p, 1, 100);
    waited_ms += 100;
    if (ready <= 0) continue;
    char buf[512];
    ssize_t n = read(pipe_fds[0], buf, sizeof buf);
    if (n <= 0) break;  // the server exited
    seen.append(buf, static_cast<std::size_t>(n));
    auto at = seen.find(marker);
    if (at != std::string::npos && seen.find('\n', at) != std::string::npos) {
      port_ = std::atoi(seen.c_str() + at + marker.size());
      break;
    }
  }
  close(pipe_fds[0]);
  if (port_ == 0) {
    Terminate();
    throw std::runtime_error("the server did not start; stdout: " + seen + "\nlog:\n" + Log());
  }
}

ServerProcess::~ServerProcess() { Terminate(); }

CommandResult ServerProcess::Run(std::vector<std::string> args, const std::string& input) const {
  return RunSamverkan(args, {{"SAMVERKAN_SECURITY_KEY_FILE", key_file_.string()},
                             {"SAMVERKAN_DATABASE_URL", database_url_}},
                      input);
}

int ServerProcess::Terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int code = WaitExit(pid_);
  pid_ = -1;
  return code;
}

std::string ServerProcess::Log() const { return ReadFile(dir_.path() / "server.log"); }

}  // namespace sv::testing
