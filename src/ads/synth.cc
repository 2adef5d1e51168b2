#include "ads/synth.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ads/detail/synth_phrases.h"
#include "ads/observation.h"
#include "core/calendar.h"
#include "core/status.h"
#include "geo/gazetteer.h"
#include "sv_ads_data_embedded.h"

namespace sv::ads {
namespace {

using detail::Phrases;

// ---------------------------------------------------------------------------------------------
// The corpus's shape. Shares are percentages unless named otherwise.

constexpr int kDays = 60;                // days on which new ads appear
constexpr CivilDate kFirstDay{2026, 11, 2};
constexpr int kOrganisedShare = 55;      // of ads, written by organised groups
constexpr int kAdsPerGroup = 30;         // on average
constexpr int kAdsPerSoloTenths = 16;    // 1.6 on average
constexpr int kMaxPersons = 8;           // of a group
constexpr int kMaxGroupTemplates = 3;
constexpr int kMaxGroupPhones = 2;
constexpr int kMaxImages = 6;            // of a person
constexpr int kMaxGroupImages = 2;       // shared by a group's persons (rooms, "agency" photos)
constexpr int kMaxStops = 6;             // of a group's itinerary
constexpr int kMaxObservations = 5;
constexpr int kMaxGap = 4;               // days between two observations of an ad, at most
constexpr int kMaxSpread = kMaxGap * (kMaxObservations - 1);

// ---------------------------------------------------------------------------------------------
// Random numbers. Every thing decided about (an ad, a group, a person, a template) draws from its
// own stream keyed by the seed and the thing, so that it comes out the same whenever it is
// derived again, in either pass and whatever was drawn before. SplitMix64 rather than
// std::mt19937_64: seeding is one word (an ad's stream is seeded three times per ad), and the
// arithmetic below is ours, because the standard distributions differ between libraries.

constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

uint64_t Mix(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

enum class Stream : uint64_t {
  kAd = 1,
  kGroup,
  kPerson,
  kSolo,
  kTemplate,
  kTemplateText,
  kAdText,
  kObservation,
  kImage,
  kNumbering,
};

uint64_t StreamKey(uint64_t seed, Stream s, uint64_t a, uint64_t b = 0) {
  uint64_t k = Mix(seed + kGolden * static_cast<uint64_t>(s));
  k = Mix(k ^ (a * kGolden + 0x632be59bd9b4e019ULL));
  return Mix(k ^ (b * 0xd6e8feb86659fd93ULL + 0x2545f4914f6cdd1dULL));
}

class Random {
 public:
  explicit Random(uint64_t key) : state_(key) {}
  uint64_t Next() {
    state_ += kGolden;
    return Mix(state_);
  }
  // Uniform in [0, n) for n > 0; the modulo bias is below n / 2^64.
  uint64_t Below(uint64_t n) { return Next() % n; }
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Percent(int p) { return Below(100) < static_cast<uint64_t>(p); }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  uint64_t state_;
};

// A bijection of [0, modulus) for a modulus that is a power of ten: an affine map whose factor
// is prime to 10, so that numbers made from distinct serials are distinct. With 10^7 per mobile
// series and 10^8 mailboxes, phone numbers and addresses stay distinct up to about 100 million
// ads.
struct Scramble {
  uint64_t modulus = 1, factor = 1, offset = 0;
  Scramble() = default;
  Scramble(uint64_t m, uint64_t key) : modulus(m) {
    Random r(key);
    factor = r.Below(m / 10) * 10 + std::array<uint64_t, 4>{1, 3, 7, 9}[r.Below(4)];
    offset = r.Below(m);
  }
  uint64_t operator()(uint64_t x) const {
    // Both factors are below 10^8, so the product fits.
    return ((x % modulus) * factor + offset) % modulus;
  }
};

// ---------------------------------------------------------------------------------------------
// Text helpers (UTF-8, Swedish letters).

// Upper-cases ASCII and the Latin-1 letters of UTF-8 (å → Å).
std::string Upper(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'a' && c <= 'z') {
      out[i] = static_cast<char>(c - 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0xA0 && d <= 0xBE && d != 0xB7) out[i + 1] = static_cast<char>(d - 0x20);
      ++i;
    }
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

// The first letter upper-cased.
std::string Capitalised(std::string_view s) {
  if (s.empty()) return {};
  const std::size_t first = static_cast<unsigned char>(s[0]) >= 0x80 ? 2 : 1;
  return Upper(s.substr(0, first)) + std::string(s.substr(first));
}

// "Umeå" → "Umea", "Chloé" → "Chloe": what people write without Swedish letters.
std::string Folded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[++i]);
      switch (d) {
        case 0xA5: case 0xA4: case 0xA1: case 0xA0: out += 'a'; break;
        case 0x85: case 0x84: out += 'A'; break;
        case 0xB6: case 0xB8: out += 'o'; break;
        case 0x96: out += 'O'; break;
        case 0xA9: case 0xA8: out += 'e'; break;
        case 0x89: out += 'E'; break;
        case 0xBC: out += 'u'; break;
        default: break;
      }
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

bool IsWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
}

// Replaces the first whole-word `from` in `text` by `to`; false when there is none.
bool ReplaceWord(std::string& text, std::string_view from, std::string_view to) {
  std::size_t at = 0;
  while ((at = text.find(from, at)) != std::string::npos) {
    const std::size_t end = at + from.size();
    if ((at == 0 || !IsWordByte(text[at - 1])) && (end == text.size() || !IsWordByte(text[end]))) {
      text.replace(at, from.size(), to);
      return true;
    }
    at = end;
  }
  return false;
}

// Bytes that JSON strings escape.
struct EscapedBytes {
  std::array<bool, 256> escaped{};
  constexpr EscapedBytes() {
    for (int c = 0; c < 0x20; ++c) escaped[static_cast<std::size_t>(c)] = true;
    escaped['"'] = escaped['\\'] = true;
  }
};
constexpr EscapedBytes kEscaped;

// Appends `s` as a JSON string; the runs between escaped bytes in one append each (this is the
// generator's innermost loop: a gigabyte for a million ads).
void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!kEscaped.escaped[c]) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

// Appends `v` as 16 lower-case hex digits.
void AppendHex64(std::string& out, uint64_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  char digits[16];
  for (int i = 15; i >= 0; --i, v >>= 4) digits[i] = kHex[v & 15];
  out.append(digits, sizeof digits);
}

// Appends `v` as `width` decimal digits, with leading zeros.
void AppendDigits(std::string& out, uint64_t v, int width) {
  char digits[20];
  for (int i = width - 1; i >= 0; --i, v /= 10) digits[i] = static_cast<char>('0' + v % 10);
  out.append(digits, static_cast<std::size_t>(width));
}

// Appends `n` (0–99) as two digits.
void AppendTwoDigits(std::string& out, int n) {
  out += static_cast<char>('0' + n / 10);
  out += static_cast<char>('0' + n % 10);
}

void AppendNumber(std::string& out, int64_t n) { out += std::to_string(n); }

// "1500" or, with `spaced`, "1 500".
std::string Amount(int64_t n, bool spaced) {
  std::string s = std::to_string(n);
  if (spaced && s.size() > 3) s.insert(s.size() - 3, " ");
  return s;
}

// ---------------------------------------------------------------------------------------------
// Where ads are placed: the municipalities, their short forms and postal codes
// (data/geo, data/ads/place_aliases.csv), weighted roughly as ads are spread over the country.

struct Place {
  std::string code;                  // "2480"
  std::string name;                  // "Umeå"
  std::string folded;                // "Umea"; "" when the same, a word ("Åre": "are") or a
                                     // clash ("Håbo": "Habo" is another municipality)
  std::string county;                // "Västerbotten"; "Uppsala län" where "Uppsala" is a place
  std::vector<std::string> aliases;  // "Ume", "Ålidhem", as written in ads
  std::vector<std::pair<int, uint32_t>> postal;  // postal code, its post town
};

struct Places {
  std::vector<Place> places;
  std::vector<std::string> post_towns;
  std::vector<uint64_t> cumulative;  // of the weights

  std::size_t Pick(Random& r) const {
    const uint64_t x = r.Below(cumulative.back());
    return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), x) -
                                    cumulative.begin());
  }
};

// Weights of the larger markets, in tenths; every other municipality weighs 10.
constexpr std::pair<std::string_view, int> kPlaceWeights[] = {
    {"0180", 3000}, {"1480", 1500}, {"1280", 1200}, {"0380", 500}, {"2480", 400},
    {"1980", 300},  {"1880", 300},  {"0580", 300},  {"1283", 300}, {"0680", 250},
    {"0581", 250},  {"1281", 200},  {"2180", 200},  {"1490", 200}, {"2281", 150},
    {"2580", 150},  {"1780", 150},  {"0780", 150},  {"1380", 150}, {"0484", 150},
    {"0181", 100},  {"0184", 100},  {"0182", 100},  {"0183", 80},  {"0126", 80},
    {"0160", 80},   {"2482", 80},   {"1290", 80},   {"2380", 80},  {"0880", 80},
};

template <typename F>
void ForEachCsvLine(std::string_view csv, F line) {
  std::size_t pos = 0;
  bool header = true;
  while (pos < csv.size()) {
    std::size_t end = csv.find('\n', pos);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view l = csv.substr(pos, end - pos);
    pos = end + 1;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty() || l.front() == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::array<std::string_view, 4> f{};
    std::size_t n = 0, start = 0;
    while (n < f.size()) {
      const std::size_t comma = l.find(',', start);
      f[n++] = l.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                               : comma - start);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    line(f, n);
  }
}

