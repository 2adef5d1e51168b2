#include "police/encounter_register.h"

#include <algorithm>

#include <soci/soci.h>

#include "disclosure/concern_reports.h"
#include "ops/operation_book.h"
#include "persons/age.h"
#include "persons/person_register.h"
#include "security/audit.h"
#include "security/field_cipher.h"
#include "security/refusal.h"
#include "store/database.h"
#include "store/idempotency.h"

namespace sv::police {

using security::AuditEvent;
using security::Compartment;
using security::Decision;
using security::Permission;
using security::Principal;
using security::RecordScope;
using security::RequestContext;

namespace {

constexpr std::string_view kNotesData = "encounters.notes";
constexpr auto kClockSlack = std::chrono::minutes(5);
constexpr const char* kColumns =
    "id, operation_id, unit_id, role, person_id, age, age_band, offence, case_number, notes_enc, "
    "occurred_at, created_at, created_by";

struct Row {
  long long id = 0, operation_id = 0, unit_id = 0, person_id = 0, occurred_at = 0, created_at = 0,
            created_by = 0;
  int age = 0;
  std::string role, age_band, offence, case_number, notes_enc;
  soci::indicator person_ind = soci::i_null, age_ind = soci::i_null, offence_ind = soci::i_null,
                  case_ind = soci::i_null, notes_ind = soci::i_null;

  template <typename Statement>
  void Bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(operation_id));
    st.exchange(soci::into(unit_id));
    st.exchange(soci::into(role));
    st.exchange(soci::into(person_id, person_ind));
    st.exchange(soci::into(age, age_ind));
    st.exchange(soci::into(age_band));
    st.exchange(soci::into(offence, offence_ind));
    st.exchange(soci::into(case_number, case_ind));
    st.exchange(soci::into(notes_enc, notes_ind));
    st.exchange(soci::into(occurred_at));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(created_by));
  }

  Result<Encounter> ToEncounter(const security::FieldCipher& cipher) const {
    Encounter e;
    e.id = id;
    e.operation_id = operation_id;
    e.unit_id = unit_id;
    e.role = role;
    if (person_ind == soci::i_ok) e.person_id = person_id;
    if (age_ind == soci::i_ok) e.age = age;
    e.age_band = age_band;
    if (offence_ind == soci::i_ok) e.offence = offence;
    if (case_ind == soci::i_ok) e.case_number = case_number;
    if (notes_ind == soci::i_ok) {
      Result<std::string> notes = cipher.Decrypt(notes_enc, kNotesData);
      if (!notes.ok()) return notes.status();
      e.notes = *notes;
    }
    e.occurred_at = FromUnixMicros(occurred_at);
    e.created_at = FromUnixMicros(created_at);
    e.created_by = created_by;
    return e;
  }
};

// The encounters matching `where` (which binds `:key`), decrypted.
Result<std::vector<Encounter>> Load(soci::session& sql, const std::string& where, long long key,
                                    long long unit, const security::FieldCipher& cipher) {
  Row r;
  soci::statement st(sql);
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + " FROM encounters WHERE " + where +
             " ORDER BY occurred_at, id");
  r.Bind(st);
  st.exchange(soci::use(key, "key"));
  if (where.find(":unit") != std::string::npos) st.exchange(soci::use(unit, "unit"));
  st.define_and_bind();
  st.execute();
  std::vector<Encounter> out;
  while (st.fetch()) {
    Result<Encounter> e = r.ToEncounter(cipher);
    if (!e.ok()) return e.status();
    out.push_back(std::move(*e));
  }
  return out;
}

std::string CompartmentOf(int64_t unit_id) {
  return security::CompartmentId(Compartment::kPolice, unit_id);
}

Status CheckCaseNumber(const std::optional<std::string>& number) {
  if (!number || number->empty()) return {};
  if (number->size() > kMaxCaseNumberBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxCaseNumberBytes) + " characters",
                                "case_number");
  }
  const bool plain = std::all_of(number->begin(), number->end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           c == '-' || c == '/' || c == ' ';
  });
  if (!plain) {
    return Status::InvalidInput("may hold letters, digits, '-', '/' and spaces (e.g. 5000-K123456-26)",
                                "case_number");
  }
  return {};
}

