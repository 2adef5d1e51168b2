// The analysis' own tables (detail/string_table.h, detail/ad_index.h, detail/seen_contents.h)
// and their hashes (detail/fast_hash.h):
// keys never merge, not even when their hashes do, and growing keeps every key; a line is known
// again only when nothing but its time differs.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ads/detail/ad_index.h"
#include "ads/detail/fast_hash.h"
#include "ads/detail/seen_contents.h"
#include "ads/detail/table_memory.h"
#include "ads/detail/string_table.h"

namespace sv::ads::detail {
namespace {

TEST(StringTableTest, KeepsEveryKeyThroughGrowth) {
  StringTable<std::size_t> table;
  for (std::size_t i = 0; i < 5000; ++i) {
    const auto [value, added] = table.TryEmplace('p', "+4670" + std::to_string(i), i);
    EXPECT_TRUE(added);
    EXPECT_EQ(*value, i);
  }
  for (std::size_t i = 0; i < 5000; ++i) {
    const std::size_t* value = table.Find('p', "+4670" + std::to_string(i));
    ASSERT_NE(value, nullptr) << i;
    EXPECT_EQ(*value, i);
    const auto [again, added] = table.TryEmplace('p', "+4670" + std::to_string(i), 99999);
    EXPECT_FALSE(added);
    EXPECT_EQ(*again, i);
  }
  EXPECT_EQ(table.Find('p', "+46705000"), nullptr);
}

TEST(StringTableTest, ThePrefixAndTheWholeKeyCount) {
  StringTable<int> table;
  table.TryEmplace('p', "anna@example.se", 1);
  EXPECT_EQ(table.Find('e', "anna@example.se"), nullptr);
  EXPECT_EQ(table.Find('p', "anna@example.s"), nullptr);
  EXPECT_EQ(table.Find('p', ""), nullptr);
  table.TryEmplace('p', "", 2);
  ASSERT_NE(table.Find('p', ""), nullptr);
  EXPECT_EQ(*table.Find('p', ""), 2);
  EXPECT_EQ(*table.Find('p', "anna@example.se"), 1);
}

TEST(AdIndexTest, EqualHashesDoNotMergeAds) {
  AdIndex index;
  const std::vector<std::string> ids = {"a", "b", "c"};
  bool added = false;
  // Every ad given the same hash: only the ad's own fields tell them apart.
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::size_t n = index.FindOrAdd(
        42, i, [&](std::size_t ad) { return ids[ad] == ids[i]; }, added);
    EXPECT_TRUE(added);
    EXPECT_EQ(n, i);
  }
  const std::size_t b = index.FindOrAdd(
      42, 3, [&](std::size_t ad) { return ids[ad] == "b"; }, added);
  EXPECT_FALSE(added);
  EXPECT_EQ(b, 1u);
}

TEST(AdIndexTest, FindsEveryAdAfterGrowing) {
  AdIndex index;
  bool added = false;
  auto id = [](std::size_t i) { return std::to_string(i * 7919); };
  for (std::size_t i = 0; i < 3000; ++i) {
    index.FindOrAdd(
        AdIndex::Hash("site.se", id(i)), i, [](std::size_t) { return false; }, added);
    EXPECT_TRUE(added);
  }
  for (std::size_t i = 0; i < 3000; ++i) {
    const std::size_t n = index.FindOrAdd(
        AdIndex::Hash("site.se", id(i)), 3000, [&](std::size_t ad) { return id(ad) == id(i); },
        added);
    EXPECT_FALSE(added) << i;
    EXPECT_EQ(n, i);
  }
}

// Tables of 2 MB and more live in huge pages (table_memory.h): their memory is mapped apart,
// aligned, and holds whatever is written to it, at every size about the threshold.
TEST(TableAllocatorTest, LargeTablesAreAlignedAndHoldTheirSlots) {
  constexpr std::size_t kHugePage = std::size_t{2} << 20;
  for (const std::size_t n :
       {kHugePage / 8 - 1, kHugePage / 8, kHugePage / 8 + 1, 3 * kHugePage / 8}) {
    TableSlots<uint64_t> slots(n, 0);
    if (n * 8 >= kHugePage) {
      EXPECT_EQ(reinterpret_cast<std::uintptr_t>(slots.data()) % kHugePage, 0u);
    }
    for (std::size_t i = 0; i < n; ++i) slots[i] = i * 3;
    TableSlots<uint64_t> copy = slots;
    slots.resize(2 * n, 1);
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(slots[i], i * 3);
    EXPECT_EQ(slots[2 * n - 1], 1u);
    EXPECT_EQ(copy,
              TableSlots<uint64_t>(slots.begin(), slots.begin() + static_cast<std::ptrdiff_t>(n)));
  }
}

TEST(SeenContentsTest, KeepsEveryKeyThroughGrowthIntoHugePages) {
  SeenContents seen;
  auto key = [](uint64_t i) { return i * kHashMul1 | 1; };  // odd: never 0
  for (uint64_t i = 0; i < 300000; ++i) ASSERT_TRUE(seen.Insert(key(i))) << i;
  for (uint64_t i = 0; i < 300000; ++i) ASSERT_FALSE(seen.Insert(key(i))) << i;
}

// Prefetch (for a line to come) reads no byte outside the line, whatever the line, and changes
// nothing that Find answers.
TEST(SeenLinesTest, PrefetchChangesNothing) {
  SeenLines seen;
  const std::string line =
      R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-01T20:00:00Z","body":"x"})";
  for (const std::string& odd :
       {std::string(), std::string("\"seen_at\":\""), std::string("{\"seen_at\":\"\xff\xfe"),
        line.substr(0, 40), std::string(100, '"')}) {
    seen.Prefetch(odd);
  }
  seen.Prefetch(line);
  seen.Remember(line, seen.CutAtTime(line), 7);
  seen.Prefetch(line);
  EXPECT_EQ(seen.Find(seen.CutAtTime(line)), 7u);
}

// Remembers `line` (as a valid line of ad 7) and tells whether `again` is then found as it.
std::size_t FoundAfter(const std::string& line, const std::string& again) {
  SeenLines seen;
  seen.Remember(line, seen.CutAtTime(line), 7);
  return seen.Find(seen.CutAtTime(again));
}

TEST(SeenLinesTest, OnlyTheTimeMayDiffer) {
  const std::string line =
      R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-01T20:00:00Z","body":"x"})";
  EXPECT_EQ(FoundAfter(line, line), 7u);
  EXPECT_EQ(
      FoundAfter(line,
                 R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-02T08:15:00+01:00","body":"x"})"),
      7u);
  EXPECT_EQ(FoundAfter(line, R"({"site":"a.se","ad_id":"1","seen_at":"x","body":"x"})"), 7u);
  // Anything else differs: the body, the ad, the spacing, a time that is not plain text (an
  // escape, a byte outside printable ASCII), a line cut short.
  EXPECT_EQ(FoundAfter(
                line, R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-01T20:00:00Z","body":"y"})"),
            SeenLines::kNone);
  EXPECT_EQ(FoundAfter(
                line, R"({"site":"a.se","ad_id":"2","seen_at":"2026-11-01T20:00:00Z","body":"x"})"),
            SeenLines::kNone);
  EXPECT_EQ(
      FoundAfter(line,
                 R"({"site":"a.se","ad_id":"1","seen_at": "2026-11-01T20:00:00Z","body":"x"})"),
      SeenLines::kNone);
  EXPECT_EQ(
      FoundAfter(line,
                 R"({"site":"a.se","ad_id":"1","seen_at":"\u0032026-11-01T20:00:00Z","body":"x"})"),
      SeenLines::kNone);
  EXPECT_EQ(FoundAfter(line,
                       "{\"site\":\"a.se\",\"ad_id\":\"1\",\"seen_at\":\"2026-11-01T20:00:"
                       "00Z\x80\",\"body\":\"x\"}"),
            SeenLines::kNone);
  EXPECT_EQ(FoundAfter(line,
                       "{\"site\":\"a.se\",\"ad_id\":\"1\",\"seen_at\":\"2026-11-01T20:00:00Z\t\","
                       "\"body\":\"x\"}"),
            SeenLines::kNone);
  EXPECT_EQ(FoundAfter(line, line.substr(0, line.size() - 1)), SeenLines::kNone);
  EXPECT_EQ(FoundAfter(line, R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-01T20:00:00Z)"),
            SeenLines::kNone);
}

// A line is remembered only when its first `"seen_at":"` is the value of the object's first key
// `seen_at`: not one inside a string or a nested object, not after a key that simdjson may read
// as `seen_at`.
TEST(SeenLinesTest, OnlyTheObjectsFirstTimeKeyCuts) {
  const std::string tail =
      R"("seen_at":"2026-11-01T20:00:00Z","site":"a.se","ad_id":"1","body":"x"})";
  EXPECT_EQ(FoundAfter("{" + tail, "{" + tail), 7u);
  EXPECT_EQ(FoundAfter(R"({"images":[], )" + tail, R"({"images":[], )" + tail), 7u);
  for (const std::string before : {
           R"({"x":{"seen_at":"2026-01-01T00:00:00Z"},)",
           R"({"x":["seen_at",{"seen_at":"a"}],)",
           R"({"abc\"seen_at":"2026-01-01T00:00:00Z",)",
           R"({"seen\u005fat":"2026-01-01T00:00:00Z",)",
           R"({"seen_at":null,)",
           R"({"seen_at":1,)",
       }) {
    const std::string line = before + tail;
    EXPECT_EQ(FoundAfter(line, line), SeenLines::kNone) << line;
  }
}

