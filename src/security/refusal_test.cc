#include "security/refusal.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/database_test_fixture.h"

namespace sv::security {
namespace {

constexpr TimePoint kStart{std::chrono::seconds(1795939200)};

Status RecordNotFound() { return {StatusCode::kNotFound, "no encounter with id 8", "record_id"}; }

class RefusalTest : public store::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenDatabase();
    ASSERT_NE(db_, nullptr);
    Result<int> migrated = store::Migrate(*db_, store::SchemaMigrations());
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    KeyRing keys;
    keys.audit_key.fill(0x41);
    log_ = std::make_unique<AuditLog>(*db_, clock_, keys);
    who_.user.id = 7;
    who_.user.username = "anna";
    who_.unit.id = 3;
  }
  void TearDown() override {
    log_.reset();
    db_.reset();
    BackendTest::TearDown();
  }

  AuditEvent Attempt(const std::string& record_id) const {
    return EventBy(who_, "update", "operation", record_id, "joint:" + record_id,
                   RequestContext{"req-1", "127.0.0.1"});
  }

  // The one event stored about operation `record_id`.
  AuditEvent Logged(const std::string& record_id) {
    Result<std::vector<AuditEvent>> events = log_->ForRecord("operation", record_id);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    EXPECT_EQ(events.ok() ? events->size() : 0U, 1U);
    return events.ok() && !events->empty() ? events->front() : AuditEvent{};
  }

  FixedClock clock_{kStart};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<AuditLog> log_;
  Principal who_;
};
SV_STORE_ON_BOTH_BACKENDS(RefusalTest);

TEST_P(RefusalTest, APolicyRefusalIsForbiddenWithItsRemedyAndAuditedAsDenied) {
  const Status refused =
      RefuseAndAudit(*log_, Attempt("5"),
                     Decision{false, "a second factor is required", "second_factor_required"});
  EXPECT_EQ(refused.code(), StatusCode::kForbidden);
  EXPECT_EQ(refused.message(), "a second factor is required");
  EXPECT_EQ(refused.reason(), "second_factor_required");
  const AuditEvent e = Logged("5");
  EXPECT_EQ(e.username, "anna");
  EXPECT_EQ(e.action, "update");
  EXPECT_EQ(e.compartment, "joint:5");
  EXPECT_EQ(e.outcome, "denied");
  EXPECT_EQ(e.detail, "a second factor is required");
  EXPECT_EQ(e.request_id, "req-1");
}

TEST_P(RefusalTest, AClosedOperationIsAConflictAuditedAsDenied) {
  const Status refused =
      RefuseAndAudit(*log_, Attempt("6"), Decision{false, "the operation is closed", "", true});
  EXPECT_EQ(refused.code(), StatusCode::kConflict);
  EXPECT_EQ(refused.reason(), "operation_closed");
  const AuditEvent e = Logged("6");
  EXPECT_EQ(e.outcome, "denied");
  EXPECT_EQ(e.detail, "the operation is closed");
}

TEST_P(RefusalTest, AnyOtherRefusalIsReturnedAsItIsAndAuditedWithItsMessage) {
  const Status refused = RefuseAndAudit(*log_, Attempt("8"), RecordNotFound());
  EXPECT_EQ(refused.code(), StatusCode::kNotFound);
  EXPECT_EQ(refused.field(), "record_id");
  const AuditEvent e = Logged("8");
  EXPECT_EQ(e.outcome, "denied");
  EXPECT_EQ(e.detail, "no encounter with id 8");
}

TEST_P(RefusalTest, TheOutcomeAndTheFieldInTheDetailCanBeChosen) {
  const Status refused =
      RefuseAndAudit(*log_, Attempt("9"), Status::InvalidInput("is not a legal ground", "ground"),
                     {"refused", /*field_in_detail=*/true});
  EXPECT_EQ(refused.code(), StatusCode::kInvalidInput);
  const AuditEvent e = Logged("9");
  EXPECT_EQ(e.outcome, "refused");
  EXPECT_EQ(e.detail, "ground: is not a legal ground");
}

}  // namespace
}  // namespace sv::security
