// The real server over real HTTP: health, errors, headers, reference data, static files.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "server_process.h"

namespace sv::testing {
namespace {

using nlohmann::json;

TEST(ServerTest, HealthzAnswersWithVersionAndHeaders) {
  ServerProcess server;
  HttpResponse r = Request(server.port(), "GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  json body = json::parse(r.body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_FALSE(body["version"].get<std::string>().empty());
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_FALSE(r.Header("x-request-id").empty());
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  EXPECT_NE(r.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(r.Header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("referrer-policy"), "no-referrer");
}

TEST(ServerTest, ReadyzChecksTheDatabase) {
  ServerProcess server;
  HttpResponse r = Request(server.port(), "GET", "/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["checks"]["database"], "ok");
}

TEST(ServerTest, RequestIdIsEchoedOrMadeAndLogged) {
  ServerProcess server;
  HttpResponse r = Request(server.port(), "GET", "/healthz", {{"X-Request-Id", "trace-42.a"}});
  EXPECT_EQ(r.Header("x-request-id"), "trace-42.a");
  HttpResponse made = Request(server.port(), "GET", "/healthz", {{"X-Request-Id", "bad id!"}});
  EXPECT_NE(made.Header("x-request-id"), "bad id!");
  EXPECT_FALSE(made.Header("x-request-id").empty());
  server.Terminate();
  // Every request line in the JSON-lines log carries its request id.
  std::istringstream log(server.Log());
  int request_lines = 0;
  bool saw_echoed = false;
  for (std::string line; std::getline(log, line);) {
    json entry = json::parse(line);  // every line is JSON
    if (entry["event"] == "http.request") {
      ++request_lines;
      EXPECT_TRUE(entry.contains("request_id")) << line;
      saw_echoed = saw_echoed || entry["request_id"] == "trace-42.a";
      EXPECT_EQ(entry["path"], "/healthz") << line;
    }
  }
  EXPECT_EQ(request_lines, 2);
  EXPECT_TRUE(saw_echoed);
}

TEST(ServerTest, ErrorsAreJsonWithCodeMessageField) {
  ServerProcess server;
  HttpResponse missing = Request(server.port(), "GET", "/api/v1/no-such-thing");
  EXPECT_EQ(missing.status, 404);
  json body = json::parse(missing.body);
  EXPECT_EQ(body["error"]["code"], "not_found");
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_TRUE(body["error"].contains("field"));

  HttpResponse wrong_method = Request(server.port(), "POST", "/healthz");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.Header("allow"), "GET");
  EXPECT_EQ(json::parse(wrong_method.body)["error"]["code"], "method_not_allowed");

  HttpResponse traversal = Request(server.port(), "GET", "/assets/%2e%2e/%2e%2e/etc/passwd");
  EXPECT_EQ(traversal.status, 400);
  EXPECT_EQ(json::parse(traversal.body)["error"]["code"], "bad_request");
}

TEST(ServerTest, MalformedRequestLineGets400AndServerStaysUp) {
  ServerProcess server;
  Connection c(server.port());
  c.Send("GARBAGE\r\n\r\n");
  auto r = c.ReadResponse();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Request(server.port(), "GET", "/healthz").status, 200);
}

TEST(ServerTest, HeadHasHeadersButNoBody) {
  ServerProcess server;
  Connection c(server.port());
  c.Send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  // The HEAD response announces a length but carries no body: the next bytes are the GET's.
  auto head = c.ReadResponse();  // our parser would eat the GET as body if HEAD had one
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  EXPECT_NE(head->Header("content-length"), "0");
  EXPECT_EQ(head->body.substr(0, 4), "HTTP");
}

TEST(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  ServerProcess server;
  Connection c(server.port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto r = c.ReadResponse();
    ASSERT_TRUE(r.has_value()) << "request " << i;
    EXPECT_EQ(r->status, 200);
  }
}

TEST(ServerTest, MunicipalitiesComeFromTheDatabase) {
  ServerProcess server;
  HttpResponse r = Request(server.port(), "GET", "/api/v1/municipalities");
  ASSERT_EQ(r.status, 200);
  json list = json::parse(r.body)["municipalities"];
  EXPECT_EQ(list.size(), 290u);
  bool umea = false;
  for (const auto& m : list) umea = umea || (m["code"] == "2480" && m["short_name"] == "Umeå");
  EXPECT_TRUE(umea);
}

TEST(ServerTest, ServesTheWebApplicationWithTypesAndCaching) {
  TempDir web;
  std::filesystem::create_directories(web.path() / "assets");
  std::ofstream(web.path() / "index.html") << "<!doctype html><title>Samverkan</title>";
  std::ofstream(web.path() / "assets" / "index-abc123.js") << "console.log(1)";
  std::ofstream(web.path() / "assets" / "index-abc123.css") << "body{}";
  ServerProcess::Options options;
  options.extra_args = {"--web-root", web.path().string()};
  ServerProcess server(options);

  HttpResponse index = Request(server.port(), "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  EXPECT_NE(index.body.find("Samverkan"), std::string::npos);

  HttpResponse js = Request(server.port(), "GET", "/assets/index-abc123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Request(server.port(), "GET", "/assets/index-abc123.css").Header("content-type"),
            "text/css; charset=utf-8");

  // The application's own routes load index.html; missing files and API paths do not.
  HttpResponse route = Request(server.port(), "GET", "/insatser/12");
  EXPECT_EQ(route.status, 200);
  EXPECT_NE(route.body.find("Samverkan"), std::string::npos);
  EXPECT_EQ(Request(server.port(), "GET", "/assets/missing.js").status, 404);
  EXPECT_EQ(Request(server.port(), "GET", "/api/v1/unknown").status, 404);
  EXPECT_EQ(Request(server.port(), "GET", "/../../etc/passwd").status, 400);
}

}  // namespace
}  // namespace sv::testing
