#pragma once
// Disclosure between agencies (uppgiftslämnande; DOMAIN.md, "Rules as behaviours";
// ARCHITECTURE.md, "Compartments"): the only way person-level data crosses from one compartment
// to another. A user chooses fields of a record of their own compartment, a receiving unit, one
// legal ground from the configured closed list and a justification. The chosen fields are copied
// into a snapshot when the disclosure is made; the receiver sees exactly that snapshot, nothing
// else of the record. A ground that needs review (the general clause, OSL 10 kap. 27 §) waits for
// a second user's approval before the receiver sees anything. A disclosure on the ground of
// consent (OSL 12 kap. 2 §) needs a recorded consent that covers it and is not withdrawn, when
// made and again when approved. Every step and every refusal is audited. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
class FieldCipher;
}  // namespace sv::security

namespace sv::disclosure {

// The ground of the person's own consent, checked against recorded consents.
inline constexpr const char* kConsentGround = "osl_12_2";

struct DisclosedField {
  std::string name;   // "notes", "age", … (the web application has their texts)
  std::string value;  // as text; codes stay codes
};

// A record as its compartment holds it, with every field a disclosure may carry (the empty ones
// left out).
struct DisclosableRecord {
  security::Compartment compartment = security::Compartment::kPolice;
  int64_t unit_id = 0;
  std::vector<DisclosedField> fields;
};

// A kind of record that can be disclosed, implemented by the module that owns it (police:
// encounters, support: contacts) and handed to Disclosures by the composition root, so this
// module depends on none of them. Reads inside the caller's transaction; Disclosures decides
// access.
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  virtual std::string_view record_type() const = 0;  // "encounter", "contact"
  // kNotFound when there is no record `id`.
  virtual Result<DisclosableRecord> Load(soci::session& sql, int64_t id) const = 0;
  // A recorded, not withdrawn consent of the record's person to share it with agency `to`.
  virtual Result<std::optional<int64_t>> ConsentTo(soci::session& sql, int64_t id,
                                                   security::Compartment to) const = 0;
};

enum class DisclosureState { kAwaitingApproval, kSent, kRejected };
std::string_view DisclosureStateName(DisclosureState s);  // "awaiting_approval", "sent", …

struct Disclosure {
  int64_t id = 0;
  std::string record_type;
  int64_t record_id = 0;  // 0 in the receiver's view: the sender's record stays the sender's
  int64_t from_unit_id = 0;
  std::string from_unit_name;
  security::Compartment from_compartment = security::Compartment::kPolice;
  int64_t to_unit_id = 0;
  std::string to_unit_name;
  std::string legal_ground;
  std::string justification;
  std::optional<int64_t> consent_id;
  DisclosureState state = DisclosureState::kSent;
  bool needs_review = false;
  TimePoint requested_at{};
  int64_t requested_by = 0;
  std::string requested_by_name;
  std::optional<TimePoint> reviewed_at;
  std::string reviewed_by_name;
  std::string review_note;
  std::optional<TimePoint> sent_at;
  std::vector<DisclosedField> fields;  // the snapshot, in the order chosen
};

struct NewDisclosure {
  std::string record_type;
  int64_t record_id = 0;
  std::vector<std::string> fields;
  std::optional<int64_t> to_unit_id;
  std::string legal_ground;
  std::string justification;
};

// A record's register of disclosures, with the fields that may be disclosed from it and their
// values now (what a disclosure made now would copy).
struct RecordDisclosures {
  std::vector<DisclosedField> disclosable_fields;
  std::vector<Disclosure> disclosures;  // newest first
};

inline constexpr std::size_t kMaxJustificationBytes = 4000;
// A justification says why this disclosure is needed, in a sentence of some substance.
inline constexpr std::size_t kMinJustificationBytes = 10;

class Disclosures {
 public:
  // `grounds`, `review_grounds`: configuration `disclosure.*`. `sources` outlive this object.
  Disclosures(store::Database& database, const Clock& clock, const security::Policy& policy,
              security::AuditLog& audit, const security::FieldCipher& cipher,
              std::vector<std::string> grounds, std::vector<std::string> review_grounds,
              std::vector<const RecordSource*> sources);

  const std::vector<std::string>& grounds() const { return grounds_; }
  bool NeedsReview(std::string_view ground) const;

  // The register of one record of the principal's own compartment.
  Result<RecordDisclosures> ForRecord(const security::Principal& who,
                                      const std::string& record_type, int64_t record_id,
                                      const security::RequestContext& ctx);
  // Makes a disclosure: sent at once, or awaiting approval when its ground needs review.
  // kInvalidInput naming the field (`legal_ground`, `justification`, `fields`, `to_unit_id`,
  // `record_type`), kForbidden, kNotFound, kConflict "no_valid_consent"; every refusal audited.
  Result<Disclosure> Disclose(const security::Principal& who, const NewDisclosure& request,
                              const security::RequestContext& ctx);
  // Disclosures of the principal's unit awaiting a second user's approval (approvers only).
  Result<std::vector<Disclosure>> AwaitingApproval(const security::Principal& who,
                                                   const security::RequestContext& ctx);
  // A second user of the sending unit approves (then it is sent) or rejects, with a note.
  // kForbidden "second_approver_required" for the user who asked; kConflict "not_awaiting".
  Result<Disclosure> Approve(const security::Principal& who, int64_t id, const std::string& note,
                             const security::RequestContext& ctx);
  Result<Disclosure> Reject(const security::Principal& who, int64_t id, const std::string& note,
                            const security::RequestContext& ctx);
  // What the principal's unit received, newest first: the snapshots only.
  Result<std::vector<Disclosure>> Received(const security::Principal& who,
                                           const security::RequestContext& ctx);
  // One disclosure: in full for the sending unit, as the snapshot for the receiving unit once
  // sent; kNotFound for anyone else (audited).
  Result<Disclosure> Get(const security::Principal& who, int64_t id,
                         const security::RequestContext& ctx);

 private:
  const RecordSource* Source(const std::string& record_type) const;
  Status Refuse(const security::Principal& who, Status status, const std::string& action,
                const std::string& record, const std::string& compartment,
                const security::RequestContext& ctx);
  Result<Disclosure> Review(const security::Principal& who, int64_t id, bool approve,
                            const std::string& note, const security::RequestContext& ctx);

  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
  const security::FieldCipher& cipher_;
  std::vector<std::string> grounds_;
  std::vector<std::string> review_grounds_;
  std::vector<const RecordSource*> sources_;
};

}  // namespace sv::disclosure
