#pragma once
// The support module's rows: how its records are read from the database and decrypted. Only the
// module's own .cc files include this (it includes SOCI).

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"
#include "security/policy.h"
#include "security/principal.h"
#include "support/support.h"

namespace sv::security {
class FieldCipher;
}

namespace sv::support::detail {

// Associated data of the encrypted columns: a value copied into another column does not decrypt.
inline constexpr std::string_view kNotesData = "contacts.notes";
inline constexpr std::string_view kOutcomeData = "follow_ups.outcome";
inline constexpr std::string_view kDeclineReasonData = "referrals.decline_reason";
inline constexpr std::string_view kTransitionReasonData = "referral_transitions.reason";

// One row of `contacts`, through typed buffers (integers as long long for both databases).
struct ContactRow {
  long long id = 0, unit_id = 0, operation_id = 0, person_id = 0, age = 0, interpreter = 0,
            occurred_at = 0, created_at = 0, created_by = 0, updated_at = 0;
  std::string role, age_band, language, notes_enc;
  soci::indicator operation_ind = soci::i_null, person_ind = soci::i_null, age_ind = soci::i_null,
                  language_ind = soci::i_null, notes_ind = soci::i_null;

  security::RecordScope Scope() const { return {security::Compartment::kSocial, unit_id}; }
  // "social:<unit id>"
  std::string CompartmentId() const;
  // The date of the contact in Sweden (due dates may not be before it).
  CivilDate Date() const;
};

// The contact `id`; false when there is none.
bool LoadContactRow(soci::session& sql, long long id, ContactRow& row);
Result<Contact> ToContact(const ContactRow& row, const security::FieldCipher& cipher);
// Contacts of `unit_id` (of operation `operation_id` when set), newest first, at most `limit`.
Result<std::vector<Contact>> SelectContacts(soci::session& sql, const security::FieldCipher& cipher,
                                            long long unit_id,
                                            std::optional<long long> operation_id, int limit);

// The records of the other tables whose `column` equals `value` ("contact_id" for those of one
// contact, "id" for one record), oldest first. `column` is one of the module's own constants,
// never input.
std::vector<Offer> SelectOffers(soci::session& sql, const char* column, long long value);
Result<std::vector<Referral>> SelectReferrals(soci::session& sql,
                                              const security::FieldCipher& cipher,
                                              const char* column, long long value);
// `today` (in Sweden) decides `overdue`.
Result<std::vector<FollowUp>> SelectFollowUps(soci::session& sql,
                                              const security::FieldCipher& cipher,
                                              const char* column, long long value,
                                              const CivilDate& today);
std::vector<Consent> SelectConsents(soci::session& sql, const char* column, long long value);

// The contact a record of `table` (support_offers, referrals, follow_ups, consents) belongs to;
// kNotFound naming `what` when there is no record `id`.
Result<int64_t> ContactOf(soci::session& sql, const char* table, const char* what, long long id);

// A canonical string of a request's fields, for idempotency keys: `name=<length>:<value>;` each,
// so no two different requests give the same string. Holds no personal data (callers leave
// identity numbers and free text out; see SupportRegister::CreateContact).
class Fingerprint {
 public:
  Fingerprint& Add(std::string_view name, std::string_view value);
  Fingerprint& Add(std::string_view name, long long value);
  // `name=-;` for an absent value, which differs from every present one.
  Fingerprint& Absent(std::string_view name);
  template <typename T>
  Fingerprint& Maybe(std::string_view name, const std::optional<T>& value) {
    return value ? Add(name, static_cast<long long>(*value)) : Absent(name);
  }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

// Claims an idempotency key (store/idempotency.h) in the transaction `sql` that makes the record;
// nothing for an empty key. Returns the id of the record an earlier request with this key made,
// if any. Record kinds name their scope "<kind>:<parent id>" ("offer:12"; "contact" has none).
Result<std::optional<int64_t>> ClaimKey(soci::session& sql, const security::Principal& who,
                                        const std::string& key, const std::string& scope,
                                        const Fingerprint& fingerprint, TimePoint now);
Status CompleteKey(soci::session& sql, const security::Principal& who, const std::string& key,
                   int64_t record_id);
// The refusal of a key used before for a different request (as store::ClaimIdempotencyKey's).
Status KeyReused();

}  // namespace sv::support::detail
