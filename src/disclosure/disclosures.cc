#include "disclosure/disclosures.h"

#include <soci/soci.h>

#include <algorithm>
#include <set>

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

constexpr std::string_view kJustificationData = "disclosures.justification";
constexpr std::string_view kReviewNoteData = "disclosures.review_note";
constexpr std::string_view kValueData = "disclosure_fields.value";
constexpr const char* kPurpose = "disclosure";

constexpr const char* kColumns =
    "d.id, d.record_type, d.record_id, d.from_unit_id, fu.name, d.from_compartment, d.to_unit_id, "
    "tu.name, d.legal_ground, d.justification_enc, d.consent_id, d.state, d.requested_at, "
    "d.requested_by, rb.display_name, d.reviewed_at, vb.display_name, d.review_note_enc, "
    "d.sent_at FROM disclosures d JOIN units fu ON fu.id = d.from_unit_id "
    "JOIN units tu ON tu.id = d.to_unit_id JOIN users rb ON rb.id = d.requested_by "
    "LEFT JOIN users vb ON vb.id = d.reviewed_by ";

DisclosureState ParseState(const std::string& s) {
  if (s == "awaiting_approval") return DisclosureState::kAwaitingApproval;
  if (s == "rejected") return DisclosureState::kRejected;
  return DisclosureState::kSent;
}

struct Row {
  long long id = 0, record_id = 0, from = 0, to = 0, consent = 0, requested_at = 0,
            requested_by = 0, reviewed_at = 0, sent_at = 0;
  std::string record_type, from_name, from_compartment, to_name, ground, justification_enc, state,
      requester, reviewer, note_enc;
  soci::indicator consent_ind = soci::i_null, reviewed_ind = soci::i_null,
                  reviewer_ind = soci::i_null, note_ind = soci::i_null, sent_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(record_type));
    st.exchange(soci::into(record_id));
    st.exchange(soci::into(from));
    st.exchange(soci::into(from_name));
    st.exchange(soci::into(from_compartment));
    st.exchange(soci::into(to));
    st.exchange(soci::into(to_name));
    st.exchange(soci::into(ground));
    st.exchange(soci::into(justification_enc));
    st.exchange(soci::into(consent, consent_ind));
    st.exchange(soci::into(state));
    st.exchange(soci::into(requested_at));
    st.exchange(soci::into(requested_by));
    st.exchange(soci::into(requester));
    st.exchange(soci::into(reviewed_at, reviewed_ind));
    st.exchange(soci::into(reviewer, reviewer_ind));
    st.exchange(soci::into(note_enc, note_ind));
    st.exchange(soci::into(sent_at, sent_ind));
  }

  Result<Disclosure> ToDisclosure(const security::FieldCipher& cipher) const {
    Disclosure d;
    d.id = id;
    d.record_type = record_type;
    d.record_id = record_id;
    d.from_unit_id = from;
    d.from_unit_name = from_name;
    d.from_compartment = security::ParseCompartment(from_compartment).value_or(Compartment::kPolice);
    d.to_unit_id = to;
    d.to_unit_name = to_name;
    d.legal_ground = ground;
    Result<std::string> justification = cipher.Decrypt(justification_enc, kJustificationData);
    if (!justification.ok()) return justification.status();
    d.justification = *justification;
    if (consent_ind == soci::i_ok) d.consent_id = consent;
    d.state = ParseState(state);
    d.requested_at = FromUnixMicros(requested_at);
    d.requested_by = requested_by;
    d.requested_by_name = requester;
    if (reviewed_ind == soci::i_ok) d.reviewed_at = FromUnixMicros(reviewed_at);
    if (reviewer_ind == soci::i_ok) d.reviewed_by_name = reviewer;
    if (note_ind == soci::i_ok) {
      Result<std::string> note = cipher.Decrypt(note_enc, kReviewNoteData);
      if (!note.ok()) return note.status();
      d.review_note = *note;
    }
    if (sent_ind == soci::i_ok) d.sent_at = FromUnixMicros(sent_at);
    return d;
  }
};

