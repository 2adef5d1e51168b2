#pragma once
// What the analysis has already read, so that what is read again is not worked on again. Inside
// the ads module only; no allocation per ad or per line.
//
// SeenContents: the observation contents each ad has shown so far, so that the analysis extracts
// a content seen again on another day only once. One open-addressing table of 64-bit keys for all
// ads. A key is a hash (fast_hash.h) of the ad and of everything the observation says apart from
// when it was seen (the fields of extract.h's ContentHash); two different contents of one ad share
// a key with probability 2^-64, as with ContentHash.
//
// SeenLines: the valid lines read so far, each without the text of its time, so that a line that
// says again what an earlier one said, seen at another time, is not even parsed again (on the
// synthetic corpus 55 % of the lines: an ad is observed on several days, unchanged).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "ads/detail/byte_set_scan.h"
#include "ads/detail/fast_hash.h"
#include "ads/detail/table_memory.h"
#include "ads/observation.h"

namespace sv::ads::detail {

class SeenContents {
 public:
  // The key of `o`'s content as shown by the ad with AdIndex hash `ad` (ad_index.h), which tells
  // the ads apart as well as their numbers do and is known before the ad's number is.
  static uint64_t Key(uint64_t ad, const Observation& o) {
    uint64_t h = HashBytes(ad, AdKindName(o.kind));
    for (const std::string* field :
         {&o.body, &o.title, &o.location, &o.age, &o.phone, &o.email, &o.price, &o.url}) {
      h = HashBytes(h, *field);
    }
    for (const std::string& image : o.images) h = HashBytes(h, image);
    return h == 0 ? 1 : h;  // 0 marks an empty slot
  }

  // Asks the CPU to load the slot where Insert(key) starts, so that the load overlaps other work.
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) {
      __builtin_prefetch(&slots_[static_cast<std::size_t>(key) & (slots_.size() - 1)]);
    }
  }

  // Whether the content with this key is shown for the first time (and remembers it).
  bool Insert(uint64_t key) {
    if (2 * (used_ + 1) > slots_.size()) Grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == key) return false;
      if (slots_[i] == 0) {
        slots_[i] = key;
        ++used_;
        return true;
      }
    }
  }

 private:
  void Grow() {
    TableSlots<uint64_t> old(slots_.empty() ? 1024 : 2 * slots_.size(), 0);
    old.swap(slots_);
    used_ = 0;
    for (const uint64_t key : old) {
      if (key != 0) Insert(key);
    }
  }

  TableSlots<uint64_t> slots_;
  std::size_t used_ = 0;
};

// A line is cut around the text of its time: the text after its first `"seen_at":"` up to the
// next `"`. Two lines with the same bytes before and after that text, whose texts are both plain
// (printable ASCII without `\`, so that a JSON string holds them unchanged), are the same JSON but
// for one string: when that string is the value of the object's first key `seen_at` (Remember
// checks it once, for the first line), they are equally valid, of the same ad and with the same
// content; only the time itself is left to check. The bytes are compared by a 128-bit hash: two
// different lines share it with probability 2^-128, far below what the 64-bit keys above accept,
// because here the hash also decides that a line is valid.
class SeenLines {
 public:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  struct Cut {
    bool found = false;        // the line has a `"seen_at":"` followed by a plain text and a `"`
    std::string_view time;     // that text
    uint64_t key[2] = {0, 0};  // the hash of the bytes before and after it
    uint32_t home = 0;         // the hash of the bytes before it
  };

  // Asks the CPU to load the slot where Find(CutAtTime(line)) starts: the home alone, without
  // hashing the whole line. For a line to come, so that the load overlaps the lines before it.
  void Prefetch(std::string_view line) const {
    if (slots_.empty()) return;
    const std::size_t name = FindTimeKey(line);
    if (name == std::string_view::npos) return;
    __builtin_prefetch(&slots_[Home(line.substr(0, name + kTimeKey.size())) & (slots_.size() - 1)]);
  }

