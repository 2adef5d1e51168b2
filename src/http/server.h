#pragma once
// The HTTP/1.1 server: one I/O thread running C++20 coroutines (one per connection, no thread per
// connection) and a pool of worker threads that run handlers, which may block on the database.
//
// Every response gets the security headers, an X-Request-Id, and `Cache-Control: no-store` unless
// the handler set one. Limits: header size (431), body size (413 and the connection closed, before
// the body is read when Content-Length announces it), requests per client address (429 with
// Retry-After; /healthz and /readyz are exempt), a deadline for the whole request, an idle
// keep-alive timeout, a write timeout and a maximum number of connections (503).

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/log.h"
#include "core/status.h"
#include "http/router.h"

namespace sv::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see Server::port())
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 << 10;
  std::chrono::seconds read_timeout{15};
  std::chrono::seconds write_timeout{15};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_grace{20};
  std::size_t max_connections = 10000;
  double rate_limit_per_second = 100;
  double rate_limit_burst = 200;
  int worker_threads = 4;
};

// "127.0.0.1:8080", "[::1]:0", "localhost:8080" → host and port; kInvalidInput naming the problem.
Result<std::pair<std::string, uint16_t>> ParseListenAddress(const std::string& text);

class Server {
 public:
  // `router`, `logger` and `clock` must outlive the server.
  Server(ServerOptions options, const Router& router, Logger& logger, const Clock& clock);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. After success, port() is the bound port.
  Status Listen();
  uint16_t port() const;

  // Serves until Stop() (or SIGINT/SIGTERM after StopOnSignals()), then returns once requests in
  // flight have finished or the shutdown grace period has passed.
  void Run();
  // Makes SIGINT and SIGTERM call Stop(). Call before Run().
  void StopOnSignals();
  // Graceful stop: no new connections, idle connections closed, in-flight requests finish and
  // answer with `Connection: close`. Thread-safe; may be called more than once.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sv::http
