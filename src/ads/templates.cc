#include "ads/templates.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <utility>

#include "core/status.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sv::ads {

namespace {

constexpr uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr uint64_t kSlotHash = 0x51a7'51a7'51a7'51a7ULL;  // every token with a digit
constexpr uint64_t kShingleMul = 0x9fb21c651e98df25ULL;
constexpr uint64_t kDensifySeed = 0x5a3e'7e5d'0000'0001ULL;
// An odd multiplier per position of a token in its shingle.
constexpr std::array<uint64_t, kMaxShingleWords> kPositionMul = [] {
  std::array<uint64_t, kMaxShingleWords> m{};
  for (std::size_t j = 0; j < m.size(); ++j) m[j] = SplitMix(kShingleMul + j) | 1;
  return m;
}();
constexpr uint32_t kEmpty = std::numeric_limits<uint32_t>::max();  // a bin no shingle fell in

// Per byte: the byte as it continues a token (ASCII letters lower-cased, digits and non-ASCII
// bytes as they are), or 0 for a byte that ends one (ASCII other than letters and digits).
constexpr std::array<unsigned char, 256> kTokenByte = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      table[c] = static_cast<unsigned char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      table[c] = static_cast<unsigned char>(c + 32);
    }
  }
  return table;
}();

// Reads the normalised tokens of `text`: runs of ASCII letters and digits and of non-ASCII bytes
// (letters such as å, ä, ö, and emoji), lower-cased (also Å, Ä, Ö, É). Calls `sink.Byte(c)` for
// each byte of a token as normalised and `sink.End(digit)` at its end, `digit` telling whether
// it had a digit (such a token is the slot token "#"). One scanner for the hashes and the
// texts, so that TemplateTokens shows exactly what is signed.
template <typename Sink>
void ScanTokens(std::string_view text, Sink& sink) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  bool in_token = false;
  bool digit = false;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = kTokenByte[p[i]];
    if (c == 0) {
      if (in_token) sink.End(digit);
      in_token = digit = false;
      continue;
    }
    // Å Ä Ö É (C3 85, C3 84, C3 96, C3 89) → å ä ö é.
    if (c == 0xC3 && i + 1 < n &&
        (p[i + 1] == 0x85 || p[i + 1] == 0x84 || p[i + 1] == 0x96 || p[i + 1] == 0x89)) {
      sink.Byte(c);
      c = static_cast<unsigned char>(p[++i] + 0x20);
    }
    digit |= static_cast<unsigned char>(c - '0') < 10;
    sink.Byte(c);
    in_token = true;
  }
  if (in_token) sink.End(digit);
}

// The hash of a normalised token: its bytes in words of eight (little-endian, the last one
// filled with zero bytes), h = SplitMix(h ^ word) for each full word, and then h ^ last word ^
// length << 56. A token of up to seven bytes (most words) is thus its bytes and length, unmixed:
// the shingle hash mixes. TokenHasher computes it byte by byte (into `result` at the end of a
// token), ForEachTokenHash eight bytes at a time; both give the same value.
struct TokenHasher {
  uint64_t result = 0;
  uint64_t hash = 0;
  uint64_t word = 0;
  uint64_t length = 0;

  void Byte(unsigned char c) {
    word |= uint64_t{c} << (8 * (length % 8));
    if (++length % 8 == 0) {
      hash = SplitMix(hash ^ word);
      word = 0;
    }
  }
  void End(bool digit) {
    result = digit ? kSlotHash : hash ^ word ^ length << 56;
    hash = word = length = 0;
  }
};

constexpr uint64_t kBytes(unsigned char b) { return b * 0x0101'0101'0101'0101ULL; }

// The high bit of each byte of `x` that equals `b` (exactly: no carry between bytes).
constexpr uint64_t EqualBytes(uint64_t x, unsigned char b) {
  const uint64_t t = x ^ kBytes(b);
  return ~(((t & kBytes(0x7f)) + kBytes(0x7f)) | t) & kBytes(0x80);
}

// Bit j set when byte j of the 64 at `p` continues a token (kTokenByte not 0). With SSE2 (every
// x86-64 CPU) sixteen bytes at a time; elsewhere by the table: the same bits either way.
uint64_t TokenBits(const unsigned char* p) {
  uint64_t bits = 0;
#if defined(__SSE2__)
  for (int k = 0; k < 4; ++k) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i l = _mm_or_si128(b, _mm_set1_epi8(0x20));  // A-Z → a-z, nothing else into a-z
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1)));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(b, _mm_set1_epi8('9' + 1)));
    const __m128i high = _mm_cmplt_epi8(b, _mm_setzero_si128());  // ≥ 0x80
    const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), high));
    bits |= uint64_t{static_cast<uint16_t>(mask)} << (16 * k);
  }
