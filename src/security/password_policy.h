#pragma once
// Which passwords may be chosen: at least 12 characters (code points, not bytes), at most 256
// bytes, valid UTF-8, not on the list of common passwords shipped as data
// (data/security/common-passwords.txt, compiled in), compared case-insensitively, and not the
// username itself.

#include <string_view>

#include "core/status.h"

namespace sv::security {

// kInvalidInput with field "password", a message a person can act on and a reason code
// (password_too_short, password_too_long, password_common, password_is_username,
// password_invalid), or ok.
Status CheckNewPassword(std::string_view password, std::string_view username);

}  // namespace sv::security
