#include "security/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <chrono>

#include "security/detail/sodium.h"

namespace sv::security {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::size_t kMinSecretBytes = 16;  // RFC 4226 R6: at least 128 bits
constexpr int kVerifyStep = 30;
constexpr std::size_t kVerifyDigits = 6;

int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

// The decoded secret, wiped when it goes out of scope.
class Secret {
 public:
  Secret() = default;
  ~Secret() { detail::Wipe(bytes_); }
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

Status DecodeSecret(std::string_view secret_base32, Secret& secret) {
  Result<std::string> bytes = Base32Decode(secret_base32);
  if (!bytes.ok()) {
    return Status::InvalidInput("TOTP secret: " + bytes.status().message(), "secret");
  }
  secret.bytes() = std::move(bytes).value();
  if (secret.bytes().size() < kMinSecretBytes) {
    return Status::InvalidInput("TOTP secret: shorter than 16 bytes", "secret");
  }
  return Status::Ok();
}

Status CheckDigits(int digits) {
  if (digits < 6 || digits > 8) {
    return Status::InvalidInput("TOTP codes have 6 to 8 digits, not " + std::to_string(digits),
                                "digits");
  }
  return Status::Ok();
}

// RFC 4226 section 5.3. False only when libcrypto fails.
bool Hotp(const std::string& key, uint64_t counter, int digits, std::string& code) {
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
           mac.data(), &mac_size) == nullptr ||
      mac_size != 20) {
    return false;
  }
  const unsigned offset = mac[19] & 0x0f;
  const uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) |
                          (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                          (static_cast<uint32_t>(mac[offset + 2]) << 8) |
                          static_cast<uint32_t>(mac[offset + 3]);
  uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  uint32_t value = binary % modulus;
  code.assign(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    code[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  sodium_memzero(mac.data(), mac.size());
  return true;
}

Result<uint64_t> TimeStep(TimePoint t, int step_seconds) {
  if (step_seconds < 1) {
    return Status::InvalidInput("the TOTP step must be at least 1 second", "step_seconds");
  }
  const int64_t seconds = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
  if (seconds < 0) return Status::InvalidInput("TOTP needs a time after 1970", "time");
  return static_cast<uint64_t>(seconds) / static_cast<uint64_t>(step_seconds);
}

void AppendPercentEncoded(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
}

}  // namespace

std::string NewTotpSecret() {
  detail::SodiumReady();  // randombytes_buf aborts when there is no entropy source
  std::string bytes(20, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  std::string text = Base32Encode(bytes);
  detail::Wipe(bytes);
  return text;
}

Result<std::string> HotpCode(std::string_view secret_base32, uint64_t counter, int digits) {
  SV_RETURN_IF_ERROR(CheckDigits(digits));
  Secret secret;
  SV_RETURN_IF_ERROR(DecodeSecret(secret_base32, secret));
  std::string code;
  if (!Hotp(secret.bytes(), counter, digits, code)) {
    return Status::Internal("HMAC-SHA-1 from libcrypto failed");
  }
  return code;
}

Result<std::string> TotpCode(std::string_view secret_base32, TimePoint t, int step_seconds,
                             int digits) {
  Result<uint64_t> step = TimeStep(t, step_seconds);
  if (!step.ok()) return step.status();
  return HotpCode(secret_base32, *step, digits);
}

Result<int64_t> VerifyTotp(std::string_view secret_base32, std::string_view code, TimePoint now) {
  std::string given;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || given.size() == kVerifyDigits) {
      return Status::InvalidInput("a code is 6 digits", "code");
    }
    given += c;
  }
  if (given.size() != kVerifyDigits) return Status::InvalidInput("a code is 6 digits", "code");
  Result<uint64_t> current = TimeStep(now, kVerifyStep);
  if (!current.ok()) return current.status();
  Secret secret;
  SV_RETURN_IF_ERROR(DecodeSecret(secret_base32, secret));

  // All three steps are computed and compared, matched or not, so timing does not tell which.
  int64_t matched = -1;
  for (uint64_t step = *current == 0 ? 0 : *current - 1; step <= *current + 1; ++step) {
    std::string expected;
    if (!Hotp(secret.bytes(), step, static_cast<int>(kVerifyDigits), expected)) {
      return Status::Internal("HMAC-SHA-1 from libcrypto failed");
    }
    if (sodium_memcmp(expected.data(), given.data(), kVerifyDigits) == 0) {
      matched = static_cast<int64_t>(step);
    }
  }
  if (matched < 0) return Status::Unauthenticated("the code does not match");
  return matched;
}

std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  std::string uri = "otpauth://totp/";
  AppendPercentEncoded(uri, issuer);
  uri += ':';
  AppendPercentEncoded(uri, account);
  uri += "?secret=";
  AppendPercentEncoded(uri, secret);
  uri += "&issuer=";
  AppendPercentEncoded(uri, issuer);
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kBase32Alphabet[(buffer >> bits) & 0x1f];
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1f];
  return out;
}

Result<std::string> Base32Decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  std::size_t padding = 0;
  std::size_t position = 0;
  for (char c : text) {
    ++position;
    if (c == ' ') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int value = Base32Value(c);
    if (value < 0 || padding > 0) {
      detail::Wipe(out);
      return Status::InvalidInput(
          "not base32: character " + std::to_string(position) +
          (value < 0 ? " is not one of A-Z and 2-7" : " follows the `=` padding"));
    }
    buffer = (buffer << 5) | static_cast<uint32_t>(value);
    bits += 5;
    ++symbols;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  const std::size_t rest = symbols % 8;
  const bool length_ok = rest == 0 || rest == 2 || rest == 4 || rest == 5 || rest == 7;
  const bool padding_ok = padding == 0 || (rest != 0 && (symbols + padding) % 8 == 0);
  Status status;
  if (!length_ok || !padding_ok) {
    status = Status::InvalidInput("not base32: a length no encoding has");
  } else if ((buffer & ((1u << bits) - 1)) != 0) {
    status = Status::InvalidInput("not base32: the unused bits at the end are not zero");
  }
  if (!status.ok()) {
    detail::Wipe(out);
    return status;
  }
  return out;
}

}  // namespace sv::security
