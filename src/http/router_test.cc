#include "http/router.h"

#include <gtest/gtest.h>

namespace sv::http {
namespace {

Handler Reply(std::string text) {
  return [text](const Request& r) {
    Response res;
    res.body = text + (r.path_params.empty() ? "" : ":" + r.path_params.begin()->second);
    return res;
  };
}

Request Make(Method m, std::string path) {
  Request r;
  r.method = m;
  r.path = std::move(path);
  return r;
}

TEST(RouterTest, MatchesLiteralsAndParameters) {
  Router router;
  router.Add(Method::kGet, "/api/v1/units/{id}", Reply("unit"));
  router.Add(Method::kGet, "/api/v1/units/me", Reply("me"));
  router.Add(Method::kGet, "/api/v1/units", Reply("list"));
  Request a = Make(Method::kGet, "/api/v1/units/42");
  EXPECT_EQ(router.Dispatch(a).body, "unit:42");
  EXPECT_EQ(a.Param("id"), "42");
  Request b = Make(Method::kGet, "/api/v1/units/me");
  EXPECT_EQ(router.Dispatch(b).body, "me");
  Request c = Make(Method::kGet, "/api/v1/units");
  EXPECT_EQ(router.Dispatch(c).body, "list");
}

TEST(RouterTest, EmptyParameterDoesNotMatch) {
  Router router;
  router.Add(Method::kGet, "/units/{id}", Reply("unit"));
  Request r = Make(Method::kGet, "/units/");
  EXPECT_EQ(router.Dispatch(r).status, 404);
}

TEST(RouterTest, WrongMethodIs405WithAllow) {
  Router router;
  router.Add(Method::kGet, "/things", Reply("get"));
  router.Add(Method::kPost, "/things", Reply("post"));
  Request r = Make(Method::kDelete, "/things");
  Response res = router.Dispatch(r);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.Header("Allow"), "GET, POST");
  EXPECT_NE(res.body.find("method_not_allowed"), std::string::npos);
}

TEST(RouterTest, HeadUsesGetRoute) {
  Router router;
  router.Add(Method::kGet, "/x", Reply("x"));
  Request r = Make(Method::kHead, "/x");
  EXPECT_EQ(router.Dispatch(r).body, "x");
}

TEST(RouterTest, FallbackOnlyForGet) {
  Router router;
  router.SetFallback(Reply("static"));
  Request get = Make(Method::kGet, "/anything");
  EXPECT_EQ(router.Dispatch(get).body, "static");
  Request post = Make(Method::kPost, "/anything");
  EXPECT_EQ(router.Dispatch(post).status, 404);
}

TEST(RouterTest, RefusesDuplicateAndMalformedPatterns) {
  Router router;
  router.Add(Method::kGet, "/a", Reply("a"));
  EXPECT_THROW(router.Add(Method::kGet, "/a", Reply("a")), std::invalid_argument);
  EXPECT_THROW(router.Add(Method::kGet, "a", Reply("a")), std::invalid_argument);
  EXPECT_NO_THROW(router.Add(Method::kPost, "/a", Reply("a")));
  EXPECT_EQ(router.Routes().size(), 2u);
}

TEST(MessageTest, ErrorBodyHasCodeMessageField) {
  Response r = ErrorResponse(Status::InvalidInput("must be a date", "planned_start"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body,
            R"({"error":{"code":"invalid_input","field":"planned_start","message":"must be a date"}})");
  Response n = ErrorResponse(Status::NotFound("no such operation"));
  EXPECT_EQ(n.status, 404);
  EXPECT_NE(n.body.find(R"("field":null)"), std::string::npos);
}

}  // namespace
}  // namespace sv::http
