#include "adwatch/ad_import.h"

#include <soci/soci.h>

#include <algorithm>
#include <istream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "adwatch/detail/ad_rows.h"
#include "ads/extract.h"
#include "ads/groups.h"
#include "ads/indicators.h"
#include "ads/language.h"
#include "ads/observation.h"
#include "ads/templates.h"
#include "store/database.h"

namespace sv::adwatch {

namespace {

using detail::AdRow;

// Key of the PostgreSQL advisory lock that serialises imports ("sv-ads").
constexpr long long kImportLockKey = 0x73762d616473LL;

const ads::TemplateOptions kTemplates{};

std::string KeyOf(std::string_view site, std::string_view ad_id) {
  std::string key(site);
  key.push_back('\x1f');
  key.append(ad_id);
  return key;
}

template <typename T>
bool Contains(const std::vector<T>& items, const T& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// Signs again, from their stored text, the ads whose signature is of another scheme than
// ads::kTemplateSignatureScheme (migration 0010 marks every ad stored before it), and rebuilds
// their LSH buckets in the order of the ads, as linking them once more would fill them, keeping
// their templates and groups: the ads of a template were found alike, and a new scheme is no
// reason to split them (nor to move the links that explain their groups). Runs in a batch's
// transaction before anything is linked, so a new ad is only ever compared with signatures of
// its own scheme; the first import after an upgrade does the whole table, in chunks of ads.
void ResignOldSignatures(soci::session& sql) {
  const int scheme = ads::kTemplateSignatureScheme;
  while (true) {
    std::vector<long long> ids, templates;
    std::vector<std::string> bodies;
    {
      long long id = 0, template_id = 0;
      std::string body;
      soci::statement st =
          (sql.prepare << "SELECT id, template_id, body FROM ads WHERE signature_scheme <> :s "
                          "ORDER BY id LIMIT 500",
           soci::use(scheme), soci::into(id), soci::into(template_id), soci::into(body));
      st.execute();
      while (st.fetch()) {
        ids.push_back(id);
        templates.push_back(template_id);
        bodies.push_back(body);
      }
    }
    if (ids.empty()) return;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      sql << "DELETE FROM ad_buckets WHERE ad = :id", soci::use(ids[i]);
      const std::vector<uint32_t> signature = ads::TemplateSignature(bodies[i], kTemplates);
      const std::string stored = detail::EncodeSignature(signature);
      sql << "UPDATE ads SET signature = :sig, signature_scheme = :s WHERE id = :id",
          soci::use(stored), soci::use(scheme), soci::use(ids[i]);
      if (signature.empty()) continue;
      for (int band = 0; band < kTemplates.bands; ++band) {
        const long long bucket =
            static_cast<long long>(ads::TemplateBandKey(signature.data(), band, kTemplates));
        // As LinkTemplate: a bucket that already holds an ad of this template, or holds as many
        // representatives as it may, does not take this one.
        int reps = 0;
        bool same_template = false;
        {
          long long rep_template = 0;
          soci::statement st =
              (sql.prepare << "SELECT a.template_id FROM ad_buckets b JOIN ads a ON a.id = b.ad "
                              "WHERE b.band = :band AND b.bucket = :bucket",
               soci::use(band), soci::use(bucket), soci::into(rep_template));
          st.execute();
          while (st.fetch()) {
            ++reps;
            same_template = same_template || rep_template == templates[i];
          }
        }
        if (!same_template && reps < kTemplates.representatives) {
          sql << "INSERT INTO ad_buckets (band, bucket, ad) VALUES (:band, :bucket, :ad)",
              soci::use(band), soci::use(bucket), soci::use(ids[i]);
        }
      }
    }
  }
}

}  // namespace

// One batch's rows and the links it makes, in one transaction.
struct AdImport::Batch {
  soci::session& sql;
  std::vector<AdRow> rows;                      // in the order of first appearance
  std::unordered_map<std::string, std::size_t> index;  // site \x1f ad_id → row
  std::vector<bool> fresh;                      // not in the database before this batch
  std::vector<bool> changed;                    // to be written
  std::vector<std::vector<std::string>> had_keys;  // phones, e-mails, images before the batch
  std::vector<bool> had_body;
  std::set<int64_t> touched_groups;
  const ads::LanguageDetector& language;

