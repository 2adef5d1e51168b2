#include "ads/templates.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "core/status.h"

namespace sv::ads {

namespace {

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr uint64_t kSlotHash = 0x51a7'51a7'51a7'51a7ULL;  // every token with a digit

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Calls `token(hash, text)` for each normalised token of `text`: runs of ASCII letters and
// digits and of non-ASCII bytes (letters such as å, ä, ö, and emoji), lower-cased (also Å, Ä,
// Ö, É); a token with a digit is the slot token "#".
template <typename F>
void ForEachToken(std::string_view text, F&& token) {
  std::string current;
  bool digit = false;
  auto flush = [&] {
    if (current.empty()) return;
    if (digit) {
      token(kSlotHash, std::string_view("#"));
    } else {
      uint64_t h = kFnvOffset;
      for (unsigned char c : current) h = (h ^ c) * kFnvPrime;
      token(h, std::string_view(current));
    }
    current.clear();
    digit = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (!IsAsciiAlnum(c)) {
        flush();
        continue;
      }
      if (c >= '0' && c <= '9') digit = true;
      current.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      continue;
    }
    // Å Ä Ö É (C3 85, C3 84, C3 96, C3 89) → å ä ö é.
    if (c == 0xC3 && i + 1 < text.size()) {
      const unsigned char n = static_cast<unsigned char>(text[i + 1]);
      if (n == 0x85 || n == 0x84 || n == 0x96 || n == 0x89) {
        current.push_back(static_cast<char>(c));
        current.push_back(static_cast<char>(n + 0x20));
        ++i;
        continue;
      }
    }
    current.push_back(static_cast<char>(c));
  }
  flush();
}

// Calls `token(hash)` for each token of `text` as ForEachToken does, with the same hashes, without
// building the token's text (the hot path of signing).
template <typename F>
void ForEachTokenHash(std::string_view text, F&& token) {
  uint64_t h = kFnvOffset;
  bool any = false;
  bool digit = false;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if (!IsAsciiAlnum(c)) {
        if (any) token(digit ? kSlotHash : h);
        h = kFnvOffset;
        any = digit = false;
        continue;
      }
      if (c >= '0' && c <= '9') digit = true;
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    } else if (c == 0xC3 && i + 1 < n &&
               (p[i + 1] == 0x85 || p[i + 1] == 0x84 || p[i + 1] == 0x96 || p[i + 1] == 0x89)) {
      h = (h ^ c) * kFnvPrime;  // Å Ä Ö É → å ä ö é
      c = static_cast<unsigned char>(p[++i] + 0x20);
    }
    h = (h ^ c) * kFnvPrime;
    any = true;
  }
  if (any) token(digit ? kSlotHash : h);
}

std::vector<uint64_t> SeedsFor(const TemplateOptions& options) {
  std::vector<uint64_t> seeds;
  uint64_t seed = 0x5a3e'7e5d'0000'0001ULL;
  for (int i = 0; i < options.bands * options.rows; ++i) seeds.push_back(seed = SplitMix(seed));
  return seeds;
}

// For each value h of the signature, the least of the high halves of SplitMix(shingle ^ seed h)
// over the shingles. The hot loop of signing: kept apart so that it vectorises over h, and built
// twice on x86-64, for AVX2 and for any CPU, the loader choosing (the same integer arithmetic,
// so the same values either way; AVX2 makes it about 15 % faster).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void MinHash(const uint64_t* shingles, std::size_t count, const uint64_t* seeds, std::size_t k,
             uint32_t* sig) {
  for (std::size_t i = 0; i < count; ++i) {
    const uint64_t shingle = shingles[i];
    for (std::size_t h = 0; h < k; ++h) {
      const uint32_t v = static_cast<uint32_t>(SplitMix(shingle ^ seeds[h]) >> 32);
      sig[h] = std::min(sig[h], v);
    }
  }
}

// Writes the signature of `text` to `sig` (seeds.size() values); false for a text too short.
bool Sign(std::string_view text, const TemplateOptions& options,
          const std::vector<uint64_t>& seeds, uint32_t* sig) {
  std::vector<uint64_t> tokens;
  tokens.reserve(text.size() / 4 + 8);
  ForEachTokenHash(text, [&](uint64_t h) { tokens.push_back(h); });
  const std::size_t k = seeds.size();
  std::fill(sig, sig + k, std::numeric_limits<uint32_t>::max());
  if (tokens.size() < static_cast<std::size_t>(options.min_tokens)) return false;
  // The shingles in place of the tokens: shingle i needs tokens i … i+w-1 only.
  const std::size_t w = static_cast<std::size_t>(options.shingle_words);
  if (w == 0 || tokens.size() < w) return true;
  const std::size_t count = tokens.size() - w + 1;
  for (std::size_t i = 0; i < count; ++i) {
    uint64_t shingle = 0;
    for (std::size_t j = 0; j < w; ++j) shingle = SplitMix(shingle ^ tokens[i + j]);
    tokens[i] = shingle;
  }
  MinHash(tokens.data(), count, seeds.data(), k, sig);
  return true;
}

