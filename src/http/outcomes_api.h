#pragma once
// The outcome routes of docs/api.md ("Outcomes"): did active ads go down after operations began?

#include "http/api.h"
#include "http/router.h"

namespace sv::http {

void AddOutcomeRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
