#pragma once
// Encounters as records that can be disclosed (disclosure::RecordSource): the fields an officer
// may choose to disclose from an encounter of their unit. Encounters hold no consent records
// (those are kept by social services), so a disclosure of an encounter on the ground of consent
// is always refused.

#include "disclosure/disclosures.h"

namespace sv::security {
class FieldCipher;
}
namespace sv::persons {
class PersonRegister;
}

namespace sv::police {

class EncounterDisclosure final : public disclosure::RecordSource {
 public:
  EncounterDisclosure(const security::FieldCipher& cipher, const persons::PersonRegister& persons)
      : cipher_(cipher), persons_(persons) {}

  std::string_view record_type() const override { return "encounter"; }
  // occurred_at, operation, role, age, age_band, offence, case_number, person_name, notes.
  Result<disclosure::DisclosableRecord> Load(soci::session& sql, int64_t id) const override;
  Result<std::optional<int64_t>> ConsentTo(soci::session& sql, int64_t id,
                                           security::Compartment to) const override;

 private:
  const security::FieldCipher& cipher_;
  const persons::PersonRegister& persons_;
};

}  // namespace sv::police