#else
  for (int j = 0; j < 64; ++j) bits |= uint64_t{kTokenByte[p[j]] != 0} << j;
#endif
  return bits;
}

// At most this many tokens end in 64 bytes: a token ends at a byte that is in none, so two ends
// are at least two bytes apart.
constexpr std::size_t kMaxBlockTokens = 32;

// Calls `tokens(hashes, count)` with the hashes (TokenHasher's) of the tokens of `text` as
// ScanTokens reads them, in order, up to kMaxBlockTokens at a time. The hot path of signing.
// Tokens are found from the bits of 64 bytes at a time, by where the bits change (a byte-by-byte
// loop mispredicts a branch at each end of a token, which was most of its time); a token is
// lower-cased, tested for digits and hashed eight bytes at a time, and only one at the very end
// of the text (where eight bytes cannot be read) goes through ScanTokens byte by byte.
template <typename F>
void ForEachTokenHash(std::string_view text, F&& tokens) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // The hash of the token text[start, end).
  auto hash_of = [&](std::size_t start, std::size_t end) -> uint64_t {
    const std::size_t length = end - start;
    // Whole words of eight bytes are read; the last may reach past the token but not the text.
    if (start + (length + 7) / 8 * 8 > n) {
      TokenHasher slow;
      ScanTokens(text.substr(start, length), slow);
      return slow.result;
    }
    if (length < 8) {  // most tokens: one word, and ASCII, written out without the loop below
      uint64_t x;
      std::memcpy(&x, p + start, 8);
      if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
      x &= ~uint64_t{0} >> (64 - 8 * length);
      if ((x & kBytes(0x80)) == 0) {
        const uint64_t upper = (x + kBytes(0x80 - 'A')) & ~(x + kBytes(0x80 - 'Z' - 1));
        const uint64_t digits = (x + kBytes(0x80 - '0')) & ~(x + kBytes(0x80 - '9' - 1));
        x += (upper & kBytes(0x80)) >> 2;
        return digits & kBytes(0x80) ? kSlotHash : x ^ uint64_t{length} << 56;
      }
    }
    uint64_t hash = 0, last = 0, digits = 0, after_c3 = 0;
    for (std::size_t o = 0; o < length; o += 8) {
      uint64_t x;
      std::memcpy(&x, p + start + o, 8);
      if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
      if (length - o < 8) x &= (uint64_t{1} << (8 * (length - o))) - 1;
      // Per byte b < 0x80 (no carry between bytes): b + (0x80 - lo) has its high bit set when
      // b ≥ lo. Bytes ≥ 0x80 are left out by `ascii`.
      const uint64_t ascii = ~x & kBytes(0x80);
      const uint64_t low = x & kBytes(0x7f);
      const uint64_t upper = (low + kBytes(0x80 - 'A')) & ~(low + kBytes(0x80 - 'Z' - 1));
      digits |= (low + kBytes(0x80 - '0')) & ~(low + kBytes(0x80 - '9' - 1)) & ascii;
      uint64_t lower = upper & ascii;
      if (x & kBytes(0x80)) {
        // Å Ä Ö É (C3 85, C3 84, C3 96, C3 89) → å ä ö é: + 0x20 to a byte of these four after
        // a C3, also when the C3 ends the previous eight bytes.
        const uint64_t c3 = EqualBytes(x, 0xC3);
        const uint64_t capital = EqualBytes(x, 0x85) | EqualBytes(x, 0x84) |
                                 EqualBytes(x, 0x96) | EqualBytes(x, 0x89);
        lower |= capital & (c3 << 8 | after_c3);
        after_c3 = c3 >> 56;  // the high bit of the last byte, as the high bit of the first
      } else {
        after_c3 = 0;
      }
      x += lower >> 2;  // + 0x20
      if (length - o < 8) {
        last = x;
      } else {
        hash = SplitMix(hash ^ x);
      }
    }
    return digits != 0 ? kSlotHash : hash ^ last ^ uint64_t{length} << 56;
  };
  std::size_t start = 0;
  bool in_token = false;
  for (std::size_t b = 0; b < n; b += 64) {
    uint64_t bits;
    if (n - b >= 64) {
      bits = TokenBits(p + b);
    } else {
      std::array<unsigned char, 64> tail{};  // zero bytes end a token
      std::memcpy(tail.data(), p + b, n - b);
      bits = TokenBits(tail.data());
    }
    // A bit for each byte whose token-ness differs from the byte before it: starts and ends.
    uint64_t changes = bits ^ (bits << 1 | uint64_t{in_token});
    // The positions are gathered first, the tokens hashed from them in pairs (start, end) into
    // an array of this block's own, and that handed on once: in one loop that did all of it
    // for each token, its state did not fit in registers, and each step waited for the one
    // before through memory.
    std::array<std::size_t, 64> at;
    std::size_t m = 0;
    for (; changes != 0; changes &= changes - 1) {
      at[m++] = b + static_cast<std::size_t>(std::countr_zero(changes));
    }
    std::array<uint64_t, kMaxBlockTokens> hashes;
    std::size_t h = 0;
    std::size_t j = 0;
    // The end of a token from the block before.
    if (in_token && m != 0) hashes[h++] = hash_of(start, at[j++]);
    for (; j + 1 < m; j += 2) hashes[h++] = hash_of(at[j], at[j + 1]);
    if (j < m) start = at[j];  // a token that goes on into the next block
    in_token = in_token != (m % 2 != 0);
    if (h != 0) tokens(hashes.data(), h);
  }
  if (in_token) {
    const uint64_t last = hash_of(start, n);
    tokens(&last, 1);
  }
}

