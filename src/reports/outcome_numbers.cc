#include "reports/outcome_numbers.h"

#include <algorithm>
#include <array>
#include <map>

#include <soci/soci.h>

#include "ops/operation_book.h"
#include "security/audit.h"
#include "security/refusal.h"
#include "stats/suppression.h"
#include "store/database.h"

namespace sv::reports {

namespace {

enum Column : std::size_t {
  kSellers,
  kBuyers,
  kRelatives,
  kContacts,
  kOffersMade,
  kOffersAccepted,
  kReferralsCompleted,
  kBuyersReported,
  kColumnCount
};

using Values = std::array<int64_t, kColumnCount>;

// What a row of records is grouped by.
struct Place {
  std::string municipality;
  std::optional<int64_t> operation_id;
  std::string operation_name;
  TimePoint at{};
};

}  // namespace

struct OutcomeNumbers::Scope {
  GroupBy group_by = GroupBy::kMunicipality;
  std::vector<std::string> municipalities;  // allowed
  std::optional<int64_t> operation_id;
  std::optional<TimePoint> from, until;  // until: exclusive
};

std::string_view GroupByName(GroupBy g) {
  switch (g) {
    case GroupBy::kOperation: return "operation";
    case GroupBy::kMunicipality: return "municipality";
    case GroupBy::kMonth: return "month";
  }
  return "municipality";
}

std::optional<GroupBy> ParseGroupBy(std::string_view name) {
  for (GroupBy g : {GroupBy::kOperation, GroupBy::kMunicipality, GroupBy::kMonth}) {
    if (GroupByName(g) == name) return g;
  }
  return std::nullopt;
}

const std::vector<std::string>& NumberColumns() {
  static const std::vector<std::string> columns = {
      "contacts_sellers", "contacts_buyers", "contacts_relatives",  "contacts",
      "offers_made",      "offers_accepted", "referrals_completed", "buyers_reported"};
  return columns;
}

OutcomeNumbers::OutcomeNumbers(store::Database& database, const security::Policy& policy,
                               security::AuditLog& audit, ops::OperationBook& operations,
                               std::vector<std::string> buyer_offences, int64_t min_cell)
    : database_(database),
      policy_(policy),
      audit_(audit),
      operations_(operations),
      buyer_offences_(std::move(buyer_offences)),
      min_cell_(min_cell) {}

Status OutcomeNumbers::Deny(const security::Principal& who, const std::string& reason,
                            const security::RequestContext& ctx) {
  return security::RefuseAndAudit(
      audit_, security::EventBy(who, "read_numbers", "numbers", "", "", ctx),
      Status::Forbidden(reason));
}

Result<Numbers> OutcomeNumbers::Query(const security::Principal& who, const NumbersQuery& query,
                                      const security::RequestContext& ctx) {
  const security::Decision decision = policy_.Decide(who, security::Permission::kReadNumbers);
  if (!decision.allowed) return Deny(who, decision.reason, ctx);
  if (query.from && query.to && *query.to < *query.from) {
    return Status::InvalidInput("must not be before `from`", "to");
  }
  Scope scope;
  scope.group_by = query.group_by;
  if (query.from) scope.from = StartOfSwedishDay(*query.from);
  if (query.to) scope.until = StartOfSwedishDay(AddDays(*query.to, 1));
  // The principal's area.
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    std::string code;
    if (who.unit.kind == security::UnitKind::kSocialServices) {
      scope.municipalities.push_back(who.unit.municipality_code);
      return Status::Ok();
    }
    soci::statement st = (sql.prepare << "SELECT code FROM municipalities WHERE county_code = :c "
                                         "ORDER BY code",
                          soci::use(who.unit.county_code), soci::into(code));
    st.execute();
    while (st.fetch()) scope.municipalities.push_back(code);
    return Status::Ok();
  }));
  if (!query.municipality_code.empty()) {
    const auto& area = scope.municipalities;
    if (std::find(area.begin(), area.end(), query.municipality_code) == area.end()) {
      // An unknown code is a mistake; a known one outside the area is a refusal.
      bool known = false;
      SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
        std::string name;
        sql << "SELECT name FROM municipalities WHERE code = :c",
            soci::use(query.municipality_code), soci::into(name);
        known = sql.got_data();
        return Status::Ok();
      }));
      if (!known) {
        return Status::InvalidInput(
            "no municipality has the code \"" + query.municipality_code + "\"",
            "municipality_code");
      }
      return Deny(who, "municipality " + query.municipality_code + " is outside the unit's area",
                  ctx);
    }
    scope.municipalities = {query.municipality_code};
  }
  return Count(who, scope);
}

