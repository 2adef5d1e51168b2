#pragma once
// Demo data for trying the product: two municipalities' social services, one police unit, the
// regional coordination, and one user per role, all with the same printed demo password.

#include <iosfwd>

#include "core/status.h"

namespace sv::security {
class Directory;
}

namespace sv::app {

inline constexpr const char* kDemoPassword = "samverkan-demo-2026";

// Creates what is missing (idempotent) and prints the users and the password to `out`.
Status SeedDemoData(security::Directory& directory, std::ostream& out);

}  // namespace sv::app
