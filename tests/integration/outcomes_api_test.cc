// Did active ads go down after operations began? (issue 8, point 4) against the real server: two
// years of hand-made monthly ads in Umeå that drop by half after an operation in January
// 2025, Skellefteå flat beside it as a control; the evaluation with the operation's date taken
// by default, its rate ratio below 1 with an interval, the series with fitted values and the
// counterfactual, the controlled design, small counts hidden from the coordinator and the
// committee but not from the analyst, the 400s naming their parameter, and the roles refused.
// On SQLite and on PostgreSQL.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_session.h"
#include "server_on_both_databases.h"

namespace sv::testing {
namespace {

using nlohmann::json;

json Body(const HttpResponse& r) { return json::parse(r.body); }

// A fixed, irregular noise from -9 to 9 (not periodic over two years).
int Noise(int i) { return (i * 7 + 3) % 19 - 9; }
int Around(double mean, int noise) {
  return static_cast<int>(std::floor(mean * (1 + 0.03 * noise) + 0.5));
}
// Active ads per month of 2024 and 2025 (index 0 = January 2024), halved from 2025, with a noise
// of up to ±27 % (src/adwatch/ad_outcome_test.cc fits the same numbers).
int UmeaAds(int i) {
  if (i == 17) return 3;  // June 2025: a small cell
  return Around(i < 12 ? 100 : 50, Noise(i));
}
int SkellefteaAds(int i) { return Around(40, Noise(i + 7)); }

std::string SeenAt(int month) {
  char seen[40];
  std::snprintf(seen, sizeof seen, "%04d-%02d-10T20:00:00+01:00", 2024 + month / 12,
                1 + month % 12);
  return seen;
}

// Observation lines of `place` whose active ads per month are `counts`: an ad opens in a month
// the count rises and is last seen in the month before it falls (both on the 10th), so the months
// are met with as few ads as the rises need (an ad is active in every month between its first
// and last observation), which keeps the import short on PostgreSQL.
void AddPlace(std::vector<std::string>& lines, int& serial, const std::string& place,
              const std::vector<int>& counts) {
  struct Open {
    int id, from;
  };
  std::vector<Open> open;
  auto close = [&](const Open& o, int last) {
    char phone[16];
    std::snprintf(phone, sizeof phone, "070%07d", 1000000 + o.id * 7);
    const std::string body = "Annons nummer " + std::to_string(o.id) + " i " + place + ", ring " +
                             phone + " för att boka en tid, välkommen.";
    for (int month : {o.from, last}) {
      json line = {{"site", "utfall.se"},
                   {"ad_id", std::to_string(o.id)},
                   {"seen_at", SeenAt(month)},
                   {"location", place},
                   {"body", body}};
      lines.push_back(line.dump() + "\n");
      if (last == o.from) break;
    }
  };
  for (int i = 0; i < static_cast<int>(counts.size()); ++i) {
    while (static_cast<int>(open.size()) > counts[i]) {
      close(open.back(), i - 1);
      open.pop_back();
    }
    while (static_cast<int>(open.size()) < counts[i]) open.push_back({++serial, i});
  }
  for (const Open& o : open) close(o, static_cast<int>(counts.size()) - 1);
}

// Both places' lines in batches small enough for one request each.
std::vector<std::string> CorpusBatches() {
  std::vector<int> umea, skelleftea;
  for (int i = 0; i < 24; ++i) {
    umea.push_back(UmeaAds(i));
    skelleftea.push_back(SkellefteaAds(i));
  }
  std::vector<std::string> lines;
  int serial = 0;
  AddPlace(lines, serial, "Umeå", umea);
  AddPlace(lines, serial, "Skellefteå", skelleftea);
  std::vector<std::string> batches;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i % 300 == 0) batches.emplace_back();
    batches.back() += lines[i];
  }
  return batches;
}

class OutcomesApiTest : public ServerOnBothDatabases {};

void ExpectBadRequest(const ApiSession& s, const std::string& query, const std::string& field) {
  const HttpResponse r = s.Call("GET", "/api/v1/outcomes/ads?" + query);
  ASSERT_EQ(r.status, 400) << query << ": " << r.body;
  const json error = Body(r)["error"];
  EXPECT_EQ(error["field"], field) << query << ": " << r.body;
  EXPECT_FALSE(error["message"].get<std::string>().empty());
}