  // Also asks the CPU to load the line's slot (below) while the line is hashed.
  Cut CutAtTime(std::string_view line) const {
    Cut cut;
    const std::size_t name = FindTimeKey(line);
    if (name == std::string_view::npos) return cut;
    const std::size_t from = name + kTimeKey.size();
    std::size_t to = from;
    for (; to < line.size() && line[to] != '"'; ++to) {
      const auto c = static_cast<unsigned char>(line[to]);
      if (c < 0x20 || c > 0x7e || c == '\\') return cut;
    }
    if (to == line.size()) return cut;
    cut.found = true;
    cut.time = line.substr(from, to - from);
    cut.home = Home(line.substr(0, from));
    if (!slots_.empty()) __builtin_prefetch(&slots_[cut.home & (slots_.size() - 1)]);
    HashAround(line.substr(0, from), line.substr(to), cut.key);
    return cut;
  }

  // The number of the ad of a remembered line with the same bytes as `cut`'s around the time, or
  // kNone.
  std::size_t Find(const Cut& cut) const {
    if (!cut.found || slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = cut.home & mask;
    for (std::size_t probe = 0; probe < kMaxProbes; ++probe, i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.ad == 0) return kNone;
      if (slot.key[0] == cut.key[0] && slot.key[1] == cut.key[1]) return slot.ad - 1;
    }
    return kNone;
  }

  // Remembers `line`, valid (ObservationParser accepted it) and of ad `ad`, cut as `cut`: only
  // when the cut is at the value of the object's first key `seen_at`, and when there is room near
  // its slot. Whether it did (or held it already). A line remembered may still be forgotten when
  // the table grows and its slot is too far from its home then.
  bool Remember(std::string_view line, const Cut& cut, std::size_t ad) {
    if (!cut.found || ad + 1 > UINT32_MAX ||
        !CutsAtFirstTimeKey(
            line.substr(0, static_cast<std::size_t>(cut.time.data() - line.data())))) {
      return false;
    }
    if (2 * (used_ + 1) > slots_.size()) Grow();
    return Place({{cut.key[0], cut.key[1]}, cut.home, static_cast<uint32_t>(ad + 1)});
  }

 private:
  static constexpr std::string_view kTimeKey = "\"seen_at\":\"";
  // A line's slot is near the one its home names: every line of an ad seen at one place starts
  // at the same slot (the bytes before the time are the same), so that the slot is known, and
  // loaded, before the rest of the line is hashed. A line more than this many slots away is not
  // remembered, which keeps an ad shown with countless contents from making the probes long.
  static constexpr std::size_t kMaxProbes = 32;

  // The home of a line whose bytes up to and with its `"seen_at":"` are `before`.
  static uint32_t Home(std::string_view before) {
    return static_cast<uint32_t>(HashBytes(kHashMul2 ^ ProcessHashSeed(), before));
  }

  struct Slot {
    uint64_t key[2] = {0, 0};
    uint32_t home = 0;
    uint32_t ad = 0;  // the ad's number + 1; 0 marks an empty slot
  };

