#pragma once
// The ads routes of docs/api.md ("Ads"): the triage queue, ads, groups, triage decisions and
// notes, counts for charts, and the import of observations.

#include "http/api.h"
#include "http/router.h"

namespace sv::http {

void AddAdsRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
