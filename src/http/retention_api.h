#pragma once
// Routes of retention and legal holds: docs/api.md, "Retention".

#include "http/api.h"

namespace sv::http {

void AddRetentionRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
