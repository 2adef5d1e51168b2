#include "server_on_both_databases.h"

namespace sv::testing {

void ServerOnBothDatabases::SetUp() {
  ServerProcess::Options options;
  if (GetParam() == "postgres") {
    if (!PostgresUrl()) GTEST_SKIP() << "SAMVERKAN_TEST_POSTGRES_URL is not set";
    postgres_ = std::make_unique<ScratchPostgres>();
    options.database_url = postgres_->url();
  }
  options.seed_demo = true;
  server_ = std::make_unique<ServerProcess>(options);
}

std::string DatabaseName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace sv::testing
