#include "ads/analysis.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ads/ads_testing.h"
#include "ads/places.h"

namespace sv::ads {
namespace {

using ads::testing::Body;
using ads::testing::Line;

class AnalysisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<PlaceFinder> places = PlaceFinder::Embedded();
    ASSERT_TRUE(places.ok()) << places.status().ToString();
    places_ = std::make_unique<PlaceFinder>(std::move(*places));
  }
  std::unique_ptr<PlaceFinder> places_;
};

TEST_F(AnalysisTest, OneRecordPerAdWithTemplatesGroupsAndIndicators) {
  AdAnalysis analysis(*places_, nullptr);
  int n = 0;
  auto add = [&](const std::string& line) { return analysis.AddLine(line, ++n); };
  // Two ads of one template in Umeå and Skellefteå with different phones; a third shares the
  // second's phone with another text in Luleå; a 16-year-old alone.
  ASSERT_TRUE(add(Line("a.se", "1", "2026-11-01T20:00:00+01:00", Body("Anna", "21", "070-123 45 67"),
                       R"(,"location":"Umeå")")).ok());
  ASSERT_TRUE(add(Line("a.se", "1", "2026-11-03T20:00:00+01:00", Body("Anna", "21", "070-123 45 67"),
                       R"(,"location":"Umeå")")).ok());
  ASSERT_TRUE(add(Line("b.se", "x", "2026-11-05T20:00:00+01:00", Body("Bella", "22", "073-987 65 43"),
                       R"(,"location":"Skellefteå")")).ok());
  ASSERT_TRUE(add(Line("b.se", "y", "2026-11-10T20:00:00+01:00",
                       "Massage och avslappning i lugn miljö, ring 073-987 65 43 för tidsbokning "
                       "alla dagar i veckan.",
                       R"(,"location":"Luleå")")).ok());
  ASSERT_TRUE(add(Line("c.se", "k", "2026-11-10T20:00:00+01:00",
                       "Ny tjej, bara 16 år, skriv till mig på snapchat.")).ok());
  Status bad = add("not json");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("line 6"), std::string::npos) << bad.message();
  analysis.Finish();

  const std::vector<AdRecord>& ads = analysis.ads();
  ASSERT_EQ(ads.size(), 4u);
  EXPECT_EQ(ads[0].first_seen, ParseRfc3339("2026-11-01T19:00:00Z", "t").value());
  EXPECT_EQ(ads[0].last_seen, ParseRfc3339("2026-11-03T19:00:00Z", "t").value());
  EXPECT_EQ(ads[0].phones, (std::vector<std::string>{"+46701234567"}));
  EXPECT_EQ(ads[0].municipality, "2480");
  EXPECT_EQ(ads[0].template_of, 0u);
  EXPECT_EQ(ads[1].template_of, 0u) << "the same template with other slots";
  EXPECT_NE(ads[2].template_of, 0u);
  EXPECT_EQ(ads[2].group_of, 0u) << "through the shared phone";
  EXPECT_EQ(ads[3].group_of, 3u);
  EXPECT_EQ(ads[1].indicators, (std::vector<std::string>{"multi_city", "shared_contact"}));
  EXPECT_EQ(ads[2].indicators, (std::vector<std::string>{"multi_city", "shared_contact"}));
  EXPECT_EQ(ads[0].indicators, (std::vector<std::string>{"multi_city"}));
  EXPECT_EQ(ads[3].indicators, (std::vector<std::string>{"possible_minor"}));

  const AnalysisSummary s = analysis.summary();
  EXPECT_EQ(s.lines, 6);
  EXPECT_EQ(s.bad_lines, 1);
  EXPECT_EQ(s.ads, 4);
  EXPECT_EQ(s.templates, 3);
  EXPECT_EQ(s.groups, 2);

  std::ostringstream json;
  analysis.WriteJsonLines(json);
  const std::string first = json.str().substr(0, json.str().find('\n'));
  EXPECT_EQ(first,
            R"({"site":"a.se","ad_id":"1","first_seen":"2026-11-01T19:00:00.000Z",)"
            R"("last_seen":"2026-11-03T19:00:00.000Z","phones":["+46701234567"],"emails":[],)"
            R"("ages":[21],"prices":[],"municipality":"2480","language":null,)"
            R"("indicators":["multi_city"],"template":"t0","group":"g0"})");
}