  Batch(soci::session& s, const ads::LanguageDetector& l) : sql(s), language(l) {}

  // The language of template `id`: that of its first ad, which is `id` (ads::AdAnalysis's rule).
  std::string TemplateLanguage(int64_t id) {
    for (const AdRow& r : rows) {
      if (r.id == id) return r.ad.language;
    }
    std::string code;
    const long long i = id;
    sql << "SELECT language FROM ads WHERE id = :i", soci::use(i), soci::into(code);
    return code;
  }

  // Template `from` joins template `to`, taking its language.
  void SetTemplate(int64_t from, int64_t to) {
    const long long f = from, t = to;
    const std::string code = TemplateLanguage(to);
    sql << "UPDATE ads SET template_id = :t, language = :l WHERE template_id = :f", soci::use(t),
        soci::use(code), soci::use(f);
    for (AdRow& r : rows) {
      if (r.template_id == from) {
        r.template_id = to;
        r.ad.language = code;
      }
    }
  }

  // Joins the groups of `ad` and `with`, keeping the link that did it.
  void Join(const AdRow& ad, int64_t with, int64_t with_group, ads::LinkKind kind,
            const std::string& value) {
    if (ad.group_id == with_group) return;
    const long long a = ad.id, w = with;
    const std::string k(ads::LinkKindName(kind));
    sql << "INSERT INTO ad_links (ad, with_ad, kind, value) VALUES (:a, :w, :k, :v)",
        soci::use(a), soci::use(w), soci::use(k), soci::use(value);
    const long long to = std::min(ad.group_id, with_group);
    const long long from = std::max(ad.group_id, with_group);
    sql << "UPDATE ads SET group_id = :t WHERE group_id = :f", soci::use(to), soci::use(from);
    for (AdRow& r : rows) {
      if (r.group_id == from) r.group_id = to;
    }
    touched_groups.erase(from);
    touched_groups.insert(to);
  }

  // Finds the template of row `i` through the LSH buckets, as ads::TemplateIndex::Add does.
  void LinkTemplate(std::size_t i) {
    AdRow& row = rows[i];
    row.signature = ads::TemplateSignature(row.body, kTemplates);
    if (row.signature.empty()) return;
    // Stored at once: later ads of this batch compare with it through the buckets.
    const std::string stored = detail::EncodeSignature(row.signature);
    const long long row_id = row.id;
    const int scheme = ads::kTemplateSignatureScheme;
    sql << "UPDATE ads SET signature = :s, signature_scheme = :v WHERE id = :id",
        soci::use(stored), soci::use(scheme), soci::use(row_id);
    for (int band = 0; band < kTemplates.bands; ++band) {
      const long long bucket =
          static_cast<long long>(ads::TemplateBandKey(row.signature.data(), band, kTemplates));
      std::vector<long long> reps, templates, groups;
      std::vector<std::string> signatures;
      {
        long long rep = 0, rep_template = 0, rep_group = 0;
        std::string rep_signature;
        soci::statement st =
            (sql.prepare << "SELECT b.ad, a.template_id, a.group_id, a.signature FROM ad_buckets b "
                            "JOIN ads a ON a.id = b.ad WHERE b.band = :band AND b.bucket = :bucket "
                            "ORDER BY b.ad",
             soci::use(band), soci::use(bucket), soci::into(rep), soci::into(rep_template),
             soci::into(rep_group), soci::into(rep_signature));
        st.execute();
        while (st.fetch()) {
          reps.push_back(rep);
          templates.push_back(rep_template);
          groups.push_back(rep_group);
          signatures.push_back(rep_signature);
        }
      }
      bool joined = false;
      for (std::size_t r = 0; r < reps.size() && !joined; ++r) {
        if (templates[r] == row.template_id) {
          joined = true;
          break;
        }
        const std::vector<uint32_t> other = detail::DecodeSignature(signatures[r]);
        if (other.size() != row.signature.size() ||
            ads::SignatureSimilarity(other.data(), row.signature.data(), other.size()) <
                kTemplates.min_similarity) {
          continue;
        }
        const int64_t to = std::min<int64_t>(templates[r], row.template_id);
        const int64_t from = std::max<int64_t>(templates[r], row.template_id);
        SetTemplate(from, to);
        // The group of the ad that represents the template (it may have moved meanwhile).
        long long rep_group = groups[r];
        const long long rep = reps[r];
        sql << "SELECT group_id FROM ads WHERE id = :r", soci::use(rep), soci::into(rep_group);
        Join(row, reps[r], rep_group, ads::LinkKind::kTemplate, "t" + std::to_string(to));
        joined = true;
      }
      if (!joined && reps.size() < static_cast<std::size_t>(kTemplates.representatives)) {
        const long long id = row.id;
        sql << "INSERT INTO ad_buckets (band, bucket, ad) VALUES (:band, :bucket, :ad)",
            soci::use(band), soci::use(bucket), soci::use(id);
      }
    }
  }

