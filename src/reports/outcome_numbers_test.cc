#include "reports/outcome_numbers.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "ops/operation_book.h"
#include "ops/ops_testing.h"

namespace sv::reports {
namespace {

class OutcomeNumbersTest : public ops::testing::WorldTest {
 protected:
  void SetUp() override {
    WorldTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ops::testing::World& w = world();
    book_ = std::make_unique<ops::OperationBook>(*w.database, w.clock, w.policy, *w.audit,
                                                 std::vector<std::string>{"sex_purchase"});
    numbers_ = std::make_unique<OutcomeNumbers>(*w.database, w.policy, *w.audit, *book_,
                                                std::vector<std::string>{"brb_6_11", "brb_6_9"},
                                                5);
    Result<ops::Operation> op = book_->Plan(
        w.Who("insatschef"),
        {"sex_purchase", "Insats december", "2480", "Centrum", w.At("2026-12-01T17:00:00Z"),
         w.At("2026-12-02T01:00:00Z")},
        w.ctx);
    ASSERT_TRUE(op.ok()) << op.status().ToString();
    operation_ = op->id;
    ASSERT_TRUE(
        book_->AddParticipant(w.Who("insatschef"), operation_, w.Who("socialsekreterare").user.id,
                              w.ctx)
            .ok());
  }

