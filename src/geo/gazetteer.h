#pragma once
// The places samverkan knows: counties and municipalities with their SCB codes.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sv::store {
class Database;
}

namespace sv::geo {

struct County {
  std::string code;        // "24"
  std::string name;        // "Västerbottens län"
  std::string short_name;  // "Västerbotten"
};

struct Municipality {
  std::string code;         // "2480"
  std::string name;         // "Umeå kommun"
  std::string short_name;   // "Umeå"
  std::string county_code;  // "24"
};

// Reference data in memory. Immutable after construction; safe to share between threads.
class Gazetteer {
 public:
  // The data compiled into the binary (data/geo/*.csv).
  static Result<Gazetteer> Embedded();
  // Parses the two CSV files' contents; errors name the file and line.
  static Result<Gazetteer> FromCsv(std::string_view counties_csv,
                                   std::string_view municipalities_csv);

  const std::vector<County>& counties() const { return counties_; }
  const std::vector<Municipality>& municipalities() const { return municipalities_; }
  const Municipality* FindMunicipality(std::string_view code) const;
  const County* FindCounty(std::string_view code) const;

 private:
  std::vector<County> counties_;
  std::vector<Municipality> municipalities_;  // sorted by code
};

// Inserts or updates the database's `counties` and `municipalities` tables from `gazetteer`
// in one transaction. Idempotent.
Status StoreReferenceData(store::Database& database, const Gazetteer& gazetteer);

// The counties in the database, by code.
Result<std::vector<County>> ListCounties(store::Database& database);

// The municipalities in the database, by code.
Result<std::vector<Municipality>> ListMunicipalities(store::Database& database);

}  // namespace sv::geo
