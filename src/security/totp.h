#pragma once
// Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits), as
// authenticator apps expect. HMAC-SHA-1 comes from OpenSSL's libcrypto (libsodium has no SHA-1).

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace sv::security {

// A new random 20-byte secret, base32 (RFC 4648, no padding) as apps take it.
std::string NewTotpSecret();

// The code for `secret_base32` at time `t` (RFC 6238 with the given step and digits).
// kInvalidInput (naming the field) for a secret that is not base32 or shorter than 16 bytes
// (RFC 4226 R6), digits outside 6-8, a step under 1 s, or a time before 1970.
Result<std::string> TotpCode(std::string_view secret_base32, TimePoint t, int step_seconds = 30,
                             int digits = 6);

// The HOTP code (RFC 4226) for `secret_base32` and `counter`; TotpCode is HotpCode at the time
// step of `t`. For times TimePoint cannot hold (RFC 6238's test vector for the year 2603).
Result<std::string> HotpCode(std::string_view secret_base32, uint64_t counter, int digits = 6);

// Accepts a code of the current step or one step before or after (clock drift). Constant-time
// comparison. Returns the matched time step (to refuse replay of the same step; the latest one
// when a code happens to match two), kUnauthenticated when the code matches none, kInvalidInput
// when the code is not 6 digits (spaces are ignored: apps show "123 456") or the secret is bad.
Result<int64_t> VerifyTotp(std::string_view secret_base32, std::string_view code, TimePoint now);

// "otpauth://totp/Samverkan:alice?secret=…&issuer=Samverkan&algorithm=SHA1&digits=6&period=30"
std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret);

// RFC 4648 base32 without padding; Decode accepts lower case, ignores spaces and accepts
// trailing `=` padding. Decode refuses (kInvalidInput) other characters, impossible lengths and
// non-zero unused bits, without echoing the text (it is usually a secret).
std::string Base32Encode(std::string_view bytes);
Result<std::string> Base32Decode(std::string_view text);

}  // namespace sv::security