// Remember tells whether a line equal to it but for its time will be found.
TEST(SeenLinesTest, RememberTellsWhetherTheLineIsKnownNow) {
  SeenLines seen;
  const std::string line =
      R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-01T20:00:00Z","body":"x"})";
  EXPECT_TRUE(seen.Remember(line, seen.CutAtTime(line), 7));
  EXPECT_TRUE(seen.Remember(line, seen.CutAtTime(line), 7));  // held already
  for (const std::string odd : {
           R"({"site":"a.se","ad_id":"1","seen_at":"\u0032026-11-01T20:00:00Z","body":"x"})",
           R"({"x":{"seen_at":"2026-01-01T00:00:00Z"},"seen_at":"2026-11-01T20:00:00Z"})",
           R"({"site":"a.se","ad_id":"1","body":"x"})",
       }) {
    EXPECT_FALSE(seen.Remember(odd, seen.CutAtTime(odd), 8)) << odd;
  }
}

TEST(SeenLinesTest, KeepsEveryLineThroughGrowth) {
  SeenLines seen;
  auto line = [](int ad, const char* time) {
    return R"({"site":"a.se","ad_id":")" + std::to_string(ad) + R"(","seen_at":")" + time +
           R"(","body":")" + std::string(static_cast<std::size_t>(ad % 50), 'b') + R"("})";
  };
  for (int ad = 0; ad < 5000; ++ad) {
    const std::string first = line(ad, "2026-11-01T20:00:00Z");
    seen.Remember(first, seen.CutAtTime(first), static_cast<std::size_t>(ad));
  }
  for (int ad = 0; ad < 5000; ++ad) {
    EXPECT_EQ(seen.Find(seen.CutAtTime(line(ad, "2026-11-03T09:00:00Z"))),
              static_cast<std::size_t>(ad));
  }
  EXPECT_EQ(seen.Find(seen.CutAtTime(line(5000, "2026-11-01T20:00:00Z"))), SeenLines::kNone);
}

