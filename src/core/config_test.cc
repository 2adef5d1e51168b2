#include "core/config.h"

#include <gtest/gtest.h>

namespace sv {
namespace {

TEST(ConfigTest, DefaultsWithoutFile) {
  Result<Config> c = ParseConfig("", "defaults", {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->server.listen, "127.0.0.1:8080");
  EXPECT_EQ(c->log.format, LogFormat::kJson);
}

TEST(ConfigTest, ReadsKnownKeys) {
  Result<Config> c = ParseConfig(
      "[server]\nlisten = \"0.0.0.0:9000\"\nmax_body_bytes = 4096\n[log]\nformat = \"text\"\n",
      "test.toml", {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->server.listen, "0.0.0.0:9000");
  EXPECT_EQ(c->server.max_body_bytes, 4096);
  EXPECT_EQ(c->log.format, LogFormat::kText);
}

TEST(ConfigTest, UnknownKeyIsRefusedNamingKeyAndFile) {
  Result<Config> c = ParseConfig("[server]\nlisen = \"x\"\n", "samverkan.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "samverkan.toml: unknown key `server.lisen`");
  EXPECT_EQ(c.status().field(), "server.lisen");
}

TEST(ConfigTest, UnknownSectionIsRefused) {
  Result<Config> c = ParseConfig("[serve]\nlisten = \"x\"\n", "a.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("`serve.listen`"), std::string::npos);
}

TEST(ConfigTest, TopLevelValueIsRefused) {
  Result<Config> c = ParseConfig("listen = \"x\"\n", "a.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("unknown key `listen`"), std::string::npos);
}

TEST(ConfigTest, WrongTypeAndRangeAreRefused) {
  Result<Config> c = ParseConfig("[server]\nmax_body_bytes = \"big\"\n", "a.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "a.toml: key `server.max_body_bytes`: must be an integer");
  c = ParseConfig("[server]\nworker_threads = 0\n", "a.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("between 1 and 256"), std::string::npos);
  c = ParseConfig("[log]\nlevel = \"loud\"\n", "a.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("one of debug, info, warn, error"), std::string::npos);
}

TEST(ConfigTest, InvalidTomlIsReported) {
  Result<Config> c = ParseConfig("[server\n", "broken.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message().rfind("broken.toml: not valid TOML", 0), 0u);
}

TEST(ConfigTest, EnvironmentOverridesFile) {
  Result<Config> c = ParseConfig("[database]\nurl = \"sqlite://a.db\"\n", "a.toml",
                                 {{"SAMVERKAN_DATABASE_URL", "postgresql://x/y"},
                                  {"SAMVERKAN_SERVER_WORKER_THREADS", "3"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->database.url, "postgresql://x/y");
  EXPECT_EQ(c->server.worker_threads, 3);
}

TEST(ConfigTest, BadEnvironmentValueNamesTheVariable) {
  Result<Config> c = ParseConfig("", "defaults", {{"SAMVERKAN_SERVER_WORKER_THREADS", "many"}});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("SAMVERKAN_SERVER_WORKER_THREADS"), std::string::npos);
}

TEST(ConfigTest, UnknownEnvironmentKeysAreListed) {
  auto unknown = UnknownEnvironmentKeys(
      {{"SAMVERKAN_SERVER_LISTEN", "x"}, {"SAMVERKAN_SERVR_LISTEN", "x"},
       {"SAMVERKAN_TEST_POSTGRES_URL", "x"}, {"HOME", "/root"}});
  EXPECT_EQ(unknown, std::vector<std::string>{"SAMVERKAN_SERVR_LISTEN"});
}

TEST(ConfigTest, SecuritySectionWithListsAndBooleans) {
  Result<Config> c = ParseConfig(
      "[security]\nrequire_second_factor = true\nread_purposes = [\"case_work\", \"audit\"]\n",
      "a.toml", {{"SAMVERKAN_SECURITY_SESSION_IDLE_MINUTES", "15"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->security.require_second_factor);
  EXPECT_EQ(c->security.read_purposes, (std::vector<std::string>{"case_work", "audit"}));
  EXPECT_EQ(c->security.session_idle_minutes, 15);
  c = ParseConfig("", "defaults", {{"SAMVERKAN_SECURITY_READ_PURPOSES", "a,b_c"},
                                   {"SAMVERKAN_SECURITY_REQUIRE_SECOND_FACTOR", "false"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->security.read_purposes, (std::vector<std::string>{"a", "b_c"}));
  EXPECT_FALSE(ParseConfig("[security]\nread_purposes = [\"Case Work\"]\n", "a.toml", {}).ok());
  EXPECT_FALSE(ParseConfig("[security]\nread_purposes = []\n", "a.toml", {}).ok());
  EXPECT_FALSE(ParseConfig("[security]\nrequire_second_factor = \"yes\"\n", "a.toml", {}).ok());
  EXPECT_FALSE(ParseConfig("", "d", {{"SAMVERKAN_SECURITY_REQUIRE_SECOND_FACTOR", "yes"}}).ok());
}

TEST(ConfigTest, MissingFileIsReported) {
  Result<Config> c = LoadConfig("/nonexistent/samverkan.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("/nonexistent/samverkan.toml"), std::string::npos);
}

}  // namespace
}  // namespace sv

namespace sv {
namespace {

TEST(ConfigTest, DomainCodeListsHaveDefaultsAndCanBeChanged) {
  Result<Config> defaults = ParseConfig("", "defaults", {});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->operations.types.front(), "sex_purchase");
  EXPECT_EQ(defaults->police.offences.size(), 4u);
  EXPECT_EQ(defaults->support.offers.back(), "support_line");
  EXPECT_EQ(defaults->statistics.min_cell, 5);

  Result<Config> c = ParseConfig(
      "[operations]\ntypes = [\"street\", \"hotel\"]\n[police]\noffences = [\"brb_6_11\"]\n"
      "buyer_offences = [\"brb_6_11\"]\n[statistics]\nmin_cell = 3\n",
      "samverkan.toml", {{"SAMVERKAN_SUPPORT_OFFERS", "conversation,shelter"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->operations.types, (std::vector<std::string>{"street", "hotel"}));
  EXPECT_EQ(c->support.offers, (std::vector<std::string>{"conversation", "shelter"}));
  EXPECT_EQ(c->statistics.min_cell, 3);
}

TEST(ConfigTest, BuyerOffencesMustBeOffences) {
  Result<Config> c = ParseConfig("[police]\noffences = [\"brb_6_11\"]\n", "samverkan.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "police.buyer_offences");
  EXPECT_NE(c.status().message().find("\"brb_6_9\" is not one of `police.offences`"),
            std::string::npos)
      << c.status().message();
}

TEST(ConfigTest, ReviewGroundsMustBeGrounds) {
  Result<Config> defaults = ParseConfig("", "defaults", {});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->disclosure.review_grounds, (std::vector<std::string>{"osl_10_27"}));

  Result<Config> c = ParseConfig("[disclosure]\ngrounds = [\"osl_12_2\", \"osl_10_28\"]\n",
                                 "samverkan.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "disclosure.review_grounds");
  EXPECT_NE(c.status().message().find("\"osl_10_27\" is not one of `disclosure.grounds`"),
            std::string::npos)
      << c.status().message();
}

TEST(ConfigTest, RetentionDefaultsFollowTheDomainRules) {
  Result<Config> c = ParseConfig("", "defaults", {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->retention.social_years, 5);
  EXPECT_EQ(c->retention.police_months, 12);
  EXPECT_EQ(c->retention.daily_at, "03:15");
  EXPECT_EQ(c->retention.idempotency_key_days, 7);
}

TEST(ConfigTest, RetentionKeysFromFileAndEnvironment) {
  Result<Config> c = ParseConfig(
      "[retention]\nsocial_years = 7\npolice_months = 6\ndaily_at = \"off\"\n", "a.toml",
      {{"SAMVERKAN_RETENTION_DAILY_AT", "23:59"},
       {"SAMVERKAN_RETENTION_IDEMPOTENCY_KEY_DAYS", "2"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->retention.social_years, 7);
  EXPECT_EQ(c->retention.police_months, 6);
  EXPECT_EQ(c->retention.daily_at, "23:59");
  EXPECT_EQ(c->retention.idempotency_key_days, 2);
  EXPECT_TRUE(UnknownEnvironmentKeys({{"SAMVERKAN_RETENTION_SOCIAL_YEARS", "5"}}).empty());
}

TEST(ConfigTest, RetentionValuesAreChecked) {
  Result<Config> c = ParseConfig("[retention]\ndaily_at = \"3:15\"\n", "a.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "retention.daily_at");
  EXPECT_NE(c.status().message().find("HH:MM"), std::string::npos) << c.status().message();
  c = ParseConfig("[retention]\ndaily_at = \"24:00\"\n", "a.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("no time of day"), std::string::npos);
  c = ParseConfig("[retention]\ndaily_at = 315\n", "a.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "a.toml: key `retention.daily_at`: must be a string");
  c = ParseConfig("[retention]\nsocial_years = 0\n", "a.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "retention.social_years");
  c = ParseConfig("", "defaults", {{"SAMVERKAN_RETENTION_POLICE_MONTHS", "a year"}});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("SAMVERKAN_RETENTION_POLICE_MONTHS"), std::string::npos);
  c = ParseConfig("[retention]\nkeep_forever = true\n", "a.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "retention.keep_forever");
  EXPECT_EQ(ParseDailyTime("03:15", "x").value(), 195);
  EXPECT_EQ(ParseDailyTime("off", "x").value(), -1);
}

}  // namespace
}  // namespace sv
