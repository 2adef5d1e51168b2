#include "http/support_api.h"

#include <charconv>
#include <limits>

#include "http/gate.h"
#include "http/json.h"
#include "persons/age.h"
#include "support/support_register.h"

namespace sv::http {
namespace {

using nlohmann::json;
using security::Principal;
using support::SupportRegister;

constexpr std::size_t kMaxCodeBytes = 64;
constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();

json OptionalTime(const std::optional<TimePoint>& t) {
  return t ? json(FormatRfc3339(*t)) : json(nullptr);
}

json ContactJson(const support::Contact& c) {
  return {{"id", c.id},
          {"operation_id", Nullable(c.operation_id)},
          {"compartment", security::CompartmentId(security::Compartment::kSocial, c.unit_id)},
          {"role", support::ContactRoleName(c.role)},
          {"person_id", Nullable(c.person_id)},
          {"age", Nullable(c.age)},
          {"age_band", c.age_band},
          {"language", Nullable(c.language)},
          {"interpreter", c.interpreter},
          {"notes", c.notes},
          {"occurred_at", FormatRfc3339(c.occurred_at)},
          {"created_at", FormatRfc3339(c.created_at)},
          {"created_by", c.created_by}};
}

json OfferJson(const support::Offer& o) {
  return {{"id", o.id},
          {"contact_id", o.contact_id},
          {"kind", o.kind},
          {"answer", support::OfferAnswerName(o.answer)},
          {"created_at", FormatRfc3339(o.created_at)},
          {"updated_at", FormatRfc3339(o.updated_at)}};
}

json ReferralJson(const support::Referral& r) {
  json transitions = json::array();
  for (const auto& t : r.transitions) {
    transitions.push_back({{"from", support::ReferralStateName(t.from)},
                           {"to", support::ReferralStateName(t.to)},
                           {"reason", Nullable(t.reason)},
                           {"at", FormatRfc3339(t.at)},
                           {"user_id", t.user_id}});
  }
  return {{"id", r.id},
          {"contact_id", r.contact_id},
          {"kind", r.kind},
          {"state", support::ReferralStateName(r.state)},
          {"decline_reason", Nullable(r.decline_reason)},
          {"due_on", r.due_on ? json(FormatDate(*r.due_on)) : json(nullptr)},
          {"created_at", FormatRfc3339(r.created_at)},
          {"updated_at", FormatRfc3339(r.updated_at)},
          {"transitions", transitions}};
}

json FollowUpJson(const support::FollowUp& f) {
  return {{"id", f.id},
          {"contact_id", f.contact_id},
          {"due_on", FormatDate(f.due_on)},
          {"assigned_to", f.assigned_to},
          {"outcome", Nullable(f.outcome)},
          {"done_at", OptionalTime(f.done_at)},
          {"overdue", f.overdue}};
}

json ConsentJson(const support::Consent& c) {
  return {{"id", c.id},
          {"contact_id", c.contact_id},
          {"scope", support::ConsentScopeName(c.scope)},
          {"form", support::ConsentFormName(c.form)},
          {"given_at", FormatRfc3339(c.given_at)},
          {"withdrawn_at", OptionalTime(c.withdrawn_at)}};
}

json ContactFileJson(const support::ContactFile& file) {
  json out = ContactJson(file.contact);
  json offers = json::array(), referrals = json::array(), follow_ups = json::array(),
       consents = json::array();
  for (const auto& o : file.offers) offers.push_back(OfferJson(o));
  for (const auto& r : file.referrals) referrals.push_back(ReferralJson(r));
  for (const auto& f : file.follow_ups) follow_ups.push_back(FollowUpJson(f));
  for (const auto& c : file.consents) consents.push_back(ConsentJson(c));
  out["offers"] = offers;
  out["referrals"] = referrals;
  out["follow_ups"] = follow_ups;
  out["consents"] = consents;
  return out;
}

// 201 for a new record, 200 for the one an earlier request with the same idempotency key made.
template <typename T, typename F>
Response CreatedReply(const Result<support::Created<T>>& r, F to_json) {
  return Reply(r, [&to_json](const support::Created<T>& c) {
    return JsonResponse(c.created ? 201 : 200, to_json(c.record));
  });
}

// `?overdue=true`; absent or false: all open ones.
Result<bool> OverdueFlag(const Request& r) {
  const std::string v = r.Query("overdue").value_or("");
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  return Status::InvalidInput("must be true or false", "overdue");
}

void AddContactRoutes(Router& router, Gate& gate, SupportRegister& support) {
  router.Add(Method::kPost, "/api/v1/contacts",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               support::NewContact c;
               c.operation_id = in.Integer("operation_id", 1, kMaxId);
               c.role = in.RequiredString("role", kMaxCodeBytes);
               c.identity_number = in.String("identity_number", 32).value_or("");
               std::optional<int64_t> age = in.Integer("age", 0, persons::kMaxAge);
               if (age) c.age = static_cast<int>(*age);
               c.age_band = in.String("age_band", kMaxCodeBytes).value_or("");
               c.language = in.String("language", kMaxCodeBytes).value_or("");
               c.interpreter = in.Bool("interpreter").value_or(false);
               c.notes = in.String("notes", support::kMaxNotesBytes).value_or("");
               c.occurred_at = in.Time("occurred_at");
               if (!in.ok()) return ErrorResponse(in.status());
               return CreatedReply(
                   support.CreateContact(who, c, IdempotencyKey(r), gate.Context(r)), ContactJson);
             }));
  router.Add(Method::kGet, "/api/v1/contacts",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<std::optional<int64_t>> operation_id = QueryId(r, "operation_id");
               if (!operation_id.ok()) return ErrorResponse(operation_id.status());
               return Reply(support.ListContacts(who, *operation_id,
                                                 r.Query("purpose").value_or(""), gate.Context(r)),
                            [](const std::vector<support::Contact>& contacts) {
                              json list = json::array();
                              for (const auto& c : contacts) list.push_back(ContactJson(c));
                              return JsonResponse(200, {{"contacts", list}});
                            });
             }));
  router.Add(Method::kGet, "/api/v1/contacts/{id}",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(
                   support.GetContact(who, *id, r.Query("purpose").value_or(""), gate.Context(r)),
                   [](const support::ContactFile& file) {
                     return JsonResponse(200, ContactFileJson(file));
                   });
             }));
  router.Add(Method::kPatch, "/api/v1/contacts/{id}",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               support::ContactChanges changes;
               changes.language = in.String("language", kMaxCodeBytes);
               changes.interpreter = in.Bool("interpreter");
               changes.notes = in.String("notes", support::kMaxNotesBytes);
               if (!in.ok()) return ErrorResponse(in.status());
               return Reply(
                   support.UpdateContact(who, *id, changes, gate.Context(r)),
                   [](const support::Contact& c) { return JsonResponse(200, ContactJson(c)); });
             }));
}

