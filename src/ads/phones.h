#pragma once
// Phone numbers in ad text (issue 7, "Extraction"): every number in a text, also when written to
// evade matching, as E.164 (../shared/spec/ads.md, `phones`).

#include <string>
#include <string_view>
#include <vector>

namespace sv::ads {

struct FoundPhones {
  std::vector<std::string> numbers;  // E.164 ("+46701234567"), sorted, unique
  // Some number was written to evade matching (the `obfuscated_phone` indicator): number words,
  // letters for digits, emoji keycap, full-width or mathematical digits, dots, slashes, unusual
  // spacing or digits split one by one. The ordinary Swedish ways ("070-123 45 67", "0701234567",
  // "+46 70 123 45 67", "08-123 456 78") are not.
  bool obfuscated = false;
};

// Finds the phone numbers in `text` (UTF-8; invalid bytes are skipped) and adds them to `found`,
// keeping `numbers` sorted and unique, so that the fields of one ad (title, body, phone field) can
// be gathered in one value. A number without a country code is read as Swedish; one written with
// "+" or "00" and a country code is kept in its own country. A number counts only when
// libphonenumber holds it valid for its region (IsValidNumber), so that prices, ages, postal codes
// and dates are not taken for numbers.
//
// Runs in time linear in the text: candidates are bounded to 17 digits, and at most
// kMaxPhoneChecks candidates of one call are checked against libphonenumber (hostile text with
// megabytes of number-like runs gets the numbers of its beginning). Stateless and thread-safe.
void FindPhones(std::string_view text, FoundPhones& found);
FoundPhones FindPhones(std::string_view text);

inline constexpr int kMaxPhoneChecks = 512;

// The same for a text read in pieces (the sentences of a body, sentences.h) that share the limit:
// `checks_left`, kMaxPhoneChecks at the first piece, is counted down by the candidates checked.
void FindPhones(std::string_view text, FoundPhones& found, int& checks_left);

// Whether FindPhones may read `word` (letters only) as digits: a number word ("sju", "Nio",
// "seven") or letters that stand for digits ("O", "lO", "Il").
bool MayStandForDigits(std::string_view word);

}  // namespace sv::ads