  // A contact of Umeå's social services on the operation (or, with `on_operation` false, in
  // Skellefteå without one) with offers, a completed referral and optionally consent to
  // statistics.
  void Contact(const std::string& role, int offers, int accepted, bool referral_completed,
               bool consented, const std::string& when = "2026-12-01T20:00:00Z",
               bool on_operation = true) {
    ops::testing::World& w = world();
    Status s = w.database->InTransaction([&](soci::session& sql) -> Status {
      const long long at = ToUnixMicros(w.At(when));
      const long long by = w.Who(on_operation ? "socialsekreterare"
                                              : "socialsekreterare.skelleftea")
                               .user.id;
      const long long unit = on_operation ? w.umea.id : w.skelleftea.id;
      long long op = operation_;
      soci::indicator op_ind = on_operation ? soci::i_ok : soci::i_null;
      long long id = 0;
      sql << "INSERT INTO contacts (operation_id, unit_id, role, age_band, occurred_at, "
             "created_at, created_by, updated_at) VALUES (:o, :u, :r, 'unknown', :at, :at2, "
             ":by, :at3) RETURNING id",
          soci::use(op, op_ind), soci::use(unit), soci::use(role), soci::use(at), soci::use(at),
          soci::use(by), soci::use(at), soci::into(id);
      for (int i = 0; i < offers; ++i) {
        const std::string answer = i < accepted ? "accepted" : "declined";
        sql << "INSERT INTO support_offers (contact_id, kind, answer, created_at, created_by, "
               "updated_at) VALUES (:c, 'conversation', :a, :at, :by, :at2)",
            soci::use(id), soci::use(answer), soci::use(at), soci::use(by), soci::use(at);
      }
      if (referral_completed) {
        sql << "INSERT INTO referrals (contact_id, kind, state, created_at, created_by, "
               "updated_at) VALUES (:c, 'shelter', 'completed', :at, :by, :at2)",
            soci::use(id), soci::use(at), soci::use(by), soci::use(at);
      }
      if (consented) {
        sql << "INSERT INTO consents (contact_id, scope, form, given_at, recorded_by) "
               "VALUES (:c, 'statistics', 'oral', :at, :by)",
            soci::use(id), soci::use(at), soci::use(by);
      }
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  void Buyer(const std::string& offence) {
    ops::testing::World& w = world();
    Status s = w.database->InTransaction([&](soci::session& sql) -> Status {
      const long long at = ToUnixMicros(w.At("2026-12-01T21:00:00Z"));
      const long long by = w.Who("polis").user.id;
      const long long unit = w.police.id;
      const long long op = operation_;
      sql << "INSERT INTO encounters (operation_id, unit_id, role, age_band, offence, "
             "occurred_at, created_at, created_by, updated_at) VALUES (:o, :u, 'buyer', "
             "'36_50', :off, :at, :at2, :by, :at3)",
          soci::use(op), soci::use(unit), soci::use(offence), soci::use(at), soci::use(at),
          soci::use(by), soci::use(at);
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  Result<Numbers> Query(const char* user, NumbersQuery q = {}) {
    return numbers_->Query(world().Who(user), q, world().ctx);
  }

  static std::optional<int64_t> Value(const NumbersRow& row, const std::string& column) {
    const auto& columns = NumberColumns();
    const auto it = std::find(columns.begin(), columns.end(), column);
    return row.values[static_cast<std::size_t>(it - columns.begin())];
  }

  std::unique_ptr<ops::OperationBook> book_;
  std::unique_ptr<OutcomeNumbers> numbers_;
  int64_t operation_ = 0;
};

TEST_P(OutcomeNumbersTest, PersonLevelRolesSeeExactCountsOfTheirArea) {
  for (int i = 0; i < 3; ++i) Contact("seller", 2, 1, i == 0, false);
  Contact("buyer", 1, 1, false, false);
  Buyer("brb_6_11");
  Buyer("brb_6_12");  // not a buyer offence: not counted
  Result<Numbers> n = Query("insatschef");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_FALSE(n->suppressed);
  ASSERT_EQ(n->rows.size(), 1u);
  const NumbersRow& umea = n->rows[0];
  EXPECT_EQ(umea.key, "2480");
  EXPECT_EQ(umea.label, "Umeå");
  EXPECT_EQ(Value(umea, "contacts_sellers"), 3);
  EXPECT_EQ(Value(umea, "contacts_buyers"), 1);
  EXPECT_EQ(Value(umea, "contacts"), 4);
  EXPECT_EQ(Value(umea, "offers_made"), 7);
  EXPECT_EQ(Value(umea, "offers_accepted"), 4);
  EXPECT_EQ(Value(umea, "referrals_completed"), 1);
  EXPECT_EQ(Value(umea, "buyers_reported"), 1);
  EXPECT_EQ(Value(n->total, "contacts"), 4);

  Result<Numbers> op = numbers_->ForOperation(world().Who("socialsekreterare"), operation_,
                                              world().ctx);
  ASSERT_TRUE(op.ok()) << op.status().ToString();
  ASSERT_EQ(op->rows.size(), 1u);
  EXPECT_EQ(op->rows[0].key, std::to_string(operation_));
  EXPECT_EQ(op->rows[0].label, "Insats december");
  EXPECT_EQ(Value(op->rows[0], "contacts"), 4);
}

TEST_P(OutcomeNumbersTest, TheCoordinatorSeesOnlyConsentedRecordsWithSmallCellsHidden) {
  for (int i = 0; i < 6; ++i) Contact("seller", 1, 1, false, true);
  for (int i = 0; i < 2; ++i) Contact("buyer", 1, 0, false, true);
  Contact("seller", 1, 1, false, false);  // no consent to statistics: not counted
  Result<Numbers> n = Query("koordinator");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_TRUE(n->suppressed);
  EXPECT_EQ(n->min_cell, 5);
  ASSERT_EQ(n->rows.size(), 1u);
  const NumbersRow& umea = n->rows[0];
  EXPECT_FALSE(Value(umea, "contacts_buyers").has_value()) << "2 is under 5";
  EXPECT_FALSE(Value(umea, "contacts_sellers").has_value())
      << "6 would reveal the 2 buyers from the total of 8";
  EXPECT_EQ(Value(umea, "contacts"), 8);
  EXPECT_EQ(Value(umea, "offers_made"), 8);
  EXPECT_EQ(Value(umea, "offers_accepted"), 6);
  EXPECT_FALSE(Value(umea, "referrals_completed").has_value());

  // The committee is suppressed too; the social worker sees everything of the municipality.
  Result<Numbers> committee = Query("namnd");
  ASSERT_TRUE(committee.ok());
  EXPECT_TRUE(committee->suppressed);
  Result<Numbers> worker = Query("socialsekreterare");
  ASSERT_TRUE(worker.ok());
  EXPECT_FALSE(worker->suppressed);
  EXPECT_EQ(Value(worker->rows[0], "contacts_sellers"), 7);
}

TEST_P(OutcomeNumbersTest, EachRoleHasItsAreaAndTheAdminNone) {
  Contact("seller", 0, 0, false, false);
  Contact("seller", 0, 0, false, false, "2026-12-01T20:00:00Z", false);  // Skellefteå
  Result<Numbers> skelleftea = Query("socialsekreterare.skelleftea");
  ASSERT_TRUE(skelleftea.ok());
  ASSERT_EQ(skelleftea->rows.size(), 1u);
  EXPECT_EQ(skelleftea->rows[0].key, "2482");
  NumbersQuery umea;
  umea.municipality_code = "2480";
  EXPECT_EQ(Query("socialsekreterare.skelleftea", umea).status().code(), StatusCode::kForbidden);
  Result<Numbers> police = Query("polis");
  ASSERT_TRUE(police.ok());
  EXPECT_EQ(police->rows.size(), 2u) << "the police unit's county holds both";
  EXPECT_EQ(Query("admin").status().code(), StatusCode::kForbidden);
  NumbersQuery unknown;
  unknown.municipality_code = "9999";
  EXPECT_EQ(Query("polis", unknown).status().field(), "municipality_code");
  EXPECT_EQ(numbers_->ForOperation(world().Who("socialsekreterare.skelleftea"), operation_,
                                   world().ctx)
                .status()
                .code(),
            StatusCode::kForbidden);
}

TEST_P(OutcomeNumbersTest, MonthsAndPeriodsFollowSwedishDates) {
  Contact("seller", 0, 0, false, false, "2026-11-30T23:30:00Z");  // 1 December in Sweden
  Contact("seller", 0, 0, false, false, "2026-11-30T12:00:00Z");
  Contact("buyer", 0, 0, false, false, "2026-10-15T12:00:00Z");
  NumbersQuery q;
  q.group_by = GroupBy::kMonth;
  Result<Numbers> n = Query("handlaggare", q);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  ASSERT_EQ(n->rows.size(), 3u);
  EXPECT_EQ(n->rows[0].key, "2026-10");
  EXPECT_EQ(n->rows[1].key, "2026-11");
  EXPECT_EQ(n->rows[2].key, "2026-12");
  EXPECT_EQ(Value(n->rows[1], "contacts"), 1);
  q.from = CivilDate{2026, 11, 1};
  q.to = CivilDate{2026, 11, 30};
  n = Query("handlaggare", q);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n->rows.size(), 1u);
  EXPECT_EQ(n->rows[0].key, "2026-11");
  q.to = CivilDate{2026, 10, 1};
  EXPECT_EQ(Query("handlaggare", q).status().field(), "to");
}

SV_STORE_ON_BOTH_BACKENDS(OutcomeNumbersTest);

}  // namespace
}  // namespace sv::reports
