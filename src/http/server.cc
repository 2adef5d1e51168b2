#include "http/server.h"

#include <atomic>
#include <charconv>
#include <list>
#include <random>
#include <thread>

#include "http/detail/asio.h"
#include "http/rate_limiter.h"
#include "http/request_target.h"

namespace sv::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// Completion token that stores the error in `ec` instead of throwing.
auto NoThrow(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'; object-src 'none'";

bool IsAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

// A malformed request (as opposed to a closed, timed-out or cancelled connection).
bool IsParseError(const beast::error_code& ec) {
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return false;
  return ec.category() == beast::error_code(bhttp::error::bad_method).category();
}

std::string RandomHex(int digits) {
  std::random_device rd;
  std::uniform_int_distribution<int> nibble(0, 15);
  std::string out;
  for (int i = 0; i < digits; ++i) out += "0123456789abcdef"[nibble(rd)];
  return out;
}

}  // namespace

Result<std::pair<std::string, uint16_t>> ParseListenAddress(const std::string& text) {
  std::string host;
  std::string port_text;
  if (!text.empty() && text[0] == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Status::InvalidInput("listen address must be HOST:PORT, not \"" + text + "\"",
                                  "listen");
    }
    host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      return Status::InvalidInput("listen address must be HOST:PORT, not \"" + text + "\"",
                                  "listen");
    }
    host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return Status::InvalidInput("listen port must be a number from 0 to 65535, not \"" +
                                    port_text + "\"",
                                "listen");
  }
  return std::pair{host, static_cast<uint16_t>(port)};
}

struct Server::Impl {
  Impl(ServerOptions opts, const Router& r, Logger& l, const Clock& c)
      : options(std::move(opts)),
        router(r),
        log(l),
        clock(c),
        workers(static_cast<std::size_t>(options.worker_threads)),
        limiter(c, options.rate_limit_per_second, options.rate_limit_burst),
        id_prefix(RandomHex(8)) {}

  // A live connection, touched only on the I/O thread.
  struct Connection {
    beast::tcp_stream* stream;
    bool busy;  // reading or answering a request; idle connections are closed at shutdown
  };

  ServerOptions options;
  const Router& router;
  Logger& log;
  const Clock& clock;
  asio::io_context io{1};
  asio::thread_pool workers;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io};
  asio::steady_timer grace_timer{io};
  RateLimiter limiter;
  std::string id_prefix;
  uint64_t request_counter = 0;
  std::list<Connection> connections;
  bool stopping = false;  // I/O thread only
  std::atomic<bool> stop_requested{false};

  std::string NextRequestId() { return id_prefix + "-" + std::to_string(++request_counter); }

  asio::awaitable<void> Accept();
  asio::awaitable<void> Serve(tcp::socket socket);
  asio::awaitable<Response> Handle(Request request);
  asio::awaitable<Response> RunHandler(Request request);
  template <typename Body>
  asio::awaitable<void> Write(beast::tcp_stream& stream, bhttp::response<Body>& res);
  bhttp::response<bhttp::string_body> ToBeast(Response r, unsigned version, bool keep_alive,
                                              bool head, const std::string& request_id) const;
  void BeginStop();
  void OnConnectionClosed();
};

bhttp::response<bhttp::string_body> Server::Impl::ToBeast(Response r, unsigned version,
                                                          bool keep_alive, bool head,
                                                          const std::string& request_id) const {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) res.set(name, value);
  if (!r.Header("Cache-Control")) res.set(bhttp::field::cache_control, "no-store");
  res.set("Content-Security-Policy", kContentSecurityPolicy);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.set("X-Request-Id", request_id);
  res.keep_alive(keep_alive && !r.close_connection);
  res.body() = std::move(r.body);
  res.prepare_payload();
  if (head) {
    const auto length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  return res;
}

template <typename Body>
asio::awaitable<void> Server::Impl::Write(beast::tcp_stream& stream, bhttp::response<Body>& res) {
  stream.expires_after(options.write_timeout);
  beast::error_code ec;
  co_await bhttp::async_write(stream, res, NoThrow(ec));
  if (ec) log.Debug("http.write_failed", {{"error", ec.message()}});
}

asio::awaitable<Response> Server::Impl::Handle(Request request) {
  // Handlers may block on the database: run them on the worker pool, then resume on the I/O
  // thread (co_spawn completes on the awaiting coroutine's executor). A member coroutine taking
  // the request by value, not a lambda with an init-capture: GCC 12 miscompiles the latter.
  co_return co_await asio::co_spawn(workers, RunHandler(std::move(request)), asio::use_awaitable);
}

