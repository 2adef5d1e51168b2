#include "http/static_files.h"

#include <fstream>

#include <gtest/gtest.h>

#include "testing.h"

namespace sv::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() / "assets");
    std::ofstream(dir_.path() / "index.html") << "<html>index</html>";
    std::ofstream(dir_.path() / "assets" / "app-1a2b.js") << "js";
    std::ofstream(dir_.path() / "favicon.svg") << "<svg/>";
  }
  Response Get(const std::string& path) {
    Request r;
    r.path = path;
    return StaticFiles(dir_.path()).Serve(r);
  }
  sv::testing::TempDir dir_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypeAndCaching) {
  Response js = Get("/assets/app-1a2b.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "js");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Cache-Control"), "public, max-age=31536000, immutable");
  Response svg = Get("/favicon.svg");
  EXPECT_EQ(svg.content_type, "image/svg+xml");
  EXPECT_EQ(svg.Header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, ApplicationRoutesGetIndex) {
  EXPECT_EQ(Get("/").body, "<html>index</html>");
  EXPECT_EQ(Get("/insatser/3").body, "<html>index</html>");
  EXPECT_EQ(Get("/missing.png").status, 404);
  EXPECT_EQ(Get("/api/v1/x").status, 404);
}

TEST_F(StaticFilesTest, LinksOutOfTheRootAreNotFollowed) {
  std::filesystem::create_symlink("/etc", dir_.path() / "etc");
  EXPECT_EQ(Get("/etc/hostname").status, 404);
}

TEST(ContentTypeTest, KnownAndUnknown) {
  EXPECT_EQ(ContentTypeFor("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("a.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("a.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace sv::http
