#include "ads/extract.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ads/ages.h"
#include "ads/emails.h"
#include "ads/phones.h"
#include "ads/places.h"
#include "ads/prices.h"
#include "ads/sentences.h"
#include "ads/wording.h"
#include "ads/detail/fast_hash.h"
#include "ads/detail/table_memory.h"
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

// What one sentence of a body says, or (as it is added up) the whole body.
struct Findings {
  FoundPhones phones;
  FoundEmails emails;
  AgeFindings ages;
  std::vector<Price> prices;
  bool trust_language = false;
  bool emoji_signal = false;

  bool SaysNothing() const {
    return phones.numbers.empty() && !phones.obfuscated && emails.addresses.empty() &&
           !emails.obfuscated && ages.ages.empty() && !ages.child_wording && prices.empty() &&
           !trust_language && !emoji_signal;
  }

  // Clears the values, not their memory: kept per thread between calls, the vectors keep their
  // capacity, so that reading a body allocates only what the ad's record keeps.
  void Clear() {
    phones.numbers.clear();
    phones.obfuscated = false;
    emails.addresses.clear();
    emails.obfuscated = false;
    ages.ages.clear();
    ages.child_wording = false;
    prices.clear();
    trust_language = emoji_signal = false;
  }

  // Adds what a sentence says, after the sentences before it.
  void Add(const Findings& sentence) {
    if (sentence.SaysNothing()) return;
    AddSorted(phones.numbers, sentence.phones.numbers);
    phones.obfuscated = phones.obfuscated || sentence.phones.obfuscated;
    AddSorted(emails.addresses, sentence.emails.addresses);
    emails.obfuscated = emails.obfuscated || sentence.emails.obfuscated;
    ages.ages.insert(ages.ages.end(), sentence.ages.ages.begin(), sentence.ages.ages.end());
    ages.child_wording = ages.child_wording || sentence.ages.child_wording;
    // As FindPrices over the whole body: the first kMaxPrices different ones, in order.
    for (const Price& p : sentence.prices) {
      if (prices.size() < kMaxPrices && std::find(prices.begin(), prices.end(), p) == prices.end()) {
        prices.push_back(p);
      }
    }
    trust_language = trust_language || sentence.trust_language;
    emoji_signal = emoji_signal || sentence.emoji_signal;
  }

 private:
  // Adds the values of `from` to `to`, both sorted and unique, keeping `to` so.
  static void AddSorted(std::vector<std::string>& to, const std::vector<std::string>& from) {
    for (const std::string& v : from) {
      const auto at = std::lower_bound(to.begin(), to.end(), v);
      if (at == to.end() || *at != v) to.insert(at, v);
    }
  }
};

// Reads one sentence into `f` (cleared), with `checks_left` as FindPhones counts it down.
void ReadSentence(std::string_view sentence, Findings& f, int& checks_left,
                  detail::StageClock& clock) {
  f.Clear();
  FindPhones(sentence, f.phones, checks_left);
  clock.Lap(&StageTimes::phones);
  FindEmails(sentence, f.emails);
  clock.Lap(&StageTimes::emails);
  FindAges(sentence, f.ages);
  clock.Lap(&StageTimes::ages);
  FindPrices(sentence, f.prices);
  clock.Lap(&StageTimes::prices);
  f.trust_language = HasTrustLanguage(sentence);
  f.emoji_signal = HasEmojiSignal(sentence);
  clock.Lap(&StageTimes::wording);
}

// A sentence's place in a SentenceMemo: its 128-bit hash (0, 0: a free place), and what it says:
// `record` 0 for nothing, else the number + 1 of its Findings; `checks`, the candidates FindPhones
// checked in it; `places`, the municipalities it names, in the bytes `checks` leaves free (most
// sentences that name a place say nothing else, and need no record). A body is asked for its
// first municipality only, and only by some observations: a sentence is read for places when one
// asks (`places_read`), at most once.
struct MemoSlot {
  uint64_t a = 0;
  uint64_t b = 0;
  uint32_t record = 0;
  uint16_t checks : 15 = 0;
  uint16_t places_read : 1 = 0;
  PlaceFinder::Named places;
};
static_assert(kMaxPhoneChecks < (1 << 15) && sizeof(MemoSlot) == 24);

// The municipality an observation asks its body for (see ExtractObservation), and the first one
// found as its sentences are read.
struct BodyPlace {
  bool wanted = false;
  int16_t county = -1;  // only one of this county, when >= 0
  int16_t found = -1;

