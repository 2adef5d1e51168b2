#include "police/encounter_disclosure.h"

#include <soci/soci.h>

#include "persons/person_register.h"
#include "security/field_cipher.h"

namespace sv::police {

namespace {
// The associated data of encounters.notes (encounter_register.cc).
constexpr std::string_view kNotesData = "encounters.notes";
}  // namespace

Result<disclosure::DisclosableRecord> EncounterDisclosure::Load(soci::session& sql,
                                                                int64_t id) const {
  const long long key = id;
  long long unit = 0, occurred = 0, person = 0;
  int age = 0;
  std::string operation, role, band, offence, case_number, notes_enc;
  soci::indicator age_ind = soci::i_null, offence_ind = soci::i_null, case_ind = soci::i_null,
                  notes_ind = soci::i_null, person_ind = soci::i_null;
  sql << "SELECT e.unit_id, e.occurred_at, o.name, e.role, e.age, e.age_band, e.offence, "
         "e.case_number, e.notes_enc, e.person_id FROM encounters e "
         "JOIN operations o ON o.id = e.operation_id WHERE e.id = :id",
      soci::use(key), soci::into(unit), soci::into(occurred), soci::into(operation),
      soci::into(role), soci::into(age, age_ind), soci::into(band),
      soci::into(offence, offence_ind), soci::into(case_number, case_ind),
      soci::into(notes_enc, notes_ind), soci::into(person, person_ind);
  if (!sql.got_data()) return Status::NotFound("no encounter with id " + std::to_string(id));
  disclosure::DisclosableRecord r;
  r.compartment = security::Compartment::kPolice;
  r.unit_id = unit;
  auto add = [&r](std::string name, std::string value) {
    if (!value.empty()) r.fields.push_back({std::move(name), std::move(value)});
  };
  add("occurred_at", FormatRfc3339(FromUnixMicros(occurred)));
  add("operation", operation);
  add("role", role);
  if (age_ind == soci::i_ok) add("age", std::to_string(age));
  add("age_band", band);
  if (offence_ind == soci::i_ok) add("offence", offence);
  if (case_ind == soci::i_ok) add("case_number", case_number);
  if (person_ind == soci::i_ok) {
    Result<std::string> name = persons_.NameIn(sql, person);
    if (!name.ok()) return name.status();
    add("person_name", *name);
  }
  if (notes_ind == soci::i_ok) {
    Result<std::string> notes = cipher_.Decrypt(notes_enc, kNotesData);
    if (!notes.ok()) return notes.status();
    add("notes", *notes);
  }
  return r;
}

Result<std::optional<int64_t>> EncounterDisclosure::ConsentTo(soci::session&, int64_t,
                                                              security::Compartment) const {
  return std::optional<int64_t>();
}

}  // namespace sv::police