Result<Places> LoadPlaces() {
  Result<geo::Gazetteer> gazetteer = geo::Gazetteer::Embedded();
  if (!gazetteer.ok()) return gazetteer.status();
  Places out;
  std::map<std::string, std::size_t, std::less<>> by_code;
  for (const geo::Municipality& m : gazetteer->municipalities()) {
    Place p;
    p.code = m.code;
    p.name = m.short_name;
    if (const geo::County* c = gazetteer->FindCounty(m.county_code)) {
      // "Uppsala", "Stockholm", "Kalmar": a county's short name that is also a municipality's
      // names the municipality; a site showing the county writes "Uppsala län".
      const bool also_municipality = std::any_of(
          gazetteer->municipalities().begin(), gazetteer->municipalities().end(),
          [&](const geo::Municipality& other) { return other.short_name == c->short_name; });
      p.county = also_municipality ? c->name : c->short_name;
    }
    by_code[m.code] = out.places.size();
    out.places.push_back(std::move(p));
  }
  ForEachCsvLine(embedded::place_aliases_csv(), [&](const auto& f, std::size_t n) {
    if (n != 3 || f[2] != "alias") return;
    auto it = by_code.find(f[1]);
    // Two-word districts are written with a capital on each word ("Gamla Stan"); the spelling
    // variants of the data ("söder malm") are left out: they are there to be read, not written.
    if (it == by_code.end() || f[0] == "söder malm" || f[0] == "t centralen") return;
    std::string alias;
    std::size_t start = 0;
    while (start <= f[0].size()) {
      std::size_t space = f[0].find(' ', start);
      if (space == std::string_view::npos) space = f[0].size();
      if (!alias.empty()) alias += ' ';
      alias += Capitalised(f[0].substr(start, space - start));
      start = space + 1;
    }
    out.places[it->second].aliases.push_back(std::move(alias));
  });
  // The last line of a postal code decides, as in PlaceFinder.
  std::vector<std::pair<int32_t, uint32_t>> postal(100000, {-1, 0});
  std::map<std::string, uint32_t, std::less<>> towns;
  ForEachCsvLine(embedded::postal_to_municipality_csv(), [&](const auto& f, std::size_t n) {
    if (n < 3 || f[0].size() != 5) return;
    auto it = by_code.find(f[2]);
    if (it == by_code.end()) return;
    int code = 0;
    for (char c : f[0]) code = code * 10 + (c - '0');
    auto [town, added] = towns.try_emplace(std::string(f[1]), out.post_towns.size());
    if (added) out.post_towns.emplace_back(f[1]);
    postal[static_cast<std::size_t>(code)] = {static_cast<int32_t>(it->second), town->second};
  });
  for (int code = 0; code < 100000; ++code) {
    const auto [place, town] = postal[static_cast<std::size_t>(code)];
    if (place >= 0) out.places[static_cast<std::size_t>(place)].postal.emplace_back(code, town);
  }
  std::map<std::string, int, std::less<>> lower_names;
  for (const Place& p : out.places) ++lower_names[Lower(p.name)];
  for (Place& p : out.places) {
    std::string folded = Folded(p.name);
    if (folded != p.name && folded.size() > 3 && !lower_names.contains(Lower(folded))) {
      p.folded = std::move(folded);
    }
  }
  uint64_t total = 0;
  for (const Place& p : out.places) {
    uint64_t weight = 10;
    for (const auto& [code, w] : kPlaceWeights) {
      if (code == p.code) weight = static_cast<uint64_t>(w);
    }
    out.cumulative.push_back(total += weight);
  }
  if (out.places.empty()) return Status::Internal("no municipalities in the gazetteer");
  return out;
}

// ---------------------------------------------------------------------------------------------
// How contacts, places and ages are written.

enum class Language : uint8_t { kSv, kEn };
std::string_view LanguageCode(Language l) { return l == Language::kSv ? "sv" : "en"; }

enum class Country : uint8_t { kSweden, kRomania, kPoland };

enum class PhoneStyle : uint8_t {
  // The ordinary ways.
  kDashed,         // 070-123 45 67
  kCompact,        // 0701234567
  kSpaced,         // 070 123 45 67
  kInternational,  // +46 70 123 45 67
  kPlusCompact,    // +46701234567
  kDashCompact,    // 070-1234567
  kDoubleZero,     // 0046 70 123 45 67
  kTrunkParen,     // +46 (0)70 123 45 67
  // Written to evade matching.
  kWords,          // noll sju noll ett två …
  kWordsUpper,     // NOLL SJU NOLL - ETT TVÅ TRE - …
  kWordsEnglish,   // zero seven zero one …
  kLookalike,      // O7O-l23 45 67
  kDigitsSpaced,   // 0 7 0 1 2 3 4 5 6 7
  kDots,           // 070.123.45.67
  kSlashes,        // 070/123/45/67
  kDashesEach,     // 0-7-0-1-2-3-4-5-6-7
  kEmoji,          // 0️⃣7️⃣0️⃣…
  kFullWidth,      // ０７０ １２３ …
  kMixedWords,     // 070 ett två tre 45 67
};
constexpr int kOrdinaryPhoneStyles = 8;
constexpr int kPhoneStyles = 19;
// Weights of the ordinary styles.
constexpr std::array<int, kOrdinaryPhoneStyles> kOrdinaryWeights = {30, 20, 20, 10, 8, 7, 3, 2};

enum class EmailStyle : uint8_t {
  kPlain,       // bella482@gmail.com
  kCapital,     // Bella482@Gmail.com
  kAtDot,       // bella482 at gmail dot com
  kParen,       // bella482 (at) gmail (dot) com
  kBracket,     // bella482[at]gmail[dot]com
  kA,           // bella482(a)gmail.com
  kSnabelA,     // bella482 snabel-a gmail punkt com
  kFullWidthAt, // bella482＠gmail.com
  kSpacedAt,    // bella482 @ gmail.com
};
constexpr int kEmailStyles = 9;

enum class LocationForm : uint8_t {
  kName,         // Umeå
  kNameCased,    // UMEÅ, umeå
  kFolded,       // Umea
  kAlias,        // Ume, Ålidhem
  kPostal,       // 903 25, 90325
  kPostalTown,   // 903 25 Umeå
  kCounty,       // Västerbotten, and the place in the text
  kNameCountry,  // Umeå, Sverige
  kAbsent,       // no field: the place is in the text, or nowhere
};

enum class CityForm : uint8_t { kName, kAlias, kFolded, kUpper };

enum class AgeFieldForm : uint8_t { kNone, kNumber, kString, kWithUnit };

// ---------------------------------------------------------------------------------------------
// Who writes: organised groups (several persons sharing phones, templates and a route between
// cities) and independent advertisers ("solos"), each derived from its own stream.

struct PersonProfile {
  std::string_view name;
  int age = 0;            // real
  bool minor = false;
  bool honest = true;     // a minor who writes the real age (else claims 18 or 19)
  int written_age = 0;    // the age the ads state
  int field_age = 0;      // what the site's age field shows (sites want 18+)
  int hour = 0, half = 0, night = 0, euro = 0, money = 0;  // prices; monthly allowance
  int images = 1;
  bool own_phone = false;
  Country country = Country::kSweden;
};

struct GroupProfile {
  int persons = 1;
  int templates = 1;
  std::array<Language, kMaxGroupTemplates> language{};
  int phones = 1;
  Country country = Country::kSweden;
  bool email = false;
  int images = 0;
  std::array<int, kMaxStops> itinerary{};
  int stops = 1, stay_days = 5, route_offset = 0;
  std::array<int, 2> sites{};
};

struct SoloProfile {
  AdKind kind = AdKind::kEscort;
  Language language = Language::kSv;
  PersonProfile person;
  bool phone = false, email = false;
  bool tours = false;
  int home = 0, second = 0;
  std::array<int, 2> sites{};
};

struct Site {
  std::string_view host;
  std::string_view path;  // of the ad's url, before its id
  std::string_view id_prefix;
  int64_t id_base;
  AdKind kind;
};
constexpr Site kSites[] = {
    {"example-escort.se", "/annons/", "", 240000, AdKind::kEscort},
    {"example-massage.se", "/ad/", "m", 51000, AdKind::kEscort},
    {"example-annons.se", "/a/", "", 7700000, AdKind::kEscort},
    {"example-escorts.com", "/profile/", "p-", 100, AdKind::kEscort},
    {"example-sugar.se", "/profil/", "", 880000, AdKind::kSugar},
    {"example-sugardaddy.com", "/u/", "sd", 31000, AdKind::kSugar},
};
constexpr int kEscortSites = 4;

// ---------------------------------------------------------------------------------------------
// Keys as nodes: every key the generator can write (template, phone number, address, image) is a
// node numbered densely, so that the truth's groups are a union-find over integers. A key belongs
// to one group or advertiser, and numbers and addresses are made from their node's serial, so
// distinct nodes are distinct keys.

struct Layout {
  int64_t groups = 0, solos = 0;
  uint64_t group_template = 0, group_phone = 0, group_email = 0, person_phone = 0,
           person_image = 0, group_image = 0, solo_template = 0, solo_phone = 0, solo_email = 0,
           solo_image = 0, total = 0;

  Layout(int64_t g, int64_t s) : groups(g), solos(s) {
    const auto ug = static_cast<uint64_t>(g), us = static_cast<uint64_t>(s);
    uint64_t at = 0;
    group_template = at, at += ug * kMaxGroupTemplates;
    group_phone = at, at += ug * kMaxGroupPhones;
    group_email = at, at += ug;
    person_phone = at, at += ug * kMaxPersons;
    person_image = at, at += ug * kMaxPersons * kMaxImages;
    group_image = at, at += ug * kMaxGroupImages;
    solo_template = at, at += us;
    solo_phone = at, at += us;
    solo_email = at, at += us;
    solo_image = at, at += us * kMaxImages;
    total = at;
  }
  uint64_t GroupTemplate(int64_t g, int t) const {
    return group_template + U(g) * kMaxGroupTemplates + U(t);
  }
  uint64_t GroupPhone(int64_t g, int k) const {
    return group_phone + U(g) * kMaxGroupPhones + U(k);
  }
  uint64_t GroupEmail(int64_t g) const { return group_email + U(g); }
  uint64_t PersonPhone(int64_t g, int p) const { return person_phone + U(g) * kMaxPersons + U(p); }
  uint64_t PersonImage(int64_t g, int p, int k) const {
    return person_image + (U(g) * kMaxPersons + U(p)) * kMaxImages + U(k);
  }
  uint64_t GroupImage(int64_t g, int k) const {
    return group_image + U(g) * kMaxGroupImages + U(k);
  }
  uint64_t SoloTemplate(int64_t a) const { return solo_template + U(a); }
  uint64_t SoloPhone(int64_t a) const { return solo_phone + U(a); }
  uint64_t SoloEmail(int64_t a) const { return solo_email + U(a); }
  uint64_t SoloImage(int64_t a, int k) const { return solo_image + U(a) * kMaxImages + U(k); }

