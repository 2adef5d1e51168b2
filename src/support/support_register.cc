// SupportRegister: what all calls share (policy, audit, idempotency), and contacts. Offers and
// referrals are in referrals.cc, follow-ups and consents in follow_ups.cc.

#include "support/support_register.h"

#include <algorithm>
#include <functional>

#include <soci/soci.h>

#include "disclosure/concern_reports.h"
#include "ops/operation_book.h"
#include "persons/age.h"
#include "persons/person_register.h"
#include "security/audit.h"
#include "security/field_cipher.h"
#include "store/database.h"
#include "support/detail/records.h"

namespace sv::support {

using security::AuditEvent;
using security::Compartment;
using security::Permission;
using security::Principal;
using security::RecordScope;
using security::RequestContext;

namespace {

constexpr const char* kReplayDetail = "returned to a retried request (same idempotency key)";

// The caller's own compartment for the audit trail, or "" for a role without one.
std::string OwnCompartment(const Principal& who) {
  return security::Policy::CompartmentOfRole(who.user.role) == Compartment::kSocial
             ? security::CompartmentId(Compartment::kSocial, who.unit.id)
             : "";
}

bool IsLanguageCode(const std::string& code) {
  return code.size() >= 2 && code.size() <= 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

Status CheckLanguage(const std::string& language) {
  if (!language.empty() && !IsLanguageCode(language)) {
    return Status::InvalidInput(
        "must be an ISO 639 language code of 2 or 3 lower-case letters, such as \"sv\" or \"ro\"",
        "language");
  }
  return {};
}

Status CheckNotes(const std::string& notes) {
  if (notes.size() > kMaxNotesBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxNotesBytes) + " bytes", "notes");
  }
  return {};
}

}  // namespace

SupportRegister::SupportRegister(store::Database& database, const Clock& clock,
                                 const security::Policy& policy, security::AuditLog& audit,
                                 const security::FieldCipher& cipher,
                                 persons::PersonRegister& persons,
                                 std::vector<std::string> offer_kinds,
                                 std::vector<std::string> purposes,
                                 disclosure::ConcernReports* concerns)
    : database_(database),
      clock_(clock),
      policy_(policy),
      audit_(audit),
      cipher_(cipher),
      persons_(persons),
      offer_kinds_(std::move(offer_kinds)),
      purposes_(std::move(purposes)),
      concerns_(concerns) {}

Status SupportRegister::CheckPurpose(const std::string& purpose) const {
  return persons::CheckReadPurpose(purposes_, purpose);
}

Status SupportRegister::CheckKind(const std::string& kind) const {
  if (kind.empty()) return Status::InvalidInput("is required", "kind");
  if (std::find(offer_kinds_.begin(), offer_kinds_.end(), kind) == offer_kinds_.end()) {
    std::string known;
    for (const std::string& k : offer_kinds_) known += (known.empty() ? "" : ", ") + k;
    return Status::InvalidInput(
        "\"" + kind + "\" is not a configured kind of support (" + known + ")", "kind");
  }
  return {};
}

Status SupportRegister::Audit(soci::session& sql, const Principal& who, const Target& target,
                              const std::string& compartment, const std::string& purpose,
                              const std::string& detail, const RequestContext& ctx) {
  AuditEvent e =
      security::EventBy(who, target.action, target.record_type, target.record_id, compartment, ctx);
  e.purpose = purpose;
  e.detail = detail;
  Result<AuditEvent> logged = audit_.Append(sql, std::move(e));
  return logged.ok() ? Status::Ok() : logged.status();
}

Status SupportRegister::Deny(const Principal& who, const Status& refusal, const Target& target,
                             const std::string& compartment, const RequestContext& ctx) {
  AuditEvent e =
      security::EventBy(who, "denied", target.record_type, target.record_id, compartment, ctx);
  e.outcome = "denied";
  e.detail = target.action + ": " + refusal.message();
  // Outside any transaction of this call (SQLite would wait for its own write lock). The refusal
  // stands even when the audit cannot be written.
  (void)audit_.Append(std::move(e));
  return refusal;
}

Status SupportRegister::Deny(const Principal& who, const security::Decision& decision,
                             const Target& target, const std::string& compartment,
                             const RequestContext& ctx) {
  Status refused = Status::Forbidden(decision.reason);
  if (!decision.remedy.empty()) refused = refused.WithReason(decision.remedy);
  return Deny(who, refused, target, compartment, ctx);
}

Status SupportRegister::AuthorizeOwn(const Principal& who, Permission what, const Target& target,
                                     const RequestContext& ctx) {
  const security::Decision decision =
      policy_.Decide(who, what, RecordScope{Compartment::kSocial, who.unit.id});
  if (!decision.allowed) return Deny(who, decision, target, OwnCompartment(who), ctx);
  return {};
}

