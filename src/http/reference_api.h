#pragma once
// Public reference data: GET /api/v1/municipalities (SCB codes and names, from the database).

#include "http/router.h"

namespace sv::store {
class Database;
}

namespace sv::http {

void AddReferenceRoutes(Router& router, store::Database& database);

}  // namespace sv::http