  bool Open() const { return wanted && found < 0; }
};

// Per thread, cleared between calls (see Findings::Clear).
struct Scratch {
  Findings body;
  Findings said;  // by one sentence
  AgeFindings title_ages;
  struct Sentence {
    std::string_view text;
    uint64_t key[2];
  };
  std::vector<Sentence> sentences;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace

struct SentenceMemo::Impl {
  using Slot = MemoSlot;

  // The whole table from the start: one that started small and doubled as sentences came cost
  // about 0.7 µs per ad at 100,000 ads (sentences lost while it was small, and the moves).
  explicit Impl(std::size_t sentences)
      : slots(std::max<std::size_t>(2, std::bit_ceil(sentences))) {}

  // In pairs: a sentence has the two places of its pair.
  detail::TableSlots<Slot> slots;
  std::vector<Findings> records;
  std::vector<uint32_t> free_records;

  static void Hash(std::string_view sentence, uint64_t (&key)[2]) {
    detail::Hash128(sentence, key);
    if (key[0] == 0 && key[1] == 0) key[0] = 1;  // 0, 0 marks a free place
  }
  std::size_t Pair(const uint64_t* key) const {
    return static_cast<std::size_t>(key[1]) & (slots.size() - 2);  // even: the first of a pair
  }

  void Prefetch(const uint64_t* key) const { __builtin_prefetch(&slots[Pair(key)]); }

  Slot* Find(const uint64_t* key) {
    Slot* pair = &slots[Pair(key)];
    for (int i = 0; i < 2; ++i) {
      if (pair[i].a == key[0] && pair[i].b == key[1]) return &pair[i];
    }
    return nullptr;
  }