TEST_F(AnalysisTest, CountsActiveAdsPhonesAndGroupsPerDayAndMunicipality) {
  AdAnalysis analysis(*places_, nullptr);
  ASSERT_TRUE(analysis.AddLine(Line("a.se", "1", "2026-11-01T23:30:00+01:00",
                                    Body("Anna", "21", "070-123 45 67"), R"(,"location":"Umeå")"),
                               1)
                  .ok());
  ASSERT_TRUE(analysis.AddLine(Line("a.se", "1", "2026-11-03T10:00:00+01:00",
                                    Body("Anna", "21", "070-123 45 67"), R"(,"location":"Umeå")"),
                               2)
                  .ok());
  ASSERT_TRUE(analysis.AddLine(Line("b.se", "2", "2026-11-02T10:00:00+01:00", "Hej"), 3).ok());
  analysis.Finish();
  std::ostringstream days;
  analysis.WriteCounts(days, Period::kDay);
  EXPECT_EQ(days.str(),
            "period,municipality,active_ads,unique_phones,groups\n"
            "2026-11-01,2480,1,1,1\n"
            "2026-11-02,,1,0,1\n"
            "2026-11-02,2480,1,1,1\n"
            "2026-11-03,2480,1,1,1\n");
  std::ostringstream months;
  analysis.WriteCounts(months, Period::kMonth);
  EXPECT_EQ(months.str(),
            "period,municipality,active_ads,unique_phones,groups\n"
            "2026-11,,1,0,1\n"
            "2026-11,2480,1,1,1\n");
}

// AddLines reads as `samverkan ads analyze` does: "\r\n" and "\n" both end a line, a last line
// without a newline counts, and lines are numbered from 1 (also across its blocks).
TEST_F(AnalysisTest, AddLinesNumbersTheLinesOfAStream) {
  AdAnalysis analysis(*places_, nullptr);
  std::string input;
  for (int i = 0; i < 3000; ++i) {
    input += Line("a.se", std::to_string(i % 1000), "2026-11-01T20:00:00+01:00",
                  std::string(700, 'x')) + (i % 2 ? "\r\n" : "\n");
  }
  input += "not json\n";
  input += Line("b.se", "last", "2026-11-02T20:00:00+01:00", "no newline after me");
  std::istringstream in(input);
  std::vector<std::string> bad;
  std::vector<int64_t> progress;
  LineHooks hooks;
  hooks.bad_line = [&](const Status& error) { bad.push_back(error.message()); };
  hooks.progress_every = 1000;
  hooks.progress = [&](int64_t lines, int64_t) { progress.push_back(lines); };
  const int64_t bytes = AddLines(in, analysis, hooks);
  analysis.Finish();
  EXPECT_EQ(bytes, static_cast<int64_t>(input.size()));
  EXPECT_EQ(analysis.summary().lines, 3002);
  EXPECT_EQ(analysis.summary().bad_lines, 1);
  EXPECT_EQ(analysis.summary().ads, 1001);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].rfind("line 3001:", 0), 0u) << bad[0];
  EXPECT_EQ(progress, (std::vector<int64_t>{1000, 2000, 3000}));
  EXPECT_EQ(analysis.ads().back().ad_id, "last");
}

