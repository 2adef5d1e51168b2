#include "adwatch/ad_watch.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "adwatch/ad_import.h"
#include "adwatch/ad_outcome.h"
#include "adwatch/detail/ad_counts.h"
#include "adwatch/detail/ad_rows.h"
#include "ads/highlights.h"
#include "disclosure/concern_reports.h"
#include "security/audit.h"
#include "security/field_cipher.h"
#include "security/refusal.h"
#include "store/database.h"

namespace sv::adwatch {

namespace {

using security::Compartment;
using security::Permission;
using security::Principal;
using security::RequestContext;

constexpr std::string_view kTriageNoteData = "ad_triage.note";
constexpr std::string_view kNoteData = "ad_notes.text";
// Reading an ad is done for the ad watch; the route gives the purpose.
constexpr const char* kPurpose = "ad_monitoring";

std::string OwnCompartment(const Principal& who) {
  const std::optional<Compartment> c = security::Policy::CompartmentOfRole(who.user.role);
  return c ? std::string(security::CompartmentName(*c)) : "";
}

std::string CompartmentIdOf(const Principal& who) {
  const std::optional<Compartment> c = security::Policy::CompartmentOfRole(who.user.role);
  return c ? security::CompartmentId(*c, who.unit.id) : "";
}

}  // namespace

const std::vector<std::string>& TriageDecisions() {
  static const std::vector<std::string> decisions = {"not_relevant", "follow_up", "target",
                                                     "confirmed_minor"};
  return decisions;
}

AdWatch::AdWatch(store::Database& database, const Clock& clock, const security::Policy& policy,
                 security::AuditLog& audit, const security::FieldCipher& cipher,
                 const ads::PlaceFinder& places, AdImport& import,
                 disclosure::ConcernReports* concerns)
    : database_(database),
      clock_(clock),
      policy_(policy),
      audit_(audit),
      cipher_(cipher),
      places_(places),
      import_(import),
      concerns_(concerns) {}

Status AdWatch::Authorize(const Principal& who, Permission permission,
                          const std::optional<security::RecordScope>& scope,
                          const std::string& action, const std::string& record_type,
                          const std::string& record_id, const RequestContext& ctx) {
  const security::Decision decision = policy_.Decide(who, permission, scope);
  if (decision.allowed) return Status::Ok();
  return security::RefuseAndAudit(
      audit_, security::EventBy(who, action, record_type, record_id, CompartmentIdOf(who), ctx),
      decision);
}

namespace {

// The triage decisions of `unit` on ad `ad`, newest first (at most `limit`).
std::vector<AdTriage> LoadTriage(soci::session& sql, const security::FieldCipher& cipher,
                                 int64_t ad, int64_t unit, int limit) {
  std::vector<AdTriage> out;
  long long id = 0, at = 0, task = 0;
  std::string decision, note_enc, by;
  soci::indicator note_ind = soci::i_null, task_ind = soci::i_null;
  const long long a = ad, u = unit;
  soci::statement st =
      (sql.prepare << "SELECT t.id, t.decision, t.note_enc, t.decided_at, u.display_name, "
                      "t.concern_task_id FROM ad_triage t JOIN users u ON u.id = t.decided_by "
                      "WHERE t.ad = :a AND t.unit_id = :u ORDER BY t.decided_at DESC, t.id DESC",
       soci::use(a), soci::use(u), soci::into(id), soci::into(decision),
       soci::into(note_enc, note_ind), soci::into(at), soci::into(by), soci::into(task, task_ind));
  st.execute();
  while (st.fetch() && static_cast<int>(out.size()) < limit) {
    AdTriage t;
    t.id = id;
    t.decision = decision;
    if (note_ind == soci::i_ok && !note_enc.empty()) {
      Result<std::string> note = cipher.Decrypt(note_enc, kTriageNoteData);
      if (note.ok()) t.note = *note;
    }
    t.at = FromUnixMicros(at);
    t.by = by;
    if (task_ind == soci::i_ok) t.concern_task_id = task;
    out.push_back(std::move(t));
  }
  return out;
}

struct SummaryRow {
  detail::AdRow row;
  AdSummary summary;
};

// The summary of each ad of `rows`, for the caller's unit.
std::vector<AdSummary> Summaries(soci::session& sql, const security::FieldCipher& cipher,
                                 std::vector<detail::AdRow>& rows, int64_t unit) {
  std::vector<AdSummary> out;
  std::map<int64_t, int64_t> group_sizes;
  for (detail::AdRow& r : rows) {
    AdSummary s;
    s.id = r.id;
    s.site = r.ad.site;
    s.ad_id = r.ad.ad_id;
    s.kind = std::string(ads::AdKindName(r.ad.kind));
    s.title = r.title;
    s.first_seen = r.ad.first_seen;
    s.last_seen = r.ad.last_seen;
    if (!r.ad.municipality.empty()) {
      std::string name;
      sql << "SELECT name FROM municipalities WHERE code = :c", soci::use(r.ad.municipality),
          soci::into(name);
      s.municipality = Municipality{r.ad.municipality, name};
    }
    s.language = r.ad.language;
    s.ages = r.ad.ages;
    s.phones = r.ad.phones;
    s.indicators = r.ad.indicators;
    s.weight = r.weight;
    s.template_id = r.template_id;
    s.group_id = r.group_id;
    auto [it, inserted] = group_sizes.try_emplace(r.group_id, 0);
    if (inserted) {
      long long size = 0;
      const long long g = r.group_id;
      sql << "SELECT COUNT(*) FROM ads WHERE group_id = :g", soci::use(g), soci::into(size);
      it->second = size;
    }
    s.group_size = it->second;
    std::vector<AdTriage> latest = LoadTriage(sql, cipher, r.id, unit, 1);
    if (!latest.empty()) s.triage = std::move(latest.front());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Result<AdQueue> AdWatch::Queue(const Principal& who, const QueueFilter& filter,
                               const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(Authorize(who, Permission::kReadAds, std::nullopt, "list", "ad", "", ctx));
  if (filter.limit < 1 || filter.limit > kMaxQueuePage) {
    return Status::InvalidInput("from 1 to " + std::to_string(kMaxQueuePage), "limit");
  }
  if (filter.offset < 0) return Status::InvalidInput("0 or more", "offset");
  AdQueue queue;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    // Conditions with their own bind names (each name once: both databases accept that).
    std::string where = "WHERE 1 = 1";
    const long long unit = who.unit.id;
    const long long group = filter.group.value_or(0);
    const std::string indicator = "% " + filter.indicator + " %";
    if (!filter.municipality.empty()) where += " AND a.municipality_code = :mun";
    if (!filter.indicator.empty()) where += " AND (' ' || a.indicators || ' ') LIKE :ind";
    if (filter.group) where += " AND a.group_id = :grp";
    if (filter.untriaged_only) {
      where += " AND NOT EXISTS (SELECT 1 FROM ad_triage t WHERE t.ad = a.id AND t.unit_id = :unit)";
    }
    auto bind = [&](soci::details::prepare_temp_type& p) {
      if (!filter.municipality.empty()) p, soci::use(filter.municipality, "mun");
      if (!filter.indicator.empty()) p, soci::use(indicator, "ind");
      if (filter.group) p, soci::use(group, "grp");
      if (filter.untriaged_only) p, soci::use(unit, "unit");
    };
    long long total = 0;
    {
      soci::details::prepare_temp_type p = (sql.prepare << "SELECT COUNT(*) FROM ads a " << where);
      bind(p);
      p, soci::into(total);
      soci::statement st(p);
      st.execute(true);
    }
    queue.total = total;
    std::vector<long long> ids;
    {
      long long id = 0;
      soci::details::prepare_temp_type p =
          (sql.prepare << "SELECT a.id FROM ads a " << where
                       << " ORDER BY a.minor DESC, a.weight DESC, a.last_seen DESC, a.id LIMIT "
                       << filter.limit << " OFFSET " << filter.offset);
      bind(p);
      p, soci::into(id);
      soci::statement st(p);
      st.execute();
      while (st.fetch()) ids.push_back(id);
    }
    std::vector<detail::AdRow> rows;
    for (long long id : ids) {
      std::vector<detail::AdRow> one = detail::LoadRows(sql, "WHERE a.id = :k", id);
      for (detail::AdRow& r : one) rows.push_back(std::move(r));
    }
    queue.ads = Summaries(sql, cipher_, rows, who.unit.id);
    return Status::Ok();
  }));
  security::AuditEvent e = security::EventBy(who, "list", "ad", "", CompartmentIdOf(who), ctx);
  e.purpose = kPurpose;
  e.detail = "queue of " + std::to_string(queue.ads.size());
  (void)audit_.Append(std::move(e));
  return queue;
}

Result<AdDetail> AdWatch::Get(const Principal& who, int64_t id, const RequestContext& ctx) {
  const std::string record = std::to_string(id);
  SV_RETURN_IF_ERROR(Authorize(who, Permission::kReadAds, std::nullopt, "read", "ad", record, ctx));
  std::optional<AdDetail> detail;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    std::vector<detail::AdRow> rows = detail::LoadRows(sql, "WHERE a.id = :k", id);
    if (rows.empty()) return Status::Ok();
    const detail::AdRow row = rows.front();
    AdDetail d;
    d.summary = std::move(Summaries(sql, cipher_, rows, who.unit.id).front());
    d.url = row.url;
    d.location = row.location;
    d.body = row.body;
    d.emails = row.ad.emails;
    d.images = row.ad.images;
    d.prices = row.ad.prices;
    for (const auto& [field, text] : {std::pair<std::string, const std::string*>{"title", &row.title},
                                      {"body", &row.body}}) {
      for (const ads::Highlight& h : ads::FindHighlights(*text, places_)) {
        d.highlights.push_back({field, ads::Utf16Offset(*text, h.begin),
                                ads::Utf16Offset(*text, h.end), h.kind, h.value});
      }
    }
    {
      long long other = 0;
      std::string kind, value, site, ad_id;
      const long long a = id;
      soci::statement st =
          (sql.prepare << "SELECT CASE WHEN l.ad = :a1 THEN l.with_ad ELSE l.ad END, l.kind, "
                          "l.value, o.site, o.ad_id FROM ad_links l JOIN ads o ON o.id = "
                          "CASE WHEN l.ad = :a2 THEN l.with_ad ELSE l.ad END "
                          "WHERE l.ad = :a3 OR l.with_ad = :a4 ORDER BY l.id",
           soci::use(a, "a1"), soci::use(a, "a2"), soci::use(a, "a3"), soci::use(a, "a4"),
           soci::into(other), soci::into(kind), soci::into(value), soci::into(site),
           soci::into(ad_id));
      st.execute();
      while (st.fetch()) d.links.push_back({kind, value, other, site, ad_id});
    }
    d.triage_history = LoadTriage(sql, cipher_, id, who.unit.id, 100);
    {
      long long note_id = 0, at = 0;
      std::string text_enc, by;
      const long long a = id, u = who.unit.id;
      soci::statement st =
          (sql.prepare << "SELECT n.id, n.text_enc, n.written_at, u.display_name FROM ad_notes n "
                          "JOIN users u ON u.id = n.written_by WHERE n.ad = :a AND n.unit_id = :u "
                          "ORDER BY n.written_at DESC, n.id DESC",
           soci::use(a), soci::use(u), soci::into(note_id), soci::into(text_enc), soci::into(at),
           soci::into(by));
      st.execute();
      while (st.fetch()) {
        Result<std::string> text = cipher_.Decrypt(text_enc, kNoteData);
        if (!text.ok()) return text.status();
        d.notes.push_back({note_id, *text, FromUnixMicros(at), by});
      }
    }
    security::AuditEvent e = security::EventBy(who, "read", "ad", record, CompartmentIdOf(who), ctx);
    e.purpose = kPurpose;
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    if (!logged.ok()) return logged.status();
    detail = std::move(d);
    return Status::Ok();
  }));
  if (!detail) return Status::NotFound("no ad with id " + record);
  return std::move(*detail);
}

