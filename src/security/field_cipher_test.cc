#include "security/field_cipher.h"

#include <gtest/gtest.h>

namespace sv::security {
namespace {

KeyRing TestRing() {
  Result<KeyRing> ring = ParseKeyRing(NewKeyRingText(), "test");
  EXPECT_TRUE(ring.ok()) << ring.status().ToString();
  return *ring;
}

constexpr std::string_view kNotes = "persons.notes";

TEST(FieldCipherTest, RoundTrips) {
  FieldCipher cipher(TestRing());
  for (std::string_view text :
       {std::string_view("Träffade henne vid Järnvägsgatan, erbjöd stöd."), std::string_view(""),
        std::string_view("ÅÄÖ åäö — “citat” ☕ 🚓 日本語"), std::string_view("a\0b", 3),
        std::string_view("x")}) {
    const std::string stored = cipher.Encrypt(text, kNotes);
    Result<std::string> back = cipher.Decrypt(stored, kNotes);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, text);
  }
  const std::string long_text(100000, 'z');
  Result<std::string> back = cipher.Decrypt(cipher.Encrypt(long_text, kNotes), kNotes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, long_text);
}

TEST(FieldCipherTest, StoredFormIsVersionKeyAndBase64Url) {
  FieldCipher cipher(TestRing());
  const std::string stored = cipher.Encrypt("hemlig anteckning", kNotes);
  EXPECT_EQ(stored.rfind("v1.k1.", 0), 0u) << stored;
  EXPECT_EQ(FieldCipher::KeyIdOf(stored), "k1");
  const std::string payload = stored.substr(6);
  // 24-byte nonce + 17 bytes + 16-byte tag = 57 bytes: 76 characters without padding.
  EXPECT_EQ(payload.size(), 76u);
  for (char c : payload) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << c;
  }
  EXPECT_EQ(FieldCipher::KeyIdOf(cipher.Encrypt("", kNotes)), "k1");
}

TEST(FieldCipherTest, FreshNonceEveryTime) {
  FieldCipher cipher(TestRing());
  EXPECT_NE(cipher.Encrypt("samma text", kNotes), cipher.Encrypt("samma text", kNotes));
}

TEST(FieldCipherTest, CiphertextNeverContainsThePlaintext) {
  FieldCipher cipher(TestRing());
  const std::string secret = "Anna Andersson, 19811218-9876";
  const std::string stored = cipher.Encrypt(secret, kNotes);
  EXPECT_EQ(stored.find("Anna"), std::string::npos);
  EXPECT_EQ(stored.find("9876"), std::string::npos);
  EXPECT_EQ(stored.find(secret), std::string::npos);
}

TEST(FieldCipherTest, WrongAssociatedDataIsForbidden) {
  FieldCipher cipher(TestRing());
  const std::string stored = cipher.Encrypt("anteckning", "persons.notes");
  Result<std::string> moved = cipher.Decrypt(stored, "contacts.notes");
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(moved.status().message().find("anteckning"), std::string::npos);
}

TEST(FieldCipherTest, AnyTamperedCharacterIsForbidden) {
  FieldCipher cipher(TestRing());
  const std::string stored = cipher.Encrypt("anteckning", kNotes);
  // Every character of the payload: nonce, ciphertext and tag. 24 + 10 + 16 bytes is no
  // multiple of 3, so the last character has unused bits; flipping a high bit changes a byte.
  for (std::size_t i = 6; i < stored.size(); ++i) {
    std::string tampered = stored;
    tampered[i] = tampered[i] == 'A' ? 'g' : 'A';
    Result<std::string> result = cipher.Decrypt(tampered, kNotes);
    ASSERT_FALSE(result.ok()) << "position " << i;
    EXPECT_EQ(result.status().code(), StatusCode::kForbidden) << result.status().ToString();
  }
}

TEST(FieldCipherTest, UnknownKeyIsNotFound) {
  KeyRing ring = TestRing();
  FieldCipher cipher(ring);
  FieldCipher other(WithNewActiveFieldKey(ring));  // knows k1 and k2, encrypts under k2
  Result<std::string> result = cipher.Decrypt(other.Encrypt("x", kNotes), kNotes);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
  EXPECT_NE(result.status().message().find("k2"), std::string::npos);
}

TEST(FieldCipherTest, MalformedIsInvalidInput) {
  FieldCipher cipher(TestRing());
  const std::string good = cipher.Encrypt("x", kNotes);
  for (const std::string& bad :
       {std::string(""), std::string("plain text"), std::string("v2.k1.") + good.substr(6),
        std::string("v1.k1"), std::string("v1..") + good.substr(6),
        std::string("v1.K1.") + good.substr(6), std::string("v1.k1.") + "AAAA",
        std::string("v1.k1.") + good.substr(6) + "==",
        std::string("v1.k1.") + "!!!!" + good.substr(10), std::string("v1.k1. ") + good.substr(6),
        std::string("v1.") + std::string(40, 'k') + "." + good.substr(6)}) {
    Result<std::string> result = cipher.Decrypt(bad, kNotes);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidInput) << bad;
  }
  EXPECT_EQ(FieldCipher::KeyIdOf("plain text"), "");
  EXPECT_EQ(FieldCipher::KeyIdOf("v1.k1"), "");
  EXPECT_EQ(FieldCipher::KeyIdOf("v1.k7.AAAA"), "k7");
}

TEST(FieldCipherTest, OlderKeysStillDecryptAfterRotation) {
  KeyRing ring = TestRing();
  FieldCipher before(ring);
  const std::string old_value = before.Encrypt("från förra året", kNotes);

  FieldCipher after(WithNewActiveFieldKey(ring));
  EXPECT_EQ(after.active_key_id(), "k2");
  const std::string new_value = after.Encrypt("från i år", kNotes);
  EXPECT_EQ(FieldCipher::KeyIdOf(new_value), "k2");

  Result<std::string> old_back = after.Decrypt(old_value, kNotes);
  ASSERT_TRUE(old_back.ok()) << old_back.status().ToString();
  EXPECT_EQ(*old_back, "från förra året");
  Result<std::string> new_back = after.Decrypt(new_value, kNotes);
  ASSERT_TRUE(new_back.ok());
  EXPECT_EQ(*new_back, "från i år");
}

TEST(FieldCipherTest, AnotherDeploymentsKeyDoesNotDecrypt) {
  FieldCipher mine(TestRing());
  FieldCipher theirs(TestRing());  // also "k1", but another key
  Result<std::string> result = theirs.Decrypt(mine.Encrypt("x", kNotes), kNotes);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kForbidden);
}

}  // namespace
}  // namespace sv::security