asio::awaitable<Response> Server::Impl::RunHandler(Request request) {
  try {
    co_return router.Dispatch(request);
  } catch (const std::exception& e) {
    log.Error("http.handler_failed", {{"request_id", request.request_id}, {"error", e.what()}});
  } catch (...) {
    log.Error("http.handler_failed", {{"request_id", request.request_id}});
  }
  co_return ErrorResponse(500, "internal",
                          "an unexpected error occurred; request id " + request.request_id);
}

asio::awaitable<void> Server::Impl::Serve(tcp::socket socket) {
  beast::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  const std::string client = ec ? "unknown" : remote.address().to_string();
  beast::tcp_stream stream(std::move(socket));
  auto self = connections.insert(connections.end(), Connection{&stream, false});
  beast::flat_buffer buffer;
  bool first = true;

  while (!stopping) {
    // Wait for the first bytes of the next request. Idle here, so shutdown may cancel us.
    self->busy = false;
    if (buffer.size() == 0) {
      stream.expires_after(first ? options.read_timeout : options.idle_timeout);
      beast::error_code read_ec;
      const std::size_t n =
          co_await stream.async_read_some(buffer.prepare(4096), NoThrow(read_ec));
      if (read_ec) break;  // closed, timed out or cancelled: nothing to answer
      buffer.commit(n);
    }
    first = false;
    self->busy = true;
    const auto started = std::chrono::steady_clock::now();
    std::string request_id = NextRequestId();

    // The whole request (headers and body) must arrive within read_timeout: a client that sends
    // a byte a second is cut off.
    stream.expires_after(options.read_timeout);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(options.max_body_bytes);

    auto reject = [&](int status, std::string_view code, std::string message) {
      Response r = ErrorResponse(status, code, message);
      r.close_connection = true;
      log.Info("http.rejected", {{"request_id", request_id}, {"client", client},
                                 {"status", status}, {"reason", message}});
      return ToBeast(std::move(r), 11, false, false, request_id);
    };

    auto BodyTooLarge = [&] {
      return reject(413, "body_too_large",
                    "the request body is larger than " + std::to_string(options.max_body_bytes) +
                        " bytes");
    };

    beast::error_code header_ec;
    co_await bhttp::async_read_header(stream, buffer, parser, NoThrow(header_ec));
    if (header_ec) {
      if (header_ec == bhttp::error::body_limit) {
        // Beast compares an announced Content-Length with the limit while reading the header.
        auto res = BodyTooLarge();
        co_await Write(stream, res);
      } else if (header_ec == bhttp::error::header_limit) {
        auto res = reject(431, "header_too_large",
                          "the request headers are larger than " +
                              std::to_string(options.max_header_bytes) + " bytes");
        co_await Write(stream, res);
      } else if (header_ec == beast::error::timeout) {
        auto res = reject(408, "request_timeout", "the request did not arrive in time");
        co_await Write(stream, res);
      } else if (IsParseError(header_ec) ||
                 header_ec == bhttp::error::bad_target) {
        auto res = reject(400, "bad_request", "malformed HTTP request: " + header_ec.message());
        co_await Write(stream, res);
      }
      break;
    }

    auto& header = parser.get();
    if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
      bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, header.version()};
      co_await Write(stream, proceed);
    }
    beast::error_code body_ec;
    co_await bhttp::async_read(stream, buffer, parser, NoThrow(body_ec));
    if (body_ec) {
      if (body_ec == bhttp::error::body_limit) {
        auto res = BodyTooLarge();
        co_await Write(stream, res);
      } else if (body_ec == beast::error::timeout) {
        auto res = reject(408, "request_timeout", "the request body did not arrive in time");
        co_await Write(stream, res);
      } else if (IsParseError(body_ec)) {
        auto res = reject(400, "bad_request", "malformed HTTP request: " + body_ec.message());
        co_await Write(stream, res);
      }
      break;
    }

    bhttp::request<bhttp::string_body> beast_request = parser.release();
    const bool head = beast_request.method() == bhttp::verb::head;
    const bool keep_alive = beast_request.keep_alive();
    const unsigned version = beast_request.version();
    if (auto incoming = beast_request["X-Request-Id"];
        IsAcceptableRequestId(incoming)) {
      request_id = std::string(incoming);
    }

    Request request;
    request.method = ParseMethod(beast_request.method_string());
    request.target = std::string(beast_request.target());
    request.request_id = request_id;
    request.client_address = client;
    Response response;
    Result<RequestTarget> target = ParseRequestTarget(request.target);
    // The decoded path without the query (which may hold personal data) for the log line.
    const std::string log_path = target.ok() ? target->path : std::string("(invalid)");
    if (!target.ok()) {
      response = ErrorResponse(400, "bad_request", target.status().message());
    } else {
      request.path = std::move(target->path);
      request.query = std::move(target->query);
      for (const auto& field : beast_request) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
        if (!inserted) it->second += ", " + std::string(field.value());
      }
      request.body = std::move(beast_request.body());
      const bool exempt = request.path == "/healthz" || request.path == "/readyz";
      if (!exempt && !limiter.Allow(client)) {
        response = ErrorResponse(429, "too_many_requests",
                                 "too many requests from this address; try again shortly");
        response.SetHeader("Retry-After", std::to_string(limiter.RetryAfterSeconds(client)));
      } else {
        response = co_await Handle(std::move(request));
      }
    }
    const int status = response.status;
    auto res = ToBeast(std::move(response), version, keep_alive && !stopping, head, request_id);
    const bool close_after = !res.keep_alive();
    co_await Write(stream, res);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    log.Info("http.request", {{"request_id", request_id},
                              {"method", std::string(beast_request.method_string())},
                              {"path", log_path},
                              {"status", status},
                              {"duration_ms", static_cast<double>(micros) / 1000.0},
                              {"client", client}});
    if (close_after) break;
  }

  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.close();
  connections.erase(self);
  OnConnectionClosed();
}

