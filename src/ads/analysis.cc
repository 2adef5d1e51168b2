#include "ads/analysis.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <limits>
#include <ostream>
#include <sstream>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "ads/extract.h"
#include "ads/groups.h"
#include "ads/indicators.h"
#include "ads/language.h"
#include "ads/places.h"
#include "ads/templates.h"
#include "ads/detail/ad_index.h"
#include "ads/detail/seen_contents.h"
#include "ads/detail/string_table.h"
#include "ads/detail/stage_clock.h"

namespace sv::ads {

namespace {

// The output of WriteJsonLines, gathered in a buffer and handed to the stream in large pieces:
// writing to an ostream byte by byte cost more than a microsecond per ad. Prints what it is given
// as an ostream would (numbers in decimal).
class JsonOut {
 public:
  explicit JsonOut(std::ostream& out) : out_(out) { buffer_.reserve(kFlushBytes + 4096); }
  ~JsonOut() { Flush(); }
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;

  JsonOut& operator<<(char c) {
    buffer_.push_back(c);
    return *this;
  }
  JsonOut& operator<<(std::string_view s) {
    buffer_.append(s);
    if (buffer_.size() >= kFlushBytes) Flush();
    return *this;
  }
  JsonOut& operator<<(const char* s) { return *this << std::string_view(s); }
  JsonOut& operator<<(const std::string& s) { return *this << std::string_view(s); }
  template <typename T>
  JsonOut& operator<<(const T& value) {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
      return *this << std::string_view(digits, static_cast<std::size_t>(end - digits));
    } else {
      std::ostringstream text;
      text << value;
      return *this << text.str();
    }
  }

  void Flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kFlushBytes = 1 << 16;
  std::ostream& out_;
  std::string buffer_;
};

void WriteString(JsonOut& out, std::string_view s) {
  out << '"';
  // The bytes that need no escape are handed over in runs, not one by one: nearly every string
  // (sites, ids, numbers, places) is one run.
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out << s.substr(run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      default: {
        static const char* hex = "0123456789abcdef";
        out << "\\u00" << hex[c >> 4] << hex[c & 15];
      }
    }
  }
  out << s.substr(run);
  out << '"';
}

template <typename T, typename F>
void WriteArray(JsonOut& out, const std::vector<T>& items, F&& write) {
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
  // Per ad, the template signature of its first body, signed as soon as that body is read (a
  // signature is smaller than the text); `has_text` whether there is one yet, `too_short` what
  // SignTemplate said.
  static constexpr std::size_t kSignature =
      static_cast<std::size_t>(TemplateOptions{}.bands * TemplateOptions{}.rows);
  std::vector<uint32_t> signatures;
  std::vector<bool> too_short;
  std::vector<bool> has_text;
  // Per ad, where the LanguageSample of its first body is in `language_samples`: offset << 8 |
  // length (0 for none). Detected in Finish(), once per template.
  std::vector<uint64_t> sample_of;
  std::string language_samples;
  static_assert(kMaxLanguageBytes < 256, "a sample's length is kept in 8 bits");
  std::string template_text;  // ExtractObservation's, for one observation
  detail::AdIndex index;  // site and ad_id → the ad's number in `ads`
  // The observation contents already read in lines SeenLines could not remember (their time
  // written with an escape, no room near their slot): a text seen again on another day is not
  // extracted again.
  detail::SeenContents seen_contents;
  // The valid lines already read, but for their time: a line seen again is not parsed again.
  detail::SeenLines seen_lines;
  // What the sentences of the bodies read said (extract.h).
  SentenceMemo sentences;
  // Reused from line to line, so that reading a line allocates nothing.
  Observation current;
  AnalysisSummary summary;
  bool finished = false;
  bool measure = false;
  StageTimes times;

  Impl(const PlaceFinder& p, LanguageDetector l) : places(p), language(std::move(l)) {}

  StageTimes* Times() { return measure ? &times : nullptr; }
};

AdAnalysis::AdAnalysis(const PlaceFinder& places, LanguageDetector language)
    : impl_(std::make_unique<Impl>(places, std::move(language))) {}

AdAnalysis::~AdAnalysis() = default;

void AdAnalysis::Prefetch(std::string_view line) const { impl_->seen_lines.Prefetch(line); }

