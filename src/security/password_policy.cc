#include "security/password_policy.h"

#include <optional>
#include <string>
#include <unordered_set>

#include "security/detail/sodium.h"
#include "sv_security_embedded.h"

namespace sv::security {
namespace {

constexpr std::size_t kMinCharacters = 12;
constexpr std::size_t kMaxBytes = 256;

// Decodes one UTF-8 sequence at `text[i]`, advancing `i`; nothing for an invalid, overlong or
// surrogate sequence or a code point above U+10FFFF.
std::optional<char32_t> NextCodePoint(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  char32_t cp = 0, min = 0;
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  if ((lead & 0xe0) == 0xc0) {
    length = 2;
    cp = lead & 0x1f;
    min = 0x80;
  } else if ((lead & 0xf0) == 0xe0) {
    length = 3;
    cp = lead & 0x0f;
    min = 0x800;
  } else if ((lead & 0xf8) == 0xf0) {
    length = 4;
    cp = lead & 0x07;
    min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() - i < length) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
  i += length;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// Lower case for A-Z and the Latin-1 letters (Å Ä Ö É Ü …), which covers the list's Swedish and
// English entries; other letters compare as they are. Nothing for invalid UTF-8. Not a full
// Unicode case fold: the module does not link ICU for this one comparison.
std::optional<std::string> Fold(std::string_view text, std::size_t* characters = nullptr) {
  std::string out;
  out.reserve(text.size());
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    std::optional<char32_t> cp = NextCodePoint(text, i);
    if (!cp) return std::nullopt;
    if ((*cp >= U'A' && *cp <= U'Z') || (*cp >= 0xc0 && *cp <= 0xde && *cp != 0xd7)) *cp += 0x20;
    AppendUtf8(out, *cp);
  }
  if (characters != nullptr) *characters = count;
  return out;
}

const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> list = [] {
    std::unordered_set<std::string> set;
    std::string_view text = embedded::common_passwords_txt();
    while (!text.empty()) {
      std::size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      if (std::optional<std::string> folded = Fold(line)) set.insert(std::move(*folded));
    }
    return set;
  }();
  return list;
}

// Each rule has its own reason code, so the web application can say it in the user's language.
Status Refuse(std::string message, std::string reason) {
  return Status::InvalidInput(std::move(message), "password").WithReason(std::move(reason));
}

Status CheckFolded(const std::string& folded, std::size_t characters, std::string_view username) {
  if (characters < kMinCharacters) {
    return Refuse("The password is too short: it needs at least 12 characters.",
                  "password_too_short");
  }
  if (std::optional<std::string> user = Fold(username); user && *user == folded) {
    return Refuse("The password must not be the username.", "password_is_username");
  }
  if (CommonPasswords().contains(folded)) {
    return Refuse("The password is on the list of common passwords; choose another.",
                  "password_common");
  }
  return Status::Ok();
}

}  // namespace

Status CheckNewPassword(std::string_view password, std::string_view username) {
  if (password.size() > kMaxBytes) {
    return Refuse("The password is too long: at most 256 bytes.", "password_too_long");
  }
  std::size_t characters = 0;
  std::optional<std::string> folded = Fold(password, &characters);
  if (!folded) return Refuse("The password is not valid UTF-8 text.", "password_invalid");
  Status status = CheckFolded(*folded, characters, username);
  detail::Wipe(*folded);
  return status;
}

}  // namespace sv::security