// Disclosures matching `where` (binding :key, and :type when it names it), with their snapshots.
Result<std::vector<Disclosure>> Load(soci::session& sql, const std::string& where, long long key,
                                     const std::string& type,
                                     const security::FieldCipher& cipher) {
  Row r;
  soci::statement st(sql);
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + where);
  r.Bind(st);
  st.exchange(soci::use(key, "key"));
  if (where.find(":type") != std::string::npos) st.exchange(soci::use(type, "type"));
  st.define_and_bind();
  st.execute();
  std::vector<Disclosure> out;
  while (st.fetch()) {
    Result<Disclosure> d = r.ToDisclosure(cipher);
    if (!d.ok()) return d.status();
    out.push_back(std::move(*d));
  }
  for (Disclosure& d : out) {
    const long long id = d.id;
    std::string name, value_enc;
    soci::statement fields = (sql.prepare << "SELECT name, value_enc FROM disclosure_fields "
                                             "WHERE disclosure_id = :id ORDER BY position",
                              soci::use(id), soci::into(name), soci::into(value_enc));
    fields.execute();
    while (fields.fetch()) {
      Result<std::string> value = cipher.Decrypt(value_enc, kValueData);
      if (!value.ok()) return value.status();
      d.fields.push_back({name, *value});
    }
  }
  return out;
}

Result<std::optional<Disclosure>> LoadOne(soci::session& sql, int64_t id,
                                          const security::FieldCipher& cipher) {
  Result<std::vector<Disclosure>> found = Load(sql, "WHERE d.id = :key", id, "", cipher);
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<Disclosure>();
  return std::optional<Disclosure>(std::move(found->front()));
}

// What the receiving unit sees: the snapshot, who sent it, when and why; not the sender's record
// id, consent record or review.
Disclosure ForReceiver(Disclosure d) {
  d.record_id = 0;
  d.consent_id.reset();
  d.review_note.clear();
  return d;
}

std::string AgencyName(Compartment c) {
  return c == Compartment::kPolice ? "the police" : "social services";
}

std::string FieldNames(const std::vector<DisclosedField>& fields) {
  std::string out;
  for (const DisclosedField& f : fields) out += (out.empty() ? "" : ", ") + f.name;
  return out;
}

}  // namespace

std::string_view DisclosureStateName(DisclosureState s) {
  switch (s) {
    case DisclosureState::kAwaitingApproval: return "awaiting_approval";
    case DisclosureState::kSent: return "sent";
    case DisclosureState::kRejected: return "rejected";
  }
  return "sent";
}

Disclosures::Disclosures(store::Database& database, const Clock& clock,
                         const security::Policy& policy, security::AuditLog& audit,
                         const security::FieldCipher& cipher, std::vector<std::string> grounds,
                         std::vector<std::string> review_grounds,
                         std::vector<const RecordSource*> sources)
    : database_(database),
      clock_(clock),
      policy_(policy),
      audit_(audit),
      cipher_(cipher),
      grounds_(std::move(grounds)),
      review_grounds_(std::move(review_grounds)),
      sources_(std::move(sources)) {}

bool Disclosures::NeedsReview(std::string_view ground) const {
  return std::find(review_grounds_.begin(), review_grounds_.end(), ground) !=
         review_grounds_.end();
}

const RecordSource* Disclosures::Source(const std::string& record_type) const {
  for (const RecordSource* s : sources_) {
    if (s->record_type() == record_type) return s;
  }
  return nullptr;
}

Status Disclosures::Refuse(const Principal& who, Status status, const std::string& action,
                           const std::string& record, const std::string& compartment,
                           const RequestContext& ctx) {
  switch (status.code()) {
    case StatusCode::kInvalidInput:
    case StatusCode::kForbidden:
    case StatusCode::kNotFound:
    case StatusCode::kConflict:
      break;
    default:
      return status;
  }
  const std::size_t colon = record.find(':');
  security::AuditEvent e = security::EventBy(
      who, action, colon == std::string::npos ? record : record.substr(0, colon),
      colon == std::string::npos ? "" : record.substr(colon + 1), compartment, ctx);
  e.purpose = kPurpose;
  security::RefusalAudit how{status.code() == StatusCode::kForbidden ? "denied" : "refused",
                            /*field_in_detail=*/true};
  return security::RefuseAndAudit(audit_, std::move(e), std::move(status), std::move(how));
}

