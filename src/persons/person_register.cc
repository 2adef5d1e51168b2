#include "persons/person_register.h"

#include <algorithm>
#include <ctime>
#include <functional>

#include <soci/soci.h>

#include "security/audit.h"
#include "security/field_cipher.h"
#include "security/identity_number.h"
#include "security/pseudonym.h"
#include "security/refusal.h"
#include "store/database.h"

namespace sv::persons {
namespace {

using security::AuditEvent;
using security::Compartment;
using security::Permission;
using security::Principal;
using security::RecordScope;
using security::RequestContext;

constexpr std::string_view kNameData = "persons.name";
constexpr std::string_view kNotesData = "persons.notes";
constexpr const char* kColumns =
    "id, unit_id, compartment, person_key, name_enc, notes_enc, birth_year, created_at, "
    "updated_at";

// One row of `persons`, read through typed buffers (integers as long long for both databases).
struct Row {
  long long id = 0, unit_id = 0, created_at = 0, updated_at = 0;
  std::string compartment, person_key, name_enc, notes_enc;
  int birth_year = 0;
  soci::indicator key_ind = soci::i_null, name_ind = soci::i_null, notes_ind = soci::i_null,
                  year_ind = soci::i_null;

  RecordScope Scope() const {
    return {security::ParseCompartment(compartment).value_or(Compartment::kSocial), unit_id};
  }
};

// Reads the row with id `id`; false when there is none.
bool LoadRow(soci::session& sql, long long id, Row& r) {
  sql << "SELECT " << kColumns << " FROM persons WHERE id = :id", soci::use(id),
      soci::into(r.id), soci::into(r.unit_id), soci::into(r.compartment),
      soci::into(r.person_key, r.key_ind), soci::into(r.name_enc, r.name_ind),
      soci::into(r.notes_enc, r.notes_ind), soci::into(r.birth_year, r.year_ind),
      soci::into(r.created_at), soci::into(r.updated_at);
  return sql.got_data();
}

int CurrentYear(TimePoint now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

AuditEvent EventFor(const Principal& who, std::string action, const std::string& record_id,
                    const std::string& compartment, const RequestContext& ctx) {
  AuditEvent e;
  e.user_id = who.user.id;
  e.username = who.user.username;
  e.unit_id = who.unit.id;
  e.action = std::move(action);
  e.record_type = "person";
  e.record_id = record_id;
  e.compartment = compartment;
  e.outcome = "ok";
  e.request_id = ctx.request_id;
  e.client = ctx.client;
  return e;
}

Status Appended(const Result<AuditEvent>& r) { return r.ok() ? Status::Ok() : r.status(); }

std::string CompartmentIdOf(const Row& row) {
  const RecordScope scope = row.Scope();
  return security::CompartmentId(scope.compartment, scope.unit_id);
}

// Loads record `id` and asks the policy for `what` on it. kNotFound when there is none; a refusal
// goes to `deny` (which audits it) with the record's compartment.
Result<Row> LoadAuthorized(
    store::Database& database, const security::Policy& policy, const Principal& who, int64_t id,
    Permission what,
    const std::function<Status(const security::Decision&, const std::string&)>& deny) {
  Row row;
  bool found = false;
  SV_RETURN_IF_ERROR(database.InReadTransaction([&](soci::session& sql) -> Status {
    found = LoadRow(sql, id, row);
    return Status::Ok();
  }));
  if (!found) return Status::NotFound("no person with id " + std::to_string(id));
  const security::Decision decision = policy.Decide(who, what, row.Scope());
  if (!decision.allowed) return deny(decision, CompartmentIdOf(row));
  return row;
}

}  // namespace

PersonRegister::PersonRegister(store::Database& database, const Clock& clock,
                               const security::Policy& policy, security::AuditLog& audit,
                               const security::FieldCipher& cipher,
                               const security::Pseudonymizer& pseudonyms,
                               std::vector<std::string> purposes)
    : database_(database),
      clock_(clock),
      policy_(policy),
      audit_(audit),
      cipher_(cipher),
      pseudonyms_(pseudonyms),
      purposes_(std::move(purposes)) {}

Status CheckReadPurpose(const std::vector<std::string>& purposes, const std::string& purpose) {
  if (purpose.empty()) {
    return Status::InvalidInput("a read of person-level data needs a purpose", "purpose");
  }
  if (std::find(purposes.begin(), purposes.end(), purpose) == purposes.end()) {
    return Status::InvalidInput("unknown purpose \"" + purpose + "\"", "purpose");
  }
  return {};
}

Status PersonRegister::CheckPurpose(const std::string& purpose) const {
  return CheckReadPurpose(purposes_, purpose);
}

Status PersonRegister::Deny(const Principal& who, const security::Decision& decision,
                            const std::string& action, const std::string& record_id,
                            const std::string& compartment, const RequestContext& ctx) {
  return security::RefuseAndAudit(audit_, EventFor(who, action, record_id, compartment, ctx),
                                  decision);
}

namespace {

Status CheckText(const NewPerson& p) {
  if (p.name.size() > kMaxNameBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxNameBytes) + " bytes", "name");
  }
  if (p.notes.size() > kMaxNotesBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxNotesBytes) + " bytes", "notes");
  }
  return {};
}

