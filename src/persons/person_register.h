#pragma once
// Person records in compartments. Every call asks the Policy first and writes the audit trail in
// the same transaction as the access, so an access that cannot be audited does not happen.
// Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
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
struct AuditEvent;
class FieldCipher;
class Pseudonymizer;
}  // namespace sv::security

namespace sv::persons {

struct Person {
  int64_t id = 0;
  security::Compartment compartment = security::Compartment::kSocial;
  int64_t unit_id = 0;
  bool has_identity_number = false;
  std::string name;
  std::string notes;
  std::optional<int> birth_year;
  TimePoint created_at{};
  TimePoint updated_at{};
};

struct NewPerson {
  std::string identity_number;  // optional; validated, then only its pseudonym is kept
  std::string name;
  std::string notes;
  std::optional<int> birth_year;
};

struct PersonChanges {
  std::optional<std::string> name;
  std::optional<std::string> notes;
  std::optional<int> birth_year;
};

// Limits on free text, in bytes.
inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr std::size_t kMaxNotesBytes = 20000;

// kInvalidInput (field `purpose`) unless `purpose` is one of `purposes` (configuration
// `security.read_purposes`): every person-level read states why.
Status CheckReadPurpose(const std::vector<std::string>& purposes, const std::string& purpose);

class PersonRegister {
 public:
  PersonRegister(store::Database& database, const Clock& clock, const security::Policy& policy,
                 security::AuditLog& audit, const security::FieldCipher& cipher,
                 const security::Pseudonymizer& pseudonyms, std::vector<std::string> purposes);

  // Creates a record in the principal's own compartment, or returns the record that already has
  // this identity number there (`created` false).
  struct Created {
    Person person;
    bool created;
  };
  Result<Created> Create(const security::Principal& who, const NewPerson& person,
                         const security::RequestContext& ctx);
  // kInvalidInput without a known purpose, kNotFound, kForbidden (audited).
  Result<Person> Get(const security::Principal& who, int64_t id, const std::string& purpose,
                     const security::RequestContext& ctx);
  // The record with this identity number in the principal's own compartment, if any.
  Result<std::optional<Person>> FindByIdentityNumber(const security::Principal& who,
                                                     const std::string& identity_number,
                                                     const std::string& purpose,
                                                     const security::RequestContext& ctx);
  // For records of a compartment that name a person by identity number (encounters, contacts):
  // inside the caller's transaction `sql`, the person with that number in the principal's own
  // compartment, registered when new (birth year from the number). Asks the policy for
  // kCreatePerson and writes the audit trail in `sql`. kInvalidInput (field `field`) for a number
  // that does not validate. Callers check their own permission first (a refusal here rolls their
  // transaction back, so it is not audited).
  struct PersonRef {
    int64_t id = 0;
    bool created = false;
    int age = 0;  // whole years on the clock's today, from the number's birth date
  };
  Result<PersonRef> EnsureByIdentityNumber(soci::session& sql, const security::Principal& who,
                                           const std::string& identity_number,
                                           const std::string& field,
                                           const security::RequestContext& ctx);

  // Inside the caller's transaction, the name of person `id` ("" when none is recorded), for
  // records that refer to the person (a disclosure snapshot). Callers decide access.
  Result<std::string> NameIn(soci::session& sql, int64_t id) const;

  Result<Person> Update(const security::Principal& who, int64_t id, const PersonChanges& changes,
                        const security::RequestContext& ctx);

  // Who read or changed a record, newest first (the audit page). Needs kReadRecordAudit on the
  // record's compartment; the look itself is audited.
  Result<std::vector<security::AuditEvent>> History(const security::Principal& who, int64_t id,
                                                    const security::RequestContext& ctx);

  const std::vector<std::string>& purposes() const { return purposes_; }

 private:
  Status CheckPurpose(const std::string& purpose) const;
  Status Deny(const security::Principal& who, const security::Decision& decision,
              const std::string& action, const std::string& record_id,
              const std::string& compartment, const security::RequestContext& ctx);

  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
  const security::FieldCipher& cipher_;
  const security::Pseudonymizer& pseudonyms_;
  std::vector<std::string> purposes_;
};

}  // namespace sv::persons