Result<RecordDisclosures> Disclosures::ForRecord(const Principal& who,
                                                 const std::string& record_type,
                                                 int64_t record_id, const RequestContext& ctx) {
  const RecordSource* source = Source(record_type);
  if (!source) return Status::InvalidInput("is not a record that can be disclosed", "record_type");
  std::string compartment;
  Result<RecordDisclosures> out = RecordDisclosures{};
  Status done = database_.InTransaction([&](soci::session& sql) -> Status {
    Result<DisclosableRecord> record = source->Load(sql, record_id);
    if (!record.ok()) return record.status();
    compartment = security::CompartmentId(record->compartment, record->unit_id);
    const Decision decision = policy_.Decide(who, Permission::kDisclose,
                                             RecordScope{record->compartment, record->unit_id});
    if (!decision.allowed) {
      Status refused = Status::Forbidden(decision.reason);
      return decision.remedy.empty() ? refused : refused.WithReason(decision.remedy);
    }
    out->disclosable_fields = record->fields;
    Result<std::vector<Disclosure>> found =
        Load(sql,
             "WHERE d.record_type = :type AND d.record_id = :key ORDER BY d.requested_at DESC, "
             "d.id DESC",
             record_id, record_type, cipher_);
    if (!found.ok()) return found.status();
    out->disclosures = std::move(*found);
    for (Disclosure& d : out->disclosures) d.needs_review = NeedsReview(d.legal_ground);
    security::AuditEvent e = security::EventBy(who, "read", "disclosure_register",
                                               record_type + ":" + std::to_string(record_id),
                                               compartment, ctx);
    e.purpose = kPurpose;
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  });
  if (!done.ok()) {
    return Refuse(who, done, "read", record_type + ":" + std::to_string(record_id), compartment,
                  ctx);
  }
  return out;
}

