#pragma once
// How well the analysis agrees with a corpus's ground truth (issue 7, point 8): pairwise scores of
// two clusterings (templates, groups), and the quality of extraction and linking measured over a
// synthetic corpus (synth.h) against the truth the generator wrote.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "ads/analysis.h"
#include "core/status.h"

namespace sv::ads {

// Pairwise agreement of two clusterings of the same items: a pair of items is "true" when the
// truth puts both in one cluster, "predicted" when the prediction does. Precision = common /
// predicted pairs, recall = common / true pairs; a side without any pairs scores 1 (nothing was
// claimed, or nothing was there to find).
struct PairScores {
  double precision = 1;
  double recall = 1;
  double f1 = 1;
  int64_t true_pairs = 0;
  int64_t predicted_pairs = 0;
  int64_t common_pairs = 0;
};

// `truth[i]` and `predicted[i]` are the cluster labels of item i (only equality matters); the
// vectors have the same length. Linear in the number of items: counted from the contingency table
// of the two labellings, not over the pairs.
PairScores PairwiseScores(const std::vector<std::string>& truth,
                          const std::vector<std::string>& predicted);
// The F1 of PairwiseScores.
double PairwiseF1(const std::vector<std::string>& truth, const std::vector<std::string>& predicted);

// Extraction and linking quality, micro-averaged over the ads of the truth: phone precision =
// correct numbers found / numbers found, phone recall = correct numbers found / numbers in the
// truth; the same for e-mail addresses and ages; the share of ads with the true municipality
// (none when the truth has none), the true language, and the possible-minor indicator as the
// truth's `minor` says.
struct CorpusQuality {
  int64_t ads = 0;             // in the truth
  int64_t missing_ads = 0;     // in the truth but not in the analysis
  double phone_precision = 1, phone_recall = 1;
  double email_precision = 1, email_recall = 1;
  double age_precision = 1, age_recall = 1;
  double municipality_accuracy = 1;
  double language_accuracy = 1;
  double minor_precision = 1, minor_recall = 1;
  PairScores templates;
  PairScores groups;
  double template_f1 = 1;
  double group_f1 = 1;
  // The first few ads of each kind of error ("phone missed +46701234567: a.se 17"), in the
  // order of the truth, to find the causes.
  std::vector<std::string> examples;
};

// Examples kept per kind of error.
inline constexpr int kQualityExamples = 5;

// Measures `ads` (AdAnalysis::ads() after Finish) against `truth`: one JSON object per ad as
// WriteSynthCorpus writes it ({"site","ad_id","phones","emails","ages","municipality","template",
// "group","language","minor"}). Ads are matched by site and ad_id; an ad of the truth the
// analysis lacks counts as all wrong. kInvalidInput naming the line for a truth line that cannot
// be read.
Result<CorpusQuality> MeasureCorpusQuality(const std::vector<AdRecord>& ads, std::istream& truth);

// The figures, one per line ("phone precision 0.9987"), for test logs and the command line.
std::string FormatCorpusQuality(const CorpusQuality& q);

}  // namespace sv::ads
