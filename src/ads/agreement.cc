#include "ads/agreement.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <istream>
#include <iterator>
#include <map>
#include <type_traits>
#include <unordered_map>

namespace sv::ads {

namespace {

int64_t Pairs(int64_t n) { return n * (n - 1) / 2; }

double Ratio(int64_t part, int64_t whole) {
  return whole == 0 ? 1.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// Counts of a micro-averaged precision and recall.
struct Tally {
  int64_t found = 0, expected = 0, correct = 0;

  // Both sorted.
  template <typename T>
  void Add(const std::vector<T>& truth, const std::vector<T>& predicted) {
    expected += static_cast<int64_t>(truth.size());
    found += static_cast<int64_t>(predicted.size());
    auto t = truth.begin();
    auto p = predicted.begin();
    while (t != truth.end() && p != predicted.end()) {
      if (*t < *p) {
        ++t;
      } else if (*p < *t) {
        ++p;
      } else {
        ++correct;
        ++t;
        ++p;
      }
    }
  }
  // The items of `a` not in `b`, both sorted.
  template <typename T>
  static std::vector<T> Missing(const std::vector<T>& a, const std::vector<T>& b) {
    std::vector<T> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  }
  double precision() const { return Ratio(correct, found); }
  double recall() const { return Ratio(correct, expected); }
};

Status ReadStrings(simdjson::dom::object& o, std::string_view name, std::vector<std::string>& out) {
  simdjson::dom::array list;
  if (o[name].get(list) != simdjson::SUCCESS) {
    return Status::InvalidInput("must be a list of strings", std::string(name));
  }
  for (simdjson::dom::element e : list) {
    std::string_view s;
    if (e.get(s) != simdjson::SUCCESS) {
      return Status::InvalidInput("must be a list of strings", std::string(name));
    }
    out.emplace_back(s);
  }
  std::sort(out.begin(), out.end());
  return {};
}

Status ReadString(simdjson::dom::object& o, std::string_view name, bool nullable,
                  std::string& out) {
  simdjson::dom::element e;
  if (o[name].get(e) != simdjson::SUCCESS) return Status::InvalidInput("is required", std::string(name));
  if (nullable && e.is_null()) {
    out.clear();
    return {};
  }
  std::string_view s;
  if (e.get(s) != simdjson::SUCCESS) return Status::InvalidInput("must be a string", std::string(name));
  out.assign(s);
  return {};
}

}  // namespace

PairScores PairwiseScores(const std::vector<std::string>& truth,
                          const std::vector<std::string>& predicted) {
  SV_ASSERT(truth.size() == predicted.size());  // the caller labels the same items twice
  const std::size_t n = std::min(truth.size(), predicted.size());
  // Labels as small numbers, then the contingency table's cells keyed by both numbers.
  std::unordered_map<std::string_view, uint32_t> truth_ids, predicted_ids;
  std::vector<int64_t> truth_sizes, predicted_sizes;
  std::unordered_map<uint64_t, int64_t> cells;
  for (std::size_t i = 0; i < n; ++i) {
    auto [t, t_new] = truth_ids.try_emplace(truth[i], static_cast<uint32_t>(truth_sizes.size()));
    if (t_new) truth_sizes.push_back(0);
    auto [p, p_new] =
        predicted_ids.try_emplace(predicted[i], static_cast<uint32_t>(predicted_sizes.size()));
    if (p_new) predicted_sizes.push_back(0);
    ++truth_sizes[t->second];
    ++predicted_sizes[p->second];
    ++cells[(uint64_t{t->second} << 32) | p->second];
  }
  PairScores s;
  for (int64_t size : truth_sizes) s.true_pairs += Pairs(size);
  for (int64_t size : predicted_sizes) s.predicted_pairs += Pairs(size);
  for (const auto& [cell, size] : cells) s.common_pairs += Pairs(size);
  s.precision = Ratio(s.common_pairs, s.predicted_pairs);
  s.recall = Ratio(s.common_pairs, s.true_pairs);
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

double PairwiseF1(const std::vector<std::string>& truth, const std::vector<std::string>& predicted) {
  return PairwiseScores(truth, predicted).f1;
}

Result<CorpusQuality> MeasureCorpusQuality(const std::vector<AdRecord>& ads, std::istream& truth) {
  std::unordered_map<std::string, std::size_t> by_key;
  for (std::size_t i = 0; i < ads.size(); ++i) by_key.emplace(ads[i].site + '\x1f' + ads[i].ad_id, i);

  CorpusQuality q;
  Tally phones, emails, ages;
  int64_t right_place = 0, right_language = 0, minors = 0, flagged = 0, flagged_minors = 0;
  std::vector<std::string> true_templates, predicted_templates, true_groups, predicted_groups;
  simdjson::dom::parser parser;
  std::string line, site, ad_id, municipality, label, language;
  int64_t number = 0;
  std::map<std::string, int> shown;  // examples per kind
  std::map<std::string, std::pair<std::string, std::string>> template_by_truth,
      template_by_prediction, group_by_truth, group_by_prediction;
  const auto example = [&](const std::string& kind, const std::string& what) {
    if (++shown[kind] <= kQualityExamples) {
      q.examples.push_back(kind + " " + what + ": " + site + " " + ad_id);
    }
  };
  const auto text = [](const auto& items) {
    std::string out;
    for (const auto& item : items) {
      if (!out.empty()) out += ',';
      if constexpr (std::is_same_v<std::decay_t<decltype(item)>, int>) {
        out += std::to_string(item);
      } else {
        out += item;
      }
    }
    return out;
  };
  while (std::getline(truth, line)) {
    ++number;
    if (line.empty()) continue;
    const auto bad = [&](const Status& s) {
      return Status::InvalidInput("truth line " + std::to_string(number) +
                                  (s.field().empty() ? "" : " field " + s.field()) + ": " +
                                  s.message());
    };
    simdjson::dom::object o;
    if (parser.parse(line).get(o) != simdjson::SUCCESS) {
      return bad(Status::InvalidInput("not a JSON object"));
    }
    std::vector<std::string> true_phones, true_emails;
    std::vector<int> true_ages;
    bool minor = false;
    Status s = ReadString(o, "site", false, site);
    if (s.ok()) s = ReadString(o, "ad_id", false, ad_id);
    if (s.ok()) s = ReadStrings(o, "phones", true_phones);
    if (s.ok()) s = ReadStrings(o, "emails", true_emails);
    if (s.ok()) s = ReadString(o, "municipality", true, municipality);
    if (s.ok()) s = ReadString(o, "language", false, language);
    if (s.ok()) s = ReadString(o, "template", false, label);
    if (!s.ok()) return bad(s);
    true_templates.push_back(label);
    if (Status g = ReadString(o, "group", false, label); !g.ok()) return bad(g);
    true_groups.push_back(label);
    simdjson::dom::array age_list;
    if (o["ages"].get(age_list) != simdjson::SUCCESS) {
      return bad(Status::InvalidInput("must be a list of numbers", "ages"));
    }
    for (simdjson::dom::element e : age_list) {
      int64_t a = 0;
      if (e.get(a) != simdjson::SUCCESS) {
        return bad(Status::InvalidInput("must be a list of numbers", "ages"));
      }
      true_ages.push_back(static_cast<int>(a));
    }
    std::sort(true_ages.begin(), true_ages.end());
    if (o["minor"].get(minor) != simdjson::SUCCESS) {
      return bad(Status::InvalidInput("must be true or false", "minor"));
    }
    ++q.ads;
    minors += minor;

    auto it = by_key.find(site + '\x1f' + ad_id);
    if (it == by_key.end()) {
      // Found nothing; a label of its own, so that it is in no predicted pair.
      ++q.missing_ads;
      phones.Add(true_phones, {});
      emails.Add(true_emails, {});
      ages.Add(true_ages, {});
      predicted_templates.push_back("\x1fmissing " + std::to_string(number));
      predicted_groups.push_back(predicted_templates.back());
      continue;
    }
    const AdRecord& ad = ads[it->second];
    phones.Add(true_phones, ad.phones);
    emails.Add(true_emails, ad.emails);
    ages.Add(true_ages, ad.ages);
    right_place += ad.municipality == municipality;
    right_language += ad.language == language;
    const bool flag = std::binary_search(ad.indicators.begin(), ad.indicators.end(),
                                         std::string("possible_minor"));
    if (auto m = Tally::Missing(true_phones, ad.phones); !m.empty()) example("phone missed", text(m));
    if (auto m = Tally::Missing(ad.phones, true_phones); !m.empty()) example("phone wrong", text(m));
    if (auto m = Tally::Missing(true_emails, ad.emails); !m.empty()) example("e-mail missed", text(m));
    if (auto m = Tally::Missing(ad.emails, true_emails); !m.empty()) example("e-mail wrong", text(m));
    if (auto m = Tally::Missing(true_ages, ad.ages); !m.empty()) example("age missed", text(m));
    if (auto m = Tally::Missing(ad.ages, true_ages); !m.empty()) example("age wrong", text(m));
    if (ad.municipality != municipality) {
      example("municipality wrong", "'" + ad.municipality + "' for '" + municipality + "'");
    }
    if (ad.language != language) {
      example("language wrong", "'" + ad.language + "' for '" + language + "'");
    }
    if (flag != minor) example(minor ? "minor missed" : "minor wrong", "");
    flagged += flag;
    flagged_minors += flag && minor;
    predicted_templates.push_back("t" + std::to_string(ad.template_of));
    predicted_groups.push_back("g" + std::to_string(ad.group_of));
    // Splits and merges, against the first ad of the same true or predicted cluster.
    const auto compare = [&](std::map<std::string, std::pair<std::string, std::string>>& first,
                             const std::string& key, const std::string& other,
                             const std::string& kind) {
      auto [entry, added] = first.try_emplace(key, other, site + " " + ad_id);
      if (!added && entry->second.first != other) {
        example(kind, key + " (first " + entry->second.second + ")");
      }
    };
    compare(template_by_truth, true_templates.back(), predicted_templates.back(), "template split");
    compare(template_by_prediction, predicted_templates.back(), true_templates.back(),
            "template merged");
    compare(group_by_truth, true_groups.back(), predicted_groups.back(), "group split");
    compare(group_by_prediction, predicted_groups.back(), true_groups.back(), "group merged");
  }
  q.phone_precision = phones.precision();
  q.phone_recall = phones.recall();
  q.email_precision = emails.precision();
  q.email_recall = emails.recall();
  q.age_precision = ages.precision();
  q.age_recall = ages.recall();
  q.municipality_accuracy = Ratio(right_place, q.ads);
  q.language_accuracy = Ratio(right_language, q.ads);
  q.minor_precision = Ratio(flagged_minors, flagged);
  q.minor_recall = Ratio(flagged_minors, minors);
  q.templates = PairwiseScores(true_templates, predicted_templates);
  q.groups = PairwiseScores(true_groups, predicted_groups);
  q.template_f1 = q.templates.f1;
  q.group_f1 = q.groups.f1;
  return q;
}

std::string FormatCorpusQuality(const CorpusQuality& q) {
  char out[1024];
  std::snprintf(out, sizeof out,
                "ads %lld (missing %lld)\n"
                "phones: precision %.4f recall %.4f\n"
                "e-mails: precision %.4f recall %.4f\n"
                "ages: precision %.4f recall %.4f\n"
                "municipality accuracy %.4f\n"
                "language accuracy %.4f\n"
                "possible minor: precision %.4f recall %.4f\n"
                "templates: pairwise precision %.4f recall %.4f F1 %.4f\n"
                "groups: pairwise precision %.4f recall %.4f F1 %.4f\n",
                static_cast<long long>(q.ads), static_cast<long long>(q.missing_ads),
                q.phone_precision, q.phone_recall, q.email_precision, q.email_recall,
                q.age_precision, q.age_recall, q.municipality_accuracy, q.language_accuracy,
                q.minor_precision, q.minor_recall, q.templates.precision, q.templates.recall,
                q.templates.f1, q.groups.precision, q.groups.recall, q.groups.f1);
  return out;
}

}  // namespace sv::ads
