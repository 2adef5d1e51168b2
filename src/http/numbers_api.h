#pragma once
// Routes of the aggregated numbers: docs/api.md, "Numbers".

#include "http/api.h"

namespace sv::http {

void AddNumbersRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
