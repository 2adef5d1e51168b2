#pragma once
// The language of an ad's body (../shared/spec/ads.md, `language`), by CLD2.

#include <cstddef>
#include <string_view>

namespace sv::ads {

// Below this many bytes the body is too short to tell.
inline constexpr std::size_t kMinLanguageBytes = 20;
// Only the first this many bytes are read: enough to tell, and bounds the work.
inline constexpr std::size_t kMaxLanguageBytes = 128;

// The ISO 639-1 code of the body's language ("sv", "en"), or "" when the body is too short, the
// detection is not reliable, or the language has no two-letter code. Invalid UTF-8 ends the text
// read. Stateless: may be called from many threads at once; no allocation.
std::string_view BodyLanguage(std::string_view body);

// The part of `body` that BodyLanguage reads (its first kMaxLanguageBytes bytes, not splitting a
// character): BodyLanguage(LanguageSample(b)) == BodyLanguage(b), so a caller may keep the sample
// alone and detect later.
std::string_view LanguageSample(std::string_view body);

}  // namespace sv::ads
