#include "ads/templates.h"

#include <algorithm>
#include <limits>

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

std::vector<uint64_t> SeedsFor(const TemplateOptions& options) {
  std::vector<uint64_t> seeds;
  uint64_t seed = 0x5a3e'7e5d'0000'0001ULL;
  for (int i = 0; i < options.bands * options.rows; ++i) seeds.push_back(seed = SplitMix(seed));
  return seeds;
}

// Writes the signature of `text` to `sig` (seeds.size() values); false for a text too short.
bool Sign(std::string_view text, const TemplateOptions& options,
          const std::vector<uint64_t>& seeds, uint32_t* sig) {
  std::vector<uint64_t> tokens;
  ForEachToken(text, [&](uint64_t h, std::string_view) { tokens.push_back(h); });
  const std::size_t k = seeds.size();
  std::fill(sig, sig + k, std::numeric_limits<uint32_t>::max());
  if (tokens.size() < static_cast<std::size_t>(options.min_tokens)) return false;
  const std::size_t w = static_cast<std::size_t>(options.shingle_words);
  for (std::size_t i = 0; i + w <= tokens.size(); ++i) {
    uint64_t shingle = 0;
    for (std::size_t j = 0; j < w; ++j) shingle = SplitMix(shingle ^ tokens[i + j]);
    for (std::size_t h = 0; h < k; ++h) {
      const uint32_t v = static_cast<uint32_t>(SplitMix(shingle ^ seeds[h]) >> 32);
      sig[h] = std::min(sig[h], v);
    }
  }
  return true;
}

}  // namespace

std::vector<uint32_t> TemplateSignature(std::string_view text, const TemplateOptions& options) {
  static const std::vector<uint64_t> default_seeds = SeedsFor(TemplateOptions{});
  const bool defaults = options.bands == TemplateOptions{}.bands && options.rows == TemplateOptions{}.rows;
  std::vector<uint64_t> other_seeds;
  if (!defaults) other_seeds = SeedsFor(options);
  const std::vector<uint64_t>& seeds = defaults ? default_seeds : other_seeds;
  std::vector<uint32_t> sig(seeds.size());
  if (!Sign(text, options, seeds, sig.data())) return {};
  return sig;
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
  uint32_t* sig = &signatures_[id * k];
  const bool too_short = !Sign(text, options_, seeds_, sig);
  short_.push_back(too_short);
  if (too_short) return id;

  for (std::size_t b = 0; b < bands_.size(); ++b) {
    const uint64_t key = TemplateBandKey(sig, static_cast<int>(b), options_);
    std::vector<std::size_t>& reps = bands_[b][key];
    bool joined = false;
    for (std::size_t rep : reps) {
      if (Find(rep) == Find(id)) {
        joined = true;
        break;
      }
      if (Similarity(rep, id) >= options_.min_similarity) {
        Union(rep, id);
        joined = true;
        break;
      }
    }
    if (!joined && reps.size() < static_cast<std::size_t>(options_.representatives)) {
      reps.push_back(id);
    }
  }
  return id;
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