// One permutation hashing (Li, Owen and Zhang 2012) with optimal densification (Shrivastava
// 2017): each shingle is hashed once; the high half of its hash picks one of the k bins, the low
// half is its value, and a bin keeps the least value that fell in it. A bin no shingle fell in
// takes the value of the first filled bin along a fixed pseudo-random sequence of its own (the
// same for every text), so two texts agree on a bin with probability exactly their Jaccard
// similarity, as with k independent permutations, for about one k-th of the hashing (before,
// 64 hashes per shingle were 80 % of the time of the templates).
// `K` is the number of bins as a constant (the default, 64, for which a bin is a shift, not a
// multiplication), or 0 to use `k`.
template <std::size_t K>
class Sketch {
 public:
  Sketch(uint32_t* bins, std::size_t k) : bins_(bins), k_(K != 0 ? K : k) {
    std::fill(bins, bins + k_, kEmpty);
  }

  void Add(uint64_t shingle_hash) {
    const std::size_t bin = Bin(shingle_hash, k_);
    // A value never equals kEmpty, which marks a bin no shingle fell in.
    const uint32_t value = std::min(static_cast<uint32_t>(shingle_hash), kEmpty - 1);
    bins_[bin] = std::min(bins_[bin], value);
  }

  // Fills the empty bins; false when every bin is empty (no shingle), which leaves them so.
  bool Densify() {
    std::array<uint64_t, kMaxTemplateHashes / 64> filled{};
    bool any = false;
    for (std::size_t w = 0; w * 64 < k_; ++w) {
      // Each word of the bitset gathered in a register and stored once: or-ing into the array
      // bin by bin made every step wait for the store of the one before.
      uint64_t word = 0;
      const std::size_t end = std::min(k_, w * 64 + 64);
      for (std::size_t i = w * 64; i < end; ++i) {
        word |= uint64_t{bins_[i] != kEmpty} << (i % 64);
      }
      filled[w] = word;
      any |= word != 0;
    }
    if (!any) return false;
    auto is_filled = [&](std::size_t i) { return (filled[i / 64] >> (i % 64)) & 1; };
    // Only the empty bins are visited, found from the bitset (a test of every bin mispredicted
    // a branch at each empty one), in increasing order as before; a bin filled here is not
    // marked, so a later one never takes a value this loop copied.
    for (std::size_t w = 0; w * 64 < k_; ++w) {
      const std::size_t bins_in_word = std::min<std::size_t>(64, k_ - w * 64);
      uint64_t empty = ~filled[w] & (~uint64_t{0} >> (64 - bins_in_word));
      for (; empty != 0; empty &= empty - 1) {
        const std::size_t i = w * 64 + static_cast<std::size_t>(std::countr_zero(empty));
        // Ends: some bin is filled, and each step reaches each bin with probability 1/k.
        for (uint64_t attempt = 1;; ++attempt) {
          const std::size_t from = Bin(SplitMix(kDensifySeed ^ (uint64_t{i} << 32) ^ attempt), k_);
          if (is_filled(from)) {
            bins_[i] = bins_[from];
            break;
          }
        }
      }
    }
    return true;
  }