Status SupportRegister::WithContact(
    const Principal& who, Permission what, const Target& target, const RequestContext& ctx,
    const std::function<Result<int64_t>(soci::session&)>& contact_of,
    const std::function<Status(soci::session&, const detail::ContactRow&)>& work) {
  // A role that may not do this in any compartment learns nothing, not even whether the record
  // exists.
  const security::Decision role_decision = policy_.Decide(who, what);
  if (!role_decision.allowed) return Deny(who, role_decision, target, "", ctx);
  std::optional<security::Decision> refused;
  std::string compartment;
  Status done = database_.InTransaction([&](soci::session& sql) -> Status {
    Result<int64_t> contact_id = contact_of(sql);
    if (!contact_id.ok()) return contact_id.status();
    detail::ContactRow row;
    if (!detail::LoadContactRow(sql, *contact_id, row)) {
      return Status::NotFound("no contact with id " + std::to_string(*contact_id));
    }
    compartment = row.CompartmentId();
    const security::Decision decision = policy_.Decide(who, what, row.Scope());
    if (!decision.allowed) {
      refused = decision;
      return Status::Forbidden(decision.reason);
    }
    return work(sql, row);
  });
  // Refusals are audited after the rollback, in their own transaction.
  if (refused) return Deny(who, *refused, target, compartment, ctx);
  if (done.code() == StatusCode::kForbidden) return Deny(who, done, target, compartment, ctx);
  return done;
}