// An ad shown with ever new contents does not make the probes long: the lines beyond the few
// slots near their shared start are not remembered, and each call stays short.
TEST(SeenLinesTest, AnAdWithCountlessContentsIsNotAllRemembered) {
  SeenLines seen;
  std::size_t found = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string line =
        R"({"site":"a.se","ad_id":"1","seen_at":"2026-11-01T20:00:00Z","body":")" +
        std::to_string(i) + R"("})";
    const SeenLines::Cut cut = seen.CutAtTime(line);
    seen.Remember(line, cut, 1);
    found += seen.Find(cut) == 1;
  }
  EXPECT_GT(found, 0u);
  EXPECT_LT(found, 100u);
}

// Hash128 tells texts apart by every byte and by their length, also where its last 16 bytes
// overlap the ones before, and gives a text the same key every time.
TEST(Hash128Test, EveryByteAndTheLengthCount) {
  const std::string text(100, 'a');
  for (std::size_t size = 0; size <= text.size(); ++size) {
    const std::string_view s(text.data(), size);
    uint64_t key[2], again[2];
    Hash128(s, key);
    Hash128(std::string(s), again);
    EXPECT_EQ(key[0], again[0]);
    EXPECT_EQ(key[1], again[1]);
    if (size > 0) {
      uint64_t shorter[2];
      Hash128(s.substr(0, size - 1), shorter);
      EXPECT_FALSE(shorter[0] == key[0] && shorter[1] == key[1]) << size;
    }
    for (std::size_t i = 0; i < size; ++i) {
      std::string changed(s);
      changed[i] = 'b';
      uint64_t other[2];
      Hash128(changed, other);
      EXPECT_NE(other[0], key[0]) << size << " " << i;
      EXPECT_NE(other[1], key[1]) << size << " " << i;
    }
  }
}

}  // namespace
}  // namespace sv::ads::detail
