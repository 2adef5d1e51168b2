#include "app/main.h"

#include <sys/resource.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "adwatch/ad_import.h"
#include "adwatch/ad_watch.h"
#include "ads/language.h"
#include "ads/places.h"
#include "app/ads_command.h"
#include "app/ads_synth_command.h"
#include "app/audit_command.h"
#include "app/retention_command.h"
#include "app/stats_command.h"
#include "app/demo_ads.h"
#include "app/demo_data.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "geo/gazetteer.h"
#include "http/api.h"
#include "http/gate.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "disclosure/concern_reports.h"
#include "disclosure/disclosures.h"
#include "disclosure/legal_holds.h"
#include "disclosure/retention.h"
#include "disclosure/retention_job.h"
#include "ops/operation_book.h"
#include "persons/person_register.h"
#include "police/encounter_disclosure.h"
#include "police/encounter_register.h"
#include "reports/outcome_numbers.h"
#include "routines/checklist_book.h"
#include "routines/routine_library.h"
#include "samverkan_version.h"
#include "security/administration.h"
#include "security/audit.h"
#include "security/authenticator.h"
#include "security/field_cipher.h"
#include "security/identity.h"
#include "security/key_rotation.h"
#include "security/keys.h"
#include "security/password.h"
#include "security/password_policy.h"
#include "security/policy.h"
#include "security/pseudonym.h"
#include "store/database.h"
#include "support/contact_disclosure.h"
#include "support/support_register.h"

namespace sv::app {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Command-line values that override the configuration (empty: not given), and the options of
// the smaller subcommands.
struct Overrides {
  std::string config_path;
  std::string listen;
  std::string database;
  std::string web_root;
  std::string key_file;
  bool if_missing = false;
  bool demo_operations = false;
  int64_t demo_ads = 0;
  bool dry_run = false;
  std::string as_of;
  std::string from, to, out;
  std::string unit_kind, name, municipality, county, username, display_name, role, unit;
};

// Everything a subcommand needs, built in one place.
struct Runtime {
  Config config;
  SystemClock clock;
  std::unique_ptr<Logger> log;
  std::unique_ptr<store::Database> database;
  std::unique_ptr<geo::Gazetteer> gazetteer;
  std::unique_ptr<security::KeyRing> keys;
};

// The place names and postal codes compiled into the binary (checked by the ads tests).
ads::PlaceFinder EmbeddedPlaceFinder() {
  Result<ads::PlaceFinder> places = ads::PlaceFinder::Embedded();
  if (!places.ok()) {
    std::cerr << "samverkan: the embedded place data is broken: " << places.status().message()
              << "\n";
    std::abort();
  }
  return std::move(*places);
}

std::string BodyLanguageOf(std::string_view body) { return std::string(ads::BodyLanguage(body)); }

// The domain services, wired once. Members are declared in dependency order.
struct Services {
  explicit Services(Runtime& rt)
      : cipher(*rt.keys),
        pseudonyms(*rt.keys),
        audit(*rt.database, rt.clock, *rt.keys),
        policy(security::PolicyOptions{rt.config.security.require_second_factor}),
        directory(*rt.database, *rt.gazetteer, rt.clock),
        authenticator(*rt.database, rt.clock, cipher, audit,
                      security::AuthenticatorOptions{
                          std::chrono::minutes(rt.config.security.session_idle_minutes),
                          std::chrono::hours(rt.config.security.session_absolute_hours),
                          static_cast<int>(rt.config.security.login_free_attempts),
                          rt.config.security.require_second_factor,
                          security::PasswordCost::kInteractive}),
        administration(directory, authenticator, policy, audit,
                       security::PasswordCost::kInteractive),
        persons(*rt.database, rt.clock, policy, audit, cipher, pseudonyms,
                rt.config.security.read_purposes),
        routines(*rt.database, rt.clock, policy, audit),
        checklists(*rt.database, rt.clock, policy, audit),
        operations(*rt.database, rt.clock, policy, audit, rt.config.operations.types,
                   {&checklists}),
        concerns(*rt.database, rt.clock, policy, audit, cipher,
                 std::chrono::hours(rt.config.concern.overdue_hours)),
        encounters(*rt.database, rt.clock, policy, audit, cipher, persons,
                   rt.config.police.offences, rt.config.security.read_purposes, &concerns),
        support(*rt.database, rt.clock, policy, audit, cipher, persons, rt.config.support.offers,
                rt.config.security.read_purposes, &concerns),
        numbers(*rt.database, policy, audit, operations, rt.config.police.buyer_offences,
                rt.config.statistics.min_cell),
        encounter_disclosure(cipher, persons),
        contact_disclosure(cipher, persons),
        disclosures(*rt.database, rt.clock, policy, audit, cipher, rt.config.disclosure.grounds,
                    rt.config.disclosure.review_grounds,
                    {&encounter_disclosure, &contact_disclosure}),
        retention(*rt.database, rt.clock, policy, audit,
                  disclosure::RetentionRules{static_cast<int>(rt.config.retention.social_years),
                                             static_cast<int>(rt.config.retention.police_months)}),
        legal_holds(*rt.database, rt.clock, policy, audit, cipher),
        places(EmbeddedPlaceFinder()),
        ad_import(*rt.database, places, BodyLanguageOf),
        ads(*rt.database, rt.clock, policy, audit, cipher, places, ad_import, &concerns),
        gate(authenticator, audit, SecureCookiesFrom(rt.config.security.cookie_secure)),
        api{*rt.database, gate,    authenticator, administration, persons,   operations,
            encounters,   support, numbers,       routines,       checklists, concerns,
            disclosures,  retention, legal_holds, ads} {}

