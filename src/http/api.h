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
namespace sv::ops {
class OperationBook;
}
namespace sv::police {
class EncounterRegister;
}
namespace sv::support {
class SupportRegister;
}
namespace sv::reports {
class OutcomeNumbers;
}
namespace sv::disclosure {
class ConcernReports;
class Disclosures;
class LegalHolds;
class Retention;
}  // namespace sv::disclosure
namespace sv::adwatch {
class AdWatch;
}
namespace sv::routines {
class ChecklistBook;
class RoutineLibrary;
}  // namespace sv::routines

namespace sv::http {

class Gate;

struct ApiServices {
  store::Database& database;
  Gate& gate;
  security::Authenticator& authenticator;
  security::Administration& administration;
  persons::PersonRegister& persons;
  ops::OperationBook& operations;
  police::EncounterRegister& encounters;
  support::SupportRegister& support;
  reports::OutcomeNumbers& numbers;
  routines::RoutineLibrary& routines;
  routines::ChecklistBook& checklists;
  disclosure::ConcernReports& concerns;
  disclosure::Disclosures& disclosures;
  disclosure::Retention& retention;
  disclosure::LegalHolds& legal_holds;
  adwatch::AdWatch& ads;
};

void AddApiRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
