#pragma once
// What administrators do with units and users, checked by the Policy and written to the audit
// trail. Administrators manage accounts; they see no case content. Thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "security/identity.h"
#include "security/password.h"
#include "security/policy.h"
#include "security/principal.h"

namespace sv::security {

class AuditLog;
class Authenticator;

class Administration {
 public:
  Administration(Directory& directory, Authenticator& authenticator, const Policy& policy,
                 AuditLog& audit, PasswordCost password_cost);

  Result<std::vector<Unit>> ListUnits(const Principal& who);
  Result<Unit> CreateUnit(const Principal& who, const Unit& unit, const RequestContext& ctx);
  Result<std::vector<User>> ListUsers(const Principal& who, const RequestContext& ctx);
  // The password is checked by the password policy before anything is stored.
  Result<User> CreateUser(const Principal& who, const User& user, const std::string& password,
                          const RequestContext& ctx);
  Status ResetPassword(const Principal& who, int64_t user_id, const std::string& password,
                       const RequestContext& ctx);
  Status SetDisabled(const Principal& who, int64_t user_id, bool disabled,
                     const RequestContext& ctx);

 private:
  Status Check(const Principal& who, Permission what, const std::string& action,
               const std::string& record_type, const RequestContext& ctx);
  Status Audit(const Principal& who, const std::string& action, const std::string& record_type,
               const std::string& record_id, const std::string& detail,
               const RequestContext& ctx);

  Directory& directory_;
  Authenticator& authenticator_;
  const Policy& policy_;
  AuditLog& audit_;
  PasswordCost password_cost_;
};

}  // namespace sv::security
