#include "security/password.h"

#include <sodium.h>

namespace sv::security {
namespace {

bool SodiumReady() {
  // sodium_init is thread-safe and idempotent; it only fails when no entropy source exists.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  if (!SodiumReady()) return Status::Internal("libsodium could not be initialised");
  const unsigned long long ops =
      cost == PasswordCost::kInteractive ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN;
  const std::size_t mem = cost == PasswordCost::kInteractive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                                             : crypto_pwhash_MEMLIMIT_MIN;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("out of memory while hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (!SodiumReady()) return false;
  std::string h(hash);  // crypto_pwhash_str_verify needs a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

}  // namespace sv::security
