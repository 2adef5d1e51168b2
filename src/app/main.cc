#include "app/main.h"

#include <sys/resource.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "app/demo_data.h"
#include "core/config.h"
#include "core/log.h"
#include "geo/gazetteer.h"
#include "http/health_api.h"
#include "http/reference_api.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "samverkan_version.h"
#include "security/identity.h"
#include "store/database.h"

namespace sv::app {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Command-line values that override the configuration (empty: not given).
struct Overrides {
  std::string config_path;
  std::string listen;
  std::string database;
  std::string web_root;
};

// Everything a subcommand needs, built in one place.
struct Runtime {
  Config config;
  SystemClock clock;
  std::unique_ptr<Logger> log;
  std::unique_ptr<store::Database> database;
  std::unique_ptr<geo::Gazetteer> gazetteer;
};

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
  return rt;
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

  http::Router router;
  http::AddHealthRoutes(router, *rt.database);
  http::AddReferenceRoutes(router, *rt.database);
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
  server.Run();
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

int RunSeedDemo(Runtime& rt) {
  if (Status s = OpenDatabase(rt); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  security::Directory directory(*rt.database, *rt.gazetteer, rt.clock);
  if (Status s = SeedDemoData(directory, std::cout); !s.ok()) {
    Fail(s);
    return kExitFailure;
  }
  return 0;
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
  CLI::App* version = cli.add_subcommand("version", "print the version");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : kExitUsage;
  }
  if (version->parsed()) {
    std::cout << "samverkan " << SAMVERKAN_VERSION << "\n";
    return 0;
  }
  std::unique_ptr<Runtime> rt = LoadRuntime(o);
  if (!rt) return kExitUsage;
  if (serve->parsed()) return Serve(*rt);
  if (migrate->parsed()) return RunMigrate(*rt);
  if (seed->parsed()) return RunSeedDemo(*rt);
  return kExitUsage;
}

}  // namespace sv::app
