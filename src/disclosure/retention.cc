#include "disclosure/retention.h"

#include <soci/soci.h>

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "security/audit.h"
#include "security/refusal.h"
#include "store/database.h"
#include "store/idempotency.h"

namespace sv::disclosure {

using security::Compartment;
using security::Principal;
using security::RequestContext;

namespace {

constexpr const char* kJobName = "retention";

// Every time written in a contact's file, as (contact id, time) rows. A disclosure made from the
// record is an entry in its file too, whatever became of it.
constexpr const char* kContactTimes =
    "SELECT id AS rid, created_at AS t FROM contacts "
    "UNION ALL SELECT id, updated_at FROM contacts "
    "UNION ALL SELECT id, occurred_at FROM contacts "
    "UNION ALL SELECT contact_id, created_at FROM support_offers "
    "UNION ALL SELECT contact_id, updated_at FROM support_offers "
    "UNION ALL SELECT contact_id, created_at FROM referrals "
    "UNION ALL SELECT contact_id, updated_at FROM referrals "
    "UNION ALL SELECT r.contact_id, rt.at FROM referral_transitions rt "
    "JOIN referrals r ON r.id = rt.referral_id "
    "UNION ALL SELECT contact_id, created_at FROM follow_ups "
    "UNION ALL SELECT contact_id, done_at FROM follow_ups WHERE done_at IS NOT NULL "
    "UNION ALL SELECT contact_id, given_at FROM consents "
    "UNION ALL SELECT contact_id, withdrawn_at FROM consents WHERE withdrawn_at IS NOT NULL "
    "UNION ALL SELECT record_id, requested_at FROM disclosures WHERE record_type = 'contact' "
    "UNION ALL SELECT record_id, reviewed_at FROM disclosures "
    "WHERE record_type = 'contact' AND reviewed_at IS NOT NULL "
    "UNION ALL SELECT record_id, sent_at FROM disclosures "
    "WHERE record_type = 'contact' AND sent_at IS NOT NULL";

constexpr const char* kEncounterTimes =
    "SELECT id AS rid, created_at AS t FROM encounters "
    "UNION ALL SELECT id, updated_at FROM encounters "
    "UNION ALL SELECT id, occurred_at FROM encounters "
    "UNION ALL SELECT record_id, requested_at FROM disclosures WHERE record_type = 'encounter' "
    "UNION ALL SELECT record_id, reviewed_at FROM disclosures "
    "WHERE record_type = 'encounter' AND reviewed_at IS NOT NULL "
    "UNION ALL SELECT record_id, sent_at FROM disclosures "
    "WHERE record_type = 'encounter' AND sent_at IS NOT NULL";

struct Rule {
  const char* name;
  int months;
  bool deadline_end_of_following_year;
};

struct Dates {
  CivilDate last_entry, due_since, deadline;
};

Dates Apply(const Rule& rule, int64_t last_micros) {
  Dates d;
  d.last_entry = SwedishDate(FromUnixMicros(last_micros));
  d.due_since = AddMonths(d.last_entry, rule.months);
  d.deadline =
      rule.deadline_end_of_following_year ? CivilDate{d.due_since.year + 1, 12, 31} : d.due_since;
  return d;
}

// A time before which every last entry is a candidate under `rule` on `as_of`: a few days of
// margin for months of different lengths; the exact test is Apply().
long long Cutoff(const Rule& rule, const CivilDate& as_of) {
  return ToUnixMicros(StartOfSwedishDay(AddDays(AddMonths(as_of, -rule.months), 4)));
}

// One record of a compartment with the latest time in its file.
struct Row {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> person_id;
  int64_t last = 0;
};

// The last entries of encounters or contacts: all whose last entry is before `cutoff`, or the one
// record `only` (any time).
std::vector<Row> LastEntries(soci::session& sql, bool contacts, std::optional<int64_t> only,
                             long long cutoff) {
  const std::string table = contacts ? "contacts" : "encounters";
  std::string query = "SELECT c.id, c.unit_id, c.person_id, MAX(x.t) FROM " + table + " c JOIN (" +
                      (contacts ? kContactTimes : kEncounterTimes) + ") x ON x.rid = c.id ";
  long long id = only.value_or(0);
  query += only ? "WHERE c.id = :key GROUP BY c.id, c.unit_id, c.person_id"
                : "GROUP BY c.id, c.unit_id, c.person_id HAVING MAX(x.t) < :key";
  long long key = only ? id : cutoff;
  long long rid = 0, unit = 0, person = 0, last = 0;
  soci::indicator person_ind = soci::i_null;
  soci::statement st = (sql.prepare << query, soci::use(key, "key"), soci::into(rid),
                        soci::into(unit), soci::into(person, person_ind), soci::into(last));
  st.execute();
  std::vector<Row> out;
  while (st.fetch()) {
    Row r;
    r.id = rid;
    r.unit_id = unit;
    if (person_ind == soci::i_ok) r.person_id = person;
    r.last = last;
    out.push_back(r);
  }
  return out;
}

int TypeOrder(const std::string& type) {
  if (type == "encounter") return 0;
  if (type == "contact") return 1;
  if (type == "person") return 2;
  return 3;
}

std::string Describe(const Rule& rule, const Dates& d) {
  return "rule " + std::string(rule.name) + ": last entry " + FormatDate(d.last_entry) +
         ", due since " + FormatDate(d.due_since) + ", deadline " + FormatDate(d.deadline);
}

// "2 offers, 1 consent" for the counts that are not 0.
std::string Counted(const std::vector<std::pair<std::string, long long>>& counts) {
  std::string out;
  for (const auto& [name, n] : counts) {
    if (n == 0) continue;
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + name + (n == 1 ? "" : "s");
  }
  return out;
}

long long Execute(soci::session& sql, const std::string& statement, long long id) {
  soci::statement st = (sql.prepare << statement, soci::use(id, "id"));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace

CivilDate AddMonths(const CivilDate& d, int months) {
  const int64_t index = int64_t{d.year} * 12 + (d.month - 1) + months;
  CivilDate out;
  out.year = static_cast<int>(index >= 0 ? index / 12 : (index - 11) / 12);
  out.month = static_cast<int>(index - int64_t{out.year} * 12) + 1;
  // The last day of that month: the day before the first of the next.
  const CivilDate first_of_next =
      out.month == 12 ? CivilDate{out.year + 1, 1, 1} : CivilDate{out.year, out.month + 1, 1};
  const int last_day = AddDays(first_of_next, -1).day;
  out.day = std::min(d.day, last_day);
  return out;
}

Retention::Retention(store::Database& database, const Clock& clock, const security::Policy& policy,
                     security::AuditLog& audit, RetentionRules rules)
    : database_(database), clock_(clock), policy_(policy), audit_(audit), rules_(rules) {}

namespace {

struct Rules {
  Rule social;
  Rule police;
  const Rule& For(Compartment c) const { return c == Compartment::kSocial ? social : police; }
};

Rules RulesOf(const RetentionRules& r) {
  return {{kSocialPersonFileRule, r.social_years * 12, true},
          {kPoliceReviewRule, r.police_months, false}};
}

// Lists what is due on `as_of` into `out`.
Status Collect(soci::session& sql, const Rules& rules, const CivilDate& as_of,
               std::vector<DueRecord>& out) {
  std::set<std::pair<std::string, int64_t>> held;
  {
    std::string type;
    long long id = 0;
    soci::statement st = (sql.prepare << "SELECT record_type, record_id FROM legal_holds "
                                         "WHERE released_at IS NULL",
                          soci::into(type), soci::into(id));
    st.execute();
    while (st.fetch()) held.insert({type, id});
  }

  // Encounters and contacts: (type, id) → last entry, for those due.
  std::map<std::pair<std::string, int64_t>, int64_t> due_last;
  for (const bool contacts : {false, true}) {
    const Compartment compartment = contacts ? Compartment::kSocial : Compartment::kPolice;
    const Rule& rule = rules.For(compartment);
    const std::string type = contacts ? "contact" : "encounter";
    for (const Row& r : LastEntries(sql, contacts, std::nullopt, Cutoff(rule, as_of))) {
      const Dates d = Apply(rule, r.last);
      if (d.due_since > as_of) continue;
      due_last[{type, r.id}] = r.last;
      out.push_back({type, r.id, security::CompartmentId(compartment, r.unit_id), d.last_entry,
                     d.due_since, d.deadline, rule.name, held.count({type, r.id}) > 0});
    }
  }

  // Persons: due by their compartment's rule once every record referring to them is due; held
  // while one of those is held.
  const long long person_cutoff =
      std::max(Cutoff(rules.social, as_of), Cutoff(rules.police, as_of));
  struct Candidate {
    int64_t unit_id;
    Compartment compartment;
    int64_t last;
    std::vector<std::pair<std::string, int64_t>> refs;
  };
  std::map<int64_t, Candidate> persons;
  {
    long long id = 0, unit = 0, created = 0, updated = 0;
    std::string compartment;
    soci::statement st =
        (sql.prepare << "SELECT id, unit_id, compartment, created_at, updated_at FROM persons "
                        "WHERE created_at < :cut AND updated_at < :cut2",
         soci::use(person_cutoff, "cut"), soci::use(person_cutoff, "cut2"), soci::into(id),
         soci::into(unit), soci::into(compartment), soci::into(created), soci::into(updated));
    st.execute();
    while (st.fetch()) {
      persons[id] = {unit,
                     security::ParseCompartment(compartment).value_or(Compartment::kPolice),
                     std::max(created, updated),
                     {}};
    }
  }
  if (!persons.empty()) {
    for (const char* table : {"encounters", "contacts"}) {
      const std::string type = std::string(table) == "contacts" ? "contact" : "encounter";
      long long person = 0, id = 0;
      soci::statement st =
          (sql.prepare << "SELECT person_id, id FROM " << table << " WHERE person_id IS NOT NULL",
           soci::into(person), soci::into(id));
      st.execute();
      while (st.fetch()) {
        auto it = persons.find(person);
        if (it != persons.end()) it->second.refs.push_back({type, id});
      }
    }
  }
  for (const auto& [id, p] : persons) {
    int64_t last = p.last;
    bool all_due = true, any_held = false;
    for (const auto& ref : p.refs) {
      auto it = due_last.find(ref);
      if (it == due_last.end()) {
        all_due = false;
        break;
      }
      last = std::max(last, it->second);
      any_held = any_held || held.count(ref) > 0;
    }
    if (!all_due) continue;
    const Rule& rule = rules.For(p.compartment);
    const Dates d = Apply(rule, last);
    if (d.due_since > as_of) continue;
    out.push_back({"person", id, security::CompartmentId(p.compartment, p.unit_id), d.last_entry,
                   d.due_since, d.deadline, rule.name, any_held});
  }

  // Disclosures that were sent: the receiving compartment's rule, from when they were sent.
  {
    long long id = 0, unit = 0, sent = 0;
    std::string kind;
    soci::statement st = (sql.prepare << "SELECT d.id, d.to_unit_id, u.kind, d.sent_at "
                                         "FROM disclosures d JOIN units u ON u.id = d.to_unit_id "
                                         "WHERE d.state = 'sent' AND d.sent_at < :cut",
                          soci::use(person_cutoff, "cut"), soci::into(id), soci::into(unit),
                          soci::into(kind), soci::into(sent));
    st.execute();
    while (st.fetch()) {
      if (kind != "police" && kind != "social_services") continue;  // no compartment: none sent
      const Compartment receiver = kind == "police" ? Compartment::kPolice : Compartment::kSocial;
      const Rule& rule = rules.For(receiver);
      const Dates d = Apply(rule, sent);
      if (d.due_since > as_of) continue;
      out.push_back({"disclosure", id, security::CompartmentId(receiver, unit), d.last_entry,
                     d.due_since, d.deadline, rule.name, false});
    }
  }

  std::sort(out.begin(), out.end(), [](const DueRecord& a, const DueRecord& b) {
    return std::make_tuple(a.rule, TypeOrder(a.record_type), a.id) <
           std::make_tuple(b.rule, TypeOrder(b.record_type), b.id);
  });
  return Status::Ok();
}

}  // namespace

Result<RetentionPreview> Retention::Preview(const CivilDate& as_of) {
  const Rules rules = RulesOf(rules_);
  RetentionPreview out;
  out.as_of = as_of;
  SV_RETURN_IF_ERROR(database_.InReadTransaction(
      [&](soci::session& sql) { return Collect(sql, rules, as_of, out.due); }));
  for (const Rule* rule : {&rules.social, &rules.police}) {
    RuleSummary s{rule->name, rule->months, 0, 0};
    for (const DueRecord& d : out.due) {
      if (d.rule != rule->name) continue;
      ++s.due;
      if (d.held) ++s.held;
    }
    out.rules.push_back(s);
  }
  return out;
}

Result<RetentionPreview> Retention::Preview(const Principal& who, const CivilDate& as_of,
                                            const RequestContext& ctx) {
  const security::Decision decision = policy_.Decide(who, security::Permission::kRunRetention);
  if (!decision.allowed) {
    return security::RefuseAndAudit(audit_,
                                    security::EventBy(who, "read", "retention", "", "", ctx),
                                    Status::Forbidden(decision.reason));
  }
  Result<RetentionPreview> preview = Preview(as_of);
  if (!preview.ok()) return preview;
  security::AuditEvent e = security::EventBy(who, "read", "retention", "", "", ctx);
  e.detail = "preview as of " + FormatDate(as_of) + ": " + std::to_string(preview->due.size()) +
             " records due";
  Result<security::AuditEvent> logged = audit_.Append(std::move(e));
  if (!logged.ok()) return logged.status();
  return preview;
}

namespace {

enum class Outcome { kDeleted, kHeld, kSkipped };

}  // namespace

Result<RetentionRunResult> Retention::Run(const CivilDate& as_of, const RequestContext& ctx,
                                          const std::atomic<bool>* stop) {
  Result<RetentionPreview> preview = Preview(as_of);
  if (!preview.ok()) return preview.status();
  const Rules rules = RulesOf(rules_);
  const bool postgres = database_.dialect() == store::Dialect::kPostgres;
  const std::string lock = postgres ? " FOR UPDATE" : "";
  RetentionRunResult result;
  result.listed = *preview;

  // One record file, in one transaction: locked, checked again, deleted, audited.
  auto purge = [&](const DueRecord& due, Outcome& outcome) -> Status {
    return database_.InTransaction([&](soci::session& sql) -> Status {
      const long long id = due.id;
      outcome = Outcome::kSkipped;
      std::optional<Dates> dates;
      const Rule* rule = nullptr;
      std::string compartment = due.compartment;
      std::string dependents;
      if (due.record_type == "encounter" || due.record_type == "contact") {
        const bool contact = due.record_type == "contact";
        const std::string table = contact ? "contacts" : "encounters";
        long long unit = 0;
        sql << "SELECT unit_id FROM " << table << " WHERE id = :id" << lock, soci::use(id),
            soci::into(unit);
        if (!sql.got_data()) return Status::Ok();  // gone already
        long long holds = 0;
        sql << "SELECT COUNT(*) FROM legal_holds WHERE record_type = :t AND record_id = :id "
               "AND released_at IS NULL",
            soci::use(due.record_type), soci::use(id), soci::into(holds);
        if (holds > 0) {
          outcome = Outcome::kHeld;
          return Status::Ok();
        }
        std::vector<Row> rows = LastEntries(sql, contact, due.id, 0);
        if (rows.empty()) return Status::Ok();
        rule = &rules.For(contact ? Compartment::kSocial : Compartment::kPolice);
        dates = Apply(*rule, rows.front().last);
        if (dates->due_since > as_of) return Status::Ok();
        compartment = security::CompartmentId(contact ? Compartment::kSocial : Compartment::kPolice,
                                              static_cast<int64_t>(unit));
        const std::string of_record = "record_type = '" + due.record_type + "' AND record_id = :id";
        std::vector<std::pair<std::string, long long>> counts;
        if (contact) {
          Execute(sql,
                  "DELETE FROM referral_transitions WHERE referral_id IN "
                  "(SELECT id FROM referrals WHERE contact_id = :id)",
                  id);
          counts.push_back(
              {"referral", Execute(sql, "DELETE FROM referrals WHERE contact_id = :id", id)});
          counts.push_back(
              {"offer", Execute(sql, "DELETE FROM support_offers WHERE contact_id = :id", id)});
          counts.push_back(
              {"follow-up", Execute(sql, "DELETE FROM follow_ups WHERE contact_id = :id", id)});
          counts.push_back(
              {"consent", Execute(sql, "DELETE FROM consents WHERE contact_id = :id", id)});
        }
        // Unsent disclosures go with their record; sent ones are the receiver's (own rule).
        Execute(sql,
                "DELETE FROM disclosure_fields WHERE disclosure_id IN (SELECT id FROM "
                "disclosures WHERE " +
                    of_record + " AND state <> 'sent')",
                id);
        counts.push_back(
            {"unsent disclosure",
             Execute(sql, "DELETE FROM disclosures WHERE " + of_record + " AND state <> 'sent'",
                     id)});
        counts.push_back({"released legal hold",
                          Execute(sql, "DELETE FROM legal_holds WHERE " + of_record, id)});
        Execute(sql, "DELETE FROM " + table + " WHERE id = :id", id);
        dependents = Counted(counts);
      } else if (due.record_type == "person") {
        long long unit = 0, created = 0, updated = 0;
        std::string comp;
        sql << "SELECT unit_id, compartment, created_at, updated_at FROM persons WHERE id = :id"
            << lock,
            soci::use(id), soci::into(unit), soci::into(comp), soci::into(created),
            soci::into(updated);
        if (!sql.got_data()) return Status::Ok();
        long long refs = 0, more = 0;
        sql << "SELECT COUNT(*) FROM contacts WHERE person_id = :id", soci::use(id),
            soci::into(refs);
        sql << "SELECT COUNT(*) FROM encounters WHERE person_id = :id", soci::use(id),
            soci::into(more);
        if (refs + more > 0) return Status::Ok();  // a record still refers to the person
        const Compartment c = security::ParseCompartment(comp).value_or(Compartment::kPolice);
        rule = &rules.For(c);
        dates = Apply(*rule, std::max(created, updated));
        // The person's own dates; those of the records that referred to it were checked when
        // the list was made and the records are gone now.
        if (dates->due_since > as_of) return Status::Ok();
        dates = Dates{due.last_entry, due.due_since, due.deadline};
        compartment = security::CompartmentId(c, static_cast<int64_t>(unit));
        Execute(sql, "DELETE FROM persons WHERE id = :id", id);
      } else if (due.record_type == "disclosure") {
        long long unit = 0, sent = 0;
        std::string state;
        soci::indicator sent_ind = soci::i_null;
        sql << "SELECT to_unit_id, state, sent_at FROM disclosures WHERE id = :id" << lock,
            soci::use(id), soci::into(unit), soci::into(state), soci::into(sent, sent_ind);
        if (!sql.got_data() || state != "sent" || sent_ind != soci::i_ok) return Status::Ok();
        std::string kind;
        sql << "SELECT kind FROM units WHERE id = :u", soci::use(unit), soci::into(kind);
        if (kind != "police" && kind != "social_services") return Status::Ok();
        const Compartment receiver = kind == "police" ? Compartment::kPolice : Compartment::kSocial;
        rule = &rules.For(receiver);
        dates = Apply(*rule, sent);
        if (dates->due_since > as_of) return Status::Ok();
        compartment = security::CompartmentId(receiver, static_cast<int64_t>(unit));
        const long long fields =
            Execute(sql, "DELETE FROM disclosure_fields WHERE disclosure_id = :id", id);
        Execute(sql, "DELETE FROM disclosures WHERE id = :id", id);
        dependents = Counted({{"disclosed field", fields}});
      } else {
        return Status::Internal("unknown record type " + due.record_type);
      }

      security::AuditEvent e;
      e.username = kRetentionUser;
      e.action = "purge";
      e.record_type = due.record_type;
      e.record_id = std::to_string(due.id);
      e.compartment = compartment;
      e.purpose = "retention";
      e.outcome = "ok";
      e.detail = Describe(*rule, *dates) + (dependents.empty() ? "" : "; with " + dependents);
      e.request_id = ctx.request_id;
      e.client = ctx.client;
      Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
      if (!logged.ok()) return logged.status();
      outcome = Outcome::kDeleted;
      return Status::Ok();
    });
  };

  // Records before the persons they refer to; disclosures last.
  for (const int pass : {0, 1, 2}) {
    for (const DueRecord& due : result.listed.due) {
      const int order = TypeOrder(due.record_type);
      if ((pass == 0 && order > 1) || (pass == 1 && order != 2) || (pass == 2 && order != 3)) {
        continue;
      }
      if (due.held) {
        ++result.held;
        continue;
      }
      if (stop != nullptr && stop->load()) {
        result.stopped = true;
        return result;
      }
      Outcome outcome = Outcome::kSkipped;
      Status done = purge(due, outcome);
      if (!done.ok()) {
        result.failures.push_back(due.record_type + " " + std::to_string(due.id) + ": " +
                                  done.message());
        continue;
      }
      switch (outcome) {
        case Outcome::kDeleted:
          ++result.deleted[due.record_type];
          ++result.deleted_total;
          break;
        case Outcome::kHeld:
          ++result.held;
          break;
        case Outcome::kSkipped:
          ++result.skipped;
          break;
      }
    }
  }
  return result;
}

Result<bool> Retention::ClaimDailyRun(const CivilDate& day, const std::string& worker) {
  bool claimed = false;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const std::string job = kJobName;
    const std::string date = FormatDate(day);
    const long long now = ToUnixMicros(clock_.Now());
    // The primary key (job, day) decides: of concurrent inserts one commits, the others (on
    // PostgreSQL after waiting for it) insert nothing.
    soci::statement st =
        (sql.prepare << "INSERT INTO job_runs (job, day, claimed_at, claimed_by) "
                        "VALUES (:j, :d, :now, :w) ON CONFLICT (job, day) DO NOTHING",
         soci::use(job), soci::use(date), soci::use(now), soci::use(worker));
    st.execute(true);
    claimed = st.get_affected_rows() == 1;
    return Status::Ok();
  }));
  return claimed;
}

Status Retention::FinishDailyRun(const CivilDate& day, bool ok, const std::string& detail) {
  return database_.InTransaction([&](soci::session& sql) -> Status {
    const std::string job = kJobName;
    const std::string date = FormatDate(day);
    const long long now = ToUnixMicros(clock_.Now());
    const std::string outcome = ok ? "ok" : "failed";
    sql << "UPDATE job_runs SET finished_at = :now, outcome = :o, detail = :x "
           "WHERE job = :j AND day = :d",
        soci::use(now), soci::use(outcome), soci::use(detail), soci::use(job), soci::use(date);
    return Status::Ok();
  });
}

Result<int64_t> Retention::ExpireIdempotencyKeys(TimePoint before) {
  Result<int64_t> expired = int64_t{0};
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    expired = store::ExpireIdempotencyKeys(sql, ToUnixMicros(before));
    return expired.ok() ? Status::Ok() : expired.status();
  }));
  return expired;
}

}  // namespace sv::disclosure
