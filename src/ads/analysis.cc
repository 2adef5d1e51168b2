#include "ads/analysis.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "ads/extract.h"
#include "ads/groups.h"
#include "ads/indicators.h"
#include "ads/places.h"
#include "ads/templates.h"

namespace sv::ads {

namespace {

void WriteString(std::ostream& out, std::string_view s) {
  out << '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      default:
        if (c < 0x20) {
          static const char* hex = "0123456789abcdef";
          out << "\\u00" << hex[c >> 4] << hex[c & 15];
        } else {
          out << ch;
        }
    }
  }
  out << '"';
}

template <typename T, typename F>
void WriteArray(std::ostream& out, const std::vector<T>& items, F&& write) {
  out << '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out << ',';
    write(items[i]);
  }
  out << ']';
}

}  // namespace

struct AdAnalysis::Impl {
  const PlaceFinder& places;
  LanguageDetector language;
  ObservationParser parser;
  std::vector<AdRecord> ads;
  std::vector<std::string> template_texts;
  std::unordered_map<std::string, std::size_t> index;  // site \x1f ad_id → ad
  // Per ad, the hashes of the observation contents already read: a text seen again on another
  // day is not extracted again.
  std::vector<std::unordered_set<uint64_t>> seen_contents;
  AnalysisSummary summary;
  bool finished = false;

  Impl(const PlaceFinder& p, LanguageDetector l) : places(p), language(std::move(l)) {}

  void Extract(AdRecord& ad, const Observation& o, std::string& template_text) {
    ExtractObservation(o, places, language, ad, template_text);
  }
};

AdAnalysis::AdAnalysis(const PlaceFinder& places, LanguageDetector language)
    : impl_(std::make_unique<Impl>(places, std::move(language))) {}

AdAnalysis::~AdAnalysis() = default;

Status AdAnalysis::AddLine(std::string_view line, int64_t number) {
  Impl& m = *impl_;
  ++m.summary.lines;
  Result<Observation> o = m.parser.Parse(line);
  if (!o.ok()) {
    ++m.summary.bad_lines;
    const std::string where = o.status().field().empty() ? "" : " field " + o.status().field();
    return Status::InvalidInput("line " + std::to_string(number) + where + ": " +
                                o.status().message());
  }
  std::string key = o->site;
  key.push_back('\x1f');
  key += o->ad_id;
  auto [it, inserted] = m.index.try_emplace(std::move(key), m.ads.size());
  if (inserted) {
    AdRecord ad;
    ad.site = o->site;
    ad.ad_id = o->ad_id;
    ad.kind = o->kind;
    ad.first_seen = ad.last_seen = o->seen_at;
    m.ads.push_back(std::move(ad));
    m.template_texts.emplace_back();
    m.seen_contents.emplace_back();
  }
  const std::size_t i = it->second;
  AdRecord& ad = m.ads[i];
  ad.first_seen = std::min(ad.first_seen, o->seen_at);
  ad.last_seen = std::max(ad.last_seen, o->seen_at);
  const uint64_t content = ContentHash(*o);
  if (m.seen_contents[i].insert(content).second) m.Extract(ad, *o, m.template_texts[i]);
  return Status::Ok();
}

