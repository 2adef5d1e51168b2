#pragma once
// Contacts as records that can be disclosed (disclosure::RecordSource): the fields a social
// worker may choose to disclose from a contact of their unit, and the consent check for a
// disclosure on the ground of consent (a recorded, not withdrawn consent to share with the
// police; social services record no consent to share with other social services).

#include "disclosure/disclosures.h"

namespace sv::security {
class FieldCipher;
}
namespace sv::persons {
class PersonRegister;
}

namespace sv::support {

class ContactDisclosure final : public disclosure::RecordSource {
 public:
  ContactDisclosure(const security::FieldCipher& cipher, const persons::PersonRegister& persons)
      : cipher_(cipher), persons_(persons) {}

  std::string_view record_type() const override { return "contact"; }
  // occurred_at, role, age, age_band, language, interpreter, offers, person_name, notes.
  Result<disclosure::DisclosableRecord> Load(soci::session& sql, int64_t id) const override;
  Result<std::optional<int64_t>> ConsentTo(soci::session& sql, int64_t id,
                                           security::Compartment to) const override;

 private:
  const security::FieldCipher& cipher_;
  const persons::PersonRegister& persons_;
};

}  // namespace sv::support
