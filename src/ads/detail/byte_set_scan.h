#pragma once
// Finding bytes of a small set in ad text 16 bytes at a time (SSE2, which every x86-64 CPU has;
// plain loops elsewhere), so that the extractors skip the many bytes that cannot start what they
// look for instead of testing each one. Header only: the fuzz targets build single sources.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sv::ads::detail {

// A set of bytes: inclusive ranges of bytes as they are, and ranges of lower case ASCII letters
// that match in either case, e.g. {.ranges = {{{'0', '9'}}}, .either_case = {{{'a', 'c'}}}}.
struct ByteSet {
  struct Range {
    unsigned char lo = 1, hi = 0;  // empty
  };
  std::array<Range, 4> ranges{};
  std::array<Range, 8> either_case{};  // within 'a'-'z': c | 0x20 is then exact

  constexpr bool Contains(unsigned char c) const {
    for (const Range& r : ranges) {
      if (c >= r.lo && c <= r.hi) return true;
    }
    const auto lower = static_cast<unsigned char>(c | 0x20);
    for (const Range& r : either_case) {
      if (lower >= r.lo && lower <= r.hi) return true;
    }
    return false;
  }
};

// The lower case ASCII letters c for which has(c), matched in either case. Fails to compile
// (as a constant) when they make more than eight runs.
template <typename Has>
constexpr ByteSet EitherCaseLetters(Has has) {
  ByteSet set;
  std::size_t n = 0;
  for (unsigned char c = 'a'; c <= 'z'; ++c) {
    if (!has(c)) continue;
    if (n > 0 && set.either_case[n - 1].hi + 1 == c) {
      set.either_case[n - 1].hi = c;
    } else {
      set.either_case.at(n++) = {c, c};
    }
  }
  return set;
}

#if defined(__SSE2__)
// The building blocks of the byte classes of the extractors' window tests (one copy of each):
// a lane is all ones where the test holds, all zeros elsewhere.

// p[0, 16), which must be readable; any alignment.
inline __m128i Load16(const char* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

// The lanes of v that hold the byte c.
inline __m128i BytesEqual(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }

// The lanes of v whose byte is in [lo, hi] (unsigned; lo <= hi, and not the whole 0-0xFF).
inline __m128i BytesInRange(__m128i v, unsigned char lo, unsigned char hi) {
  // v - lo, shifted so that lo is -128: signed, in range when below hi - lo - 127.
  const __m128i x = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - lo)));
  return _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(hi - lo - 127)));
}

