#include "core/log.h"

#include <gtest/gtest.h>

namespace sv {
namespace {

TEST(LogTest, JsonLineHasTimeLevelEventAndFields) {
  std::string line = FormatLogLine(LogFormat::kJson, LogLevel::kInfo, "2026-01-01T00:00:00.000Z",
                                   "http.request",
                                   {{"request_id", "abc"}, {"status", 200}, {"ok", true}});
  EXPECT_EQ(line,
            R"({"time":"2026-01-01T00:00:00.000Z","level":"info","event":"http.request",)"
            R"("request_id":"abc","status":200,"ok":true})");
}

TEST(LogTest, JsonLineSurvivesInvalidUtf8) {
  std::string line = FormatLogLine(LogFormat::kJson, LogLevel::kWarn, "t", "e",
                                   {{"path", std::string_view("/\xff\xfe")}});
  EXPECT_NE(line.find("\"path\""), std::string::npos);
}

TEST(LogTest, TextLineIsReadable) {
  std::string line =
      FormatLogLine(LogFormat::kText, LogLevel::kError, "t", "db.down", {{"attempt", 3}});
  EXPECT_EQ(line, "t error db.down attempt=3");
}

}  // namespace
}  // namespace sv