void AddOfferAndReferralRoutes(Router& router, Gate& gate, SupportRegister& support) {
  router.Add(Method::kPost, "/api/v1/contacts/{id}/offers",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               support::NewOffer offer;
               offer.kind = in.String("kind", kMaxCodeBytes).value_or("");
               offer.answer = in.String("answer", kMaxCodeBytes).value_or("");
               if (!in.ok()) return ErrorResponse(in.status());
               return CreatedReply(
                   support.AddOffer(who, *id, offer, IdempotencyKey(r), gate.Context(r)),
                   OfferJson);
             }));
  router.Add(Method::kPatch, "/api/v1/offers/{id}",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               const std::string answer = in.String("answer", kMaxCodeBytes).value_or("");
               if (!in.ok()) return ErrorResponse(in.status());
               return Reply(
                   support.AnswerOffer(who, *id, answer, gate.Context(r)),
                   [](const support::Offer& o) { return JsonResponse(200, OfferJson(o)); });
             }));
  router.Add(Method::kPost, "/api/v1/contacts/{id}/referrals",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               support::NewReferral referral;
               referral.kind = in.String("kind", kMaxCodeBytes).value_or("");
               referral.due_on = in.Date("due_on");
               if (!in.ok()) return ErrorResponse(in.status());
               return CreatedReply(
                   support.AddReferral(who, *id, referral, IdempotencyKey(r), gate.Context(r)),
                   ReferralJson);
             }));
  router.Add(Method::kPost, "/api/v1/referrals/{id}/transitions",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               const std::string to = in.String("to", kMaxCodeBytes).value_or("");
               const std::string reason =
                   in.String("reason", support::kMaxReasonBytes).value_or("");
               if (!in.ok()) return ErrorResponse(in.status());
               return Reply(support.MoveReferral(who, *id, to, reason, gate.Context(r)),
                            [](const support::Referral& referral) {
                              return JsonResponse(200, ReferralJson(referral));
                            });
             }));
  router.Add(Method::kGet, "/api/v1/referrals",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<bool> overdue = OverdueFlag(r);
               if (!overdue.ok()) return ErrorResponse(overdue.status());
               return Reply(support.OpenReferrals(who, *overdue, gate.Context(r)),
                            [](const std::vector<support::Referral>& referrals) {
                              json list = json::array();
                              for (const auto& x : referrals) list.push_back(ReferralJson(x));
                              return JsonResponse(200, {{"referrals", list}});
                            });
             }));
}