Result<Created<Contact>> SupportRegister::CreateContact(const Principal& who, const NewContact& in,
                                                        const std::string& idempotency_key,
                                                        const RequestContext& ctx) {
  const Target target{"create", "contact", ""};
  SV_RETURN_IF_ERROR(AuthorizeOwn(who, Permission::kRecordSupport, target, ctx));
  const std::optional<ContactRole> role = ParseContactRole(in.role);
  if (!role) return Status::InvalidInput("must be seller, buyer or relative", "role");
  std::optional<std::string> given_band;
  if (!in.age_band.empty()) given_band = in.age_band;
  SV_RETURN_IF_ERROR(persons::ResolveAge(in.age, given_band).status());
  SV_RETURN_IF_ERROR(CheckLanguage(in.language));
  SV_RETURN_IF_ERROR(CheckNotes(in.notes));
  const TimePoint now = clock_.Now();
  const TimePoint occurred = in.occurred_at.value_or(now);
  if (occurred > now + kMaxClockSkew) {
    return Status::InvalidInput("must not be in the future", "occurred_at");
  }

  const std::string compartment = security::CompartmentId(Compartment::kSocial, who.unit.id);
  Created<Contact> out;
  detail::ContactRow row;
  Status done = database_.InTransaction([&](soci::session& sql) -> Status {
    std::optional<long long> person_id;
    std::optional<int> age = in.age;
    if (!in.identity_number.empty()) {
      Result<persons::PersonRegister::PersonRef> person =
          persons_.EnsureByIdentityNumber(sql, who, in.identity_number, "identity_number", ctx);
      if (!person.ok()) return person.status();
      person_id = person->id;
      if (!age) age = person->age;
    }
    // The age an identity number gives is checked against a given band like a given age (a
    // number can be older than the oldest age one may type).
    std::optional<int> checked = age;
    if (checked) checked = std::min(*checked, persons::kMaxAge);
    Result<persons::Age> resolved = persons::ResolveAge(checked, given_band);
    if (!resolved.ok()) return resolved.status();
    std::string band = resolved->band;

    // The request without its free text and identity number, which must not be stored in the
    // clear: the person (found again by the number's pseudonym) stands for the number, and the
    // notes are compared with the stored record on a replay.
    detail::Fingerprint fingerprint;
    fingerprint.Add("role", in.role);
    fingerprint.Maybe("operation_id", in.operation_id).Maybe("person_id", person_id);
    fingerprint.Maybe("age", in.age).Add("age_band", in.age_band).Add("language", in.language);
    fingerprint.Add("interpreter", in.interpreter ? "true" : "false");
    if (in.occurred_at) {
      fingerprint.Add("occurred_at", static_cast<long long>(ToUnixMicros(*in.occurred_at)));
    } else {
      fingerprint.Absent("occurred_at");
    }
    Result<std::optional<int64_t>> earlier =
        detail::ClaimKey(sql, who, idempotency_key, "contact", fingerprint, now);
    if (!earlier.ok()) return earlier.status();
    if (*earlier) {
      if (!detail::LoadContactRow(sql, **earlier, row)) {
        return Status::Internal("the contact of an idempotency key is missing");
      }
      if (row.unit_id != who.unit.id) {
        return Status::Forbidden("the record belongs to another compartment (" +
                                 row.CompartmentId() + ")");
      }
      Result<Contact> stored = detail::ToContact(row, cipher_);
      if (!stored.ok()) return stored.status();
      if (stored->notes != in.notes) return detail::KeyReused();
      out.created = false;
      return Audit(sql, who, {"read", "contact", std::to_string(row.id)}, compartment, "",
                   kReplayDetail, ctx);
    }

    // The child's municipality, as far as known: the operation's, or the unit's own.
    std::string municipality = who.unit.municipality_code;
    if (in.operation_id) {
      Result<ops::OperationForRecords> operation =
          ops::OperationOpenForRecords(sql, policy_, who, *in.operation_id);
      if (!operation.ok()) return operation.status();
      municipality = operation->municipality_code;
    }
    const long long unit_id = who.unit.id;
    const long long operation_id = in.operation_id.value_or(0);
    soci::indicator operation_ind = in.operation_id ? soci::i_ok : soci::i_null;
    const long long person = person_id.value_or(0);
    soci::indicator person_ind = person_id ? soci::i_ok : soci::i_null;
    const long long age_value = age.value_or(0);
    soci::indicator age_ind = age ? soci::i_ok : soci::i_null;
    const std::string role_code(ContactRoleName(*role));
    soci::indicator language_ind = in.language.empty() ? soci::i_null : soci::i_ok;
    const long long interpreter = in.interpreter ? 1 : 0;
    const std::string notes_enc =
        in.notes.empty() ? std::string() : cipher_.Encrypt(in.notes, detail::kNotesData);
    soci::indicator notes_ind = in.notes.empty() ? soci::i_null : soci::i_ok;
    const long long occurred_at = ToUnixMicros(occurred);
    const long long at = ToUnixMicros(now);
    const long long created_by = who.user.id;
    long long id = 0;
    sql << "INSERT INTO contacts (operation_id, unit_id, role, person_id, age, age_band, "
           "language, interpreter, notes_enc, occurred_at, created_at, created_by, updated_at) "
           "VALUES (:op, :u, :role, :p, :age, :band, :lang, :interp, :notes, :occ, :now, :by, "
           ":now2) RETURNING id",
        soci::use(operation_id, operation_ind), soci::use(unit_id), soci::use(role_code),
        soci::use(person, person_ind), soci::use(age_value, age_ind), soci::use(band),
        soci::use(in.language, language_ind), soci::use(interpreter),
        soci::use(notes_enc, notes_ind), soci::use(occurred_at), soci::use(at),
        soci::use(created_by), soci::use(at), soci::into(id);
    SV_RETURN_IF_ERROR(detail::CompleteKey(sql, who, idempotency_key, id));
    if (concerns_ != nullptr && persons::MayBeAChild(*resolved)) {
      Result<int64_t> task = concerns_->OpenTaskIn(
          sql, who, {"contact", id, in.operation_id, municipality, band}, ctx);
      if (!task.ok()) return task.status();
    }
    if (!detail::LoadContactRow(sql, id, row)) return Status::Internal("contact vanished");
    const std::string where = in.operation_id ? "on operation " + std::to_string(*in.operation_id)
                                              : "outside an operation";
    return Audit(sql, who, {"create", "contact", std::to_string(id)}, compartment, "",
                 role_code + ", " + where, ctx);
  });
  // A refusal from inside (the operation is not one the unit takes part in) is audited after the
  // rollback.
  if (done.code() == StatusCode::kForbidden) return Deny(who, done, target, compartment, ctx);
  SV_RETURN_IF_ERROR(done);
  Result<Contact> contact = detail::ToContact(row, cipher_);
  if (!contact.ok()) return contact.status();
  out.record = std::move(*contact);
  return out;
}

Result<std::vector<Contact>> SupportRegister::ListContacts(const Principal& who,
                                                           std::optional<int64_t> operation_id,
                                                           const std::string& purpose,
                                                           const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(CheckPurpose(purpose));
  SV_RETURN_IF_ERROR(AuthorizeOwn(who, Permission::kReadSupport, {"read", "contact", ""}, ctx));
  const std::string compartment = security::CompartmentId(Compartment::kSocial, who.unit.id);
  const std::string detail = operation_id
                                 ? "in the list of operation " + std::to_string(*operation_id)
                                 : "in the list of the unit's latest contacts";
  std::vector<Contact> out;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    std::optional<long long> op;
    if (operation_id) op = *operation_id;
    Result<std::vector<Contact>> contacts =
        detail::SelectContacts(sql, cipher_, who.unit.id, op, kMaxListedContacts);
    if (!contacts.ok()) return contacts.status();
    out = std::move(*contacts);
    // Each record shown is a read of it: the record's own audit page lists it.
    for (const Contact& c : out) {
      SV_RETURN_IF_ERROR(Audit(sql, who, {"read", "contact", std::to_string(c.id)}, compartment,
                               purpose, detail, ctx));
    }
    return Status::Ok();
  }));
  return out;
}