Result<Disclosure> Disclosures::Disclose(const Principal& who, const NewDisclosure& request,
                                         const RequestContext& ctx) {
  const std::string record = request.record_type + ":" + std::to_string(request.record_id);
  std::string compartment;
  auto refuse = [&](Status s) { return Refuse(who, std::move(s), "disclose", record, compartment, ctx); };

  const RecordSource* source = Source(request.record_type);
  if (!source) return refuse(Status::InvalidInput("is not a record that can be disclosed", "record_type"));
  if (request.legal_ground.empty()) {
    return refuse(Status::InvalidInput("choose the legal ground of the disclosure", "legal_ground"));
  }
  if (std::find(grounds_.begin(), grounds_.end(), request.legal_ground) == grounds_.end()) {
    std::string known;
    for (const std::string& g : grounds_) known += (known.empty() ? "" : ", ") + g;
    return refuse(Status::InvalidInput("\"" + request.legal_ground +
                                           "\" is not one of the legal grounds (" + known + ")",
                                       "legal_ground"));
  }
  if (request.justification.size() < kMinJustificationBytes) {
    return refuse(Status::InvalidInput("say why this disclosure is needed (at least " +
                                           std::to_string(kMinJustificationBytes) +
                                           " characters)",
                                       "justification"));
  }
  if (request.justification.size() > kMaxJustificationBytes) {
    return refuse(Status::InvalidInput(
        "at most " + std::to_string(kMaxJustificationBytes) + " bytes", "justification"));
  }
  if (request.fields.empty()) {
    return refuse(Status::InvalidInput("choose at least one field to disclose", "fields"));
  }
  if (!request.to_unit_id) {
    return refuse(Status::InvalidInput("choose the receiving unit", "to_unit_id"));
  }

  int64_t id = 0;
  Status done = database_.InTransaction([&](soci::session& sql) -> Status {
    Result<DisclosableRecord> loaded = source->Load(sql, request.record_id);
    if (!loaded.ok()) return loaded.status();
    compartment = security::CompartmentId(loaded->compartment, loaded->unit_id);
    const Decision decision = policy_.Decide(who, Permission::kDisclose,
                                             RecordScope{loaded->compartment, loaded->unit_id});
    if (!decision.allowed) {
      Status refused = Status::Forbidden(decision.reason);
      return decision.remedy.empty() ? refused : refused.WithReason(decision.remedy);
    }
    // The snapshot: exactly the chosen fields, each once, in the order chosen.
    std::vector<DisclosedField> snapshot;
    std::set<std::string> chosen;
    for (const std::string& name : request.fields) {
      if (!chosen.insert(name).second) {
        return Status::InvalidInput("field `" + name + "` is chosen twice", "fields");
      }
      auto it = std::find_if(loaded->fields.begin(), loaded->fields.end(),
                             [&](const DisclosedField& f) { return f.name == name; });
      if (it == loaded->fields.end()) {
        return Status::InvalidInput("the record has no field `" + name + "` that you may disclose",
                                    "fields");
      }
      snapshot.push_back(*it);
    }
    const long long to = *request.to_unit_id;
    std::string kind;
    sql << "SELECT kind FROM units WHERE id = :id", soci::use(to), soci::into(kind);
    if (!sql.got_data()) {
      return Status::InvalidInput("there is no unit with id " + std::to_string(to), "to_unit_id");
    }
    std::optional<Compartment> to_compartment;
    if (kind == "police") to_compartment = Compartment::kPolice;
    if (kind == "social_services") to_compartment = Compartment::kSocial;
    if (!to_compartment) {
      return Status::InvalidInput("the unit keeps no person records (a regional unit)",
                                  "to_unit_id");
    }
    if (to == loaded->unit_id) {
      return Status::InvalidInput("the record is already in this unit", "to_unit_id");
    }
    std::optional<int64_t> consent;
    if (request.legal_ground == kConsentGround) {
      Result<std::optional<int64_t>> covering = source->ConsentTo(sql, request.record_id,
                                                                  *to_compartment);
      if (!covering.ok()) return covering.status();
      if (!*covering) {
        return Status::Conflict("no recorded consent that is not withdrawn covers sharing this "
                                "record with " + AgencyName(*to_compartment),
                                "legal_ground")
            .WithReason("no_valid_consent");
      }
      consent = *covering;
    }

    const bool review = NeedsReview(request.legal_ground);
    const long long record_id = request.record_id;
    const long long from = loaded->unit_id;
    const std::string from_compartment(security::CompartmentName(loaded->compartment));
    const std::string sealed = cipher_.Encrypt(request.justification, kJustificationData);
    long long consent_value = consent.value_or(0);
    soci::indicator consent_ind = consent ? soci::i_ok : soci::i_null;
    const std::string state = review ? "awaiting_approval" : "sent";
    const long long now = ToUnixMicros(clock_.Now());
    long long sent = now;
    soci::indicator sent_ind = review ? soci::i_null : soci::i_ok;
    const long long by = who.user.id;
    long long new_id = 0;
    sql << "INSERT INTO disclosures (record_type, record_id, from_unit_id, from_compartment, "
           "to_unit_id, legal_ground, justification_enc, consent_id, state, requested_at, "
           "requested_by, sent_at) VALUES (:rt, :rid, :f, :fc, :to, :g, :j, :c, :s, :at, :by, "
           ":sent) RETURNING id",
        soci::use(request.record_type), soci::use(record_id), soci::use(from),
        soci::use(from_compartment), soci::use(to), soci::use(request.legal_ground),
        soci::use(sealed), soci::use(consent_value, consent_ind), soci::use(state),
        soci::use(now), soci::use(by), soci::use(sent, sent_ind), soci::into(new_id);
    for (std::size_t i = 0; i < snapshot.size(); ++i) {
      const int position = static_cast<int>(i);
      const std::string value = cipher_.Encrypt(snapshot[i].value, kValueData);
      sql << "INSERT INTO disclosure_fields (disclosure_id, position, name, value_enc) VALUES "
             "(:d, :p, :n, :v)",
          soci::use(new_id), soci::use(position), soci::use(snapshot[i].name), soci::use(value);
    }
    id = new_id;
    security::AuditEvent e = security::EventBy(who, "disclose", request.record_type,
                                               std::to_string(request.record_id), compartment, ctx);
    e.purpose = kPurpose;
    e.detail = "disclosure " + std::to_string(new_id) + " to " +
               security::CompartmentId(*to_compartment, to) + " on " + request.legal_ground +
               (review ? ", awaiting approval" : "") + ": " + FieldNames(snapshot);
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  });
  if (!done.ok()) return refuse(done);
  return Get(who, id, ctx);
}

Result<std::vector<Disclosure>> Disclosures::AwaitingApproval(const Principal& who,
                                                              const RequestContext& ctx) {
  const auto compartment = security::Policy::CompartmentOfRole(who.user.role);
  const Decision decision =
      compartment ? policy_.Decide(who, Permission::kApproveDisclosure,
                                   RecordScope{*compartment, who.unit.id})
                  : policy_.Decide(who, Permission::kApproveDisclosure);
  if (!decision.allowed || !compartment) {
    return Refuse(who, Status::Forbidden(decision.reason), "read", "disclosure", "", ctx);
  }
  Result<std::vector<Disclosure>> found = std::vector<Disclosure>{};
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    found = Load(sql,
                 "WHERE d.from_unit_id = :key AND d.state = 'awaiting_approval' "
                 "ORDER BY d.requested_at, d.id",
                 who.unit.id, "", cipher_);
    if (!found.ok()) return found.status();
    for (Disclosure& d : *found) d.needs_review = NeedsReview(d.legal_ground);
    security::AuditEvent e = security::EventBy(
        who, "read", "disclosure", "", security::CompartmentId(*compartment, who.unit.id), ctx);
    e.purpose = kPurpose;
    e.detail = std::to_string(found->size()) + " awaiting approval";
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  return found;
}

