// SupportRegister: follow-ups and consents.

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

Result<FollowUp> OneFollowUp(soci::session& sql, const security::FieldCipher& cipher, long long id,
                             const CivilDate& today) {
  Result<std::vector<FollowUp>> found = detail::SelectFollowUps(sql, cipher, "id", id, today);
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("no follow-up with id " + std::to_string(id));
  return found->front();
}

Result<Consent> OneConsent(soci::session& sql, long long id) {
  std::vector<Consent> found = detail::SelectConsents(sql, "id", id);
  if (found.empty()) return Status::NotFound("no consent with id " + std::to_string(id));
  return found.front();
}

// A follow-up is assigned to a social worker or case officer of the contact's unit who can log in.
Status CheckAssignee(soci::session& sql, long long user_id, long long unit_id) {
  long long user_unit = 0, disabled = 0;
  std::string role;
  sql << "SELECT unit_id, role, disabled FROM users WHERE id = :id", soci::use(user_id),
      soci::into(user_unit), soci::into(role), soci::into(disabled);
  if (!sql.got_data()) {
    return Status::InvalidInput("no user with id " + std::to_string(user_id), "assigned_to");
  }
  if (user_unit != unit_id || (role != "social_worker" && role != "social_case_officer")) {
    return Status::InvalidInput(
        "must be a social worker or case officer of the unit that holds the contact",
        "assigned_to");
  }
  if (disabled != 0) {
    return Status::InvalidInput("the user's account is disabled", "assigned_to");
  }
  return {};
}

}  // namespace

Result<Created<FollowUp>> SupportRegister::AddFollowUp(const Principal& who, int64_t contact_id,
                                                       const NewFollowUp& in,
                                                       const std::string& idempotency_key,
                                                       const RequestContext& ctx) {
  Created<FollowUp> out;
  SV_RETURN_IF_ERROR(WithContact(
      who, Permission::kRecordSupport, {"create", "follow_up", ""}, ctx,
      [contact_id](soci::session&) { return contact_id; },
      [&](soci::session& sql, const detail::ContactRow& contact) -> Status {
        if (in.due_on < contact.Date()) {
          return Status::InvalidInput(
              "must not be before the date of the contact (" + FormatDate(contact.Date()) + ")",
              "due_on");
        }
        const long long assignee = in.assigned_to.value_or(who.user.id);
        SV_RETURN_IF_ERROR(CheckAssignee(sql, assignee, contact.unit_id));
        const TimePoint now = clock_.Now();
        const CivilDate today = SwedishDate(now);
        const std::string due_on = FormatDate(in.due_on);
        detail::Fingerprint fingerprint;
        fingerprint.Add("due_on", due_on).Maybe("assigned_to", in.assigned_to);
        Result<std::optional<int64_t>> earlier = detail::ClaimKey(
            sql, who, idempotency_key, "follow_up:" + std::to_string(contact.id), fingerprint, now);
        if (!earlier.ok()) return earlier.status();
        if (*earlier) {
          Result<FollowUp> follow_up = OneFollowUp(sql, cipher_, **earlier, today);
          if (!follow_up.ok()) return follow_up.status();
          out.record = std::move(*follow_up);
          out.created = false;
          return Audit(sql, who, {"read", "follow_up", std::to_string(out.record.id)},
                       contact.CompartmentId(), "", kReplayDetail, ctx);
        }
        const long long contact_row = contact.id;
        const long long at = ToUnixMicros(now);
        const long long by = who.user.id;
        long long id = 0;
        sql << "INSERT INTO follow_ups (contact_id, due_on, assigned_to, created_at, created_by) "
               "VALUES (:c, :due, :to, :now, :by) RETURNING id",
            soci::use(contact_row), soci::use(due_on), soci::use(assignee), soci::use(at),
            soci::use(by), soci::into(id);
        SV_RETURN_IF_ERROR(detail::CompleteKey(sql, who, idempotency_key, id));
        Result<FollowUp> follow_up = OneFollowUp(sql, cipher_, id, today);
        if (!follow_up.ok()) return follow_up.status();
        out.record = std::move(*follow_up);
        return Audit(sql, who, {"create", "follow_up", std::to_string(id)}, contact.CompartmentId(),
                     "",
                     "contact " + std::to_string(contact.id) + ": due " + due_on +
                         ", assigned to user " + std::to_string(assignee),
                     ctx);
      }));
  return out;
}