TEST_P(OutcomesApiTest, ADropAfterTheFirstOperationIsMeasuredWithItsUncertainty) {
  ApiSession analyst(server_->port(), "analytiker");
  ApiSession commander(server_->port(), "insatschef");
  ApiSession coordinator(server_->port(), "koordinator");
  ApiSession committee(server_->port(), "namnd");

  // Before the ads and the operation: nothing to evaluate.
  ExpectBadRequest(coordinator, "municipality=2480&intervention=2025-01-14", "municipality");
  ExpectBadRequest(coordinator, "municipality=2480", "intervention");  // no operation yet

  for (const std::string& batch : CorpusBatches()) {
    const HttpResponse imported = analyst.Call("POST", "/api/v1/ads/import", batch);
    ASSERT_EQ(imported.status, 200) << imported.body;
    ASSERT_EQ(Body(imported)["bad_lines"], 0) << imported.body;
  }
  const HttpResponse planned = commander.Call("POST", "/api/v1/operations",
                                              json{{"type", "sex_purchase"},
                                                   {"name", "Insats januari 2025"},
                                                   {"municipality_code", "2480"},
                                                   {"place", "Centrum"},
                                                   {"planned_start", "2025-01-14T18:00:00Z"},
                                                   {"planned_end", "2025-01-15T01:00:00Z"}}
                                                  .dump());
  ASSERT_EQ(planned.status, 201) << planned.body;
  const int64_t operation = Body(planned)["id"];

  // The coordinator: the operation's date by default, months, quasi-Poisson.
  const HttpResponse r = coordinator.Call("GET", "/api/v1/outcomes/ads?municipality=2480");
  ASSERT_EQ(r.status, 200) << r.body;
  const json o = Body(r);
  EXPECT_EQ(o["municipality"], "2480");
  EXPECT_EQ(o["period"], "month");
  EXPECT_EQ(o["intervention"]["date"], "2025-01-14");
  EXPECT_EQ(o["intervention"]["period"], "2025-01");
  EXPECT_EQ(o["intervention"]["operation_id"], operation);
  const json effect = o["level_change"];
  EXPECT_EQ(effect["term"], "intervention");
  EXPECT_LT(effect["rate_ratio"].get<double>(), 0.65);
  EXPECT_GT(effect["rate_ratio"].get<double>(), 0.4);
  EXPECT_GT(effect["ci_low"].get<double>(), 0.0);
  EXPECT_LT(effect["ci_low"].get<double>(), effect["rate_ratio"].get<double>());
  EXPECT_LT(effect["ci_high"].get<double>(), 1.0);
  EXPECT_GT(effect["ci_high"].get<double>(), effect["rate_ratio"].get<double>());
  EXPECT_EQ(o["model"]["design"], "single");
  EXPECT_EQ(o["model"]["family"], "quasipoisson");
  EXPECT_EQ(o["model"]["n"], 24);
  EXPECT_EQ(o["model"]["seasonal"], true);
  EXPECT_EQ(o["model"]["periods_before"], 12);
  EXPECT_EQ(o["model"]["periods_after"], 12);
  EXPECT_GT(o["model"]["dispersion"].get<double>(), 0.0);
  const json series = o["series"];
  ASSERT_EQ(series.size(), 24u);
  EXPECT_EQ(series[0]["period"], "2024-01");
  EXPECT_EQ(series[23]["period"], "2025-12");
  for (std::size_t i = 0; i < series.size(); ++i) {
    const json& p = series[i];
    ASSERT_TRUE(p["fitted"].is_number()) << p.dump();
    ASSERT_TRUE(p["counterfactual"].is_number()) << p.dump();
    EXPECT_EQ(p["after"], i >= 12);
    if (i >= 12) {
      EXPECT_GT(p["counterfactual"].get<double>(), p["fitted"].get<double>());
    } else {
      EXPECT_DOUBLE_EQ(p["counterfactual"].get<double>(), p["fitted"].get<double>());
    }
  }
  // Published statistics for the coordinator: June 2025's 3 ads are hidden, the others shown.
  EXPECT_EQ(o["suppression"]["applied"], true);
  EXPECT_EQ(o["suppression"]["min_cell"], 5);
  EXPECT_EQ(series[17]["observed"], nullptr);
  EXPECT_EQ(series[17]["suppressed"], true);
  EXPECT_EQ(series[0]["observed"], UmeaAds(0));
  EXPECT_EQ(series[0]["suppressed"], false);
  const auto caveats = o["caveats"].get<std::vector<std::string>>();
  for (const char* c : {"no_randomisation", "concurrent_changes", "displacement", "ads_not_persons",
                        "suppressed", "intervention_mid_period"}) {
    EXPECT_NE(std::find(caveats.begin(), caveats.end(), c), caveats.end()) << c;
  }

  // The committee sees the same, suppressed; the analyst, who reads the ads, sees every count.
  const json seen_by_committee =
      Body(committee.Call("GET", "/api/v1/outcomes/ads?municipality=2480"));
  EXPECT_EQ(seen_by_committee["series"][17]["observed"], nullptr);
  EXPECT_DOUBLE_EQ(seen_by_committee["level_change"]["rate_ratio"].get<double>(),
                   effect["rate_ratio"].get<double>());
  const json seen_by_analyst = Body(analyst.Call("GET", "/api/v1/outcomes/ads?municipality=2480"));
  EXPECT_EQ(seen_by_analyst["suppression"]["applied"], false);
  EXPECT_EQ(seen_by_analyst["series"][17]["observed"], 3);
  // The fit uses the real counts whoever asks.
  EXPECT_DOUBLE_EQ(seen_by_analyst["series"][17]["fitted"].get<double>(),
                   series[17]["fitted"].get<double>());

  // Against Skellefteå as a control, with the negative binomial and a date given.
  const HttpResponse controlled =
      coordinator.Call("GET",
                       "/api/v1/outcomes/ads?municipality=2480&control=2482&family=negbin"
                       "&intervention=2025-01-01");
  ASSERT_EQ(controlled.status, 200) << controlled.body;
  const json c = Body(controlled);
  EXPECT_EQ(c["model"]["design"], "controlled");
  EXPECT_EQ(c["model"]["family"], "negbin");
  EXPECT_TRUE(c["model"]["theta"].is_number());
  EXPECT_EQ(c["model"]["n"], 48);
  EXPECT_EQ(c["level_change"]["term"], "group:intervention");
  // Against a control, with θ estimated, the same drop is less certain (the unit test shows the
  // interval is wider): the estimate, inside its interval.
  EXPECT_LT(c["level_change"]["rate_ratio"].get<double>(), 0.75);
  EXPECT_LT(c["level_change"]["ci_low"].get<double>(),
            c["level_change"]["rate_ratio"].get<double>());
  EXPECT_GT(c["level_change"]["ci_high"].get<double>(),
            c["level_change"]["rate_ratio"].get<double>());
  EXPECT_EQ(c["intervention"]["operation_id"], nullptr);
  ASSERT_EQ(c["series"].size(), 24u);
  EXPECT_EQ(c["series"][0]["control_observed"], SkellefteaAds(0));
  EXPECT_TRUE(c["series"][0]["control_fitted"].is_number());

  // Weekly: 104 weeks, the operation's week.
  const json weekly =
      Body(analyst.Call("GET", "/api/v1/outcomes/ads?municipality=2480&period=week"));
  EXPECT_EQ(weekly["period"], "week");
  EXPECT_EQ(weekly["intervention"]["period"], "2025-W03");
  EXPECT_GT(weekly["series"].size(), 95u);

  // Bad requests name the parameter.
  ExpectBadRequest(coordinator, "", "municipality");
  ExpectBadRequest(coordinator, "municipality=9999", "municipality");
  ExpectBadRequest(coordinator, "municipality=2460&intervention=2025-01-01", "municipality");
  ExpectBadRequest(coordinator, "municipality=2480&control=9999", "control");
  ExpectBadRequest(coordinator, "municipality=2480&control=2480", "control");
  ExpectBadRequest(coordinator, "municipality=2480&control=2482&control=2482", "control");
  ExpectBadRequest(coordinator, "municipality=2480&control=2460", "control");  // no ads there
  ExpectBadRequest(coordinator, "municipality=2480&period=day", "period");
  ExpectBadRequest(coordinator, "municipality=2480&period=year", "period");
  ExpectBadRequest(coordinator, "municipality=2480&family=gaussian", "family");
  ExpectBadRequest(coordinator, "municipality=2480&intervention=14/1/2025", "intervention");
  ExpectBadRequest(coordinator, "municipality=2480&intervention=2024-03-01", "intervention");
  ExpectBadRequest(coordinator, "municipality=2480&intervention=2025-11-01", "intervention");
  ExpectBadRequest(coordinator, "municipality=2480&intervention=2030-01-01", "intervention");

  // Field staff and the admin are refused, whatever they ask.
  for (const char* user : {"polis", "socialsekreterare", "socialsekreterare.skelleftea", "admin"}) {
    ApiSession s(server_->port(), user);
    EXPECT_EQ(s.Call("GET", "/api/v1/outcomes/ads?municipality=2480").status, 403) << user;
    EXPECT_EQ(s.Call("GET", "/api/v1/outcomes/ads?municipality=9999").status, 403) << user;
  }
}

SV_SERVER_ON_BOTH_DATABASES(OutcomesApiTest);

}  // namespace
}  // namespace sv::testing
