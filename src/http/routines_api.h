#pragma once
// Routes of written routines and operation checklists: docs/api.md, "Routines and checklists".

#include "http/api.h"

namespace sv::http {

void AddRoutineRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
