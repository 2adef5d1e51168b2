#pragma once
// A map from byte strings to small values for the analysis' per-run tables (the first ad of each
// group key, the templates of each contact): one open-addressing table of (hash, key, value) with
// the keys' bytes in one arena, so that adding a key allocates nothing of its own and a lookup
// reads one slot and, when the hashes agree, compares the key. Keys are compared in full, so two
// keys never merge. Inside the ads module only.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ads/detail/fast_hash.h"
#include "ads/detail/table_memory.h"

namespace sv::ads::detail {

template <typename Value>
class StringTable {
 public:
  // Room for about `keys` keys of `bytes` bytes in all without growing.
  void Reserve(std::size_t keys, std::size_t bytes) {
    arena_.reserve(bytes);
    std::size_t slots = 1024;
    while (slots < 2 * keys) slots *= 2;
    if (slots > slots_.size()) Rehash(slots);
  }

  // The value of `prefix` + `key` (the prefix tells kinds of keys apart without a copy), and
  // whether it was added now, with `value`.
  std::pair<Value*, bool> TryEmplace(char prefix, std::string_view key, Value value) {
    return TryEmplace(prefix, key, Hash(prefix, key), std::move(value));
  }
  // The same, with `hash` = Hash(prefix, key) computed before (for Prefetch).
  std::pair<Value*, bool> TryEmplace(char prefix, std::string_view key, uint64_t hash,
                                     Value value) {
    if (2 * (used_ + 1) > slots_.size()) Rehash(slots_.empty() ? 1024 : 2 * slots_.size());
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.length == kEmpty) {
        slot.hash = hash;
        slot.offset = arena_.size();
        slot.length = key.size() + 1;
        arena_.push_back(prefix);
        arena_.append(key);
        slot.value = std::move(value);
        ++used_;
        return {&slot.value, true};
      }
      if (slot.hash == hash && Is(slot, prefix, key)) return {&slot.value, false};
    }
  }

  bool empty() const { return used_ == 0; }

  // Seeded (fast_hash.h): the keys are contacts and image hashes written by the ads.
  static uint64_t Hash(char prefix, std::string_view key) {
    return HashBytes(
        static_cast<uint64_t>(static_cast<unsigned char>(prefix)) * kHashMul2 ^ ProcessHashSeed(),
        key);
  }

  // Asks memory for the first slot a key of hash `hash` is looked up in: a caller that knows its
  // next keys early has their misses overlap (at a million ads nearly every lookup misses).
  void Prefetch(uint64_t hash) const {
    if (slots_.empty()) return;
    __builtin_prefetch(&slots_[static_cast<std::size_t>(hash) & (slots_.size() - 1)]);
  }

  // The value of `prefix` + `key`, or null.
  const Value* Find(char prefix, std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const uint64_t hash = Hash(prefix, key);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.length == kEmpty) return nullptr;
      if (slot.hash == hash && Is(slot, prefix, key)) return &slot.value;
    }
  }

 private:
  static constexpr std::size_t kEmpty = 0;  // a stored key has its prefix: length ≥ 1

  struct Slot {
    uint64_t hash = 0;
    std::size_t offset = 0;
    std::size_t length = kEmpty;
    Value value{};
  };

  bool Is(const Slot& slot, char prefix, std::string_view key) const {
    return slot.length == key.size() + 1 && arena_[slot.offset] == prefix &&
           std::memcmp(arena_.data() + slot.offset + 1, key.data(), key.size()) == 0;
  }

  void Rehash(std::size_t slots) {
    TableSlots<Slot> old(slots);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (Slot& slot : old) {
      if (slot.length == kEmpty) continue;
      std::size_t i = static_cast<std::size_t>(slot.hash) & mask;
      while (slots_[i].length != kEmpty) i = (i + 1) & mask;
      slots_[i] = std::move(slot);
    }
  }

  TableSlots<Slot> slots_;
  std::string arena_;
  std::size_t used_ = 0;
};

}  // namespace sv::ads::detail