Result<AdGroup> AdWatch::Group(const Principal& who, int64_t id, const RequestContext& ctx) {
  const std::string record = std::to_string(id);
  SV_RETURN_IF_ERROR(
      Authorize(who, Permission::kReadAds, std::nullopt, "read", "ad_group", record, ctx));
  AdGroup group;
  group.id = id;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    std::vector<detail::AdRow> rows =
        detail::LoadRows(sql, "WHERE a.group_id = :k ORDER BY a.first_seen, a.id", id);
    if (rows.empty()) return Status::Ok();
    std::map<std::string, int64_t> phones, emails, places;
    for (const detail::AdRow& r : rows) {
      for (const std::string& p : r.ad.phones) ++phones[p];
      for (const std::string& e : r.ad.emails) ++emails[e];
      if (!r.ad.municipality.empty()) ++places[r.ad.municipality];
    }
    group.ads = Summaries(sql, cipher_, rows, who.unit.id);
    for (const auto& [value, n] : phones) group.phones.push_back({value, n});
    for (const auto& [value, n] : emails) group.emails.push_back({value, n});
    for (const AdSummary& s : group.ads) {
      if (!s.municipality) continue;
      auto it = std::find_if(group.municipalities.begin(), group.municipalities.end(),
                             [&](const GroupPlace& p) { return p.municipality.code == s.municipality->code; });
      if (it == group.municipalities.end()) {
        group.municipalities.push_back({*s.municipality, 1});
      } else {
        ++it->ads;
      }
    }
    std::sort(group.municipalities.begin(), group.municipalities.end(),
              [](const GroupPlace& a, const GroupPlace& b) {
                return a.ads != b.ads ? a.ads > b.ads : a.municipality.code < b.municipality.code;
              });
    long long ad = 0, with = 0;
    std::string kind, value;
    const long long g = id;
    soci::statement st =
        (sql.prepare << "SELECT l.ad, l.with_ad, l.kind, l.value FROM ad_links l JOIN ads a ON "
                        "a.id = l.ad WHERE a.group_id = :g ORDER BY l.id",
         soci::use(g), soci::into(ad), soci::into(with), soci::into(kind), soci::into(value));
    st.execute();
    while (st.fetch()) group.links.push_back({ad, with, kind, value});
    security::AuditEvent e =
        security::EventBy(who, "read", "ad_group", record, CompartmentIdOf(who), ctx);
    e.purpose = kPurpose;
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  if (group.ads.empty()) return Status::NotFound("no group of ads with id " + record);
  return group;
}

