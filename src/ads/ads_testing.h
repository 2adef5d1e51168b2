#pragma once
// For tests only (ads, adwatch): observation lines of ../shared/spec/ads.md and one ad text
// template with slots, so that tests of the analysis and of the import write the same ads.
// Header-only, so that no library carries test code.

#include <string>

namespace sv::ads::testing {

// One observation line; `extra` is more fields, each starting with a comma.
inline std::string Line(const std::string& site, const std::string& id, const std::string& seen,
                        const std::string& body, const std::string& extra = "") {
  return R"({"site":")" + site + R"(","ad_id":")" + id + R"(","seen_at":")" + seen +
         R"(","body":")" + body + "\"" + extra + "}";
}

inline const std::string kTemplate =
    "Hej! Jag heter NAME och är AGE år. Jag är en söt och glad tjej som älskar att träffa nya "
    "vänner. Diskret lägenhet nära centrum, du kan komma till mig eller så kommer jag till ditt "
    "hotell. Ring PHONE, jag svarar dygnet runt.";

// kTemplate with its slots filled.
inline std::string Body(const std::string& name, const std::string& age, const std::string& phone) {
  std::string b = kTemplate;
  b.replace(b.find("NAME"), 4, name);
  b.replace(b.find("AGE"), 3, age);
  b.replace(b.find("PHONE"), 5, phone);
  return b;
}

}  // namespace sv::ads::testing
