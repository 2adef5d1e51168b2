// libFuzzer: any bytes as an ad's body, read by ExtractObservation sentence by sentence
// (sentences.h). The sentences must make up the body; and what is found must be the same without
// a memo, with a memo that has seen every earlier input, and with one so small that sentences keep
// taking each other's places (extract.h: the memo only saves the reading).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ads/extract.h"
#include "ads/places.h"
#include "ads/sentences.h"

namespace {

bool SameFindings(const sv::ads::AdRecord& a, const sv::ads::AdRecord& b) {
  return a.phones == b.phones && a.emails == b.emails && a.ages == b.ages &&
         a.prices == b.prices && a.municipality == b.municipality &&
         a.obfuscated_phone == b.obfuscated_phone && a.child_wording == b.child_wording &&
         a.trust_language == b.trust_language && a.emoji_signal == b.emoji_signal &&
         a.area_mismatch == b.area_mismatch;
}

sv::ads::AdRecord Read(const sv::ads::Observation& o, sv::ads::SentenceMemo* memo) {
  static const sv::ads::PlaceFinder places = sv::ads::PlaceFinder::Embedded().value();
  sv::ads::AdRecord ad;
  std::string template_text;
  sv::ads::ExtractObservation(o, places, ad, template_text, nullptr, memo);
  return ad;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sv::ads::SentenceMemo warm;
  static sv::ads::SentenceMemo small(8);
  sv::ads::Observation o;
  o.body.assign(reinterpret_cast<const char*>(data), size);
  std::size_t at = 0;
  sv::ads::ForEachSentence(o.body, [&](std::string_view s) {
    if (s.empty() || s.data() != o.body.data() + at) __builtin_trap();
    at += s.size();
  });
  if (at != size) __builtin_trap();
  const sv::ads::AdRecord plain = Read(o, nullptr);
  if (!SameFindings(Read(o, &warm), plain) || !SameFindings(Read(o, &warm), plain) ||
      !SameFindings(Read(o, &small), plain)) {
    __builtin_trap();
  }
  return 0;
}