Result<AdTriage> AdWatch::Triage(const Principal& who, int64_t ad, const std::string& decision,
                                 const std::string& note, const RequestContext& ctx) {
  const std::string record = std::to_string(ad);
  const std::optional<Compartment> compartment =
      security::Policy::CompartmentOfRole(who.user.role);
  std::optional<security::RecordScope> scope;
  if (compartment) scope = security::RecordScope{*compartment, who.unit.id};
  SV_RETURN_IF_ERROR(
      Authorize(who, Permission::kTriageAds, scope, "create", "ad_triage", record, ctx));
  const std::vector<std::string>& decisions = TriageDecisions();
  if (std::find(decisions.begin(), decisions.end(), decision) == decisions.end()) {
    return Status::InvalidInput(
        "one of not_relevant, follow_up, target, confirmed_minor", "decision");
  }
  if (note.size() > kMaxTriageNoteBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxTriageNoteBytes) + " bytes", "note");
  }
  std::optional<AdTriage> made;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long a = ad;
    std::string municipality;
    soci::indicator municipality_ind = soci::i_null;
    long long found = 0;
    sql << "SELECT id, municipality_code FROM ads WHERE id = :a", soci::use(a), soci::into(found),
        soci::into(municipality, municipality_ind);
    if (!sql.got_data()) return Status::Ok();
    const long long unit = who.unit.id, by = who.user.id;
    const long long now = ToUnixMicros(clock_.Now());
    const std::string comp = OwnCompartment(who);
    std::string sealed = note.empty() ? "" : cipher_.Encrypt(note, kTriageNoteData);
    soci::indicator sealed_ind = note.empty() ? soci::i_null : soci::i_ok;
    long long id = 0;
    sql << "INSERT INTO ad_triage (ad, unit_id, compartment, decision, note_enc, decided_at, "
           "decided_by) VALUES (:a, :u, :c, :d, :n, :at, :by) RETURNING id",
        soci::use(a), soci::use(unit), soci::use(comp), soci::use(decision),
        soci::use(sealed, sealed_ind), soci::use(now), soci::use(by), soci::into(id);
    AdTriage t{id, decision, note, FromUnixMicros(now), who.user.display_name, std::nullopt};
    if (decision == "confirmed_minor" && concerns_ != nullptr) {
      // The child's municipality as far as known: the ad's, else the unit's, else that of a
      // social-services unit in the police unit's county (where the report will go).
      if (municipality_ind != soci::i_ok) municipality = who.unit.municipality_code;
      if (municipality.empty() && !who.unit.county_code.empty()) {
        sql << "SELECT u.municipality_code FROM units u JOIN municipalities m ON m.code = "
               "u.municipality_code WHERE u.kind = 'social_services' AND m.county_code = :c "
               "ORDER BY u.id LIMIT 1",
            soci::use(who.unit.county_code), soci::into(municipality);
      }
      if (municipality.empty()) {
        return Status::InvalidInput(
            "the ad names no municipality and none is known for your unit; a concern report "
            "needs the child's municipality",
            "decision");
      }
      // One task per ad and compartment: a second confirmation points at the first one's task.
      long long task_id = 0;
      sql << "SELECT concern_task_id FROM ad_triage WHERE ad = :a AND unit_id = :u AND "
             "concern_task_id IS NOT NULL ORDER BY id LIMIT 1",
          soci::use(a), soci::use(unit), soci::into(task_id);
      if (!sql.got_data()) {
        disclosure::ConcernSource source{"ad", id, std::nullopt, municipality, "under_18"};
        Result<int64_t> task = concerns_->OpenTaskIn(sql, who, source, ctx);
        if (!task.ok()) return task.status();
        task_id = *task;
      }
      t.concern_task_id = task_id;
      sql << "UPDATE ad_triage SET concern_task_id = :t WHERE id = :id", soci::use(task_id),
          soci::use(id);
    }
    security::AuditEvent e =
        security::EventBy(who, "create", "ad_triage", std::to_string(id), CompartmentIdOf(who), ctx);
    e.detail = "ad " + record + ": " + decision;
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    if (!logged.ok()) return logged.status();
    made = std::move(t);
    return Status::Ok();
  }));
  if (!made) return Status::NotFound("no ad with id " + record);
  return std::move(*made);
}

