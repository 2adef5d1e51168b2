#include "disclosure/legal_holds.h"

#include <soci/soci.h>

#include "security/audit.h"
#include "security/field_cipher.h"
#include "security/refusal.h"
#include "store/database.h"

namespace sv::disclosure {

using security::Compartment;
using security::Decision;
using security::Permission;
using security::Principal;
using security::RecordScope;
using security::RequestContext;

namespace {

constexpr std::string_view kReasonData = "legal_holds.reason";

constexpr const char* kColumns =
    "h.id, h.record_type, h.record_id, h.compartment, h.unit_id, h.reason_enc, h.placed_at, "
    "pb.display_name, h.released_at, rb.display_name FROM legal_holds h "
    "JOIN users pb ON pb.id = h.placed_by LEFT JOIN users rb ON rb.id = h.released_by ";

constexpr const char* kOrder =
    " ORDER BY CASE WHEN h.released_at IS NULL THEN 0 ELSE 1 END, h.placed_at DESC, h.id DESC";

// The table of a record type that can be held; nullptr for any other type.
const char* TableOf(const std::string& record_type) {
  if (record_type == "encounter") return "encounters";
  if (record_type == "contact") return "contacts";
  return nullptr;
}

Status RecordNotFound(const std::string& record_type, int64_t record_id) {
  return Status(StatusCode::kNotFound,
                "no " + record_type + " with id " + std::to_string(record_id), "record_id");
}

Status BadRecordType() {
  return Status::InvalidInput("must be encounter or contact", "record_type");
}

}  // namespace

LegalHolds::LegalHolds(store::Database& database, const Clock& clock,
                       const security::Policy& policy, security::AuditLog& audit,
                       const security::FieldCipher& cipher)
    : database_(database), clock_(clock), policy_(policy), audit_(audit), cipher_(cipher) {}

Result<LegalHolds::RecordOwner> LegalHolds::OwnerOf(const std::string& record_type,
                                                    int64_t record_id) {
  const char* table = TableOf(record_type);
  if (table == nullptr) return BadRecordType();
  long long unit = 0;
  bool found = false;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    const long long id = record_id;
    sql << "SELECT unit_id FROM " << table << " WHERE id = :id", soci::use(id), soci::into(unit);
    found = sql.got_data();
    return Status::Ok();
  }));
  if (!found) {
    return RecordNotFound(record_type, record_id);
  }
  return RecordOwner{record_type == "encounter" ? Compartment::kPolice : Compartment::kSocial,
                     static_cast<int64_t>(unit)};
}

Status LegalHolds::Deny(const Principal& who, const std::string& action,
                        const std::string& record_type, const std::string& record_id,
                        const std::string& compartment, const Status& refusal,
                        const RequestContext& ctx) {
  return security::RefuseAndAudit(
      audit_, security::EventBy(who, action, record_type, record_id, compartment, ctx), refusal);
}

Status LegalHolds::Authorize(const Principal& who, const std::string& action,
                             const std::string& record_type, int64_t record_id,
                             const RecordOwner& owner, const RequestContext& ctx) {
  const Decision decision = policy_.Decide(who, Permission::kManageLegalHolds,
                                           RecordScope{owner.compartment, owner.unit_id});
  if (decision.allowed) return Status::Ok();
  return security::RefuseAndAudit(
      audit_,
      security::EventBy(who, action, record_type, std::to_string(record_id),
                        security::CompartmentId(owner.compartment, owner.unit_id), ctx),
      decision);
}