Status AdAnalysis::AddLine(std::string_view line, int64_t number) {
  Impl& m = *impl_;
  detail::StageClock clock(m.Times());
  ++m.summary.lines;
  // A line that repeats an earlier valid one but for its time is valid when its time is, is of the
  // same ad and shows a content already seen: only the time is read. Any other line (also one
  // whose time is bad, for the parser's message) is parsed in full.
  const detail::SeenLines::Cut cut = m.seen_lines.CutAtTime(line);
  if (const std::size_t again = m.seen_lines.Find(cut);
      again != detail::SeenLines::kNone && line.size() <= m.parser.max_line_bytes()) {
    AdRecord& ad = m.ads[again];
    __builtin_prefetch(&ad.first_seen);  // likely not in the cache: loaded while the time is read
    if (Result<TimePoint> at = ParseRfc3339(cut.time, "seen_at"); at.ok()) {
      ad.first_seen = std::min(ad.first_seen, *at);
      ad.last_seen = std::max(ad.last_seen, *at);
      clock.Lap(&StageTimes::parse);
      return Status::Ok();
    }
  }
  Observation& o = m.current;
  if (Status parsed = m.parser.ParseInto(line, o); !parsed.ok()) {
    ++m.summary.bad_lines;
    const std::string where = parsed.field().empty() ? "" : " field " + parsed.field();
    return Status::InvalidInput("line " + std::to_string(number) + where + ": " +
                                parsed.message());
  }
  // The ad's slot, likely not in the cache, is loaded while its key is compared.
  const uint64_t ad_hash = detail::AdIndex::Hash(o.site, o.ad_id);
  m.index.Prefetch(ad_hash);
  bool added = false;
  const std::size_t i = m.index.FindOrAdd(
      ad_hash, m.ads.size(),
      [&](std::size_t ad) { return m.ads[ad].ad_id == o.ad_id && m.ads[ad].site == o.site; },
      added);
  if (added) {
    AdRecord& ad = m.ads.emplace_back();
    ad.site = o.site;
    ad.ad_id = o.ad_id;
    ad.kind = o.kind;
    ad.first_seen = ad.last_seen = o.seen_at;
    m.signatures.resize(m.signatures.size() + Impl::kSignature,
                        std::numeric_limits<uint32_t>::max());
    m.too_short.push_back(true);
    m.has_text.push_back(false);
    m.sample_of.push_back(0);
  }
  AdRecord& ad = m.ads[i];
  ad.first_seen = std::min(ad.first_seen, o.seen_at);
  ad.last_seen = std::max(ad.last_seen, o.seen_at);
  // A line SeenLines remembers will not come back but for its time: its content is read as new
  // without hashing every field for SeenContents (which then never held it). Reading a content
  // again, should it come back in a line written otherwise, adds nothing to the ad: extraction
  // only adds values the ad does not hold.
  const bool fresh = m.seen_lines.Remember(line, cut, i) ||
                     m.seen_contents.Insert(detail::SeenContents::Key(ad_hash, o));
  clock.Lap(&StageTimes::parse);
  if (!fresh) return Status::Ok();
  m.template_text.clear();
  ExtractObservation(o, m.places, ad, m.template_text, m.Times(), &m.sentences);
  if (!m.has_text[i] && !m.template_text.empty()) {
    detail::StageClock sign(m.Times());
    const std::string_view sample = LanguageSample(m.template_text);
    m.sample_of[i] = static_cast<uint64_t>(m.language_samples.size()) << 8 | sample.size();
    m.language_samples.append(sample);
    sign.Lap(&StageTimes::language);
    m.has_text[i] = true;
    m.too_short[i] = !SignTemplate(m.template_text, &m.signatures[i * Impl::kSignature]);
    sign.Lap(&StageTimes::templates);
  }
  return Status::Ok();
}