  // Joins row `i` to the ads that already have one of its phones, e-mails or images.
  void LinkKey(std::size_t i, ads::LinkKind kind, const std::string& value) {
    AdRow& row = rows[i];
    const std::string k(ads::LinkKindName(kind));
    long long first = 0, first_group = 0;
    sql << "SELECT k.ad, a.group_id FROM ad_keys k JOIN ads a ON a.id = k.ad "
           "WHERE k.kind = :k AND k.value = :v ORDER BY k.ad LIMIT 1",
        soci::use(k), soci::use(value), soci::into(first), soci::into(first_group);
    const bool found = sql.got_data();
    const long long id = row.id;
    sql << "INSERT INTO ad_keys (kind, value, ad) VALUES (:k, :v, :a)", soci::use(k),
        soci::use(value), soci::use(id);
    if (found && first != id) Join(row, first, first_group, kind, value);
  }

  void Link(std::size_t i) {
    AdRow& row = rows[i];
    touched_groups.insert(row.group_id);
    if (!had_body[i] && !row.body.empty()) {
      // The ad's own language first: it names the template if the ad turns out to be its first.
      row.ad.language = language ? language(ads::LanguageSample(row.body)) : "";
      LinkTemplate(i);
      if (row.template_id != row.id) row.ad.language = TemplateLanguage(row.template_id);
    }
    const std::vector<std::string>& had = had_keys[i];
    for (const std::string& p : row.ad.phones) {
      if (!Contains(had, "p" + p)) LinkKey(i, ads::LinkKind::kPhone, p);
    }
    for (const std::string& e : row.ad.emails) {
      if (!Contains(had, "e" + e)) LinkKey(i, ads::LinkKind::kEmail, e);
    }
    for (const std::string& h : row.ad.images) {
      if (!Contains(had, "i" + h)) LinkKey(i, ads::LinkKind::kImage, h);
    }
  }