// A line that repeats an earlier one but for its time is read without being parsed again: it is
// valid exactly when it would be alone (its time is still checked, with the parser's message),
// and its time counts for its ad.
TEST_F(AnalysisTest, ARepeatedLineIsCheckedAsIfItWereNew) {
  const std::string body = Body("Anna", "21", "070-123 45 67");
  auto line = [&](const std::string& seen) { return Line("a.se", "1", seen, body); };
  const std::string first = line("2026-11-01T20:00:00+01:00");
  for (const std::string& again : {
           line("2026-11-03T08:00:00Z"),
           line("2026-11-03T08:00:00"),
           line("1800-01-01T00:00:00Z"),
           line(""),
           line("2026-11-03T08:00:00.\\u0031Z"),
           line("2026-11-03T08:00:00Z\\"),
           line("2026-11-03T08:00:00." + std::string(kDefaultMaxLineBytes, '1') + "Z"),
           first + " ",
           first.substr(0, first.size() - 1),
       }) {
    AdAnalysis alone(*places_, nullptr);
    AdAnalysis after(*places_, nullptr);
    ASSERT_TRUE(after.AddLine(first, 1).ok());
    const Status expected = alone.AddLine(again, 2);
    const Status got = after.AddLine(again, 2);
    EXPECT_EQ(got.ok(), expected.ok()) << again.substr(0, 200);
    EXPECT_EQ(got.message(), expected.message()) << again.substr(0, 200);
    EXPECT_EQ(after.summary().bad_lines, alone.summary().bad_lines);
  }
  AdAnalysis analysis(*places_, nullptr);
  ASSERT_TRUE(analysis.AddLine(first, 1).ok());
  ASSERT_TRUE(analysis.AddLine(line("2026-11-05T10:00:00Z"), 2).ok());
  ASSERT_TRUE(analysis.AddLine(line("2026-10-30T10:00:00Z"), 3).ok());
  analysis.Finish();
  ASSERT_EQ(analysis.ads().size(), 1u);
  EXPECT_EQ(FormatRfc3339(analysis.ads()[0].first_seen), "2026-10-30T10:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(analysis.ads()[0].last_seen), "2026-11-05T10:00:00.000Z");
  EXPECT_EQ(analysis.ads()[0].phones, (std::vector<std::string>{"+46701234567"}));
}

// A content that comes back in a line written otherwise (spacing, an escape in its time, the keys
// in another order), so that the line is not known as a repeat, is read again, which adds
// nothing: the ad is the same as when it is seen once.
TEST_F(AnalysisTest, AContentWrittenOtherwiseAddsNothing) {
  const std::string body = Body("Anna", "21", "070-123 45 67");
  const std::string first = Line("a.se", "1", "2026-11-01T20:00:00+01:00", body);
  auto written = [](const AdAnalysis& a) {
    std::ostringstream out;
    a.WriteJsonLines(out);
    return out.str();
  };
  AdAnalysis once(*places_, nullptr);
  ASSERT_TRUE(once.AddLine(first, 1).ok());
  once.Finish();
  AdAnalysis again(*places_, nullptr);
  ASSERT_TRUE(again.AddLine(first, 1).ok());
  std::string spaced = first;
  spaced.replace(spaced.find("\"seen_at\":\""), 11, "\"seen_at\": \"");
  std::string escaped = first;
  escaped.replace(escaped.find("2026-11-01"), 1, "\\u0032");
  const std::string site = "\"site\":\"a.se\",";
  std::string reordered = first;
  reordered.replace(reordered.find(site), site.size(), "");
  reordered.insert(reordered.size() - 1, ",\"site\":\"a.se\"");
  int n = 1;
  for (const std::string& line : {spaced, escaped, reordered, spaced}) {
    ASSERT_TRUE(again.AddLine(line, ++n).ok()) << line;
  }
  again.Finish();
  EXPECT_EQ(again.summary().lines, 5);
  EXPECT_EQ(written(again), written(once));
}

TEST_F(AnalysisTest, StageTimesAreMeasuredOnlyWhenAsked) {
  const std::string line =
      Line("a.se", "1", "2026-11-01T20:00:00+01:00", Body("Anna", "21", "070-123 45 67"));
  AdAnalysis quiet(*places_, nullptr);
  ASSERT_TRUE(quiet.AddLine(line, 1).ok());
  quiet.Finish();
  EXPECT_EQ(quiet.stage_times().total(), 0);

  AdAnalysis measured(*places_, nullptr);
  measured.MeasureStages(true);
  ASSERT_TRUE(measured.AddLine(line, 1).ok());
  measured.Finish();
  const StageTimes t = measured.stage_times();
  EXPECT_GT(t.parse, 0);
  EXPECT_GT(t.phones, 0);
  EXPECT_GT(t.templates, 0);
  EXPECT_EQ(t.total(), t.parse + t.sentences + t.phones + t.emails + t.ages + t.prices + t.places + t.language +
                           t.wording + t.templates + t.groups + t.indicators);
}

TEST(PeriodTest, IsoWeeksAndMonths) {
  EXPECT_EQ(PeriodOf({2026, 11, 20}, Period::kWeek), "2026-W47");
  EXPECT_EQ(PeriodOf({2027, 1, 1}, Period::kWeek), "2026-W53");
  EXPECT_EQ(PeriodOf({2024, 12, 30}, Period::kWeek), "2025-W01");
  EXPECT_EQ(PeriodOf({2026, 11, 20}, Period::kMonth), "2026-11");
  EXPECT_EQ(PeriodOf({2026, 11, 20}, Period::kDay), "2026-11-20");
}

}  // namespace
}  // namespace sv::ads
