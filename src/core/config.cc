#include "core/config.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>

#include <toml.hpp>

extern char** environ;  // POSIX

namespace sv {
namespace {

// One configuration key: how to set it from a TOML value or from an environment string.
struct Key {
  std::string name;  // "server.listen"
  std::function<Status(Config&, const toml::value&)> from_toml;
  std::function<Status(Config&, const std::string&)> from_text;
};

std::string EnvName(const std::string& key) {
  std::string out = "SAMVERKAN_";
  for (char c : key) out += c == '.' ? '_' : static_cast<char>(std::toupper(c));
  return out;
}

template <typename Field>
Key String(std::string name, Field field) {
  return Key{
      name,
      [name, field](Config& c, const toml::value& v) -> Status {
        if (!v.is_string()) return Status::InvalidInput("must be a string", name);
        field(c) = v.as_string().str;
        return {};
      },
      [field](Config& c, const std::string& text) -> Status {
        field(c) = text;
        return {};
      }};
}

template <typename Field>
Key Integer(std::string name, int64_t min, int64_t max, Field field) {
  auto check = [name, min, max](int64_t v) -> Status {
    if (v < min || v > max) {
      return Status::InvalidInput(
          "must be between " + std::to_string(min) + " and " + std::to_string(max), name);
    }
    return {};
  };
  return Key{
      name,
      [name, field, check](Config& c, const toml::value& v) -> Status {
        if (!v.is_integer()) return Status::InvalidInput("must be an integer", name);
        SV_RETURN_IF_ERROR(check(v.as_integer()));
        field(c) = v.as_integer();
        return {};
      },
      [name, field, check](Config& c, const std::string& text) -> Status {
        int64_t v = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || end != text.data() + text.size()) {
          return Status::InvalidInput("must be an integer, not \"" + text + "\"", name);
        }
        SV_RETURN_IF_ERROR(check(v));
        field(c) = v;
        return {};
      }};
}

template <typename Field>
Key Boolean(std::string name, Field field) {
  return Key{name,
             [name, field](Config& c, const toml::value& v) -> Status {
               if (!v.is_boolean()) return Status::InvalidInput("must be true or false", name);
               field(c) = v.as_boolean();
               return {};
             },
             [name, field](Config& c, const std::string& text) -> Status {
               if (text == "true" || text == "1") {
                 field(c) = true;
               } else if (text == "false" || text == "0") {
                 field(c) = false;
               } else {
                 return Status::InvalidInput("must be true or false, not \"" + text + "\"", name);
               }
               return {};
             }};
}

// A list of short codes; in the environment, separated by commas.
template <typename Field>
Key CodeList(std::string name, Field field) {
  auto check = [name](const std::vector<std::string>& items) -> Status {
    if (items.empty()) return Status::InvalidInput("must not be empty", name);
    for (const std::string& item : items) {
      if (item.empty() || item.size() > 64 ||
          item.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
        return Status::InvalidInput("items must be codes of a-z, 0-9 and _, not \"" + item + "\"",
                                    name);
      }
    }
    return {};
  };
  return Key{name,
             [name, field, check](Config& c, const toml::value& v) -> Status {
               if (!v.is_array()) return Status::InvalidInput("must be a list of strings", name);
               std::vector<std::string> items;
               for (const toml::value& item : v.as_array()) {
                 if (!item.is_string()) {
                   return Status::InvalidInput("must be a list of strings", name);
                 }
                 items.push_back(item.as_string().str);
               }
               SV_RETURN_IF_ERROR(check(items));
               field(c) = std::move(items);
               return {};
             },
             [field, check](Config& c, const std::string& text) -> Status {
               std::vector<std::string> items;
               std::size_t start = 0;
               while (start <= text.size()) {
                 std::size_t comma = text.find(',', start);
                 if (comma == std::string::npos) comma = text.size();
                 items.push_back(text.substr(start, comma - start));
                 start = comma + 1;
               }
               SV_RETURN_IF_ERROR(check(items));
               field(c) = std::move(items);
               return {};
             }};
}

template <typename E, typename Field>
Key Enum(std::string name, std::vector<std::pair<std::string, E>> choices, Field field) {
  auto set = [name, choices, field](Config& c, const std::string& text) -> Status {
    for (const auto& [word, value] : choices) {
      if (word == text) {
        field(c) = value;
        return {};
      }
    }
    std::string allowed;
    for (const auto& [word, value] : choices) allowed += (allowed.empty() ? "" : ", ") + word;
    return Status::InvalidInput("must be one of " + allowed + ", not \"" + text + "\"", name);
  };
  return Key{name,
             [name, set](Config& c, const toml::value& v) -> Status {
               if (!v.is_string()) return Status::InvalidInput("must be a string", name);
               return set(c, v.as_string().str);
             },
             set};
}

// A time of day "HH:MM", or "off".
template <typename Field>
Key DailyTime(std::string name, Field field) {
  auto set = [name, field](Config& c, const std::string& text) -> Status {
    Result<int> minutes = ParseDailyTime(text, name);
    if (!minutes.ok()) return minutes.status();
    field(c) = text;
    return {};
  };
  return Key{name,
             [name, set](Config& c, const toml::value& v) -> Status {
               if (!v.is_string()) return Status::InvalidInput("must be a string", name);
               return set(c, v.as_string().str);
             },
             set};
}

const std::vector<Key>& Keys() {
  static const std::vector<Key> keys = [] {
    std::vector<Key> k;
    k.push_back(String("server.listen", [](Config& c) -> auto& { return c.server.listen; }));
    k.push_back(String("server.web_root", [](Config& c) -> auto& { return c.server.web_root; }));
    k.push_back(Integer("server.max_body_bytes", 1024, int64_t{1} << 32,
                        [](Config& c) -> auto& { return c.server.max_body_bytes; }));
    k.push_back(Integer("server.max_header_bytes", 1024, 1 << 20,
                        [](Config& c) -> auto& { return c.server.max_header_bytes; }));
    k.push_back(Integer("server.read_timeout_seconds", 1, 3600,
                        [](Config& c) -> auto& { return c.server.read_timeout_seconds; }));
    k.push_back(Integer("server.write_timeout_seconds", 1, 3600,
                        [](Config& c) -> auto& { return c.server.write_timeout_seconds; }));
    k.push_back(Integer("server.idle_timeout_seconds", 1, 3600,
                        [](Config& c) -> auto& { return c.server.idle_timeout_seconds; }));
    k.push_back(Integer("server.max_connections", 1, 1000000,
                        [](Config& c) -> auto& { return c.server.max_connections; }));
    k.push_back(Integer("server.rate_limit_per_second", 1, 1000000,
                        [](Config& c) -> auto& { return c.server.rate_limit_per_second; }));
    k.push_back(Integer("server.rate_limit_burst", 1, 1000000,
                        [](Config& c) -> auto& { return c.server.rate_limit_burst; }));
    k.push_back(Integer("server.worker_threads", 1, 256,
                        [](Config& c) -> auto& { return c.server.worker_threads; }));
    k.push_back(Integer("server.shutdown_grace_seconds", 0, 3600,
                        [](Config& c) -> auto& { return c.server.shutdown_grace_seconds; }));
    k.push_back(String("database.url", [](Config& c) -> auto& { return c.database.url; }));
    k.push_back(Integer("database.pool_size", 1, 256,
                        [](Config& c) -> auto& { return c.database.pool_size; }));
    k.push_back(Integer("database.busy_timeout_ms", 0, 600000,
                        [](Config& c) -> auto& { return c.database.busy_timeout_ms; }));
    k.push_back(String("security.key_file", [](Config& c) -> auto& { return c.security.key_file; }));
    k.push_back(String("security.keys", [](Config& c) -> auto& { return c.security.keys; }));
    k.push_back(Integer("security.session_idle_minutes", 1, 24 * 60,
                        [](Config& c) -> auto& { return c.security.session_idle_minutes; }));
    k.push_back(Integer("security.session_absolute_hours", 1, 24 * 7,
                        [](Config& c) -> auto& { return c.security.session_absolute_hours; }));
    k.push_back(Integer("security.login_free_attempts", 1, 100,
                        [](Config& c) -> auto& { return c.security.login_free_attempts; }));
    k.push_back(Boolean("security.require_second_factor",
                        [](Config& c) -> auto& { return c.security.require_second_factor; }));
    k.push_back(Enum<std::string>("security.cookie_secure",
                                  {{"auto", "auto"}, {"always", "always"}, {"never", "never"}},
                                  [](Config& c) -> auto& { return c.security.cookie_secure; }));
    k.push_back(CodeList("security.read_purposes",
                         [](Config& c) -> auto& { return c.security.read_purposes; }));
    k.push_back(CodeList("operations.types",
                         [](Config& c) -> auto& { return c.operations.types; }));
    k.push_back(CodeList("police.offences", [](Config& c) -> auto& { return c.police.offences; }));
    k.push_back(CodeList("police.buyer_offences",
                         [](Config& c) -> auto& { return c.police.buyer_offences; }));
    k.push_back(CodeList("support.offers", [](Config& c) -> auto& { return c.support.offers; }));
    k.push_back(Integer("concern.overdue_hours", 1, 24 * 30,
                        [](Config& c) -> auto& { return c.concern.overdue_hours; }));
    k.push_back(CodeList("disclosure.grounds",
                         [](Config& c) -> auto& { return c.disclosure.grounds; }));
    k.push_back(CodeList("disclosure.review_grounds",
                         [](Config& c) -> auto& { return c.disclosure.review_grounds; }));
    k.push_back(Integer("retention.social_years", 1, 100,
                        [](Config& c) -> auto& { return c.retention.social_years; }));
    k.push_back(Integer("retention.police_months", 1, 1200,
                        [](Config& c) -> auto& { return c.retention.police_months; }));
    k.push_back(DailyTime("retention.daily_at",
                          [](Config& c) -> auto& { return c.retention.daily_at; }));
    k.push_back(Integer("retention.idempotency_key_days", 1, 3650,
                        [](Config& c) -> auto& { return c.retention.idempotency_key_days; }));
    k.push_back(Integer("statistics.min_cell", 1, 1000,
                        [](Config& c) -> auto& { return c.statistics.min_cell; }));
    k.push_back(Enum<LogLevel>("log.level",
                               {{"debug", LogLevel::kDebug},
                                {"info", LogLevel::kInfo},
                                {"warn", LogLevel::kWarn},
                                {"error", LogLevel::kError}},
                               [](Config& c) -> auto& { return c.log.level; }));
    k.push_back(Enum<LogFormat>("log.format", {{"json", LogFormat::kJson}, {"text", LogFormat::kText}},
                                [](Config& c) -> auto& { return c.log.format; }));
    return k;
  }();
  return keys;
}

const Key* FindKey(const std::string& name) {
  for (const Key& k : Keys()) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

Status WithOrigin(const Status& s, const std::string& origin) {
  std::string where = s.field().empty() ? "" : "key `" + s.field() + "`: ";
  return Status(s.code(), origin + ": " + where + s.message(), s.field());
}

Status ApplyEnvironment(Config& config, const Environment& env) {
  for (const Key& k : Keys()) {
    auto it = env.find(EnvName(k.name));
    if (it == env.end()) continue;
    Status s = k.from_text(config, it->second);
    if (!s.ok()) return WithOrigin(s, "environment variable " + it->first);
  }
  return {};
}

// Rules between keys, checked after the file and the environment are applied.
Status CheckConsistency(const Config& c, const std::string& origin) {
  for (const std::string& code : c.police.buyer_offences) {
    if (std::find(c.police.offences.begin(), c.police.offences.end(), code) ==
        c.police.offences.end()) {
      return Status::InvalidInput(origin + ": key `police.buyer_offences`: \"" + code +
                                      "\" is not one of `police.offences`",
                                  "police.buyer_offences");
    }
  }
  for (const std::string& code : c.disclosure.review_grounds) {
    if (std::find(c.disclosure.grounds.begin(), c.disclosure.grounds.end(), code) ==
        c.disclosure.grounds.end()) {
      return Status::InvalidInput(origin + ": key `disclosure.review_grounds`: \"" + code +
                                      "\" is not one of `disclosure.grounds`",
                                  "disclosure.review_grounds");
    }
  }
  return {};
}

}  // namespace

Result<Config> ParseConfig(const std::string& toml_text, const std::string& origin,
                           const Environment& env) {
  Config config;
  if (!toml_text.empty()) {
    toml::value root;
    try {
      std::istringstream in(toml_text);
      root = toml::parse(in, origin);
    } catch (const std::exception& e) {
      return Status::InvalidInput(origin + ": not valid TOML: " + e.what());
    }
    for (const auto& [section, table] : root.as_table()) {
      if (!table.is_table()) {
        return Status::InvalidInput(origin + ": unknown key `" + section +
                                    "` (expected a section such as [server])", section);
      }
      for (const auto& [name, value] : table.as_table()) {
        const std::string dotted = section + "." + name;
        const Key* key = FindKey(dotted);
        if (key == nullptr) {
          return Status::InvalidInput(origin + ": unknown key `" + dotted + "`", dotted);
        }
        Status s = key->from_toml(config, value);
        if (!s.ok()) return WithOrigin(s, origin);
      }
    }
  }
  SV_RETURN_IF_ERROR(ApplyEnvironment(config, env));
  SV_RETURN_IF_ERROR(CheckConsistency(config, origin));
  return config;
}

Result<Config> LoadConfig(const std::string& path, const Environment& env) {
  if (path.empty()) return ParseConfig("", "defaults", env);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidInput(path + ": cannot read the configuration file");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseConfig(text.str(), path, env);
}

Result<int> ParseDailyTime(const std::string& text, const std::string& field) {
  if (text == "off") return -1;
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return Status::InvalidInput("must be a time of day HH:MM (Swedish time) or \"off\", not \"" +
                                    text + "\"",
                                field);
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) {
    return Status::InvalidInput("\"" + text + "\" is no time of day (00:00 to 23:59)", field);
  }
  return hours * 60 + minutes;
}

std::vector<std::string> ConfigKeys() {
  std::vector<std::string> out;
  for (const Key& k : Keys()) out.push_back(k.name);
  return out;
}

std::vector<std::string> UnknownEnvironmentKeys(const Environment& env) {
  std::vector<std::string> out;
  for (const auto& entry : env) {
    const std::string& name = entry.first;
    if (name.rfind("SAMVERKAN_", 0) != 0 || name.rfind("SAMVERKAN_TEST_", 0) == 0) continue;
    bool known = std::any_of(Keys().begin(), Keys().end(),
                             [&](const Key& k) { return EnvName(k.name) == name; });
    if (!known) out.push_back(name);
  }
  return out;
}

Environment ProcessEnvironment() {
  Environment env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

}  // namespace sv