 private:
  // The high half of `hash` scaled to 0 … k-1 (Lemire's multiply-shift instead of a division).
  static std::size_t Bin(uint64_t hash, std::size_t k) {
    return static_cast<std::size_t>(((hash >> 32) * (K != 0 ? K : k)) >> 32);
  }

  uint32_t* bins_;
  const std::size_t k_;
};

// Writes to `out` the hashes of the shingles of `width` tokens in tokens[0, count) and returns
// how many. A sum of products with a multiplier per position (the products do not wait for each
// other, as a chain of multiplications would), then mixed. `W` is the width as a constant (the
// default, 3, whose products the compiler then writes out), or 0 to use `width`.
template <std::size_t W>
std::size_t ShingleHashes(const uint64_t* tokens, std::size_t count, std::size_t width,
                          uint64_t* out) {
  const std::size_t w = W != 0 ? W : width;
  std::size_t n = 0;
  for (std::size_t end = w; end <= count; ++end) {
    uint64_t shingle = 0;
    for (std::size_t j = 0; j < w; ++j) shingle += tokens[end - w + j] * kPositionMul[j];
    out[n++] = SplitMix(shingle);
  }
  return n;
}

// Sign with the number of bins `K` as Sketch takes it. Allocates nothing, whatever the length of
// the text.
template <std::size_t K>
bool SignWith(std::string_view text, const TemplateOptions& options, uint32_t* sig) {
  const std::size_t k = K != 0 ? K : static_cast<std::size_t>(options.bands * options.rows);
  const std::size_t w = static_cast<std::size_t>(options.shingle_words);
  // TemplateOptions' contract; kPositionMul and Densify's bitset are sized by these.
  SV_ASSERT(k <= kMaxTemplateHashes && w <= kMaxShingleWords);
  Sketch<K> sketch(sig, k);
  // Token hashes are gathered in a buffer, its shingles hashed in a loop of their own and then
  // added to the sketch in a third: small loops run faster than one that does everything. The
  // last w-1 tokens stay for the shingles that continue into the next fill.
  std::array<uint64_t, 256> buffer;
  std::size_t count = 0;   // in `buffer`
  std::size_t tokens = 0;  // in the text
  auto shingles = [&] {
    std::array<uint64_t, buffer.size()> hashes;  // here, not captured: about 15 % faster
    if (w == 0) {
      count = 0;  // no shingles: the tokens are only counted
      return;
    }
    const std::size_t n = w == 3 ? ShingleHashes<3>(buffer.data(), count, w, hashes.data())
                                 : ShingleHashes<0>(buffer.data(), count, w, hashes.data());
    for (std::size_t i = 0; i < n; ++i) sketch.Add(hashes[i]);
    const std::size_t keep = std::min(count, w - 1);
    std::copy(buffer.begin() + static_cast<std::ptrdiff_t>(count - keep),
              buffer.begin() + static_cast<std::ptrdiff_t>(count), buffer.begin());
    count = keep;
  };
  ForEachTokenHash(text, [&](const uint64_t* hashes, std::size_t n) {
    std::copy(hashes, hashes + n, buffer.begin() + static_cast<std::ptrdiff_t>(count));
    count += n;
    tokens += n;
    // Filled to at most this, the next block's tokens always fit.
    if (count > buffer.size() - kMaxBlockTokens) shingles();
  });
  shingles();
  if (tokens < static_cast<std::size_t>(options.min_tokens)) {
    std::fill(sig, sig + k, kEmpty);
    return false;
  }
  sketch.Densify();  // no shingle (more words to a shingle than the text has): all kEmpty
  return true;
}

