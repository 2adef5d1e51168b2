#pragma once
// Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer):
// validation and a canonical form. The number itself is never stored: see Pseudonymizer.

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace sv::security {

struct IdentityNumber {
  std::string canonical;  // twelve digits, YYYYMMDDNNNC (a coordination number keeps day + 60)
  bool coordination = false;
};

// Accepts YYYYMMDD-NNNC, YYYYMMDDNNNC, YYMMDD-NNNC, YYMMDDNNNC and YYMMDD+NNNC (`+`: 100 years
// or older). Two-digit years resolve to the latest century that puts the birth date not after
// `today` (minus 100 years with `+`). Checks the date (for coordination numbers the day minus
// 60), and the Luhn check digit. Errors say which part is wrong, never echo the whole number.
Result<IdentityNumber> ParseIdentityNumber(std::string_view text, TimePoint today);

// True when `text` has the form and a real date of an identity number, whatever its check digit:
// a mistyped number is still personal data (used to keep it out of the joint space).
bool LooksLikeIdentityNumber(std::string_view text, TimePoint today);

// True when `digits` (ASCII digits only) passes the Luhn (mod 10) check.
bool LuhnValid(std::string_view digits);

}  // namespace sv::security
