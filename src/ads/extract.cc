#include "ads/extract.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ads/ages.h"
#include "ads/emails.h"
#include "ads/phones.h"
#include "ads/places.h"
#include "ads/prices.h"
#include "ads/wording.h"
#include "ads/detail/stage_clock.h"

namespace sv::ads {

namespace {

// Appends to `to` the values of `from` it does not hold yet, in the order of `from`. An empty
// `to` (the ad's first observation read; most ads have only one) is first given room for all of
// `from`: one allocation rather than one per doubling.
void AddUnique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  if (to.empty()) to.reserve(from.size());
  for (const std::string& s : from) {
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
  }
}

// The same, moving the values out of `from` (found for this observation only): an address
// longer than a short string is not copied to the heap again.
template <typename T>
void MoveUnique(std::vector<T>& to, std::vector<T>& from) {
  if (to.empty()) to.reserve(from.size());
  for (T& v : from) {
    if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(std::move(v));
  }
}

// FNV-1a over the bytes, with the length mixed in so that field boundaries count.
uint64_t Mix(uint64_t h, std::string_view s) {
  constexpr uint64_t kPrime = 0x100000001b3ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * kPrime;
  h = (h ^ s.size()) * kPrime;
  return (h ^ 0xff) * kPrime;
}

// What one observation's extractors find, before it is added to the ad. Kept per thread and
// cleared, not freed, between calls: the vectors keep their capacity, so that extracting an
// observation allocates only what the ad's record keeps, not four to six vectors a call.
struct Found {
  FoundPhones phones;
  FoundEmails emails;
  std::vector<int> ages;
  std::vector<Price> prices;
};

Found& ClearedFound() {
  thread_local Found found;
  found.phones.numbers.clear();
  found.phones.obfuscated = false;
  found.emails.addresses.clear();
  found.emails.obfuscated = false;
  found.ages.clear();
  found.prices.clear();
  return found;
}

}  // namespace

void ExtractObservation(const Observation& o, const PlaceFinder& places, AdRecord& ad,
                        std::string& template_text, StageTimes* times) {
  detail::StageClock clock(times);
  Found& found = ClearedFound();
  FoundPhones& phones = found.phones;
  FindPhones(o.body, phones);
  FindPhones(o.title, phones);
  FindPhones(o.phone, phones);
  MoveUnique(ad.phones, phones.numbers);
  ad.obfuscated_phone = ad.obfuscated_phone || phones.obfuscated;
  clock.Lap(&StageTimes::phones);

  FoundEmails& emails = found.emails;
  FindEmails(o.body, emails);
  FindEmails(o.title, emails);
  FindEmails(o.email, emails);
  MoveUnique(ad.emails, emails.addresses);
  clock.Lap(&StageTimes::emails);

  const AgeFindings body_ages = FindAges(o.body);
  const AgeFindings title_ages = FindAges(o.title);
  std::vector<int>& ages = found.ages;
  ages.insert(ages.end(), body_ages.ages.begin(), body_ages.ages.end());
  ages.insert(ages.end(), title_ages.ages.begin(), title_ages.ages.end());
  AddAgeField(o.age, ages);
  MoveUnique(ad.ages, ages);
  ad.child_wording = ad.child_wording || body_ages.child_wording || title_ages.child_wording;
  clock.Lap(&StageTimes::ages);

  std::vector<Price>& prices = found.prices;
  FindPrices(o.body, prices);
  AddPriceField(o.price, prices);
  MoveUnique(ad.prices, prices);
  clock.Lap(&StageTimes::prices);

  // The municipality the location field names alone decides both the ad's municipality (then the
  // body is not read for it) and whether the body names another (`area_mismatch`; the body is
  // read only then): the field is read once for both.
  const bool mismatch_open = !ad.area_mismatch && !o.body.empty();
  std::string_view advertised;
  if (!o.location.empty() && (ad.municipality.empty() || mismatch_open)) {
    advertised = places.Find(o.location, "");
  }
  if (ad.municipality.empty()) {
    ad.municipality = advertised.empty() ? places.Find(o.location, o.body) : advertised;
  }
  if (mismatch_open && !advertised.empty()) {
    const std::string_view named = places.Find("", o.body);
    ad.area_mismatch = !named.empty() && advertised != named;
  }
  clock.Lap(&StageTimes::places);
  if (template_text.empty()) template_text = o.body;
  AddUnique(ad.images, o.images);
  ad.trust_language = ad.trust_language || HasTrustLanguage(o.body) || HasTrustLanguage(o.title);
  ad.emoji_signal = ad.emoji_signal || HasEmojiSignal(o.body) || HasEmojiSignal(o.title);
  clock.Lap(&StageTimes::wording);
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
