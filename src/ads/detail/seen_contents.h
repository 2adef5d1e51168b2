#pragma once
// The observation contents each ad has shown so far, so that the analysis extracts a content seen
// again on another day only once. One open-addressing table of 64-bit keys for all ads: no
// allocation per ad or per line. Inside the ads module only.
//
// A key is a hash (fast_hash.h) of the ad's number and of everything the observation says apart
// from when it was seen (the fields of extract.h's ContentHash); two different contents of one ad
// share a key with probability 2^-64, as with ContentHash.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ads/observation.h"
#include "ads/detail/fast_hash.h"

namespace sv::ads::detail {

class SeenContents {
 public:
  // Whether ad `ad` shows `o`'s content for the first time (and remembers it).
  bool Insert(std::size_t ad, const Observation& o) {
    uint64_t h = HashBytes(static_cast<uint64_t>(ad) * kHashMul1, AdKindName(o.kind));
    for (const std::string* field :
         {&o.body, &o.title, &o.location, &o.age, &o.phone, &o.email, &o.price, &o.url}) {
      h = HashBytes(h, *field);
    }
    for (const std::string& image : o.images) h = HashBytes(h, image);
    return InsertKey(h == 0 ? 1 : h);  // 0 marks an empty slot
  }

 private:
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
