#pragma once
// The secret keys of a deployment, read from a key file or the environment, never from the
// database or the repository. A stolen database (or backup) without the key file reveals no
// encrypted field, cannot be searched by identity number, and cannot be given a forged audit chain.
//
// Key file format (TOML), written by `samverkan keys init` with mode 0600:
//
//   [field_encryption]
//   active = "k2"                       # new values are encrypted under this key
//   k1 = "base64 of 32 bytes"           # older keys stay until `samverkan keys rotate` is done
//   k2 = "base64 of 32 bytes"
//   [pseudonym]
//   key = "base64 of 32 bytes"          # HMAC key of person pseudonyms; never rotated
//   [audit]
//   key = "base64 of 32 bytes"          # BLAKE2b key of the audit chain
//
// Every key is checked (base64, exactly 32 bytes, key ids [a-z0-9_-]{1,32}, no key used twice);
// unknown sections or keys are refused, naming the origin. Messages never quote key material.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sv::security {

using Key32 = std::array<uint8_t, 32>;

struct KeyRing {
  std::string active_field_key;          // id of the key new values are encrypted under
  std::map<std::string, Key32> field_keys;  // by id; includes the active one
  Key32 pseudonym_key{};
  Key32 audit_key{};
};

// Parses key-file text; `origin` (a path, or an environment variable's name) names it in errors.
Result<KeyRing> ParseKeyRing(std::string_view toml_text, std::string_view origin);
// Reads and parses a key file. Refuses a file readable by group or others.
Result<KeyRing> LoadKeyRing(const std::string& path);
// A new key file's text with fresh random keys (field key id "k1").
std::string NewKeyRingText();
// `ring` with a new random field key made active (id "k<N+1>"); for `samverkan keys rotate`.
KeyRing WithNewActiveFieldKey(const KeyRing& ring);
// The key file text of `ring` (inverse of ParseKeyRing).
std::string KeyRingText(const KeyRing& ring);

}  // namespace sv::security
