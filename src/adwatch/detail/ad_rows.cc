#include "adwatch/detail/ad_rows.h"

#include <soci/soci.h>

#include <charconv>
#include <cstdio>

#include "ads/templates.h"

namespace sv::adwatch::detail {

namespace {

std::optional<ads::Currency> ParseCurrency(std::string_view code) {
  for (ads::Currency c : {ads::Currency::kSek, ads::Currency::kEur, ads::Currency::kUsd,
                          ads::Currency::kNok, ads::Currency::kDkk, ads::Currency::kGbp}) {
    if (ads::CurrencyCode(c) == code) return c;
  }
  return std::nullopt;
}

template <typename T>
bool ParseNumber(std::string_view text, T& value, int base = 10) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  return ec == std::errc() && end == text.data() + text.size();
}

// Calls `word(view)` for each part of `text` between `separator`s, skipping empty ones.
template <typename F>
void ForEachPart(std::string_view text, char separator, F&& word) {
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find(separator, begin);
    if (end == std::string_view::npos) end = text.size();
    if (end > begin) word(text.substr(begin, end - begin));
    begin = end + 1;
  }
}

}  // namespace

const char* const kAdColumns =
    "a.id, a.site, a.ad_id, a.kind, a.url, a.title, a.body, a.location, a.first_seen, "
    "a.last_seen, a.observations, a.phones, a.emails, a.ages, a.prices, a.images, "
    "a.municipality_code, a.language, a.signals, a.contents, "
    "a.signature, a.template_id, a.group_id, a.indicators, a.weight, a.minor";

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> out;
  ForEachPart(text, ' ', [&](std::string_view w) { out.emplace_back(w); });
  return out;
}

std::string JoinAges(const std::vector<int>& ages) {
  std::string out;
  for (int a : ages) {
    if (!out.empty()) out.push_back(' ');
    out += std::to_string(a);
  }
  return out;
}

std::vector<int> SplitAges(std::string_view text) {
  std::vector<int> out;
  ForEachPart(text, ' ', [&](std::string_view w) {
    int a = 0;
    if (ParseNumber(w, a)) out.push_back(a);
  });
  return out;
}

std::string EncodePrices(const std::vector<ads::Price>& prices) {
  std::string out;
  for (const ads::Price& p : prices) {
    if (!out.empty()) out.push_back(';');
    out += std::to_string(p.amount);
    out.push_back(' ');
    out += ads::CurrencyCode(p.currency);
    out.push_back(' ');
    out += p.minutes ? std::to_string(*p.minutes) : "-";
  }
  return out;
}

std::vector<ads::Price> DecodePrices(std::string_view text) {
  std::vector<ads::Price> out;
  ForEachPart(text, ';', [&](std::string_view triple) {
    const std::vector<std::string> parts = SplitWords(triple);
    if (parts.size() != 3) return;
    ads::Price p;
    const std::optional<ads::Currency> currency = ParseCurrency(parts[1]);
    if (!ParseNumber(std::string_view(parts[0]), p.amount) || !currency) return;
    p.currency = *currency;
    int minutes = 0;
    if (parts[2] != "-" && ParseNumber(std::string_view(parts[2]), minutes)) p.minutes = minutes;
    out.push_back(p);
  });
  return out;
}

std::string EncodeHashes(const std::vector<uint64_t>& hashes) {
  std::string out;
  char buffer[20];
  for (uint64_t h : hashes) {
    if (!out.empty()) out.push_back(' ');
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
    out += buffer;
  }
  return out;
}

std::vector<uint64_t> DecodeHashes(std::string_view text) {
  std::vector<uint64_t> out;
  ForEachPart(text, ' ', [&](std::string_view w) {
    uint64_t h = 0;
    if (ParseNumber(w, h, 16)) out.push_back(h);
  });
  return out;
}

std::string EncodeSignature(const std::vector<uint32_t>& signature) {
  std::string out;
  out.reserve(signature.size() * 8);
  char buffer[12];
  for (uint32_t v : signature) {
    std::snprintf(buffer, sizeof buffer, "%08x", v);
    out += buffer;
  }
  return out;
}

std::vector<uint32_t> DecodeSignature(std::string_view text) {
  std::vector<uint32_t> out;
  if (text.size() % 8 != 0) return out;
  out.reserve(text.size() / 8);
  for (std::size_t i = 0; i < text.size(); i += 8) {
    uint32_t v = 0;
    if (!ParseNumber(text.substr(i, 8), v, 16)) return {};
    out.push_back(v);
  }
  return out;
}