Result<AdNote> AdWatch::AddNote(const Principal& who, int64_t ad, const std::string& text,
                                const RequestContext& ctx) {
  const std::string record = std::to_string(ad);
  const std::optional<Compartment> compartment =
      security::Policy::CompartmentOfRole(who.user.role);
  std::optional<security::RecordScope> scope;
  if (compartment) scope = security::RecordScope{*compartment, who.unit.id};
  SV_RETURN_IF_ERROR(
      Authorize(who, Permission::kTriageAds, scope, "create", "ad_note", record, ctx));
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidInput("write the note", "text");
  }
  if (text.size() > kMaxAdNoteBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxAdNoteBytes) + " bytes", "text");
  }
  std::optional<AdNote> made;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long a = ad;
    long long found = 0;
    sql << "SELECT id FROM ads WHERE id = :a", soci::use(a), soci::into(found);
    if (!sql.got_data()) return Status::Ok();
    const long long unit = who.unit.id, by = who.user.id;
    const long long now = ToUnixMicros(clock_.Now());
    const std::string comp = OwnCompartment(who);
    const std::string sealed = cipher_.Encrypt(text, kNoteData);
    long long id = 0;
    sql << "INSERT INTO ad_notes (ad, unit_id, compartment, text_enc, written_at, written_by) "
           "VALUES (:a, :u, :c, :t, :at, :by) RETURNING id",
        soci::use(a), soci::use(unit), soci::use(comp), soci::use(sealed), soci::use(now),
        soci::use(by), soci::into(id);
    security::AuditEvent e =
        security::EventBy(who, "create", "ad_note", std::to_string(id), CompartmentIdOf(who), ctx);
    e.detail = "ad " + record;
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    if (!logged.ok()) return logged.status();
    made = AdNote{id, text, FromUnixMicros(now), who.user.display_name};
    return Status::Ok();
  }));
  if (!made) return Status::NotFound("no ad with id " + record);
  return std::move(*made);
}

