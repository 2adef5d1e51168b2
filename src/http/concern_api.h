#pragma once
// Routes of concern reports about children: docs/api.md, "Concern reports".

#include "http/api.h"

namespace sv::http {

void AddConcernRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
