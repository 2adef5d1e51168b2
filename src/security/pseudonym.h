#pragma once
// Keyed pseudonyms for persons: HMAC-SHA-256 (libsodium) of the canonical identity number under
// the pseudonym key, separated per compartment, so the same person is found again within a
// compartment without the number being stored, and two compartments' keys for one person do not
// match (linking across agencies needs a disclosure, not a join). Thread-safe (immutable).

#include <string>
#include <string_view>

#include "security/identity_number.h"
#include "security/keys.h"

namespace sv::security {

class Pseudonymizer {
 public:
  explicit Pseudonymizer(const KeyRing& keys);
  ~Pseudonymizer();  // overwrites its copy of the key
  // 64 lower-case hex digits. `compartment` names the compartment ("police:3", "social:7").
  std::string PersonKey(std::string_view compartment, const IdentityNumber& number) const;

 private:
  Key32 key_;
};

}  // namespace sv::security
