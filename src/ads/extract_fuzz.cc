// libFuzzer: any bytes as an ad's body, read by ExtractObservation sentence by sentence
// (sentences.h). The sentences must make up the body; and what is found must be the same without
// a memo, with a memo that has seen every earlier input, and with one so small that sentences keep
// taking each other's places (extract.h: the memo only saves the reading). The body is read with
// location fields of each kind, as the first observation of an ad and as later ones, so that the
// municipality and `area_mismatch` are compared too.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// The location fields of an ad's first observation: none, a municipality (the body then decides
// `area_mismatch`), a county (the body's first municipality of that county), an ambiguous name,
// and nothing known.
constexpr std::string_view kFirstLocations[] = {"", "Umeå", "Skåne", "Vara", "centrum"};

// The ad after each of its observations, all with the body `o`: the first with each of
// kFirstLocations, then one whose field names nothing (with the municipality known, the body is
// asked for no place), then one whose field names a municipality (`area_mismatch`).
std::vector<sv::ads::AdRecord> Read(sv::ads::Observation o, sv::ads::SentenceMemo* memo) {
  static const sv::ads::PlaceFinder places = sv::ads::PlaceFinder::Embedded().value();
  std::vector<sv::ads::AdRecord> out;
  for (const std::string_view first : kFirstLocations) {
    sv::ads::AdRecord ad;
    std::string template_text;
    for (const std::string_view location :
         {first, std::string_view("centrum"), std::string_view("Lund")}) {
      o.location = location;
      sv::ads::ExtractObservation(o, places, ad, template_text, nullptr, memo);
      out.push_back(ad);
    }
  }
  return out;
}

bool SameFindings(const std::vector<sv::ads::AdRecord>& a,
                  const std::vector<sv::ads::AdRecord>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const auto& x, const auto& y) { return SameFindings(x, y); });
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
  const std::vector<sv::ads::AdRecord> plain = Read(o, nullptr);
  if (!SameFindings(Read(o, &warm), plain) || !SameFindings(Read(o, &warm), plain) ||
      !SameFindings(Read(o, &small), plain)) {
    __builtin_trap();
  }
  return 0;
}
