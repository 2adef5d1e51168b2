#include "support/detail/records.h"

#include "security/field_cipher.h"
#include "store/idempotency.h"

namespace sv::support::detail {
namespace {

constexpr const char* kContactColumns =
    "id, unit_id, operation_id, role, person_id, age, age_band, language, interpreter, notes_enc, "
    "occurred_at, created_at, created_by, updated_at";

// Binds the columns of kContactColumns to `r`.
void IntoContact(soci::details::prepare_temp_type& p, ContactRow& r) {
  p, soci::into(r.id), soci::into(r.unit_id), soci::into(r.operation_id, r.operation_ind),
      soci::into(r.role), soci::into(r.person_id, r.person_ind), soci::into(r.age, r.age_ind),
      soci::into(r.age_band), soci::into(r.language, r.language_ind), soci::into(r.interpreter),
      soci::into(r.notes_enc, r.notes_ind), soci::into(r.occurred_at), soci::into(r.created_at),
      soci::into(r.created_by), soci::into(r.updated_at);
}

Result<std::string> Decrypt(const security::FieldCipher& cipher, const std::string& sealed,
                            std::string_view associated_data) {
  Result<std::string> plain = cipher.Decrypt(sealed, associated_data);
  if (!plain.ok()) {
    // A value that does not open is damage or tampering, not the caller's mistake.
    return Status::Internal("a stored " + std::string(associated_data) +
                            " value does not decrypt: " + plain.status().message());
  }
  return plain;
}

Result<CivilDate> StoredDate(const std::string& text, const char* column) {
  Result<CivilDate> d = ParseDate(text, column);
  if (!d.ok()) return Status::Internal(std::string("a stored ") + column + " is not a date");
  return d;
}

template <typename E>
E StoredCode(std::optional<E> parsed, E fallback) {
  // The CHECK constraints of the tables hold the codes to the known ones.
  return parsed.value_or(fallback);
}

}  // namespace

std::string ContactRow::CompartmentId() const {
  return security::CompartmentId(security::Compartment::kSocial, unit_id);
}

CivilDate ContactRow::Date() const { return SwedishDate(FromUnixMicros(occurred_at)); }

bool LoadContactRow(soci::session& sql, long long id, ContactRow& row) {
  soci::details::prepare_temp_type p =
      (sql.prepare << "SELECT " << kContactColumns << " FROM contacts WHERE id = :id");
  IntoContact(p, row);
  p, soci::use(id);
  soci::statement st(p);
  return st.execute(true);
}

Result<Contact> ToContact(const ContactRow& row, const security::FieldCipher& cipher) {
  Contact c;
  c.id = row.id;
  if (row.operation_ind == soci::i_ok) c.operation_id = row.operation_id;
  c.unit_id = row.unit_id;
  c.role = StoredCode(ParseContactRole(row.role), ContactRole::kSeller);
  if (row.person_ind == soci::i_ok) c.person_id = row.person_id;
  if (row.age_ind == soci::i_ok) c.age = static_cast<int>(row.age);
  c.age_band = row.age_band;
  if (row.language_ind == soci::i_ok) c.language = row.language;
  c.interpreter = row.interpreter != 0;
  if (row.notes_ind == soci::i_ok) {
    Result<std::string> notes = Decrypt(cipher, row.notes_enc, kNotesData);
    if (!notes.ok()) return notes.status();
    c.notes = std::move(*notes);
  }
  c.occurred_at = FromUnixMicros(row.occurred_at);
  c.created_at = FromUnixMicros(row.created_at);
  c.created_by = row.created_by;
  c.updated_at = FromUnixMicros(row.updated_at);
  return c;
}

Result<std::vector<Contact>> SelectContacts(soci::session& sql, const security::FieldCipher& cipher,
                                            long long unit_id,
                                            std::optional<long long> operation_id, int limit) {
  ContactRow row;
  const long long op = operation_id.value_or(0);
  const long long max = limit;
  soci::details::prepare_temp_type p =
      (sql.prepare << "SELECT " << kContactColumns << " FROM contacts WHERE unit_id = :u"
                   << (operation_id ? " AND operation_id = :op" : "")
                   << " ORDER BY occurred_at DESC, id DESC LIMIT :max");
  IntoContact(p, row);
  p, soci::use(unit_id);
  if (operation_id) p, soci::use(op);
  p, soci::use(max);
  soci::statement st(p);
  st.execute();
  std::vector<Contact> out;
  while (st.fetch()) {
    Result<Contact> c = ToContact(row, cipher);
    if (!c.ok()) return c.status();
    out.push_back(std::move(*c));
  }
  return out;
}

std::vector<Offer> SelectOffers(soci::session& sql, const char* column, long long value) {
  long long id = 0, contact_id = 0, created_at = 0, created_by = 0, updated_at = 0;
  std::string kind, answer;
  soci::statement st =
      (sql.prepare << "SELECT id, contact_id, kind, answer, created_at, created_by, updated_at "
                      "FROM support_offers WHERE "
                   << column << " = :v ORDER BY id",
       soci::into(id), soci::into(contact_id), soci::into(kind), soci::into(answer),
       soci::into(created_at), soci::into(created_by), soci::into(updated_at), soci::use(value));
  st.execute();
  std::vector<Offer> out;
  while (st.fetch()) {
    Offer o;
    o.id = id;
    o.contact_id = contact_id;
    o.kind = kind;
    o.answer = StoredCode(ParseOfferAnswer(answer), OfferAnswer::kLater);
    o.created_at = FromUnixMicros(created_at);
    o.created_by = created_by;
    o.updated_at = FromUnixMicros(updated_at);
    out.push_back(std::move(o));
  }
  return out;
}

namespace {

Result<std::vector<ReferralTransition>> SelectTransitions(soci::session& sql,
                                                          const security::FieldCipher& cipher,
                                                          long long referral_id) {
  long long at = 0, user_id = 0;
  std::string from, to, reason;
  soci::indicator reason_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT from_state, to_state, reason, at, user_id FROM referral_transitions "
                      "WHERE referral_id = :r ORDER BY id",
       soci::into(from), soci::into(to), soci::into(reason, reason_ind), soci::into(at),
       soci::into(user_id), soci::use(referral_id));
  st.execute();
  std::vector<ReferralTransition> out;
  while (st.fetch()) {
    ReferralTransition t;
    t.from = StoredCode(ParseReferralState(from), ReferralState::kSent);
    t.to = StoredCode(ParseReferralState(to), ReferralState::kSent);
    if (reason_ind == soci::i_ok) {
      Result<std::string> plain = Decrypt(cipher, reason, kTransitionReasonData);
      if (!plain.ok()) return plain.status();
      t.reason = std::move(*plain);
    }
    t.at = FromUnixMicros(at);
    t.user_id = user_id;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

Result<std::vector<Referral>> SelectReferrals(soci::session& sql,
                                              const security::FieldCipher& cipher,
                                              const char* column, long long value) {
  long long id = 0, contact_id = 0, created_at = 0, created_by = 0, updated_at = 0;
  std::string kind, state, reason, due_on;
  soci::indicator reason_ind = soci::i_null, due_ind = soci::i_null;
  std::vector<Referral> out;
  {
    soci::statement st =
        (sql.prepare << "SELECT id, contact_id, kind, state, decline_reason, due_on, created_at, "
                        "created_by, updated_at FROM referrals WHERE "
                     << column << " = :v ORDER BY id",
         soci::into(id), soci::into(contact_id), soci::into(kind), soci::into(state),
         soci::into(reason, reason_ind), soci::into(due_on, due_ind), soci::into(created_at),
         soci::into(created_by), soci::into(updated_at), soci::use(value));
    st.execute();
    while (st.fetch()) {
      Referral r;
      r.id = id;
      r.contact_id = contact_id;
      r.kind = kind;
      r.state = StoredCode(ParseReferralState(state), ReferralState::kSent);
      if (reason_ind == soci::i_ok) {
        Result<std::string> plain = Decrypt(cipher, reason, kDeclineReasonData);
        if (!plain.ok()) return plain.status();
        r.decline_reason = std::move(*plain);
      }
      if (due_ind == soci::i_ok) {
        Result<CivilDate> d = StoredDate(due_on, "due_on");
        if (!d.ok()) return d.status();
        r.due_on = *d;
      }
      r.created_at = FromUnixMicros(created_at);
      r.created_by = created_by;
      r.updated_at = FromUnixMicros(updated_at);
      out.push_back(std::move(r));
    }
  }
  // After the first statement is done: one session runs one statement at a time.
  for (Referral& r : out) {
    Result<std::vector<ReferralTransition>> transitions = SelectTransitions(sql, cipher, r.id);
    if (!transitions.ok()) return transitions.status();
    r.transitions = std::move(*transitions);
  }
  return out;
}

Result<std::vector<FollowUp>> SelectFollowUps(soci::session& sql,
                                              const security::FieldCipher& cipher,
                                              const char* column, long long value,
                                              const CivilDate& today) {
  long long id = 0, contact_id = 0, assigned_to = 0, done_at = 0, done_by = 0, created_at = 0,
            created_by = 0;
  std::string due_on, outcome;
  soci::indicator outcome_ind = soci::i_null, done_ind = soci::i_null, by_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT id, contact_id, due_on, assigned_to, outcome_enc, done_at, done_by, "
                      "created_at, created_by FROM follow_ups WHERE "
                   << column << " = :v ORDER BY due_on, id",
       soci::into(id), soci::into(contact_id), soci::into(due_on), soci::into(assigned_to),
       soci::into(outcome, outcome_ind), soci::into(done_at, done_ind), soci::into(done_by, by_ind),
       soci::into(created_at), soci::into(created_by), soci::use(value));
  st.execute();
  std::vector<FollowUp> out;
  while (st.fetch()) {
    FollowUp f;
    f.id = id;
    f.contact_id = contact_id;
    Result<CivilDate> d = StoredDate(due_on, "due_on");
    if (!d.ok()) return d.status();
    f.due_on = *d;
    f.assigned_to = assigned_to;
    if (outcome_ind == soci::i_ok) {
      Result<std::string> plain = Decrypt(cipher, outcome, kOutcomeData);
      if (!plain.ok()) return plain.status();
      f.outcome = std::move(*plain);
    }
    if (done_ind == soci::i_ok) f.done_at = FromUnixMicros(done_at);
    if (by_ind == soci::i_ok) f.done_by = done_by;
    f.overdue = !f.done_at && f.due_on < today;
    f.created_at = FromUnixMicros(created_at);
    f.created_by = created_by;
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Consent> SelectConsents(soci::session& sql, const char* column, long long value) {
  long long id = 0, contact_id = 0, given_at = 0, recorded_by = 0, withdrawn_at = 0,
            withdrawn_by = 0;
  std::string scope, form;
  soci::indicator withdrawn_ind = soci::i_null, by_ind = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT id, contact_id, scope, form, given_at, recorded_by, withdrawn_at, "
                      "withdrawn_by FROM consents WHERE "
                   << column << " = :v ORDER BY id",
       soci::into(id), soci::into(contact_id), soci::into(scope), soci::into(form),
       soci::into(given_at), soci::into(recorded_by), soci::into(withdrawn_at, withdrawn_ind),
       soci::into(withdrawn_by, by_ind), soci::use(value));
  st.execute();
  std::vector<Consent> out;
  while (st.fetch()) {
    Consent c;
    c.id = id;
    c.contact_id = contact_id;
    c.scope = StoredCode(ParseConsentScope(scope), ConsentScope::kStatistics);
    c.form = StoredCode(ParseConsentForm(form), ConsentForm::kOral);
    c.given_at = FromUnixMicros(given_at);
    c.recorded_by = recorded_by;
    if (withdrawn_ind == soci::i_ok) c.withdrawn_at = FromUnixMicros(withdrawn_at);
    if (by_ind == soci::i_ok) c.withdrawn_by = withdrawn_by;
    out.push_back(std::move(c));
  }
  return out;
}

Result<int64_t> ContactOf(soci::session& sql, const char* table, const char* what, long long id) {
  long long contact_id = 0;
  sql << "SELECT contact_id FROM " << table << " WHERE id = :id", soci::use(id),
      soci::into(contact_id);
  if (!sql.got_data())
    return Status::NotFound("no " + std::string(what) + " with id " + std::to_string(id));
  return static_cast<int64_t>(contact_id);
}

Fingerprint& Fingerprint::Add(std::string_view name, std::string_view value) {
  text_.append(name).append("=").append(std::to_string(value.size())).append(":");
  text_.append(value).append(";");
  return *this;
}

Fingerprint& Fingerprint::Add(std::string_view name, long long value) {
  return Add(name, std::to_string(value));
}

Fingerprint& Fingerprint::Absent(std::string_view name) {
  text_.append(name).append("=-;");
  return *this;
}

Result<std::optional<int64_t>> ClaimKey(soci::session& sql, const security::Principal& who,
                                        const std::string& key, const std::string& scope,
                                        const Fingerprint& fingerprint, TimePoint now) {
  if (key.empty()) return std::optional<int64_t>();
  Result<store::IdempotencyClaim> claim = store::ClaimIdempotencyKey(
      sql, who.user.id, key, scope, fingerprint.str(), ToUnixMicros(now));
  if (!claim.ok()) return claim.status();
  if (!claim->replay) return std::optional<int64_t>();
  return claim->record_id;
}

Status CompleteKey(soci::session& sql, const security::Principal& who, const std::string& key,
                   int64_t record_id) {
  if (key.empty()) return Status::Ok();
  return store::CompleteIdempotencyKey(sql, who.user.id, key, record_id);
}

Status KeyReused() {
  return Status::Conflict(
             "this key was already used for a different request; use a new key for a new submit",
             "Idempotency-Key")
      .WithReason("idempotency_key_reused");
}

}  // namespace sv::support::detail
