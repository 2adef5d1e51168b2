#pragma once
// Password hashes: argon2id through libsodium, in the self-describing PHC string form
// ("$argon2id$v=19$m=65536,t=2,p=1$…"), so parameters can be raised without a migration.

#include <string>
#include <string_view>

#include "core/status.h"

namespace sv::security {

// Costs of the hash. kInteractive for logins; kTesting only in tests, where speed matters more.
enum class PasswordCost { kInteractive, kTesting };

Result<std::string> HashPassword(std::string_view password, PasswordCost cost);

// True when `password` matches `hash`. Constant-time with respect to the password.
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace sv::security