std::string Fingerprint(int64_t operation_id, const NewEncounter& e) {
  std::string f = std::to_string(operation_id) + "|" + e.role + "|" + e.identity_number + "|";
  f += (e.age ? std::to_string(*e.age) : "") + "|" + e.age_band.value_or("") + "|";
  f += e.offence.value_or("") + "|" + e.case_number.value_or("") + "|";
  f += (e.occurred_at ? std::to_string(ToUnixMicros(*e.occurred_at)) : "") + "|" + e.notes;
  return f;
}

}  // namespace

EncounterRegister::EncounterRegister(store::Database& database, const Clock& clock,
                                     const security::Policy& policy, security::AuditLog& audit,
                                     const security::FieldCipher& cipher,
                                     persons::PersonRegister& persons,
                                     std::vector<std::string> offences,
                                     std::vector<std::string> purposes,
                                     disclosure::ConcernReports* concerns)
    : database_(database),
      clock_(clock),
      policy_(policy),
      audit_(audit),
      cipher_(cipher),
      persons_(persons),
      offences_(std::move(offences)),
      purposes_(std::move(purposes)),
      concerns_(concerns) {}

Status EncounterRegister::Deny(const Principal& who, const Decision& decision,
                               const std::string& action, const std::string& record_id,
                               const std::string& compartment, const RequestContext& ctx) {
  return security::RefuseAndAudit(
      audit_, security::EventBy(who, action, "encounter", record_id, compartment, ctx), decision);
}

Status EncounterRegister::CheckOffence(const std::optional<std::string>& offence) const {
  if (!offence || offence->empty()) return {};
  if (std::find(offences_.begin(), offences_.end(), *offence) == offences_.end()) {
    return Status::InvalidInput("\"" + *offence + "\" is not a configured offence", "offence");
  }
  return {};
}