  static http::SecureCookies SecureCookiesFrom(const std::string& setting) {
    if (setting == "always") return http::SecureCookies::kAlways;
    if (setting == "never") return http::SecureCookies::kNever;
    return http::SecureCookies::kAuto;
  }

  security::FieldCipher cipher;
  security::Pseudonymizer pseudonyms;
  security::AuditLog audit;
  security::Policy policy;
  security::Directory directory;
  security::Authenticator authenticator;
  security::Administration administration;
  persons::PersonRegister persons;
  routines::RoutineLibrary routines;
  routines::ChecklistBook checklists;  // a close guard of `operations`
  ops::OperationBook operations;
  disclosure::ConcernReports concerns;
  police::EncounterRegister encounters;
  support::SupportRegister support;
  reports::OutcomeNumbers numbers;
  police::EncounterDisclosure encounter_disclosure;  // record sources of `disclosures`
  support::ContactDisclosure contact_disclosure;
  disclosure::Disclosures disclosures;
  disclosure::Retention retention;
  disclosure::LegalHolds legal_holds;
  ads::PlaceFinder places;
  adwatch::AdImport ad_import;
  adwatch::AdWatch ads;
  http::Gate gate;
  http::ApiServices api;
};

// Every column that holds a FieldCipher value, for `keys rotate`.
const std::vector<security::EncryptedColumn>& EncryptedColumns() {
  static const std::vector<security::EncryptedColumn> columns = {
      {"persons", "id", "name_enc", "persons.name"},
      {"persons", "id", "notes_enc", "persons.notes"},
      {"encounters", "id", "notes_enc", "encounters.notes"},
      {"contacts", "id", "notes_enc", "contacts.notes"},
      {"follow_ups", "id", "outcome_enc", "follow_ups.outcome"},
      {"referrals", "id", "decline_reason", "referrals.decline_reason"},
      {"referral_transitions", "id", "reason", "referral_transitions.reason"},
      {"concern_tasks", "id", "no_report_reason_enc", "concern_tasks.no_report_reason"},
      {"concern_reports", "id", "text_enc", "concern_reports.text"},
      {"concern_report_corrections", "id", "previous_text_enc",
       "concern_report_corrections.previous_text"},
      {"concern_report_corrections", "id", "reason_enc", "concern_report_corrections.reason"},
      {"disclosures", "id", "justification_enc", "disclosures.justification"},
      {"disclosures", "id", "review_note_enc", "disclosures.review_note"},
      {"disclosure_fields", "id", "value_enc", "disclosure_fields.value"},
      {"legal_holds", "id", "reason_enc", "legal_holds.reason"},
      {"users", "id", "totp_secret", "users.totp_secret"},
      {"users", "id", "totp_pending", "users.totp_pending"},
  };
  return columns;
}

void Fail(const Status& status) { std::cerr << "samverkan: " << status.message() << "\n"; }

// Loads configuration and applies command-line overrides. Prints the error and returns nullptr
// on failure.
std::unique_ptr<Runtime> LoadRuntime(const Overrides& o) {
  const Environment env = ProcessEnvironment();
  Result<Config> config = LoadConfig(o.config_path, env);
  if (!config.ok()) {
    Fail(config.status());
    return nullptr;
  }
  auto rt = std::make_unique<Runtime>();
  rt->config = std::move(*config);
  if (!o.listen.empty()) rt->config.server.listen = o.listen;
  if (!o.database.empty()) rt->config.database.url = o.database;
  if (!o.web_root.empty()) rt->config.server.web_root = o.web_root;
  rt->log = std::make_unique<Logger>(rt->config.log.level, rt->config.log.format);
  for (const std::string& name : UnknownEnvironmentKeys(env)) {
    rt->log->Warn("config.unknown_environment_variable", {{"name", name}});
  }
  Result<geo::Gazetteer> gazetteer = geo::Gazetteer::Embedded();
  if (!gazetteer.ok()) {
    Fail(gazetteer.status());
    return nullptr;
  }
  rt->gazetteer = std::make_unique<geo::Gazetteer>(std::move(*gazetteer));
  if (!o.key_file.empty()) rt->config.security.key_file = o.key_file;
  return rt;
}

// Reads the keys: from SAMVERKAN_SECURITY_KEYS (the key file's text) or the key file.
Status LoadKeys(Runtime& rt) {
  Result<security::KeyRing> ring =
      rt.config.security.keys.empty()
          ? security::LoadKeyRing(rt.config.security.key_file)
          : security::ParseKeyRing(rt.config.security.keys, "SAMVERKAN_SECURITY_KEYS");
  if (!ring.ok()) return ring.status();
  rt.keys = std::make_unique<security::KeyRing>(std::move(*ring));
  return {};
}

// Opens the database, brings its schema up to date and refreshes the reference data.
Status OpenDatabase(Runtime& rt) {
  store::DatabaseOptions options;
  options.url = rt.config.database.url;
  options.pool_size = static_cast<int>(rt.config.database.pool_size);
  options.busy_timeout_ms = static_cast<int>(rt.config.database.busy_timeout_ms);
  Result<std::unique_ptr<store::Database>> db = store::Database::Open(options);
  if (!db.ok()) return db.status();
  rt.database = std::move(*db);
  Result<int> applied = store::Migrate(*rt.database, store::SchemaMigrations());
  if (!applied.ok()) return applied.status();
  Result<int> version = store::SchemaVersion(*rt.database);
  rt.log->Info("database.ready", {{"database", rt.database->display_url()},
                                  {"schema_version", version.ok() ? *version : -1},
                                  {"migrations_applied", *applied}});
  return geo::StoreReferenceData(*rt.database, *rt.gazetteer);
}

// Lets the server hold as many connections as the system allows.
void RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// "host:pid": names this process where background jobs are claimed.
std::string ProcessName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] != '\0' ? host : "localhost") + ":" + std::to_string(getpid());
}

