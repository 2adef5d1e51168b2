#include "support/contact_disclosure.h"

#include "persons/person_register.h"
#include "support/detail/records.h"

namespace sv::support {

Result<disclosure::DisclosableRecord> ContactDisclosure::Load(soci::session& sql,
                                                              int64_t id) const {
  detail::ContactRow row;
  if (!detail::LoadContactRow(sql, id, row)) {
    return Status::NotFound("no contact with id " + std::to_string(id));
  }
  Result<Contact> contact = detail::ToContact(row, cipher_);
  if (!contact.ok()) return contact.status();
  disclosure::DisclosableRecord r;
  r.compartment = security::Compartment::kSocial;
  r.unit_id = contact->unit_id;
  auto add = [&r](std::string name, std::string value) {
    if (!value.empty()) r.fields.push_back({std::move(name), std::move(value)});
  };
  add("occurred_at", FormatRfc3339(contact->occurred_at));
  add("role", std::string(ContactRoleName(contact->role)));
  if (contact->age) add("age", std::to_string(*contact->age));
  add("age_band", contact->age_band);
  add("language", contact->language.value_or(""));
  if (contact->interpreter) add("interpreter", "yes");
  std::string offers;
  for (const Offer& o : detail::SelectOffers(sql, "contact_id", id)) {
    offers += (offers.empty() ? "" : "; ") + o.kind + ": " + std::string(OfferAnswerName(o.answer));
  }
  add("offers", offers);
  if (contact->person_id) {
    Result<std::string> name = persons_.NameIn(sql, *contact->person_id);
    if (!name.ok()) return name.status();
    add("person_name", *name);
  }
  add("notes", contact->notes);
  return r;
}

Result<std::optional<int64_t>> ContactDisclosure::ConsentTo(soci::session& sql, int64_t id,
                                                            security::Compartment to) const {
  if (to != security::Compartment::kPolice) return std::optional<int64_t>();
  for (const Consent& c : detail::SelectConsents(sql, "contact_id", id)) {
    if (c.scope == ConsentScope::kShareWithPolice && c.active()) {
      return std::optional<int64_t>(c.id);
    }
  }
  return std::optional<int64_t>();
}

}  // namespace sv::support