std::optional<ads::AdKind> ParseAdKind(std::string_view name) {
  for (ads::AdKind k : {ads::AdKind::kEscort, ads::AdKind::kSugar, ads::AdKind::kOther}) {
    if (ads::AdKindName(k) == name) return k;
  }
  return std::nullopt;
}

std::string EncodeSignals(const ads::AdRecord& ad) {
  std::vector<std::string> words;
  if (ad.obfuscated_phone) words.emplace_back("obfuscated_phone");
  if (ad.child_wording) words.emplace_back("child_wording");
  if (ad.trust_language) words.emplace_back("trust_language");
  if (ad.emoji_signal) words.emplace_back("emoji_signal");
  if (ad.area_mismatch) words.emplace_back("area_mismatch");
  return JoinWords(words);
}

void DecodeSignals(std::string_view text, ads::AdRecord& ad) {
  for (const std::string& w : SplitWords(text)) {
    if (w == "obfuscated_phone") ad.obfuscated_phone = true;
    if (w == "child_wording") ad.child_wording = true;
    if (w == "trust_language") ad.trust_language = true;
    if (w == "emoji_signal") ad.emoji_signal = true;
    if (w == "area_mismatch") ad.area_mismatch = true;
  }
}

std::vector<AdRow> LoadRows(soci::session& sql, const std::string& where, int64_t key) {
  std::vector<AdRow> out;
  long long id = 0, first = 0, last = 0, observations = 0, template_id = 0, group_id = 0;
  int weight = 0, minor = 0;
  std::string site, ad_id, kind, url, title, body, location, phones, emails, ages, prices, images,
      municipality, language, signals, contents, signature, indicators;
  soci::indicator municipality_ind = soci::i_null;
  const long long k = key;
  soci::statement st =
      (sql.prepare << "SELECT " << kAdColumns << " FROM ads a " << where, soci::use(k, "k"),
       soci::into(id), soci::into(site), soci::into(ad_id), soci::into(kind), soci::into(url),
       soci::into(title), soci::into(body), soci::into(location), soci::into(first),
       soci::into(last), soci::into(observations), soci::into(phones), soci::into(emails),
       soci::into(ages), soci::into(prices), soci::into(images),
       soci::into(municipality, municipality_ind), soci::into(language), soci::into(signals),
       soci::into(contents), soci::into(signature), soci::into(template_id),
       soci::into(group_id), soci::into(indicators), soci::into(weight), soci::into(minor));
  st.execute();
  while (st.fetch()) {
    AdRow r;
    r.id = id;
    r.ad.site = site;
    r.ad.ad_id = ad_id;
    r.ad.kind = ParseAdKind(kind).value_or(ads::AdKind::kEscort);
    r.url = url;
    r.title = title;
    r.body = body;
    r.location = location;
    r.ad.first_seen = FromUnixMicros(first);
    r.ad.last_seen = FromUnixMicros(last);
    r.observations = observations;
    r.ad.phones = SplitWords(phones);
    r.ad.emails = SplitWords(emails);
    r.ad.ages = SplitAges(ages);
    r.ad.prices = DecodePrices(prices);
    r.ad.images = SplitWords(images);
    r.ad.municipality = municipality_ind == soci::i_ok ? municipality : "";
    r.ad.language = language;
    DecodeSignals(signals, r.ad);
    r.contents = DecodeHashes(contents);
    r.signature = DecodeSignature(signature);
    r.template_id = template_id;
    r.group_id = group_id;
    r.ad.indicators = SplitWords(indicators);
    r.weight = weight;
    r.minor = minor != 0;
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<AdRow> LoadRow(soci::session& sql, const std::string& site,
                             const std::string& ad_id) {
  long long id = 0;
  sql << "SELECT id FROM ads WHERE site = :s AND ad_id = :a", soci::use(site), soci::use(ad_id),
      soci::into(id);
  if (!sql.got_data()) return std::nullopt;
  std::vector<AdRow> rows = LoadRows(sql, "WHERE a.id = :k", id);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

namespace {

// The column values of a row, in one place for INSERT and UPDATE.
struct Columns {
  std::string kind, phones, emails, ages, prices, images, signals, contents, signature, indicators;
  mutable std::string municipality;  // soci binds an indicator's value by non-const reference
  long long first = 0, last = 0, observations = 0, template_id = 0, group_id = 0;
  int weight = 0, minor = 0;
  // A row is written with a signature of this server's scheme: signed now, or loaded after
  // ResignOldSignatures (ad_import.cc) signed it again.
  int scheme = ads::kTemplateSignatureScheme;
  mutable soci::indicator municipality_ind = soci::i_null;

  explicit Columns(const AdRow& r)
      : kind(ads::AdKindName(r.ad.kind)),
        phones(JoinWords(r.ad.phones)),
        emails(JoinWords(r.ad.emails)),
        ages(JoinAges(r.ad.ages)),
        prices(EncodePrices(r.ad.prices)),
        images(JoinWords(r.ad.images)),
        signals(EncodeSignals(r.ad)),
        contents(EncodeHashes(r.contents)),
        signature(EncodeSignature(r.signature)),
        indicators(JoinWords(r.ad.indicators)),
        municipality(r.ad.municipality),
        first(ToUnixMicros(r.ad.first_seen)),
        last(ToUnixMicros(r.ad.last_seen)),
        observations(r.observations),
        template_id(r.template_id),
        group_id(r.group_id),
        weight(r.weight),
        minor(r.minor ? 1 : 0),
        municipality_ind(r.ad.municipality.empty() ? soci::i_null : soci::i_ok) {}
};

}  // namespace

void InsertRow(soci::session& sql, AdRow& row) {
  const Columns c(row);
  long long id = 0;
  sql << "INSERT INTO ads (site, ad_id, kind, url, title, body, location, first_seen, last_seen, "
         "observations, phones, emails, ages, prices, images, municipality_code, language, "
         "signals, contents, signature, signature_scheme, template_id, group_id, "
         "indicators, weight, minor) VALUES (:site, :ad, :kind, :url, :title, :body, :loc, "
         ":first, :last, :obs, :phones, :emails, :ages, :prices, :images, :mun, :lang, :signals, "
         ":contents, :sig, :scheme, 0, 0, :ind, :weight, :minor) RETURNING id",
      soci::use(row.ad.site), soci::use(row.ad.ad_id), soci::use(c.kind), soci::use(row.url),
      soci::use(row.title), soci::use(row.body), soci::use(row.location), soci::use(c.first),
      soci::use(c.last), soci::use(c.observations), soci::use(c.phones), soci::use(c.emails),
      soci::use(c.ages), soci::use(c.prices), soci::use(c.images),
      soci::use(c.municipality, c.municipality_ind), soci::use(row.ad.language),
      soci::use(c.signals), soci::use(c.contents), soci::use(c.signature), soci::use(c.scheme),
      soci::use(c.indicators), soci::use(c.weight), soci::use(c.minor), soci::into(id);
  row.id = id;
  if (row.template_id == 0) row.template_id = id;
  if (row.group_id == 0) row.group_id = id;
  const long long t = row.template_id, g = row.group_id;
  sql << "UPDATE ads SET template_id = :t, group_id = :g WHERE id = :id", soci::use(t),
      soci::use(g), soci::use(id);
}

void UpdateRow(soci::session& sql, const AdRow& row) {
  const Columns c(row);
  const long long id = row.id;
  sql << "UPDATE ads SET kind = :kind, url = :url, title = :title, body = :body, "
         "location = :loc, first_seen = :first, last_seen = :last, observations = :obs, "
         "phones = :phones, emails = :emails, ages = :ages, prices = :prices, images = :images, "
         "municipality_code = :mun, language = :lang, signals = :signals, "
         "contents = :contents, signature = :sig, signature_scheme = :scheme, "
         "template_id = :t, "
         "group_id = :g, indicators = :ind, weight = :weight, minor = :minor WHERE id = :id",
      soci::use(c.kind), soci::use(row.url), soci::use(row.title), soci::use(row.body),
      soci::use(row.location), soci::use(c.first), soci::use(c.last), soci::use(c.observations),
      soci::use(c.phones), soci::use(c.emails), soci::use(c.ages), soci::use(c.prices),
      soci::use(c.images), soci::use(c.municipality, c.municipality_ind),
      soci::use(row.ad.language), soci::use(c.signals), soci::use(c.contents), soci::use(c.signature), soci::use(c.scheme), soci::use(c.template_id),
      soci::use(c.group_id), soci::use(c.indicators), soci::use(c.weight), soci::use(c.minor),
      soci::use(id);
}

}  // namespace sv::adwatch::detail
