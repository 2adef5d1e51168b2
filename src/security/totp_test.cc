#include "security/totp.h"

#include <gtest/gtest.h>

namespace sv::security {
namespace {

// RFC 6238 Appendix B and RFC 4226 Appendix D: the ASCII secret "12345678901234567890".
constexpr std::string_view kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TimePoint At(int64_t unix_seconds) { return FromUnixMicros(unix_seconds * 1000000); }

TEST(TotpTest, RfcSecretInBase32) { EXPECT_EQ(Base32Encode("12345678901234567890"), kRfcSecret); }

TEST(TotpTest, Rfc6238Sha1Vectors) {
  struct Vector {
    int64_t time;
    const char* code;
  };
  for (const Vector& v :
       {Vector{59, "94287082"}, Vector{1111111109, "07081804"}, Vector{1111111111, "14050471"},
        Vector{1234567890, "89005924"}, Vector{2000000000, "69279037"}}) {
    Result<std::string> code = TotpCode(kRfcSecret, At(v.time), 30, 8);
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    EXPECT_EQ(*code, v.code) << "T = " << v.time;
  }
  // T = 20000000000 is in the year 2603, past what TimePoint (nanoseconds) holds: its step.
  Result<std::string> far = HotpCode(kRfcSecret, 20000000000 / 30, 8);
  ASSERT_TRUE(far.ok());
  EXPECT_EQ(*far, "65353130");
}

TEST(TotpTest, Rfc4226HotpVectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t counter = 0; counter < 10; ++counter) {
    Result<std::string> code = HotpCode(kRfcSecret, counter);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(*code, expected[counter]) << counter;
  }
}

TEST(TotpTest, SixDigitCodesByDefault) {
  Result<std::string> code = TotpCode(kRfcSecret, At(59));
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, "287082");
  code = TotpCode(kRfcSecret, At(1111111109));
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, "081804");  // leading zero kept
}

TEST(TotpTest, RefusesBadParameters) {
  EXPECT_EQ(TotpCode(kRfcSecret, At(59), 30, 5).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(TotpCode(kRfcSecret, At(59), 30, 9).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(TotpCode(kRfcSecret, At(59), 0).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(TotpCode(kRfcSecret, At(-1)).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(TotpCode("GEZDGNBVGY3TQOJQ", At(59)).status().field(), "secret");  // 10 bytes
  EXPECT_EQ(TotpCode("not base32!", At(59)).status().field(), "secret");
}

TEST(TotpTest, AcceptsOneStepOfDrift) {
  const TimePoint now = At(1234567890);  // step 41152263
  const int64_t step = 1234567890 / 30;
  for (int64_t offset : {-1, 0, 1}) {
    Result<std::string> code = TotpCode(kRfcSecret, At(1234567890 + offset * 30));
    ASSERT_TRUE(code.ok());
    Result<int64_t> matched = VerifyTotp(kRfcSecret, *code, now);
    ASSERT_TRUE(matched.ok()) << "offset " << offset << ": " << matched.status().ToString();
    EXPECT_EQ(*matched, step + offset);
  }
}

TEST(TotpTest, RefusesTwoStepsOfDrift) {
  const TimePoint now = At(1234567890);
  for (int64_t offset : {-2, 2, -10, 10}) {
    Result<std::string> code = TotpCode(kRfcSecret, At(1234567890 + offset * 30));
    ASSERT_TRUE(code.ok());
    Result<int64_t> matched = VerifyTotp(kRfcSecret, *code, now);
    ASSERT_FALSE(matched.ok()) << "offset " << offset;
    EXPECT_EQ(matched.status().code(), StatusCode::kUnauthenticated);
  }
}

TEST(TotpTest, VerifyChecksTheCodeShape) {
  const TimePoint now = At(59);
  Result<int64_t> spaced = VerifyTotp(kRfcSecret, "287 082", now);
  ASSERT_TRUE(spaced.ok()) << spaced.status().ToString();
  EXPECT_EQ(*spaced, 1);
  for (const char* bad : {"", "28708", "2870821", "28708a", "-87082", "287082 1", "２８７０８２"}) {
    Result<int64_t> result = VerifyTotp(kRfcSecret, bad, now);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidInput) << bad;
    EXPECT_EQ(result.status().field(), "code") << bad;
  }
  EXPECT_EQ(VerifyTotp("bad secret 1", "287082", now).status().field(), "secret");
  EXPECT_EQ(VerifyTotp(kRfcSecret, "000000", now).status().code(), StatusCode::kUnauthenticated);
}

TEST(TotpTest, NewSecretsAreRandom20Bytes) {
  const std::string a = NewTotpSecret();
  const std::string b = NewTotpSecret();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  Result<std::string> bytes = Base32Decode(a);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->size(), 20u);
  EXPECT_TRUE(TotpCode(a, At(1234567890)).ok());
}

TEST(TotpTest, Base32Rfc4648Vectors) {
  struct Vector {
    const char* bytes;
    const char* padded;
  };
  for (const Vector& v : {Vector{"", ""}, Vector{"f", "MY======"}, Vector{"fo", "MZXQ===="},
                          Vector{"foo", "MZXW6==="}, Vector{"foob", "MZXW6YQ="},
                          Vector{"fooba", "MZXW6YTB"}, Vector{"foobar", "MZXW6YTBOI======"}}) {
    std::string unpadded = v.padded;
    unpadded.erase(unpadded.find_last_not_of('=') + 1);
    EXPECT_EQ(Base32Encode(v.bytes), unpadded) << v.bytes;
    for (const std::string& text : {std::string(v.padded), unpadded}) {
      Result<std::string> decoded = Base32Decode(text);
      ASSERT_TRUE(decoded.ok()) << text << ": " << decoded.status().ToString();
      EXPECT_EQ(*decoded, v.bytes) << text;
    }
  }
}

TEST(TotpTest, Base32DecodeIsLenientAboutCaseAndSpaces) {
  Result<std::string> decoded = Base32Decode("mzxw 6ytb oi");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, "foobar");
  const std::string bytes("\x00\xff\x10\x80\x7f\x01\xfe", 7);
  decoded = Base32Decode(Base32Encode(bytes));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, bytes);
}

TEST(TotpTest, Base32DecodeRefusesMalformed) {
  for (const char* bad : {"MZXW1", "MZXW0YTB", "MZXW8", "M", "MZX", "MZXW6Y", "MZ=XW6",
                          "MZXW6=== A", "MZXW6=", "========", "MZ======A", "MZ-XW",
                          "MZXW6====", "MZ\n", "MZXW6YTBOJ", "MZXW6YR", "MZXW7"}) {
    Result<std::string> decoded = Base32Decode(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidInput) << bad;
  }
}

TEST(TotpTest, UriEscapesIssuerAndAccount) {
  EXPECT_EQ(TotpUri("Samverkan", "alice", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Samverkan:alice?secret=JBSWY3DPEHPK3PXP&issuer=Samverkan"
            "&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(TotpUri("Polisen Umeå", "anna.svensson@umea.se", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Polisen%20Ume%C3%A5:anna.svensson%40umea.se?secret=JBSWY3DPEHPK3PXP"
            "&issuer=Polisen%20Ume%C3%A5&algorithm=SHA1&digits=6&period=30");
  const std::string uri = TotpUri("S", "a:b/c?d&e=f#g%h+i", "X");
  EXPECT_NE(uri.find("/S:a%3Ab%2Fc%3Fd%26e%3Df%23g%25h%2Bi?secret=X&"), std::string::npos) << uri;
}

}  // namespace
}  // namespace sv::security
