#pragma once
// Demo data for trying the product: two municipalities' social services, one police unit, the
// regional coordination, and one user per role, all with the same printed demo password.

#include <iosfwd>

#include "core/clock.h"
#include "core/status.h"

namespace sv::security {
class Directory;
}

namespace sv::app {

inline constexpr const char* kDemoPassword = "samverkan-demo-2026";

// Creates what is missing (idempotent) and prints the users and the password to `out`.
Status SeedDemoData(security::Directory& directory, std::ostream& out);

}  // namespace sv::app

namespace sv::ops {
class OperationBook;
}
namespace sv::police {
class EncounterRegister;
}
namespace sv::support {
class SupportRegister;
}
namespace sv::routines {
class ChecklistBook;
class RoutineLibrary;
}  // namespace sv::routines

namespace sv::app {

struct DemoOperationServices {
  security::Directory& directory;
  ops::OperationBook& operations;
  police::EncounterRegister& encounters;
  support::SupportRegister& support;
  routines::RoutineLibrary& routines;
  routines::ChecklistBook& checklists;
  TimePoint now;
};

// The region's routine library (the shipped template, kept by the coordinator) and three
// operations in Umeå around `now` following it, made through the domain services as the demo
// users: one closed three weeks ago with encounters, contacts, offers, referrals, follow-ups,
// consents and a signed checklist with one deviation (so the numbers, the overdue lists and the
// routine's statistics have something to show), one active tonight and one planned for next
// week. Does nothing when any operation exists.
Status SeedDemoOperations(const DemoOperationServices& services, std::ostream& out);

}  // namespace sv::app
