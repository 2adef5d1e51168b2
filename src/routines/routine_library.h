#pragma once
// Written routines as versioned documents (routine_document.h), kept by units: the regional
// coordination keeps the library shared by the region's municipalities; a police unit or a
// municipality's social services keeps its own, often adopted from the library and adapted.
// Editing adds a version; every version stays readable. Everyone who works with operations in
// the county reads the county's routines; a unit's coordinator, commander or case officer writes
// its own. Writes and refusals are audited. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"
#include "routines/routine_document.h"
#include "security/identity.h"
#include "security/policy.h"
#include "security/principal.h"

namespace soci {
class session;
}
namespace sv::store {
class Database;
}
namespace sv::security {
class AuditLog;
}

namespace sv::routines {

struct Step {
  int64_t id = 0;
  int position = 0;
  Phase phase = Phase::kBefore;
  Agency agency = Agency::kBoth;
  bool required = false;
  std::string text;
};

struct RoutineVersion {
  int64_t id = 0;
  int64_t routine_id = 0;
  int version = 0;
  std::string title;
  CivilDate valid_from;
  std::string source;       // the document as written
  std::string description;  // its free text
  TimePoint created_at{};
  std::string created_by_name;
  std::vector<Step> steps;
};

struct RoutineSummary {
  int64_t id = 0;
  int64_t owner_unit_id = 0;
  std::string owner_unit_name;
  security::UnitKind owner_kind = security::UnitKind::kRegion;
  std::string title;  // of the latest version
  int latest_version = 0;
  CivilDate valid_from;
  std::optional<int64_t> adopted_from_routine;
  std::optional<int> adopted_from_version;
  bool may_edit = false;
  TimePoint updated_at{};
};

// How often a step (the same text in the same phase, across versions) was marked as a deviation.
struct StepDeviations {
  Phase phase = Phase::kBefore;
  std::string text;
  bool required = false;
  int64_t operations = 0;  // checklists that had the step
  int64_t deviations = 0;
  std::vector<std::string> reasons;  // newest first
};

// The same step across versions: its phase and its text with case and spacing normalised.
std::string StepKey(Phase phase, std::string_view text);

class RoutineLibrary {
 public:
  RoutineLibrary(store::Database& database, const Clock& clock, const security::Policy& policy,
                 security::AuditLog& audit);

  // The routines of units in the principal's county, the region's library first.
  Result<std::vector<RoutineSummary>> List(const security::Principal& who,
                                           const security::RequestContext& ctx);
  // A new routine of the principal's unit, version 1 from `source`.
  Result<RoutineVersion> Create(const security::Principal& who, const std::string& source,
                                const security::RequestContext& ctx);
  // The next version of routine `id` from `source`.
  Result<RoutineVersion> Revise(const security::Principal& who, int64_t id,
                                const std::string& source, const security::RequestContext& ctx);
  // Version `version` of routine `id` (0: the latest), with its steps.
  Result<RoutineVersion> Version(const security::Principal& who, int64_t id, int version,
                                 const security::RequestContext& ctx);
  // Every version of routine `id`, newest first, without steps.
  Result<std::vector<RoutineVersion>> Versions(const security::Principal& who, int64_t id,
                                               const security::RequestContext& ctx);
  // A copy of routine `id`'s latest version as a new routine of the principal's unit (version
  // 1), which the unit then adapts.
  Result<RoutineVersion> Adopt(const security::Principal& who, int64_t id,
                               const security::RequestContext& ctx);
  // Deviations per step of routine `id` across all operations that followed any of its versions,
  // most deviated first.
  Result<std::vector<StepDeviations>> Deviations(const security::Principal& who, int64_t id,
                                                 const security::RequestContext& ctx);

  // The routine shipped with the product: a template each municipality adapts.
  static std::string_view Template();

 private:
  struct Owner;
  // The routine's owner, after checking that the principal may `what` it; refusals audited.
  Result<Owner> Authorize(const security::Principal& who, int64_t id, security::Permission what,
                          const std::string& action, const security::RequestContext& ctx);
  Status Deny(const security::Principal& who, const std::string& reason, const std::string& action,
              int64_t id, const security::RequestContext& ctx);
  Result<RoutineVersion> AddVersion(const security::Principal& who, std::optional<int64_t> id,
                                    const std::string& source, const std::string& action,
                                    std::optional<std::pair<int64_t, int>> adopted_from,
                                    const security::RequestContext& ctx);

  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
};

// Reads version `version_id` with its steps inside the caller's transaction.
std::optional<RoutineVersion> LoadVersion(soci::session& sql, int64_t version_id);

}  // namespace sv::routines
