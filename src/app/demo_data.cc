#include "app/demo_data.h"

#include <iomanip>
#include <map>
#include <ostream>
#include <vector>

#include "core/calendar.h"
#include "ops/operation_book.h"
#include "police/encounter_register.h"
#include "routines/checklist_book.h"
#include "routines/routine_library.h"
#include "security/identity.h"
#include "security/password.h"
#include "security/principal.h"
#include "support/support_register.h"

namespace sv::app {

using security::Role;
using security::Unit;
using security::UnitKind;

Status SeedDemoData(security::Directory& directory, std::ostream& out) {
  const std::vector<Unit> units = {
      {0, UnitKind::kPolice, "Polisen lokalpolisområde Umeå", "", "24"},
      {0, UnitKind::kSocialServices, "Socialtjänsten Umeå kommun", "2480", ""},
      {0, UnitKind::kSocialServices, "Socialtjänsten Skellefteå kommun", "2482", ""},
      {0, UnitKind::kRegion, "Regional samordning Västerbotten", "", "24"},
  };
  std::vector<Unit> created;
  for (const Unit& u : units) {
    Result<Unit> unit = directory.EnsureUnit(u);
    if (!unit.ok()) return unit.status();
    created.push_back(*unit);
  }
  struct DemoUser {
    const char* username;
    const char* display_name;
    Role role;
    std::size_t unit;  // index into `created`
  };
  const std::vector<DemoUser> users = {
      {"polis", "Demo Polis (polis)", Role::kPoliceOfficer, 0},
      {"insatschef", "Demo Insatschef (polis)", Role::kPoliceCommander, 0},
      {"analytiker", "Demo Analytiker (polis)", Role::kPoliceAnalyst, 0},
      {"socialsekreterare", "Demo Socialsekreterare (Umeå)", Role::kSocialWorker, 1},
      {"handlaggare", "Demo Handläggare (Umeå)", Role::kSocialCaseOfficer, 1},
      {"socialsekreterare.skelleftea", "Demo Socialsekreterare (Skellefteå)",
       Role::kSocialWorker, 2},
      {"koordinator", "Demo Regionkoordinator", Role::kCoordinator, 3},
      {"namnd", "Demo Nämndledamot (Umeå)", Role::kCommittee, 1},
      {"admin", "Demo Administratör", Role::kAdmin, 3},
  };
  Result<std::string> hash = security::HashPassword(kDemoPassword,
                                                    security::PasswordCost::kInteractive);
  if (!hash.ok()) return hash.status();
  out << "Demo users (password for all: " << kDemoPassword << "):\n";
  for (const DemoUser& d : users) {
    security::User user;
    user.unit_id = created[d.unit].id;
    user.username = d.username;
    user.display_name = d.display_name;
    user.role = d.role;
    Result<security::User> made = directory.EnsureUser(user, *hash);
    if (!made.ok()) return made.status();
    out << "  " << std::left << std::setw(30) << d.username << std::setw(21)
        << security::RoleName(d.role) << created[d.unit].name << "\n";
  }
  return Status::Ok();
}

}  // namespace sv::app

