#pragma once
// Who is asking: the logged-in user, their unit and their session, as the policy and the audit
// trail need them. Made only by Authenticator::Resolve/Login.

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "security/identity.h"

namespace sv::security {

struct Principal {
  User user;
  Unit unit;
  int64_t session_id = 0;
  std::string csrf_token;
  TimePoint expires_at{};
  // Configuration requires a second factor for this role and the user has none yet: person-level
  // access stays closed until it is set up.
  bool second_factor_needed = false;
  bool totp_enabled = false;
};

// Where a request came from, for the audit trail.
struct RequestContext {
  std::string request_id;
  std::string client;
};

}  // namespace sv::security
