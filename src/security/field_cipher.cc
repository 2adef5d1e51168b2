#include "security/field_cipher.h"

#include <algorithm>
#include <vector>

#include "security/detail/sodium.h"

namespace sv::security {
namespace {

constexpr std::string_view kVersion = "v1.";
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

static_assert(sizeof(Key32) == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

bool KeyIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Splits "v1.<id>.<payload>"; false when `stored` does not have that shape.
bool Split(std::string_view stored, std::string_view& id, std::string_view& payload) {
  if (stored.substr(0, kVersion.size()) != kVersion) return false;
  stored.remove_prefix(kVersion.size());
  const std::size_t dot = stored.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 32) return false;
  id = stored.substr(0, dot);
  if (!std::all_of(id.begin(), id.end(), KeyIdChar)) return false;
  payload = stored.substr(dot + 1);
  return true;
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

FieldCipher::FieldCipher(const KeyRing& keys)
    : active_(keys.active_field_key), keys_(keys.field_keys) {
  detail::SodiumReady();  // randombytes_buf aborts when there is no entropy source
  // ParseKeyRing and WithNewActiveFieldKey only make rings whose active key is present.
  SV_ASSERT(keys_.contains(active_));
}

FieldCipher::~FieldCipher() {
  for (auto& [id, key] : keys_) sodium_memzero(key.data(), key.size());
}

std::string FieldCipher::Encrypt(std::string_view plaintext,
                                 std::string_view associated_data) const {
  const Key32& key = keys_.at(active_);
  std::vector<uint8_t> sealed(kNonceBytes + plaintext.size() + kTagBytes);
  randombytes_buf(sealed.data(), kNonceBytes);
  unsigned long long sealed_size = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      sealed.data() + kNonceBytes, &sealed_size, Bytes(plaintext), plaintext.size(),
      Bytes(associated_data), associated_data.size(), nullptr, sealed.data(), key.data());
  std::string out(kVersion);
  out += active_;
  out += '.';
  out += detail::ToBase64(sealed.data(), kNonceBytes + sealed_size, kVariant);
  return out;
}

Result<std::string> FieldCipher::Decrypt(std::string_view stored,
                                         std::string_view associated_data) const {
  std::string_view id, payload;
  if (!Split(stored, id, payload)) {
    return Status::InvalidInput("not an encrypted value (expected v1.<key id>.<data>)");
  }
  std::vector<uint8_t> sealed;
  if (!detail::FromBase64(payload, kVariant, sealed) || sealed.size() < kNonceBytes + kTagBytes) {
    return Status::InvalidInput("encrypted value under key `" + std::string(id) +
                                "` is malformed (bad base64url or too short)");
  }
  auto key = keys_.find(std::string(id));
  if (key == keys_.end()) {
    return Status::NotFound("encrypted value is under key `" + std::string(id) +
                            "`, which the key file does not hold");
  }
  std::string plaintext(sealed.size() - kNonceBytes - kTagBytes, '\0');
  unsigned long long plaintext_size = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plaintext.data()), &plaintext_size, nullptr,
          sealed.data() + kNonceBytes, sealed.size() - kNonceBytes, Bytes(associated_data),
          associated_data.size(), sealed.data(), key->second.data()) != 0) {
    return Status::Forbidden("encrypted value under key `" + std::string(id) +
                             "` does not authenticate: altered, or it belongs to another field");
  }
  plaintext.resize(plaintext_size);
  return plaintext;
}

std::string FieldCipher::KeyIdOf(std::string_view stored) {
  std::string_view id, payload;
  return Split(stored, id, payload) ? std::string(id) : std::string();
}

}  // namespace sv::security