Status CheckBirthYear(const std::optional<int>& year, TimePoint now) {
  if (year && (*year < 1900 || *year > CurrentYear(now))) {
    return Status::InvalidInput("a birth year between 1900 and this year", "birth_year");
  }
  return {};
}

}  // namespace

namespace {

// Decrypts a row into a Person.
Result<Person> ToPerson(const Row& row, const security::FieldCipher& cipher) {
  Person p;
  p.id = row.id;
  p.compartment = row.Scope().compartment;
  p.unit_id = row.unit_id;
  p.has_identity_number = row.key_ind == soci::i_ok;
  if (row.name_ind == soci::i_ok) {
    Result<std::string> name = cipher.Decrypt(row.name_enc, kNameData);
    if (!name.ok()) return name.status();
    p.name = *name;
  }
  if (row.notes_ind == soci::i_ok) {
    Result<std::string> notes = cipher.Decrypt(row.notes_enc, kNotesData);
    if (!notes.ok()) return notes.status();
    p.notes = *notes;
  }
  if (row.year_ind == soci::i_ok) p.birth_year = row.birth_year;
  p.created_at = FromUnixMicros(row.created_at);
  p.updated_at = FromUnixMicros(row.updated_at);
  return p;
}

}  // namespace

Result<PersonRegister::Created> PersonRegister::Create(const Principal& who,
                                                       const NewPerson& person,
                                                       const RequestContext& ctx) {
  const security::Decision decision = policy_.Decide(who, Permission::kCreatePerson);
  const auto compartment = security::Policy::CompartmentOfRole(who.user.role);
  if (!decision.allowed || !compartment) {
    return Deny(who, decision, "create", "", "", ctx);
  }
  const std::string compartment_id = security::CompartmentId(*compartment, who.unit.id);
  SV_RETURN_IF_ERROR(CheckText(person));
  SV_RETURN_IF_ERROR(CheckBirthYear(person.birth_year, clock_.Now()));
  std::string key;
  soci::indicator key_ind = soci::i_null;
  if (!person.identity_number.empty()) {
    Result<security::IdentityNumber> number =
        security::ParseIdentityNumber(person.identity_number, clock_.Now());
    if (!number.ok()) return number.status();
    key = pseudonyms_.PersonKey(compartment_id, *number);
    key_ind = soci::i_ok;
  }
  const std::string name_enc = cipher_.Encrypt(person.name, kNameData);
  const std::string notes_enc = cipher_.Encrypt(person.notes, kNotesData);

  Created out{};
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long unit_id = who.unit.id;
    if (key_ind == soci::i_ok) {
      long long existing = 0;
      sql << "SELECT id FROM persons WHERE unit_id = :u AND person_key = :k", soci::use(unit_id),
          soci::use(key), soci::into(existing);
      if (sql.got_data()) {
        Row row;
        LoadRow(sql, existing, row);
        out.created = false;
        out.person.id = row.id;
        AuditEvent e = EventFor(who, "read", std::to_string(row.id), compartment_id, ctx);
        e.detail = "existing record returned when registering the same identity number";
        return Appended(audit_.Append(sql, std::move(e)));
      }
    }
    const long long now = ToUnixMicros(clock_.Now());
    const long long created_by = who.user.id;
    const std::string comp(security::CompartmentName(*compartment));
    int year = person.birth_year.value_or(0);
    soci::indicator year_ind = person.birth_year ? soci::i_ok : soci::i_null;
    long long id = 0;
    sql << "INSERT INTO persons (unit_id, compartment, person_key, name_enc, notes_enc, "
           "birth_year, created_at, created_by, updated_at) VALUES (:u, :c, :k, :n, :notes, "
           ":y, :now, :by, :now2) RETURNING id",
        soci::use(unit_id), soci::use(comp), soci::use(key, key_ind), soci::use(name_enc),
        soci::use(notes_enc), soci::use(year, year_ind), soci::use(now), soci::use(created_by),
        soci::use(now), soci::into(id);
    out.created = true;
    out.person.id = id;
    AuditEvent e = EventFor(who, "create", std::to_string(id), compartment_id, ctx);
    return Appended(audit_.Append(sql, std::move(e)));
  }));
  // Read back what is stored (decrypted); the access is audited above.
  Row row;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    return LoadRow(sql, out.person.id, row) ? Status::Ok() : Status::NotFound("no such person");
  }));
  Result<Person> stored = ToPerson(row, cipher_);
  if (!stored.ok()) return stored.status();
  out.person = std::move(*stored);
  return out;
}