Result<Disclosure> Disclosures::Approve(const Principal& who, int64_t id, const std::string& note,
                                        const RequestContext& ctx) {
  return Review(who, id, true, note, ctx);
}

Result<Disclosure> Disclosures::Reject(const Principal& who, int64_t id, const std::string& note,
                                       const RequestContext& ctx) {
  return Review(who, id, false, note, ctx);
}

Result<Disclosure> Disclosures::Review(const Principal& who, int64_t id, bool approve,
                                       const std::string& note, const RequestContext& ctx) {
  const std::string action = approve ? "approve" : "reject";
  const std::string record = "disclosure:" + std::to_string(id);
  std::string compartment;
  if (!approve && note.size() < kMinJustificationBytes) {
    return Refuse(who,
                  Status::InvalidInput("say why the disclosure is rejected (at least " +
                                           std::to_string(kMinJustificationBytes) +
                                           " characters)",
                                       "note"),
                  action, record, compartment, ctx);
  }
  if (note.size() > kMaxJustificationBytes) {
    return Refuse(who,
                  Status::InvalidInput(
                      "at most " + std::to_string(kMaxJustificationBytes) + " bytes", "note"),
                  action, record, compartment, ctx);
  }
  Status done = database_.InTransaction([&](soci::session& sql) -> Status {
    Result<std::optional<Disclosure>> found = LoadOne(sql, id, cipher_);
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound("no disclosure with id " + std::to_string(id));
    const Disclosure& d = **found;
    compartment = security::CompartmentId(d.from_compartment, d.from_unit_id);
    const Decision decision = policy_.Decide(who, Permission::kApproveDisclosure,
                                             RecordScope{d.from_compartment, d.from_unit_id});
    if (!decision.allowed) {
      // Another unit learns nothing of the disclosure, not even that it exists.
      if (who.unit.id != d.from_unit_id) {
        return Status::NotFound("no disclosure with id " + std::to_string(id));
      }
      Status refused = Status::Forbidden(decision.reason);
      return decision.remedy.empty() ? refused : refused.WithReason(decision.remedy);
    }
    if (d.state != DisclosureState::kAwaitingApproval) {
      return Status::Conflict("the disclosure is not awaiting approval (it is " +
                              std::string(DisclosureStateName(d.state)) + ")")
          .WithReason("not_awaiting");
    }
    if (d.requested_by == who.user.id) {
      return Status::Forbidden("the ground " + d.legal_ground +
                               " needs a second user's approval, not that of the user who asked")
          .WithReason("second_approver_required");
    }
    if (approve && d.legal_ground == kConsentGround) {
      const RecordSource* source = Source(d.record_type);
      if (!source) return Status::Internal("no source of " + d.record_type);
      std::string kind;
      const long long to = d.to_unit_id;
      sql << "SELECT kind FROM units WHERE id = :id", soci::use(to), soci::into(kind);
      const Compartment to_compartment =
          kind == "police" ? Compartment::kPolice : Compartment::kSocial;
      Result<std::optional<int64_t>> covering = source->ConsentTo(sql, d.record_id, to_compartment);
      if (!covering.ok()) return covering.status();
      if (!*covering) {
        return Status::Conflict("the consent this disclosure relied on has been withdrawn")
            .WithReason("no_valid_consent");
      }
    }
    const long long key = id;
    const long long now = ToUnixMicros(clock_.Now());
    const long long by = who.user.id;
    const std::string state = approve ? "sent" : "rejected";
    const std::string sealed = cipher_.Encrypt(note, kReviewNoteData);
    long long sent = now;
    soci::indicator sent_ind = approve ? soci::i_ok : soci::i_null;
    soci::statement update =
        (sql.prepare << "UPDATE disclosures SET state = :s, reviewed_at = :now, reviewed_by = :by, "
                        "review_note_enc = :n, sent_at = :sent WHERE id = :id AND state = "
                        "'awaiting_approval'",
         soci::use(state), soci::use(now), soci::use(by), soci::use(sealed),
         soci::use(sent, sent_ind), soci::use(key));
    update.execute(true);
    if (update.get_affected_rows() == 0) {
      return Status::Conflict("the disclosure is no longer awaiting approval")
          .WithReason("not_awaiting");
    }
    security::AuditEvent e =
        security::EventBy(who, action, "disclosure", std::to_string(id), compartment, ctx);
    e.purpose = kPurpose;
    e.detail = (approve ? "sent to unit " : "not sent to unit ") + std::to_string(d.to_unit_id) +
               " on " + d.legal_ground;
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  });
  if (!done.ok()) return Refuse(who, done, action, record, compartment, ctx);
  return Get(who, id, ctx);
}