Result<FollowUp> SupportRegister::RecordOutcome(const Principal& who, int64_t follow_up_id,
                                                const std::string& outcome,
                                                const RequestContext& ctx) {
  const Target target{"update", "follow_up", std::to_string(follow_up_id)};
  FollowUp out;
  SV_RETURN_IF_ERROR(WithContact(
      who, Permission::kRecordSupport, target, ctx,
      [follow_up_id](soci::session& sql) {
        return detail::ContactOf(sql, "follow_ups", "follow-up", follow_up_id);
      },
      [&](soci::session& sql, const detail::ContactRow& contact) -> Status {
        if (outcome.empty()) return Status::InvalidInput("is required", "outcome");
        if (outcome.size() > kMaxOutcomeBytes) {
          return Status::InvalidInput("at most " + std::to_string(kMaxOutcomeBytes) + " bytes",
                                      "outcome");
        }
        const TimePoint now = clock_.Now();
        const CivilDate today = SwedishDate(now);
        Result<FollowUp> current = OneFollowUp(sql, cipher_, follow_up_id, today);
        if (!current.ok()) return current.status();
        if (current->done_at) {
          return Status::Conflict("the follow-up was done on " +
                                  FormatDate(SwedishDate(*current->done_at)) +
                                  " and can no longer be changed");
        }
        const std::string sealed = cipher_.Encrypt(outcome, detail::kOutcomeData);
        const long long at = ToUnixMicros(now);
        const long long by = who.user.id;
        const long long id = follow_up_id;
        soci::statement update =
            (sql.prepare << "UPDATE follow_ups SET outcome_enc = :o, done_at = :at, done_by = :by "
                            "WHERE id = :id AND done_at IS NULL",
             soci::use(sealed), soci::use(at), soci::use(by), soci::use(id));
        update.execute(true);
        // Another request recorded an outcome since it was read above (PostgreSQL reads committed
        // rows, and waits on the row here).
        if (update.get_affected_rows() != 1) {
          return Status::Conflict("the follow-up was done meanwhile and can no longer be changed");
        }
        Result<FollowUp> done = OneFollowUp(sql, cipher_, id, today);
        if (!done.ok()) return done.status();
        out = std::move(*done);
        return Audit(sql, who, target, contact.CompartmentId(), "", "outcome recorded (done)", ctx);
      }));
  return out;
}

Result<std::vector<FollowUp>> SupportRegister::OpenFollowUps(const Principal& who,
                                                             bool overdue_only,
                                                             const RequestContext& ctx) {
  const Target target{"read", "follow_up", ""};
  SV_RETURN_IF_ERROR(AuthorizeOwn(who, Permission::kReadSupport, target, ctx));
  const CivilDate today = SwedishDate(clock_.Now());
  const std::string today_text = FormatDate(today);
  std::vector<FollowUp> out;
  SV_RETURN_IF_ERROR(database_.InTransaction([&](soci::session& sql) -> Status {
    const long long unit_id = who.unit.id;
    const long long me = who.user.id;
    std::vector<long long> ids;
    {
      long long id = 0;
      soci::details::prepare_temp_type p =
          (sql.prepare << "SELECT f.id FROM follow_ups f JOIN contacts c ON c.id = f.contact_id "
                          "WHERE c.unit_id = :u AND f.assigned_to = :me AND f.done_at IS NULL"
                       << (overdue_only ? " AND f.due_on < :today" : "")
                       << " ORDER BY f.due_on, f.id");
      p, soci::into(id), soci::use(unit_id), soci::use(me);
      if (overdue_only) p, soci::use(today_text);
      soci::statement st(p);
      st.execute();
      while (st.fetch()) ids.push_back(id);
    }
    for (long long id : ids) {
      Result<FollowUp> follow_up = OneFollowUp(sql, cipher_, id, today);
      if (!follow_up.ok()) return follow_up.status();
      out.push_back(std::move(*follow_up));
    }
    // A list of the caller's own work items (dates and ids; open ones have no outcome): one event.
    return Audit(sql, who, target,
                 security::CompartmentId(security::Compartment::kSocial, who.unit.id), "",
                 std::string(overdue_only ? "overdue" : "open") +
                     " follow-ups of the user: " + std::to_string(out.size()),
                 ctx);
  }));
  return out;
}