  // Serials of phones and addresses among their kind, for the numbering.
  uint64_t PhoneSerial(uint64_t node) const {
    if (node < group_email) return node - group_phone;
    if (node < person_image) return U(groups) * kMaxGroupPhones + (node - person_phone);
    return U(groups) * (kMaxGroupPhones + kMaxPersons) + (node - solo_phone);
  }
  uint64_t EmailSerial(uint64_t node) const {
    return node < person_phone ? node - group_email : U(groups) + (node - solo_email);
  }

 private:
  static uint64_t U(int64_t x) { return static_cast<uint64_t>(x); }
  static uint64_t U(int x) { return static_cast<uint64_t>(x); }
};

// How a template is written: decided before its text, so that the plan of an ad (and the truth)
// knows what the body states without writing it.
struct TemplateSpec {
  uint64_t node = 0;
  AdKind kind = AdKind::kEscort;
  Language language = Language::kSv;
  bool age_in_body = false;
  bool young_intro = false;  // "nyss fyllda 19"
  bool place_in_body = false;
  bool phone_in_body = false;
  bool email_in_body = false;
  bool prices = false;
  bool spaced_amounts = false;  // "1 500 kr"
  int price_style = 0;
  PhoneStyle phone_style = PhoneStyle::kDashed;
  EmailStyle email_style = EmailStyle::kPlain;
};

struct PhoneRef {
  uint64_t node = 0;
  Country country = Country::kSweden;
};

// Everything decided about one ad: the keys it carries, the values in its slots and how its
// fields are written. Derived from the ad's stream alone, in both passes.
struct AdPlan {
  int64_t index = 0;
  int day = 0;
  bool organised = false;
  int64_t owner = 0;  // group or solo number
  int template_number = 0;
  TemplateSpec spec;
  uint64_t primary_node = 0;  // the owner's first template: names the truth group
  PersonProfile persona;
  bool duo = false;
  PersonProfile partner;
  int duo_phrase = 0;
  std::array<PhoneRef, 2> phones{};
  int phone_count = 0;
  PhoneStyle phone_style = PhoneStyle::kDashed;  // mostly the template's
  bool phone_field = false;
  bool has_email = false;
  uint64_t email_node = 0;
  bool email_field = false;
  std::array<uint64_t, kMaxImages + 2> images{};  // a person's, a partner's, the group's
  int image_count = 0;
  int place = 0;
  LocationForm location = LocationForm::kName;
  CityForm city_form = CityForm::kName;
  uint64_t pick = 0;  // which alias or postal code
  AgeFieldForm age_field = AgeFieldForm::kNone;
  bool minor_sentence = false;
  bool minor_child = false;  // the sentence is child wording (else a real age)
  int minor_phrase = 0;
  int title_phrase = 0;
  bool price_field = false;
  int site = 0;
  int observations = 1;
  std::array<int, kMaxObservations> day_of{};  // days after the first
  int edit = -1;          // a word edit of this copy of the template, or none
  bool update_prefix = false;
};

// ---------------------------------------------------------------------------------------------
// The phrase books.

struct PhraseBook {
  Phrases open, intro_age, intro_young, intro_plain, looks, about, meeting, place, services,
      incall, prices, availability, contact_phone, contact_email, contact_both, contact_none, rules,
      close, minor_child, minor_age, duo, title;
  std::span<const detail::WordEdit> edits;
  Phrases updates;
};

const PhraseBook& Book(AdKind kind, Language language) {
  using namespace detail;  // NOLINT: the phrase tables
  static const PhraseBook kSvEscort{
      kSvEscortOpen,         kSvEscortIntroAge,     kSvEscortIntroYoung,  kSvEscortIntroPlain,
      kSvEscortLooks,        kSvEscortAbout,        kSvEscortMeeting,     kSvEscortPlace,        kSvEscortServices,    kSvEscortIncall,
      kSvEscortPrices,       kSvEscortAvailability, kSvEscortContactPhone, kSvEscortContactEmail,
      kSvEscortContactBoth,  kSvEscortContactNone,  kSvEscortRules,       kSvEscortClose,
      kSvMinorChild,         kSvMinorAge,           kSvDuo,               kSvEscortTitle,
      kSvEdits,              kSvUpdates};
  static const PhraseBook kEnEscort{
      kEnEscortOpen,         kEnEscortIntroAge,     kEnEscortIntroYoung,  kEnEscortIntroPlain,
      kEnEscortLooks,        kEnEscortAbout,        kEnEscortMeeting,     kEnEscortPlace,        kEnEscortServices,    kEnEscortIncall,
      kEnEscortPrices,       kEnEscortAvailability, kEnEscortContactPhone, kEnEscortContactEmail,
      kEnEscortContactBoth,  kEnEscortContactNone,  kEnEscortRules,       kEnEscortClose,
      kEnMinorChild,         kEnMinorAge,           kEnDuo,               kEnEscortTitle,
      kEnEdits,              kEnUpdates};
  // Sugar profiles: hobbies, personality and expectations in the places of looks, about and
  // meeting; about (with the place), seeking and allowance in those of place, services, prices.
  static const PhraseBook kSvSugar{
      kSvSugarOpen,        kSvSugarIntroAge,     kSvSugarIntroYoung,  kSvSugarIntroPlain,
      kSvSugarHobbies,     kSvSugarPersonality,  kSvSugarExpectations, kSvSugarAbout,        kSvSugarSeeking,     {},
      kSvSugarMoney,       {},                   kSvSugarContactPhone, kSvSugarContactEmail,
      kSvSugarContactBoth, kSvSugarContactNone,  {},                  kSvSugarClose,
      kSvMinorChild,       kSvMinorAge,          kSvDuo,              kSvSugarTitle,
      kSvEdits,            kSvUpdates};
  static const PhraseBook kEnSugar{
      kEnSugarOpen,        kEnSugarIntroAge,     kEnSugarIntroYoung,  kEnSugarIntroPlain,
      kEnSugarHobbies,     kEnSugarPersonality,  kEnSugarExpectations, kEnSugarAbout,        kEnSugarSeeking,     {},
      kEnSugarMoney,       {},                   kEnSugarContactPhone, kEnSugarContactEmail,
      kEnSugarContactBoth, kEnSugarContactNone,  {},                  kEnSugarClose,
      kEnMinorChild,       kEnMinorAge,          kEnDuo,              kEnSugarTitle,
      kEnEdits,            kEnUpdates};
  if (kind == AdKind::kSugar) return language == Language::kSv ? kSvSugar : kEnSugar;
  return language == Language::kSv ? kSvEscort : kEnEscort;
}

bool Mentions(std::string_view phrase, std::string_view slot) {
  return phrase.find(slot) != std::string_view::npos;
}

enum class Slot : uint8_t {
  kNone,
  kName,
  kAge,
  kName2,
  kAge2,
  kRealAge,
  kCity,
  kPhone,
  kEmail,
  kPrices,
  kMoney,
  kSnap,
  kMinor,
  kDuo,
};

Slot SlotNamed(std::string_view name) {
  static constexpr std::pair<std::string_view, Slot> kSlots[] = {
      {"NAME", Slot::kName},   {"AGE", Slot::kAge},       {"NAME2", Slot::kName2},
      {"AGE2", Slot::kAge2},   {"REALAGE", Slot::kRealAge}, {"CITY", Slot::kCity},
      {"PHONE", Slot::kPhone}, {"EMAIL", Slot::kEmail},   {"PRICES", Slot::kPrices},
      {"MONEY", Slot::kMoney}, {"SNAP", Slot::kSnap}};
  for (const auto& [n, s] : kSlots) {
    if (n == name) return s;
  }
  SV_ASSERT(false);  // the phrase tables use only the slots above
  return Slot::kNone;
}

// A piece of a template's text: literal text (a view into the phrase tables) or a slot.
struct Piece {
  std::string_view text;
  Slot slot = Slot::kNone;
};

// Appends the pieces of `text`: literal text and slots, no alternatives.
void AppendPieces(std::string_view text, std::vector<Piece>& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '[') {
      const std::size_t close = text.find(']', i);
      out.push_back({{}, SlotNamed(text.substr(i + 1, close - i - 1))});
      i = close + 1;
    } else {
      std::size_t end = text.find('[', i);
      if (end == std::string_view::npos) end = text.size();
      out.push_back({text.substr(i, end - i), Slot::kNone});
      i = end;
    }
  }
}

// Phrases parsed once, as they are first used: a phrase is written for every observation, and
// parsing its `{a|b}` alternatives each time cost a quarter of the generator's time.
class PhraseCache {
 public:
  // Appends the pieces of `phrase` (a view into the phrase tables), choosing each `{a|b}`
  // alternative with `r`: one draw per alternative, in the order of the text.
  void Append(std::string_view phrase, Random& r, std::vector<Piece>& out) {
    auto [it, added] = compiled_.try_emplace(phrase.data());
    if (added) it->second = Compile(phrase);
    const Compiled& c = it->second;
    for (const Part& part : c.parts) {
      if (part.options == 0) {
        out.push_back(part.piece);
        continue;
      }
      const std::vector<Piece>& chosen = c.alternatives[part.first + r.Below(part.options)];
      out.insert(out.end(), chosen.begin(), chosen.end());
    }
  }

 private:
  struct Part {
    Piece piece;            // text or a slot, when options == 0
    std::size_t first = 0;  // a choice: its first alternative
    uint64_t options = 0;   // a choice: how many alternatives
  };
  struct Compiled {
    std::vector<Part> parts;
    std::vector<std::vector<Piece>> alternatives;
  };