Result<std::vector<Disclosure>> Disclosures::Received(const Principal& who,
                                                      const RequestContext& ctx) {
  const auto compartment = security::Policy::CompartmentOfRole(who.user.role);
  const Decision decision =
      compartment ? policy_.Decide(who, Permission::kReadReceivedDisclosures,
                                   RecordScope{*compartment, who.unit.id})
                  : policy_.Decide(who, Permission::kReadReceivedDisclosures);
  if (!decision.allowed || !compartment) {
    return Refuse(who, Status::Forbidden(decision.reason), "read", "disclosure", "", ctx);
  }
  Result<std::vector<Disclosure>> found = std::vector<Disclosure>{};
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    found = Load(sql,
                 "WHERE d.to_unit_id = :key AND d.state = 'sent' ORDER BY d.sent_at DESC, d.id DESC",
                 who.unit.id, "", cipher_);
    if (!found.ok()) return found.status();
    for (Disclosure& d : *found) {
      d.needs_review = NeedsReview(d.legal_ground);
      d = ForReceiver(std::move(d));
    }
    security::AuditEvent e = security::EventBy(
        who, "read", "disclosure", "", security::CompartmentId(*compartment, who.unit.id), ctx);
    e.purpose = kPurpose;
    e.detail = std::to_string(found->size()) + " received";
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  }));
  return found;
}

Result<Disclosure> Disclosures::Get(const Principal& who, int64_t id, const RequestContext& ctx) {
  const std::string record = "disclosure:" + std::to_string(id);
  std::string compartment;
  Result<Disclosure> out = Disclosure{};
  Status done = database_.InTransaction([&](soci::session& sql) -> Status {
    Result<std::optional<Disclosure>> found = LoadOne(sql, id, cipher_);
    if (!found.ok()) return found.status();
    const Status none = Status::NotFound("no disclosure with id " + std::to_string(id));
    if (!*found) return none;
    Disclosure d = std::move(**found);
    const bool sender = who.unit.id == d.from_unit_id;
    const bool receiver = who.unit.id == d.to_unit_id && d.state == DisclosureState::kSent;
    if (!sender && !receiver) return none;
    Decision decision;
    if (sender) {
      compartment = security::CompartmentId(d.from_compartment, d.from_unit_id);
      decision = policy_.Decide(who, Permission::kDisclose,
                                RecordScope{d.from_compartment, d.from_unit_id});
      if (!decision.allowed) {
        decision = policy_.Decide(who, Permission::kApproveDisclosure,
                                  RecordScope{d.from_compartment, d.from_unit_id});
      }
    } else {
      const auto own = security::Policy::CompartmentOfRole(who.user.role);
      if (!own) return none;
      compartment = security::CompartmentId(*own, who.unit.id);
      decision = policy_.Decide(who, Permission::kReadReceivedDisclosures,
                                RecordScope{*own, who.unit.id});
    }
    if (!decision.allowed) {
      Status refused = Status::Forbidden(decision.reason);
      return decision.remedy.empty() ? refused : refused.WithReason(decision.remedy);
    }
    d.needs_review = NeedsReview(d.legal_ground);
    out = sender ? std::move(d) : ForReceiver(std::move(d));
    security::AuditEvent e =
        security::EventBy(who, "read", "disclosure", std::to_string(id), compartment, ctx);
    e.purpose = kPurpose;
    Result<security::AuditEvent> logged = audit_.Append(sql, std::move(e));
    return logged.ok() ? Status::Ok() : logged.status();
  });
  if (!done.ok()) return Refuse(who, done, "read", record, compartment, ctx);
  return out;
}

}  // namespace sv::disclosure