namespace sv::app {
namespace {

using security::Principal;

// The demo users as principals (the seeding acts as them, through the same services).
Result<std::map<std::string, Principal>> DemoPrincipals(security::Directory& directory) {
  Result<std::vector<security::User>> users = directory.ListUsers();
  if (!users.ok()) return users.status();
  Result<std::vector<security::Unit>> units = directory.ListUnits();
  if (!units.ok()) return units.status();
  std::map<std::string, Principal> out;
  for (const security::User& u : *users) {
    for (const security::Unit& unit : *units) {
      if (unit.id != u.unit_id) continue;
      Principal p;
      p.user = u;
      p.unit = unit;
      p.totp_enabled = true;  // seeding is not a login: a second factor is not asked for
      out[u.username] = p;
    }
  }
  return out;
}

// `day` days from today in Sweden, at `hour`:`minute` Swedish time.
TimePoint SwedishTime(TimePoint now, int day, int hour, int minute = 0) {
  return StartOfSwedishDay(AddDays(SwedishDate(now), day)) + std::chrono::hours(hour) +
         std::chrono::minutes(minute);
}

}  // namespace

Status SeedDemoOperations(const DemoOperationServices& s, std::ostream& out) {
  Result<std::map<std::string, Principal>> who = DemoPrincipals(s.directory);
  if (!who.ok()) return who.status();
  for (const char* name : {"insatschef", "polis", "socialsekreterare", "koordinator"}) {
    if (who->count(name) == 0) return Status::NotFound(std::string("demo user ") + name);
  }
  const Principal& chief = who->at("insatschef");
  const Principal& officer = who->at("polis");
  const Principal& worker = who->at("socialsekreterare");
  const security::RequestContext ctx{"seed-demo", "samverkan seed-demo"};
  Result<std::vector<ops::Operation>> existing = s.operations.List(chief, {});
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) {
    out << "Demo operations: already there\n";
    return Status::Ok();
  }

  Result<routines::RoutineVersion> routine = s.routines.Create(
      who->at("koordinator"), std::string(routines::RoutineLibrary::Template()), ctx);
  if (!routine.ok()) return routine.status();

  auto plan = [&](const std::string& type, const std::string& name, const std::string& place,
                  TimePoint start, TimePoint end) -> Result<int64_t> {
    Result<ops::Operation> op =
        s.operations.Plan(chief, {type, name, "2480", place, start, end}, ctx);
    if (!op.ok()) return op.status();
    for (const Principal* p : {&officer, &worker}) {
      Result<ops::Operation> added = s.operations.AddParticipant(chief, op->id, p->user.id, ctx);
      if (!added.ok()) return added.status();
    }
    Result<routines::Checklist> attached =
        s.checklists.Attach(chief, op->id, routine->routine_id, ctx);
    if (!attached.ok()) return attached.status();
    return op->id;
  };
  auto advance = [&](int64_t id, std::initializer_list<ops::OperationState> steps) -> Status {
    for (ops::OperationState to : steps) {
      Result<ops::Operation> moved = s.operations.Advance(chief, id, to, ctx);
      if (!moved.ok()) return moved.status();
    }
    return Status::Ok();
  };
  using ops::OperationState;