Result<Created<Consent>> SupportRegister::AddConsent(const Principal& who, int64_t contact_id,
                                                     const NewConsent& in,
                                                     const std::string& idempotency_key,
                                                     const RequestContext& ctx) {
  Created<Consent> out;
  SV_RETURN_IF_ERROR(WithContact(
      who, Permission::kRecordSupport, {"create", "consent", ""}, ctx,
      [contact_id](soci::session&) { return contact_id; },
      [&](soci::session& sql, const detail::ContactRow& contact) -> Status {
        const std::optional<ConsentScope> scope = ParseConsentScope(in.scope);
        if (!scope) {
          return Status::InvalidInput(
              in.scope.empty() ? "is required" : "must be share_with_police or statistics",
              "scope");
        }
        const std::optional<ConsentForm> form = ParseConsentForm(in.form);
        if (!form) {
          return Status::InvalidInput(in.form.empty() ? "is required" : "must be oral or written",
                                      "form");
        }
        const TimePoint now = clock_.Now();
        detail::Fingerprint fingerprint;
        fingerprint.Add("scope", in.scope).Add("form", in.form);
        Result<std::optional<int64_t>> earlier = detail::ClaimKey(
            sql, who, idempotency_key, "consent:" + std::to_string(contact.id), fingerprint, now);
        if (!earlier.ok()) return earlier.status();
        if (*earlier) {
          Result<Consent> consent = OneConsent(sql, **earlier);
          if (!consent.ok()) return consent.status();
          out.record = std::move(*consent);
          out.created = false;
          return Audit(sql, who, {"read", "consent", std::to_string(out.record.id)},
                       contact.CompartmentId(), "", kReplayDetail, ctx);
        }
        const long long contact_row = contact.id;
        const long long at = ToUnixMicros(now);
        const long long by = who.user.id;
        long long id = 0;
        sql << "INSERT INTO consents (contact_id, scope, form, given_at, recorded_by) "
               "VALUES (:c, :s, :f, :at, :by) RETURNING id",
            soci::use(contact_row), soci::use(in.scope), soci::use(in.form), soci::use(at),
            soci::use(by), soci::into(id);
        SV_RETURN_IF_ERROR(detail::CompleteKey(sql, who, idempotency_key, id));
        Result<Consent> consent = OneConsent(sql, id);
        if (!consent.ok()) return consent.status();
        out.record = std::move(*consent);
        return Audit(sql, who, {"create", "consent", std::to_string(id)}, contact.CompartmentId(),
                     "", "contact " + std::to_string(contact.id) + ": " + in.scope + ", " + in.form,
                     ctx);
      }));
  return out;
}

Result<Consent> SupportRegister::WithdrawConsent(const Principal& who, int64_t consent_id,
                                                 const RequestContext& ctx) {
  const Target target{"update", "consent", std::to_string(consent_id)};
  Consent out;
  SV_RETURN_IF_ERROR(WithContact(
      who, Permission::kRecordSupport, target, ctx,
      [consent_id](soci::session& sql) {
        return detail::ContactOf(sql, "consents", "consent", consent_id);
      },
      [&](soci::session& sql, const detail::ContactRow& contact) -> Status {
        Result<Consent> current = OneConsent(sql, consent_id);
        if (!current.ok()) return current.status();
        if (current->withdrawn_at) {
          return Status::Conflict("the consent was already withdrawn on " +
                                  FormatDate(SwedishDate(*current->withdrawn_at)));
        }
        const long long at = ToUnixMicros(clock_.Now());
        const long long by = who.user.id;
        const long long id = consent_id;
        soci::statement update =
            (sql.prepare << "UPDATE consents SET withdrawn_at = :at, withdrawn_by = :by "
                            "WHERE id = :id AND withdrawn_at IS NULL",
             soci::use(at), soci::use(by), soci::use(id));
        update.execute(true);
        if (update.get_affected_rows() != 1) {
          return Status::Conflict("the consent was withdrawn meanwhile");
        }
        Result<Consent> withdrawn = OneConsent(sql, id);
        if (!withdrawn.ok()) return withdrawn.status();
        out = std::move(*withdrawn);
        return Audit(sql, who, target, contact.CompartmentId(), "",
                     std::string(ConsentScopeName(out.scope)) + " withdrawn", ctx);
      }));
  return out;
}

}  // namespace sv::support