Result<EncounterRegister::Recorded> EncounterRegister::Record(const Principal& who,
                                                              int64_t operation_id,
                                                              const NewEncounter& encounter,
                                                              const std::string& idempotency_key,
                                                              const RequestContext& ctx) {
  const RecordScope own{Compartment::kPolice, who.unit.id};
  const Decision decision = policy_.Decide(who, Permission::kRecordEncounter, own);
  if (!decision.allowed) return Deny(who, decision, "create", "", "", ctx);
  if (encounter.role != "buyer" && encounter.role != "seller" && encounter.role != "other") {
    return Status::InvalidInput("must be buyer, seller or other", "role");
  }
  Result<persons::Age> age = persons::ResolveAge(encounter.age, encounter.age_band);
  if (!age.ok()) return age.status();
  SV_RETURN_IF_ERROR(CheckOffence(encounter.offence));
  SV_RETURN_IF_ERROR(CheckCaseNumber(encounter.case_number));
  if (encounter.notes.size() > kMaxEncounterNotesBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxEncounterNotesBytes) + " bytes",
                                "notes");
  }
  const TimePoint now = clock_.Now();
  const TimePoint occurred = encounter.occurred_at.value_or(now);
  if (occurred > now + kClockSlack) {
    return Status::InvalidInput("must not be in the future", "occurred_at");
  }
  const std::string compartment = CompartmentOf(who.unit.id);

  Recorded out;
  int64_t id = 0;
  bool operation_refused = false;
  Status written = database_.InTransaction([&](soci::session& sql) -> Status {
    Result<ops::OperationForRecords> op =
        ops::OperationOpenForRecords(sql, policy_, who, operation_id);
    if (!op.ok()) {
      operation_refused = op.status().code() == StatusCode::kForbidden;
      return op.status();
    }
    const long long now_micros = ToUnixMicros(now);
    if (!idempotency_key.empty()) {
      Result<store::IdempotencyClaim> claim = store::ClaimIdempotencyKey(
          sql, who.user.id, idempotency_key, "encounter", Fingerprint(operation_id, encounter),
          now_micros);
      if (!claim.ok()) return claim.status();
      if (claim->replay) {
        id = *claim->record_id;
        out.created = false;
        return Status::Ok();
      }
    }
    persons::Age resolved = *age;
    long long person_id = 0;
    soci::indicator person_ind = soci::i_null;
    if (!encounter.identity_number.empty()) {
      Result<persons::PersonRegister::PersonRef> person = persons_.EnsureByIdentityNumber(
          sql, who, encounter.identity_number, "identity_number", ctx);
      if (!person.ok()) return person.status();
      person_id = person->id;
      person_ind = soci::i_ok;
      if (!encounter.age) {
        Result<persons::Age> from_number = persons::ResolveAge(person->age, encounter.age_band);
        if (!from_number.ok()) return from_number.status();
        resolved = *from_number;
      }
    }
    const long long op_id = operation_id;
    const long long unit = who.unit.id;
    const long long by = who.user.id;
    const long long occurred_micros = ToUnixMicros(occurred);
    int years = resolved.years.value_or(0);
    soci::indicator years_ind = resolved.years ? soci::i_ok : soci::i_null;
    std::string offence = encounter.offence.value_or("");
    soci::indicator offence_ind = offence.empty() ? soci::i_null : soci::i_ok;
    std::string case_number = encounter.case_number.value_or("");
    soci::indicator case_ind = case_number.empty() ? soci::i_null : soci::i_ok;
    std::string notes = cipher_.Encrypt(encounter.notes, kNotesData);
    long long made = 0;
    sql << "INSERT INTO encounters (operation_id, unit_id, role, person_id, age, age_band, "
           "offence, case_number, notes_enc, occurred_at, created_at, created_by, updated_at) "
           "VALUES (:o, :u, :r, :p, :a, :b, :off, :cn, :n, :at, :now, :by, :now2) RETURNING id",
        soci::use(op_id), soci::use(unit), soci::use(encounter.role),
        soci::use(person_id, person_ind), soci::use(years, years_ind), soci::use(resolved.band),
        soci::use(offence, offence_ind), soci::use(case_number, case_ind), soci::use(notes),
        soci::use(occurred_micros), soci::use(now_micros), soci::use(by), soci::use(now_micros),
        soci::into(made);
    id = made;
    if (!idempotency_key.empty()) {
      SV_RETURN_IF_ERROR(store::CompleteIdempotencyKey(sql, who.user.id, idempotency_key, made));
    }
    if (concerns_ != nullptr && persons::MayBeAChild(resolved)) {
      Result<int64_t> task = concerns_->OpenTaskIn(
          sql, who, {"encounter", made, operation_id, op->municipality_code, resolved.band}, ctx);
      if (!task.ok()) return task.status();
    }
    AuditEvent e = security::EventBy(who, "create", "encounter", std::to_string(made),
                                     compartment, ctx);
    e.detail = "on operation " + std::to_string(operation_id);
    Result<AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  });
  if (operation_refused) {
    return Deny(who, {false, written.message(), "", false}, "create", "",
                "joint:" + std::to_string(operation_id), ctx);
  }
  SV_RETURN_IF_ERROR(written);
  // The stored record, read back for the answer (the creation above is its audit).
  Result<std::vector<Encounter>> stored = std::vector<Encounter>{};
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    stored = Load(sql, "id = :key", id, 0, cipher_);
    return Status::Ok();
  }));
  if (!stored.ok()) return stored.status();
  if (stored->empty()) return Status::Internal("the encounter was not stored");
  // A replayed key of another unit's record cannot happen: keys belong to the user.
  out.encounter = std::move(stored->front());
  return out;
}

Result<std::vector<Encounter>> EncounterRegister::ListForOperation(const Principal& who,
                                                                   int64_t operation_id,
                                                                   const std::string& purpose,
                                                                   const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(persons::CheckReadPurpose(purposes_, purpose));
  const RecordScope own{Compartment::kPolice, who.unit.id};
  const Decision decision = policy_.Decide(who, Permission::kReadEncounter, own);
  if (!decision.allowed) {
    return Deny(who, decision, "read", "", "joint:" + std::to_string(operation_id), ctx);
  }
  const std::string compartment = CompartmentOf(who.unit.id);
  Result<std::vector<Encounter>> found = std::vector<Encounter>{};
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    found = Load(sql, "operation_id = :key AND unit_id = :unit", operation_id, who.unit.id,
                 cipher_);
    if (!found.ok()) return found.status();
    AuditEvent e = security::EventBy(who, "read", "encounter", "", compartment, ctx);
    e.purpose = purpose;
    e.detail = std::to_string(found->size()) + " encounters of operation " +
               std::to_string(operation_id);
    Result<AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  return found;
}