void AddFollowUpAndConsentRoutes(Router& router, Gate& gate, SupportRegister& support) {
  router.Add(Method::kPost, "/api/v1/contacts/{id}/follow-ups",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               const std::optional<CivilDate> due_on = in.Date("due_on");
               support::NewFollowUp follow_up;
               follow_up.assigned_to = in.Integer("assigned_to", 1, kMaxId);
               if (!in.ok()) return ErrorResponse(in.status());
               if (!due_on) return ErrorResponse(Status::InvalidInput("is required", "due_on"));
               follow_up.due_on = *due_on;
               return CreatedReply(
                   support.AddFollowUp(who, *id, follow_up, IdempotencyKey(r), gate.Context(r)),
                   FollowUpJson);
             }));
  router.Add(
      Method::kPost, "/api/v1/follow-ups/{id}/outcome",
      WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
        Result<int64_t> id = IdParam(r, "id");
        if (!id.ok()) return ErrorResponse(id.status());
        Result<json> body = ParseJsonObject(r);
        if (!body.ok()) return ErrorResponse(body.status());
        BodyReader in(*body);
        const std::string outcome = in.String("outcome", support::kMaxOutcomeBytes).value_or("");
        if (!in.ok()) return ErrorResponse(in.status());
        return Reply(support.RecordOutcome(who, *id, outcome, gate.Context(r)),
                     [](const support::FollowUp& f) { return JsonResponse(200, FollowUpJson(f)); });
      }));
  router.Add(Method::kGet, "/api/v1/follow-ups",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<bool> overdue = OverdueFlag(r);
               if (!overdue.ok()) return ErrorResponse(overdue.status());
               return Reply(support.OpenFollowUps(who, *overdue, gate.Context(r)),
                            [](const std::vector<support::FollowUp>& follow_ups) {
                              json list = json::array();
                              for (const auto& f : follow_ups) list.push_back(FollowUpJson(f));
                              return JsonResponse(200, {{"follow_ups", list}});
                            });
             }));
  router.Add(Method::kPost, "/api/v1/contacts/{id}/consents",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               Result<json> body = ParseJsonObject(r);
               if (!body.ok()) return ErrorResponse(body.status());
               BodyReader in(*body);
               support::NewConsent consent;
               consent.scope = in.String("scope", kMaxCodeBytes).value_or("");
               consent.form = in.String("form", kMaxCodeBytes).value_or("");
               if (!in.ok()) return ErrorResponse(in.status());
               return CreatedReply(
                   support.AddConsent(who, *id, consent, IdempotencyKey(r), gate.Context(r)),
                   ConsentJson);
             }));
  // No body: the consent and the caller say everything.
  router.Add(Method::kPost, "/api/v1/consents/{id}/withdraw",
             WithPrincipal(gate, [&gate, &support](const Request& r, const Principal& who) {
               Result<int64_t> id = IdParam(r, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               return Reply(
                   support.WithdrawConsent(who, *id, gate.Context(r)),
                   [](const support::Consent& c) { return JsonResponse(200, ConsentJson(c)); });
             }));
}

}  // namespace

void AddSupportRoutes(Router& router, ApiServices& services) {
  AddContactRoutes(router, services.gate, services.support);
  AddOfferAndReferralRoutes(router, services.gate, services.support);
  AddFollowUpAndConsentRoutes(router, services.gate, services.support);
}

}  // namespace sv::http