  // Three weeks ago: done and closed, with records in both compartments.
  const TimePoint start = SwedishTime(s.now, -21, 19);
  Result<int64_t> past = plan("hotel_apartment", "Hotell och lägenheter, centrum",
                              "Hotell och korttidslägenheter i centrala Umeå", start,
                              SwedishTime(s.now, -20, 2));
  if (!past.ok()) return past.status();
  SV_RETURN_IF_ERROR(advance(*past, {OperationState::kBriefed, OperationState::kActive}));
  for (int i = 0; i < 4; ++i) {
    police::NewEncounter e;
    e.role = i < 3 ? "buyer" : "seller";
    e.age_band = i < 3 ? "36_50" : "21_25";
    if (i < 3) e.offence = "brb_6_11";
    e.occurred_at = start + std::chrono::minutes(40 + 25 * i);
    Result<police::EncounterRegister::Recorded> r =
        s.encounters.Record(officer, *past, e, "", ctx);
    if (!r.ok()) return r.status();
  }
  const char* languages[] = {"ro", "sv", "th", "en", "ro", "es", "sv", "sv"};
  for (int i = 0; i < 8; ++i) {
    support::NewContact c;
    c.operation_id = *past;
    c.role = i < 6 ? "seller" : "buyer";
    c.age_band = i < 6 ? (i % 2 ? "21_25" : "26_35") : "36_50";
    c.language = languages[i];
    c.interpreter = c.language == "ro" || c.language == "th";
    c.occurred_at = start + std::chrono::minutes(35 + 20 * i);
    Result<support::Created<support::Contact>> contact = s.support.CreateContact(worker, c, "", ctx);
    if (!contact.ok()) return contact.status();
    const int64_t id = contact->record.id;
    const std::string kind = i < 6 ? (i % 3 ? "health_care" : "municipal_unit") : "buyer_support";
    const std::string answer = i % 4 == 3 ? "declined" : (i % 4 == 2 ? "later" : "accepted");
    Result<support::Created<support::Offer>> offer =
        s.support.AddOffer(worker, id, {kind, answer}, "", ctx);
    if (!offer.ok()) return offer.status();
    if (i != 5) {
      Result<support::Created<support::Consent>> consent =
          s.support.AddConsent(worker, id, {"statistics", "oral"}, "", ctx);
      if (!consent.ok()) return consent.status();
    }
    if (answer == "accepted") {
      Result<support::Created<support::Referral>> referral = s.support.AddReferral(
          worker, id, {kind, AddDays(SwedishDate(s.now), -7)}, "", ctx);
      if (!referral.ok()) return referral.status();
      if (i % 2 == 0) {
        for (const char* to : {"accepted", "completed"}) {
          Result<support::Referral> moved =
              s.support.MoveReferral(worker, referral->record.id, to, "", ctx);
          if (!moved.ok()) return moved.status();
        }
      }
    }
    if (i < 2) {
      // Follow-ups: one overdue, one due next week.
      Result<support::Created<support::FollowUp>> follow_up = s.support.AddFollowUp(
          worker, id, {AddDays(SwedishDate(s.now), i == 0 ? -3 : 7), std::nullopt}, "", ctx);
      if (!follow_up.ok()) return follow_up.status();
    }
  }
  ops::NewLogEntry summary;
  summary.at = start + std::chrono::hours(5);
  summary.text = "Avrapportering: stöd erbjöds på plats, tre köpare lagfördes.";
  summary.counts = {6, 2, 8, 4, 0, 3};
  Result<ops::OperationBook::AddedEntry> logged =
      s.operations.AddLogEntry(chief, *past, summary, "", ctx);
  if (!logged.ok()) return logged.status();
  // Every required step done; one was not followed.
  Result<std::optional<routines::Checklist>> checklist =
      s.checklists.ForOperation(chief, *past, ctx);
  if (!checklist.ok()) return checklist.status();
  bool deviated = false;
  for (const routines::ChecklistItem& item : (*checklist)->items) {
    if (!item.step.required) continue;
    const bool social = item.step.agency == routines::Agency::kSocial;
    Result<routines::Checklist> marked =
        social && !deviated
            ? s.checklists.MarkDeviation(worker, *past, item.step.id,
                                         "Tolk på thailändska fanns inte att få på plats", ctx)
            : s.checklists.Sign(social ? worker : officer, *past, item.step.id, ctx);
    if (!marked.ok()) return marked.status();
    deviated = deviated || social;
  }
  SV_RETURN_IF_ERROR(advance(*past, {OperationState::kDebriefed, OperationState::kClosed}));

  // Tonight: active, for the on-the-spot page.
  Result<int64_t> tonight = plan("sex_purchase", "Köp av sexuell tjänst, kvällsinsats",
                                 "Centrala Umeå, uppföljning av annonser", SwedishTime(s.now, 0, 19),
                                 SwedishTime(s.now, 1, 2));
  if (!tonight.ok()) return tonight.status();
  SV_RETURN_IF_ERROR(advance(*tonight, {OperationState::kBriefed, OperationState::kActive}));

  // Next week: planned.
  Result<int64_t> next = plan("sugar_dating", "Sugardejting, uppföljning", "Umeå, enligt plan",
                              SwedishTime(s.now, 7, 18), SwedishTime(s.now, 7, 23));
  if (!next.ok()) return next.status();

  out << "Demo routine: the region's template; demo operations: one closed three weeks ago, one "
         "active tonight, one planned next week\n";
  return Status::Ok();
}

}  // namespace sv::app
