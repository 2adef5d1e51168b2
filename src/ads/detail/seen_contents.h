#pragma once
// The observation contents each ad has shown so far, so that the analysis extracts a content seen
// again on another day only once. One open-addressing table of 64-bit keys for all ads: no
// allocation per ad or per line. Inside the ads module only.
//
// A key is a hash of the ad's number and of everything the observation says apart from when it
// was seen (the fields of extract.h's ContentHash). This hash is for one run only and is not
// stored, so it is free to be fast (8 bytes at a time) rather than stable like ContentHash; two
// different contents of one ad share a key with probability 2^-64, as with ContentHash.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "ads/observation.h"

namespace sv::ads::detail {

class SeenContents {
 public:
  // Whether ad `ad` shows `o`'s content for the first time (and remembers it).
  bool Insert(std::size_t ad, const Observation& o) {
    uint64_t h = Bytes(static_cast<uint64_t>(ad) * kMul1, AdKindName(o.kind));
    for (const std::string* field :
         {&o.body, &o.title, &o.location, &o.age, &o.phone, &o.email, &o.price, &o.url}) {
      h = Bytes(h, *field);
    }
    for (const std::string& image : o.images) h = Bytes(h, image);
    return InsertKey(h == 0 ? 1 : h);  // 0 marks an empty slot
  }

 private:
  static constexpr uint64_t kMul1 = 0x9e3779b97f4a7c15ULL;
  static constexpr uint64_t kMul2 = 0xe7037ed1a0b428dbULL;
  static constexpr uint64_t kMul3 = 0x8ebc6af09c88c6e3ULL;

  // The 128-bit product of a and b, folded to 64 bits (as wyhash mixes).
  static uint64_t Fold(uint64_t a, uint64_t b) {
    __extension__ using Wide = unsigned __int128;
    const Wide product = static_cast<Wide>(a) * b;
    return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
  }

  static uint64_t Word(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  }

  // Mixes `s` and its length into `h`, so that the boundaries between fields count.
  static uint64_t Bytes(uint64_t h, std::string_view s) {
    const char* p = s.data();
    std::size_t n = s.size();
    h = Fold(h ^ kMul1, static_cast<uint64_t>(n) ^ kMul2);
    for (; n >= 16; n -= 16, p += 16) h = Fold(Word(p) ^ h ^ kMul1, Word(p + 8) ^ kMul2);
    if (n >= 8) {
      h = Fold(Word(p) ^ h ^ kMul3, kMul2);
      n -= 8;
      p += 8;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    return Fold(tail ^ h ^ kMul2, kMul3 ^ n);
  }

  bool InsertKey(uint64_t key) {
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

  void Grow() {
    std::vector<uint64_t> old(slots_.empty() ? 1024 : 2 * slots_.size(), 0);
    old.swap(slots_);
    used_ = 0;
    for (const uint64_t key : old) {
      if (key != 0) InsertKey(key);
    }
  }

  std::vector<uint64_t> slots_;
  std::size_t used_ = 0;
};

}  // namespace sv::ads::detail
