#pragma once
// Concern reports about children (orosanmälan; DOMAIN.md, "Rules as behaviours"). Meeting a
// person who may be under 18 (age band under_18 or unknown) opens a task in the compartment of the
// record that met them; the task ends only by filing a report or by recording why none is made
// (an individual assessment, never a routine tick). Open tasks are overdue after a configured
// time. A report goes to the social services of the child's municipality (or another chosen
// social-services unit) on the legal ground of the duty to report (OSL 10 kap. 28 §); its case
// officer acknowledges receipt and the reporter sees it. Reports are never deleted. Every access
// is decided by the Policy and audited. Thread-safe.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "security/policy.h"
#include "security/principal.h"

namespace soci {
class session;
}
namespace sv::store {
class Database;
}
namespace sv::security {
class AuditLog;
class FieldCipher;
}  // namespace sv::security

namespace sv::disclosure {

// What met the person: the record that opens the task.
struct ConcernSource {
  std::string type;  // "encounter", "contact"
  int64_t id = 0;
  std::optional<int64_t> operation_id;
  std::string municipality_code;  // the child's, as far as known (the operation's or the unit's)
  std::string age_band;
};

// A report's text as it was before a correction, and why it was corrected.
struct ReportCorrection {
  std::string previous_text;
  std::string reason;
  TimePoint corrected_at{};
  std::string corrected_by_name;
};

struct ConcernReport {
  int64_t id = 0;
  int64_t task_id = 0;
  int64_t from_unit_id = 0;
  std::string from_unit_name;
  int64_t to_unit_id = 0;
  std::string to_unit_name;
  std::string legal_ground;  // "osl_10_28"
  std::string text;
  TimePoint filed_at{};
  std::string filed_by_name;
  std::optional<TimePoint> acknowledged_at;
  std::string acknowledged_by_name;
  std::vector<ReportCorrection> corrections;  // oldest first; `text` is the current one
};

enum class TaskState { kOpen, kReported, kNoReport };
std::string_view TaskStateName(TaskState s);  // "open", "reported", "no_report"

struct ConcernTask {
  int64_t id = 0;
  int64_t unit_id = 0;
  security::Compartment compartment = security::Compartment::kPolice;
  ConcernSource source;
  TimePoint opened_at{};
  TimePoint due_at{};
  bool overdue = false;  // open and past due when read
  int64_t assigned_to = 0;
  std::string assigned_to_name;
  TaskState state = TaskState::kOpen;
  std::string no_report_reason;
  std::optional<TimePoint> closed_at;
  std::optional<ConcernReport> report;
};

inline constexpr std::size_t kMaxReportBytes = 20000;
// A decision not to report is an individual assessment: a reason of some substance.
inline constexpr std::size_t kMinNoReportReasonBytes = 20;
inline constexpr const char* kDutyToReport = "osl_10_28";

class ConcernReports {
 public:
  // `overdue_after`: configuration `concern.overdue_hours` (24 by default).
  ConcernReports(store::Database& database, const Clock& clock, const security::Policy& policy,
                 security::AuditLog& audit, const security::FieldCipher& cipher,
                 std::chrono::hours overdue_after);

  // Inside the caller's transaction (the one recording the encounter or contact of `who`):
  // opens the task for `source` in `who`'s compartment, assigned to `who`, once per source.
  Result<int64_t> OpenTaskIn(soci::session& sql, const security::Principal& who,
                             const ConcernSource& source, const security::RequestContext& ctx);

  // The tasks of the principal's compartment, open ones first by due time (all, or open only).
  Result<std::vector<ConcernTask>> Tasks(const security::Principal& who, bool open_only,
                                         const security::RequestContext& ctx);
  Result<ConcernTask> Task(const security::Principal& who, int64_t id,
                           const security::RequestContext& ctx);
  // Files the report of an open task (kConflict "task_closed" otherwise) to `to_unit_id` (a
  // social-services unit; default: that of the task's municipality).
  Result<ConcernTask> FileReport(const security::Principal& who, int64_t task_id,
                                 std::optional<int64_t> to_unit_id, const std::string& text,
                                 const security::RequestContext& ctx);
  // Ends an open task without a report, with the assessment why.
  Result<ConcernTask> RecordNoReport(const security::Principal& who, int64_t task_id,
                                     const std::string& reason,
                                     const security::RequestContext& ctx);
  // Corrects the text of a filed report (the reporting compartment only). Reports are never
  // deleted: the earlier text is kept with the reason, and both sides see the history.
  Result<ConcernTask> CorrectReport(const security::Principal& who, int64_t task_id,
                                    const std::string& text, const std::string& reason,
                                    const security::RequestContext& ctx);
  // Reports received by the principal's social-services unit, unacknowledged first.
  Result<std::vector<ConcernReport>> Received(const security::Principal& who,
                                              const security::RequestContext& ctx);
  // The receiving unit's case officer acknowledges receipt (kConflict when already done).
  Result<ConcernReport> Acknowledge(const security::Principal& who, int64_t report_id,
                                    const security::RequestContext& ctx);

 private:
  Status Deny(const security::Principal& who, const security::Decision& decision,
              const std::string& action, const std::string& record_type, int64_t id,
              const std::string& compartment, const security::RequestContext& ctx);
  Result<ConcernTask> Authorized(const security::Principal& who, int64_t task_id,
                                 const std::string& action, const security::RequestContext& ctx);

  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
  const security::FieldCipher& cipher_;
  std::chrono::hours overdue_after_;
};

}  // namespace sv::disclosure
