#include "adwatch/ad_import.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>
#include <sstream>
#include <tuple>

#include "ads/ads_testing.h"
#include "adwatch/detail/ad_rows.h"
#include "ads/language.h"
#include "ads/places.h"
#include "ads/templates.h"
#include "ops/ops_testing.h"

namespace sv::adwatch {
namespace {

using ads::testing::Body;
using ads::testing::Line;

// Ads of one template in three cities within a month, a phone shared with another text, an
// e-mail and an image shared by two otherwise unrelated ads, a minor alone, re-observations.
std::vector<std::string> Corpus() {
  return {
      Line("a.se", "1", "2026-11-01T20:00:00+01:00", Body("Anna", "21", "070-123 45 67"),
           R"(,"location":"Umeå")"),
      Line("b.se", "x", "2026-11-05T20:00:00+01:00", Body("Bella", "22", "073-987 65 43"),
           R"(,"location":"Skellefteå")"),
      Line("c.se", "k", "2026-11-06T20:00:00+01:00",
           "Ny tjej, bara 16 år, skriv till mig på snapchat så ses vi i helgen."),
      Line("b.se", "y", "2026-11-10T20:00:00+01:00",
           "Massage och avslappning i lugn miljö, ring noll sju tre nio åtta sju sex fem fyra tre "
           "för tidsbokning alla dagar i veckan.",
           R"(,"location":"Luleå")"),
      Line("a.se", "1", "2026-11-12T20:00:00+01:00", Body("Anna", "21", "070-123 45 67"),
           R"(,"location":"Umeå")"),
      Line("d.se", "m", "2026-11-12T21:00:00+01:00",
           "Sugar baby söker generös man för middagar och resor, mejla mig.",
           R"(,"kind":"sugar","email":"lisa@example.com","images":["sha256:aa"])"),
      Line("e.se", "n", "2026-11-13T21:00:00+01:00",
           "Trevlig och diskret dam i Sundsvall tar emot besök, skicka ett mejl först.",
           R"(,"email":"LISA (a) example punkt com","location":"Sundsvall")"),
      Line("f.se", "o", "2026-11-14T21:00:00+01:00", "Bilder och mer info på min profil, puss!",
           R"(,"images":["sha256:aa"])"),
      Line("a.se", "2", "2026-11-20T20:00:00+01:00", Body("Cissi", "20", "076-555 11 22"),
           R"(,"location":"Luleå")"),
      "{not json",
      Line("b.se", "x", "2026-11-21T20:00:00+01:00", Body("Bella", "22", "073-987 65 43"),
           R"(,"location":"Skellefteå")"),
  };
}

// Names each label by the first index that has it, so two partitions can be compared.
std::vector<std::size_t> Canonical(const std::vector<int64_t>& labels) {
  std::map<int64_t, std::size_t> first;
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    out.push_back(first.try_emplace(labels[i], i).first->second);
  }
  return out;
}

class AdImportTest : public ops::testing::WorldTest {
 protected:
  void SetUp() override {
    WorldTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Result<ads::PlaceFinder> places = ads::PlaceFinder::Embedded();
    ASSERT_TRUE(places.ok());
    places_ = std::make_unique<ads::PlaceFinder>(std::move(*places));
  }

  static std::string Language(std::string_view body) { return std::string(ads::BodyLanguage(body)); }

  // A detector that tells the ads of the one template apart by the name in their bodies, so that
  // the tests see which ad's language a template takes.
  static std::string NameLanguage(std::string_view body) {
    for (const auto& [name, code] : {std::pair{"Anna", "an"}, {"Bella", "be"}, {"Cissi", "ci"}}) {
      if (body.find(name) != std::string_view::npos) return code;
    }
    return Language(body);
  }

  std::string Text(std::size_t from, std::size_t to) const {
    std::string text;
    const std::vector<std::string> lines = Corpus();
    for (std::size_t i = from; i < to && i < lines.size(); ++i) text += lines[i] + "\n";
    return text;
  }

