#pragma once
// The social-services compartment: contacts, support offers, referrals, follow-ups and consents.
// A record belongs to the compartment of the unit of the worker who made it ("social:<unit id>");
// only that unit's social workers and case officers reach it (Policy: kRecordSupport,
// kReadSupport). Every call asks the policy first; every write and every read of a record writes
// the audit trail in the same transaction as the access; a refusal is audited in a transaction of
// its own. Reads give a purpose from configuration. Each call is one transaction: nothing is
// half-written. Creates take an optional idempotency key (store/idempotency.h). Thread-safe.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "security/policy.h"
#include "security/principal.h"
#include "support/support.h"

namespace soci {
class session;
}
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

namespace sv::support {

namespace detail {
struct ContactRow;
}

class SupportRegister {
 public:
  // `offer_kinds`: configuration `support.offers` (kinds of offers and referrals); `purposes`:
  // configuration `security.read_purposes`.
  SupportRegister(store::Database& database, const Clock& clock, const security::Policy& policy,
                  security::AuditLog& audit, const security::FieldCipher& cipher,
                  persons::PersonRegister& persons, std::vector<std::string> offer_kinds,
                  std::vector<std::string> purposes,
                  disclosure::ConcernReports* concerns = nullptr);

  // Contacts. A contact on an operation needs the operation active or debriefed with the
  // caller's unit taking part (kConflict "operation_not_open", kForbidden, kNotFound naming
  // `operation_id`). With an identity number the person is found in, or added to, the unit's
  // person register. kInvalidInput names the field: role, identity_number, age, age_band,
  // language, notes, occurred_at.
  Result<Created<Contact>> CreateContact(const security::Principal& who, const NewContact& contact,
                                         const std::string& idempotency_key,
                                         const security::RequestContext& ctx);
  // The caller's unit's contacts (without offers etc.), newest first: those of one operation, or
  // the latest kMaxListedContacts without `operation_id`.
  Result<std::vector<Contact>> ListContacts(const security::Principal& who,
                                            std::optional<int64_t> operation_id,
                                            const std::string& purpose,
                                            const security::RequestContext& ctx);
  // A contact with its offers, referrals (with transitions), follow-ups and consents.
  Result<ContactFile> GetContact(const security::Principal& who, int64_t id,
                                 const std::string& purpose, const security::RequestContext& ctx);
  Result<Contact> UpdateContact(const security::Principal& who, int64_t id,
                                const ContactChanges& changes, const security::RequestContext& ctx);

  // Support offers: `kind` from `offer_kinds`, `answer` accepted/declined/later; the answer can
  // be changed later.
  Result<Created<Offer>> AddOffer(const security::Principal& who, int64_t contact_id,
                                  const NewOffer& offer, const std::string& idempotency_key,
                                  const security::RequestContext& ctx);
  Result<Offer> AnswerOffer(const security::Principal& who, int64_t offer_id,
                            const std::string& answer, const security::RequestContext& ctx);

  // Referrals, made in state sent. Move moves one along ReferralTransitionAllowed (kConflict
  // "transition_not_allowed" naming the current state otherwise); declined needs a `reason`.
  Result<Created<Referral>> AddReferral(const security::Principal& who, int64_t contact_id,
                                        const NewReferral& referral,
                                        const std::string& idempotency_key,
                                        const security::RequestContext& ctx);
  Result<Referral> MoveReferral(const security::Principal& who, int64_t referral_id,
                                const std::string& to, const std::string& reason,
                                const security::RequestContext& ctx);
  // The start page: open referrals (sent, accepted) the caller made in the unit, by due date;
  // with `overdue_only` those due before today in Sweden.
  Result<std::vector<Referral>> OpenReferrals(const security::Principal& who, bool overdue_only,
                                              const security::RequestContext& ctx);

  // Follow-ups, assigned to a social worker or case officer of the contact's unit (default the
  // caller). An outcome marks one done; a done one is not changed again (kConflict).
  Result<Created<FollowUp>> AddFollowUp(const security::Principal& who, int64_t contact_id,
                                        const NewFollowUp& follow_up,
                                        const std::string& idempotency_key,
                                        const security::RequestContext& ctx);
  Result<FollowUp> RecordOutcome(const security::Principal& who, int64_t follow_up_id,
                                 const std::string& outcome, const security::RequestContext& ctx);
  // The start page: open follow-ups assigned to the caller, by due date; with `overdue_only`
  // those due before today in Sweden.
  Result<std::vector<FollowUp>> OpenFollowUps(const security::Principal& who, bool overdue_only,
                                              const security::RequestContext& ctx);

  // Consents, given now; a withdrawn consent stays on record with its withdrawal (withdrawing
  // twice is kConflict).
  Result<Created<Consent>> AddConsent(const security::Principal& who, int64_t contact_id,
                                      const NewConsent& consent, const std::string& idempotency_key,
                                      const security::RequestContext& ctx);
  Result<Consent> WithdrawConsent(const security::Principal& who, int64_t consent_id,
                                  const security::RequestContext& ctx);

  const std::vector<std::string>& offer_kinds() const { return offer_kinds_; }
  const std::vector<std::string>& purposes() const { return purposes_; }

  static constexpr int kMaxListedContacts = 500;

 private:
  // What a denial or an access is about, for the audit trail.
  struct Target {
    std::string action;       // "create", "read", "update", …
    std::string record_type;  // "contact", "offer", "referral", "follow_up", "consent"
    std::string record_id;    // "" for a record not yet made
  };
  // Runs `work` in one transaction after finding the contact that `contact_of` names (kNotFound
  // when there is none) and asking the policy for `what` on its compartment. A role without `what`
  // anywhere is refused before anything is read. A refusal — the policy's, or a kForbidden `work`
  // returns — rolls back and is then audited as `target`.
  Status WithContact(const security::Principal& who, security::Permission what,
                     const Target& target, const security::RequestContext& ctx,
                     const std::function<Result<int64_t>(soci::session&)>& contact_of,
                     const std::function<Status(soci::session&, const detail::ContactRow&)>& work);
  // Audits a refusal (own transaction) and returns the kForbidden for it.
  Status Deny(const security::Principal& who, const Status& refusal, const Target& target,
              const std::string& compartment, const security::RequestContext& ctx);
  Status Deny(const security::Principal& who, const security::Decision& decision,
              const Target& target, const std::string& compartment,
              const security::RequestContext& ctx);
  Status CheckPurpose(const std::string& purpose) const;
  Status CheckKind(const std::string& kind) const;
  // The caller's own compartment, asked for `what`; refusals audited as `target`.
  Status AuthorizeOwn(const security::Principal& who, security::Permission what,
                      const Target& target, const security::RequestContext& ctx);
  Status Audit(soci::session& sql, const security::Principal& who, const Target& target,
               const std::string& compartment, const std::string& purpose,
               const std::string& detail, const security::RequestContext& ctx);

  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
  const security::FieldCipher& cipher_;
  persons::PersonRegister& persons_;
  std::vector<std::string> offer_kinds_;
  std::vector<std::string> purposes_;
  // Opens a concern-report task for a person who may be a child; absent in tests that do not
  // need it.
  disclosure::ConcernReports* concerns_;
};

// For the disclosure feature, inside its transaction: whether the person of contact
// `contact_id` has a consent of `scope` that is not withdrawn. Asks no policy and writes no audit:
// the caller does both for the disclosure it records.
Result<bool> HasActiveConsent(soci::session& sql, int64_t contact_id, ConsentScope scope);

}  // namespace sv::support