  // Recomputes the indicators of every ad of the groups this batch touched.
  void Flag() {
    for (const int64_t group : touched_groups) {
      struct Member {
        long long id;
        ads::AdRecord ad;
        long long template_id;
        std::string indicators;
        int weight;
        int minor;
      };
      std::vector<Member> members;
      {
        long long id = 0, first = 0, last = 0, template_id = 0;
        int weight = 0, minor = 0;
        std::string phones, emails, ages, municipality, signals, indicators;
        soci::indicator municipality_ind = soci::i_null;
        const long long g = group;
        soci::statement st =
            (sql.prepare << "SELECT id, first_seen, last_seen, municipality_code, phones, emails, "
                            "ages, signals, template_id, indicators, "
                            "weight, minor FROM ads WHERE group_id = :g",
             soci::use(g), soci::into(id), soci::into(first), soci::into(last),
             soci::into(municipality, municipality_ind), soci::into(phones), soci::into(emails),
             soci::into(ages), soci::into(signals), soci::into(template_id), soci::into(indicators), soci::into(weight),
             soci::into(minor));
        st.execute();
        while (st.fetch()) {
          Member m{id, {}, template_id, indicators, weight, minor};
          m.ad.first_seen = FromUnixMicros(first);
          m.ad.last_seen = FromUnixMicros(last);
          m.ad.municipality = municipality_ind == soci::i_ok ? municipality : "";
          m.ad.phones = detail::SplitWords(phones);
          m.ad.emails = detail::SplitWords(emails);
          m.ad.ages = detail::SplitAges(ages);
          detail::DecodeSignals(signals, m.ad);
          members.push_back(std::move(m));
        }
      }
      std::vector<std::pair<TimePoint, std::string>> events;
      std::map<std::string, std::set<long long>> templates_of_contact;
      for (const Member& m : members) {
        if (!m.ad.municipality.empty()) {
          events.emplace_back(m.ad.first_seen, m.ad.municipality);
          events.emplace_back(m.ad.last_seen, m.ad.municipality);
        }
        for (const std::string& p : m.ad.phones) templates_of_contact["p" + p].insert(m.template_id);
        for (const std::string& e : m.ad.emails) templates_of_contact["e" + e].insert(m.template_id);
      }
      const bool multi_city = ads::IsMultiCity(events);
      for (const Member& m : members) {
        bool shared = false;
        for (const std::string& p : m.ad.phones) shared = shared || templates_of_contact["p" + p].size() > 1;
        for (const std::string& e : m.ad.emails) shared = shared || templates_of_contact["e" + e].size() > 1;
        const std::vector<std::string> codes = ads::IndicatorsOf(m.ad, shared, multi_city);
        const std::string joined = detail::JoinWords(codes);
        const int weight = ads::IndicatorWeight(codes);
        const int minor = Contains(codes, std::string("possible_minor")) ? 1 : 0;
        if (joined == m.indicators && weight == m.weight && minor == m.minor) continue;
        sql << "UPDATE ads SET indicators = :i, weight = :w, minor = :m WHERE id = :id",
            soci::use(joined), soci::use(weight), soci::use(minor), soci::use(m.id);
      }
    }
  }
};

AdImport::AdImport(store::Database& database, const ads::PlaceFinder& places,
                   ads::LanguageDetector language, std::size_t batch_lines)
    : database_(database),
      places_(places),
      language_(std::move(language)),
      batch_lines_(std::max<std::size_t>(batch_lines, 1)) {}

Result<ImportSummary> AdImport::Import(std::istream& in, const Progress& progress) {
  ImportSummary summary;
  // What the sentences of the bodies said, for the batches of this import (one thread): the
  // sentences that come back are not read again (ads/extract.h). Room for 65,536: an import is
  // mostly a day's crawl, far smaller than a file analysed at once.
  ads::SentenceMemo sentences(std::size_t{1} << 16);
  std::vector<std::string> lines;
  std::string line;
  int64_t number = 0, first = 1;
  auto flush = [&]() -> Status {
    if (lines.empty()) return Status::Ok();
    SV_RETURN_IF_ERROR(ImportBatch(lines, first, sentences, summary));
    first += static_cast<int64_t>(lines.size());
    lines.clear();
    if (progress) progress(number);
    return Status::Ok();
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (lines.size() >= batch_lines_) SV_RETURN_IF_ERROR(flush());
  }
  SV_RETURN_IF_ERROR(flush());
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    long long templates = 0, groups = 0;
    sql << "SELECT COUNT(DISTINCT template_id), COUNT(DISTINCT group_id) FROM ads",
        soci::into(templates), soci::into(groups);
    summary.templates = templates;
    summary.groups = groups;
    return Status::Ok();
  }));
  return summary;
}

Result<ImportSummary> AdImport::Import(std::string_view text) {
  std::istringstream in{std::string(text)};
  return Import(in);
}