namespace {

// Whole years between the birth date of a canonical number (YYYYMMDD…, a coordination number's
// day + 60) and `now`.
int AgeOn(const security::IdentityNumber& number, TimePoint now) {
  const std::string& c = number.canonical;
  const int year = std::stoi(c.substr(0, 4));
  const int month = std::stoi(c.substr(4, 2));
  int day = std::stoi(c.substr(6, 2));
  if (number.coordination) day -= 60;
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  int age = tm.tm_year + 1900 - year;
  if (tm.tm_mon + 1 < month || (tm.tm_mon + 1 == month && tm.tm_mday < day)) --age;
  return age;
}

}  // namespace

Result<std::string> PersonRegister::NameIn(soci::session& sql, int64_t id) const {
  Row row;
  if (!LoadRow(sql, id, row)) return Status::NotFound("no person with id " + std::to_string(id));
  Result<Person> person = ToPerson(row, cipher_);
  if (!person.ok()) return person.status();
  return person->name;
}

Result<PersonRegister::PersonRef> PersonRegister::EnsureByIdentityNumber(
    soci::session& sql, const Principal& who, const std::string& identity_number,
    const std::string& field, const RequestContext& ctx) {
  const security::Decision decision = policy_.Decide(who, Permission::kCreatePerson);
  const auto compartment = security::Policy::CompartmentOfRole(who.user.role);
  // Callers ask for their own record's permission (which implies this one) before their
  // transaction; a refusal here rolls the transaction back, so it cannot be audited in it.
  if (!decision.allowed || !compartment) return Status::Forbidden(decision.reason);
  Result<security::IdentityNumber> number =
      security::ParseIdentityNumber(identity_number, clock_.Now());
  if (!number.ok()) return Status::InvalidInput(number.status().message(), field);
  const std::string compartment_id = security::CompartmentId(*compartment, who.unit.id);
  const std::string key = pseudonyms_.PersonKey(compartment_id, *number);
  PersonRef ref;
  ref.age = AgeOn(*number, clock_.Now());
  const long long unit_id = who.unit.id;
  long long existing = 0;
  sql << "SELECT id FROM persons WHERE unit_id = :u AND person_key = :k", soci::use(unit_id),
      soci::use(key), soci::into(existing);
  if (sql.got_data()) {
    ref.id = existing;
    return ref;  // the record that refers to the person is audited by its own service
  }
  const long long now = ToUnixMicros(clock_.Now());
  const long long created_by = who.user.id;
  const std::string comp(security::CompartmentName(*compartment));
  const int year = std::stoi(number->canonical.substr(0, 4));
  long long id = 0;
  sql << "INSERT INTO persons (unit_id, compartment, person_key, birth_year, created_at, "
         "created_by, updated_at) VALUES (:u, :c, :k, :y, :now, :by, :now2) RETURNING id",
      soci::use(unit_id), soci::use(comp), soci::use(key), soci::use(year), soci::use(now),
      soci::use(created_by), soci::use(now), soci::into(id);
  ref.id = id;
  ref.created = true;
  AuditEvent e = EventFor(who, "create", std::to_string(id), compartment_id, ctx);
  e.detail = "registered by identity number with a record that refers to the person";
  SV_RETURN_IF_ERROR(Appended(audit_.Append(sql, std::move(e))));
  return ref;
}

Result<Person> PersonRegister::Get(const Principal& who, int64_t id, const std::string& purpose,
                                   const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(CheckPurpose(purpose));
  Result<Row> loaded = LoadAuthorized(
      database_, policy_, who, id, Permission::kReadPerson,
      [&](const security::Decision& d, const std::string& compartment) {
        return Deny(who, d, "read", std::to_string(id), compartment, ctx);
      });
  if (!loaded.ok()) return loaded.status();
  Row row = std::move(*loaded);
  const std::string compartment_id = CompartmentIdOf(row);
  Result<Person> person = ToPerson(row, cipher_);
  if (!person.ok()) return person.status();
  AuditEvent e = EventFor(who, "read", std::to_string(id), compartment_id, ctx);
  e.purpose = purpose;
  Result<AuditEvent> logged = audit_.Append(std::move(e));
  if (!logged.ok()) return logged.status();  // no audit, no read
  return person;
}