// Writes the signature of `text` to `sig` (bands × rows values); false for a text too short.
bool Sign(std::string_view text, const TemplateOptions& options, uint32_t* sig) {
  return options.bands * options.rows == 64 ? SignWith<64>(text, options, sig)
                                            : SignWith<0>(text, options, sig);
}

}  // namespace

std::vector<uint32_t> TemplateSignature(std::string_view text, const TemplateOptions& options) {
  std::vector<uint32_t> sig(static_cast<std::size_t>(options.bands * options.rows));
  if (!Sign(text, options, sig.data())) return {};
  return sig;
}

bool SignTemplate(std::string_view text, uint32_t* signature, const TemplateOptions& options) {
  return Sign(text, options, signature);
}

uint64_t TemplateBandKey(const uint32_t* signature, int band, const TemplateOptions& options) {
  const std::size_t rows = static_cast<std::size_t>(options.rows);
  const std::size_t b = static_cast<std::size_t>(band);
  // One multiplication per value and one mix at the end: the values are already uniform.
  uint64_t key = (b + 1) * 0x9e3779b97f4a7c15ULL;
  for (std::size_t r = 0; r < rows; ++r) key = (key ^ signature[b * rows + r]) * kShingleMul;
  return SplitMix(key);
}

double SignatureSimilarity(const uint32_t* a, const uint32_t* b, std::size_t count) {
  if (count == 0) return 0;
  std::size_t same = 0;
  for (std::size_t h = 0; h < count; ++h) same += a[h] == b[h];
  return static_cast<double>(same) / static_cast<double>(count);
}

std::vector<std::string> TemplateTokens(std::string_view text) {
  struct Collect {
    std::vector<std::string> tokens;
    std::string current;
    void Byte(unsigned char c) { current.push_back(static_cast<char>(c)); }
    void End(bool digit) {
      tokens.push_back(digit ? "#" : current);
      current.clear();
    }
  } collect;
  ScanTokens(text, collect);
  return std::move(collect.tokens);
}

TemplateIndex::TemplateIndex(TemplateOptions options)
    : options_(options),
      hashes_(static_cast<std::size_t>(options.bands * options.rows)),
      bands_(static_cast<std::size_t>(options.bands)) {}

std::size_t TemplateIndex::Add(std::string_view text) {
  const std::size_t id = parent_.size();
  const std::size_t k = hashes_;
  parent_.push_back(id);
  signatures_.resize(signatures_.size() + k);
  short_.push_back(!Sign(text, options_, &signatures_[id * k]));
  Link(id);
  return id;
}

void TemplateIndex::AddSignatures(std::vector<uint32_t> signatures,
                                  const std::vector<bool>& too_short) {
  const std::size_t first = parent_.size();
  SV_ASSERT(signatures.size() == too_short.size() * hashes_);  // the caller's contract
  if (signatures_.empty()) {
    signatures_ = std::move(signatures);
  } else {
    signatures_.insert(signatures_.end(), signatures.begin(), signatures.end());
  }
  short_.insert(short_.end(), too_short.begin(), too_short.end());
  parent_.reserve(first + too_short.size());
  // Room for every new text in every band at once (a text adds at most one slot to a band), so
  // that no table is moved while linking: moving reads each representative's signature again.
  const std::size_t room = 4 * (first + too_short.size()) / 3 + 1;
  for (std::size_t b = 0; b < bands_.size(); ++b) Grow(bands_[b], static_cast<int>(b), room);
  for (std::size_t id = first; id < short_.size(); ++id) {
    parent_.push_back(id);
    Link(id);
  }
}