namespace detail {

Status LoadAdCounts(soci::session& sql, ads::Period period,
                    const std::vector<std::string>& municipalities,
                    std::optional<CivilDate> from, std::optional<CivilDate> to, AdCounts& counts) {
  counts.period = period;
  struct Ad {
    TimePoint first, last;
    std::string municipality;
    std::vector<std::string> phones;
    long long group;
  };
  std::vector<Ad> loaded;
  const long long lower = from ? ToUnixMicros(StartOfSwedishDay(*from)) : INT64_MIN;
  const long long upper = to ? ToUnixMicros(StartOfSwedishDay(AddDays(*to, 1))) : INT64_MAX;
  long long first = 0, last = 0, group = 0;
  std::string municipality, phones;
  soci::indicator municipality_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT first_seen, last_seen, municipality_code, phones, group_id FROM "
                      "ads WHERE last_seen >= :lower AND first_seen < :upper",
       soci::use(lower), soci::use(upper), soci::into(first), soci::into(last),
       soci::into(municipality, municipality_ind), soci::into(phones), soci::into(group));
  st.execute();
  while (st.fetch()) {
    std::string code = municipality_ind == soci::i_ok ? municipality : "";
    if (!municipalities.empty() &&
        std::find(municipalities.begin(), municipalities.end(), code) == municipalities.end()) {
      continue;
    }
    loaded.push_back({FromUnixMicros(first), FromUnixMicros(last), std::move(code),
                      SplitWords(phones), group});
    const CivilDate first_day = SwedishDate(loaded.back().first);
    const CivilDate last_day = SwedishDate(loaded.back().last);
    if (!counts.first_day || first_day < *counts.first_day) counts.first_day = first_day;
    if (!counts.last_day || *counts.last_day < last_day) counts.last_day = last_day;
  }
  std::vector<ads::ActiveAd> active;
  active.reserve(loaded.size());
  for (const Ad& a : loaded) {
    active.push_back({a.first, a.last, a.municipality, &a.phones, static_cast<uint64_t>(a.group)});
  }
  counts.rows = ads::CountActiveAds(active, period, from, to);
  long long op = 0, start = 0;
  std::string op_municipality;
  soci::statement ops =
      (sql.prepare << "SELECT id, municipality_code, planned_start FROM operations "
                      "WHERE planned_start >= :lower AND planned_start < :upper "
                      "ORDER BY planned_start, id",
       soci::use(lower), soci::use(upper), soci::into(op), soci::into(op_municipality),
       soci::into(start));
  ops.execute();
  while (ops.fetch()) {
    if (!municipalities.empty() && std::find(municipalities.begin(), municipalities.end(),
                                             op_municipality) == municipalities.end()) {
      continue;
    }
    counts.operations.push_back({op, op_municipality, SwedishDate(FromUnixMicros(start))});
  }
  return Status::Ok();
}

}  // namespace detail