asio::awaitable<void> Server::Impl::Accept() {
  while (!stopping) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(NoThrow(ec));
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) break;
      log.Warn("http.accept_failed", {{"error", ec.message()}});
      // Out of file descriptors and the like: back off briefly instead of spinning.
      asio::steady_timer pause(io, std::chrono::milliseconds(50));
      co_await pause.async_wait(NoThrow(ec));
      continue;
    }
    if (connections.size() >= options.max_connections) {
      beast::tcp_stream stream(std::move(socket));
      Response r = ErrorResponse(503, "unavailable", "the server has too many connections");
      r.close_connection = true;
      auto res = ToBeast(std::move(r), 11, false, false, NextRequestId());
      co_await Write(stream, res);
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      continue;
    }
    asio::co_spawn(io, Serve(std::move(socket)), asio::detached);
  }
}

void Server::Impl::BeginStop() {
  if (stopping) return;
  stopping = true;
  log.Info("http.stopping", {{"connections", static_cast<int64_t>(connections.size())}});
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  for (Connection& c : connections) {
    if (!c.busy) c.stream->cancel();
  }
  if (connections.empty()) return;
  grace_timer.expires_after(options.shutdown_grace);
  grace_timer.async_wait([this](beast::error_code wait_ec) {
    if (wait_ec) return;  // cancelled: every connection finished in time
    log.Warn("http.shutdown_grace_expired",
             {{"connections", static_cast<int64_t>(connections.size())}});
    for (Connection& c : connections) c.stream->cancel();
  });
}

void Server::Impl::OnConnectionClosed() {
  if (stopping && connections.empty()) grace_timer.cancel();
}

Server::Server(ServerOptions options, const Router& router, Logger& logger, const Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(options), router, logger, clock)) {}

Server::~Server() {
  impl_->workers.join();
}

Status Server::Listen() {
  Impl& s = *impl_;
  beast::error_code ec;
  auto address = asio::ip::make_address(s.options.host == "localhost" ? "127.0.0.1" : s.options.host,
                                        ec);
  if (ec) {
    return Status::InvalidInput("cannot listen on \"" + s.options.host + "\": not an IP address",
                                "listen");
  }
  tcp::endpoint endpoint(address, s.options.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("cannot listen on " + s.options.host + ":" +
                               std::to_string(s.options.port) + ": " + ec.message());
  }
  return {};
}

uint16_t Server::port() const {
  beast::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void Server::StopOnSignals() {
  Impl& s = *impl_;
  s.signals.add(SIGINT);
  s.signals.add(SIGTERM);
  s.signals.async_wait([&s](beast::error_code ec, int signal) {
    if (ec) return;
    s.log.Info("http.signal", {{"signal", signal}});
    s.BeginStop();
  });
}

void Server::Run() {
  Impl& s = *impl_;
  asio::co_spawn(s.io, s.Accept(), asio::detached);
  // A Stop() that came before Run() still counts.
  if (s.stop_requested) asio::post(s.io, [&s] { s.BeginStop(); });
  s.io.run();
  s.log.Info("http.stopped");
}

void Server::Stop() {
  Impl& s = *impl_;
  s.stop_requested = true;
  asio::post(s.io, [&s] { s.BeginStop(); });
}

}  // namespace sv::http
