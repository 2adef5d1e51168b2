#include "geo/gazetteer.h"

#include <algorithm>

#include <soci/soci.h>

#include "sv_geo_embedded.h"
#include "store/database.h"

namespace sv::geo {
namespace {

// Splits the CSV text into rows of fields. The reference files have no quoted fields; a quote is
// refused rather than misread.
Result<std::vector<std::vector<std::string>>> ParseSimpleCsv(std::string_view text,
                                                             std::string_view file,
                                                             std::size_t columns) {
  std::vector<std::vector<std::string>> rows;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? text.size() - pos
                                                                         : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line_no == 1) continue;  // header
    if (line.find('"') != std::string_view::npos) {
      return Status::InvalidInput(std::string(file) + " line " + std::to_string(line_no) +
                                  ": quoted fields are not supported");
    }
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      std::size_t comma = line.find(',', start);
      fields.emplace_back(line.substr(start, comma == std::string_view::npos ? line.size() - start
                                                                             : comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (fields.size() != columns) {
      return Status::InvalidInput(std::string(file) + " line " + std::to_string(line_no) +
                                  ": expected " + std::to_string(columns) + " fields, found " +
                                  std::to_string(fields.size()));
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

}  // namespace

Result<Gazetteer> Gazetteer::Embedded() {
  return FromCsv(embedded::counties_csv(), embedded::municipalities_csv());
}

Result<Gazetteer> Gazetteer::FromCsv(std::string_view counties_csv,
                                     std::string_view municipalities_csv) {
  Gazetteer g;
  auto counties = ParseSimpleCsv(counties_csv, "counties.csv", 3);
  if (!counties.ok()) return counties.status();
  for (auto& row : *counties) g.counties_.push_back({row[0], row[1], row[2]});
  auto municipalities = ParseSimpleCsv(municipalities_csv, "municipalities.csv", 4);
  if (!municipalities.ok()) return municipalities.status();
  for (auto& row : *municipalities) {
    if (g.FindCounty(row[3]) == nullptr) {
      return Status::InvalidInput("municipalities.csv: municipality " + row[0] +
                                  " names unknown county " + row[3]);
    }
    g.municipalities_.push_back({row[0], row[1], row[2], row[3]});
  }
  std::sort(g.municipalities_.begin(), g.municipalities_.end(),
            [](const Municipality& a, const Municipality& b) { return a.code < b.code; });
  return g;
}

const Municipality* Gazetteer::FindMunicipality(std::string_view code) const {
  auto it = std::lower_bound(municipalities_.begin(), municipalities_.end(), code,
                             [](const Municipality& m, std::string_view c) { return m.code < c; });
  return it != municipalities_.end() && it->code == code ? &*it : nullptr;
}

const County* Gazetteer::FindCounty(std::string_view code) const {
  for (const County& c : counties_) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

Status StoreReferenceData(store::Database& database, const Gazetteer& gazetteer) {
  return database.InTransaction([&](soci::session& sql) -> Status {
    for (const County& c : gazetteer.counties()) {
      sql << "INSERT INTO counties (code, name, short_name) VALUES (:code, :name, :short_name) "
             "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
             "short_name = excluded.short_name",
          soci::use(c.code), soci::use(c.name), soci::use(c.short_name);
    }
    for (const Municipality& m : gazetteer.municipalities()) {
      sql << "INSERT INTO municipalities (code, name, short_name, county_code) "
             "VALUES (:code, :name, :short_name, :county) ON CONFLICT (code) DO UPDATE SET "
             "name = excluded.name, short_name = excluded.short_name, "
             "county_code = excluded.county_code",
          soci::use(m.code), soci::use(m.name), soci::use(m.short_name), soci::use(m.county_code);
    }
    return Status::Ok();
  });
}

Result<std::vector<County>> ListCounties(store::Database& database) {
  std::vector<County> out;
  Status s = database.InReadTransaction([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT code, name, short_name FROM counties ORDER BY code");
    for (const soci::row& r : rows) {
      out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2)});
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<Municipality>> ListMunicipalities(store::Database& database) {
  std::vector<Municipality> out;
  Status s = database.InReadTransaction([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT code, name, short_name, county_code FROM municipalities "
                        "ORDER BY code");
    for (const soci::row& r : rows) {
      out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                     r.get<std::string>(3)});
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace sv::geo
