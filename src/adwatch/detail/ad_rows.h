#pragma once
// The `ads` table's rows (migration 0009) in memory, and the codecs of its list columns: words
// separated by spaces, prices as "amount currency minutes" triples separated by ";", signatures
// and content hashes as hex. Internal to the adwatch module.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ads/analysis.h"
#include "core/status.h"

namespace soci {
class session;
}

namespace sv::adwatch::detail {

struct AdRow {
  int64_t id = 0;  // 0 until inserted
  ads::AdRecord ad;  // site, ad_id, kind, times and what the texts say
  std::string url, title, body, location;
  int64_t observations = 0;
  std::vector<uint64_t> contents;  // content hashes already read
  std::vector<uint32_t> signature;  // empty: too short for a template (or no body yet)
  int64_t template_id = 0;
  int64_t group_id = 0;
  bool minor = false;
  int weight = 0;
};

std::string JoinWords(const std::vector<std::string>& words);
std::vector<std::string> SplitWords(std::string_view text);
std::string JoinAges(const std::vector<int>& ages);
std::vector<int> SplitAges(std::string_view text);
std::string EncodePrices(const std::vector<ads::Price>& prices);
std::vector<ads::Price> DecodePrices(std::string_view text);
std::string EncodeHashes(const std::vector<uint64_t>& hashes);
std::vector<uint64_t> DecodeHashes(std::string_view text);
std::string EncodeSignature(const std::vector<uint32_t>& signature);
std::vector<uint32_t> DecodeSignature(std::string_view text);
std::optional<ads::AdKind> ParseAdKind(std::string_view name);
// The text signals of an ad as the `signals` column holds them, and back.
std::string EncodeSignals(const ads::AdRecord& ad);
void DecodeSignals(std::string_view text, ads::AdRecord& ad);

// The columns LoadRows reads, for "SELECT <kAdColumns> FROM ads a …".
extern const char* const kAdColumns;

// The rows of `SELECT kAdColumns FROM ads a <where>` with `where` using the one bind `:k`.
std::vector<AdRow> LoadRows(soci::session& sql, const std::string& where, int64_t key);
// The row of an ad by site and ad id, if there is one.
std::optional<AdRow> LoadRow(soci::session& sql, const std::string& site, const std::string& ad_id);
// Inserts a new row (setting `id`; the template and group are the ad itself until linked).
void InsertRow(soci::session& sql, AdRow& row);
// Writes every column of an existing row.
void UpdateRow(soci::session& sql, const AdRow& row);

}  // namespace sv::adwatch::detail