Result<std::vector<LegalHold>> LegalHolds::Load(const std::string& where, int64_t key1,
                                                const std::string& key2) {
  std::vector<LegalHold> out;
  SV_RETURN_IF_ERROR(database_.InReadTransaction([&](soci::session& sql) -> Status {
    long long id = 0, record_id = 0, unit = 0, placed = 0, released = 0;
    const long long k1 = key1;
    std::string type, compartment, reason_enc, placer, releaser;
    soci::indicator released_ind = soci::i_null, releaser_ind = soci::i_null;
    soci::statement st =
        (sql.prepare << "SELECT " << kColumns << where << kOrder, soci::use(k1, "k1"),
         soci::use(key2, "k2"), soci::into(id), soci::into(type), soci::into(record_id),
         soci::into(compartment), soci::into(unit), soci::into(reason_enc), soci::into(placed),
         soci::into(placer), soci::into(released, released_ind),
         soci::into(releaser, releaser_ind));
    st.execute();
    while (st.fetch()) {
      Result<std::string> reason = cipher_.Decrypt(reason_enc, kReasonData);
      if (!reason.ok()) return reason.status();
      LegalHold h;
      h.id = id;
      h.record_type = type;
      h.record_id = record_id;
      h.compartment = security::ParseCompartment(compartment).value_or(Compartment::kPolice);
      h.unit_id = unit;
      h.reason = *reason;
      h.placed_at = FromUnixMicros(placed);
      h.placed_by_name = placer;
      if (released_ind == soci::i_ok) h.released_at = FromUnixMicros(released);
      if (releaser_ind == soci::i_ok) h.released_by_name = releaser;
      out.push_back(std::move(h));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<LegalHold>> LegalHolds::List(const Principal& who,
                                                const std::optional<std::string>& record_type,
                                                std::optional<int64_t> record_id,
                                                const RequestContext& ctx) {
  if (record_type.has_value() != record_id.has_value()) {
    return Status::InvalidInput("give record_type and record_id together, or neither",
                                record_type ? "record_id" : "record_type");
  }
  std::string compartment_id;
  Result<std::vector<LegalHold>> found = std::vector<LegalHold>{};
  if (record_type) {
    if (TableOf(*record_type) == nullptr) return BadRecordType();
    Result<RecordOwner> owner = OwnerOf(*record_type, *record_id);
    if (!owner.ok()) {
      return Deny(who, "read", "legal_hold", *record_type + " " + std::to_string(*record_id), "",
                  owner.status(), ctx);
    }
    SV_RETURN_IF_ERROR(Authorize(who, "read", "legal_hold", *record_id, *owner, ctx));
    compartment_id = security::CompartmentId(owner->compartment, owner->unit_id);
    found = Load("WHERE h.record_id = :k1 AND h.record_type = :k2", *record_id, *record_type);
  } else {
    const auto own = security::Policy::CompartmentOfRole(who.user.role);
    const Decision decision =
        own ? policy_.Decide(who, Permission::kManageLegalHolds, RecordScope{*own, who.unit.id})
            : policy_.Decide(who, Permission::kManageLegalHolds);
    if (!decision.allowed || !own) {
      Status refused =
          Status::Forbidden(decision.allowed ? "the role holds no records" : decision.reason);
      return Deny(who, "read", "legal_hold", "", "", refused, ctx);
    }
    compartment_id = security::CompartmentId(*own, who.unit.id);
    found = Load("WHERE h.unit_id = :k1 AND h.compartment = :k2", who.unit.id,
                 std::string(security::CompartmentName(*own)));
  }
  if (!found.ok()) return found.status();
  security::AuditEvent e = security::EventBy(
      who, "read", "legal_hold", record_id ? *record_type + " " + std::to_string(*record_id) : "",
      compartment_id, ctx);
  e.detail = std::to_string(found->size()) + " holds";
  Result<security::AuditEvent> logged = audit_.Append(std::move(e));
  if (!logged.ok()) return logged.status();
  return found;
}

Result<LegalHold> LegalHolds::Place(const Principal& who, const std::string& record_type,
                                    int64_t record_id, const std::string& reason,
                                    const RequestContext& ctx) {
  const char* table = TableOf(record_type);
  if (table == nullptr) return BadRecordType();
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidInput("say why the record must be kept", "reason");
  }
  if (reason.size() > kMaxHoldReasonBytes) {
    return Status::InvalidInput("at most " + std::to_string(kMaxHoldReasonBytes) + " bytes",
                                "reason");
  }
  Result<RecordOwner> owner = OwnerOf(record_type, record_id);
  if (!owner.ok()) {
    return Deny(who, "create", "legal_hold", record_type + " " + std::to_string(record_id), "",
                owner.status(), ctx);
  }
  SV_RETURN_IF_ERROR(Authorize(who, "create", "legal_hold", record_id, *owner, ctx));
  const std::string compartment = security::CompartmentId(owner->compartment, owner->unit_id);
  long long hold_id = 0;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long id = record_id;
    // The record must still be there when the hold commits: on PostgreSQL the row is locked
    // against a retention run deleting it meanwhile (SQLite runs one write at a time).
    const std::string lock = database_.dialect() == store::Dialect::kPostgres ? " FOR SHARE" : "";
    long long unit = 0;
    sql << "SELECT unit_id FROM " << table << " WHERE id = :id" << lock, soci::use(id),
        soci::into(unit);
    if (!sql.got_data()) {
      return RecordNotFound(record_type, record_id);
    }
    const long long owner_unit = owner->unit_id;
    const std::string comp(security::CompartmentName(owner->compartment));
    const std::string sealed = cipher_.Encrypt(reason, kReasonData);
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    sql << "INSERT INTO legal_holds (record_type, record_id, unit_id, compartment, reason_enc, "
           "placed_at, placed_by) VALUES (:t, :r, :u, :c, :x, :now, :by) RETURNING id",
        soci::use(record_type), soci::use(id), soci::use(owner_unit), soci::use(comp),
        soci::use(sealed), soci::use(now), soci::use(by), soci::into(hold_id);
    security::AuditEvent e =
        security::EventBy(who, "create", "legal_hold", std::to_string(hold_id), compartment, ctx);
    e.detail = "holds " + record_type + " " + std::to_string(record_id);
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  Result<std::vector<LegalHold>> placed = Load("WHERE h.id = :k1 AND :k2 = ''", hold_id, "");
  if (!placed.ok()) return placed.status();
  if (placed->empty()) return Status::Internal("the hold just placed is not there");
  return std::move(placed->front());
}

Result<LegalHold> LegalHolds::Release(const Principal& who, int64_t hold_id,
                                      const RequestContext& ctx) {
  Result<std::vector<LegalHold>> found = Load("WHERE h.id = :k1 AND :k2 = ''", hold_id, "");
  if (!found.ok()) return found.status();
  if (found->empty()) {
    return Deny(who, "release", "legal_hold", std::to_string(hold_id), "",
                Status::NotFound("no legal hold with id " + std::to_string(hold_id)), ctx);
  }
  const LegalHold hold = found->front();
  const RecordOwner owner{hold.compartment, hold.unit_id};
  SV_RETURN_IF_ERROR(Authorize(who, "release", "legal_hold", hold_id, owner, ctx));
  const std::string compartment = security::CompartmentId(hold.compartment, hold.unit_id);
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long id = hold_id;
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    soci::statement release =
        (sql.prepare << "UPDATE legal_holds SET released_at = :now, released_by = :by "
                        "WHERE id = :id AND released_at IS NULL",
         soci::use(now), soci::use(by), soci::use(id));
    release.execute(true);
    if (release.get_affected_rows() == 0) {
      return Status::Conflict("the hold is already released").WithReason("released");
    }
    security::AuditEvent e =
        security::EventBy(who, "release", "legal_hold", std::to_string(hold_id), compartment, ctx);
    e.detail = "released " + hold.record_type + " " + std::to_string(hold.record_id);
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  Result<std::vector<LegalHold>> released = Load("WHERE h.id = :k1 AND :k2 = ''", hold_id, "");
  if (!released.ok()) return released.status();
  if (released->empty()) return Status::Internal("the hold just released is not there");
  return std::move(released->front());
}

}  // namespace sv::disclosure
