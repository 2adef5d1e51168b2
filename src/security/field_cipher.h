#pragma once
// Encryption of sensitive fields (names, notes) with XChaCha20-Poly1305 (libsodium), each value
// carrying the id of its key, so keys can be rotated value by value. Thread-safe (immutable).
//
// Stored form (ASCII, fits a TEXT column): "v1.<key id>.<base64url(nonce || ciphertext+tag)>".
// The associated data binds a value to where it belongs ("persons.notes"), so a ciphertext copied
// into another column does not decrypt.

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"
#include "security/keys.h"

namespace sv::security {

class FieldCipher {
 public:
  explicit FieldCipher(const KeyRing& keys);  // copies what it needs
  ~FieldCipher();                             // overwrites its copies of the keys

  // Encrypts under the active key with a fresh random nonce.
  std::string Encrypt(std::string_view plaintext, std::string_view associated_data) const;
  // kInvalidInput for a malformed value, kNotFound for an unknown key id, kForbidden when the
  // authentication tag does not match (tampered value or wrong associated data).
  Result<std::string> Decrypt(std::string_view stored, std::string_view associated_data) const;
  // The key id a stored value was encrypted under ("" when malformed).
  static std::string KeyIdOf(std::string_view stored);
  const std::string& active_key_id() const { return active_; }

 private:
  std::string active_;
  std::map<std::string, Key32> keys_;
};

}  // namespace sv::security