const std::vector<uint64_t>& DefaultSeeds() {
  static const std::vector<uint64_t> seeds = SeedsFor(TemplateOptions{});
  return seeds;
}

bool HasDefaultSeeds(const TemplateOptions& options) {
  return options.bands == TemplateOptions{}.bands && options.rows == TemplateOptions{}.rows;
}

}  // namespace

std::vector<uint32_t> TemplateSignature(std::string_view text, const TemplateOptions& options) {
  const bool defaults = HasDefaultSeeds(options);
  std::vector<uint64_t> other_seeds;
  if (!defaults) other_seeds = SeedsFor(options);
  const std::vector<uint64_t>& seeds = defaults ? DefaultSeeds() : other_seeds;
  std::vector<uint32_t> sig(seeds.size());
  if (!Sign(text, options, seeds, sig.data())) return {};
  return sig;
}

bool SignTemplate(std::string_view text, uint32_t* signature, const TemplateOptions& options) {
  if (HasDefaultSeeds(options)) return Sign(text, options, DefaultSeeds(), signature);
  return Sign(text, options, SeedsFor(options), signature);
}

uint64_t TemplateBandKey(const uint32_t* signature, int band, const TemplateOptions& options) {
  const std::size_t rows = static_cast<std::size_t>(options.rows);
  const std::size_t b = static_cast<std::size_t>(band);
  uint64_t key = SplitMix(b);
  for (std::size_t r = 0; r < rows; ++r) key = SplitMix(key ^ signature[b * rows + r]);
  return key;
}

double SignatureSimilarity(const uint32_t* a, const uint32_t* b, std::size_t count) {
  if (count == 0) return 0;
  std::size_t same = 0;
  for (std::size_t h = 0; h < count; ++h) same += a[h] == b[h];
  return static_cast<double>(same) / static_cast<double>(count);
}

std::vector<std::string> TemplateTokens(std::string_view text) {
  std::vector<std::string> out;
  ForEachToken(text, [&](uint64_t, std::string_view t) { out.emplace_back(t); });
  return out;
}

TemplateIndex::TemplateIndex(TemplateOptions options)
    : options_(options), bands_(static_cast<std::size_t>(options.bands)) {
  seeds_ = SeedsFor(options_);
}

std::size_t TemplateIndex::Add(std::string_view text) {
  const std::size_t id = parent_.size();
  const std::size_t k = seeds_.size();
  parent_.push_back(id);
  signatures_.resize(signatures_.size() + k);
  short_.push_back(!Sign(text, options_, seeds_, &signatures_[id * k]));
  Link(id);
  return id;
}

void TemplateIndex::AddSignatures(std::vector<uint32_t> signatures,
                                  const std::vector<bool>& too_short) {
  const std::size_t first = parent_.size();
  SV_ASSERT(signatures.size() == too_short.size() * seeds_.size());  // the caller's contract
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
  const uint32_t* sig = &signatures_[id * seeds_.size()];
  const std::size_t limit = static_cast<std::size_t>(options_.representatives);
  for (std::size_t b = 0; b < bands_.size(); ++b) {
    Band& band = bands_[b];
    if (4 * (band.used + 1) > 3 * band.slots.size()) {
      Grow(band, static_cast<int>(b), 2 * band.slots.size());
    }
    const uint64_t key = TemplateBandKey(sig, static_cast<int>(b), options_);
    const uint64_t high = key >> 32;
    const std::size_t mask = band.slots.size() - 1;
    std::size_t slot = static_cast<std::size_t>(key) & mask;
    std::size_t reps = 0;
    bool joined = false;
    for (; band.slots[slot] != 0 && !joined; slot = (slot + 1) & mask) {
      if (band.slots[slot] >> 32 != high) continue;
      const std::size_t rep = static_cast<std::size_t>(band.slots[slot] & 0xffffffffu) - 1;
      if (TemplateBandKey(&signatures_[rep * seeds_.size()], static_cast<int>(b), options_) !=
          key) {
        continue;  // another bucket whose key has the same high half
      }
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
  std::vector<uint64_t> old(size, 0);
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
    const uint64_t key = TemplateBandKey(&signatures_[rep * seeds_.size()], b, options_);
    std::size_t slot = static_cast<std::size_t>(key) & mask;
    while (band.slots[slot] != 0) slot = (slot + 1) & mask;
    band.slots[slot] = entry;
  }
}

double TemplateIndex::Similarity(std::size_t a, std::size_t b) const {
  if (short_[a] || short_[b]) return 0;
  const std::size_t k = seeds_.size();
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
