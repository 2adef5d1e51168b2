#pragma once
// Legal holds (rättsligt kvarhållande; DOMAIN.md, the retention row): a record of a compartment
// that must be kept past its retention time (a pending court case, a supervisory review) is held
// by a police commander or social-services case officer of the record's own unit, with a reason.
// A held record and its dependents are never deleted by Retention; a released hold no longer
// stops anything and is deleted with the record. The reason is encrypted. Every access is decided
// by the Policy (kManageLegalHolds) and audited; refusals are audited too. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "security/policy.h"
#include "security/principal.h"

namespace sv::store {
class Database;
}
namespace sv::security {
class AuditLog;
class FieldCipher;
}  // namespace sv::security

namespace sv::disclosure {

struct LegalHold {
  int64_t id = 0;
  std::string record_type;  // "encounter", "contact"
  int64_t record_id = 0;
  security::Compartment compartment = security::Compartment::kPolice;
  int64_t unit_id = 0;
  std::string reason;
  TimePoint placed_at{};
  std::string placed_by_name;
  std::optional<TimePoint> released_at;
  std::string released_by_name;
  bool active() const { return !released_at.has_value(); }
};

inline constexpr std::size_t kMaxHoldReasonBytes = 2000;

class LegalHolds {
 public:
  LegalHolds(store::Database& database, const Clock& clock, const security::Policy& policy,
             security::AuditLog& audit, const security::FieldCipher& cipher);

  // The holds of the principal's own compartment, active ones first, newest first; with a record
  // (`record_type` "encounter" or "contact" and `record_id`) only that record's, which must exist
  // (kNotFound) and be of the own compartment (kForbidden). Both refusals are audited.
  Result<std::vector<LegalHold>> List(const security::Principal& who,
                                      const std::optional<std::string>& record_type,
                                      std::optional<int64_t> record_id,
                                      const security::RequestContext& ctx);
  // Holds a record of the own compartment. kInvalidInput names `record_type` or `reason` (empty
  // or longer than kMaxHoldReasonBytes); kNotFound and kForbidden as List.
  Result<LegalHold> Place(const security::Principal& who, const std::string& record_type,
                          int64_t record_id, const std::string& reason,
                          const security::RequestContext& ctx);
  // Releases a hold (kConflict "released" when it already is).
  Result<LegalHold> Release(const security::Principal& who, int64_t hold_id,
                            const security::RequestContext& ctx);

 private:
  struct RecordOwner {
    security::Compartment compartment;
    int64_t unit_id;
  };
  // The compartment of a record, or kNotFound; kInvalidInput for an unknown type.
  Result<RecordOwner> OwnerOf(const std::string& record_type, int64_t record_id);
  // Asks the policy for kManageLegalHolds on the record (audits and returns the refusal).
  Status Authorize(const security::Principal& who, const std::string& action,
                   const std::string& record_type, int64_t record_id, const RecordOwner& owner,
                   const security::RequestContext& ctx);
  Status Deny(const security::Principal& who, const std::string& action,
              const std::string& record_type, const std::string& record_id,
              const std::string& compartment, const Status& refusal,
              const security::RequestContext& ctx);
  Result<std::vector<LegalHold>> Load(const std::string& where, int64_t key1,
                                      const std::string& key2);

  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
  const security::FieldCipher& cipher_;
};

}  // namespace sv::disclosure