  static Compiled Compile(std::string_view phrase) {
    Compiled c;
    std::size_t i = 0;
    while (i < phrase.size()) {
      const std::size_t brace = phrase.find('{', i);
      std::vector<Piece> pieces;
      AppendPieces(phrase.substr(i, brace == std::string_view::npos ? brace : brace - i), pieces);
      for (const Piece& p : pieces) c.parts.push_back({p, 0, 0});
      if (brace == std::string_view::npos) break;
      const std::size_t close = phrase.find('}', brace);
      const std::string_view options = phrase.substr(brace + 1, close - brace - 1);
      Part choice;
      choice.first = c.alternatives.size();
      std::size_t start = 0;
      for (;;) {
        const std::size_t bar = options.find('|', start);
        c.alternatives.emplace_back();
        AppendPieces(options.substr(start, bar == std::string_view::npos ? bar : bar - start),
                     c.alternatives.back());
        ++choice.options;
        if (bar == std::string_view::npos) break;
        start = bar + 1;
      }
      c.parts.push_back(choice);
      i = close + 1;
    }
    return c;
  }

  // By the phrase's address in the tables; looked up, never iterated.
  std::unordered_map<const char*, Compiled> compiled_;
};

// ---------------------------------------------------------------------------------------------
// The generator.

class Generator {
 public:
  Generator(const SynthOptions& options, Places places)
      : seed_(options.seed),
        count_(options.count),
        layout_(std::max<int64_t>(1, (options.count * kOrganisedShare / 100 + kAdsPerGroup / 2) /
                                         kAdsPerGroup),
                std::max<int64_t>(1, options.count * (100 - kOrganisedShare) * 10 /
                                         (100 * kAdsPerSoloTenths))),
        places_(std::move(places)),
        mobile_(10'000'000, StreamKey(seed_, Stream::kNumbering, 1)),
        foreign_(10'000'000, StreamKey(seed_, Stream::kNumbering, 2)),
        mailbox_(100'000'000, StreamKey(seed_, Stream::kNumbering, 3)) {}

  void Run(std::ostream& observations, std::ostream* truth);

 private:
  GroupProfile DeriveGroup(int64_t g) const;
  PersonProfile DerivePerson(uint64_t key, AdKind kind, int minor_share, Country country) const;
  SoloProfile DeriveSolo(int64_t a) const;
  TemplateSpec DeriveTemplate(uint64_t node, AdKind kind, Language language, bool phone,
                              bool email, bool young) const;
  AdPlan PlanAd(int64_t index) const;
  void PlanPlace(Random& r, AdPlan& plan) const;

  // Keys and truth.
  uint64_t Find(uint64_t i);
  void Union(uint64_t a, uint64_t b);
  template <typename F>
  void ForEachKey(const AdPlan& plan, F key) const;
  std::vector<int> WrittenAges(const AdPlan& plan) const;
  bool WrittenMinor(const AdPlan& plan) const;
  std::string GroupName(const AdPlan& plan);
  void WriteTruth(const AdPlan& plan, std::string& line);

  // Text.
  void BuildTemplate(const TemplateSpec& spec, std::vector<Piece>& out) const;
  void WritePhone(const PhoneRef& phone, PhoneStyle style, Language language, Random& r,
                  std::string& out) const;
  std::string E164(const PhoneRef& phone) const;
  std::string NationalDigits(const PhoneRef& phone) const;  // "0701234567" or "40723456789"
  std::string EmailLocal(const AdPlan& plan) const;
  std::string_view EmailDomain(const AdPlan& plan) const;
  void WriteEmail(const AdPlan& plan, EmailStyle style, std::string& out) const;
  std::string CityText(const AdPlan& plan) const;
  std::string PriceText(const AdPlan& plan, int hour_change) const;
  void FillSlots(const AdPlan& plan, int observation);
  void RenderPieces(std::span<const Piece> pieces, std::string& out) const;
  void RenderPhrase(std::string_view phrase, std::string& out);
  void WriteObservation(const AdPlan& plan, int observation, int day, int64_t position,
                        std::string& line);

  uint64_t seed_;
  int64_t count_;
  Layout layout_;
  Places places_;
  Scramble mobile_, foreign_, mailbox_;
  mutable PhraseCache phrases_;
  std::vector<uint32_t> parent_;  // union-find over key nodes

  // Buffers of the renderer, kept between ads.
  std::vector<Piece> pieces_, phrase_pieces_;
  std::array<std::string, 14> slots_;
  std::string body_, title_, scratch_, seen_;
  int seen_day_ = -1;  // the day of seen_date_ and seen_offset_
  std::string seen_date_, seen_offset_;
};

GroupProfile Generator::DeriveGroup(int64_t g) const {
  Random r(StreamKey(seed_, Stream::kGroup, static_cast<uint64_t>(g)));
  GroupProfile p;
  p.persons = r.Between(2, kMaxPersons);
  p.templates = r.Between(1, kMaxGroupTemplates);
  // Half write Swedish, a third English, the rest both.
  const uint64_t mix = r.Below(10);
  for (int t = 0; t < kMaxGroupTemplates; ++t) {
    p.language[static_cast<std::size_t>(t)] =
        mix < 5 ? Language::kSv
                : mix < 8 ? Language::kEn : (t % 2 == 0 ? Language::kSv : Language::kEn);
  }
  p.phones = r.Percent(35) ? 2 : 1;
  if (r.Percent(20)) p.country = r.Percent(60) ? Country::kRomania : Country::kPoland;
  p.email = r.Percent(25);
  p.images = r.Between(0, kMaxGroupImages);
  p.stops = r.Between(3, kMaxStops);
  for (int s = 0; s < p.stops; ++s) {
    p.itinerary[static_cast<std::size_t>(s)] = static_cast<int>(places_.Pick(r));
  }
  p.stay_days = r.Between(3, 8);
  p.route_offset = r.Between(0, 63);
  p.sites[0] = r.Between(0, kEscortSites - 1);
  p.sites[1] = (p.sites[0] + r.Between(1, kEscortSites - 1)) % kEscortSites;
  return p;
}

PersonProfile Generator::DerivePerson(uint64_t key, AdKind kind, int minor_share,
                                      Country country) const {
  Random r(key);
  PersonProfile p;
  p.name = r.Pick(Phrases(detail::kFirstNames));
  // Shares in tenths of a percent: minors are few, but each one matters.
  p.minor = r.Below(1000) < static_cast<uint64_t>(minor_share);
  if (p.minor) {
    p.age = r.Between(15, 17);
    p.honest = r.Percent(50);
    p.written_age = p.honest ? p.age : r.Between(18, 19);
    p.field_age = r.Between(18, 19);
  } else {
    p.age = kind == AdKind::kSugar ? 18 + r.Between(0, 4) + r.Between(0, 5)
                                   : 19 + r.Between(0, 7) + r.Between(0, 7) + r.Between(0, 12);
    p.written_age = p.field_age = p.age;
  }
  static constexpr std::array<int, 8> kHour = {1200, 1500, 1500, 1800, 2000, 2000, 2500, 3000};
  p.hour = kHour[r.Below(kHour.size())];
  p.half = (p.hour * 6 / 10 + 50) / 100 * 100;
  p.night = (p.hour * 5 + 500) / 1000 * 1000;
  p.euro = (p.hour / 10 + 5) / 10 * 10;
  static constexpr std::array<int, 6> kMoney = {3000, 5000, 5000, 8000, 10000, 15000};
  p.money = kMoney[r.Below(kMoney.size())];
  p.images = r.Between(2, kMaxImages);
  p.own_phone = r.Percent(40);
  p.country = country;
  if (country != Country::kSweden && r.Percent(50)) p.country = Country::kSweden;
  return p;
}

SoloProfile Generator::DeriveSolo(int64_t a) const {
  Random r(StreamKey(seed_, Stream::kSolo, static_cast<uint64_t>(a)));
  SoloProfile s;
  s.kind = r.Percent(25) ? AdKind::kSugar : AdKind::kEscort;
  const bool sugar = s.kind == AdKind::kSugar;
  s.language = r.Percent(sugar ? 80 : 65) ? Language::kSv : Language::kEn;
  Country country = Country::kSweden;
  if (r.Percent(3)) country = r.Percent(50) ? Country::kRomania : Country::kPoland;
  s.person = DerivePerson(StreamKey(seed_, Stream::kPerson, static_cast<uint64_t>(a), ~0ULL),
                          s.kind, sugar ? 120 : 20, country);
  if (country != Country::kSweden) s.person.country = country;
  s.phone = r.Percent(sugar ? 35 : 93);
  s.email = r.Percent(sugar ? 40 : 15);
  s.home = static_cast<int>(places_.Pick(r));
  s.tours = r.Percent(15);
  s.second = static_cast<int>(places_.Pick(r));
  if (sugar) {
    s.sites[0] = kEscortSites + r.Between(0, 1);
    s.sites[1] = kEscortSites + (s.sites[0] - kEscortSites + 1) % 2;
  } else {
    s.sites[0] = r.Between(0, kEscortSites - 1);
    s.sites[1] = (s.sites[0] + r.Between(1, kEscortSites - 1)) % kEscortSites;
  }
  return s;
}

TemplateSpec Generator::DeriveTemplate(uint64_t node, AdKind kind, Language language, bool phone,
                                       bool email, bool young) const {
  Random r(StreamKey(seed_, Stream::kTemplate, node));
  TemplateSpec s;
  s.node = node;
  s.kind = kind;
  s.language = language;
  s.age_in_body = r.Percent(kind == AdKind::kSugar ? 70 : 65);
  s.young_intro = young && s.age_in_body && r.Percent(50);
  s.place_in_body = r.Percent(85);
  s.phone_in_body = phone && r.Percent(85);
  s.email_in_body = email && r.Percent(70);
  s.prices = kind == AdKind::kEscort && r.Percent(75);
  s.spaced_amounts = r.Percent(20);
  s.price_style = static_cast<int>(r.Below(language == Language::kSv ? 7 : 5));
  if (r.Percent(35)) {
    s.phone_style = static_cast<PhoneStyle>(
        kOrdinaryPhoneStyles + static_cast<int>(r.Below(kPhoneStyles - kOrdinaryPhoneStyles)));
  } else {
    uint64_t x = r.Below(100);
    int style = 0;
    while (x >= static_cast<uint64_t>(kOrdinaryWeights[static_cast<std::size_t>(style)])) {
      x -= static_cast<uint64_t>(kOrdinaryWeights[static_cast<std::size_t>(style)]);
      ++style;
    }
    s.phone_style = static_cast<PhoneStyle>(style);
  }
  if (r.Percent(45)) {
    s.email_style = static_cast<EmailStyle>(2 + r.Below(kEmailStyles - 2));
  } else {
    s.email_style = r.Percent(15) ? EmailStyle::kCapital : EmailStyle::kPlain;
  }
  return s;
}

