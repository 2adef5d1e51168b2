// `samverkan stats its` as ../shared/spec/stats.md fixes it: the real binary on the reference data
// and on the R fixtures of tests/cases/stats, and every kind of bad input.
#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server_process.h"
#include "testing.h"

namespace sv::testing {
namespace {

using nlohmann::json;

// The fixtures beside this file's folder: CTest's environment for the integration tests carries
// SAMVERKAN_BIN but, through gtest_discover_tests' list handling, not always SAMVERKAN_SOURCE_DIR.
std::filesystem::path Cases() {
  return std::filesystem::path(__FILE__).parent_path().parent_path() / "cases/stats";
}

double Relative(double actual, double expected) {
  return expected == 0 ? std::abs(actual) : std::abs(actual - expected) / std::abs(expected);
}

class StatsCliTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& csv) {
    const std::string path = (dir_.path() / "series.csv").string();
    std::ofstream(path) << csv;
    return path;
  }
  // `stats its` on `data` with the basic columns of Write's tables, plus `extra` options.
  CommandResult Its(const std::string& data, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"stats", "its", "--data", data, "--count", "ads", "--time",
                                     "week", "--intervention", "operation"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunSamverkan(args);
  }
  TempDir dir_;
};

// Twelve weeks, operations from week 7.
std::string Weeks(const std::vector<std::string>& ads, const std::vector<int>& operation = {}) {
  std::string csv = "week,ads,operation\n";
  for (std::size_t i = 0; i < ads.size(); ++i) {
    const int on = operation.empty() ? (i >= 6 ? 1 : 0) : operation[i];
    csv += std::to_string(i + 1) + "," + ads[i] + "," + std::to_string(on) + "\n";
  }
  return csv;
}
const std::vector<std::string> kAds = {"30", "34", "29", "35", "31", "36",
                                       "22", "25", "21", "24", "20", "23"};

TEST_F(StatsCliTest, JsonOnTheSmokingBanDataMatchesTheReference) {
  CommandResult r = RunSamverkan(
      {"stats", "its", "--data", (Cases() / "sicily.csv").string(), "--count", "aces", "--time",
       "time", "--intervention", "smokban", "--offset", "stdpop", "--season", "month",
       "--harmonics", "2", "--period", "12", "--family", "quasipoisson", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  std::vector<std::string> keys;
  const nlohmann::ordered_json printed = nlohmann::ordered_json::parse(r.out);
  for (const auto& [key, value] : printed.items()) keys.push_back(key);  // in the order printed
  EXPECT_EQ(keys, (std::vector<std::string>{"family", "n", "df_residual", "dispersion", "deviance",
                                            "iterations", "converged", "theta", "coefficients",
                                            "effects"}));
  EXPECT_EQ(j["family"], "quasipoisson");
  EXPECT_EQ(j["n"], 59);
  EXPECT_EQ(j["df_residual"], 52);
  EXPECT_LT(Relative(j["dispersion"], 2.262182641), 1e-6) << j["dispersion"];
  EXPECT_TRUE(j["converged"].get<bool>());
  EXPECT_TRUE(j["theta"].is_null());
  ASSERT_EQ(j["coefficients"].size(), 7u);
  const json& ban = j["coefficients"][1];
  EXPECT_EQ(ban["term"], "intervention");
  EXPECT_LT(Relative(ban["std_error"], 0.02703109877), 1e-6) << ban;
  EXPECT_NEAR(ban["ci_high"].get<double>() - ban["estimate"].get<double>(),
              1.959964 * ban["std_error"].get<double>(), 1e-12);
  for (const char* key : {"term", "estimate", "std_error", "z", "p_value", "ci_low", "ci_high"}) {
    EXPECT_TRUE(ban.contains(key)) << key;
  }
  const json& level = j["effects"]["level_change"];
  EXPECT_EQ(level["term"], "intervention");
  EXPECT_NEAR(level["rate_ratio"].get<double>(), 0.885072, 5e-7);
  EXPECT_NEAR(level["ci_low"].get<double>(), 0.839401, 5e-7);
  EXPECT_NEAR(level["ci_high"].get<double>(), 0.933227, 5e-7);
  EXPECT_TRUE(j["effects"]["slope_change"].is_null());
}

// Each R fixture through the command line: the options it names, the numbers R wrote.
TEST_F(StatsCliTest, EveryRFixtureThroughTheCommand) {
  int fixtures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Cases())) {
    if (!std::filesystem::exists(entry.path() / "expected.json")) continue;
    SCOPED_TRACE(entry.path().filename().string());
    ++fixtures;
    std::ifstream in(entry.path() / "expected.json");
    const json expected = json::parse(in);
    const json& o = expected["options"];
    std::vector<std::string> args = {"stats", "its", "--data", (entry.path() / "data.csv").string(),
                                     "--count", o["count"], "--time", o["time"], "--intervention",
                                     o["intervention"], "--family", o["family"], "--json"};
    if (!o["offset"].is_null()) args.insert(args.end(), {"--offset", o["offset"]});
    if (o["slope_change"].get<bool>()) args.push_back("--slope-change");
    if (!o["season"].is_null()) {
      args.insert(args.end(), {"--season", o["season"]["column"], "--harmonics",
                               std::to_string(o["season"]["harmonics"].get<int>()), "--period",
                               std::to_string(o["season"]["period"].get<double>())});
    }
    for (const json& c : o["covariates"]) args.insert(args.end(), {"--covariate", c});
    if (!o["group"].is_null()) args.insert(args.end(), {"--group", o["group"]});
    if (!o["hac_lag"].is_null()) {
      args.insert(args.end(), {"--hac-lag", std::to_string(o["hac_lag"].get<int>())});
    }
    CommandResult r = RunSamverkan(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j["family"], o["family"]);
    EXPECT_LT(Relative(j["deviance"], expected["deviance"]), 1e-6);
    EXPECT_LT(Relative(j["dispersion"], expected["dispersion"]), 1e-6);
    if (!expected["theta"].is_null()) {
      EXPECT_LT(Relative(j["theta"], expected["theta"]), 1e-6);
    }
    ASSERT_EQ(j["coefficients"].size(), expected["coefficients"].size());
    for (std::size_t k = 0; k < j["coefficients"].size(); ++k) {
      const json& got = j["coefficients"][k];
      const json& want = expected["coefficients"][k];
      EXPECT_EQ(got["term"], want["term"]);
      EXPECT_LT(Relative(got["estimate"], want["estimate"]), 1e-6) << got;
      EXPECT_LT(Relative(got["std_error"], want["std_error"]), 1e-6) << got;
    }
    const std::string effect = o["group"].is_null() ? "intervention" : "group:intervention";
    EXPECT_EQ(j["effects"]["level_change"]["term"], effect);
    EXPECT_EQ(j["effects"]["slope_change"].is_null(), !o["slope_change"].get<bool>());
  }
  EXPECT_GE(fixtures, 10);
}

