#pragma once
// For the .cc files of `security` only: libsodium set-up and small helpers shared by them.

#include <sodium.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sv::security::detail {

// True once libsodium is initialised. Thread-safe and idempotent; false only when the system has
// no entropy source, and then nothing in this module may run.
inline bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// Overwrites the bytes of `secret` (key text, decoded keys, plaintext no longer needed).
inline void Wipe(std::string& secret) {
  if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
}

// libsodium base64 of `bytes` in `variant` (sodium_base64_VARIANT_*).
inline std::string ToBase64(const uint8_t* bytes, std::size_t size, int variant) {
  std::string out(sodium_base64_ENCODED_LEN(size, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, variant);
  out.resize(out.size() - 1);  // the encoded length counts the terminating NUL
  return out;
}

// Decodes all of `text` (libsodium base64 in `variant`) into `out`; false when `text` is not
// base64 of that variant. Nothing is ignored: whitespace is malformed. For data that is not
// secret (ciphertexts); keys are decoded into fixed buffers that are wiped.
inline bool FromBase64(std::string_view text, int variant, std::vector<uint8_t>& out) {
  out.assign(text.size() / 4 * 3 + 3, 0);
  std::size_t size = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &size, &end,
                        variant) != 0 ||
      end != text.data() + text.size()) {
    out.clear();
    return false;
  }
  out.resize(size);
  return true;
}

}  // namespace sv::security::detail
