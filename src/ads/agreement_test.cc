#include "ads/agreement.h"

#include <gtest/gtest.h>

#include <sstream>

namespace sv::ads {
namespace {

TEST(AgreementTest, PairwiseScoresByHand) {
  // Truth {0,1,2} {3,4} {5}: 3 + 1 = 4 pairs. Prediction {0,1} {2,3,4} {5}: 1 + 3 = 4 pairs.
  // Common: (0,1) and (3,4).
  const PairScores s =
      PairwiseScores({"a", "a", "a", "b", "b", "c"}, {"x", "x", "y", "y", "y", "z"});
  EXPECT_EQ(s.true_pairs, 4);
  EXPECT_EQ(s.predicted_pairs, 4);
  EXPECT_EQ(s.common_pairs, 2);
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_DOUBLE_EQ(s.f1, 0.5);

  // Truth {0,1,2,3}: 6 pairs; prediction {0,1} {2,3}: 2 pairs, both right.
  const PairScores split = PairwiseScores({"a", "a", "a", "a"}, {"x", "x", "y", "y"});
  EXPECT_DOUBLE_EQ(split.precision, 1.0);
  EXPECT_DOUBLE_EQ(split.recall, 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(split.f1, 2 * (1.0 / 3.0) / (1 + 1.0 / 3.0));
  EXPECT_DOUBLE_EQ(PairwiseF1({"a", "a", "a", "a"}, {"x", "x", "y", "y"}), 0.5);
}

TEST(AgreementTest, LabelsAreOpaqueAndEdgesAreDefined) {
  EXPECT_DOUBLE_EQ(PairwiseF1({"a", "a", "b"}, {"7", "7", "x"}), 1.0);
  // Everything merged where nothing belongs together: no right pair.
  const PairScores merged = PairwiseScores({"a", "b", "c"}, {"x", "x", "x"});
  EXPECT_DOUBLE_EQ(merged.precision, 0.0);
  EXPECT_DOUBLE_EQ(merged.recall, 1.0);
  EXPECT_DOUBLE_EQ(merged.f1, 0.0);
  // Singletons on both sides: nothing claimed, nothing missed.
  EXPECT_DOUBLE_EQ(PairwiseF1({"a", "b"}, {"x", "y"}), 1.0);
  EXPECT_DOUBLE_EQ(PairwiseF1({}, {}), 1.0);
}

TEST(AgreementTest, MeasuresExtractionMicroAveraged) {
  std::vector<AdRecord> ads(2);
  ads[0].site = "a.se";
  ads[0].ad_id = "1";
  ads[0].phones = {"+46701234567", "+46709999999"};  // one right, one wrong
  ads[0].ages = {21};
  ads[0].municipality = "2480";
  ads[0].language = "sv";
  ads[0].template_of = 0;
  ads[0].group_of = 0;
  ads[1].site = "a.se";
  ads[1].ad_id = "2";
  ads[1].emails = {"anna@example.se"};
  ads[1].indicators = {"possible_minor"};
  ads[1].template_of = 0;  // wrongly joined to the first
  ads[1].group_of = 0;
  std::istringstream truth(
      R"({"site":"a.se","ad_id":"1","phones":["+46701234567"],"emails":[],"ages":[21,23],)"
      R"("municipality":"2480","template":"T1","group":"G","kind":"escort","language":"sv","minor":false})"
      "\n"
      R"({"site":"a.se","ad_id":"2","phones":["+46731111111"],"emails":["anna@example.se"],"ages":[],)"
      R"("municipality":null,"template":"T2","group":"G","kind":"sugar","language":"en","minor":true})"
      "\n"
      R"({"site":"b.se","ad_id":"3","phones":[],"emails":[],"ages":[17],)"
      R"("municipality":"0180","template":"T3","group":"H","kind":"sugar","language":"sv","minor":true})"
      "\n");
  Result<CorpusQuality> q = MeasureCorpusQuality(ads, truth);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->ads, 3);
  EXPECT_EQ(q->missing_ads, 1);
  EXPECT_DOUBLE_EQ(q->phone_precision, 0.5);
  EXPECT_DOUBLE_EQ(q->phone_recall, 0.5);
  EXPECT_DOUBLE_EQ(q->email_precision, 1.0);
  EXPECT_DOUBLE_EQ(q->email_recall, 1.0);
  EXPECT_DOUBLE_EQ(q->age_precision, 1.0);
  EXPECT_DOUBLE_EQ(q->age_recall, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(q->municipality_accuracy, 2.0 / 3.0);  // null = "" counts as right
  EXPECT_DOUBLE_EQ(q->language_accuracy, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(q->minor_precision, 1.0);
  EXPECT_DOUBLE_EQ(q->minor_recall, 0.5);
  EXPECT_DOUBLE_EQ(q->template_f1, 0.0);
  EXPECT_DOUBLE_EQ(q->group_f1, 1.0);
  EXPECT_NE(FormatCorpusQuality(*q).find("phones: precision 0.5000 recall 0.5000"),
            std::string::npos);
}

TEST(AgreementTest, ABadTruthLineIsNamed) {
  std::istringstream truth(R"({"site":"a.se","ad_id":"1"})" "\n");
  Result<CorpusQuality> q = MeasureCorpusQuality({}, truth);
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.status().message().find("truth line 1 field phones"), std::string::npos)
      << q.status().message();
  std::istringstream garbage("{\n");
  EXPECT_FALSE(MeasureCorpusQuality({}, garbage).ok());
}

}  // namespace
}  // namespace sv::ads