// The lanes of v that hold an ASCII letter of either case.
inline __m128i AsciiLetters(__m128i v) {
  // Setting the 0x20 bit turns A-Z into a-z and moves no other byte into a-z.
  return BytesInRange(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
}

// Bit k is set when lane k of m is.
inline std::uint32_t LaneBits(__m128i m) {
  return static_cast<std::uint32_t>(_mm_movemask_epi8(m));
}

template <std::size_t N>
inline __m128i InRanges(__m128i v, const std::array<ByteSet::Range, N>& ranges) {
  __m128i in = _mm_setzero_si128();
  for (const ByteSet::Range& r : ranges) {
    if (r.lo > r.hi) continue;
    if (r.lo == 0 && r.hi == 0xFF) return _mm_set1_epi8(-1);
    in = _mm_or_si128(in, BytesInRange(v, r.lo, r.hi));
  }
  return in;
}
#endif

// Bit k is set when p[k] is in kSet, for k < 16; p[0, 16) must be readable.
template <ByteSet kSet>
inline std::uint32_t Mask16(const char* p) {
#if defined(__SSE2__)
  const __m128i v = Load16(p);
  const __m128i in = _mm_or_si128(InRanges(v, kSet.ranges),
                                  InRanges(_mm_or_si128(v, _mm_set1_epi8(0x20)), kSet.either_case));
  return LaneBits(in);
#else
  std::uint32_t m = 0;
  for (int k = 0; k < 16; ++k) {
    if (kSet.Contains(static_cast<unsigned char>(p[k]))) m |= std::uint32_t{1} << k;
  }
  return m;
#endif
}

// The same for p[0, 64).
template <ByteSet kSet>
inline std::uint64_t Mask64(const char* p) {
  std::uint64_t m = 0;
  for (int k = 0; k < 4; ++k) m |= std::uint64_t{Mask16<kSet>(p + 16 * k)} << (16 * k);
  return m;
}

// The first position at or after `from` whose byte is in kSet; s.size() when there is none.
template <ByteSet kSet>
inline std::size_t FindByteIn(std::string_view s, std::size_t from) {
  std::size_t i = from;
  for (; i + 16 <= s.size(); i += 16) {
    if (const std::uint32_t m = Mask16<kSet>(s.data() + i); m != 0) {
      return i + static_cast<std::size_t>(__builtin_ctz(m));
    }
  }
  for (; i < s.size(); ++i) {
    if (kSet.Contains(static_cast<unsigned char>(s[i]))) return i;
  }
  return s.size();
}

// The first position in [from, end) whose byte is in kSet; `end` when there is none. Reads
// 16 bytes at a time while s holds them, past `end` too: a short range (a clause of tens of bytes)
// is then not read a byte at a time, as FindByteIn(s.substr(0, end), from) reads its last bytes.
template <ByteSet kSet>
inline std::size_t FindByteBefore(std::string_view s, std::size_t from, std::size_t end) {
  std::size_t i = from;
  for (; i < end && i + 16 <= s.size(); i += 16) {
    if (const std::uint32_t m = Mask16<kSet>(s.data() + i); m != 0) {
      const std::size_t found = i + static_cast<std::size_t>(__builtin_ctz(m));
      return found < end ? found : end;
    }
  }
  for (; i < end; ++i) {
    if (kSet.Contains(static_cast<unsigned char>(s[i]))) return i;
  }
  return end;
}

// The first position at or after `from` whose byte is not in kSet; s.size() when there is none.
// 16 bytes at a time: the end of a short run (the digits of a number) costs no mispredicted
// branch of a loop over its bytes.
template <ByteSet kSet>
inline std::size_t SpanEnd(std::string_view s, std::size_t from) {
  std::size_t i = from;
  for (; i + 16 <= s.size(); i += 16) {
    if (const std::uint32_t m = ~Mask16<kSet>(s.data() + i) & 0xFFFFu; m != 0) {
      return i + static_cast<std::size_t>(__builtin_ctz(m));
    }
  }
  while (i < s.size() && kSet.Contains(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// Calls visit(i), in order, for each position i whose byte is in kHead and whose previous byte
// (if any) is not in kTail: the candidate starts of words. Stops and returns true as soon as
// visit does.
template <ByteSet kHead, ByteSet kTail, typename Visit>
inline bool AnyWordStart(std::string_view s, Visit&& visit) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  if (s.empty()) return false;
  if (kHead.Contains(byte(0)) && visit(std::size_t{0})) return true;
  std::size_t i = 1;
  // 64 bytes at a time: the loop over the candidates of a block ends unpredictably, once a block.
  for (; i + 64 <= s.size(); i += 64) {
    std::uint64_t m = Mask64<kHead>(s.data() + i) & ~Mask64<kTail>(s.data() + i - 1);
    for (; m != 0; m &= m - 1) {
      if (visit(i + static_cast<std::size_t>(__builtin_ctzll(m)))) return true;
    }
  }
  for (; i + 16 <= s.size(); i += 16) {
    std::uint32_t m = Mask16<kHead>(s.data() + i) & ~Mask16<kTail>(s.data() + i - 1);
    for (; m != 0; m &= m - 1) {
      if (visit(i + static_cast<std::size_t>(__builtin_ctz(m)))) return true;
    }
  }
  for (; i < s.size(); ++i) {
    if (kHead.Contains(byte(i)) && !kTail.Contains(byte(i - 1)) && visit(i)) return true;
  }
  return false;
}

// AnyWordStart, with the text's last partial block of 64 bytes tested 16 at a time like the
// others, rather than byte by byte against every range of both sets (on short texts, titles,
// that loop cost more than the rest): from the text's last 64 bytes, which overlap the block
// before, or when the text is shorter, from a copy padded with zeros. Zero must not be in kHead.
template <ByteSet kHead, ByteSet kTail, typename Visit>
inline bool AnyWordStartPadded(std::string_view s, Visit&& visit) {
  static_assert(!kHead.Contains(0), "the padding would be a candidate");
  const std::size_t whole = s.empty() ? 0 : 1 + (s.size() - 1) / 64 * 64;
  if (AnyWordStart<kHead, kTail>(s.substr(0, whole), visit)) return true;
  if (whole == s.size()) return false;
  const std::size_t rest = s.size() - whole;  // 1 to 63
  std::uint64_t m = 0;
  if (whole > 1) {
    // The candidates among the first 64 - rest of the last 64 bytes were visited already.
    const char* last = s.data() + s.size() - 64;
    m = (Mask64<kHead>(last) & ~Mask64<kTail>(last - 1)) >> (64 - rest);
  } else {
    // The byte before the rest, then the rest, then zeros.
    std::array<char, 65> padded{};
    std::memcpy(padded.data(), s.data(), s.size());
    m = Mask64<kHead>(padded.data() + 1) & ~Mask64<kTail>(padded.data());
  }
  for (; m != 0; m &= m - 1) {
    if (visit(whole + static_cast<std::size_t>(__builtin_ctzll(m)))) return true;
  }
  return false;
}

}  // namespace sv::ads::detail
