#pragma once
// The police compartment's records of an operation: encounters with buyers, people who sell and
// others, with a suspected offence and a case number. An encounter belongs to the compartment of
// the recording officer's unit; the person, when the identity number is known, is a record of
// that unit's person register (only its pseudonym is kept). Every call asks the Policy and writes
// the audit trail in the same transaction; each call is one transaction. Thread-safe.

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
namespace sv::persons {
class PersonRegister;
}
namespace sv::disclosure {
class ConcernReports;
}

namespace sv::police {

struct Encounter {
  int64_t id = 0;
  int64_t operation_id = 0;
  int64_t unit_id = 0;
  std::string role;  // buyer, seller, other
  std::optional<int64_t> person_id;
  std::optional<int> age;
  std::string age_band;
  std::optional<std::string> offence;  // a code of configuration `police.offences`
  std::optional<std::string> case_number;
  std::string notes;
  TimePoint occurred_at{};
  TimePoint created_at{};
  int64_t created_by = 0;
};

struct NewEncounter {
  std::string role;
  std::string identity_number;  // optional
  std::optional<int> age;
  std::optional<std::string> age_band;
  std::optional<std::string> offence;
  std::optional<std::string> case_number;
  std::string notes;
  std::optional<TimePoint> occurred_at;  // default: now
};

// An absent field stays; an empty offence or case number clears it.
struct EncounterChanges {
  std::optional<std::string> offence;
  std::optional<std::string> case_number;
  std::optional<std::string> notes;
};

inline constexpr std::size_t kMaxCaseNumberBytes = 40;
inline constexpr std::size_t kMaxEncounterNotesBytes = 20000;

class EncounterRegister {
 public:
  // `offences`: configuration `police.offences`; `purposes`: `security.read_purposes`.
  EncounterRegister(store::Database& database, const Clock& clock, const security::Policy& policy,
                    security::AuditLog& audit, const security::FieldCipher& cipher,
                    persons::PersonRegister& persons, std::vector<std::string> offences,
                    std::vector<std::string> purposes,
                    disclosure::ConcernReports* concerns = nullptr);

  struct Recorded {
    Encounter encounter;
    bool created = true;  // false: a retry with the same idempotency key
  };
  // On operation `operation_id`, which the officer's unit takes part in and which is active or
  // debriefed (kConflict "operation_not_open" otherwise).
  Result<Recorded> Record(const security::Principal& who, int64_t operation_id,
                          const NewEncounter& encounter, const std::string& idempotency_key,
                          const security::RequestContext& ctx);
  // The encounters of the principal's unit on an operation (a person-level read: purpose).
  Result<std::vector<Encounter>> ListForOperation(const security::Principal& who,
                                                  int64_t operation_id,
                                                  const std::string& purpose,
                                                  const security::RequestContext& ctx);
  Result<Encounter> Get(const security::Principal& who, int64_t id, const std::string& purpose,
                        const security::RequestContext& ctx);
  Result<Encounter> Update(const security::Principal& who, int64_t id,
                           const EncounterChanges& changes, const security::RequestContext& ctx);

  const std::vector<std::string>& offences() const { return offences_; }

 private:
  Status Deny(const security::Principal& who, const security::Decision& decision,
              const std::string& action, const std::string& record_id,
              const std::string& compartment, const security::RequestContext& ctx);
  Status CheckOffence(const std::optional<std::string>& offence) const;

  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
  const security::FieldCipher& cipher_;
  persons::PersonRegister& persons_;
  std::vector<std::string> offences_;
  std::vector<std::string> purposes_;
  // Opens a concern-report task for a person who may be a child; absent in tests that do not
  // need it.
  disclosure::ConcernReports* concerns_;
};

}  // namespace sv::police
