#pragma once
// Routes of the social-services compartment: contacts, support offers, referrals, follow-ups and
// consents (docs/api.md, "Social-services compartment: contacts and support"). Handlers only
// translate; support::SupportRegister decides access and writes the audit trail.

#include "http/api.h"

namespace sv::http {

void AddSupportRoutes(Router& router, ApiServices& services);

}  // namespace sv::http