Result<std::optional<Person>> PersonRegister::FindByIdentityNumber(
    const Principal& who, const std::string& identity_number, const std::string& purpose,
    const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(CheckPurpose(purpose));
  const auto compartment = security::Policy::CompartmentOfRole(who.user.role);
  const security::Decision decision =
      compartment ? policy_.Decide(who, Permission::kReadPerson,
                                   RecordScope{*compartment, who.unit.id})
                  : policy_.Decide(who, Permission::kReadPerson);
  if (!decision.allowed || !compartment) return Deny(who, decision, "search", "", "", ctx);
  Result<security::IdentityNumber> number =
      security::ParseIdentityNumber(identity_number, clock_.Now());
  if (!number.ok()) return number.status();
  const std::string compartment_id = security::CompartmentId(*compartment, who.unit.id);
  const std::string key = pseudonyms_.PersonKey(compartment_id, *number);
  std::optional<Person> found;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long unit_id = who.unit.id;
    long long id = 0;
    sql << "SELECT id FROM persons WHERE unit_id = :u AND person_key = :k", soci::use(unit_id),
        soci::use(key), soci::into(id);
    AuditEvent e = EventFor(who, "search", "", compartment_id, ctx);
    e.purpose = purpose;
    e.detail = "by identity number";
    if (sql.got_data()) {
      Row row;
      LoadRow(sql, id, row);
      Result<Person> person = ToPerson(row, cipher_);
      if (!person.ok()) return person.status();
      found = std::move(*person);
      e.record_id = std::to_string(id);
    } else {
      e.outcome = "not_found";
    }
    return Appended(audit_.Append(sql, std::move(e)));
  }));
  return found;
}

Result<Person> PersonRegister::Update(const Principal& who, int64_t id,
                                      const PersonChanges& changes, const RequestContext& ctx) {
  Result<Row> loaded = LoadAuthorized(
      database_, policy_, who, id, Permission::kUpdatePerson,
      [&](const security::Decision& d, const std::string& compartment) {
        return Deny(who, d, "update", std::to_string(id), compartment, ctx);
      });
  if (!loaded.ok()) return loaded.status();
  Row row = std::move(*loaded);
  const std::string compartment_id = CompartmentIdOf(row);
  NewPerson text{"", changes.name.value_or(""), changes.notes.value_or(""), std::nullopt};
  SV_RETURN_IF_ERROR(CheckText(text));
  SV_RETURN_IF_ERROR(CheckBirthYear(changes.birth_year, clock_.Now()));

  std::string changed;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long now = ToUnixMicros(clock_.Now());
    const long long row_id = id;
    if (changes.name) {
      const std::string sealed = cipher_.Encrypt(*changes.name, kNameData);
      sql << "UPDATE persons SET name_enc = :v WHERE id = :id", soci::use(sealed),
          soci::use(row_id);
      changed += "name ";
    }
    if (changes.notes) {
      const std::string sealed = cipher_.Encrypt(*changes.notes, kNotesData);
      sql << "UPDATE persons SET notes_enc = :v WHERE id = :id", soci::use(sealed),
          soci::use(row_id);
      changed += "notes ";
    }
    if (changes.birth_year) {
      const int year = *changes.birth_year;
      sql << "UPDATE persons SET birth_year = :v WHERE id = :id", soci::use(year),
          soci::use(row_id);
      changed += "birth_year ";
    }
    sql << "UPDATE persons SET updated_at = :now WHERE id = :id", soci::use(now),
        soci::use(row_id);
    if (!LoadRow(sql, row_id, row)) return Status::NotFound("no such person");
    AuditEvent e = EventFor(who, "update", std::to_string(id), compartment_id, ctx);
    e.detail = changed.empty() ? "no fields" : "changed: " + changed;
    return Appended(audit_.Append(sql, std::move(e)));
  }));
  return ToPerson(row, cipher_);
}

Result<std::vector<AuditEvent>> PersonRegister::History(const Principal& who, int64_t id,
                                                        const RequestContext& ctx) {
  Result<Row> loaded = LoadAuthorized(
      database_, policy_, who, id, Permission::kReadRecordAudit,
      [&](const security::Decision& d, const std::string& compartment) {
        return Deny(who, d, "read_audit", std::to_string(id), compartment, ctx);
      });
  if (!loaded.ok()) return loaded.status();
  Row row = std::move(*loaded);
  const std::string compartment_id = CompartmentIdOf(row);
  AuditEvent e = EventFor(who, "read_audit", std::to_string(id), compartment_id, ctx);
  Result<AuditEvent> logged = audit_.Append(std::move(e));
  if (!logged.ok()) return logged.status();
  return audit_.ForRecord("person", std::to_string(id));
}

}  // namespace sv::persons
