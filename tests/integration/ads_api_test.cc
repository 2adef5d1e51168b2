// The ad watch against the real server (issue 7): an import over HTTP and with
// `samverkan ads import`, bad lines reported by number while the good ones are kept, the queue
// with possible minors first, an ad page whose highlights mark the words the extractors read, a
// group explained by its links, triage decisions and notes kept in the compartment that made them
// (a confirmed possible minor opens a concern task there), and the counts for charts. On SQLite
// and on PostgreSQL.
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_session.h"
#include "server_on_both_databases.h"

namespace sv::testing {
namespace {

using nlohmann::json;

json Body(const HttpResponse& r) { return json::parse(r.body); }

std::string Line(const std::string& site, const std::string& id, const std::string& seen,
                 const std::string& body, const std::string& extra = "") {
  json line = {{"site", site}, {"ad_id", id}, {"seen_at", seen}, {"body", body}};
  if (!extra.empty()) line.update(json::parse(extra));
  return line.dump() + "\n";
}

// UTF-16 code units of a UTF-8 string, as the API counts highlight offsets.
std::u16string Utf16(const std::string& s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    int n = 1;
    if (c < 0x80) {
      cp = c;
    } else if (c < 0xE0) {
      cp = c & 0x1F;
      n = 2;
    } else if (c < 0xF0) {
      cp = c & 0x0F;
      n = 3;
    } else {
      cp = c & 0x07;
      n = 4;
    }
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

class AdsApiTest : public ServerOnBothDatabases {};

const std::string kMinorBody =
    "Ny tjej i Umeå 🍒 bara 16 år, ring noll sju noll ett två tre fyra fem sex sju.";

TEST_P(AdsApiTest, ImportQueueAdGroupTriageAndCountsKeepCompartmentsApart) {
  ApiSession analyst(server_->port(), "analytiker");
  ApiSession worker(server_->port(), "socialsekreterare");
  const std::string lines =
      Line("a.se", "1", "2026-11-02T20:00:00+01:00",
           "Diskret massage i Umeå, ring 0701234567 för bokning, välkommen!",
           R"({"location":"Umeå"})") +
      "{\"site\": \"broken\n" +
      Line("b.se", "2", "2026-11-03T20:00:00+01:00", kMinorBody) +
      Line("a.se", "1", "2026-11-09T20:00:00+01:00",
           "Diskret massage i Umeå, ring 0701234567 för bokning, välkommen!",
           R"({"location":"Umeå"})");
  HttpResponse imported = analyst.Call("POST", "/api/v1/ads/import", lines);
  ASSERT_EQ(imported.status, 200) << imported.body;
  const json summary = Body(imported);
  EXPECT_EQ(summary["lines"], 4);
  EXPECT_EQ(summary["bad_lines"], 1);
  EXPECT_EQ(summary["ads_new"], 2);
  ASSERT_EQ(summary["errors"].size(), 1u);
  EXPECT_EQ(summary["errors"][0]["line"], 2);
  // Only the analyst imports.
  EXPECT_EQ(worker.Call("POST", "/api/v1/ads/import", lines).status, 403);

  // The queue: the minor first; both ads share the phone, so one group of two.
  const json queue = Body(analyst.Call("GET", "/api/v1/ads"));
  ASSERT_EQ(queue["total"], 2);
  const json minor = queue["ads"][0];
  EXPECT_EQ(minor["site"], "b.se");
  EXPECT_EQ(minor["indicators"], json::parse(R"(["emoji_signal","obfuscated_phone","possible_minor","shared_contact"])"));
  EXPECT_EQ(minor["ages"], json::parse("[16]"));
  EXPECT_EQ(minor["group_size"], 2);
  EXPECT_EQ(queue["ads"][1]["first_seen"], "2026-11-02T19:00:00.000Z");
  EXPECT_EQ(queue["ads"][1]["last_seen"], "2026-11-09T19:00:00.000Z");
  EXPECT_EQ(queue["ads"][1]["municipality"]["code"], "2480");
  EXPECT_EQ(Body(analyst.Call("GET", "/api/v1/ads?indicator=possible_minor"))["total"], 1);
  EXPECT_EQ(Body(analyst.Call("GET", "/api/v1/ads?municipality=2480"))["total"], 2);
  EXPECT_EQ(analyst.Call("GET", "/api/v1/ads?status=maybe").status, 400);
  EXPECT_EQ(analyst.Call("GET", "/api/v1/ads?limit=0").status, 400);

  // The ad page: the highlights mark exactly the words read, counted in UTF-16 (the 🍒 before
  // them counts two).
  const int64_t id = minor["id"];
  const json ad = Body(analyst.Call("GET", "/api/v1/ads/" + std::to_string(id)));
  const std::u16string body = Utf16(ad["body"].get<std::string>());
  bool phone = false, age = false;
  for (const json& h : ad["highlights"]) {
    ASSERT_EQ(h["field"], "body");
    const std::u16string marked =
        body.substr(h["start"].get<std::size_t>(), h["end"].get<std::size_t>() - h["start"].get<std::size_t>());
    if (h["kind"] == "phone") {
      phone = true;
      EXPECT_EQ(h["value"], "+46701234567");
      EXPECT_EQ(marked, Utf16("noll sju noll ett två tre fyra fem sex sju."));
    }
    if (h["kind"] == "age") {
      age = true;
      EXPECT_NE(marked.find(u"16"), std::u16string::npos);
    }
  }
  EXPECT_TRUE(phone);
  EXPECT_TRUE(age);
  ASSERT_EQ(ad["links"].size(), 1u);
  EXPECT_EQ(ad["links"][0]["kind"], "phone");
  EXPECT_EQ(ad["links"][0]["value"], "+46701234567");
  EXPECT_EQ(ad["links"][0]["ad"]["site"], "a.se");
  EXPECT_EQ(analyst.Call("GET", "/api/v1/ads/999999").status, 404);

  // The group: both ads, the phone on two ads, the link.
  const json group =
      Body(analyst.Call("GET", "/api/v1/ad-groups/" + std::to_string(minor["group_id"].get<int64_t>())));
  EXPECT_EQ(group["ads"].size(), 2u);
  EXPECT_EQ(group["phones"], json::parse(R"([{"value":"+46701234567","ads":2}])"));
  EXPECT_EQ(group["links"].size(), 1u);
  EXPECT_EQ(group["timeline"].size(), 2u);

  // Triage: the analyst confirms a possible minor; a concern task opens for the analyst.
  HttpResponse decided = analyst.Call("POST", "/api/v1/ads/" + std::to_string(id) + "/triage",
                                      R"({"decision":"confirmed_minor","note":"Ålder 16 i texten"})");
  ASSERT_EQ(decided.status, 201) << decided.body;
  const int64_t task = Body(decided)["concern_task_id"];
  ASSERT_GT(task, 0);
  const json task_json = Body(analyst.Call("GET", "/api/v1/concern-tasks/" + std::to_string(task)));
  EXPECT_EQ(task_json["source"]["type"], "ad");
  EXPECT_EQ(task_json["state"], "open");
  // A second confirmation in the same compartment points at the same task.
  HttpResponse again = analyst.Call("POST", "/api/v1/ads/" + std::to_string(id) + "/triage",
                                    R"({"decision":"confirmed_minor"})");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(Body(again)["concern_task_id"], task);
  ASSERT_EQ(analyst.Call("POST", "/api/v1/ads/" + std::to_string(id) + "/notes",
                         R"({"text":"Samma nummer som massageannonsen"})")
                .status,
            201);
  EXPECT_EQ(analyst.Call("POST", "/api/v1/ads/" + std::to_string(id) + "/triage",
                         R"({"decision":"maybe"})")
                .status,
            400);
  // Decided ads leave the analyst's untriaged queue, not the social worker's.
  EXPECT_EQ(Body(analyst.Call("GET", "/api/v1/ads"))["total"], 1);
  EXPECT_EQ(Body(worker.Call("GET", "/api/v1/ads"))["total"], 2);
  // The social worker sees the ad, but neither the police decision nor its note, nor the task.
  const json seen = Body(worker.Call("GET", "/api/v1/ads/" + std::to_string(id)));
  EXPECT_TRUE(seen["triage"].is_null());
  EXPECT_TRUE(seen["triage_history"].empty());
  EXPECT_TRUE(seen["notes"].empty());
  EXPECT_EQ(worker.Call("GET", "/api/v1/concern-tasks/" + std::to_string(task)).status, 403);
  const json own = Body(analyst.Call("GET", "/api/v1/ads/" + std::to_string(id)));
  EXPECT_EQ(own["triage"]["decision"], "confirmed_minor");
  ASSERT_EQ(own["triage_history"].size(), 2u);
  EXPECT_EQ(own["triage_history"][1]["note"], "Ålder 16 i texten");
  EXPECT_EQ(own["notes"][0]["text"], "Samma nummer som massageannonsen");

  // Counts: both ads are in Umeå (the minor's by its text); the first is active on 2026-11-02 …
  // 09, so in ISO weeks 45 and 46; they share one phone and one group.
  ApiSession coordinator(server_->port(), "koordinator");
  const json counts = Body(coordinator.Call(
      "GET", "/api/v1/ads/counts?period=week&municipality=2480&from=2026-11-01&to=2026-11-30"));
  ASSERT_EQ(counts["rows"].size(), 2u) << counts.dump();
  EXPECT_EQ(counts["rows"][0], json::parse(R"({"period":"2026-W45","municipality":"2480","active_ads":2,"unique_phones":1,"groups":1})"));
  EXPECT_EQ(counts["rows"][1], json::parse(R"({"period":"2026-W46","municipality":"2480","active_ads":1,"unique_phones":1,"groups":1})"));
  EXPECT_EQ(coordinator.Call("GET", "/api/v1/ads").status, 403);
  EXPECT_EQ(coordinator.Call("GET", "/api/v1/ads/counts?period=year").status, 400);
}

TEST_P(AdsApiTest, CommandLineImportIsIncrementalAndReportsBadLines) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("ads-import-" + std::to_string(getpid()) + ".jsonl");
  {
    std::ofstream out(file);
    out << Line("a.se", "1", "2026-11-02T20:00:00+01:00", "Ring 0701234567, Umeå")
        << "not json\n"
        << Line("b.se", "2", "2026-11-03T20:00:00+01:00", kMinorBody);
  }
  CommandResult first = server_->Run({"ads", "import", file.string()});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("line 2"), std::string::npos) << first.err;
  EXPECT_NE(first.out.find("new ads: 2"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("groups: 1"), std::string::npos) << first.out;
  CommandResult again = server_->Run({"ads", "import", file.string()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("new ads: 0, updated ads: 0"), std::string::npos) << again.out;
  std::filesystem::remove(file);
  CommandResult missing = server_->Run({"ads", "import", "/nonexistent/file.jsonl"});
  EXPECT_EQ(missing.exit_code, 2);
}

SV_SERVER_ON_BOTH_DATABASES(AdsApiTest);

}  // namespace
}  // namespace sv::testing