void Generator::PlanPlace(Random& r, AdPlan& plan) const {
  const Place& place = places_.places[static_cast<std::size_t>(plan.place)];
  const uint64_t x = r.Below(100);
  LocationForm form = x < 33   ? LocationForm::kName
                      : x < 38 ? LocationForm::kNameCased
                      : x < 42 ? LocationForm::kFolded
                      : x < 55 ? LocationForm::kAlias
                      : x < 63 ? LocationForm::kPostal
                      : x < 67 ? LocationForm::kPostalTown
                      : x < 72 ? LocationForm::kCounty
                      : x < 75 ? LocationForm::kNameCountry
                               : LocationForm::kAbsent;
  if (form == LocationForm::kAlias && place.aliases.empty()) form = LocationForm::kName;
  if (form == LocationForm::kFolded && place.folded.empty()) form = LocationForm::kName;
  if ((form == LocationForm::kPostal || form == LocationForm::kPostalTown) && place.postal.empty()) {
    form = LocationForm::kName;
  }
  // A county names a municipality only together with the text.
  if (form == LocationForm::kCounty && (!plan.spec.place_in_body || place.county.empty())) {
    form = LocationForm::kName;
  }
  plan.location = form;
  const uint64_t y = r.Below(100);
  plan.city_form = y < 72 ? CityForm::kName
                   : y < 88 ? CityForm::kAlias
                   : y < 94 ? CityForm::kFolded
                            : CityForm::kUpper;
  if ((plan.city_form == CityForm::kAlias && place.aliases.empty()) ||
      (plan.city_form == CityForm::kFolded && place.folded.empty())) {
    plan.city_form = CityForm::kName;
  }
  plan.pick = r.Next();
}

