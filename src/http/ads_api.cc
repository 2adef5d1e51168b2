#include "http/ads_api.h"

#include "adwatch/ad_import.h"
#include "adwatch/ad_watch.h"
#include "http/gate.h"
#include "http/json.h"

namespace sv::http {
namespace {

using nlohmann::json;
using security::Principal;

json TriageJson(const adwatch::AdTriage& t) {
  return {{"id", t.id},
          {"decision", t.decision},
          {"note", t.note},
          {"at", FormatRfc3339(t.at)},
          {"by", t.by},
          {"concern_task_id", Nullable(t.concern_task_id)}};
}

json NoteJson(const adwatch::AdNote& n) {
  return {{"id", n.id}, {"text", n.text}, {"at", FormatRfc3339(n.at)}, {"by", n.by}};
}

json MunicipalityJson(const std::optional<adwatch::Municipality>& m) {
  if (!m) return nullptr;
  return {{"code", m->code}, {"name", m->name}};
}

json AdJson(const adwatch::AdSummary& a) {
  return {{"id", a.id},
          {"site", a.site},
          {"ad_id", a.ad_id},
          {"kind", a.kind},
          {"title", a.title},
          {"first_seen", FormatRfc3339(a.first_seen)},
          {"last_seen", FormatRfc3339(a.last_seen)},
          {"municipality", MunicipalityJson(a.municipality)},
          {"language", Nullable(a.language)},
          {"ages", a.ages},
          {"phones", a.phones},
          {"indicators", a.indicators},
          {"weight", a.weight},
          {"template_id", a.template_id},
          {"group_id", a.group_id},
          {"group_size", a.group_size},
          {"triage", a.triage ? TriageJson(*a.triage) : json(nullptr)}};
}

json DetailJson(const adwatch::AdDetail& d) {
  json out = AdJson(d.summary);
  out["url"] = d.url;
  out["location"] = d.location;
  out["body"] = d.body;
  out["emails"] = d.emails;
  out["images"] = d.images;
  json prices = json::array();
  for (const ads::Price& p : d.prices) {
    prices.push_back({{"amount", p.amount},
                      {"currency", ads::CurrencyCode(p.currency)},
                      {"minutes", p.minutes ? json(*p.minutes) : json(nullptr)}});
  }
  out["prices"] = prices;
  json highlights = json::array();
  for (const adwatch::AdHighlight& h : d.highlights) {
    highlights.push_back({{"field", h.field},
                          {"start", h.start},
                          {"end", h.end},
                          {"kind", h.kind},
                          {"value", h.value}});
  }
  out["highlights"] = highlights;
  json links = json::array();
  for (const adwatch::AdLinkView& l : d.links) {
    links.push_back({{"kind", l.kind},
                     {"value", l.value},
                     {"ad", {{"id", l.ad}, {"site", l.site}, {"ad_id", l.ad_id}}}});
  }
  out["links"] = links;
  json history = json::array();
  for (const adwatch::AdTriage& t : d.triage_history) history.push_back(TriageJson(t));
  out["triage_history"] = history;
  json notes = json::array();
  for (const adwatch::AdNote& n : d.notes) notes.push_back(NoteJson(n));
  out["notes"] = notes;
  return out;
}

json GroupJson(const adwatch::AdGroup& g) {
  json ads = json::array(), phones = json::array(), emails = json::array(),
       places = json::array(), timeline = json::array(), links = json::array();
  for (const adwatch::AdSummary& a : g.ads) {
    ads.push_back(AdJson(a));
    timeline.push_back({{"ad", a.id},
                        {"municipality", MunicipalityJson(a.municipality)},
                        {"first_seen", FormatRfc3339(a.first_seen)},
                        {"last_seen", FormatRfc3339(a.last_seen)}});
  }
  for (const adwatch::ValueCount& p : g.phones) phones.push_back({{"value", p.value}, {"ads", p.ads}});
  for (const adwatch::ValueCount& e : g.emails) emails.push_back({{"value", e.value}, {"ads", e.ads}});
  for (const adwatch::GroupPlace& p : g.municipalities) {
    places.push_back(
        {{"code", p.municipality.code}, {"name", p.municipality.name}, {"ads", p.ads}});
  }
  for (const adwatch::GroupLink& l : g.links) {
    links.push_back({{"ad", l.ad}, {"with", l.with}, {"kind", l.kind}, {"value", l.value}});
  }
  return {{"id", g.id},         {"ads", ads},         {"phones", phones},
          {"emails", emails},   {"municipalities", places}, {"timeline", timeline},
          {"links", links}};
}

json ImportJson(const adwatch::ImportSummary& s) {
  json errors = json::array();
  for (const adwatch::ImportError& e : s.errors) {
    errors.push_back({{"line", e.line}, {"field", Nullable(e.field)}, {"message", e.message}});
  }
  return {{"lines", s.lines},         {"bad_lines", s.bad_lines}, {"ads_new", s.ads_new},
          {"ads_updated", s.ads_updated}, {"templates", s.templates}, {"groups", s.groups},
          {"errors", errors}};
}

// A whole-number query parameter in [min, max], or `fallback` when absent.
Result<int> IntQuery(const Request& r, const std::string& name, int fallback, int min, int max) {
  std::optional<std::string> text = r.Query(name);
  if (!text) return fallback;
  int value = 0;
  try {
    std::size_t used = 0;
    value = std::stoi(*text, &used);
    if (used != text->size()) throw std::invalid_argument(name);
  } catch (const std::exception&) {
    return Status::InvalidInput("a whole number", name);
  }
  if (value < min || value > max) {
    return Status::InvalidInput("from " + std::to_string(min) + " to " + std::to_string(max), name);
  }
  return value;
}

Result<std::optional<CivilDate>> DateQuery(const Request& r, const std::string& name) {
  std::optional<std::string> text = r.Query(name);
  if (!text) return std::optional<CivilDate>{};
  Result<CivilDate> date = ParseDate(*text, name);
  if (!date.ok()) return date.status();
  return std::optional<CivilDate>(*date);
}

}  // namespace

void AddAdsRoutes(Router& router, ApiServices& s) {
  Gate& gate = s.gate;
  adwatch::AdWatch& watch = s.ads;

  router.Add(Method::kGet, "/api/v1/ads",
             WithPrincipal(gate, [&gate, &watch](const Request& r, const Principal& who) {
               adwatch::QueueFilter filter;
               const std::string status = r.Query("status").value_or("untriaged");
               if (status != "untriaged" && status != "all") {
                 return ErrorResponse(Status::InvalidInput("untriaged or all", "status"));
               }
               filter.untriaged_only = status == "untriaged";
               filter.municipality = r.Query("municipality").value_or("");
               filter.indicator = r.Query("indicator").value_or("");
               Result<std::optional<int64_t>> group = QueryId(r, "group");
               if (!group.ok()) return ErrorResponse(group.status());
               filter.group = *group;
               Result<int> limit = IntQuery(r, "limit", 50, 1, adwatch::kMaxQueuePage);
               if (!limit.ok()) return ErrorResponse(limit.status());
               Result<int> offset = IntQuery(r, "offset", 0, 0, 1 << 30);
               if (!offset.ok()) return ErrorResponse(offset.status());
               filter.limit = *limit;
               filter.offset = *offset;
               return Reply(watch.Queue(who, filter, gate.Context(r)),
                            [](const adwatch::AdQueue& q) {
                              json ads = json::array();
                              for (const adwatch::AdSummary& a : q.ads) ads.push_back(AdJson(a));
                              return JsonResponse(200, {{"ads", ads}, {"total", q.total}});
                            });
             }));
  router.Add(Method::kGet, "/api/v1/ads/counts",
             WithPrincipal(gate, [&gate, &watch](const Request& r, const Principal& who) {
               const std::optional<ads::Period> period =
                   ads::ParsePeriod(r.Query("period").value_or(""));
               if (!period) {
                 return ErrorResponse(Status::InvalidInput("day, week or month", "period"));
               }
               std::vector<std::string> municipalities;
               for (const auto& [name, value] : r.query) {
                 if (name == "municipality" && !value.empty()) municipalities.push_back(value);
               }
               Result<std::optional<CivilDate>> from = DateQuery(r, "from");
               if (!from.ok()) return ErrorResponse(from.status());
               Result<std::optional<CivilDate>> to = DateQuery(r, "to");
               if (!to.ok()) return ErrorResponse(to.status());
               return Reply(
                   watch.Counts(who, *period, municipalities, *from, *to, gate.Context(r)),
                   [](const adwatch::AdCounts& c) {
                     json rows = json::array(), operations = json::array();
                     for (const ads::CountRow& row : c.rows) {
                       rows.push_back({{"period", row.period},
                                       {"municipality", row.municipality},
                                       {"active_ads", row.active_ads},
                                       {"unique_phones", row.unique_phones},
                                       {"groups", row.groups}});
                     }
                     for (const adwatch::OperationMark& o : c.operations) {
                       operations.push_back({{"id", o.id},
                                             {"municipality", o.municipality},
                                             {"date", FormatDate(o.date)}});
                     }
                     return JsonResponse(200, {{"period", ads::PeriodName(c.period)},
                                               {"rows", rows},
                                               {"operations", operations}});
                   });
             }));
  router.Add(Method::kPost, "/api/v1/ads/import",
             WithPrincipal(gate, [&gate, &watch](const Request& r, const Principal& who) {
               return Reply(watch.Import(who, r.body, gate.Context(r)),
                            [](const adwatch::ImportSummary& summary) {
                              return JsonResponse(200, ImportJson(summary));
                            });
             }));
  router.Add(Method::kGet, "/api/v1/ads/{id}",
             WithPrincipal(gate, [&gate, &watch](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(watch.Get(who, *id, gate.Context(r)), [](const adwatch::AdDetail& d) {
                 return JsonResponse(200, DetailJson(d));
               });
             }));
  router.Add(Method::kPost, "/api/v1/ads/{id}/triage",
             WithPrincipal(gate, [&gate, &watch](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               std::string decision = in.RequiredString("decision", 32);
               std::string note = in.String("note", adwatch::kMaxTriageNoteBytes).value_or("");
               if (!in.ok()) return ErrorResponse(in.status());
               return Reply(watch.Triage(who, *id, decision, note, gate.Context(r)),
                            [](const adwatch::AdTriage& t) { return JsonResponse(201, TriageJson(t)); });
             }));
  router.Add(Method::kPost, "/api/v1/ads/{id}/notes",
             WithPrincipal(gate, [&gate, &watch](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               std::string text = in.RequiredString("text", adwatch::kMaxAdNoteBytes);
               if (!in.ok()) return ErrorResponse(in.status());
               return Reply(watch.AddNote(who, *id, text, gate.Context(r)),
                            [](const adwatch::AdNote& n) { return JsonResponse(201, NoteJson(n)); });
             }));
  router.Add(Method::kGet, "/api/v1/ad-groups/{id}",
             WithPrincipal(gate, [&gate, &watch](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(watch.Group(who, *id, gate.Context(r)), [](const adwatch::AdGroup& g) {
                 return JsonResponse(200, GroupJson(g));
               });
             }));
}

}  // namespace sv::http
