#pragma once
// Public reference data from the database: GET /api/v1/municipalities and GET /api/v1/counties
// (SCB codes and names).

#include "http/router.h"

namespace sv::store {
class Database;
}

namespace sv::http {

void AddReferenceRoutes(Router& router, store::Database& database);

}  // namespace sv::http
