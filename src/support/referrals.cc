// SupportRegister: support offers and referrals.

#include <soci/soci.h>

#include "security/field_cipher.h"
#include "store/database.h"
#include "support/detail/records.h"
#include "support/support_register.h"

namespace sv::support {

using security::Permission;
using security::Principal;
using security::RequestContext;

namespace {

constexpr const char* kReplayDetail = "returned to a retried request (same idempotency key)";

Result<OfferAnswer> ParseAnswer(const std::string& answer) {
  if (answer.empty()) return Status::InvalidInput("is required", "answer");
  std::optional<OfferAnswer> parsed = ParseOfferAnswer(answer);
  if (!parsed) return Status::InvalidInput("must be accepted, declined or later", "answer");
  return *parsed;
}

Status CheckDueOn(const std::optional<CivilDate>& due_on, const detail::ContactRow& contact) {
  if (due_on && *due_on < contact.Date()) {
    return Status::InvalidInput(
        "must not be before the date of the contact (" + FormatDate(contact.Date()) + ")",
        "due_on");
  }
  return {};
}

Result<Offer> OneOffer(soci::session& sql, long long id) {
  std::vector<Offer> found = detail::SelectOffers(sql, "id", id);
  if (found.empty()) return Status::NotFound("no offer with id " + std::to_string(id));
  return found.front();
}

Result<Referral> OneReferral(soci::session& sql, const security::FieldCipher& cipher,
                             long long id) {
  Result<std::vector<Referral>> found = detail::SelectReferrals(sql, cipher, "id", id);
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("no referral with id " + std::to_string(id));
  return found->front();
}

}  // namespace

Result<Created<Offer>> SupportRegister::AddOffer(const Principal& who, int64_t contact_id,
                                                 const NewOffer& in,
                                                 const std::string& idempotency_key,
                                                 const RequestContext& ctx) {
  Created<Offer> out;
  SV_RETURN_IF_ERROR(WithContact(
      who, Permission::kRecordSupport, {"create", "offer", ""}, ctx,
      [contact_id](soci::session&) { return contact_id; },
      [&](soci::session& sql, const detail::ContactRow& contact) -> Status {
        SV_RETURN_IF_ERROR(CheckKind(in.kind));
        Result<OfferAnswer> answer = ParseAnswer(in.answer);
        if (!answer.ok()) return answer.status();
        const TimePoint now = clock_.Now();
        detail::Fingerprint fingerprint;
        fingerprint.Add("kind", in.kind).Add("answer", in.answer);
        Result<std::optional<int64_t>> earlier = detail::ClaimKey(
            sql, who, idempotency_key, "offer:" + std::to_string(contact.id), fingerprint, now);
        if (!earlier.ok()) return earlier.status();
        if (*earlier) {
          Result<Offer> offer = OneOffer(sql, **earlier);
          if (!offer.ok()) return offer.status();
          out.record = std::move(*offer);
          out.created = false;
          return Audit(sql, who, {"read", "offer", std::to_string(out.record.id)},
                       contact.CompartmentId(), "", kReplayDetail, ctx);
        }
        const long long contact_row = contact.id;
        const std::string answer_code(OfferAnswerName(*answer));
        const long long at = ToUnixMicros(now);
        const long long by = who.user.id;
        long long id = 0;
        sql << "INSERT INTO support_offers (contact_id, kind, answer, created_at, created_by, "
               "updated_at) VALUES (:c, :k, :a, :now, :by, :now2) RETURNING id",
            soci::use(contact_row), soci::use(in.kind), soci::use(answer_code), soci::use(at),
            soci::use(by), soci::use(at), soci::into(id);
        SV_RETURN_IF_ERROR(detail::CompleteKey(sql, who, idempotency_key, id));
        Result<Offer> offer = OneOffer(sql, id);
        if (!offer.ok()) return offer.status();
        out.record = std::move(*offer);
        return Audit(sql, who, {"create", "offer", std::to_string(id)}, contact.CompartmentId(), "",
                     "contact " + std::to_string(contact.id) + ": " + in.kind + ", " + answer_code,
                     ctx);
      }));
  return out;
}

Result<Offer> SupportRegister::AnswerOffer(const Principal& who, int64_t offer_id,
                                           const std::string& answer, const RequestContext& ctx) {
  const Target target{"update", "offer", std::to_string(offer_id)};
  Offer out;
  SV_RETURN_IF_ERROR(WithContact(
      who, Permission::kRecordSupport, target, ctx,
      [offer_id](soci::session& sql) {
        return detail::ContactOf(sql, "support_offers", "offer", offer_id);
      },
      [&](soci::session& sql, const detail::ContactRow& contact) -> Status {
        Result<OfferAnswer> parsed = ParseAnswer(answer);
        if (!parsed.ok()) return parsed.status();
        const std::string code(OfferAnswerName(*parsed));
        const long long now = ToUnixMicros(clock_.Now());
        const long long id = offer_id;
        sql << "UPDATE support_offers SET answer = :a, updated_at = :now WHERE id = :id",
            soci::use(code), soci::use(now), soci::use(id);
        Result<Offer> offer = OneOffer(sql, id);
        if (!offer.ok()) return offer.status();
        out = std::move(*offer);
        return Audit(sql, who, target, contact.CompartmentId(), "", "answer: " + code, ctx);
      }));
  return out;
}

Result<Created<Referral>> SupportRegister::AddReferral(const Principal& who, int64_t contact_id,
                                                       const NewReferral& in,
                                                       const std::string& idempotency_key,
                                                       const RequestContext& ctx) {
  Created<Referral> out;
  SV_RETURN_IF_ERROR(WithContact(
      who, Permission::kRecordSupport, {"create", "referral", ""}, ctx,
      [contact_id](soci::session&) { return contact_id; },
      [&](soci::session& sql, const detail::ContactRow& contact) -> Status {
        SV_RETURN_IF_ERROR(CheckKind(in.kind));
        SV_RETURN_IF_ERROR(CheckDueOn(in.due_on, contact));
        const TimePoint now = clock_.Now();
        const std::string due_on = in.due_on ? FormatDate(*in.due_on) : "";
        detail::Fingerprint fingerprint;
        fingerprint.Add("kind", in.kind);
        if (in.due_on) {
          fingerprint.Add("due_on", due_on);
        } else {
          fingerprint.Absent("due_on");
        }
        Result<std::optional<int64_t>> earlier = detail::ClaimKey(
            sql, who, idempotency_key, "referral:" + std::to_string(contact.id), fingerprint, now);
        if (!earlier.ok()) return earlier.status();
        if (*earlier) {
          Result<Referral> referral = OneReferral(sql, cipher_, **earlier);
          if (!referral.ok()) return referral.status();
          out.record = std::move(*referral);
          out.created = false;
          return Audit(sql, who, {"read", "referral", std::to_string(out.record.id)},
                       contact.CompartmentId(), "", kReplayDetail, ctx);
        }
        const long long contact_row = contact.id;
        soci::indicator due_ind = in.due_on ? soci::i_ok : soci::i_null;
        const long long at = ToUnixMicros(now);
        const long long by = who.user.id;
        long long id = 0;
        sql << "INSERT INTO referrals (contact_id, kind, state, due_on, created_at, created_by, "
               "updated_at) VALUES (:c, :k, 'sent', :due, :now, :by, :now2) RETURNING id",
            soci::use(contact_row), soci::use(in.kind), soci::use(due_on, due_ind), soci::use(at),
            soci::use(by), soci::use(at), soci::into(id);
        SV_RETURN_IF_ERROR(detail::CompleteKey(sql, who, idempotency_key, id));
        Result<Referral> referral = OneReferral(sql, cipher_, id);
        if (!referral.ok()) return referral.status();
        out.record = std::move(*referral);
        return Audit(sql, who, {"create", "referral", std::to_string(id)}, contact.CompartmentId(),
                     "", "contact " + std::to_string(contact.id) + ": " + in.kind, ctx);
      }));
  return out;
}

Result<Referral> SupportRegister::MoveReferral(const Principal& who, int64_t referral_id,
                                               const std::string& to, const std::string& reason,
                                               const RequestContext& ctx) {
  const Target target{"update", "referral", std::to_string(referral_id)};
  Referral out;
  SV_RETURN_IF_ERROR(WithContact(
      who, Permission::kRecordSupport, target, ctx,
      [referral_id](soci::session& sql) {
        return detail::ContactOf(sql, "referrals", "referral", referral_id);
      },
      [&](soci::session& sql, const detail::ContactRow& contact) -> Status {
        const std::optional<ReferralState> next = ParseReferralState(to);
        if (to.empty()) return Status::InvalidInput("is required", "to");
        if (!next || *next == ReferralState::kSent) {
          return Status::InvalidInput("must be accepted, declined, completed or withdrawn", "to");
        }
        if (reason.size() > kMaxReasonBytes) {
          return Status::InvalidInput("at most " + std::to_string(kMaxReasonBytes) + " bytes",
                                      "reason");
        }
        Result<Referral> current = OneReferral(sql, cipher_, referral_id);
        if (!current.ok()) return current.status();
        const std::string from_code(ReferralStateName(current->state));
        const std::string to_code(ReferralStateName(*next));
        if (!ReferralTransitionAllowed(current->state, *next)) {
          return Status::Conflict("the referral is " + from_code + " and cannot become " + to_code,
                                  "to")
              .WithReason("transition_not_allowed");
        }
        if (*next == ReferralState::kDeclined && reason.empty()) {
          return Status::InvalidInput("a declined referral needs the reason it was declined",
                                      "reason");
        }
        const long long id = referral_id;
        const long long now = ToUnixMicros(clock_.Now());
        const long long by = who.user.id;
        // Reasons are free text about the person: encrypted like notes.
        const std::string sealed =
            reason.empty() ? "" : cipher_.Encrypt(reason, detail::kTransitionReasonData);
        soci::indicator reason_ind = reason.empty() ? soci::i_null : soci::i_ok;
        soci::statement update =
            (sql.prepare << "UPDATE referrals SET state = :s, updated_at = :now "
                            "WHERE id = :id AND state = :from",
             soci::use(to_code), soci::use(now), soci::use(id), soci::use(from_code));
        update.execute(true);
        // Another request moved it since it was read above.
        if (update.get_affected_rows() != 1) {
          return Status::Conflict("the referral was changed meanwhile; reload it and try again",
                                  "to")
              .WithReason("transition_not_allowed");
        }
        if (*next == ReferralState::kDeclined) {
          const std::string decline = cipher_.Encrypt(reason, detail::kDeclineReasonData);
          sql << "UPDATE referrals SET decline_reason = :r WHERE id = :id", soci::use(decline),
              soci::use(id);
        }
        sql << "INSERT INTO referral_transitions (referral_id, from_state, to_state, reason, at, "
               "user_id) VALUES (:r, :f, :t, :reason, :at, :u)",
            soci::use(id), soci::use(from_code), soci::use(to_code), soci::use(sealed, reason_ind),
            soci::use(now), soci::use(by);
        Result<Referral> moved = OneReferral(sql, cipher_, id);
        if (!moved.ok()) return moved.status();
        out = std::move(*moved);
        return Audit(sql, who, target, contact.CompartmentId(), "", from_code + " -> " + to_code,
                     ctx);
      }));
  return out;
}

Result<std::vector<Referral>> SupportRegister::OpenReferrals(const Principal& who,
                                                             bool overdue_only,
                                                             const RequestContext& ctx) {
  const Target target{"read", "referral", ""};
  SV_RETURN_IF_ERROR(AuthorizeOwn(who, Permission::kReadSupport, target, ctx));
  const std::string today = FormatDate(SwedishDate(clock_.Now()));
  std::vector<Referral> out;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long unit_id = who.unit.id;
    const long long me = who.user.id;
    std::vector<long long> ids;
    {
      long long id = 0;
      // Without a due date a referral is never overdue; those come last.
      soci::details::prepare_temp_type p =
          (sql.prepare << "SELECT r.id FROM referrals r JOIN contacts c ON c.id = r.contact_id "
                          "WHERE c.unit_id = :u AND r.created_by = :me AND r.state IN ('sent', "
                          "'accepted')"
                       << (overdue_only ? " AND r.due_on IS NOT NULL AND r.due_on < :today" : "")
                       << " ORDER BY CASE WHEN r.due_on IS NULL THEN 1 ELSE 0 END, r.due_on, "
                          "r.id");
      p, soci::into(id), soci::use(unit_id), soci::use(me);
      if (overdue_only) p, soci::use(today);
      soci::statement st(p);
      st.execute();
      while (st.fetch()) ids.push_back(id);
    }
    for (long long id : ids) {
      Result<Referral> referral = OneReferral(sql, cipher_, id);
      if (!referral.ok()) return referral.status();
      out.push_back(std::move(*referral));
    }
    // A list of the caller's own work items (kinds, states, dates; no notes): one event.
    return Audit(sql, who, target,
                 security::CompartmentId(security::Compartment::kSocial, who.unit.id), "",
                 std::string(overdue_only ? "overdue" : "open") +
                     " referrals of the user: " + std::to_string(out.size()),
                 ctx);
  }));
  return out;
}

}  // namespace sv::support