Result<Encounter> EncounterRegister::Get(const Principal& who, int64_t id,
                                         const std::string& purpose, const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(persons::CheckReadPurpose(purposes_, purpose));
  Result<std::vector<Encounter>> found = std::vector<Encounter>{};
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    found = Load(sql, "id = :key", id, 0, cipher_);
    return Status::Ok();
  }));
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("no encounter with id " + std::to_string(id));
  Encounter encounter = std::move(found->front());
  const RecordScope scope{Compartment::kPolice, encounter.unit_id};
  const Decision decision = policy_.Decide(who, Permission::kReadEncounter, scope);
  if (!decision.allowed) {
    return Deny(who, decision, "read", std::to_string(id), CompartmentOf(encounter.unit_id), ctx);
  }
  AuditEvent e = security::EventBy(who, "read", "encounter", std::to_string(id),
                                   CompartmentOf(encounter.unit_id), ctx);
  e.purpose = purpose;
  Result<AuditEvent> logged = audit_.Append(std::move(e));
  if (!logged.ok()) return logged.status();  // no audit, no read
  return encounter;
}

Result<Encounter> EncounterRegister::Update(const Principal& who, int64_t id,
                                            const EncounterChanges& changes,
                                            const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(CheckOffence(changes.offence));
  SV_RETURN_IF_ERROR(CheckCaseNumber(changes.case_number));
  if (changes.notes && changes.notes->size() > kMaxEncounterNotesBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxEncounterNotesBytes) + " bytes",
                                "notes");
  }
  long long unit = 0;
  bool found = false;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    const long long key = id;
    sql << "SELECT unit_id FROM encounters WHERE id = :id", soci::use(key), soci::into(unit);
    found = sql.got_data();
    return Status::Ok();
  }));
  if (!found) return Status::NotFound("no encounter with id " + std::to_string(id));
  const std::string compartment = CompartmentOf(unit);
  const Decision decision =
      policy_.Decide(who, Permission::kRecordEncounter, RecordScope{Compartment::kPolice, unit});
  if (!decision.allowed) return Deny(who, decision, "update", std::to_string(id), compartment, ctx);

  Result<std::vector<Encounter>> stored = std::vector<Encounter>{};
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long key = id;
    const long long now = ToUnixMicros(clock_.Now());
    std::string changed;
    if (changes.offence) {
      std::string v = *changes.offence;
      soci::indicator ind = v.empty() ? soci::i_null : soci::i_ok;
      sql << "UPDATE encounters SET offence = :v WHERE id = :id", soci::use(v, ind),
          soci::use(key);
      changed += " offence";
    }
    if (changes.case_number) {
      std::string v = *changes.case_number;
      soci::indicator ind = v.empty() ? soci::i_null : soci::i_ok;
      sql << "UPDATE encounters SET case_number = :v WHERE id = :id", soci::use(v, ind),
          soci::use(key);
      changed += " case_number";
    }
    if (changes.notes) {
      const std::string sealed = cipher_.Encrypt(*changes.notes, kNotesData);
      sql << "UPDATE encounters SET notes_enc = :v WHERE id = :id", soci::use(sealed),
          soci::use(key);
      changed += " notes";
    }
    sql << "UPDATE encounters SET updated_at = :now WHERE id = :id", soci::use(now),
        soci::use(key);
    stored = Load(sql, "id = :key", id, 0, cipher_);
    if (!stored.ok()) return stored.status();
    AuditEvent e = security::EventBy(who, "update", "encounter", std::to_string(id), compartment,
                                     ctx);
    e.detail = changed.empty() ? "no fields" : "changed:" + changed;
    Result<AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  if (!stored.ok()) return stored.status();
  return std::move(stored->front());
}

}  // namespace sv::police
