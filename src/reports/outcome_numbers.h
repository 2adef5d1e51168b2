#pragma once
// The numbers of the work: contacts, support offers and their acceptance, referrals completed and
// buyers reported, per operation, per municipality or per month. Never persons: counts only, and
// for roles without person-level access (coordinator, committee) small cells are suppressed
// (stats/suppression.h) and social-services records count only when the person consented to
// statistics (DOMAIN.md). Each principal sees its own area: police and regional units their
// county, social services and the committee their municipality. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"
#include "security/policy.h"
#include "security/principal.h"

namespace sv::store {
class Database;
}
namespace sv::security {
class AuditLog;
}
namespace sv::ops {
class OperationBook;
}

namespace sv::reports {

enum class GroupBy { kOperation, kMunicipality, kMonth };
std::string_view GroupByName(GroupBy g);
std::optional<GroupBy> ParseGroupBy(std::string_view name);

struct NumbersQuery {
  GroupBy group_by = GroupBy::kMunicipality;
  std::optional<CivilDate> from;  // Swedish dates, both included
  std::optional<CivilDate> to;
  std::string municipality_code;  // "": the whole area of the principal
};

// One row of counts; a hidden value is suppressed (and its number is not sent).
struct NumbersRow {
  std::string key;    // operation id, municipality code or YYYY-MM
  std::string label;  // operation name, municipality name or YYYY-MM
  std::vector<std::optional<int64_t>> values;
};

struct Numbers {
  GroupBy group_by = GroupBy::kMunicipality;
  bool suppressed = false;
  int64_t min_cell = 5;
  std::vector<std::string> columns;
  std::vector<NumbersRow> rows;
  NumbersRow total;
};

// The columns, in order.
const std::vector<std::string>& NumberColumns();

class OutcomeNumbers {
 public:
  // `buyer_offences`: configuration `police.buyer_offences`; `min_cell`: `statistics.min_cell`.
  OutcomeNumbers(store::Database& database, const security::Policy& policy,
                 security::AuditLog& audit, ops::OperationBook& operations,
                 std::vector<std::string> buyer_offences, int64_t min_cell);

  Result<Numbers> Query(const security::Principal& who, const NumbersQuery& query,
                        const security::RequestContext& ctx);
  // One row: operation `id`, for those who may read the operation.
  Result<Numbers> ForOperation(const security::Principal& who, int64_t id,
                               const security::RequestContext& ctx);

  const std::vector<std::string>& buyer_offences() const { return buyer_offences_; }

 private:
  struct Scope;
  Result<Numbers> Count(const security::Principal& who, const Scope& scope);
  Status Deny(const security::Principal& who, const std::string& reason,
              const security::RequestContext& ctx);

  store::Database& database_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
  ops::OperationBook& operations_;
  std::vector<std::string> buyer_offences_;
  int64_t min_cell_;
};

}  // namespace sv::reports
