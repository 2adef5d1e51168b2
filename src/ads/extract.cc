#include "ads/extract.h"

#include <algorithm>

#include "ads/ages.h"
#include "ads/emails.h"
#include "ads/phones.h"
#include "ads/places.h"
#include "ads/wording.h"
#include "ads/detail/stage_clock.h"

namespace sv::ads {

namespace {

void AddUnique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const std::string& s : from) {
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
  }
}

// FNV-1a over the bytes, with the length mixed in so that field boundaries count.
uint64_t Mix(uint64_t h, std::string_view s) {
  constexpr uint64_t kPrime = 0x100000001b3ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * kPrime;
  h = (h ^ s.size()) * kPrime;
  return (h ^ 0xff) * kPrime;
}

}  // namespace

void ExtractObservation(const Observation& o, const PlaceFinder& places, AdRecord& ad,
                        std::string& template_text, StageTimes* times) {
  detail::StageClock clock(times);
  FoundPhones phones;
  FindPhones(o.body, phones);
  FindPhones(o.title, phones);
  FindPhones(o.phone, phones);
  AddUnique(ad.phones, phones.numbers);
  ad.obfuscated_phone = ad.obfuscated_phone || phones.obfuscated;
  clock.Lap(&StageTimes::phones);

  FoundEmails emails;
  FindEmails(o.body, emails);
  FindEmails(o.title, emails);
  FindEmails(o.email, emails);
  AddUnique(ad.emails, emails.addresses);
  clock.Lap(&StageTimes::emails);

  AgeFindings ages = FindAges(o.body);
  AgeFindings title_ages = FindAges(o.title);
  ages.ages.insert(ages.ages.end(), title_ages.ages.begin(), title_ages.ages.end());
  AddAgeField(o.age, ages.ages);
  for (int a : ages.ages) {
    if (std::find(ad.ages.begin(), ad.ages.end(), a) == ad.ages.end()) ad.ages.push_back(a);
  }
  ad.child_wording = ad.child_wording || ages.child_wording || title_ages.child_wording;
  clock.Lap(&StageTimes::ages);

  std::vector<Price> prices;
  FindPrices(o.body, prices);
  AddPriceField(o.price, prices);
  for (const Price& p : prices) {
    if (std::find(ad.prices.begin(), ad.prices.end(), p) == ad.prices.end()) {
      ad.prices.push_back(p);
    }
  }
  clock.Lap(&StageTimes::prices);

  if (ad.municipality.empty()) ad.municipality = std::string(places.Find(o.location, o.body));
  clock.Lap(&StageTimes::places);
  if (template_text.empty()) template_text = o.body;
  AddUnique(ad.images, o.images);
  ad.trust_language = ad.trust_language || HasTrustLanguage(o.body) || HasTrustLanguage(o.title);
  ad.emoji_signal = ad.emoji_signal || HasEmojiSignal(o.body) || HasEmojiSignal(o.title);
  clock.Lap(&StageTimes::wording);
  if (!ad.area_mismatch && !o.location.empty() && !o.body.empty()) {
    // The body is read only when the location field names a municipality: else no mismatch.
    const std::string_view advertised = places.Find(o.location, "");
    if (!advertised.empty()) {
      const std::string_view named = places.Find("", o.body);
      ad.area_mismatch = !named.empty() && advertised != named;
    }
  }
  clock.Lap(&StageTimes::places);
}

uint64_t ContentHash(const Observation& o) {
  uint64_t h = 0xcbf29ce484222325ULL;
  h = Mix(h, AdKindName(o.kind));
  for (const std::string* field :
       {&o.body, &o.title, &o.location, &o.age, &o.phone, &o.email, &o.price, &o.url}) {
    h = Mix(h, *field);
  }
  for (const std::string& image : o.images) h = Mix(h, image);
  return h;
}

}  // namespace sv::ads