void AdAnalysis::Finish() {
  Impl& m = *impl_;
  if (m.finished) return;
  m.finished = true;
  TemplateIndex templates;
  for (const std::string& text : m.template_texts) templates.Add(text);
  AdGroups groups;
  groups.Reserve(m.ads.size());
  std::unordered_map<std::string, std::set<std::size_t>> templates_of_contact;
  for (std::size_t i = 0; i < m.ads.size(); ++i) {
    AdRecord& ad = m.ads[i];
    std::sort(ad.phones.begin(), ad.phones.end());
    std::sort(ad.emails.begin(), ad.emails.end());
    std::sort(ad.ages.begin(), ad.ages.end());
    ad.template_of = templates.TemplateOf(i);
    groups.AddKey(i, LinkKind::kTemplate, std::to_string(ad.template_of));
    for (const std::string& p : ad.phones) {
      groups.AddKey(i, LinkKind::kPhone, p);
      templates_of_contact["p" + p].insert(ad.template_of);
    }
    for (const std::string& e : ad.emails) {
      groups.AddKey(i, LinkKind::kEmail, e);
      templates_of_contact["e" + e].insert(ad.template_of);
    }
    for (const std::string& h : ad.images) groups.AddKey(i, LinkKind::kImage, h);
  }
  // Places of each group over time, for multi_city.
  std::unordered_map<std::size_t, std::vector<std::pair<TimePoint, std::string>>> places_of_group;
  std::set<std::size_t> template_ids, group_ids;
  for (std::size_t i = 0; i < m.ads.size(); ++i) {
    AdRecord& ad = m.ads[i];
    ad.group_of = groups.GroupOf(i);
    template_ids.insert(ad.template_of);
    group_ids.insert(ad.group_of);
    if (!ad.municipality.empty()) {
      places_of_group[ad.group_of].emplace_back(ad.first_seen, ad.municipality);
      places_of_group[ad.group_of].emplace_back(ad.last_seen, ad.municipality);
    }
  }
  std::unordered_set<std::size_t> multi_city;
  for (auto& [group, events] : places_of_group) {
    if (IsMultiCity(events)) multi_city.insert(group);
  }
  for (AdRecord& ad : m.ads) {
    bool shared = false;
    for (const std::string& p : ad.phones) shared = shared || templates_of_contact["p" + p].size() > 1;
    for (const std::string& e : ad.emails) shared = shared || templates_of_contact["e" + e].size() > 1;
    ad.indicators = IndicatorsOf(ad, shared, multi_city.count(ad.group_of) > 0);
  }
  m.summary.ads = static_cast<int64_t>(m.ads.size());
  m.summary.templates = static_cast<int64_t>(template_ids.size());
  m.summary.groups = static_cast<int64_t>(group_ids.size());
}

const std::vector<AdRecord>& AdAnalysis::ads() const { return impl_->ads; }

AnalysisSummary AdAnalysis::summary() const { return impl_->summary; }

void AdAnalysis::WriteJsonLines(std::ostream& out) const {
  for (const AdRecord& ad : impl_->ads) {
    out << "{\"site\":";
    WriteString(out, ad.site);
    out << ",\"ad_id\":";
    WriteString(out, ad.ad_id);
    out << ",\"first_seen\":";
    WriteString(out, FormatRfc3339(ad.first_seen));
    out << ",\"last_seen\":";
    WriteString(out, FormatRfc3339(ad.last_seen));
    out << ",\"phones\":";
    WriteArray(out, ad.phones, [&](const std::string& s) { WriteString(out, s); });
    out << ",\"emails\":";
    WriteArray(out, ad.emails, [&](const std::string& s) { WriteString(out, s); });
    out << ",\"ages\":";
    WriteArray(out, ad.ages, [&](int a) { out << a; });
    out << ",\"prices\":";
    WriteArray(out, ad.prices, [&](const Price& p) {
      out << "{\"amount\":" << p.amount << ",\"currency\":\"" << CurrencyCode(p.currency)
          << "\",\"minutes\":";
      if (p.minutes) {
        out << *p.minutes;
      } else {
        out << "null";
      }
      out << '}';
    });
    out << ",\"municipality\":";
    if (ad.municipality.empty()) {
      out << "null";
    } else {
      WriteString(out, ad.municipality);
    }
    out << ",\"language\":";
    if (ad.language.empty()) {
      out << "null";
    } else {
      WriteString(out, ad.language);
    }
    out << ",\"indicators\":";
    WriteArray(out, ad.indicators, [&](const std::string& s) { WriteString(out, s); });
    out << ",\"template\":\"t" << ad.template_of << "\",\"group\":\"g" << ad.group_of << "\"}\n";
  }
}

void AdAnalysis::WriteCounts(std::ostream& out, Period period) const {
  std::vector<ActiveAd> active;
  active.reserve(impl_->ads.size());
  for (const AdRecord& ad : impl_->ads) {
    active.push_back({ad.first_seen, ad.last_seen, ad.municipality, &ad.phones, ad.group_of});
  }
  out << "period,municipality,active_ads,unique_phones,groups\n";
  for (const CountRow& row : CountActiveAds(active, period)) {
    out << row.period << ',' << row.municipality << ',' << row.active_ads << ','
        << row.unique_phones << ',' << row.groups << '\n';
  }
}

}  // namespace sv::ads