Result<Numbers> OutcomeNumbers::ForOperation(const security::Principal& who, int64_t id,
                                             const security::RequestContext& ctx) {
  Result<ops::Operation> op = operations_.Get(who, id, ctx);  // refuses and audits
  if (!op.ok()) return op.status();
  Scope scope;
  scope.group_by = GroupBy::kOperation;
  scope.municipalities = {op->municipality_code};
  scope.operation_id = id;
  Result<Numbers> counted = Count(who, scope);
  if (counted.ok()) {
    for (NumbersRow& row : counted->rows) row.label = op->name;
  }
  return counted;
}

Result<Numbers> OutcomeNumbers::Count(const security::Principal& who, const Scope& scope) {
  const bool suppress = security::Policy::NeedsSuppressedCounts(who.user.role);
  std::map<std::string, Values> groups;
  std::map<std::string, std::string> labels;

  auto key_of = [&](const Place& p) -> std::optional<std::string> {
    if (std::find(scope.municipalities.begin(), scope.municipalities.end(), p.municipality) ==
        scope.municipalities.end()) {
      return std::nullopt;
    }
    if (scope.operation_id && p.operation_id != scope.operation_id) return std::nullopt;
    if (scope.from && p.at < *scope.from) return std::nullopt;
    if (scope.until && p.at >= *scope.until) return std::nullopt;
    switch (scope.group_by) {
      case GroupBy::kOperation: {
        if (!p.operation_id) return std::nullopt;
        // Zero-padded, so that keys sort as numbers.
        std::string id = std::to_string(*p.operation_id);
        std::string key = std::string(12 - std::min<std::size_t>(12, id.size()), '0') + id;
        labels[key] = p.operation_name;
        return key;
      }
      case GroupBy::kMunicipality:
        labels[p.municipality];
        return p.municipality;
      case GroupBy::kMonth: {
        std::string month = FormatDate(SwedishDate(p.at)).substr(0, 7);
        labels[month] = month;
        return month;
      }
    }
    return std::nullopt;
  };

  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    {
      long long operation_id = 0, at = 0, offers = 0, accepted = 0, completed = 0, consented = 0;
      soci::indicator op_ind = soci::i_null, name_ind = soci::i_null;
      std::string role, municipality, name;
      soci::statement st =
          (sql.prepare
               << "SELECT c.role, COALESCE(o.municipality_code, u.municipality_code), "
                  "c.operation_id, o.name, c.occurred_at, "
                  "(SELECT COUNT(*) FROM support_offers s WHERE s.contact_id = c.id), "
                  "(SELECT COUNT(*) FROM support_offers s WHERE s.contact_id = c.id "
                  "AND s.answer = 'accepted'), "
                  "(SELECT COUNT(*) FROM referrals r WHERE r.contact_id = c.id "
                  "AND r.state = 'completed'), "
                  "(SELECT COUNT(*) FROM consents k WHERE k.contact_id = c.id "
                  "AND k.scope = 'statistics' AND k.withdrawn_at IS NULL) "
                  "FROM contacts c JOIN units u ON u.id = c.unit_id "
                  "LEFT JOIN operations o ON o.id = c.operation_id",
           soci::into(role), soci::into(municipality), soci::into(operation_id, op_ind),
           soci::into(name, name_ind), soci::into(at), soci::into(offers), soci::into(accepted),
           soci::into(completed), soci::into(consented));
      st.execute();
      while (st.fetch()) {
        // Published numbers count only people who agreed to be counted.
        if (suppress && consented == 0) continue;
        Place p{municipality,
                op_ind == soci::i_ok ? std::optional<int64_t>(operation_id) : std::nullopt,
                name_ind == soci::i_ok ? name : "", FromUnixMicros(at)};
        std::optional<std::string> key = key_of(p);
        if (!key) continue;
        Values& v = groups[*key];
        v[role == "seller" ? kSellers : role == "buyer" ? kBuyers : kRelatives] += 1;
        v[kContacts] += 1;
        v[kOffersMade] += offers;
        v[kOffersAccepted] += accepted;
        v[kReferralsCompleted] += completed;
      }
    }
    {
      long long operation_id = 0, at = 0;
      std::string offence, municipality, name;
      soci::statement st =
          (sql.prepare << "SELECT e.offence, o.municipality_code, e.operation_id, o.name, "
                          "e.occurred_at FROM encounters e "
                          "JOIN operations o ON o.id = e.operation_id "
                          "WHERE e.role = 'buyer' AND e.offence IS NOT NULL",
           soci::into(offence), soci::into(municipality), soci::into(operation_id),
           soci::into(name), soci::into(at));
      st.execute();
      while (st.fetch()) {
        if (std::find(buyer_offences_.begin(), buyer_offences_.end(), offence) ==
            buyer_offences_.end()) {
          continue;
        }
        std::optional<std::string> key =
            key_of({municipality, operation_id, name, FromUnixMicros(at)});
        if (key) groups[*key][kBuyersReported] += 1;
      }
    }
    if (scope.group_by == GroupBy::kMunicipality) {
      std::string code, name;
      soci::statement st = (sql.prepare << "SELECT code, short_name FROM municipalities",
                            soci::into(code), soci::into(name));
      st.execute();
      while (st.fetch()) {
        auto it = labels.find(code);
        if (it != labels.end()) it->second = name;
      }
    }
    return Status::Ok();
  }));
  // The operation's own row exists even before anything was recorded.
  if (scope.operation_id && groups.empty()) {
    std::string id = std::to_string(*scope.operation_id);
    groups[std::string(12 - std::min<std::size_t>(12, id.size()), '0') + id] = Values{};
  }

  // Lay out the table: rows, then the total row.
  Numbers out;
  out.group_by = scope.group_by;
  out.suppressed = suppress;
  out.min_cell = min_cell_;
  out.columns = NumberColumns();
  stats::CountTable table;
  Values total{};
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& [key, values] : groups) {
    std::string shown = key;
    if (scope.group_by == GroupBy::kOperation) shown = std::to_string(std::stoll(key));
    keys.emplace_back(shown, labels[key].empty() ? shown : labels[key]);
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      table.cells.push_back(values[c]);
      total[c] += values[c];
    }
  }
  for (std::size_t c = 0; c < kColumnCount; ++c) table.cells.push_back(total[c]);
  const std::size_t rows = groups.size();
  auto cell = [](std::size_t row, std::size_t column) { return row * kColumnCount + column; };
  for (std::size_t r = 0; r <= rows; ++r) {
    // Contacts are the sum of sellers, buyers and relatives.
    table.lines.push_back({cell(r, kSellers), cell(r, kBuyers), cell(r, kRelatives),
                           cell(r, kContacts)});
  }
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    std::vector<std::size_t> line;
    for (std::size_t r = 0; r <= rows; ++r) line.push_back(cell(r, c));
    table.lines.push_back(line);
  }
  const std::vector<bool> hidden =
      suppress ? stats::Suppress(table, min_cell_) : std::vector<bool>(table.cells.size(), false);
  auto row_of = [&](std::size_t r) {
    NumbersRow row;
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      const std::size_t i = cell(r, c);
      row.values.push_back(hidden[i] ? std::nullopt : std::optional<int64_t>(table.cells[i]));
    }
    return row;
  };
  for (std::size_t r = 0; r < rows; ++r) {
    NumbersRow row = row_of(r);
    row.key = keys[r].first;
    row.label = keys[r].second;
    out.rows.push_back(std::move(row));
  }
  out.total = row_of(rows);
  out.total.key = "total";
  out.total.label = "total";
  return out;
}

}  // namespace sv::reports