TEST_F(StatsCliTest, WithoutJsonATableAPersonCanRead) {
  CommandResult r = Its(Write(Weeks(kAds)), {"--slope-change"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Interrupted time series, poisson: 12 rows, 8 residual degrees of freedom"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("time_after"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("level change (intervention): rate ratio 0."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("slope change per time unit (time_after): rate ratio "), std::string::npos);
}

// Each bad input: a non-zero status and one line on stderr naming the column, row or cause.
void ExpectRefused(const CommandResult& r, const std::string& message) {
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("nan"), std::string::npos) << r.err;
}

TEST_F(StatsCliTest, AMissingColumnIsNamed) {
  ExpectRefused(Its(Write(Weeks(kAds)), {"--covariate", "rain"}), "no column `rain` in the header");
}

TEST_F(StatsCliTest, ANonNumericCellNamesColumnAndRow) {
  std::vector<std::string> ads = kAds;
  ads[4] = "many";
  ExpectRefused(Its(Write(Weeks(ads))), "row 5 (line 6), column `ads`: \"many\" is not a number");
}

TEST_F(StatsCliTest, NegativeAndFractionalCountsAreRefused) {
  std::vector<std::string> ads = kAds;
  ads[2] = "-3";
  ExpectRefused(Its(Write(Weeks(ads))), "column `ads`, row 3: -3.000000 is not a count");
  ads[2] = "2.5";
  ExpectRefused(Its(Write(Weeks(ads))), "column `ads`, row 3: 2.500000 is not a count");
}

TEST_F(StatsCliTest, TooFewRowsForTheTerms) {
  const std::vector<std::string> ads(kAds.begin(), kAds.begin() + 6);
  ExpectRefused(Its(Write(Weeks(ads, {0, 0, 0, 1, 1, 1})),
                    {"--slope-change", "--season", "week", "--harmonics", "1", "--period", "4"}),
                "too few rows: 6 rows for 6 terms (need at least 7)");
}

TEST_F(StatsCliTest, AnInterventionWithNoRowsBeforeOrAfter) {
  ExpectRefused(Its(Write(Weeks(kAds, std::vector<int>(12, 0)))),
                "column `operation` is 0 in every row: no rows after the intervention");
  ExpectRefused(Its(Write(Weeks(kAds, std::vector<int>(12, 1)))),
                "column `operation` is 1 from the first time on: no rows before the intervention");
}

TEST_F(StatsCliTest, AModelThatDoesNotConvergeIsAnError) {
  // No ads at all once the operations began: the level change runs off towards −∞ and the fit
  // never settles; the command must say so instead of printing a rate ratio of 0.
  std::vector<std::string> ads = kAds;
  for (std::size_t i = 6; i < ads.size(); ++i) ads[i] = "0";
  ExpectRefused(Its(Write(Weeks(ads)), {"--json"}), "did not converge");
}

TEST_F(StatsCliTest, NegativeBinomialWithoutOverdispersionIsAnError) {
  ExpectRefused(Its(Write(Weeks({"30", "30", "30", "30", "30", "30", "20", "20", "20", "20", "20",
                                 "20"})),
                    {"--family", "negbin"}),
                "θ has no finite maximum-likelihood estimate");
}

TEST_F(StatsCliTest, UsageErrors) {
  EXPECT_EQ(Its(Write(Weeks(kAds)), {"--season", "week"}).exit_code, 2) << "needs --harmonics";
  EXPECT_EQ(Its(Write(Weeks(kAds)), {"--family", "gaussian"}).exit_code, 2);
  EXPECT_EQ(Its(Write(Weeks(kAds)), {"--hac-lag", "-1"}).exit_code, 2);
  CommandResult missing = Its((dir_.path() / "none.csv").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot open"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace sv::testing
