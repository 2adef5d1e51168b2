#include "security/keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <sstream>
#include <system_error>
#include <vector>

#include <toml.hpp>

#include "security/detail/sodium.h"

namespace sv::security {
namespace {

constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;
constexpr std::size_t kMaxKeyIdLength = 32;

bool ValidKeyId(std::string_view id) {
  if (id.empty() || id.size() > kMaxKeyIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

Status KeyError(std::string_view origin, const std::string& dotted, const std::string& problem) {
  return Status::InvalidInput(std::string(origin) + ": key `" + dotted + "`: " + problem, dotted);
}

// Decodes one key value. Never puts the value, or any part of it, into a message.
Status DecodeKey(const toml::value& value, std::string_view origin, const std::string& dotted,
                 Key32& out) {
  if (!value.is_string()) return KeyError(origin, dotted, "must be a string (base64 of 32 bytes)");
  const std::string& text = value.as_string().str;
  // Base64 of 32 bytes is 44 characters; anything much longer cannot be one key.
  if (text.size() > 88) return KeyError(origin, dotted, "must be the base64 of exactly 32 bytes");
  std::array<uint8_t, 66> buffer{};
  std::size_t size = 0;
  const char* end = nullptr;
  const bool decoded =
      sodium_base642bin(buffer.data(), buffer.size(), text.data(), text.size(), nullptr, &size,
                        &end, sodium_base64_VARIANT_ORIGINAL) == 0 &&
      end == text.data() + text.size();
  Status status;
  if (!decoded) {
    status = KeyError(origin, dotted, "is not base64 (standard alphabet with `=` padding)");
  } else if (size != out.size()) {
    status = KeyError(origin, dotted,
                      "must be the base64 of exactly 32 bytes, not " + std::to_string(size));
  } else {
    std::copy_n(buffer.begin(), out.size(), out.begin());
  }
  sodium_memzero(buffer.data(), buffer.size());
  return status;
}

std::vector<std::string> SortedNames(const toml::value& table) {
  std::vector<std::string> names;
  for (const auto& entry : table.as_table()) names.push_back(entry.first);
  std::sort(names.begin(), names.end());
  return names;
}

// Reads a section holding exactly one entry, `key`.
Status ParseSingleKeySection(const toml::value& section, std::string_view origin,
                             const std::string& name, Key32& out) {
  bool found = false;
  for (const std::string& entry : SortedNames(section)) {
    const std::string dotted = name + "." + entry;
    if (entry != "key") {
      return Status::InvalidInput(std::string(origin) + ": unknown key `" + dotted + "`", dotted);
    }
    SV_RETURN_IF_ERROR(DecodeKey(section.as_table().at(entry), origin, dotted, out));
    found = true;
  }
  if (!found) {
    return Status::InvalidInput(std::string(origin) + ": missing key `" + name + ".key`",
                                name + ".key");
  }
  return Status::Ok();
}

Status ParseFieldSection(const toml::value& section, std::string_view origin, KeyRing& ring) {
  for (const std::string& entry : SortedNames(section)) {
    const std::string dotted = "field_encryption." + entry;
    const toml::value& value = section.as_table().at(entry);
    if (entry == "active") {
      if (!value.is_string()) return KeyError(origin, dotted, "must be a string (a key id)");
      ring.active_field_key = value.as_string().str;
      continue;
    }
    if (!ValidKeyId(entry)) {
      return KeyError(origin, dotted, "a key id is 1 to 32 of a-z, 0-9, `_` and `-`");
    }
    SV_RETURN_IF_ERROR(DecodeKey(value, origin, dotted, ring.field_keys[entry]));
  }
  if (ring.field_keys.empty()) {
    return Status::InvalidInput(
        std::string(origin) + ": [field_encryption] holds no key (e.g. k1 = \"…\")",
        "field_encryption");
  }
  if (ring.active_field_key.empty()) {
    return Status::InvalidInput(std::string(origin) + ": missing key `field_encryption.active`",
                                "field_encryption.active");
  }
  if (!ring.field_keys.contains(ring.active_field_key)) {
    std::string problem = "names no key of [field_encryption]";
    if (ValidKeyId(ring.active_field_key)) problem = "\"" + ring.active_field_key + "\" " + problem;
    return KeyError(origin, "field_encryption.active", problem);
  }
  return Status::Ok();
}

// One key, one purpose: a key copied into two places is a mistake that weakens both uses.
Status CheckKeysDistinct(const KeyRing& ring, std::string_view origin) {
  std::vector<std::pair<std::string, const Key32*>> all;
  for (const auto& [id, key] : ring.field_keys) all.emplace_back("field_encryption." + id, &key);
  all.emplace_back("pseudonym.key", &ring.pseudonym_key);
  all.emplace_back("audit.key", &ring.audit_key);
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      if (sodium_memcmp(all[i].second->data(), all[j].second->data(), sizeof(Key32)) == 0) {
        return KeyError(origin, all[j].first,
                        "is the same key as `" + all[i].first + "`; every key must be different");
      }
    }
  }
  return Status::Ok();
}

Key32 RandomKey() {
  Key32 key;
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string KeyText(const Key32& key) {
  return detail::ToBase64(key.data(), key.size(), sodium_base64_VARIANT_ORIGINAL);
}

void WipeRing(KeyRing& ring) {
  for (auto& [id, key] : ring.field_keys) sodium_memzero(key.data(), key.size());
  sodium_memzero(ring.pseudonym_key.data(), ring.pseudonym_key.size());
  sodium_memzero(ring.audit_key.data(), ring.audit_key.size());
}

}  // namespace

Result<KeyRing> ParseKeyRing(std::string_view toml_text, std::string_view origin) {
  if (!detail::SodiumReady()) return Status::Internal("libsodium could not be initialised");
  toml::value root;
  try {
    std::istringstream in{std::string(toml_text)};
    root = toml::parse(in, std::string(origin));
  } catch (const toml::exception& e) {
    // toml11's own message quotes the offending line, which may hold a key: give the line only.
    return Status::InvalidInput(std::string(origin) + ": not valid TOML (line " +
                                std::to_string(e.location().line()) + ")");
  } catch (const std::exception&) {
    return Status::InvalidInput(std::string(origin) + ": not valid TOML");
  }
  KeyRing ring;
  bool has_field = false, has_pseudonym = false, has_audit = false;
  Status status;
  for (const std::string& name : SortedNames(root)) {
    const toml::value& section = root.as_table().at(name);
    if (!section.is_table()) {
      status = Status::InvalidInput(std::string(origin) + ": unknown key `" + name +
                                        "` (expected the sections [field_encryption], "
                                        "[pseudonym] and [audit])",
                                    name);
    } else if (name == "field_encryption") {
      has_field = true;
      status = ParseFieldSection(section, origin, ring);
    } else if (name == "pseudonym") {
      has_pseudonym = true;
      status = ParseSingleKeySection(section, origin, name, ring.pseudonym_key);
    } else if (name == "audit") {
      has_audit = true;
      status = ParseSingleKeySection(section, origin, name, ring.audit_key);
    } else {
      status = Status::InvalidInput(std::string(origin) + ": unknown section [" + name + "]", name);
    }
    if (!status.ok()) break;
  }
  if (status.ok()) {
    for (const auto& [present, name] :
         {std::pair{has_field, "field_encryption"}, std::pair{has_pseudonym, "pseudonym"},
          std::pair{has_audit, "audit"}}) {
      if (!present) {
        status =
            Status::InvalidInput(std::string(origin) + ": missing section [" + name + "]", name);
        break;
      }
    }
  }
  if (status.ok()) status = CheckKeysDistinct(ring, origin);
  // The parsed tree holds the key text; overwrite it before it is freed.
  for (auto& [name, section] : root.as_table()) {
    if (!section.is_table()) continue;
    for (auto& [entry, value] : section.as_table()) {
      if (value.is_string()) detail::Wipe(value.as_string().str);
    }
  }
  if (!status.ok()) {
    WipeRing(ring);
    return status;
  }
  return ring;
}

Result<KeyRing> LoadKeyRing(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) {
      return Status::NotFound(path + ": no such key file (`samverkan keys init` writes one)");
    }
    return Status::InvalidInput(
        path + ": cannot open the key file: " + std::generic_category().message(error));
  }
  struct stat info {};
  std::string text;
  Status status;
  if (::fstat(fd, &info) != 0) {
    status = Status::InvalidInput(
        path + ": cannot read the key file: " + std::generic_category().message(errno));
  } else if (!S_ISREG(info.st_mode)) {
    status = Status::InvalidInput(path + ": the key file is not a regular file");
  } else if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof(mode), "%04o", static_cast<unsigned>(info.st_mode & 07777));
    status = Status::InvalidInput(path + ": the key file allows access by group or others (mode " +
                                  mode + "); run `chmod 600 " + path + "`");
  } else if (static_cast<std::size_t>(info.st_size) > kMaxKeyFileBytes) {
    status = Status::InvalidInput(path + ": too large for a key file (more than 64 KiB)");
  } else {
    text.resize(kMaxKeyFileBytes);
    std::size_t used = 0;
    while (used < text.size()) {
      const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        status = Status::InvalidInput(
            path + ": cannot read the key file: " + std::generic_category().message(errno));
        break;
      }
      if (n == 0) break;
      used += static_cast<std::size_t>(n);
    }
    if (status.ok() && used == text.size()) {
      status = Status::InvalidInput(path + ": too large for a key file (more than 64 KiB)");
    }
    // Shrinking never moves the buffer, so the wipe below covers all of it.
    text.resize(used);
  }
  ::close(fd);
  if (!status.ok()) {
    detail::Wipe(text);
    return status;
  }
  Result<KeyRing> ring = ParseKeyRing(text, path);
  text.resize(text.capacity());
  detail::Wipe(text);
  return ring;
}

