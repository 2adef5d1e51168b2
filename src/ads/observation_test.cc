#include "ads/observation.h"

#include <gtest/gtest.h>

#include <string>

namespace sv::ads {
namespace {

TEST(ObservationParserTest, ReadsEveryFieldOfTheSpec) {
  ObservationParser parser;
  Result<Observation> o = parser.Parse(
      R"({"site":"example-escort.se","ad_id":"a1","seen_at":"2026-11-20T21:15:00+01:00",)"
      R"("body":"Hej! Ring mig","kind":"sugar","url":"https://example-escort.se/a1",)"
      R"("title":"Ny i stan","location":"Ume","age":19,"phone":"070-123 45 67",)"
      R"("email":"x@example.se","price":"1500kr/h","images":["sha256:ab","phash:cd"],)"
      R"("unknown":{"kept":[1,2,3]}})");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->site, "example-escort.se");
  EXPECT_EQ(o->ad_id, "a1");
  EXPECT_EQ(FormatRfc3339(o->seen_at), "2026-11-20T20:15:00.000Z");
  EXPECT_EQ(o->body, "Hej! Ring mig");
  EXPECT_EQ(o->kind, AdKind::kSugar);
  EXPECT_EQ(o->location, "Ume");
  EXPECT_EQ(o->age, "19");
  EXPECT_EQ(o->phone, "070-123 45 67");
  EXPECT_EQ(o->price, "1500kr/h");
  EXPECT_EQ(o->images, (std::vector<std::string>{"sha256:ab", "phash:cd"}));
}

// Found by fuzzing (fuzz/corpus/observation/huge-age.json): an age no integer can hold.
TEST(ObservationParserTest, AnAgeNoNumberCanHoldIsLeftOut) {
  ObservationParser parser;
  for (const char* age : {"1966662444444444444444444444444444444444444444444444444.612",
                          "18446744073709551615", "19.5"}) {
    Result<Observation> o = parser.Parse(
        std::string(R"({"site":"s","ad_id":"1","seen_at":"2026-11-20T21:15:00Z","body":"",)") +
        R"("age":)" + age + "}");
    ASSERT_TRUE(o.ok()) << age << ": " << o.status().ToString();
    EXPECT_EQ(o->age, std::string(age) == "19.5" ? "19" : "") << age;
  }
}

TEST(ObservationParserTest, TheKindDefaultsToEscortAndTheBodyMayBeEmpty) {
  ObservationParser parser;
  Result<Observation> o =
      parser.Parse(R"({"site":"s","ad_id":"1","seen_at":"2026-11-20T21:15:00Z","body":""})");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->kind, AdKind::kEscort);
  EXPECT_EQ(o->body, "");
}

// Each bad line names what is wrong, and the field where there is one.
TEST(ObservationParserTest, BadLinesNameTheFieldOrTheCause) {
  ObservationParser parser(1000);
  const struct {
    std::string line;
    std::string field;
    std::string says;
  } cases[] = {
      {"not json", "", "not a JSON object"},
      {"[1,2]", "", "a list"},
      {R"({"ad_id":"1","seen_at":"2026-11-20T21:15:00Z","body":""})", "site", "required"},
      {R"({"site":"s","seen_at":"2026-11-20T21:15:00Z","body":""})", "ad_id", "required"},
      {R"({"site":"s","ad_id":"1","body":""})", "seen_at", "required"},
      {R"({"site":"s","ad_id":"1","seen_at":"yesterday","body":""})", "seen_at", ""},
      {R"({"site":"s","ad_id":"1","seen_at":"2026-11-20T21:15:00Z"})", "body", "required"},
      // Found by the fuzzer: a year the clock cannot hold (fuzz/corpus/observation/year-4052.json).
      {R"({"site":"s","ad_id":"1","seen_at":"4052-11-20T21:15:00+01:00","body":""})", "seen_at",
       "between the years"},
      {R"({"site":"s","ad_id":1,"seen_at":"2026-11-20T21:15:00Z","body":""})", "ad_id",
       "a number"},
      {R"({"site":"s","ad_id":"1","seen_at":"2026-11-20T21:15:00Z","body":"","kind":"x"})",
       "kind", "escort"},
      {R"({"site":"s","ad_id":"1","seen_at":"2026-11-20T21:15:00Z","body":"","images":[1]})",
       "images", "strings"},
      {std::string(1001, ' '), "", "over the limit"},
      {std::string(200, '[') + std::string(200, ']'), "", "nested deeper"},
      {"{\"site\":\"s\xff\",\"ad_id\":\"1\"}", "", "UTF-8"},
  };
  for (const auto& c : cases) {
    Result<Observation> o = parser.Parse(c.line);
    ASSERT_FALSE(o.ok()) << c.line;
    EXPECT_EQ(o.status().code(), StatusCode::kInvalidInput) << c.line;
    EXPECT_EQ(o.status().field(), c.field) << c.line << ": " << o.status().ToString();
    EXPECT_NE(o.status().message().find(c.says), std::string::npos)
        << c.line.substr(0, 80) << ": " << o.status().ToString();
  }
  // The parser goes on after bad lines.
  EXPECT_TRUE(
      parser.Parse(R"({"site":"s","ad_id":"1","seen_at":"2026-11-20T21:15:00Z","body":"ok"})")
          .ok());
}

// ParseInto reuses one Observation from line to line (the analysis does): a field the next line
// lacks must not keep the value of the line before, and a duplicated key counts once, first.
TEST(ObservationParserTest, ParseIntoLeavesNothingOfTheLineBefore) {
  ObservationParser parser;
  Observation o;
  ASSERT_TRUE(parser
                  .ParseInto(R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-20T21:15:00Z",)"
                             R"("body":"Hej","kind":"sugar","url":"u","title":"t","location":"l",)"
                             R"("age":19,"phone":"p","email":"e","price":"1500",)"
                             R"("images":["sha256:aa","sha256:bb"]})",
                             o)
                  .ok());
  EXPECT_EQ(o.age, "19");
  EXPECT_EQ(o.images.size(), 2u);
  ASSERT_TRUE(parser
                  .ParseInto(R"({"site":"b.se","ad_id":"2","seen_at":"2026-11-21T21:15:00Z",)"
                             R"("body":"","body":"second","site":"c.se"})",
                             o)
                  .ok());
  EXPECT_EQ(o.site, "b.se");
  EXPECT_EQ(o.ad_id, "2");
  EXPECT_EQ(o.body, "");
  EXPECT_EQ(o.kind, AdKind::kEscort);
  EXPECT_EQ(o.url, "");
  EXPECT_EQ(o.title, "");
  EXPECT_EQ(o.location, "");
  EXPECT_EQ(o.age, "");
  EXPECT_EQ(o.phone, "");
  EXPECT_EQ(o.email, "");
  EXPECT_EQ(o.price, "");
  EXPECT_TRUE(o.images.empty());
}

}  // namespace
}  // namespace sv::ads