Result<AdCounts> AdWatch::Counts(const Principal& who, ads::Period period,
                                 const std::vector<std::string>& municipalities,
                                 std::optional<CivilDate> from, std::optional<CivilDate> to,
                                 const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(
      Authorize(who, Permission::kReadAdCounts, std::nullopt, "read", "ad_counts", "", ctx));
  if (from && to && *to < *from) return Status::InvalidInput("before from", "to");
  AdCounts counts;
  counts.period = period;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) {
    return detail::LoadAdCounts(sql, period, municipalities, from, to, counts);
  }));
  return counts;
}

Result<AdOutcome> AdWatch::Outcome(const Principal& who, const OutcomeQuery& query,
                                   const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(Authorize(who, Permission::kReadAdOutcomes, std::nullopt, "read",
                               "ad_outcome", query.municipality, ctx));
  if (query.municipality.empty()) return Status::InvalidInput("required", "municipality");
  if (query.period == ads::Period::kDay) return Status::InvalidInput("week or month", "period");
  if (query.controls.size() > kMaxControls) {
    return Status::InvalidInput("at most " + std::to_string(kMaxControls) + " municipalities",
                                "control");
  }
  for (std::size_t i = 0; i < query.controls.size(); ++i) {
    if (query.controls[i] == query.municipality) {
      return Status::InvalidInput("the municipality evaluated cannot be its own control",
                                  "control");
    }
    if (std::find(query.controls.begin(), query.controls.begin() + i, query.controls[i]) !=
        query.controls.begin() + i) {
      return Status::InvalidInput("municipality " + query.controls[i] + " given twice", "control");
    }
  }
  std::vector<std::string> wanted = query.controls;
  wanted.insert(wanted.begin(), query.municipality);
  AdCounts counts;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      int known = 0;
      sql << "SELECT COUNT(*) FROM municipalities WHERE code = :c", soci::use(wanted[i]),
          soci::into(known);
      if (known == 0) {
        return Status::InvalidInput("no municipality with the code " + wanted[i],
                                    i == 0 ? "municipality" : "control");
      }
    }
    return detail::LoadAdCounts(sql, query.period, wanted, std::nullopt, std::nullopt, counts);
  }));
  std::optional<int64_t> operation;
  CivilDate intervention;
  if (query.intervention) {
    intervention = *query.intervention;
  } else {
    // The operations come ordered by their start.
    for (const OperationMark& o : counts.operations) {
      if (o.municipality == query.municipality) {
        operation = o.id;
        intervention = o.date;
        break;
      }
    }
    if (!operation) {
      return Status::InvalidInput("municipality " + query.municipality +
                                      " has no operation to take the date from; give a date",
                                  "intervention");
    }
  }
  Result<AdOutcome> outcome =
      EvaluateAdOutcome(counts, query, intervention, SwedishDate(clock_.Now()));
  if (!outcome.ok()) return outcome.status();
  outcome->intervention_operation = operation;
  // Those who may read the ads see their counts anyway; for everyone else they are published
  // statistics. (A refusal here is no refusal of the request: no audit event.)
  if (!policy_.Decide(who, Permission::kReadAds, std::nullopt).allowed) {
    SuppressObserved(*outcome, kOutcomeMinCell);
  }
  return outcome;
}

Result<ImportSummary> AdWatch::Import(const Principal& who, std::string_view lines,
                                      const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(
      Authorize(who, Permission::kImportAds, std::nullopt, "import", "ad", "", ctx));
  Result<ImportSummary> summary = import_.Import(lines);
  security::AuditEvent e = security::EventBy(who, "import", "ad", "", CompartmentIdOf(who), ctx);
  if (summary.ok()) {
    e.detail = std::to_string(summary->lines) + " lines, " + std::to_string(summary->ads_new) +
               " new, " + std::to_string(summary->ads_updated) + " updated, " +
               std::to_string(summary->bad_lines) + " bad";
  } else {
    e.outcome = "failed";
    e.detail = summary.status().message();
  }
  (void)audit_.Append(std::move(e));
  return summary;
}

}  // namespace sv::adwatch
