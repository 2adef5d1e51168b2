#pragma once
// Near-duplicate ad texts: the same template written again with other slots (names, ages, phone
// numbers, places, prices, small edits). Texts are normalised (lower case, every token with a
// digit becomes one slot token), cut into overlapping word shingles, and summarised by a MinHash
// signature (one permutation hashing with optimal densification: each shingle hashed once, into
// one of bands × rows bins; see templates.cc); locality-sensitive hashing in bands finds
// candidate pairs, and a candidate joins a template when its estimated Jaccard similarity to one
// of the bucket's representatives reaches the threshold. Work per text is linear in its length,
// and a bucket keeps a few representatives, so a template written ten thousand times costs no
// pairwise comparisons.
//
// Texts too short to carry a template (fewer than `min_tokens` words) stay alone: short texts
// such as "Hej!" must not link unrelated advertisers.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ads/detail/table_memory.h"

namespace sv::ads {

// The scheme of TemplateSignature's values, stored with each signature by the import: raised
// whenever the same text would be signed differently, so that stored signatures are signed
// again (adwatch/ad_import.cc). 1: 64 hashes per shingle (to November 2026); 2: one permutation
// hashing with optimal densification.
inline constexpr int kTemplateSignatureScheme = 2;

inline constexpr std::size_t kMaxTemplateHashes = 256;
inline constexpr std::size_t kMaxShingleWords = 16;

// Requires 1 ≤ bands × rows ≤ kMaxTemplateHashes and 0 ≤ shingle_words ≤ kMaxShingleWords.
struct TemplateOptions {
  int shingle_words = 3;
  int bands = 16;
  int rows = 4;                // bands × rows values in a signature
  double min_similarity = 0.6;  // estimated Jaccard similarity that joins a template
  int min_tokens = 8;
  int representatives = 4;     // per bucket
};

// The normalised tokens of `text`, as the index sees them (for tests and explanations).
std::vector<std::string> TemplateTokens(std::string_view text);

// The MinHash signature of `text` (bands × rows values), or empty for a text too short to carry
// a template. The same text always gives the same signature, on every CPU (it is stored by the
// import; a change of the scheme needs the stored signatures signed again, see
// adwatch/README.md).
std::vector<uint32_t> TemplateSignature(std::string_view text, const TemplateOptions& options = {});
// The same written to `signature` (bands × rows values), without allocating it; false, with every
// value at its maximum, for a text too short.
bool SignTemplate(std::string_view text, uint32_t* signature, const TemplateOptions& options = {});
// The LSH bucket of band `band` (0 … bands-1) of a non-empty signature.
uint64_t TemplateBandKey(const uint32_t* signature, int band, const TemplateOptions& options = {});
// The estimated Jaccard similarity of two signatures of `count` values (0 when either is empty).
double SignatureSimilarity(const uint32_t* a, const uint32_t* b, std::size_t count);

// Not thread-safe; one index per analysis.
class TemplateIndex {
 public:
  explicit TemplateIndex(TemplateOptions options = {});

  // Adds a text and returns its number (0, 1, 2, … in the order added).
  std::size_t Add(std::string_view text);
  // Adds texts by their signatures, as Add would add the texts one by one: `signatures` holds
  // bands × rows values per text (SignTemplate's), `too_short` whether SignTemplate gave false.
  // Takes over the memory of `signatures` when the index is empty, so that an analysis that
  // signs its texts as they come does not hold the signatures twice.
  void AddSignatures(std::vector<uint32_t> signatures, const std::vector<bool>& too_short);
  std::size_t size() const { return parent_.size(); }

  // The template of text `i`: the number of the first text of its template. Texts of one
  // template have the same number; a text alone has its own.
  std::size_t TemplateOf(std::size_t i);
  // The estimated similarity of two texts' signatures (0 to 1; 0 for texts too short).
  double Similarity(std::size_t a, std::size_t b) const;

 private:
  // One band's buckets: the representatives of each bucket, in the order they came, in one
  // open-addressing table. A slot holds the high half of the bucket's key and the text's number
  // (+1; 0 is an empty slot); the whole key is computed again from the text's signature when the
  // halves match. Linear probing with no deletions keeps a bucket's representatives in order
  // along its probe path.
  //
  // The slots are in huge pages where the system grants them (detail/table_memory.h): a text
  // reads one slot of each of the 16 tables at random, and with pages of 4 kB nearly every such
  // read also missed the TLB (32 MB of tables at a hundred thousand texts, 256 MB at a million).
  // Linking took a sixth less time at a hundred thousand texts.
  struct Band {
    detail::TableSlots<uint64_t> slots;
    std::size_t used = 0;
  };

  std::size_t Find(std::size_t i);
  void Union(std::size_t a, std::size_t b);
  // Finds the template of text `id`, whose signature is in place, through the bands' buckets.
  void Link(std::size_t id);
  // Makes band `b` (`band`) at least `slots` slots (a power of two) large.
  void Grow(Band& band, int b, std::size_t slots);

  TemplateOptions options_;
  std::size_t hashes_;                // bands × rows
  std::vector<uint32_t> signatures_;  // size() × hash functions, row by row
  std::vector<bool> short_;
  std::vector<std::size_t> parent_;
  std::vector<Band> bands_;
};

}  // namespace sv::ads
