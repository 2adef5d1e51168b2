#pragma once
// The memory of the analysis' large open-addressing tables (its line, content, ad, key and
// template band tables): an allocator for std::vector that puts a table of 2 MB or more in
// transparent huge pages. Inside the ads module only.

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <vector>

namespace sv::ads::detail {

// Memory for the analysis' open-addressing tables (std::vector's allocator), in transparent huge
// pages once a table is 2 MB or more. Their probes land at random across megabytes: with 4 kB
// pages nearly each one also missed the TLB, and the profile put the wait on the prefetch
// instructions themselves (a prefetch retires only once its page walk, long in a virtual machine,
// is done), so prefetching alone did not hide it. Large tables are mapped afresh, aligned to 2 MB
// and marked with madvise(MADV_HUGEPAGE) before their first touch, since the kernel gives huge
// pages only to such regions when THP is in its `madvise` mode; where it gives none, the memory
// is plain pages as before.
template <typename T>
class TableAllocator {
 public:
  using value_type = T;

  TableAllocator() = default;
  template <typename U>
  TableAllocator(const TableAllocator<U>&) {}  // NOLINT: allocators convert implicitly

  T* allocate(std::size_t n) {
    if (n * sizeof(T) < kHugePage) return std::allocator<T>().allocate(n);
    const std::size_t bytes = Rounded(n);
    // A mapping one huge page longer than asked, trimmed to the 2 MB boundary within it.
    void* mapped = mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(mapped);
    const std::uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
    if (aligned > start) munmap(mapped, aligned - start);
    if (const std::size_t tail = kHugePage - (aligned - start); tail > 0) {
      munmap(reinterpret_cast<void*>(aligned + bytes), tail);
    }
    madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);
    return reinterpret_cast<T*>(aligned);
  }

  void deallocate(T* p, std::size_t n) {
    if (n * sizeof(T) < kHugePage) {
      std::allocator<T>().deallocate(p, n);
    } else {
      munmap(p, Rounded(n));
    }
  }

  friend bool operator==(const TableAllocator&, const TableAllocator&) { return true; }

 private:
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;

  static std::size_t Rounded(std::size_t n) {
    return (n * sizeof(T) + kHugePage - 1) & ~(kHugePage - 1);
  }
};

// An open-addressing table's slots.
template <typename T>
using TableSlots = std::vector<T, TableAllocator<T>>;

}  // namespace sv::ads::detail
