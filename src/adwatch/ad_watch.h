#pragma once
// The agencies' watch over the imported ads (issue 7, points 6 and 7): the triage queue, an ad
// with its extracted fields located in its text and the links that explain its group, a group
// with its ads, contacts, places and timeline, the counts per municipality and period for
// charts, and what an agency adds to an ad: triage decisions and notes, kept in the compartment
// of the user who makes them and never shown to the other agency. A decision that an ad shows a
// possible minor opens a concern task (orosanmälan) in that compartment, in the same
// transaction. Every access is decided by the Policy and audited, refusals included. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ads/counts.h"
#include "ads/prices.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "core/status.h"
#include "security/policy.h"
#include "security/principal.h"

namespace sv::store {
class Database;
}
namespace sv::security {
class AuditLog;
class FieldCipher;
}  // namespace sv::security
namespace sv::disclosure {
class ConcernReports;
}
namespace sv::ads {
class PlaceFinder;
}

namespace sv::adwatch {

class AdImport;
struct ImportSummary;
struct OutcomeQuery;
struct AdOutcome;

inline constexpr std::size_t kMaxTriageNoteBytes = 2000;
inline constexpr std::size_t kMaxAdNoteBytes = 4000;
inline constexpr int kMaxQueuePage = 200;
// Observed counts under this are hidden from roles that may not read the ads (DOMAIN.md).
inline constexpr int64_t kOutcomeMinCell = 5;

// The decisions an agency records on an ad.
const std::vector<std::string>& TriageDecisions();  // not_relevant, follow_up, target, confirmed_minor

struct AdTriage {
  int64_t id = 0;
  std::string decision;
  std::string note;
  TimePoint at{};
  std::string by;
  std::optional<int64_t> concern_task_id;
};

struct AdNote {
  int64_t id = 0;
  std::string text;
  TimePoint at{};
  std::string by;
};

struct Municipality {
  std::string code;
  std::string name;
};

struct AdSummary {
  int64_t id = 0;
  std::string site, ad_id, kind, title;
  TimePoint first_seen{}, last_seen{};
  std::optional<Municipality> municipality;
  std::string language;
  std::vector<int> ages;
  std::vector<std::string> phones;
  std::vector<std::string> indicators;
  int weight = 0;
  int64_t template_id = 0;
  int64_t group_id = 0;
  int64_t group_size = 0;
  std::optional<AdTriage> triage;  // the caller's compartment's latest
};

struct AdHighlight {
  std::string field;  // "title", "body"
  std::size_t start = 0, end = 0;  // UTF-16 code units
  std::string kind, value;
};

struct AdLinkView {
  std::string kind, value;
  int64_t ad = 0;  // the other ad
  std::string site, ad_id;
};

struct AdDetail {
  AdSummary summary;
  std::string url, location, body;
  std::vector<std::string> emails, images;
  std::vector<ads::Price> prices;
  std::vector<AdHighlight> highlights;
  std::vector<AdLinkView> links;
  std::vector<AdTriage> triage_history;  // newest first, own compartment
  std::vector<AdNote> notes;             // newest first, own compartment
};

struct ValueCount {
  std::string value;
  int64_t ads = 0;
};

struct GroupPlace {
  Municipality municipality;
  int64_t ads = 0;
};

struct GroupLink {
  int64_t ad = 0, with = 0;
  std::string kind, value;
};

struct AdGroup {
  int64_t id = 0;
  std::vector<AdSummary> ads;  // by first seen
  std::vector<ValueCount> phones, emails;
  std::vector<GroupPlace> municipalities;
  std::vector<GroupLink> links;
};

struct QueueFilter {
  bool untriaged_only = true;
  std::string municipality;  // SCB code, "" for all
  std::string indicator;     // "" for all
  std::optional<int64_t> group;
  int limit = 50;
  int offset = 0;
};

struct AdQueue {
  std::vector<AdSummary> ads;
  int64_t total = 0;
};

struct OperationMark {
  int64_t id = 0;
  std::string municipality;
  CivilDate date;
};

struct AdCounts {
  ads::Period period = ads::Period::kWeek;
  std::vector<ads::CountRow> rows;
  std::vector<OperationMark> operations;
  // The first and last Swedish day any counted ad was seen (none without ads).
  std::optional<CivilDate> first_day, last_day;
};

class AdWatch {
 public:
  AdWatch(store::Database& database, const Clock& clock, const security::Policy& policy,
          security::AuditLog& audit, const security::FieldCipher& cipher,
          const ads::PlaceFinder& places, AdImport& import,
          disclosure::ConcernReports* concerns);

  Result<AdQueue> Queue(const security::Principal& who, const QueueFilter& filter,
                        const security::RequestContext& ctx);
  Result<AdDetail> Get(const security::Principal& who, int64_t id,
                       const security::RequestContext& ctx);
  Result<AdGroup> Group(const security::Principal& who, int64_t id,
                        const security::RequestContext& ctx);
  // kInvalidInput naming `decision` or `note`; kNotFound for a missing ad.
  Result<AdTriage> Triage(const security::Principal& who, int64_t ad, const std::string& decision,
                          const std::string& note, const security::RequestContext& ctx);
  Result<AdNote> AddNote(const security::Principal& who, int64_t ad, const std::string& text,
                         const security::RequestContext& ctx);
  // Counts over the imported ads; `municipalities` empty for all.
  Result<AdCounts> Counts(const security::Principal& who, ads::Period period,
                          const std::vector<std::string>& municipalities,
                          std::optional<CivilDate> from, std::optional<CivilDate> to,
                          const security::RequestContext& ctx);
  // Did active ads go down after operations began? The evaluation of ad_outcome.h on the
  // imported ads of `query.municipality` (and its controls). The intervention defaults to the
  // date of the municipality's first operation. For a caller who may not read the ads themselves
  // the observed counts are published statistics: counts under kOutcomeMinCell are hidden (the
  // fit uses the real counts). kInvalidInput names the parameter: `municipality` or `control`
  // (unknown, repeated, the municipality itself, more than kMaxControls), `period` (week or
  // month), `intervention` (no operation to take the date from, too few periods), `family`.
  Result<AdOutcome> Outcome(const security::Principal& who, const OutcomeQuery& query,
                            const security::RequestContext& ctx);
  // Imports JSON Lines (the API's body).
  Result<ImportSummary> Import(const security::Principal& who, std::string_view lines,
                               const security::RequestContext& ctx);

 private:
  Status Authorize(const security::Principal& who, security::Permission permission,
                   const std::optional<security::RecordScope>& scope, const std::string& action,
                   const std::string& record_type, const std::string& record_id,
                   const security::RequestContext& ctx);

  store::Database& database_;
  const Clock& clock_;
  const security::Policy& policy_;
  security::AuditLog& audit_;
  const security::FieldCipher& cipher_;
  const ads::PlaceFinder& places_;
  AdImport& import_;
  disclosure::ConcernReports* concerns_;
};

}  // namespace sv::adwatch