std::string KeyRingText(const KeyRing& ring) {
  std::string out =
      "# samverkan keys. Keep this file at mode 0600, outside the repository, and never in the\n"
      "# same backup as the database. The format is described in src/security/keys.h.\n"
      "\n"
      "[field_encryption]\n"
      "active = \"" +
      ring.active_field_key + "\"\n";
  for (const auto& [id, key] : ring.field_keys) {
    std::string text = KeyText(key);
    out += id + " = \"" + text + "\"\n";
    detail::Wipe(text);
  }
  for (const auto& [name, key] :
       {std::pair{"pseudonym", &ring.pseudonym_key}, std::pair{"audit", &ring.audit_key}}) {
    std::string text = KeyText(*key);
    out += std::string("\n[") + name + "]\nkey = \"" + text + "\"\n";
    detail::Wipe(text);
  }
  return out;
}

std::string NewKeyRingText() {
  detail::SodiumReady();  // randombytes_buf aborts when there is no entropy source
  KeyRing ring;
  ring.active_field_key = "k1";
  ring.field_keys["k1"] = RandomKey();
  ring.pseudonym_key = RandomKey();
  ring.audit_key = RandomKey();
  std::string text = KeyRingText(ring);
  WipeRing(ring);
  return text;
}

KeyRing WithNewActiveFieldKey(const KeyRing& ring) {
  detail::SodiumReady();
  uint64_t highest = 0;
  for (const auto& [id, key] : ring.field_keys) {
    if (id.size() < 2 || id.size() > 10 || id[0] != 'k') continue;
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
    if (ec == std::errc() && end == id.data() + id.size()) highest = std::max(highest, n);
  }
  std::string id;
  for (uint64_t n = highest + 1;; ++n) {
    id = "k" + std::to_string(n);
    if (!ring.field_keys.contains(id)) break;
  }
  KeyRing out = ring;
  out.field_keys[id] = RandomKey();
  out.active_field_key = id;
  return out;
}

}  // namespace sv::security
