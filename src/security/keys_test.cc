#include "security/keys.h"

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "testing.h"

namespace sv::security {
namespace {

// Base64 of 32 bytes 0x01..0x20, 0x21..0x40 and so on: fixed keys for readable test files.
constexpr const char* kKeyA = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
constexpr const char* kKeyB = "ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=";
constexpr const char* kKeyC = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2A=";
constexpr const char* kKeyD = "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4A=";

std::string File(const std::string& field, const std::string& pseudonym = kKeyC,
                 const std::string& audit = kKeyD) {
  return "[field_encryption]\n" + field + "\n[pseudonym]\nkey = \"" + pseudonym +
         "\"\n[audit]\nkey = \"" + audit + "\"\n";
}

std::string GoodFile() {
  return File(std::string("active = \"k2\"\nk1 = \"") + kKeyA + "\"\nk2 = \"" + kKeyB + "\"");
}

void ExpectRefused(const std::string& text, const std::string& says) {
  Result<KeyRing> ring = ParseKeyRing(text, "/etc/samverkan/keys.toml");
  ASSERT_FALSE(ring.ok()) << text;
  EXPECT_EQ(ring.status().code(), StatusCode::kInvalidInput);
  const std::string& message = ring.status().message();
  EXPECT_EQ(message.rfind("/etc/samverkan/keys.toml: ", 0), 0u) << message;
  EXPECT_NE(message.find(says), std::string::npos) << message;
  for (const char* key : {kKeyA, kKeyB, kKeyC, kKeyD}) {
    EXPECT_EQ(message.find(std::string(key).substr(0, 12)), std::string::npos) << message;
  }
}

TEST(KeysTest, ParsesAFile) {
  Result<KeyRing> ring = ParseKeyRing(GoodFile(), "keys.toml");
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  EXPECT_EQ(ring->active_field_key, "k2");
  ASSERT_EQ(ring->field_keys.size(), 2u);
  EXPECT_EQ(ring->field_keys.at("k1")[0], 0x01);
  EXPECT_EQ(ring->field_keys.at("k1")[31], 0x20);
  EXPECT_EQ(ring->field_keys.at("k2")[0], 0x21);
  EXPECT_EQ(ring->pseudonym_key[0], 0x41);
  EXPECT_EQ(ring->audit_key[31], 0x80);
}

TEST(KeysTest, TextRoundTrips) {
  Result<KeyRing> ring = ParseKeyRing(GoodFile(), "keys.toml");
  ASSERT_TRUE(ring.ok());
  Result<KeyRing> again = ParseKeyRing(KeyRingText(*ring), "again");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->active_field_key, ring->active_field_key);
  EXPECT_EQ(again->field_keys, ring->field_keys);
  EXPECT_EQ(again->pseudonym_key, ring->pseudonym_key);
  EXPECT_EQ(again->audit_key, ring->audit_key);
  EXPECT_NE(KeyRingText(*ring).find(kKeyA), std::string::npos);
}

TEST(KeysTest, NewKeyRingHasFreshDistinctKeys) {
  Result<KeyRing> a = ParseKeyRing(NewKeyRingText(), "new");
  Result<KeyRing> b = ParseKeyRing(NewKeyRingText(), "new");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->active_field_key, "k1");
  ASSERT_EQ(a->field_keys.size(), 1u);
  EXPECT_NE(a->field_keys.at("k1"), b->field_keys.at("k1"));
  EXPECT_NE(a->pseudonym_key, b->pseudonym_key);
  EXPECT_NE(a->audit_key, b->audit_key);
  EXPECT_NE(a->pseudonym_key, a->audit_key);
}

TEST(KeysTest, RotationAddsTheNextKeyAndKeepsTheOld) {
  Result<KeyRing> ring = ParseKeyRing(NewKeyRingText(), "new");
  ASSERT_TRUE(ring.ok());
  KeyRing rotated = WithNewActiveFieldKey(*ring);
  EXPECT_EQ(rotated.active_field_key, "k2");
  ASSERT_EQ(rotated.field_keys.size(), 2u);
  EXPECT_EQ(rotated.field_keys.at("k1"), ring->field_keys.at("k1"));
  EXPECT_NE(rotated.field_keys.at("k2"), ring->field_keys.at("k1"));
  EXPECT_EQ(rotated.pseudonym_key, ring->pseudonym_key);
  EXPECT_EQ(rotated.audit_key, ring->audit_key);
  Result<KeyRing> parsed = ParseKeyRing(KeyRingText(rotated), "rotated");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->field_keys, rotated.field_keys);

  KeyRing gaps;
  gaps.active_field_key = "k7";
  gaps.field_keys["k7"] = ring->field_keys.at("k1");
  gaps.field_keys["2024-spring"] = ring->pseudonym_key;
  EXPECT_EQ(WithNewActiveFieldKey(gaps).active_field_key, "k8");
}

