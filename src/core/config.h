#pragma once
// The one configuration of a samverkan process: a TOML file, every key checked, unknown keys
// refused, each key overridable by an environment variable SAMVERKAN_<SECTION>_<KEY>
// (`server.listen` → SAMVERKAN_SERVER_LISTEN). Precedence: built-in default < file < environment
// < command-line option.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/log.h"
#include "core/status.h"

namespace sv {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  std::string web_root = "web/dist";       // built web application; empty disables static files
  int64_t max_body_bytes = 1 << 20;         // larger bodies: 413 and the connection closed
  int64_t max_header_bytes = 16 << 10;      // larger headers: 431
  int64_t read_timeout_seconds = 15;        // whole request (headers and body) must arrive in this
  int64_t write_timeout_seconds = 15;
  int64_t idle_timeout_seconds = 60;        // keep-alive wait for the next request
  int64_t max_connections = 10000;
  int64_t rate_limit_per_second = 100;      // requests per client address, refilled continuously
  int64_t rate_limit_burst = 200;
  int64_t worker_threads = 4;               // threads that run handlers (database work)
  int64_t shutdown_grace_seconds = 20;      // how long in-flight requests may finish on SIGTERM
};

struct DatabaseConfig {
  std::string url = "sqlite://var/samverkan.db";  // sqlite://PATH or postgresql://…
  int64_t pool_size = 8;
  int64_t busy_timeout_ms = 5000;
};

struct SecurityConfig {
  // Key file (field encryption, pseudonyms, audit chain): see src/security/keys.h. Environment
  // SAMVERKAN_SECURITY_KEYS may hold the key file's text instead of a path.
  std::string key_file = "var/keys.toml";
  std::string keys;                          // the key file's text (from the environment)
  int64_t session_idle_minutes = 30;
  int64_t session_absolute_hours = 12;
  int64_t login_free_attempts = 5;           // failures before delays start, per account and address
  bool require_second_factor = false;        // TOTP for roles with person-level access
  std::string cookie_secure = "auto";        // auto (when the request came over TLS), always, never
  // Purposes a person-level read may give (codes; the web application has their texts).
  std::vector<std::string> read_purposes = {"case_work",      "operation",  "follow_up",
                                            "concern_report", "disclosure", "supervision"};
};

// Code lists of the domain (DOMAIN.md: lists are data). The web application has texts for these
// codes; a code it does not know is shown as it is.
struct OperationsConfig {
  std::vector<std::string> types = {"sex_purchase", "hotel_apartment", "ad_follow_up",
                                    "sugar_dating", "other"};
};

struct PoliceConfig {
  // Suspected offences (Brottsbalken chapter and section).
  std::vector<std::string> offences = {"brb_6_11", "brb_6_9", "brb_6_12", "brb_4_1a"};
  // The offences for which an encounter with a buyer counts as a buyer reported.
  std::vector<std::string> buyer_offences = {"brb_6_11", "brb_6_9"};
};

struct SupportConfig {
  std::vector<std::string> offers = {"conversation", "municipal_unit", "buyer_support",
                                     "health_care",  "shelter",        "exit_programme",
                                     "legal_advice", "support_line"};
};

struct ConcernConfig {
  int64_t overdue_hours = 24;  // an open concern-report task is overdue after this
};

// Disclosure between agencies (DOMAIN.md): the closed list of legal grounds a disclosure may
// name, and those that need a second user's approval before anything is sent.
struct DisclosureConfig {
  // Consent (OSL 12 kap. 2 §), duty to report incl. concern reports (10:28), crimes against a
  // person under 18 (10:21), crime prevention for persons under 21 (10:18 a), the general
  // clause (10:27).
  std::vector<std::string> grounds = {"osl_12_2", "osl_10_28", "osl_10_21", "osl_10_18a",
                                      "osl_10_27"};
  std::vector<std::string> review_grounds = {"osl_10_27"};
};

// Retention (DOMAIN.md, the retention row; src/disclosure/retention.h): when person-level data
// is deleted, and when the server's daily run deletes it.
struct RetentionConfig {
  // Social-services person files: due this many years after the last entry, to be deleted by the
  // end of the following calendar year.
  int64_t social_years = 5;
  // Police data, no longer than necessary, reviewed yearly: due this many months after the last
  // entry.
  int64_t police_months = 12;
  // Swedish local time ("HH:MM") of the server's daily run, or "off" (only `retention run`).
  std::string daily_at = "03:15";
  // The daily run also deletes idempotency keys older than this.
  int64_t idempotency_key_days = 7;
};

struct StatisticsConfig {
  int64_t min_cell = 5;  // counts below this are hidden from roles without person-level access
};

struct LogConfig {
  LogLevel level = LogLevel::kInfo;
  LogFormat format = LogFormat::kJson;
};

struct Config {
  ServerConfig server;
  DatabaseConfig database;
  SecurityConfig security;
  OperationsConfig operations;
  PoliceConfig police;
  SupportConfig support;
  ConcernConfig concern;
  DisclosureConfig disclosure;
  RetentionConfig retention;
  StatisticsConfig statistics;
  LogConfig log;
};

using Environment = std::map<std::string, std::string>;

// Reads `path` (empty: defaults only) and then the SAMVERKAN_… entries of `env`.
// Errors name the key and the file ("samverkan.toml: unknown key `server.lisen`").
Result<Config> LoadConfig(const std::string& path, const Environment& env);

// Parses a TOML document given as text; `origin` names it in messages.
Result<Config> ParseConfig(const std::string& toml_text, const std::string& origin,
                           const Environment& env);

// Minutes after midnight of a time of day "HH:MM" (00:00 to 23:59); -1 for "off". kInvalidInput
// naming `field` otherwise.
Result<int> ParseDailyTime(const std::string& text, const std::string& field);

// Every key the configuration knows, dotted ("server.listen"), for help and documentation.
std::vector<std::string> ConfigKeys();

// The SAMVERKAN_ variables in `env` that name no key (reported as warnings at start-up).
std::vector<std::string> UnknownEnvironmentKeys(const Environment& env);

// The environment of this process as a map; called only by the composition root.
Environment ProcessEnvironment();

}  // namespace sv
