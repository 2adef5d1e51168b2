// `samverkan ads analyze` and `samverkan ads counts` as ../shared/spec/ads.md fixes them: the real
// binary on a file with good and bad lines.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server_process.h"
#include "testing.h"

namespace sv::testing {
namespace {

using nlohmann::json;

class AdsCliTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& text) {
    const std::string path = (dir_.path() / "ads.jsonl").string();
    std::ofstream(path) << text;
    return path;
  }
  TempDir dir_;
};

const char* kInput =
    R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-01T20:00:00+01:00","body":"Hej! Jag är Anna, 21 år. Ring noll sju noll 123 45 67. 1500kr/h","location":"Ume"})"
    "\n"
    R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-02T20:00:00+01:00","body":"Hej! Jag är Anna, 21 år. Ring noll sju noll 123 45 67. 1500kr/h","location":"Ume"})"
    "\n"
    "this is not json\n"
    R"({"site":"b.se","seen_at":"2026-11-02T20:00:00+01:00","body":""})"
    "\n"
    R"({"site":"b.se","ad_id":"9","seen_at":"2026-11-02T20:00:00+01:00","body":"Hi, I'm 16 and new here, write bella (at) example dot com","kind":"sugar"})"
    "\n";

TEST_F(AdsCliTest, AnalyzeWritesOneRecordPerAdAndNamesTheBadLines) {
  const std::string out = (dir_.path() / "out.jsonl").string();
  CommandResult r = RunSamverkan({"ads", "analyze", Write(kInput), "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("line 3: not a JSON object"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 4 field ad_id: is required"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lines read: 5, ads: 2, bad lines: 2"), std::string::npos) << r.err;

  std::ifstream in(out);
  std::vector<json> ads;
  for (std::string line; std::getline(in, line);) ads.push_back(json::parse(line));
  ASSERT_EQ(ads.size(), 2u);
  EXPECT_EQ(ads[0]["ad_id"], "1");
  EXPECT_EQ(ads[0]["first_seen"], "2026-11-01T19:00:00.000Z");
  EXPECT_EQ(ads[0]["last_seen"], "2026-11-02T19:00:00.000Z");
  EXPECT_EQ(ads[0]["phones"], json::parse(R"(["+46701234567"])"));
  EXPECT_EQ(ads[0]["ages"], json::parse("[21]"));
  EXPECT_EQ(ads[0]["prices"], json::parse(R"([{"amount":1500,"currency":"SEK","minutes":60}])"));
  EXPECT_EQ(ads[0]["municipality"], "2480");
  EXPECT_EQ(ads[0]["indicators"], json::parse(R"(["obfuscated_phone"])"));
  EXPECT_EQ(ads[1]["emails"], json::parse(R"(["bella@example.com"])"));
  EXPECT_EQ(ads[1]["indicators"], json::parse(R"(["possible_minor"])"));
  EXPECT_TRUE(ads[1]["municipality"].is_null());
  EXPECT_NE(ads[0]["template"], ads[1]["template"]);
  EXPECT_NE(ads[0]["group"], ads[1]["group"]);
}

TEST_F(AdsCliTest, CountsPerDayAsCsv) {
  CommandResult r = RunSamverkan({"ads", "counts", Write(kInput), "--period", "day"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "period,municipality,active_ads,unique_phones,groups\n"
            "2026-11-01,2480,1,1,1\n"
            "2026-11-02,,1,0,1\n"
            "2026-11-02,2480,1,1,1\n");
  CommandResult bad = RunSamverkan({"ads", "counts", Write(kInput), "--period", "year"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("--period must be day, week or month"), std::string::npos) << bad.err;
}

// `ads synth` (issue 7, point 8): a corpus that `ads analyze` reads without a bad line, and a truth
// of one object per ad; the same seed gives the same bytes.
TEST_F(AdsCliTest, SynthWritesACorpusThatAnalyzes) {
  const std::string truth = (dir_.path() / "truth.jsonl").string();
  CommandResult synth =
      RunSamverkan({"ads", "synth", "--count", "50", "--seed", "3", "--truth", truth});
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  std::ifstream truth_in(truth);
  int truth_lines = 0;
  for (std::string line; std::getline(truth_in, line);) {
    const json t = json::parse(line);
    EXPECT_TRUE(t.contains("template") && t.contains("group") && t.contains("phones")) << line;
    ++truth_lines;
  }
  EXPECT_EQ(truth_lines, 50);

  CommandResult analyzed = RunSamverkan({"ads", "analyze", Write(synth.out)});
  ASSERT_EQ(analyzed.exit_code, 0) << analyzed.err;
  EXPECT_NE(analyzed.err.find("ads: 50, bad lines: 0"), std::string::npos) << analyzed.err;
  EXPECT_EQ(std::count(analyzed.out.begin(), analyzed.out.end(), '\n'), 50);

  const std::string corpus = (dir_.path() / "again.jsonl").string();
  ASSERT_EQ(RunSamverkan({"ads", "synth", "--count", "50", "--seed", "3", "--out", corpus}).exit_code,
            0);
  std::ifstream again(corpus);
  std::stringstream again_text;
  again_text << again.rdbuf();
  EXPECT_EQ(again_text.str(), synth.out);
  EXPECT_NE(RunSamverkan({"ads", "synth", "--count", "-1"}).exit_code, 0);
}

TEST_F(AdsCliTest, AnEmptyOrMissingInputIsAnError) {
  EXPECT_EQ(RunSamverkan({"ads", "analyze", Write("")}).exit_code, 1);
  CommandResult missing = RunSamverkan({"ads", "analyze", "/nonexistent/ads.jsonl"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot open /nonexistent/ads.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace sv::testing
