#pragma once
// Wording in ad text that the evidence counts (DOMAIN.md, "Ads: what the evidence says about
// indicators"): "trustworthy" marketing language that insists the pictures or the person are real
// (stronger, NIJ/JIRN study), and the emoji codes investigators report (growing heart, cherry,
// crown, airplane), which are signals to show, not verdicts. Case-insensitive (also Å, Ä, Ö),
// linear in the text, without regular expressions.

#include <string_view>

namespace sv::ads {

// "100% äkta", "riktiga bilder", "verifierad", "inga fejk", "real pics", "no fake", "verified", …
bool HasTrustLanguage(std::string_view text);

// 💗 (growing heart), 🍒 (cherry), 👑 (crown), ✈ (airplane).
bool HasEmojiSignal(std::string_view text);

}  // namespace sv::ads