  // The stored ads in the order of first appearance in the corpus (which is id order).
  std::vector<detail::AdRow> Stored() {
    std::vector<detail::AdRow> rows;
    Status s = world().database->InReadTransaction([&](soci::session& sql) -> Status {
      rows = detail::LoadRows(sql, "WHERE :k = 0 ORDER BY a.id", 0);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return rows;
  }

  std::unique_ptr<ads::PlaceFinder> places_;
};

TEST_P(AdImportTest, ImportInPartsGivesWhatOneAnalysisGives) {
  ads::AdAnalysis analysis(*places_, NameLanguage);
  const std::vector<std::string> lines = Corpus();
  for (std::size_t i = 0; i < lines.size(); ++i) (void)analysis.AddLine(lines[i], static_cast<int64_t>(i + 1));
  analysis.Finish();

  // Three imports, in batches of two lines: everything crosses batch and import boundaries.
  AdImport import(*world().database, *places_, NameLanguage, 2);
  Result<ImportSummary> first = import.Import(Text(0, 4));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->ads_new, 4);
  Result<ImportSummary> second = import.Import(Text(4, 8));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->ads_new, 3);
  Result<ImportSummary> third = import.Import(Text(8, 11));
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->lines, 3);
  EXPECT_EQ(third->bad_lines, 1);
  ASSERT_EQ(third->errors.size(), 1u);
  EXPECT_EQ(third->errors[0].line, 2);  // line numbers count within the import's own text
  EXPECT_EQ(third->ads_new, 1);
  EXPECT_EQ(third->ads_updated, 1);
  EXPECT_EQ(third->templates, analysis.summary().templates);
  EXPECT_EQ(third->groups, analysis.summary().groups);

  const std::vector<detail::AdRow> stored = Stored();
  const std::vector<ads::AdRecord>& expected = analysis.ads();
  ASSERT_EQ(stored.size(), expected.size());
  std::vector<int64_t> t1, t2, g1, g2;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const ads::AdRecord& want = expected[i];
    const detail::AdRow& got = stored[i];
    SCOPED_TRACE(want.site + " " + want.ad_id);
    EXPECT_EQ(got.ad.site, want.site);
    EXPECT_EQ(got.ad.ad_id, want.ad_id);
    EXPECT_EQ(got.ad.first_seen, want.first_seen);
    EXPECT_EQ(got.ad.last_seen, want.last_seen);
    EXPECT_EQ(got.ad.phones, want.phones);
    EXPECT_EQ(got.ad.emails, want.emails);
    EXPECT_EQ(got.ad.ages, want.ages);
    EXPECT_EQ(got.ad.prices, want.prices);
    EXPECT_EQ(got.ad.municipality, want.municipality);
    EXPECT_EQ(got.ad.language, want.language);
    EXPECT_EQ(got.ad.indicators, want.indicators);
    t1.push_back(static_cast<int64_t>(want.template_of));
    t2.push_back(got.template_id);
    g1.push_back(static_cast<int64_t>(want.group_of));
    g2.push_back(got.group_id);
  }
  EXPECT_EQ(Canonical(t1), Canonical(t2));
  EXPECT_EQ(Canonical(g1), Canonical(g2));
  // The minor is first in the queue's order, and the one template spans three cities.
  EXPECT_TRUE(stored[2].minor);
  EXPECT_EQ(stored[0].group_id, stored[1].group_id);
  EXPECT_EQ(stored[1].group_id, stored[3].group_id);  // the phone written in words
  // The template's language is that of its first ad, Anna's, for Bella's and Cissi's too.
  EXPECT_EQ(stored[0].template_id, stored[7].template_id);
  EXPECT_EQ(stored[0].ad.language, "an");
  EXPECT_EQ(stored[1].ad.language, "an");
  EXPECT_EQ(stored[7].ad.language, "an");
  EXPECT_EQ(stored[4].group_id, stored[5].group_id);  // the e-mail written with (a) and punkt
  EXPECT_EQ(stored[4].group_id, stored[6].group_id);  // the image
}

TEST_P(AdImportTest, SeenAgainIsNotReadAgainAndLinksAreExplained) {
  AdImport import(*world().database, *places_, Language);
  ASSERT_TRUE(import.Import(Text(0, 11)).ok());
  const std::vector<detail::AdRow> before = Stored();
  // The same lines again: nothing new, only the observation counts grow.
  Result<ImportSummary> again = import.Import(Text(0, 11));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->ads_new, 0);
  EXPECT_EQ(again->ads_updated, 0);
  const std::vector<detail::AdRow> after = Stored();
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].contents, before[i].contents);
    EXPECT_EQ(after[i].observations, 2 * before[i].observations);
    EXPECT_EQ(after[i].group_id, before[i].group_id);
  }
  long long links = 0, phone_links = 0;
  Status s = world().database->InReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT COUNT(*) FROM ad_links", soci::into(links);
    sql << "SELECT COUNT(*) FROM ad_links WHERE kind = 'phone' AND value = '+46739876543'",
        soci::into(phone_links);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok());
  // Every join of two groups is one link: 8 ads in 3 groups need 5.
  EXPECT_EQ(links, static_cast<long long>(after.size()) - 3);
  EXPECT_EQ(phone_links, 1);
}

