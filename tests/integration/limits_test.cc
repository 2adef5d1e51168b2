// Hostile clients: oversized bodies and headers, slow senders, idle connections, floods. In every
// case the server stays up and answers /healthz to other clients.
#include <signal.h>

#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "server_process.h"

namespace sv::testing {
namespace {

using nlohmann::json;

void ExpectHealthy(int port) {
  HttpResponse r = Request(port, "GET", "/healthz");
  EXPECT_EQ(r.status, 200);
}

TEST(LimitsTest, BodyOverLimitIs413AndConnectionClosed) {
  ServerProcess::Options options;
  options.env = {{"SAMVERKAN_SERVER_MAX_BODY_BYTES", "4096"}};
  ServerProcess server(options);
  Connection c(server.port());
  // Announced by Content-Length: refused before the body is read.
  c.Send("POST /api/v1/municipalities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         "Content-Length: 100000\r\n\r\n{");
  auto r = c.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(json::parse(r->body)["error"]["code"], "body_too_large");
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_TRUE(c.WaitForClose(10000));
  ExpectHealthy(server.port());
}

TEST(LimitsTest, ChunkedBodyOverLimitIs413) {
  ServerProcess::Options options;
  options.env = {{"SAMVERKAN_SERVER_MAX_BODY_BYTES", "4096"}};
  ServerProcess server(options);
  Connection c(server.port());
  std::string chunk(2000, 'a');
  std::string req = "POST /api/v1/municipalities HTTP/1.1\r\nHost: x\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) req += "7d0\r\n" + chunk + "\r\n";
  req += "0\r\n\r\n";
  c.Send(req);
  auto r = c.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_TRUE(c.WaitForClose(10000));
  ExpectHealthy(server.port());
}

TEST(LimitsTest, HeaderOverLimitIs431) {
  ServerProcess server;
  Connection c(server.port());
  c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(64 * 1024, 'p') +
         "\r\n\r\n");
  auto r = c.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(json::parse(r->body)["error"]["code"], "header_too_large");
  ExpectHealthy(server.port());
}

TEST(LimitsTest, ByteASecondClientIsTimedOut) {
  ServerProcess::Options options;
  options.env = {{"SAMVERKAN_SERVER_READ_TIMEOUT_SECONDS", "2"}};
  ServerProcess server(options);
  Connection slow(server.port());
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " +
                              std::string(30, 's') + "\r\n\r\n";
  bool cut_off = false;
  // Send one byte a second. The server's deadline covers the whole request, so it must answer
  // 408 or close long before the request is complete; meanwhile others are served at once.
  for (std::size_t i = 0; i < request.size(); ++i) {
    if (!slow.Send(request.substr(i, 1)) || slow.WaitForClose(1000)) {
      cut_off = true;
      break;
    }
    if (i == 0) ExpectHealthy(server.port());
  }
  EXPECT_TRUE(cut_off) << "the server read a byte-a-second request to its end";
  ExpectHealthy(server.port());
}

TEST(LimitsTest, ThousandIdleConnectionsDoNotStopOthers) {
  ServerProcess server;
  std::vector<std::unique_ptr<Connection>> idle;
  for (int i = 0; i < 1000; ++i) idle.push_back(std::make_unique<Connection>(server.port()));
  // Half of them start a request and stall in the middle of the headers.
  for (int i = 0; i < 500; ++i) idle[i]->Send("GET /healthz HTTP/1.1\r\nHost:");
  for (int i = 0; i < 20; ++i) ExpectHealthy(server.port());
  HttpResponse r = Request(server.port(), "GET", "/api/v1/municipalities");
  EXPECT_EQ(r.status, 200);
}

TEST(LimitsTest, RequestRatePerClientIsLimitedButHealthIsExempt) {
  ServerProcess::Options options;
  options.env = {{"SAMVERKAN_SERVER_RATE_LIMIT_PER_SECOND", "1"},
                 {"SAMVERKAN_SERVER_RATE_LIMIT_BURST", "5"}};
  ServerProcess server(options);
  int limited = 0;
  std::string retry_after;
  for (int i = 0; i < 15; ++i) {
    HttpResponse r = Request(server.port(), "GET", "/api/v1/municipalities");
    if (r.status == 429) {
      ++limited;
      retry_after = r.Header("retry-after");
      EXPECT_EQ(json::parse(r.body)["error"]["code"], "too_many_requests");
    }
  }
  // A burst of 5 refilled at 1/s cannot serve 15 requests unless they took over 10 seconds.
  EXPECT_GT(limited, 0);
  EXPECT_FALSE(retry_after.empty());
  for (int i = 0; i < 10; ++i) ExpectHealthy(server.port());
}

TEST(LimitsTest, GracefulShutdownFinishesTheRequestInFlight) {
  ServerProcess::Options options;
  ServerProcess server(options);
  Connection idle(server.port());
  Connection in_flight(server.port());
  // Start a request and leave its body half sent.
  in_flight.Send("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345");
  // Let the server see the request start before the signal.
  HttpResponse r = Request(server.port(), "GET", "/healthz");
  ASSERT_EQ(r.status, 200);
  std::thread terminate([&server] { server.Terminate(); });
  // The idle connection is closed; the one in flight completes and is then closed.
  EXPECT_TRUE(idle.WaitForClose(10000));
  in_flight.Send("67890");
  auto answer = in_flight.ReadResponse();
  terminate.join();
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->status, 405);
  EXPECT_EQ(answer->Header("connection"), "close");
}

TEST(LimitsTest, SigtermExitsCleanly) {
  ServerProcess server;
  ExpectHealthy(server.port());
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace sv::testing
