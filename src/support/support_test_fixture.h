#pragma once
// For the support module's tests only: the demo world of ops_testing.h with a PersonRegister and
// a SupportRegister, and helpers that make operations, contacts and identity numbers.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "ops/ops_testing.h"
#include "persons/person_register.h"
#include "support/support_register.h"

namespace sv::support::testing {

using ops::testing::World;

class SupportTest : public ops::testing::WorldTest {
 protected:
  void SetUp() override {
    WorldTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    World& w = world();
    const std::vector<std::string> purposes = {"case_work", "operation", "follow_up"};
    persons_ = std::make_unique<persons::PersonRegister>(*w.database, w.clock, w.policy, *w.audit,
                                                         *w.cipher, *w.pseudonyms, purposes);
    register_ = std::make_unique<SupportRegister>(
        *w.database, w.clock, w.policy, *w.audit, *w.cipher, *persons_,
        std::vector<std::string>{"conversation", "municipal_unit", "health_care", "shelter"},
        purposes);
  }

  SupportRegister& reg() { return *register_; }
  const security::Principal& Who(const std::string& username) { return world().Who(username); }
  const security::RequestContext& ctx() { return world().ctx; }

  // A twelve-digit identity number: `first11` (YYYYMMDDNNN) and its Luhn check digit.
  static std::string IdentityNumber(const std::string& first11) {
    int sum = 0;
    for (std::size_t i = 2; i < 11; ++i) {
      int d = (first11[i] - '0') * ((i - 2) % 2 == 0 ? 2 : 1);
      sum += d > 9 ? d - 9 : d;
    }
    return first11 + std::to_string((10 - sum % 10) % 10);
  }

  // An operation in Umeå led by the police unit, in `state`, with polis and (when
  // `umea_takes_part`) socialsekreterare taking part. Written with SQL: the tests do not depend on
  // OperationBook.
  int64_t InsertOperation(const std::string& state, bool umea_takes_part = true) {
    World& w = world();
    long long id = 0;
    Status s = w.database->InTransaction([&](soci::session& sql) -> Status {
      const long long start = ToUnixMicros(w.At("2026-12-01T17:00:00Z"));
      const long long end = ToUnixMicros(w.At("2026-12-02T02:00:00Z"));
      const long long lead = w.police.id;
      const long long chief = w.Who("insatschef").user.id;
      const long long now = ToUnixMicros(w.clock.Now());
      sql << "INSERT INTO operations (type, name, municipality_code, place, planned_start, "
             "planned_end, lead_unit_id, state, created_at, created_by, updated_at) VALUES "
             "('sex_purchase', 'Insats centrum', '2480', 'Centrum', :s, :e, :lead, :state, :now, "
             ":by, :now2) RETURNING id",
          soci::use(start), soci::use(end), soci::use(lead), soci::use(state), soci::use(now),
          soci::use(chief), soci::use(now), soci::into(id);
      std::vector<std::string> users = {"polis"};
      if (umea_takes_part) users.push_back("socialsekreterare");
      for (const std::string& u : users) {
        const long long user = w.Who(u).user.id;
        sql << "INSERT INTO operation_participants (operation_id, user_id, added_at, added_by) "
               "VALUES (:o, :u, :now, :by)",
            soci::use(id), soci::use(user), soci::use(now), soci::use(chief);
      }
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return id;
  }

  static NewContact Seller() {
    NewContact c;
    c.role = "seller";
    c.age = 25;
    c.language = "ro";
    c.interpreter = true;
    c.notes = "Talade om att vilja sluta.";
    return c;
  }

  // Creates `c` as `username` and expects success.
  Contact Make(const NewContact& c, const std::string& username = "socialsekreterare") {
    Result<Created<Contact>> made = reg().CreateContact(Who(username), c, "", ctx());
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? made->record : Contact{};
  }

  long long Number(const std::string& query) {
    long long n = -1;
    Status s = world().database->InReadTransaction([&](soci::session& sql) {
      sql << query, soci::into(n);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return n;
  }

  std::string Text(const std::string& query) {
    std::string text;
    Status s = world().database->InReadTransaction([&](soci::session& sql) {
      sql << query, soci::into(text);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return text;
  }

  long long Denials() {
    return Number("SELECT COUNT(*) FROM audit_events WHERE outcome = 'denied'");
  }

  std::vector<security::AuditEvent> Events(const std::string& type, int64_t id) {
    Result<std::vector<security::AuditEvent>> events =
        world().audit->ForRecord(type, std::to_string(id));
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    return events.ok() ? *events : std::vector<security::AuditEvent>{};
  }

  std::string UmeaCompartment() { return "social:" + std::to_string(world().umea.id); }

  std::unique_ptr<persons::PersonRegister> persons_;
  std::unique_ptr<SupportRegister> register_;
};

// Expects `result` to fail with `code` (and, when given, naming `field`).
template <typename R>
void ExpectError(const R& result, StatusCode code, const std::string& field = "",
                 const std::string& reason = "") {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), code) << result.status().ToString();
  if (!field.empty()) {
    EXPECT_EQ(result.status().field(), field) << result.status().ToString();
  }
  if (!reason.empty()) {
    EXPECT_EQ(result.status().reason(), reason) << result.status().ToString();
  }
}

}  // namespace sv::support::testing