Result<ContactFile> SupportRegister::GetContact(const Principal& who, int64_t id,
                                                const std::string& purpose,
                                                const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(CheckPurpose(purpose));
  const Target target{"read", "contact", std::to_string(id)};
  const CivilDate today = SwedishDate(clock_.Now());
  ContactFile file;
  SV_RETURN_IF_ERROR(WithContact(
      who, Permission::kReadSupport, target, ctx, [id](soci::session&) { return id; },
      [&](soci::session& sql, const detail::ContactRow& row) -> Status {
        Result<Contact> contact = detail::ToContact(row, cipher_);
        if (!contact.ok()) return contact.status();
        file.contact = std::move(*contact);
        file.offers = detail::SelectOffers(sql, "contact_id", row.id);
        Result<std::vector<Referral>> referrals =
            detail::SelectReferrals(sql, cipher_, "contact_id", row.id);
        if (!referrals.ok()) return referrals.status();
        file.referrals = std::move(*referrals);
        Result<std::vector<FollowUp>> follow_ups =
            detail::SelectFollowUps(sql, cipher_, "contact_id", row.id, today);
        if (!follow_ups.ok()) return follow_ups.status();
        file.follow_ups = std::move(*follow_ups);
        file.consents = detail::SelectConsents(sql, "contact_id", row.id);
        return Audit(sql, who, target, row.CompartmentId(), purpose, "", ctx);
      }));
  return file;
}

Result<Contact> SupportRegister::UpdateContact(const Principal& who, int64_t id,
                                               const ContactChanges& changes,
                                               const RequestContext& ctx) {
  const Target target{"update", "contact", std::to_string(id)};
  Contact updated;
  SV_RETURN_IF_ERROR(WithContact(
      who, Permission::kRecordSupport, target, ctx, [id](soci::session&) { return id; },
      [&](soci::session& sql, const detail::ContactRow& row) -> Status {
        if (changes.language) SV_RETURN_IF_ERROR(CheckLanguage(*changes.language));
        if (changes.notes) SV_RETURN_IF_ERROR(CheckNotes(*changes.notes));
        const long long row_id = row.id;
        std::string changed;
        if (changes.language) {
          soci::indicator ind = changes.language->empty() ? soci::i_null : soci::i_ok;
          sql << "UPDATE contacts SET language = :v WHERE id = :id",
              soci::use(*changes.language, ind), soci::use(row_id);
          changed += " language";
        }
        if (changes.interpreter) {
          const long long v = *changes.interpreter ? 1 : 0;
          sql << "UPDATE contacts SET interpreter = :v WHERE id = :id", soci::use(v),
              soci::use(row_id);
          changed += " interpreter";
        }
        if (changes.notes) {
          const std::string sealed =
              changes.notes->empty() ? "" : cipher_.Encrypt(*changes.notes, detail::kNotesData);
          soci::indicator ind = changes.notes->empty() ? soci::i_null : soci::i_ok;
          sql << "UPDATE contacts SET notes_enc = :v WHERE id = :id", soci::use(sealed, ind),
              soci::use(row_id);
          changed += " notes";
        }
        const long long now = ToUnixMicros(clock_.Now());
        sql << "UPDATE contacts SET updated_at = :now WHERE id = :id", soci::use(now),
            soci::use(row_id);
        detail::ContactRow reloaded;
        if (!detail::LoadContactRow(sql, row_id, reloaded)) {
          return Status::Internal("contact vanished");
        }
        Result<Contact> contact = detail::ToContact(reloaded, cipher_);
        if (!contact.ok()) return contact.status();
        updated = std::move(*contact);
        return Audit(sql, who, target, row.CompartmentId(), "",
                     changed.empty() ? "no fields" : "changed:" + changed, ctx);
      }));
  return updated;
}

Result<bool> HasActiveConsent(soci::session& sql, int64_t contact_id, ConsentScope scope) {
  const long long contact = contact_id;
  const std::string code(ConsentScopeName(scope));
  long long count = 0;
  sql << "SELECT COUNT(*) FROM consents WHERE contact_id = :c AND scope = :s AND "
         "withdrawn_at IS NULL",
      soci::use(contact), soci::use(code), soci::into(count);
  return count > 0;
}

}  // namespace sv::support