  // Remembers what the sentence with `key` says (`f`, emptied; `places`, unless nullptr: not
  // read), which took `checks`: in the first place of its pair, the other one's sentence kept in
  // the second, the older one's forgotten.
  void Remember(const uint64_t* key, Findings& f, int checks, const PlaceFinder::Named* places) {
    Slot* pair = &slots[Pair(key)];
    if (pair[1].record != 0) free_records.push_back(pair[1].record - 1);
    pair[1] = pair[0];
    Slot& slot = pair[0];
    slot = Slot{};
    slot.a = key[0];
    slot.b = key[1];
    slot.checks = static_cast<uint16_t>(checks) & 0x7FFF;
    if (places != nullptr) {
      slot.places = *places;
      slot.places_read = 1;
    }
    if (f.SaysNothing()) return;
    if (free_records.empty()) {
      records.emplace_back();
      free_records.push_back(static_cast<uint32_t>(records.size() - 1));
    }
    const uint32_t r = free_records.back();
    free_records.pop_back();
    std::swap(records[r], f);
    slot.record = r + 1;
  }
};

SentenceMemo::SentenceMemo(std::size_t sentences) : impl_(std::make_unique<Impl>(sentences)) {}
SentenceMemo::~SentenceMemo() = default;

void ExtractObservation(const Observation& o, const PlaceFinder& places, AdRecord& ad,
                        std::string& template_text, StageTimes* times, SentenceMemo* memo) {
  detail::StageClock clock(times);
  Scratch& scratch = ThreadScratch();
  Findings& body = scratch.body;
  body.Clear();

  // The location field alone decides the ad's municipality when it names one (then the body is
  // not read for it), and whether the body names another (`area_mismatch`; asked of the body
  // only then): the field is read once for both. So the body is asked for one municipality at
  // most: the first it names (of the county the field names, if any) for the ad's, or the first
  // it names, to set against the field's.
  const bool mismatch_open = !ad.area_mismatch && !o.body.empty();
  PlaceFinder::FieldPlace field;
  if (!o.location.empty() && (ad.municipality.empty() || mismatch_open)) {
    field = places.ReadLocation(o.location);
  }
  const bool for_municipality = ad.municipality.empty() && field.municipality < 0;
  const bool for_mismatch = mismatch_open && field.municipality >= 0;
  BodyPlace place{.wanted = for_municipality || for_mismatch,
                  .county = for_municipality ? field.county : int16_t{-1}};
  clock.Lap(&StageTimes::places);

  // The body, sentence by sentence; FindPhones's limit for the whole of it.
  int checks_left = kMaxPhoneChecks;
  if (memo == nullptr) {
    ForEachSentence(o.body, [&](std::string_view s) {
      ReadSentence(s, scratch.said, checks_left, clock);
      body.Add(scratch.said);
      if (place.Open()) {
        place.found = places.FirstNamed(s, place.county);
        clock.Lap(&StageTimes::places);
      }
    });
  } else {
    SentenceMemo::Impl& m = *memo->impl_;
    // Every sentence hashed and its place asked of memory first: the table is larger than the
    // cache, and the misses then wait together.
    scratch.sentences.clear();
    ForEachSentence(o.body, [&](std::string_view s) {
      Scratch::Sentence& sentence = scratch.sentences.emplace_back();
      sentence.text = s;
      SentenceMemo::Impl::Hash(s, sentence.key);
      m.Prefetch(sentence.key);
    });
    // Then the records of the sentences found asked for, likewise.
    for (const Scratch::Sentence& sentence : scratch.sentences) {
      if (const MemoSlot* known = m.Find(sentence.key); known != nullptr && known->record != 0) {
        __builtin_prefetch(&m.records[known->record - 1]);
      }
    }
    clock.Lap(&StageTimes::sentences);
    for (const Scratch::Sentence& sentence : scratch.sentences) {
      // What a sentence was remembered to say holds unless FindPhones's limit would now stop
      // within it (a hostile body of countless number-like sentences). Looked up again here:
      // a sentence remembered before it in this body may have taken its place.
      if (MemoSlot* known = m.Find(sentence.key); known != nullptr && known->checks < checks_left) {
        checks_left -= known->checks;
        if (known->record != 0) body.Add(m.records[known->record - 1]);
        if (place.Open()) {
          if (known->places_read == 0) {
            known->places = places.FindNamed(sentence.text);
            known->places_read = 1;
          }
          place.found = places.FirstNamed(known->places, sentence.text, place.county);
        }
        continue;
      }
      const int before = checks_left;
      ReadSentence(sentence.text, scratch.said, checks_left, clock);
      body.Add(scratch.said);
      PlaceFinder::Named named;
      const bool read_places = place.Open();
      if (read_places) {
        named = places.FindNamed(sentence.text);
        place.found = places.FirstNamed(named, sentence.text, place.county);
        clock.Lap(&StageTimes::places);
      }
      // Not when the limit was reached: the sentence may say more than was read.
      if (checks_left > 0) {
        m.Remember(sentence.key, scratch.said, before - checks_left,
                   read_places ? &named : nullptr);
      }
    }
    clock.Lap(&StageTimes::sentences);
  }

  FoundPhones& phones = body.phones;
  FindPhones(o.title, phones);
  FindPhones(o.phone, phones);
  MoveUnique(ad.phones, phones.numbers);
  ad.obfuscated_phone = ad.obfuscated_phone || phones.obfuscated;
  clock.Lap(&StageTimes::phones);

  FoundEmails& emails = body.emails;
  FindEmails(o.title, emails);
  FindEmails(o.email, emails);
  MoveUnique(ad.emails, emails.addresses);
  clock.Lap(&StageTimes::emails);

  // The body's ages sorted, then the title's after them, as the fields were always added.
  std::vector<int>& ages = body.ages.ages;
  std::sort(ages.begin(), ages.end());
  ages.erase(std::unique(ages.begin(), ages.end()), ages.end());
  AgeFindings& title_ages = scratch.title_ages;
  title_ages.ages.clear();
  title_ages.child_wording = false;
  FindAges(o.title, title_ages);
  ages.insert(ages.end(), title_ages.ages.begin(), title_ages.ages.end());
  AddAgeField(o.age, ages);
  MoveUnique(ad.ages, ages);
  ad.child_wording = ad.child_wording || body.ages.child_wording || title_ages.child_wording;
  clock.Lap(&StageTimes::ages);

  std::vector<Price>& prices = body.prices;
  AddPriceField(o.price, prices);
  MoveUnique(ad.prices, prices);
  clock.Lap(&StageTimes::prices);

  if (ad.municipality.empty()) {
    const int16_t m = for_municipality ? place.found : field.municipality;
    if (m >= 0) ad.municipality = places.Code(m);
  }
  if (for_mismatch) {
    ad.area_mismatch =
        place.found >= 0 && places.Code(place.found) != places.Code(field.municipality);
  }
  clock.Lap(&StageTimes::places);
  if (template_text.empty()) template_text = o.body;
  AddUnique(ad.images, o.images);
  ad.trust_language = ad.trust_language || body.trust_language || HasTrustLanguage(o.title);
  ad.emoji_signal = ad.emoji_signal || body.emoji_signal || HasEmojiSignal(o.title);
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
