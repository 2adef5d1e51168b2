#include "ads/synth.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ads/agreement.h"
#include "ads/observation.h"

namespace sv::ads {
namespace {

using nlohmann::json;

struct Corpus {
  std::string observations, truth;
};

Corpus Generate(int64_t count, uint64_t seed) {
  std::ostringstream observations, truth;
  WriteSynthCorpus({.count = count, .seed = seed}, observations, &truth);
  return {observations.str(), truth.str()};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool Contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

TEST(SynthTest, TheSameOptionsGiveTheSameBytes) {
  const Corpus a = Generate(300, 7);
  const Corpus b = Generate(300, 7);
  EXPECT_EQ(a.observations, b.observations);
  EXPECT_EQ(a.truth, b.truth);
  const Corpus c = Generate(300, 8);
  EXPECT_NE(a.observations, c.observations);
  EXPECT_NE(a.truth, c.truth);
  // Without a truth stream the observations are the same.
  std::ostringstream alone;
  WriteSynthCorpus({.count = 300, .seed = 7}, alone, nullptr);
  EXPECT_EQ(alone.str(), a.observations);
}

TEST(SynthTest, NothingForNoAds) {
  const Corpus none = Generate(0, 1);
  EXPECT_TRUE(none.observations.empty());
  EXPECT_TRUE(none.truth.empty());
  const Corpus one = Generate(1, 1);
  EXPECT_EQ(Lines(one.truth).size(), 1u);
}

class SynthCorpusTest : public ::testing::Test {
 protected:
  static constexpr int64_t kCount = 3000;

  static void SetUpTestSuite() {
    corpus_ = new Corpus(Generate(kCount, 11));
    observations_ = new std::vector<Observation>();
    truth_ = new std::vector<json>();
    ObservationParser parser;
    for (const std::string& line : Lines(corpus_->observations)) {
      Result<Observation> o = parser.Parse(line);
      ASSERT_TRUE(o.ok()) << o.status().ToString() << "\n" << line;
      observations_->push_back(std::move(*o));
    }
    for (const std::string& line : Lines(corpus_->truth)) truth_->push_back(json::parse(line));
  }
  static void TearDownTestSuite() {
    delete corpus_;
    delete observations_;
    delete truth_;
  }

  static std::string Key(const std::string& site, const std::string& id) {
    return site + '\x1f' + id;
  }

  static Corpus* corpus_;
  static std::vector<Observation>* observations_;
  static std::vector<json>* truth_;
};

Corpus* SynthCorpusTest::corpus_ = nullptr;
std::vector<Observation>* SynthCorpusTest::observations_ = nullptr;
std::vector<json>* SynthCorpusTest::truth_ = nullptr;

TEST_F(SynthCorpusTest, OneTruthLinePerAdInTheOrderOfFirstAppearance) {
  std::vector<std::string> first_seen;
  std::set<std::string> seen;
  for (const Observation& o : *observations_) {
    if (seen.insert(Key(o.site, o.ad_id)).second) first_seen.push_back(Key(o.site, o.ad_id));
  }
  ASSERT_EQ(first_seen.size(), static_cast<std::size_t>(kCount));
  ASSERT_EQ(truth_->size(), static_cast<std::size_t>(kCount));
  for (std::size_t i = 0; i < truth_->size(); ++i) {
    const json& t = (*truth_)[i];
    ASSERT_EQ(Key(t["site"], t["ad_id"]), first_seen[i]) << "truth line " << i + 1;
  }
}

TEST_F(SynthCorpusTest, AboutThreeSightingsOnDifferentDaysInTimeOrder) {
  const double per_ad = static_cast<double>(observations_->size()) / kCount;
  EXPECT_GE(per_ad, 2.7);
  EXPECT_LE(per_ad, 3.3);
  std::map<std::string, std::set<TimePoint>> days;
  TimePoint last{};
  for (const Observation& o : *observations_) {
    EXPECT_GE(o.seen_at, last) << "observations are written in time order";
    last = o.seen_at;
    EXPECT_TRUE(days[Key(o.site, o.ad_id)].insert(o.seen_at).second) << "one sighting a day";
  }
}

TEST_F(SynthCorpusTest, BodiesAreAdSized) {
  std::size_t bytes = 0;
  for (const Observation& o : *observations_) bytes += o.body.size();
  const double average = static_cast<double>(bytes) / static_cast<double>(observations_->size());
  EXPECT_GE(average, 450);
  EXPECT_LE(average, 800);
}

// What the extractors must face is there, in a fair share.
TEST_F(SynthCorpusTest, TheHardFormsArePresent) {
  std::map<std::string, int> forms;
  const auto count_if = [&](const std::string& name, bool present) { forms[name] += present; };
  std::set<std::string> seen;
  for (const Observation& o : *observations_) {
    if (!seen.insert(Key(o.site, o.ad_id)).second) continue;
    const std::string& b = o.body;
    count_if("number words", Contains(b, "noll sju") || Contains(b, "zero seven") ||
                                 Contains(b, "NOLL SJU") || Contains(b, " ett två") ||
                                 Contains(b, " one two"));
    count_if("keycap digits", Contains(b, "\xE2\x83\xA3"));
    count_if("full-width digits", Contains(b, "\xEF\xBC\x90"));
    count_if("letters for digits", Contains(b, "O7") || Contains(b, "o7"));
    count_if("foreign number", Contains(b, "+40") || Contains(b, "+48") || Contains(b, "0040") ||
                                   Contains(b, "0048"));
    count_if("obfuscated e-mail", Contains(b, " at ") || Contains(b, "(at)") ||
                                      Contains(b, "[at]") || Contains(b, "(a)") ||
                                      Contains(b, "snabel-a") || Contains(b, "\xEF\xBC\xA0"));
    count_if("location field", !o.location.empty());
    count_if("postal code field",
             !o.location.empty() && o.location.find_first_of("0123456789") != std::string::npos);
    count_if("age field", !o.age.empty());
    count_if("images", !o.images.empty());
    count_if("sugar", o.kind == AdKind::kSugar);
    count_if("prices", Contains(b, "kr") || Contains(b, "SEK") || Contains(b, "€"));
    count_if("line breaks", Contains(b, "\n"));
  }
  int minors = 0, emails = 0, english = 0, unplaced = 0;
  std::map<std::string, int> templates, groups;
  for (const json& t : *truth_) {
    minors += t["minor"].get<bool>();
    emails += !t["emails"].empty();
    english += t["language"] == "en";
    unplaced += t["municipality"].is_null();
    ++templates[t["template"]];
    ++groups[t["group"]];
  }
  const auto share = [&](int n) { return static_cast<double>(n) / kCount; };
  for (const auto& [form, n] : forms) {
    SCOPED_TRACE(form);
    EXPECT_GE(share(n), 0.005);
  }
  EXPECT_GE(share(forms["number words"]), 0.02);
  EXPECT_GE(share(forms["location field"]), 0.6);
  EXPECT_LE(share(forms["location field"]), 0.85);
  EXPECT_GE(share(forms["sugar"]), 0.05);
  EXPECT_GE(share(minors), 0.01);
  EXPECT_LE(share(minors), 0.08);
  EXPECT_GE(share(emails), 0.05);
  EXPECT_GE(share(english), 0.2);
  EXPECT_GT(unplaced, 0);
  EXPECT_LE(share(unplaced), 0.1);
  // Organised groups with many ads beside advertisers alone.
  int large = 0, single = 0;
  for (const auto& [g, n] : groups) {
    large += n >= 15;
    single += n == 1;
  }
  EXPECT_GE(large, 10);
  EXPECT_GE(single, 100);
  int shared_templates = 0;
  for (const auto& [t, n] : templates) shared_templates += n >= 5;
  EXPECT_GE(shared_templates, 20);
}

// The truth's groups are exactly the connected components of the spec's linking rules over the
// keys the truth names (templates, phones, e-mails) and the images of the observations.
TEST_F(SynthCorpusTest, TruthGroupsAreTheComponentsOfTheTrueKeys) {
  std::map<std::string, std::size_t> ad_of;
  for (std::size_t i = 0; i < truth_->size(); ++i) {
    ad_of[Key((*truth_)[i]["site"], (*truth_)[i]["ad_id"])] = i;
  }
  std::vector<std::size_t> parent(truth_->size());
  for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  const auto find = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  std::map<std::string, std::size_t> first;
  const auto key = [&](std::size_t ad, const std::string& value) {
    auto [it, added] = first.emplace(value, ad);
    if (!added) parent[find(ad)] = find(it->second);
  };
  for (std::size_t i = 0; i < truth_->size(); ++i) {
    const json& t = (*truth_)[i];
    key(i, "t" + t["template"].get<std::string>());
    for (const json& p : t["phones"]) key(i, "p" + p.get<std::string>());
    for (const json& e : t["emails"]) key(i, "e" + e.get<std::string>());
  }
  for (const Observation& o : *observations_) {
    for (const std::string& image : o.images) key(ad_of.at(Key(o.site, o.ad_id)), "i" + image);
  }
  std::vector<std::string> truth_groups, components;
  for (std::size_t i = 0; i < truth_->size(); ++i) {
    truth_groups.push_back((*truth_)[i]["group"]);
    components.push_back(std::to_string(find(i)));
  }
  const PairScores s = PairwiseScores(truth_groups, components);
  EXPECT_EQ(s.precision, 1.0);
  EXPECT_EQ(s.recall, 1.0);
  EXPECT_GT(s.true_pairs, 0);
}

// Every age of the truth is written in the ad's title, body or age field: the truth is what was
// written, not what was meant.
TEST_F(SynthCorpusTest, TruthAgesAreWritten) {
  std::map<std::string, std::string> text;
  for (const Observation& o : *observations_) {
    text[Key(o.site, o.ad_id)] += o.title + "\n" + o.body + "\n" + o.age + "\n";
  }
  for (const json& t : *truth_) {
    const std::string& written = text[Key(t["site"], t["ad_id"])];
    for (const json& a : t["ages"]) {
      EXPECT_TRUE(Contains(written, std::to_string(a.get<int>()))) << t.dump() << "\n" << written;
    }
  }
}

}  // namespace
}  // namespace sv::ads
