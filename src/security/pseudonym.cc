#include "security/pseudonym.h"

#include "security/detail/sodium.h"

namespace sv::security {

static_assert(crypto_auth_hmacsha256_BYTES == 32);

Pseudonymizer::Pseudonymizer(const KeyRing& keys) : key_(keys.pseudonym_key) {
  detail::SodiumReady();
}

Pseudonymizer::~Pseudonymizer() { sodium_memzero(key_.data(), key_.size()); }

std::string Pseudonymizer::PersonKey(std::string_view compartment,
                                     const IdentityNumber& number) const {
  // HMAC(key, compartment || 0x00 || canonical number). The canonical number has a fixed length,
  // so the message splits one way only.
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
  const unsigned char separator = 0;
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(compartment.data()),
                                compartment.size());
  crypto_auth_hmacsha256_update(&state, &separator, 1);
  crypto_auth_hmacsha256_update(&state,
                                reinterpret_cast<const unsigned char*>(number.canonical.data()),
                                number.canonical.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(&state, sizeof(state));
  char hex[2 * sizeof(mac) + 1];
  sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
  return std::string(hex, 2 * sizeof(mac));
}

}  // namespace sv::security