AdPlan Generator::PlanAd(int64_t index) const {
  Random r(StreamKey(seed_, Stream::kAd, static_cast<uint64_t>(index)));
  AdPlan plan;
  plan.index = index;
  plan.day = static_cast<int>(index * kDays / std::max<int64_t>(count_, 1));
  plan.organised = r.Percent(kOrganisedShare);
  if (plan.organised) {
    const auto g = static_cast<int64_t>(r.Below(static_cast<uint64_t>(layout_.groups)));
    const GroupProfile group = DeriveGroup(g);
    const int p = static_cast<int>(r.Below(static_cast<uint64_t>(group.persons)));
    plan.owner = g;
    const auto person_key = [&](int person) {
      return StreamKey(seed_, Stream::kPerson, static_cast<uint64_t>(g),
                       static_cast<uint64_t>(person));
    };
    plan.persona = DerivePerson(person_key(p), AdKind::kEscort, 30, group.country);
    plan.template_number =
        r.Percent(80) ? p % group.templates : static_cast<int>(r.Below(
                                                  static_cast<uint64_t>(group.templates)));
    const uint64_t template_node = layout_.GroupTemplate(g, plan.template_number);
    plan.spec = DeriveTemplate(template_node, AdKind::kEscort,
                               group.language[static_cast<std::size_t>(plan.template_number)],
                               /*phone=*/true, group.email, /*young=*/false);
    plan.primary_node = layout_.GroupTemplate(g, 0);
    // The group's booking phone, the person's own, or both.
    const bool own = plan.persona.own_phone && r.Percent(60);
    const bool both = own && r.Percent(15);
    if (!own || both) {
      const int k = group.phones == 2 && r.Percent(30) ? 1 : 0;
      plan.phones[static_cast<std::size_t>(plan.phone_count++)] = {layout_.GroupPhone(g, k),
                                                                    group.country};
    }
    if (own) {
      plan.phones[static_cast<std::size_t>(plan.phone_count++)] = {layout_.PersonPhone(g, p),
                                                                    plan.persona.country};
    }
    plan.has_email = group.email && r.Percent(50);
    plan.email_node = layout_.GroupEmail(g);
    const int shown = r.Between(1, std::min(4, plan.persona.images));
    const auto first = static_cast<int>(r.Below(static_cast<uint64_t>(plan.persona.images)));
    for (int k = 0; k < shown; ++k) {
      plan.images[static_cast<std::size_t>(plan.image_count++)] =
          layout_.PersonImage(g, p, (first + k) % plan.persona.images);
    }
    if (group.persons >= 2 && r.Percent(6)) {
      const int p2 = (p + 1 + static_cast<int>(r.Below(static_cast<uint64_t>(group.persons - 1)))) %
                     group.persons;
      plan.duo = true;
      plan.partner = DerivePerson(person_key(p2), AdKind::kEscort, 30, group.country);
      plan.duo_phrase = static_cast<int>(r.Below(Book(AdKind::kEscort, plan.spec.language).duo.size()));
      plan.images[static_cast<std::size_t>(plan.image_count++)] = layout_.PersonImage(g, p2, 0);
    }
    if (group.images > 0 && r.Percent(30)) {
      plan.images[static_cast<std::size_t>(plan.image_count++)] =
          layout_.GroupImage(g, static_cast<int>(r.Below(static_cast<uint64_t>(group.images))));
    }
    const int stop = ((plan.day + group.route_offset) / group.stay_days) % group.stops;
    plan.place = group.itinerary[static_cast<std::size_t>(stop)];
    plan.site = group.sites[r.Below(2)];
  } else {
    const auto a = static_cast<int64_t>(r.Below(static_cast<uint64_t>(layout_.solos)));
    const SoloProfile solo = DeriveSolo(a);
    plan.owner = a;
    plan.persona = solo.person;
    plan.spec = DeriveTemplate(layout_.SoloTemplate(a), solo.kind, solo.language, solo.phone,
                               solo.email, solo.person.written_age <= 20);
    plan.primary_node = layout_.SoloTemplate(a);
    if (solo.phone) plan.phones[static_cast<std::size_t>(plan.phone_count++)] = {
        layout_.SoloPhone(a), solo.person.country};
    plan.has_email = solo.email;
    plan.email_node = layout_.SoloEmail(a);
    const int shown = solo.kind == AdKind::kSugar ? r.Between(0, std::min(3, plan.persona.images))
                                                  : r.Between(0, plan.persona.images);
    for (int k = 0; k < shown; ++k) {
      plan.images[static_cast<std::size_t>(plan.image_count++)] = layout_.SoloImage(a, k);
    }
    plan.place = solo.tours && (plan.day / 7) % 2 == 1 ? solo.second : solo.home;
    plan.site = solo.sites[r.Percent(80) ? 0 : 1];
  }
  const PhraseBook& book = Book(plan.spec.kind, plan.spec.language);
  // A copy sometimes writes the number another way than its template, to evade matching.
  plan.phone_style = r.Percent(10) ? static_cast<PhoneStyle>(r.Below(kPhoneStyles))
                                   : plan.spec.phone_style;
  // A phone not in the body is in the site's phone field, and that holds one number.
  if (!plan.spec.phone_in_body) plan.phone_count = std::min(plan.phone_count, 1);
  plan.phone_field = plan.phone_count > 0 && (!plan.spec.phone_in_body || r.Percent(30));
  plan.email_field = plan.has_email && (!plan.spec.email_in_body || r.Percent(15));
  PlanPlace(r, plan);
  const bool sugar = plan.spec.kind == AdKind::kSugar;
  if (r.Percent(sugar ? 90 : 55)) {
    const uint64_t x = r.Below(10);
    plan.age_field = x < 4 ? AgeFieldForm::kNumber : x < 8 ? AgeFieldForm::kString
                                                           : AgeFieldForm::kWithUnit;
  }
  if (plan.persona.minor) {
    plan.minor_sentence = r.Percent(plan.persona.honest ? 30 : 75);
    plan.minor_child = r.Percent(50);
    plan.minor_phrase = static_cast<int>(
        r.Below((plan.minor_child ? book.minor_child : book.minor_age).size()));
  }
  plan.title_phrase = static_cast<int>(r.Below(book.title.size()));
  plan.price_field = !sugar && r.Percent(25);
  // 1 to 5 sightings, about 3 on average.
  plan.observations = 1;
  int x = static_cast<int>(r.Below(100));
  for (const int share : {10, 20, 35, 20}) {
    if (x < share) break;
    x -= share;
    ++plan.observations;
  }
  for (int k = 1; k < plan.observations; ++k) {
    plan.day_of[static_cast<std::size_t>(k)] =
        plan.day_of[static_cast<std::size_t>(k - 1)] + r.Between(1, kMaxGap);
  }
  plan.edit = r.Percent(35) ? static_cast<int>(r.Below(book.edits.size())) : -1;
  plan.update_prefix = r.Percent(8);
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Keys and truth.

uint64_t Generator::Find(uint64_t i) {
  while (parent_[i] != i) {
    parent_[i] = parent_[parent_[i]];
    i = parent_[i];
  }
  return i;
}

void Generator::Union(uint64_t a, uint64_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  if (b < a) std::swap(a, b);
  parent_[b] = static_cast<uint32_t>(a);
}

// The keys `plan` writes somewhere in its ad: every phone and address it has is in the body or a
// field (PlanAd sees to that), every image is listed.
template <typename F>
void Generator::ForEachKey(const AdPlan& plan, F key) const {
  key(plan.spec.node);
  for (int k = 0; k < plan.phone_count; ++k) key(plan.phones[static_cast<std::size_t>(k)].node);
  if (plan.has_email) key(plan.email_node);
  for (int k = 0; k < plan.image_count; ++k) key(plan.images[static_cast<std::size_t>(k)]);
}

std::vector<int> Generator::WrittenAges(const AdPlan& plan) const {
  std::vector<int> ages;
  const PhraseBook& book = Book(plan.spec.kind, plan.spec.language);
  if (plan.spec.age_in_body || Mentions(book.title[static_cast<std::size_t>(plan.title_phrase)],
                                        "[AGE]")) {
    ages.push_back(plan.persona.written_age);
  }
  if (plan.age_field != AgeFieldForm::kNone) ages.push_back(plan.persona.field_age);
  if (plan.minor_sentence && !plan.minor_child) ages.push_back(plan.persona.age);
  if (plan.duo) {
    const std::string_view duo = book.duo[static_cast<std::size_t>(plan.duo_phrase)];
    if (Mentions(duo, "[AGE]")) ages.push_back(plan.persona.written_age);
    ages.push_back(plan.partner.written_age);
  }
  std::sort(ages.begin(), ages.end());
  ages.erase(std::unique(ages.begin(), ages.end()), ages.end());
  return ages;
}

bool Generator::WrittenMinor(const AdPlan& plan) const {
  const std::vector<int> ages = WrittenAges(plan);
  return (plan.minor_sentence && plan.minor_child) ||
         std::any_of(ages.begin(), ages.end(), [](int a) { return a < 18; });
}

std::string Generator::GroupName(const AdPlan& plan) {
  std::string name = (plan.organised ? "org" : "solo") + std::to_string(plan.owner);
  const uint64_t root = Find(plan.spec.node);
  // An owner whose ads fall into several components (persons who share nothing) gets one group
  // per component, as the linking rules see it.
  if (root != Find(plan.primary_node)) name += "-" + std::to_string(root);
  return name;
}

std::string Generator::E164(const PhoneRef& phone) const {
  const std::string digits = NationalDigits(phone);
  return phone.country == Country::kSweden ? "+46" + digits.substr(1) : "+" + digits;
}

// A Swedish number with its trunk "0" (10 digits), or a foreign one with its country code.
std::string Generator::NationalDigits(const PhoneRef& phone) const {
  const uint64_t serial = layout_.PhoneSerial(phone.node);
  std::string out;
  switch (phone.country) {
    case Country::kSweden: {
      // 070, 072, 073, 076 and 079 are mobile series.
      static constexpr char kSeries[] = "02369";
      out = "07";
      out += kSeries[serial % 5];
      AppendDigits(out, mobile_(serial / 5), 7);
      break;
    }
    case Country::kRomania:
      // Mobile: 72 to 77, then 7 digits (parts of 78 and 79 are not allocated).
      out = "407";
      out += static_cast<char>('2' + serial % 6);
      AppendDigits(out, foreign_(serial / 6), 7);
      break;
    case Country::kPoland: {
      static constexpr char kSeries[] = "0137";
      out = "485";
      out += kSeries[serial % 4];
      AppendDigits(out, foreign_(serial / 4), 7);
      break;
    }
  }
  return out;
}

void Generator::WriteTruth(const AdPlan& plan, std::string& line) {
  const Site& site = kSites[plan.site];
  line += "{\"site\":";
  AppendJsonString(line, site.host);
  line += ",\"ad_id\":";
  AppendJsonString(line, std::string(site.id_prefix) + std::to_string(site.id_base + plan.index));
  std::vector<std::string> phones;
  for (int k = 0; k < plan.phone_count; ++k) {
    phones.push_back(E164(plan.phones[static_cast<std::size_t>(k)]));
  }
  std::sort(phones.begin(), phones.end());
  phones.erase(std::unique(phones.begin(), phones.end()), phones.end());
  line += ",\"phones\":[";
  for (std::size_t k = 0; k < phones.size(); ++k) {
    if (k) line += ',';
    AppendJsonString(line, phones[k]);
  }
  line += "],\"emails\":[";
  if (plan.has_email) {
    AppendJsonString(line, Lower(EmailLocal(plan)) + "@" + std::string(EmailDomain(plan)));
  }
  line += "],\"ages\":[";
  const std::vector<int> ages = WrittenAges(plan);
  for (std::size_t k = 0; k < ages.size(); ++k) {
    if (k) line += ',';
    AppendNumber(line, ages[k]);
  }
  line += "],\"municipality\":";
  const bool placed = plan.location != LocationForm::kAbsent || plan.spec.place_in_body;
  if (placed) {
    AppendJsonString(line, places_.places[static_cast<std::size_t>(plan.place)].code);
  } else {
    line += "null";
  }
  line += ",\"template\":";
  AppendJsonString(line, plan.organised ? "org" + std::to_string(plan.owner) + ".t" +
                                              std::to_string(plan.template_number)
                                        : "solo" + std::to_string(plan.owner));
  line += ",\"group\":";
  AppendJsonString(line, GroupName(plan));
  line += ",\"kind\":";
  AppendJsonString(line, AdKindName(plan.spec.kind));
  line += ",\"language\":";
  AppendJsonString(line, LanguageCode(plan.spec.language));
  line += ",\"minor\":";
  line += WrittenMinor(plan) ? "true" : "false";
  line += "}\n";
}

// ---------------------------------------------------------------------------------------------
// Text.

void Generator::BuildTemplate(const TemplateSpec& spec, std::vector<Piece>& out) const {
  Random r(StreamKey(seed_, Stream::kTemplateText, spec.node));
  const PhraseBook& b = Book(spec.kind, spec.language);
  out.clear();
  bool first = true;
  const auto separate = [&] {
    if (first) {
      first = false;
      return;
    }
    const uint64_t x = r.Below(100);
    out.push_back({x < 75 ? " " : x < 95 ? "\n" : "\n\n", Slot::kNone});
  };
  const auto sentence = [&](Phrases list) {
    if (list.empty()) return;
    separate();
    phrases_.Append(r.Pick(list), r, out);
  };
  // One sentence of `list`, a second (another one) with `second_share`, a third after that with
  // `third_share`.
  const auto some_of = [&](Phrases list, int second_share, int third_share = 0) {
    const uint64_t a = r.Below(list.size());
    separate();
    phrases_.Append(list[a], r, out);
    if (list.size() < 3 || !r.Percent(second_share)) return;
    const uint64_t step = 1 + r.Below(list.size() - 2);
    separate();
    phrases_.Append(list[(a + step) % list.size()], r, out);
    if (!r.Percent(third_share)) return;
    separate();
    phrases_.Append(list[(a + step + 1 + r.Below(list.size() - step - 1)) % list.size()], r,
                    out);
  };
  if (r.Percent(85)) sentence(b.open);
  sentence(spec.age_in_body ? (spec.young_intro ? b.intro_young : b.intro_age) : b.intro_plain);
  // Per ad: a minor's sentence and a duo's, each with its own leading space when written.
  out.push_back({{}, Slot::kMinor});
  out.push_back({{}, Slot::kDuo});
  Phrases contact = b.contact_none;
  if (spec.phone_in_body && spec.email_in_body) {
    contact = b.contact_both;
  } else if (spec.phone_in_body) {
    contact = b.contact_phone;
  } else if (spec.email_in_body) {
    contact = b.contact_email;
  }
  if (spec.kind == AdKind::kEscort) {
    if (r.Percent(90)) some_of(b.looks, 60, 30);
    if (r.Percent(85)) some_of(b.about, 60, 35);
    if (spec.place_in_body) sentence(b.place);
    some_of(b.services, 75, 35);
    if (r.Percent(75)) some_of(b.meeting, 50, 30);
    if (r.Percent(60)) sentence(b.incall);
    if (spec.prices) sentence(b.prices);
    if (r.Percent(70)) sentence(b.availability);
    sentence(contact);
    if (r.Percent(80)) some_of(b.rules, 50, 30);
    if (r.Percent(80)) sentence(b.close);
  } else {
    if (spec.place_in_body) sentence(b.place);
    if (r.Percent(90)) some_of(b.about, 70, 60);
    some_of(b.services, 70);
    if (r.Percent(80)) some_of(b.meeting, 50);
    if (r.Percent(70)) sentence(b.prices);
    some_of(b.looks, 70, 60);
    sentence(contact);
    if (r.Percent(70)) sentence(b.close);
  }
}

void Generator::WritePhone(const PhoneRef& phone, PhoneStyle style, Language language, Random& r,
                           std::string& out) const {
  const std::string digits = NationalDigits(phone);
  if (phone.country != Country::kSweden) {
    // Foreign numbers are written with their country code, the way that reads them as foreign.
    const std::string_view cc = std::string_view(digits).substr(0, 2);
    const std::string_view n = std::string_view(digits).substr(2);
    switch (static_cast<int>(style) % 3) {
      case 0:
        out += "+";
        out += cc;
        out += " ";
        out += n.substr(0, 3);
        out += " ";
        out += n.substr(3, 3);
        out += " ";
        out += n.substr(6);
        return;
      case 1:
        out += "+" + digits;
        return;
      default:
        out += "00";
        out += cc;
        out += " ";
        out += n.substr(0, 3);
        out += " ";
        out += n.substr(3, 3);
        out += " ";
        out += n.substr(6);
        return;
    }
  }
  const std::string_view d = digits;  // 0701234567
  const std::array<std::string_view, 4> groups = {d.substr(0, 3), d.substr(3, 3), d.substr(6, 2),
                                                  d.substr(8, 2)};
  const std::string_view nsn = d.substr(1);  // 701234567
  const auto join = [&](std::string_view sep) {
    for (std::size_t k = 0; k < groups.size(); ++k) {
      if (k) out += sep;
      out += groups[k];
    }
  };
  const auto international = [&](std::string_view prefix) {
    out += prefix;
    out += nsn.substr(0, 2);
    out += " ";
    out += nsn.substr(2, 3);
    out += " ";
    out += nsn.substr(5, 2);
    out += " ";
    out += nsn.substr(7, 2);
  };
  static constexpr std::array<std::string_view, 10> kSv = {"noll", "ett", "två", "tre",  "fyra",
                                                           "fem",  "sex", "sju", "åtta", "nio"};
  static constexpr std::array<std::string_view, 10> kEn = {
      "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
  const auto& words = language == Language::kSv ? kSv : kEn;
  const auto word = [&](char c) { return words[static_cast<std::size_t>(c - '0')]; };
  switch (style) {
    case PhoneStyle::kDashed:
      out += groups[0];
      out += "-";
      out += groups[1];
      out += " ";
      out += groups[2];
      out += " ";
      out += groups[3];
      break;
    case PhoneStyle::kCompact: out += d; break;
    case PhoneStyle::kSpaced: join(" "); break;
    case PhoneStyle::kInternational: international("+46 "); break;
    case PhoneStyle::kPlusCompact:
      out += "+46";
      out += nsn;
      break;
    case PhoneStyle::kDashCompact:
      out += groups[0];
      out += "-";
      out += d.substr(3);
      break;
    case PhoneStyle::kDoubleZero: international("0046 "); break;
    case PhoneStyle::kTrunkParen: international("+46 (0)"); break;
    case PhoneStyle::kWords:
    case PhoneStyle::kWordsEnglish:
      for (std::size_t k = 0; k < d.size(); ++k) {
        if (k) out += " ";
        out += style == PhoneStyle::kWords ? word(d[k]) : kEn[static_cast<std::size_t>(d[k] - '0')];
      }
      break;
    case PhoneStyle::kWordsUpper:
      for (std::size_t g = 0; g < groups.size(); ++g) {
        if (g) out += " - ";
        for (std::size_t k = 0; k < groups[g].size(); ++k) {
          if (k) out += " ";
          out += Upper(word(groups[g][k]));
        }
      }
      break;
    case PhoneStyle::kLookalike: {
      // O and o for 0, l and I for 1: at least the leading 0, which every number has.
      std::string shown(groups[0]);
      shown += "-";
      shown += groups[1];
      shown += " ";
      shown += groups[2];
      shown += " ";
      shown += groups[3];
      for (std::size_t k = 0; k < shown.size(); ++k) {
        if ((shown[k] != '0' && shown[k] != '1') || (k > 0 && !r.Percent(70))) continue;
        shown[k] = shown[k] == '0' ? (r.Percent(70) ? 'O' : 'o') : (r.Percent(70) ? 'l' : 'I');
      }
      out += shown;
      break;
    }
    case PhoneStyle::kDigitsSpaced:
    case PhoneStyle::kDashesEach:
      for (std::size_t k = 0; k < d.size(); ++k) {
        if (k) out += style == PhoneStyle::kDigitsSpaced ? " " : "-";
        out += d[k];
      }
      break;
    case PhoneStyle::kDots: join("."); break;
    case PhoneStyle::kSlashes: join("/"); break;
    case PhoneStyle::kEmoji:
      for (const char c : d) {
        out += c;
        out += "\xEF\xB8\x8F\xE2\x83\xA3";  // U+FE0F U+20E3: keycap
      }
      break;
    case PhoneStyle::kFullWidth:
      for (std::size_t g = 0; g < groups.size(); ++g) {
        if (g) out += " ";
        for (const char c : groups[g]) {
          out += "\xEF\xBC";
          out += static_cast<char>(0x90 + (c - '0'));
        }
      }
      break;
    case PhoneStyle::kMixedWords:
      out += groups[0];
      for (const char c : groups[1]) {
        out += " ";
        out += word(c);
      }
      out += " ";
      out += groups[2];
      out += " ";
      out += groups[3];
      break;
  }
}

std::string Generator::EmailLocal(const AdPlan& plan) const {
  std::string local;
  if (plan.organised) {
    static constexpr std::string_view kAgencies[] = {"vipgirls", "angels", "models",
                                                     "dreamgirls", "luxury", "escortservice"};
    Random r(StreamKey(seed_, Stream::kNumbering, plan.email_node, 4));
    local = kAgencies[r.Below(std::size(kAgencies))];
  } else {
    Random r(StreamKey(seed_, Stream::kNumbering, plan.email_node, 4));
    local = Lower(Folded(plan.persona.name));
    local += r.Pick(Phrases(detail::kEmailWords));
  }
  // Digits from the node's serial make the address unique (the base holds no digits).
  local += std::to_string(mailbox_(layout_.EmailSerial(plan.email_node)));
  return local;
}

std::string_view Generator::EmailDomain(const AdPlan& plan) const {
  Random r(StreamKey(seed_, Stream::kNumbering, plan.email_node, 5));
  return r.Pick(Phrases(detail::kEmailDomains));
}

void Generator::WriteEmail(const AdPlan& plan, EmailStyle style, std::string& out) const {
  std::string local = EmailLocal(plan);
  const std::string_view domain = EmailDomain(plan);
  const std::size_t dot = domain.find('.');
  const std::string_view host = domain.substr(0, dot), tld = domain.substr(dot + 1);
  const auto words = [&](std::string_view at, std::string_view point) {
    out += local;
    out += at;
    out += host;
    out += point;
    out += tld;
  };
  switch (style) {
    case EmailStyle::kPlain: words("@", "."); break;
    case EmailStyle::kCapital:
      local = Capitalised(local);
      out += local;
      out += "@";
      out += Capitalised(domain);
      break;
    case EmailStyle::kAtDot: words(" at ", " dot "); break;
    case EmailStyle::kParen: words(" (at) ", " (dot) "); break;
    case EmailStyle::kBracket: words("[at]", "[dot]"); break;
    case EmailStyle::kA: words("(a)", "."); break;
    case EmailStyle::kSnabelA: words(" snabel-a ", " punkt "); break;
    case EmailStyle::kFullWidthAt: words("\xEF\xBC\xA0", "."); break;
    case EmailStyle::kSpacedAt: words(" @ ", "."); break;
  }
}

std::string Generator::CityText(const AdPlan& plan) const {
  const Place& place = places_.places[static_cast<std::size_t>(plan.place)];
  switch (plan.city_form) {
    case CityForm::kName: return place.name;
    case CityForm::kAlias: return place.aliases[plan.pick % place.aliases.size()];
    case CityForm::kFolded: return place.folded;
    case CityForm::kUpper: return Upper(place.name);
  }
  return place.name;
}

std::string Generator::PriceText(const AdPlan& plan, int hour_change) const {
  const PersonProfile& p = plan.persona;
  const bool spaced = plan.spec.spaced_amounts;
  const int hour = p.hour + hour_change;
  const std::string h = Amount(hour, spaced), half = Amount(p.half, spaced),
                    night = Amount(p.night, spaced), two = Amount(hour * 2 - 200, spaced);
  if (plan.spec.language == Language::kSv) {
    switch (plan.spec.price_style) {
      case 0: return h + "kr/h";
      case 1: return "30 min " + half + " kr, 1h " + h + " kr";
      case 2: return h + ":- 1 timme";
      case 3: return "Halvtimme " + half + ", timme " + h;
      case 4: return half + " kr/30 min, " + h + " kr/h, natt " + night + " kr";
      case 5: return "\n1 timme " + h + " kr\n2 timmar " + two + " kr\nNatt " + night + " kr";
      default: return h + " kr per timme";
    }
  }
  switch (plan.spec.price_style) {
    case 0: return h + " SEK/h";
    case 1: return "30min " + half + "kr, 1h " + h + "kr";
    case 2: return "1 hour " + h + " SEK, overnight " + night + " SEK";
    case 3: return "€" + std::to_string(p.euro + hour_change / 10) + "/h";
    default: return "Half hour " + half + " SEK, one hour " + h + " SEK";
  }
}

std::string& SlotText(std::array<std::string, 14>& slots, Slot s) {
  return slots[static_cast<std::size_t>(s)];
}

void Generator::RenderPieces(std::span<const Piece> pieces, std::string& out) const {
  for (const Piece& p : pieces) {
    if (p.slot == Slot::kNone) {
      out += p.text;
    } else {
      out += slots_[static_cast<std::size_t>(p.slot)];
    }
  }
}

void Generator::RenderPhrase(std::string_view phrase, std::string& out) {
  // The per-ad phrases (minor, duo, title) have no alternatives: the stream is never drawn.
  Random unused(0);
  phrase_pieces_.clear();
  phrases_.Append(phrase, unused, phrase_pieces_);
  RenderPieces(phrase_pieces_, out);
}

void Generator::FillSlots(const AdPlan& plan, int observation) {
  Random r(StreamKey(seed_, Stream::kAdText, static_cast<uint64_t>(plan.index)));
  Random o(StreamKey(seed_, Stream::kObservation, static_cast<uint64_t>(plan.index),
                     static_cast<uint64_t>(observation)));
  const PhraseBook& book = Book(plan.spec.kind, plan.spec.language);
  for (std::string& s : slots_) s.clear();
  SlotText(slots_, Slot::kName) = plan.persona.name;
  SlotText(slots_, Slot::kAge) = std::to_string(plan.persona.written_age);
  SlotText(slots_, Slot::kRealAge) = std::to_string(plan.persona.age);
  SlotText(slots_, Slot::kCity) = CityText(plan);
  std::string& phone = SlotText(slots_, Slot::kPhone);
  for (int k = 0; k < plan.phone_count; ++k) {
    if (k) phone += plan.spec.language == Language::kSv ? " eller " : " or ";
    WritePhone(plan.phones[static_cast<std::size_t>(k)], plan.phone_style, plan.spec.language, r,
               phone);
  }
  if (plan.has_email) WriteEmail(plan, plan.spec.email_style, SlotText(slots_, Slot::kEmail));
  // A later observation sometimes shows another price.
  const int hour_change = observation > 0 && o.Percent(8) ? (o.Percent(50) ? -200 : 300) : 0;
  SlotText(slots_, Slot::kPrices) = PriceText(plan, hour_change);
  SlotText(slots_, Slot::kMoney) = Amount(plan.persona.money, plan.spec.spaced_amounts);
  std::string& snap = SlotText(slots_, Slot::kSnap);
  snap = r.Pick(Phrases(detail::kSnapWords));
  snap += "_" + Lower(Folded(plan.persona.name)) + std::to_string(r.Between(10, 99));
  if (plan.duo) {
    SlotText(slots_, Slot::kName2) = plan.partner.name;
    SlotText(slots_, Slot::kAge2) = std::to_string(plan.partner.written_age);
    std::string& duo = SlotText(slots_, Slot::kDuo);
    duo = " ";
    RenderPhrase(book.duo[static_cast<std::size_t>(plan.duo_phrase)], duo);
  }
  if (plan.minor_sentence) {
    std::string& minor = SlotText(slots_, Slot::kMinor);
    minor = " ";
    RenderPhrase((plan.minor_child ? book.minor_child
                                   : book.minor_age)[static_cast<std::size_t>(plan.minor_phrase)],
                 minor);
  }
}

void Generator::WriteObservation(const AdPlan& plan, int observation, int day, int64_t position,
                                 std::string& line) {
  const Site& site = kSites[plan.site];
  const PhraseBook& book = Book(plan.spec.kind, plan.spec.language);
  const Place& place = places_.places[static_cast<std::size_t>(plan.place)];
  FillSlots(plan, observation);
  BuildTemplate(plan.spec, pieces_);
  body_.clear();
  RenderPieces(pieces_, body_);
  // Small edits: of this copy of the template, and of a later observation.
  Random o(StreamKey(seed_, Stream::kObservation, static_cast<uint64_t>(plan.index),
                     static_cast<uint64_t>(observation) + 100));
  const auto edit = [&](uint64_t first) {
    for (std::size_t k = 0; k < book.edits.size(); ++k) {
      const detail::WordEdit& e = book.edits[(first + k) % book.edits.size()];
      if (ReplaceWord(body_, e.from, e.to)) return;
    }
  };
  if (plan.edit >= 0) edit(static_cast<uint64_t>(plan.edit));
  if (plan.update_prefix) body_.insert(0, book.updates[static_cast<std::size_t>(plan.index) %
                                                       book.updates.size()]);
  if (observation > 0 && o.Percent(15)) {
    if (o.Percent(50)) {
      edit(o.Next());
    } else {
      body_.insert(0, o.Pick(book.updates));
    }
  }
  title_.clear();
  RenderPhrase(book.title[static_cast<std::size_t>(plan.title_phrase)], title_);

  // Seen during the day's crawl, in the order written.
  if (day != seen_day_) {
    seen_day_ = day;
    const CivilDate date = CivilFromDays(DaysFromCivil(kFirstDay) + day);
    const TimePoint noon = StartOfSwedishDay(date) + std::chrono::hours(12);
    const auto offset_hours = static_cast<int>(SwedishUtcOffset(noon).count() / 3600);
    char text[24];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT", date.year, date.month, date.day);
    seen_date_ = text;
    std::snprintf(text, sizeof text, "+%02d:00", offset_hours);
    seen_offset_ = text;
  }
  const int64_t per_day = std::max<int64_t>(1, count_ * 3 / kDays);
  const auto second =
      static_cast<int>(std::min<int64_t>(8 * 3600 + position * 15 * 3600 / per_day, 86399));
  seen_ = seen_date_;
  AppendTwoDigits(seen_, second / 3600);
  seen_ += ':';
  AppendTwoDigits(seen_, second / 60 % 60);
  seen_ += ':';
  AppendTwoDigits(seen_, second % 60);
  seen_ += seen_offset_;

  const std::string ad_id = std::string(site.id_prefix) + std::to_string(site.id_base + plan.index);
  line += "{\"site\":";
  AppendJsonString(line, site.host);
  line += ",\"ad_id\":";
  AppendJsonString(line, ad_id);
  line += ",\"seen_at\":";
  AppendJsonString(line, seen_);
  line += ",\"kind\":";
  AppendJsonString(line, AdKindName(plan.spec.kind));
  line += ",\"url\":";
  AppendJsonString(line, "https://" + std::string(site.host) + std::string(site.path) + ad_id);
  line += ",\"title\":";
  AppendJsonString(line, title_);
  line += ",\"body\":";
  AppendJsonString(line, body_);
  if (plan.location != LocationForm::kAbsent) {
    scratch_.clear();
    Random pick(plan.pick);
    switch (plan.location) {
      case LocationForm::kName: scratch_ = place.name; break;
      case LocationForm::kNameCased:
        scratch_ = pick.Percent(50) ? Upper(place.name) : Lower(place.name);
        break;
      case LocationForm::kFolded: scratch_ = place.folded; break;
      case LocationForm::kAlias: scratch_ = place.aliases[plan.pick % place.aliases.size()]; break;
      case LocationForm::kPostal:
      case LocationForm::kPostalTown: {
        const auto& [code, town] = place.postal[plan.pick % place.postal.size()];
        char postal[16];
        if (pick.Percent(60)) {
          std::snprintf(postal, sizeof postal, "%03d %02d", code / 100, code % 100);
        } else {
          std::snprintf(postal, sizeof postal, "%05d", code);
        }
        scratch_ = postal;
        if (plan.location == LocationForm::kPostalTown) {
          scratch_ += " " + places_.post_towns[town];
        }
        break;
      }
      case LocationForm::kCounty: scratch_ = place.county; break;
      case LocationForm::kNameCountry:
        scratch_ = place.name + (plan.spec.language == Language::kSv ? ", Sverige" : ", Sweden");
        break;
      case LocationForm::kAbsent: break;
    }
    line += ",\"location\":";
    AppendJsonString(line, scratch_);
  }
  const int field_age = plan.persona.field_age;
  switch (plan.age_field) {
    case AgeFieldForm::kNone: break;
    case AgeFieldForm::kNumber:
      line += ",\"age\":";
      AppendNumber(line, field_age);
      break;
    case AgeFieldForm::kString:
      line += ",\"age\":";
      AppendJsonString(line, std::to_string(field_age));
      break;
    case AgeFieldForm::kWithUnit:
      line += ",\"age\":";
      AppendJsonString(line, std::to_string(field_age) +
                                 (plan.spec.language == Language::kSv ? " år" : " years"));
      break;
  }
  if (plan.phone_field) {
    scratch_.clear();
    Random field(StreamKey(seed_, Stream::kAdText, static_cast<uint64_t>(plan.index), 1));
    static constexpr std::array<PhoneStyle, 4> kFieldStyles = {
        PhoneStyle::kCompact, PhoneStyle::kDashed, PhoneStyle::kSpaced, PhoneStyle::kPlusCompact};
    WritePhone(plan.phones[0], kFieldStyles[static_cast<std::size_t>(plan.index) % 4],
               plan.spec.language, field, scratch_);
    line += ",\"phone\":";
    AppendJsonString(line, scratch_);
  }
  if (plan.email_field) {
    scratch_.clear();
    WriteEmail(plan, EmailStyle::kPlain, scratch_);
    line += ",\"email\":";
    AppendJsonString(line, scratch_);
  }
  if (plan.price_field) {
    line += ",\"price\":";
    AppendJsonString(line, plan.index % 2 == 0 ? std::to_string(plan.persona.hour) + " kr/h"
                                               : std::to_string(plan.persona.hour));
  }
  if (plan.image_count > 0) {
    line += ",\"images\":[";
    for (int k = 0; k < plan.image_count; ++k) {
      if (k) line += ',';
      // 256 bits from the image's node: the same photo has the same hash in every ad.
      const uint64_t node = plan.images[static_cast<std::size_t>(k)];
      line += "\"sha256:";
      for (uint64_t part = 0; part < 4; ++part) {
        AppendHex64(line, StreamKey(seed_, Stream::kImage, node, part));
      }
      line += '"';
    }
    line += ']';
  }
  line += "}\n";
}

void Generator::Run(std::ostream& observations, std::ostream* truth) {
  if (count_ <= 0) return;
  // Pass 1: the truth's groups, from the keys each ad carries.
  SV_ASSERT(layout_.total < (uint64_t{1} << 32));  // 4 billion keys: far beyond any corpus
  parent_.resize(layout_.total);
  for (uint64_t i = 0; i < layout_.total; ++i) parent_[i] = static_cast<uint32_t>(i);
  for (int64_t i = 0; i < count_; ++i) {
    const AdPlan plan = PlanAd(i);
    ForEachKey(plan, [&](uint64_t key) { Union(plan.spec.node, key); });
  }

  // Pass 2: day by day, the observations due (later sightings of earlier ads, in the order the
  // ads appeared) and then the new ads. Only the schedule of later sightings is kept.
  std::array<std::vector<std::pair<int64_t, int>>, kMaxSpread + 1> due;
  std::string line, truth_line;
  int64_t next = 0;
  for (int day = 0;; ++day) {
    auto& today = due[static_cast<std::size_t>(day % (kMaxSpread + 1))];
    int64_t position = 0;
    line.clear();
    for (const auto& [index, observation] : today) {
      WriteObservation(PlanAd(index), observation, day, position++, line);
      if (line.size() > (1 << 16)) {
        observations.write(line.data(), static_cast<std::streamsize>(line.size()));
        line.clear();
      }
    }
    today.clear();
    bool pending = false;
    while (next < count_ && next * kDays / count_ == day) {
      const AdPlan plan = PlanAd(next);
      WriteObservation(plan, 0, day, position++, line);
      if (truth != nullptr) {
        truth_line.clear();
        WriteTruth(plan, truth_line);
        truth->write(truth_line.data(), static_cast<std::streamsize>(truth_line.size()));
      }
      for (int k = 1; k < plan.observations; ++k) {
        due[static_cast<std::size_t>((day + plan.day_of[static_cast<std::size_t>(k)]) %
                                     (kMaxSpread + 1))]
            .emplace_back(next, k);
      }
      if (line.size() > (1 << 16)) {
        observations.write(line.data(), static_cast<std::streamsize>(line.size()));
        line.clear();
      }
      ++next;
    }
    observations.write(line.data(), static_cast<std::streamsize>(line.size()));
    for (const auto& d : due) pending = pending || !d.empty();
    if (next == count_ && !pending) break;
  }
}

}  // namespace

void WriteSynthCorpus(const SynthOptions& options, std::ostream& observations, std::ostream* truth) {
  Result<Places> places = LoadPlaces();
  if (!places.ok()) {
    // The data is compiled in and checked by the tests of geo and places: this is a broken build.
    observations.setstate(std::ios::failbit);
    return;
  }
  Generator(options, std::move(*places)).Run(observations, truth);
}

}  // namespace sv::ads