  // Whether `line` is in the table now.
  bool Place(const Slot& line) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = line.home & mask;
    for (std::size_t probe = 0; probe < kMaxProbes; ++probe, i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.ad == 0) {
        slot = line;
        ++used_;
        return true;
      }
      if (slot.key[0] == line.key[0] && slot.key[1] == line.key[1]) return true;
    }
    return false;
  }

  // Whether `before`, the text of a valid JSON object up to and with its first `"seen_at":"`,
  // ends in the first key `seen_at` of the object: that `"` opens no string inside another one,
  // and no key of a nested object, and no earlier key is `seen_at`. An earlier key with an escape
  // (which might spell `seen_at`, as simdjson reads it) makes the answer no.
  static bool CutsAtFirstTimeKey(std::string_view before) {
    const std::size_t end = before.size() - kTimeKey.size();  // where `"seen_at"` starts
    int depth = 0;
    bool key_next = false;  // the next string is a key of the object itself
    for (std::size_t i = 0; i < end; ++i) {
      const char c = before[i];
      if (c == '"') {
        const std::size_t start = ++i;
        bool escaped = false;
        for (; i < end && before[i] != '"'; ++i) {
          if (before[i] == '\\') {
            escaped = true;
            ++i;
          }
        }
        if (i >= end) return false;  // the `"seen_at":"` is inside this string
        if (depth == 1 && key_next) {
          if (escaped || before.substr(start, i - start) == "seen_at") return false;
          key_next = false;
        }
      } else if (c == '{' || c == '[') {
        // The line is an object, so only its own `{` brings the depth to 1.
        key_next = ++depth == 1;
      } else if (c == '}' || c == ']') {
        --depth;
      } else if (c == ',') {
        key_next = depth == 1;
      }
    }
    return depth == 1 && key_next;
  }

  // The first `"seen_at":"` in `line`, or npos. The eleven bytes are compared only where `"`
  // stands at the three places it has in them, found 16 places at a time (byte_set_scan.h).
  static std::size_t FindTimeKey(std::string_view line) {
    constexpr ByteSet kQuote{.ranges = {{{'"', '"'}}}};
    const auto at = [&](std::size_t i) {
      return std::memcmp(line.data() + i, kTimeKey.data(), kTimeKey.size()) == 0;
    };
    std::size_t i = 0;
    for (; i + 10 + 16 <= line.size(); i += 16) {
      const char* p = line.data() + i;
      for (uint32_t m = Mask16<kQuote>(p) & Mask16<kQuote>(p + 8) & Mask16<kQuote>(p + 10); m != 0;
           m &= m - 1) {
        const std::size_t k = i + static_cast<std::size_t>(__builtin_ctz(m));
        if (at(k)) return k;
      }
    }
    for (; i + kTimeKey.size() <= line.size(); ++i) {
      if (line[i] == '"' && at(i)) return i;
    }
    return std::string_view::npos;
  }

  // The 128-bit hash of `before` and then `after`: two 64-bit hashes of the bytes, each mixing
  // them as HashBytes (fast_hash.h) does, by multiply-folds chained over the words. The second
  // uses other constants and the two words of each step in swapped roles, so that no word zeroes
  // a factor of both (a fold with a zero factor forgets its chain's past). Each hash is two chains
  // over alternate 16 bytes, joined at the end: the four chains are independent, so the CPU
  // overlaps their multiplications (twice the speed of one chain per hash).
  static void HashAround(std::string_view before, std::string_view after, uint64_t (&key)[2]) {
    // The chains start from the process's seed (fast_hash.h), so that no writer of a line knows
    // their state.
    const uint64_t seed = ProcessHashSeed();
    uint64_t a0 = kHashMul1 ^ seed, a1 = kHashMul2 ^ (seed << 16 | seed >> 48),
             b0 = kHashMul3 ^ (seed << 32 | seed >> 32),
             b1 = kHashMul1 ^ kHashMul2 ^ (seed >> 16 | seed << 48);
    auto word = [](const char* p) {
      uint64_t w;
      std::memcpy(&w, p, sizeof w);
      return w;
    };
    auto step = [](uint64_t& a, uint64_t& b, uint64_t w0, uint64_t w1) {
      a = HashFold(w0 ^ a ^ kHashMul1, w1 ^ kHashMul2);
      b = HashFold(w1 ^ b ^ kHashMul3, w0 ^ kHashMul1);
    };
    for (const std::string_view s : {before, after}) {
      const char* p = s.data();
      std::size_t n = s.size();
      step(a0, b0, static_cast<uint64_t>(n), kHashMul3);  // the length, so that the cut counts
      for (; n >= 32; n -= 32, p += 32) {
        step(a0, b0, word(p), word(p + 8));
        step(a1, b1, word(p + 16), word(p + 24));
      }
      if (n >= 16) {
        step(a0, b0, word(p), word(p + 8));
        n -= 16;
        p += 16;
      }
      uint64_t t0 = 0, t1 = 0;
      std::memcpy(&t0, p, n < 8 ? n : 8);
      if (n > 8) std::memcpy(&t1, p + 8, n - 8);
      step(a1, b1, t0, t1);
    }
    key[0] = HashFold(a0 ^ kHashMul2, a1 ^ kHashMul3);
    key[1] = HashFold(b0 ^ kHashMul3, b1 ^ kHashMul2);
  }

  void Grow() {
    TableSlots<Slot> old(slots_.empty() ? 1024 : 2 * slots_.size());
    old.swap(slots_);
    used_ = 0;
    for (const Slot& slot : old) {
      if (slot.ad != 0) Place(slot);
    }
  }

  TableSlots<Slot> slots_;
  std::size_t used_ = 0;
};

}  // namespace sv::ads::detail