TEST(KeysTest, RefusesBadFiles) {
  ExpectRefused("this is not toml", "not valid TOML");
  // A syntax error on a line that holds a key must not quote the line.
  ExpectRefused(File(std::string("active = \"k1\"\nk1 = \"") + kKeyA + "\" trailing"),
                "not valid TOML (line 3)");
  ExpectRefused(GoodFile() + "[extra]\nkey = \"x\"\n", "unknown section [extra]");
  ExpectRefused("loose = 1\n" + GoodFile(), "unknown key `loose`");
  ExpectRefused(GoodFile() + "[pseudonym]\n", "not valid TOML");  // a duplicate section
  ExpectRefused("[field_encryption]\nactive = \"k1\"\nk1 = \"" + std::string(kKeyA) +
                    "\"\n[audit]\nkey = \"" + kKeyD + "\"\n",
                "missing section [pseudonym]");
}

TEST(KeysTest, RefusesBadKeys) {
  ExpectRefused(File(std::string("active = \"k1\"\nk1 = \"not base64!\"")),
                "key `field_encryption.k1`: is not base64");
  ExpectRefused(File("active = \"k1\"\nk1 = \"AQIDBAUGBwgJCgsMDQ4PEA==\""),
                "key `field_encryption.k1`: must be the base64 of exactly 32 bytes, not 16");
  ExpectRefused(File("active = \"k1\"\nk1 = "
                     "\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8w\""),
                "key `field_encryption.k1`: must be the base64 of exactly 32 bytes, not 48");
  ExpectRefused(File("active = \"k1\"\nk1 = \"" + std::string(100, 'A') + "\""),
                "key `field_encryption.k1`: must be the base64 of exactly 32 bytes");
  ExpectRefused(File("active = \"k1\"\nk1 = 42"), "key `field_encryption.k1`: must be a string");
  ExpectRefused(File(std::string("active = \"K1\"\nK1 = \"") + kKeyA + "\""),
                "key `field_encryption.K1`: a key id is");
  ExpectRefused(File(std::string("active = \"k9\"\nk1 = \"") + kKeyA + "\""),
                "key `field_encryption.active`: \"k9\" names no key");
  ExpectRefused(File(std::string("k1 = \"") + kKeyA + "\""),
                "missing key `field_encryption.active`");
  ExpectRefused(File("active = \"k1\""), "[field_encryption] holds no key");
  ExpectRefused(File(std::string("active = \"k1\"\nk1 = \"") + kKeyA + "\"", kKeyA),
                "key `pseudonym.key`: is the same key as `field_encryption.k1`");
  ExpectRefused(File(std::string("active = \"k1\"\nk1 = \"") + kKeyA + "\"", kKeyC, kKeyC),
                "key `audit.key`: is the same key as `pseudonym.key`");
  std::string extra = GoodFile();
  extra.replace(extra.find("[audit]\n"), 8, "[audit]\nsalt = \"x\"\n");
  ExpectRefused(extra, "unknown key `audit.salt`");
  std::string none = GoodFile();
  none.replace(none.find("key = \"" + std::string(kKeyD) + "\"\n"),
               7 + std::string(kKeyD).size() + 2, "");
  ExpectRefused(none, "missing key `audit.key`");
}

class KeyFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& text, mode_t mode) {
    const std::string path = (dir_.path() / "keys.toml").string();
    std::ofstream(path) << text;
    EXPECT_EQ(::chmod(path.c_str(), mode), 0);
    return path;
  }
  sv::testing::TempDir dir_;
};

TEST_F(KeyFileTest, LoadsAPrivateFile) {
  Result<KeyRing> ring = LoadKeyRing(Write(GoodFile(), 0600));
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  EXPECT_EQ(ring->active_field_key, "k2");
  EXPECT_TRUE(LoadKeyRing(Write(GoodFile(), 0400)).ok());
}

TEST_F(KeyFileTest, RefusesAFileOthersCanRead) {
  for (mode_t mode : {0640, 0604, 0620, 0644, 0660}) {
    const std::string path = Write(GoodFile(), mode);
    Result<KeyRing> ring = LoadKeyRing(path);
    ASSERT_FALSE(ring.ok()) << std::oct << mode;
    EXPECT_NE(ring.status().message().find(path), std::string::npos);
    EXPECT_NE(ring.status().message().find("chmod 600 " + path), std::string::npos)
        << ring.status().message();
  }
}

TEST_F(KeyFileTest, ErrorsNameThePath) {
  const std::string missing = (dir_.path() / "none.toml").string();
  Result<KeyRing> ring = LoadKeyRing(missing);
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.status().code(), StatusCode::kNotFound);
  EXPECT_NE(ring.status().message().find(missing), std::string::npos);

  ring = LoadKeyRing(dir_.path().string());
  ASSERT_FALSE(ring.ok());
  EXPECT_NE(ring.status().message().find(dir_.path().string()), std::string::npos);

  const std::string path = Write("[pseudonym]\nkey = 1\n", 0600);
  ring = LoadKeyRing(path);
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.status().message().rfind(path + ": ", 0), 0u) << ring.status().message();
}

}  // namespace
}  // namespace sv::security
