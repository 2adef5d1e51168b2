#pragma once
// E-mail addresses in ad text (issue 7, "Extraction"), also written to evade matching
// ("anna (at) mail punkt se"), lower-cased (../shared/spec/ads.md, `emails`).

#include <string>
#include <string_view>
#include <vector>

namespace sv::ads {

struct FoundEmails {
  std::vector<std::string> addresses;  // lower case, sorted, unique
  // Some address was written with a stand-in for "@" or "." (" at ", "(at)", "[at]", "(a)",
  // "snabel-a", "snabela", a full-width "＠", " @ " with spaces, " punkt ", " dot ", "(dot)", …).
  bool obfuscated = false;
};

// Finds the e-mail addresses in `text` (UTF-8) and adds them to `found`, keeping `addresses`
// sorted and unique. An address needs a local part of ASCII letters, digits and "._%+-" and a
// domain of at least two labels whose last one is alphabetic (2–24 letters); when "@" or a dot
// was written as a word, the last label must also be a known top-level domain, so that prose
// ("we meet at the hotel. Dot…") gives nothing. Linear time; stateless and thread-safe.
void FindEmails(std::string_view text, FoundEmails& found);
FoundEmails FindEmails(std::string_view text);

}  // namespace sv::ads
