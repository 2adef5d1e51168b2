#pragma once
// The number of each distinct ad (site + ad_id) of an analysis, found from a line's fields
// without building a key string: one open-addressing table of (hash, number) for all ads, the
// hash of fast_hash.h. Equal hashes are confirmed against the ad's own fields, so two ads never
// merge. Inside the ads module only.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ads/detail/fast_hash.h"
#include "ads/detail/table_memory.h"

namespace sv::ads::detail {

class AdIndex {
 public:
  // Seeded (fast_hash.h), and so are the keys SeenContents derives from it.
  static uint64_t Hash(std::string_view site, std::string_view ad_id) {
    return HashBytes(HashBytes(kHashMul3 ^ ProcessHashSeed(), site), ad_id);
  }

  // Asks the CPU to load the slot where FindOrAdd(hash, …) starts, so that the load overlaps
  // other work.
  void Prefetch(uint64_t hash) const {
    if (!slots_.empty()) {
      __builtin_prefetch(&slots_[static_cast<std::size_t>(hash) & (slots_.size() - 1)]);
    }
  }

  // The number of the ad with hash `hash` for which `is_ad(number)` holds; or, when there is
  // none, `next`, remembered as that ad's number. `added` tells which.
  template <typename IsAd>
  std::size_t FindOrAdd(uint64_t hash, std::size_t next, IsAd&& is_ad, bool& added) {
    if (2 * (used_ + 1) > slots_.size()) Grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.number == 0) {
        slot = {hash, next + 1};
        ++used_;
        added = true;
        return next;
      }
      if (slot.hash == hash && is_ad(slot.number - 1)) {
        added = false;
        return slot.number - 1;
      }
    }
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    std::size_t number = 0;  // the ad's number + 1; 0 marks an empty slot
  };

  void Grow() {
    TableSlots<Slot> old(slots_.empty() ? 1024 : 2 * slots_.size());
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.number == 0) continue;
      std::size_t i = static_cast<std::size_t>(slot.hash) & mask;
      while (slots_[i].number != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  TableSlots<Slot> slots_;
  std::size_t used_ = 0;
};

}  // namespace sv::ads::detail