Status AdImport::ImportBatch(const std::vector<std::string>& lines, int64_t first_number,
                             ads::SentenceMemo& sentences, ImportSummary& summary) {
  // Parsed outside the transaction: bad lines are reported, good ones kept.
  ads::ObservationParser parser;
  std::vector<ads::Observation> observations;
  observations.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int64_t number = first_number + static_cast<int64_t>(i);
    ++summary.lines;
    if (lines[i].find_first_not_of(" \t") == std::string::npos) {
      continue;  // an empty line is no observation, and no error
    }
    Result<ads::Observation> o = parser.Parse(lines[i]);
    if (!o.ok()) {
      ++summary.bad_lines;
      if (summary.errors.size() < kMaxImportErrors) {
        summary.errors.push_back({number, o.status().field(), o.status().message()});
      }
      continue;
    }
    observations.push_back(std::move(*o));
  }
  if (observations.empty()) return Status::Ok();
  int64_t fresh = 0, updated = 0;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    if (database_.dialect() == store::Dialect::kPostgres) {
      sql << "SELECT pg_advisory_xact_lock(" << kImportLockKey << ")";
    }
    ResignOldSignatures(sql);
    Batch b(sql, language_);
    for (const ads::Observation& o : observations) {
      auto [it, inserted] = b.index.try_emplace(KeyOf(o.site, o.ad_id), b.rows.size());
      if (inserted) {
        std::optional<AdRow> stored = detail::LoadRow(sql, o.site, o.ad_id);
        AdRow row;
        if (stored) {
          row = std::move(*stored);
        } else {
          row.ad.site = o.site;
          row.ad.ad_id = o.ad_id;
          row.ad.kind = o.kind;
          row.ad.first_seen = row.ad.last_seen = o.seen_at;
        }
        std::vector<std::string> keys;
        for (const std::string& p : row.ad.phones) keys.push_back("p" + p);
        for (const std::string& e : row.ad.emails) keys.push_back("e" + e);
        for (const std::string& h : row.ad.images) keys.push_back("i" + h);
        b.had_keys.push_back(std::move(keys));
        b.had_body.push_back(!row.body.empty());
        b.fresh.push_back(!stored);
        b.changed.push_back(!stored);
        b.rows.push_back(std::move(row));
      }
      const std::size_t i = it->second;
      AdRow& row = b.rows[i];
      const TimePoint first = std::min(row.ad.first_seen, o.seen_at);
      const TimePoint last = std::max(row.ad.last_seen, o.seen_at);
      if (first != row.ad.first_seen || last != row.ad.last_seen) b.changed[i] = true;
      row.ad.first_seen = first;
      row.ad.last_seen = last;
      ++row.observations;
      const uint64_t content = ads::ContentHash(o);
      if (Contains(row.contents, content)) continue;
      row.contents.push_back(content);
      b.changed[i] = true;
      ads::ExtractObservation(o, places_, row.ad, row.body, nullptr, &sentences);
      if (row.title.empty()) row.title = o.title;
      if (row.url.empty()) row.url = o.url;
      if (row.location.empty()) row.location = o.location;
    }
    for (std::size_t i = 0; i < b.rows.size(); ++i) {
      AdRow& row = b.rows[i];
      std::sort(row.ad.phones.begin(), row.ad.phones.end());
      std::sort(row.ad.emails.begin(), row.ad.emails.end());
      std::sort(row.ad.ages.begin(), row.ad.ages.end());
      if (b.fresh[i]) {
        detail::InsertRow(sql, row);
        ++fresh;
      } else if (b.changed[i]) {
        ++updated;
      }
      if (b.changed[i]) b.Link(i);
    }
    // The links moved templates and groups of rows in memory too; write what changed.
    for (const AdRow& row : b.rows) detail::UpdateRow(sql, row);
    b.Flag();
    return Status::Ok();
  }));
  summary.ads_new += fresh;
  summary.ads_updated += updated;
  return Status::Ok();
}

}  // namespace sv::adwatch
