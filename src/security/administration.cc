#include "security/administration.h"

#include "security/audit.h"
#include "security/authenticator.h"
#include "security/password_policy.h"

namespace sv::security {

Administration::Administration(Directory& directory, Authenticator& authenticator,
                               const Policy& policy, AuditLog& audit, PasswordCost password_cost)
    : directory_(directory),
      authenticator_(authenticator),
      policy_(policy),
      audit_(audit),
      password_cost_(password_cost) {}

Status Administration::Audit(const Principal& who, const std::string& action,
                             const std::string& record_type, const std::string& record_id,
                             const std::string& detail, const RequestContext& ctx) {
  AuditEvent e;
  e.user_id = who.user.id;
  e.username = who.user.username;
  e.unit_id = who.unit.id;
  e.action = action;
  e.record_type = record_type;
  e.record_id = record_id;
  e.outcome = action == "denied" ? "denied" : "ok";
  e.detail = detail;
  e.request_id = ctx.request_id;
  e.client = ctx.client;
  Result<AuditEvent> logged = audit_.Append(std::move(e));
  return logged.ok() ? Status::Ok() : logged.status();
}

Status Administration::Check(const Principal& who, Permission what, const std::string& action,
                             const std::string& record_type, const RequestContext& ctx) {
  const Decision d = policy_.Decide(who, what);
  if (d.allowed) return {};
  (void)Audit(who, "denied", record_type, "", action + ": " + d.reason, ctx);
  return Status::Forbidden(d.reason);
}

Result<std::vector<Unit>> Administration::ListUnits(const Principal& who) {
  const Decision d = policy_.Decide(who, Permission::kListUnits);
  if (!d.allowed) return Status::Forbidden(d.reason);
  return directory_.ListUnits();
}

Result<Unit> Administration::CreateUnit(const Principal& who, const Unit& unit,
                                        const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(Check(who, Permission::kAdministerUnits, "create", "unit", ctx));
  Result<Unit> made = directory_.CreateUnit(unit);
  if (!made.ok()) return made.status();
  SV_RETURN_IF_ERROR(Audit(who, "create", "unit", std::to_string(made->id), "", ctx));
  return made;
}

Result<std::vector<User>> Administration::ListUsers(const Principal& who,
                                                   const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(Check(who, Permission::kAdministerUsers, "list", "user", ctx));
  return directory_.ListUsers();
}

Result<User> Administration::CreateUser(const Principal& who, const User& user,
                                        const std::string& password, const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(Check(who, Permission::kAdministerUsers, "create", "user", ctx));
  SV_RETURN_IF_ERROR(CheckNewPassword(password, user.username));
  Result<std::string> hash = HashPassword(password, password_cost_);
  if (!hash.ok()) return hash.status();
  Result<User> made = directory_.CreateUser(user, *hash);
  if (!made.ok()) return made.status();
  SV_RETURN_IF_ERROR(Audit(who, "create", "user", std::to_string(made->id),
                           "role " + std::string(RoleName(made->role)), ctx));
  return made;
}

Status Administration::ResetPassword(const Principal& who, int64_t user_id,
                                     const std::string& password, const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(Check(who, Permission::kAdministerUsers, "reset_password", "user", ctx));
  Result<User> user = directory_.FindUser(user_id);
  if (!user.ok()) return user.status();
  SV_RETURN_IF_ERROR(authenticator_.SetPassword(user_id, user->username, password));
  return Audit(who, "update", "user", std::to_string(user_id), "password reset", ctx);
}

Status Administration::SetDisabled(const Principal& who, int64_t user_id, bool disabled,
                                   const RequestContext& ctx) {
  SV_RETURN_IF_ERROR(Check(who, Permission::kAdministerUsers, "disable", "user", ctx));
  Result<User> user = directory_.FindUser(user_id);
  if (!user.ok()) return user.status();
  if (user_id == who.user.id && disabled) {
    return Status::Conflict("you cannot disable your own account");
  }
  SV_RETURN_IF_ERROR(directory_.SetDisabled(user_id, disabled));
  return Audit(who, "update", "user", std::to_string(user_id),
               disabled ? "disabled" : "enabled", ctx);
}

}  // namespace sv::security