void TemplateIndex::Link(std::size_t id) {
  if (short_[id]) return;
  // A slot holds the text's number in 32 bits: four billion texts, far beyond what one analysis
  // can hold in memory (a signature alone is 256 bytes).
  SV_ASSERT(id < std::numeric_limits<uint32_t>::max());
  const uint32_t* sig = &signatures_[id * hashes_];
  const std::size_t limit = static_cast<std::size_t>(options_.representatives);
  // Every band's key first, and its first slot asked of memory ahead: at a hundred thousand
  // texts the tables outgrow the cache, and the misses of all bands then wait together, not one
  // after the other.
  std::array<uint64_t, kMaxTemplateHashes> keys;  // bands ≤ bands × rows ≤ kMaxTemplateHashes
  for (std::size_t b = 0; b < bands_.size(); ++b) {
    Band& band = bands_[b];
    if (4 * (band.used + 1) > 3 * band.slots.size()) {
      Grow(band, static_cast<int>(b), 2 * band.slots.size());
    }
    keys[b] = TemplateBandKey(sig, static_cast<int>(b), options_);
    __builtin_prefetch(&band.slots[static_cast<std::size_t>(keys[b]) & (band.slots.size() - 1)]);
  }
  for (std::size_t b = 0; b < bands_.size(); ++b) {
    Band& band = bands_[b];
    const uint64_t key = keys[b];
    const uint64_t high = key >> 32;
    const std::size_t mask = band.slots.size() - 1;
    std::size_t slot = static_cast<std::size_t>(key) & mask;
    std::size_t reps = 0;
    bool joined = false;
    for (; band.slots[slot] != 0 && !joined; slot = (slot + 1) & mask) {
      if (band.slots[slot] >> 32 != high) continue;
      // The high half of the key and a slot on the probe path from the key's home identify the
      // bucket: another bucket whose key agrees in those 32 bits and whose path crosses this
      // one is about one in a billion lookups, and then costs only one more comparison by
      // similarity. Not reading the representative's signature to compare whole keys saves a
      // cache miss when it is of the same template (most matches).
      const std::size_t rep = static_cast<std::size_t>(band.slots[slot] & 0xffffffffu) - 1;
      ++reps;
      if (Find(rep) == Find(id)) {
        joined = true;
      } else if (Similarity(rep, id) >= options_.min_similarity) {
        Union(rep, id);
        joined = true;
      }
    }
    if (!joined && reps < limit) {
      band.slots[slot] = high << 32 | (static_cast<uint64_t>(id) + 1);
      ++band.used;
    }
  }
}

void TemplateIndex::Grow(Band& band, int b, std::size_t slots) {
  std::size_t size = 64;
  while (size < slots) size *= 2;
  if (size <= band.slots.size()) return;
  detail::TableSlots<uint64_t> old(size, 0);
  old.swap(band.slots);
  const std::size_t mask = band.slots.size() - 1;
  if (old.empty()) return;
  // Moved in probe order, starting after an empty slot (a table never fills), so that the
  // representatives of a bucket stay in the order they came.
  std::size_t start = 0;
  while (old[start] != 0) ++start;
  for (std::size_t n = 0; n < old.size(); ++n) {
    const uint64_t entry = old[(start + n) & (old.size() - 1)];
    if (entry == 0) continue;
    const std::size_t rep = static_cast<std::size_t>(entry & 0xffffffffu) - 1;
    const uint64_t key = TemplateBandKey(&signatures_[rep * hashes_], b, options_);
    std::size_t slot = static_cast<std::size_t>(key) & mask;
    while (band.slots[slot] != 0) slot = (slot + 1) & mask;
    band.slots[slot] = entry;
  }
}

double TemplateIndex::Similarity(std::size_t a, std::size_t b) const {
  if (short_[a] || short_[b]) return 0;
  const std::size_t k = hashes_;
  return SignatureSimilarity(&signatures_[a * k], &signatures_[b * k], k);
}

std::size_t TemplateIndex::Find(std::size_t i) {
  while (parent_[i] != i) {
    parent_[i] = parent_[parent_[i]];
    i = parent_[i];
  }
  return i;
}

void TemplateIndex::Union(std::size_t a, std::size_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  // The smaller number is the root, so a template is named by its first text.
  if (b < a) std::swap(a, b);
  parent_[b] = a;
}

std::size_t TemplateIndex::TemplateOf(std::size_t i) { return Find(i); }

}  // namespace sv::ads
