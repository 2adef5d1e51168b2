#pragma once
// The API of docs/api.md: every route, registered in one place. Handlers translate HTTP to calls
// of domain services and back; the services decide access and write the audit trail.

#include <string>
#include <vector>

#include "http/router.h"

namespace sv::store {
class Database;
}
namespace sv::security {
class Administration;
class Authenticator;
}  // namespace sv::security
namespace sv::persons {
class PersonRegister;
}

namespace sv::http {

class Gate;

struct ApiServices {
  store::Database& database;
  Gate& gate;
  security::Authenticator& authenticator;
  security::Administration& administration;
  persons::PersonRegister& persons;
};

void AddApiRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
