#pragma once
// Routes of the joint space (operations, their participants, targets, lifecycle and log), the
// police compartment's encounters and the code lists: docs/api.md, "Operations", "Police
// compartment", "Code lists".

#include "http/api.h"

namespace sv::http {

void AddOperationRoutes(Router& router, ApiServices& services);
void AddEncounterRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