void AdAnalysis::Finish() {
  Impl& m = *impl_;
  if (m.finished) return;
  m.finished = true;
  detail::StageClock clock(m.Times());
  {
    // In a scope of its own: the index (signatures and buckets, about half a kilobyte per ad) is
    // gone before the groups are built, which keeps the peak memory down.
    TemplateIndex templates;
    templates.AddSignatures(std::move(m.signatures), m.too_short);
    m.signatures = {};
    m.too_short = {};
    m.has_text = {};
    for (std::size_t i = 0; i < m.ads.size(); ++i) m.ads[i].template_of = templates.TemplateOf(i);
  }
  clock.Lap(&StageTimes::templates);
  // The language of each template's first ad, for all its ads (a template's first ad comes first,
  // so its entry in `language_of` is set before any other ad reads it). An ad reads its template's
  // language through a dense array of pointers to the few distinct languages the detector gave
  // (the nodes of a set do not move), both in the cache; reading it from the template's record
  // missed the cache at random.
  std::unordered_set<std::string> languages;
  std::vector<const std::string*> language_of(m.ads.size());
  for (std::size_t i = 0; i < m.ads.size(); ++i) {
    AdRecord& ad = m.ads[i];
    if (ad.template_of != i) {
      ad.language = *language_of[ad.template_of];
      continue;
    }
    if (m.sample_of[i] != 0 && m.language) {
      ad.language = m.language(std::string_view(m.language_samples)
                                   .substr(m.sample_of[i] >> 8, m.sample_of[i] & 0xff));
    }
    language_of[i] = &*languages.insert(ad.language).first;
  }
  m.sample_of = {};
  m.language_samples = {};
  clock.Lap(&StageTimes::language);
  AdGroups groups;
  groups.Reserve(m.ads.size());
  // Per group key ("p" + number, "e" + address, "i" + image hash): the first ad with it, for the
  // groups, and its number in `templates_of_key`, in one table, so that each key is looked up
  // once (at a million ads nearly every lookup misses the cache).
  struct KeyFirst {
    std::size_t ad = 0;
    std::size_t key = 0;
  };
  detail::StringTable<KeyFirst> keys;
  keys.Reserve(m.ads.size(), 16 * m.ads.size());
  // Per key, by number: the first template it was seen in, and whether it was seen in another
  // one too (shared_contact, of phones and e-mails).
  struct ContactTemplates {
    std::size_t first = 0;
    bool several = false;
  };
  std::vector<ContactTemplates> templates_of_key;
  templates_of_key.reserve(m.ads.size());
  // The numbers of the keys of every ad's phones and then e-mails, ad after ad, for the
  // indicators below: read in order rather than looked up again.
  std::vector<std::size_t> contact_keys;
  contact_keys.reserve(m.ads.size());
  // The contacts sorted, then every ad's keys listed with their hashes, in the order they are
  // added below, so that the slot of each key is asked of memory kAhead keys before it is looked
  // up: at a hundred thousand ads the table is larger than the cache, and the misses, one after
  // the other, were most of the time of the groups. The list is also what the loop below reads,
  // so the two cannot fall out of step.
  for (AdRecord& ad : m.ads) {
    std::sort(ad.phones.begin(), ad.phones.end());
    std::sort(ad.emails.begin(), ad.emails.end());
    std::sort(ad.ages.begin(), ad.ages.end());
  }
  struct KeyToAdd {
    std::size_t ad = 0;
    LinkKind kind = LinkKind::kPhone;
    char prefix = 0;
    const std::string* value = nullptr;
    uint64_t hash = 0;
  };
  std::vector<KeyToAdd> to_add;
  to_add.reserve(2 * m.ads.size());
  for (std::size_t i = 0; i < m.ads.size(); ++i) {
    const auto list = [&](const std::vector<std::string>& values, LinkKind kind, char prefix) {
      for (const std::string& v : values) {
        to_add.push_back({i, kind, prefix, &v, keys.Hash(prefix, v)});
      }
    };
    list(m.ads[i].phones, LinkKind::kPhone, 'p');
    list(m.ads[i].emails, LinkKind::kEmail, 'e');
    list(m.ads[i].images, LinkKind::kImage, 'i');
  }
  constexpr std::size_t kAhead = 16;
  std::size_t next = 0;  // in to_add
  for (std::size_t i = 0; i < m.ads.size(); ++i) {
    const AdRecord& ad = m.ads[i];
    groups.AddTemplate(i, ad.template_of);
    for (; next < to_add.size() && to_add[next].ad == i; ++next) {
      if (next + kAhead < to_add.size()) keys.Prefetch(to_add[next + kAhead].hash);
      const KeyToAdd& k = to_add[next];
      auto [key, added] = keys.TryEmplace(k.prefix, *k.value, k.hash, {i, templates_of_key.size()});
      if (added) {
        templates_of_key.push_back({ad.template_of, false});
      } else if (templates_of_key[key->key].first != ad.template_of) {
        templates_of_key[key->key].several = true;
      }
      groups.AddKnownKey(i, k.kind, *k.value, key->ad);
      if (k.kind != LinkKind::kImage) contact_keys.push_back(key->key);
    }
  }
  // A group is multi_city only with kMultiCityPlaces different municipalities in all, which
  // few have (most are one ad, or one place): per group (by its first ad) the first different
  // ones are counted, up to that many, and only the groups that reach it have their places over
  // time gathered for IsMultiCity. Hashing and copying every ad's places cost more than the
  // rest of the groups.
  struct GroupPlaces {
    std::array<const std::string*, kMultiCityPlaces - 1> seen{};
    bool enough = false;  // kMultiCityPlaces different
  };
  std::vector<GroupPlaces> places_of_group(m.ads.size());
  // A template and a group are each named by their first ad, which names itself.
  int64_t template_count = 0, group_count = 0;
  for (std::size_t i = 0; i < m.ads.size(); ++i) {
    AdRecord& ad = m.ads[i];
    ad.group_of = groups.GroupOf(i);
    template_count += ad.template_of == i;
    group_count += ad.group_of == i;
    GroupPlaces& places = places_of_group[ad.group_of];
    if (ad.municipality.empty() || places.enough) continue;
    places.enough = true;  // unless it is one of those seen, or there is room for it
    for (const std::string*& seen : places.seen) {
      if (seen == nullptr) seen = &ad.municipality;
      if (*seen == ad.municipality) {
        places.enough = false;
        break;
      }
    }
  }
  std::unordered_map<std::size_t, std::vector<std::pair<TimePoint, std::string>>> events_of_group;
  for (const AdRecord& ad : m.ads) {
    if (!places_of_group[ad.group_of].enough || ad.municipality.empty()) continue;
    events_of_group[ad.group_of].emplace_back(ad.first_seen, ad.municipality);
    events_of_group[ad.group_of].emplace_back(ad.last_seen, ad.municipality);
  }
  places_of_group = {};
  clock.Lap(&StageTimes::groups);
  std::vector<bool> multi_city(m.ads.size());
  for (auto& [group, events] : events_of_group) multi_city[group] = IsMultiCity(events);
  std::size_t next_contact = 0;
  for (AdRecord& ad : m.ads) {
    bool shared = false;
    const std::size_t contacts = ad.phones.size() + ad.emails.size();
    for (std::size_t c = 0; c < contacts; ++c) {
      shared = shared || templates_of_key[contact_keys[next_contact + c]].several;
    }
    next_contact += contacts;
    ad.indicators = IndicatorsOf(ad, shared, multi_city[ad.group_of]);
  }
  clock.Lap(&StageTimes::indicators);
  m.summary.ads = static_cast<int64_t>(m.ads.size());
  m.summary.templates = template_count;
  m.summary.groups = group_count;
}

const std::vector<AdRecord>& AdAnalysis::ads() const { return impl_->ads; }

AnalysisSummary AdAnalysis::summary() const { return impl_->summary; }

void AdAnalysis::MeasureStages(bool on) { impl_->measure = on; }

StageTimes AdAnalysis::stage_times() const { return impl_->times; }

void AdAnalysis::WriteJsonLines(std::ostream& stream) const {
  JsonOut out(stream);
  // Times are written into a buffer, not a string each (two allocations per ad), and need no
  // escapes: digits, '-', 'T', ':', '.' and 'Z'.
  char time[kRfc3339Bytes];
  for (const AdRecord& ad : impl_->ads) {
    out << "{\"site\":";
    WriteString(out, ad.site);
    out << ",\"ad_id\":";
    WriteString(out, ad.ad_id);
    out << ",\"first_seen\":\"" << FormatRfc3339(ad.first_seen, time);
    out << "\",\"last_seen\":\"" << FormatRfc3339(ad.last_seen, time);
    out << "\",\"phones\":";
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
