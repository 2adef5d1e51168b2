#pragma once
// Finds personal data in free text that must hold none: the joint space of an operation (its
// plan and log) is shared by police and social services, so text there is checked for personal
// identity numbers (also mistyped ones), phone numbers (libphonenumber's matcher, Swedish by
// default, in the written forms people use) and e-mail addresses. Linear in the text (RE2 and
// libphonenumber; no backtracking). Thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace sv::security {

enum class PersonalDataKind { kIdentityNumber, kPhoneNumber, kEmailAddress };

struct PersonalDataFinding {
  PersonalDataKind kind;
  std::size_t offset;  // in bytes
  std::size_t length;
};

// Every finding in `text`, by offset. Text over `max_bytes` is not scanned beyond that (callers
// refuse such text by its length first).
std::vector<PersonalDataFinding> FindPersonalData(std::string_view text, TimePoint today,
                                                  std::size_t max_bytes = 64 * 1024);

// kInvalidInput naming `field` and what was found (never the value itself), with reason
// "personal_data", or ok when the text holds none.
Status RefusePersonalData(std::string_view text, std::string_view field, TimePoint today);

}  // namespace sv::security
