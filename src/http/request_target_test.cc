#include "http/request_target.h"

#include <gtest/gtest.h>

namespace sv::http {
namespace {

TEST(RequestTargetTest, SplitsPathAndDecodesQuery) {
  auto t = ParseRequestTarget("/api/v1/units/7?from=2026-01-01&q=a+b%20c&flag&=x");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->path, "/api/v1/units/7");
  EXPECT_EQ(t->segments, (std::vector<std::string>{"api", "v1", "units", "7"}));
  ASSERT_EQ(t->query.size(), 4u);
  EXPECT_EQ(t->query[0], (std::pair<std::string, std::string>{"from", "2026-01-01"}));
  EXPECT_EQ(t->query[1].second, "a b c");
  EXPECT_EQ(t->query[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(t->query[3], (std::pair<std::string, std::string>{"", "x"}));
}

TEST(RequestTargetTest, DecodesUtf8PathSegments) {
  auto t = ParseRequestTarget("/kommun/Ume%C3%A5");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/kommun/Umeå");
  EXPECT_EQ(t->segments.back(), "Umeå");
}

TEST(RequestTargetTest, KeepsPlusInPath) {
  auto t = ParseRequestTarget("/a+b");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/a+b");
}

TEST(RequestTargetTest, RootAndTrailingSlash) {
  auto root = ParseRequestTarget("/");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(root->path, "/");
  auto trailing = ParseRequestTarget("/a/b/");
  ASSERT_TRUE(trailing.ok());
  EXPECT_EQ(trailing->segments, (std::vector<std::string>{"a", "b", ""}));
}

TEST(RequestTargetTest, RefusesHostileTargets) {
  for (const char* bad : {"", "api", "http://example.org/", "/a/../b", "/a/./b", "/%2e%2e/x",
                          "/a%2fb", "/a%00b", "/bad%zzescape", "/trunc%4", "/q?x=%", "/x#frag",
                          "/%ff%fe", "/q?x=%c3%28", "/a\x01"}) {
    auto t = ParseRequestTarget(bad);
    EXPECT_FALSE(t.ok()) << "accepted: " << bad;
    if (!t.ok()) {
      EXPECT_EQ(t.status().code(), StatusCode::kInvalidInput);
    }
  }
}

TEST(RequestTargetTest, RefusesOverlongTargets) {
  EXPECT_FALSE(ParseRequestTarget("/" + std::string(9000, 'a')).ok());
  EXPECT_TRUE(ParseRequestTarget("/" + std::string(100, 'a'), 200).ok());
}

TEST(Utf8Test, ValidatesStrictly) {
  EXPECT_TRUE(IsValidUtf8("Umeå Ö 🚀"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // truncated
}

}  // namespace
}  // namespace sv::http