// Signatures stored under another scheme (migration 0010 marks those stored before it) cannot be
// compared with new ones: the next import signs those ads again from their text and rebuilds
// their buckets before it links, keeping their templates. Here the first part's signatures and
// buckets are replaced by others, as a server of scheme 1 would have left them; the third part's
// ad of the first template (a.se 2) can then only find it through rebuilt buckets.
TEST_P(AdImportTest, SignaturesOfAnotherSchemeAreSignedAgainBeforeLinking) {
  ads::AdAnalysis analysis(*places_, Language);
  const std::vector<std::string> lines = Corpus();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    (void)analysis.AddLine(lines[i], static_cast<int64_t>(i + 1));
  }
  analysis.Finish();

  AdImport import(*world().database, *places_, Language, 2);
  ASSERT_TRUE(import.Import(Text(0, 8)).ok());
  const std::vector<detail::AdRow> before = Stored();
  const ads::TemplateOptions options;
  Status s = world().database->InTransaction([&](soci::session& sql) -> Status {
    sql << "DELETE FROM ad_buckets";
    sql << "UPDATE ads SET signature_scheme = 1";
    for (const detail::AdRow& row : before) {
      if (row.signature.empty()) continue;
      std::vector<uint32_t> old = row.signature;
      for (uint32_t& v : old) v ^= 0x9e3779b9u;  // values unrelated to this scheme's
      const std::string encoded = detail::EncodeSignature(old);
      const long long id = row.id;
      sql << "UPDATE ads SET signature = :s WHERE id = :id", soci::use(encoded), soci::use(id);
      for (int band = 0; band < options.bands; ++band) {
        const long long bucket = static_cast<long long>(ads::TemplateBandKey(old.data(), band));
        sql << "INSERT INTO ad_buckets (band, bucket, ad) VALUES (:b, :k, :a)", soci::use(band),
            soci::use(bucket), soci::use(id);
      }
    }
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();

  Result<ImportSummary> third = import.Import(Text(8, 11));
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->ads_new, 1);
  EXPECT_EQ(third->templates, analysis.summary().templates);
  EXPECT_EQ(third->groups, analysis.summary().groups);

  const std::vector<detail::AdRow> after = Stored();
  const std::vector<ads::AdRecord>& expected = analysis.ads();
  ASSERT_EQ(after.size(), expected.size());
  std::vector<int64_t> t1, t2, g1, g2;
  std::map<int64_t, const detail::AdRow*> by_id;
  for (std::size_t i = 0; i < after.size(); ++i) {
    SCOPED_TRACE(expected[i].site + " " + expected[i].ad_id);
    EXPECT_EQ(after[i].signature, ads::TemplateSignature(after[i].body));
    if (i < before.size()) {
      EXPECT_EQ(after[i].template_id, before[i].template_id);
    }
    t1.push_back(static_cast<int64_t>(expected[i].template_of));
    t2.push_back(after[i].template_id);
    g1.push_back(static_cast<int64_t>(expected[i].group_of));
    g2.push_back(after[i].group_id);
    by_id[after[i].id] = &after[i];
  }
  EXPECT_EQ(Canonical(t1), Canonical(t2));
  EXPECT_EQ(Canonical(g1), Canonical(g2));
  EXPECT_EQ(after[7].template_id, after[0].template_id);  // a.se 2 found the first template

  // Every ad is of this scheme now, and every bucket is a band of its ad's new signature.
  long long other_scheme = -1;
  std::vector<std::tuple<int, long long, long long>> buckets;
  s = world().database->InReadTransaction([&](soci::session& sql) -> Status {
    const int scheme = ads::kTemplateSignatureScheme;
    sql << "SELECT COUNT(*) FROM ads WHERE signature_scheme <> :s", soci::use(scheme),
        soci::into(other_scheme);
    int band = 0;
    long long bucket = 0, ad = 0;
    soci::statement st = (sql.prepare << "SELECT band, bucket, ad FROM ad_buckets",
                          soci::into(band), soci::into(bucket), soci::into(ad));
    st.execute();
    while (st.fetch()) buckets.emplace_back(band, bucket, ad);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(other_scheme, 0);
  EXPECT_FALSE(buckets.empty());
  for (const auto& [band, bucket, ad] : buckets) {
    ASSERT_TRUE(by_id.count(ad)) << ad;
    const std::vector<uint32_t>& signature = by_id[ad]->signature;
    ASSERT_FALSE(signature.empty()) << ad;
    EXPECT_EQ(static_cast<uint64_t>(bucket), ads::TemplateBandKey(signature.data(), band)) << ad;
  }
}

SV_STORE_ON_BOTH_BACKENDS(AdImportTest);

}  // namespace
}  // namespace sv::adwatch
