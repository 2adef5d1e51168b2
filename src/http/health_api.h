#pragma once
// GET /healthz: the process answers. GET /readyz: the database answers too (503 when it does not).

#include "http/router.h"

namespace sv::store {
class Database;
}

namespace sv::http {

void AddHealthRoutes(Router& router, store::Database& database);

}  // namespace sv::http
