#include "security/pseudonym.h"

#include <gtest/gtest.h>

namespace sv::security {
namespace {

// 2026-11-29T00:00:00Z
const TimePoint kToday = FromUnixMicros(1795910400LL * 1000000);

KeyRing TestRing() {
  Result<KeyRing> ring = ParseKeyRing(NewKeyRingText(), "test");
  EXPECT_TRUE(ring.ok()) << ring.status().ToString();
  return *ring;
}

IdentityNumber Number(std::string_view text) {
  Result<IdentityNumber> number = ParseIdentityNumber(text, kToday);
  EXPECT_TRUE(number.ok()) << number.status().ToString();
  return number.ok() ? *number : IdentityNumber{};
}

TEST(PseudonymTest, IsStableHex) {
  const KeyRing ring = TestRing();
  Pseudonymizer a(ring);
  Pseudonymizer b(ring);
  const std::string key = a.PersonKey("police:3", Number("19811218-9876"));
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos) << key;
  EXPECT_EQ(key, a.PersonKey("police:3", Number("19811218-9876")));
  EXPECT_EQ(key, b.PersonKey("police:3", Number("19811218-9876")));
}

TEST(PseudonymTest, KnownValue) {
  // HMAC-SHA-256 with key 0x01..0x20 over "police:3" 0x00 "198112189876", computed with
  // Python's hmac module.
  KeyRing ring;
  for (std::size_t i = 0; i < ring.pseudonym_key.size(); ++i) {
    ring.pseudonym_key[i] = static_cast<uint8_t>(i + 1);
  }
  ring.active_field_key = "k1";
  ring.field_keys["k1"] = {};
  Pseudonymizer p(ring);
  EXPECT_EQ(p.PersonKey("police:3", Number("19811218-9876")),
            "94694edf432b1ff0bd31d7b3ae8bd6dd72979155a9312972dbcc5a6f2327581b");
}

TEST(PseudonymTest, DiffersPerCompartment) {
  Pseudonymizer p(TestRing());
  const IdentityNumber n = Number("19811218-9876");
  EXPECT_NE(p.PersonKey("police:3", n), p.PersonKey("social:7", n));
  EXPECT_NE(p.PersonKey("police:3", n), p.PersonKey("police:4", n));
  EXPECT_NE(p.PersonKey("", n), p.PersonKey("police:3", n));
}

TEST(PseudonymTest, DiffersPerKey) {
  const IdentityNumber n = Number("19811218-9876");
  EXPECT_NE(Pseudonymizer(TestRing()).PersonKey("police:3", n),
            Pseudonymizer(TestRing()).PersonKey("police:3", n));
}

TEST(PseudonymTest, DiffersPerNumber) {
  Pseudonymizer p(TestRing());
  EXPECT_NE(p.PersonKey("police:3", Number("19811218-9876")),
            p.PersonKey("police:3", Number("20100101-0006")));
  EXPECT_NE(p.PersonKey("police:3", Number("20100101-0006")),
            p.PersonKey("police:3", Number("19100101-0006")));
}

TEST(PseudonymTest, SameForEveryWrittenFormOfANumber) {
  Pseudonymizer p(TestRing());
  const std::string expected = p.PersonKey("social:7", Number("198112189876"));
  for (const char* form : {"19811218-9876", "811218-9876", "8112189876", "198112189876"}) {
    EXPECT_EQ(p.PersonKey("social:7", Number(form)), expected) << form;
  }
  // "+" marks 100 years or older: 1910, not 2010.
  EXPECT_EQ(p.PersonKey("social:7", Number("100101+0006")),
            p.PersonKey("social:7", Number("19100101-0006")));
  EXPECT_NE(p.PersonKey("social:7", Number("100101+0006")),
            p.PersonKey("social:7", Number("100101-0006")));
}

}  // namespace
}  // namespace sv::security