int Serve(Runtime& rt) {
  const ServerConfig& sc = rt.config.server;
  Result<std::pair<std::string, uint16_t>> address = http::ParseListenAddress(sc.listen);
  if (!address.ok()) {
    Fail(address.status());
    return kExitUsage;
  }
  if (Status s = OpenDatabase(rt); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  RaiseFileLimit();

  if (Status s = LoadKeys(rt); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  Services services(rt);
  http::Router router;
  http::AddApiRoutes(router, services.api);
  std::unique_ptr<http::StaticFiles> static_files;
  if (!sc.web_root.empty()) {
    if (!std::filesystem::exists(std::filesystem::path(sc.web_root) / "index.html")) {
      rt.log->Warn("web.not_built", {{"web_root", sc.web_root},
                                     {"hint", "run `make web` to build the web application"}});
    }
    static_files = std::make_unique<http::StaticFiles>(sc.web_root);
    router.SetFallback([&files = *static_files](const http::Request& r) { return files.Serve(r); });
  }

  http::ServerOptions options;
  options.host = address->first;
  options.port = address->second;
  options.max_body_bytes = static_cast<std::size_t>(sc.max_body_bytes);
  options.max_header_bytes = static_cast<std::size_t>(sc.max_header_bytes);
  options.read_timeout = std::chrono::seconds(sc.read_timeout_seconds);
  options.write_timeout = std::chrono::seconds(sc.write_timeout_seconds);
  options.idle_timeout = std::chrono::seconds(sc.idle_timeout_seconds);
  options.shutdown_grace = std::chrono::seconds(sc.shutdown_grace_seconds);
  options.max_connections = static_cast<std::size_t>(sc.max_connections);
  options.rate_limit_per_second = static_cast<double>(sc.rate_limit_per_second);
  options.rate_limit_burst = static_cast<double>(sc.rate_limit_burst);
  options.worker_threads = static_cast<int>(sc.worker_threads);

  http::Server server(options, router, *rt.log, rt.clock);
  if (Status s = server.Listen(); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  server.StopOnSignals();
  std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]"
                                                                  : options.host;
  // Scripts and tests wait for this exact line (and read the port from it).
  std::cout << "samverkan listening on http://" << host << ":" << server.port() << std::endl;
  rt.log->Info("http.listening", {{"address", host + ":" + std::to_string(server.port())},
                                  {"version", SAMVERKAN_VERSION}});
  // Retention once a day, claimed so that one of several servers runs it (configuration
  // `retention.daily_at`, checked when the configuration was read; "off": none).
  std::unique_ptr<disclosure::RetentionJob> retention_job;
  const Result<int> daily_at = ParseDailyTime(rt.config.retention.daily_at, "retention.daily_at");
  if (daily_at.ok() && *daily_at >= 0) {
    retention_job = std::make_unique<disclosure::RetentionJob>(
        services.retention, rt.clock, *rt.log,
        disclosure::RetentionJobOptions{
            *daily_at, std::chrono::hours(24 * rt.config.retention.idempotency_key_days),
            ProcessName()});
    retention_job->Start();
  }
  server.Run();
  if (retention_job) retention_job->Stop();
  return 0;
}

int RunMigrate(Runtime& rt) {
  if (Status s = OpenDatabase(rt); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  Result<int> version = store::SchemaVersion(*rt.database);
  std::cout << "database " << rt.database->display_url() << " is at schema version "
            << (version.ok() ? *version : -1) << "\n";
  return 0;
}

std::unique_ptr<Services> OpenServices(Runtime& rt);

// `samverkan ads import`: needs the database only (ads are no encrypted content).
int RunAdsImportCommand(Runtime& rt, const std::string& input) {
  if (Status s = OpenDatabase(rt); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  const ads::PlaceFinder places = EmbeddedPlaceFinder();
  adwatch::AdImport import(*rt.database, places, BodyLanguageOf);
  return RunAdsImport(import, input, std::cout, std::cerr);
}

int RunSeedDemo(Runtime& rt, bool with_operations, int64_t ads) {
  if (Status s = OpenDatabase(rt); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  security::Directory directory(*rt.database, *rt.gazetteer, rt.clock);
  if (Status s = SeedDemoData(directory, std::cout); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  if (!with_operations) return 0;
  auto services = OpenServices(rt);
  if (!services) return kExitFailure;
  const DemoOperationServices demo{services->directory, services->operations,
                                   services->encounters, services->support,
                                   services->routines,  services->checklists,
                                   rt.clock.Now()};
  if (Status s = SeedDemoOperations(demo, std::cout); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  if (Status s = SeedDemoAds(services->ad_import, ads, rt.clock.Now(), std::cout); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  return 0;
}

// Opens the database and the keys and builds the services, or prints why not.
std::unique_ptr<Services> OpenServices(Runtime& rt) {
  Status s = OpenDatabase(rt);
  if (s.ok()) s = LoadKeys(rt);
  if (!s.ok()) {
    Fail(s);
    return nullptr;
  }
  return std::make_unique<Services>(rt);
}

int RunRoutes(Runtime& rt) {
  auto services = OpenServices(rt);
  if (!services) return kExitFailure;
  http::Router router;
  http::AddApiRoutes(router, services->api);
  for (const http::Route& route : router.Routes()) {
    std::cout << http::MethodName(route.method) << " " << route.pattern << "\n";
  }
  return 0;
}

int RunKeysInit(const Overrides& o, const std::string& default_file) {
  const std::string path = o.key_file.empty() ? default_file : o.key_file;
  if (std::filesystem::exists(path)) {
    if (o.if_missing) return 0;
    std::cerr << "samverkan: " << path << " exists; refusing to overwrite keys\n";
    return kExitFailure;
  }
  if (auto parent = std::filesystem::path(path).parent_path(); !parent.empty()) {
    std::filesystem::create_directories(parent);
  }
  // Created with mode 0600 before anything secret is written.
  const mode_t old_mask = umask(077);
  std::ofstream out(path, std::ios::binary);
  umask(old_mask);
  out << security::NewKeyRingText();
  if (!out) {
    std::cerr << "samverkan: cannot write " << path << "\n";
    return kExitFailure;
  }
  std::cout << "new keys written to " << path << " (keep a copy apart from the database backups)\n";
  return 0;
}

int RunKeysRotate(Runtime& rt) {
  auto services = OpenServices(rt);
  if (!services) return kExitFailure;
  if (!rt.config.security.keys.empty()) {
    std::cerr << "samverkan: keys come from SAMVERKAN_SECURITY_KEYS; rotate them in a key file\n";
    return kExitUsage;
  }
  const security::KeyRing next = security::WithNewActiveFieldKey(*rt.keys);
  // The new key file is written first (keeping the old keys), so a crash in the middle leaves
  // every value readable.
  const std::string path = rt.config.security.key_file;
  const std::string temp = path + ".new";
  {
    const mode_t old_mask = umask(077);
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    umask(old_mask);
    out << security::KeyRingText(next);
    if (!out) {
      std::cerr << "samverkan: cannot write " << temp << "\n";
      return kExitFailure;
    }
  }
  std::filesystem::rename(temp, path);
  security::FieldCipher cipher(next);
  Result<int64_t> count = security::ReencryptColumns(*rt.database, cipher, EncryptedColumns());
  if (!count.ok()) {
    Fail(count.status());
    return kExitFailure;
  }
  std::cout << "active field key is now " << next.active_field_key << "; re-encrypted " << *count
            << " values\n";
  return 0;
}

// Reads a password from standard input (one line), never from the command line.
std::string ReadPassword() {
  std::cerr << "password (one line on standard input): " << std::flush;
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int RunAdmin(Runtime& rt, const std::string& action, const Overrides& o) {
  if (Status s = OpenDatabase(rt); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  security::Directory directory(*rt.database, *rt.gazetteer, rt.clock);
  Status result;
  if (action == "create-unit") {
    auto kind = security::ParseUnitKind(o.unit_kind);
    if (!kind) {
      std::cerr << "samverkan: --kind must be police, social_services or region\n";
      return kExitUsage;
    }
    Result<security::Unit> unit =
        directory.CreateUnit({0, *kind, o.name, o.municipality, o.county});
    result = unit.status();
    if (unit.ok()) std::cout << "unit " << unit->id << " created: " << unit->name << "\n";
  } else if (action == "create-user") {
    auto role = security::ParseRole(o.role);
    if (!role) {
      std::cerr << "samverkan: unknown --role " << o.role << "\n";
      return kExitUsage;
    }
    Result<std::vector<security::Unit>> units = directory.ListUnits();
    if (!units.ok()) {
      Fail(units.status());
      return kExitFailure;
    }
    int64_t unit_id = 0;
    for (const auto& u : *units) {
      if (u.name == o.unit || std::to_string(u.id) == o.unit) unit_id = u.id;
    }
    if (unit_id == 0) {
      std::cerr << "samverkan: no unit named or numbered \"" << o.unit << "\"\n";
      return kExitUsage;
    }
    const std::string password = ReadPassword();
    result = security::CheckNewPassword(password, o.username);
    if (result.ok()) {
      Result<std::string> hash = security::HashPassword(password,
                                                        security::PasswordCost::kInteractive);
      security::User user;
      user.unit_id = unit_id;
      user.username = o.username;
      user.display_name = o.display_name.empty() ? o.username : o.display_name;
      user.role = *role;
      Result<security::User> made =
          hash.ok() ? directory.CreateUser(user, *hash) : Result<security::User>(hash.status());
      result = made.status();
      if (made.ok()) std::cout << "user " << made->id << " created: " << made->username << "\n";
    }
  } else {
    if (Status s = LoadKeys(rt); !s.ok()) {
      Fail(s);
      return kExitFailure;
    }
    Services services(rt);
    Result<std::vector<security::User>> users = directory.ListUsers();
    if (!users.ok()) {
      Fail(users.status());
      return kExitFailure;
    }
    const security::User* found = nullptr;
    for (const auto& u : *users) {
      if (u.username == o.username) found = &u;
    }
    if (found == nullptr) {
      std::cerr << "samverkan: no user " << o.username << "\n";
      return kExitUsage;
    }
    if (action == "reset-password") {
      result = services.authenticator.SetPassword(found->id, found->username, ReadPassword());
    } else {
      result = directory.SetDisabled(found->id, action == "disable-user");
    }
    if (result.ok()) std::cout << action << ": " << found->username << " done\n";
  }
  if (!result.ok()) {
    Fail(result);
    return result.code() == StatusCode::kInvalidInput ? kExitUsage : kExitFailure;
  }
  security::AuditEvent e;
  e.username = "cli";
  e.action = "admin";
  e.record_type = action.find("unit") != std::string::npos ? "unit" : "user";
  e.record_id = action.find("unit") != std::string::npos ? o.name : o.username;
  e.outcome = "ok";
  e.detail = action + " from the command line";
  if (rt.keys || LoadKeys(rt).ok()) {
    security::AuditLog audit(*rt.database, rt.clock, *rt.keys);
    (void)audit.Append(std::move(e));
  }
  return 0;
}

int RunAudit(Runtime& rt, bool verify, const Overrides& o) {
  auto services = OpenServices(rt);
  if (!services) return kExitFailure;
  if (verify) return RunAuditVerify(services->audit, std::cout, std::cerr);
  Result<TimePoint> from = ParseCliTime(o.from.empty() ? "1970-01-01" : o.from, "--from");
  Result<TimePoint> to = ParseCliTime(o.to.empty() ? "9999-12-31" : o.to, "--to");
  if (!from.ok() || !to.ok()) {
    Fail(!from.ok() ? from.status() : to.status());
    return kExitUsage;
  }
  if (o.out.empty()) return RunAuditExport(services->audit, *from, *to, std::cout, std::cerr);
  std::ofstream file(o.out, std::ios::binary);
  if (!file) {
    std::cerr << "samverkan: cannot write " << o.out << "\n";
    return kExitFailure;
  }
  return RunAuditExport(services->audit, *from, *to, file, std::cerr);
}

int RunRetentionCommand(Runtime& rt, const Overrides& o) {
  CivilDate as_of = SwedishDate(rt.clock.Now());
  if (!o.as_of.empty()) {
    Result<CivilDate> date = ParseDate(o.as_of, "--as-of");
    if (!date.ok()) {
      std::cerr << "samverkan: --as-of: " << date.status().message() << "\n";
      return kExitUsage;
    }
    as_of = *date;
  }
  auto services = OpenServices(rt);
  if (!services) return kExitFailure;
  return RunRetention(services->retention, as_of, o.dry_run, std::cout, std::cerr);
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App cli{"samverkan: joint work of the police and social services against the purchase of "
               "sexual services and human trafficking"};
  cli.require_subcommand(1);
  cli.fallthrough();
  Overrides o;
  cli.add_option("--config", o.config_path, "TOML configuration file")
      ->check(CLI::ExistingFile);

  auto database_option = [&o](CLI::App* sub) {
    sub->add_option("--database", o.database,
                    "database URL: sqlite:///abs/path.db or postgresql://user@host/db");
  };
  CLI::App* serve = cli.add_subcommand("serve", "run the HTTP server");
  serve->add_option("--listen", o.listen, "HOST:PORT to listen on (port 0: any free port)");
  serve->add_option("--web-root", o.web_root, "folder of the built web application");
  database_option(serve);
  CLI::App* migrate = cli.add_subcommand("migrate", "bring the database schema up to date");
  database_option(migrate);
  CLI::App* seed = cli.add_subcommand("seed-demo", "load demo units and users (idempotent)");
  database_option(seed);
  seed->add_flag("--operations", o.demo_operations,
                 "also three demo operations with records, around today (needs the keys)");
  seed->add_option("--ads", o.demo_ads,
                   "with --operations: import this many synthetic ads, ending today (default 0)");
  CLI::App* version = cli.add_subcommand("version", "print the version");
  CLI::App* routes = cli.add_subcommand("routes", "list the API routes (method and pattern)");
  database_option(routes);

  CLI::App* keys = cli.add_subcommand("keys", "field-encryption, pseudonym and audit keys");
  keys->require_subcommand(1);
  CLI::App* keys_init = keys->add_subcommand("init", "write a new key file (mode 0600)");
  keys_init->add_option("--file", o.key_file, "where to write it (default: security.key_file)");
  keys_init->add_flag("--if-missing", o.if_missing, "do nothing when the file exists");
  CLI::App* keys_rotate =
      keys->add_subcommand("rotate", "new field key; re-encrypt every encrypted value under it");
  keys_rotate->add_option("--file", o.key_file, "the key file (default: security.key_file)");
  database_option(keys_rotate);

  CLI::App* audit = cli.add_subcommand("audit", "the audit trail");
  audit->require_subcommand(1);
  CLI::App* audit_verify = audit->add_subcommand("verify", "check the whole hash chain");
  database_option(audit_verify);
  CLI::App* audit_export = audit->add_subcommand("export", "write events as JSON Lines");
  audit_export->add_option("--from", o.from, "first time (RFC 3339 or YYYY-MM-DD), inclusive");
  audit_export->add_option("--to", o.to, "last time (RFC 3339 or YYYY-MM-DD), exclusive");
  audit_export->add_option("--out", o.out, "file to write (default: standard output)");
  database_option(audit_export);
  for (CLI::App* sub : {audit_verify, audit_export}) {
    sub->add_option("--key-file", o.key_file, "the key file (default: security.key_file)");
  }

  CLI::App* retention = cli.add_subcommand("retention", "deletion of personal data when due");
  retention->require_subcommand(1);
  CLI::App* retention_run = retention->add_subcommand(
      "run", "list what is due, then delete it with its dependents (held records are kept)");
  retention_run->add_flag("--dry-run", o.dry_run, "only list what is due; delete nothing");
  retention_run->add_option("--as-of", o.as_of,
                            "run as on this Swedish date, YYYY-MM-DD (default: today)");
  retention_run->add_option("--key-file", o.key_file, "the key file (default: security.key_file)");
  database_option(retention_run);

  CLI::App* ads = cli.add_subcommand("ads", "the ad monitoring engine (../shared/spec/ads.md)");
  ads->require_subcommand(1);
  std::string ads_input, ads_output, ads_period;
  CLI::App* ads_analyze =
      ads->add_subcommand("analyze", "one JSON object per ad: contacts, template, group, indicators");
  ads_analyze->add_option("input", ads_input, "observations, JSON Lines (- for standard input)")
      ->required();
  ads_analyze->add_option("--out", ads_output, "file to write (default: standard output)");
  CLI::App* ads_counts =
      ads->add_subcommand("counts", "active ads, phones and groups per period and municipality");
  ads_counts->add_option("input", ads_input, "observations, JSON Lines (- for standard input)")
      ->required();
  ads_counts->add_option("--period", ads_period, "day, week or month")->required();
  int64_t synth_count = 1000;
  uint64_t synth_seed = 1;
  std::string synth_truth;
  CLI::App* ads_synth = ads->add_subcommand(
      "synth", "a synthetic corpus of observations and its ground truth (for measurement)");
  ads_synth->add_option("--count", synth_count, "distinct ads (default 1000)");
  ads_synth->add_option("--seed", synth_seed, "the same seed gives the same bytes (default 1)");
  ads_synth->add_option("--truth", synth_truth, "file for the ground truth, one object per ad");
  ads_synth->add_option("--out", ads_output, "file for the observations (default: standard output)");
  CLI::App* ads_import = ads->add_subcommand(
      "import", "add observations to the database: new ads, templates, groups, indicators");
  ads_import->add_option("input", ads_input, "observations, JSON Lines (- for standard input)")
      ->required();
  database_option(ads_import);

  CLI::App* stats_cmd =
      cli.add_subcommand("stats", "outcome statistics (../shared/spec/stats.md)");
  stats_cmd->require_subcommand(1);
  std::string its_data, its_family = "poisson", its_offset, its_season, its_group;
  stats::ItsSpec its;
  int its_harmonics = 0;
  double its_period = 0;
  int its_hac_lag = -1;
  bool its_json = false;
  CLI::App* stats_its = stats_cmd->add_subcommand(
      "its", "interrupted time series regression of counts (segmented GLM)");
  stats_its->add_option("--data", its_data, "CSV with a header row")->required();
  stats_its->add_option("--count", its.count, "the outcome column (non-negative integers)")
      ->required();
  stats_its->add_option("--time", its.time, "time index column (1, 2, 3, ...)")->required();
  stats_its->add_option("--intervention", its.intervention, "0/1 column: 1 from the intervention on")
      ->required();
  stats_its->add_option("--offset", its_offset, "adds log(COL) as an offset");
  stats_its->add_flag("--slope-change", its.slope_change,
                      "adds time_after = (time - t0) x intervention");
  CLI::Option* season = stats_its->add_option("--season", its_season, "season column s");
  CLI::Option* harmonics =
      stats_its->add_option("--harmonics", its_harmonics, "K Fourier pairs of the season");
  CLI::Option* period = stats_its->add_option("--period", its_period, "the season's period P");
  season->needs(harmonics, period);
  harmonics->needs(season, period);
  period->needs(season, harmonics);
  stats_its->add_option("--covariate", its.covariates, "adds a column as it is; repeatable");
  stats_its->add_option("--group", its_group, "0/1 column of the treated series (controlled design)");
  stats_its->add_option("--family", its_family, "poisson (default), quasipoisson or negbin")
      ->check(CLI::IsMember({"poisson", "quasipoisson", "negbin"}));
  stats_its->add_option("--hac-lag", its_hac_lag, "Newey-West standard errors with lag L")
      ->check(CLI::NonNegativeNumber);
  stats_its->add_flag("--json", its_json, "print one JSON object");

  CLI::App* admin = cli.add_subcommand("admin", "units and users (passwords on standard input)");
  admin->require_subcommand(1);
  CLI::App* create_unit = admin->add_subcommand("create-unit", "create a unit");
  create_unit->add_option("--kind", o.unit_kind, "police, social_services or region")->required();
  create_unit->add_option("--name", o.name, "the unit's name")->required();
  create_unit->add_option("--municipality", o.municipality, "SCB code (social services)");
  create_unit->add_option("--county", o.county, "county code (police, region)");
  CLI::App* create_user = admin->add_subcommand("create-user", "create a user");
  create_user->add_option("--username", o.username, "login name")->required();
  create_user->add_option("--display-name", o.display_name, "name shown");
  create_user->add_option("--role", o.role, "role code, e.g. social_worker")->required();
  create_user->add_option("--unit", o.unit, "unit name or id")->required();
  CLI::App* reset_password = admin->add_subcommand("reset-password", "set a user's password");
  CLI::App* disable_user = admin->add_subcommand("disable-user", "disable a user");
  CLI::App* enable_user = admin->add_subcommand("enable-user", "enable a user");
  for (CLI::App* sub : {reset_password, disable_user, enable_user}) {
    sub->add_option("--username", o.username, "login name")->required();
    sub->add_option("--key-file", o.key_file, "the key file (default: security.key_file)");
  }
  for (CLI::App* sub : {create_unit, create_user, reset_password, disable_user, enable_user}) {
    database_option(sub);
  }

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : kExitUsage;
  }
  if (version->parsed()) {
    std::cout << "samverkan " << SAMVERKAN_VERSION << "\n";
    return 0;
  }
  // The ad commands work on files alone: no configuration, keys or database.
  if (ads_analyze->parsed()) return RunAdsAnalyze(ads_input, ads_output, std::cout, std::cerr);
  if (ads_counts->parsed()) return RunAdsCounts(ads_input, ads_period, std::cout, std::cerr);
  if (ads_synth->parsed()) {
    return RunAdsSynth(synth_count, synth_seed, synth_truth, ads_output, std::cout, std::cerr);
  }
  if (stats_its->parsed()) {
    if (!its_offset.empty()) its.offset = its_offset;
    if (!its_season.empty()) its.season = stats::Seasonality{its_season, its_harmonics, its_period};
    if (!its_group.empty()) its.group = its_group;
    // IsMember above admits only the three names.
    its.glm.family = stats::ParseGlmFamily(its_family).value_or(stats::GlmFamily::kPoisson);
    if (its_hac_lag >= 0) {
      its.glm.covariance = stats::CovarianceKind::kNeweyWest;
      its.glm.hac_lag = its_hac_lag;
    }
    return RunStatsIts(its_data, its, its_json, std::cout, std::cerr);
  }
  std::unique_ptr<Runtime> rt = LoadRuntime(o);
  if (!rt) return kExitUsage;
  if (serve->parsed()) return Serve(*rt);
  if (migrate->parsed()) return RunMigrate(*rt);
  if (seed->parsed()) return RunSeedDemo(*rt, o.demo_operations, o.demo_ads);
  if (routes->parsed()) return RunRoutes(*rt);
  if (keys_init->parsed()) return RunKeysInit(o, rt->config.security.key_file);
  if (keys_rotate->parsed()) return RunKeysRotate(*rt);
  if (audit_verify->parsed()) return RunAudit(*rt, /*verify=*/true, o);
  if (audit_export->parsed()) return RunAudit(*rt, /*verify=*/false, o);
  if (retention_run->parsed()) return RunRetentionCommand(*rt, o);
  if (ads_import->parsed()) return RunAdsImportCommand(*rt, ads_input);
  for (CLI::App* sub : {create_unit, create_user, reset_password, disable_user, enable_user}) {
    if (sub->parsed()) return RunAdmin(*rt, sub->get_name(), o);
  }
  return kExitUsage;
}

}  // namespace sv::app
