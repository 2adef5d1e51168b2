#pragma once
// Routes of disclosure between agencies: docs/api.md, "Disclosures".

#include "http/api.h"

namespace sv::http {

void AddDisclosureRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
