#include "app/retention_command.h"

#include <iomanip>
#include <ostream>
#include <string>

#include "disclosure/retention.h"

namespace sv::app {
namespace {

constexpr int kExitFailure = 1;

void PrintDue(const disclosure::RetentionPreview& preview, std::ostream& out) {
  int64_t held = 0;
  for (const disclosure::DueRecord& d : preview.due) held += d.held ? 1 : 0;
  out << "retention as of " << FormatDate(preview.as_of) << ": " << preview.due.size()
      << (preview.due.size() == 1 ? " record" : " records") << " due, " << held << " held\n";
  for (const disclosure::RuleSummary& r : preview.rules) {
    out << "  rule " << r.rule << " (" << r.months << " months after the last entry): " << r.due
        << " due, " << r.held << " held\n";
  }
  if (preview.due.empty()) return;
  out << "\n";
  const auto row = [&out](const std::string& type, const std::string& id,
                          const std::string& compartment, const std::string& last,
                          const std::string& due, const std::string& deadline,
                          const std::string& rule, const std::string& held_mark) {
    out << std::left << std::setw(11) << type << std::right << std::setw(8) << id << "  "
        << std::left << std::setw(12) << compartment << std::setw(12) << last << std::setw(12)
        << due << std::setw(12) << deadline << std::setw(22) << rule << held_mark;
    out << "\n";
  };
  row("type", "id", "compartment", "last entry", "due since", "deadline", "rule", "");
  for (const disclosure::DueRecord& d : preview.due) {
    row(d.record_type, std::to_string(d.id), d.compartment, FormatDate(d.last_entry),
        FormatDate(d.due_since), FormatDate(d.deadline), d.rule, d.held ? "held" : "");
  }
}

}  // namespace

int RunRetention(disclosure::Retention& retention, const CivilDate& as_of, bool dry_run,
                 std::ostream& out, std::ostream& err) {
  if (dry_run) {
    Result<disclosure::RetentionPreview> preview = retention.Preview(as_of);
    if (!preview.ok()) {
      err << "samverkan: cannot list what is due: " << preview.status().message() << "\n";
      return kExitFailure;
    }
    PrintDue(*preview, out);
    out << "dry run: nothing deleted\n";
    return 0;
  }
  const security::RequestContext ctx{"retention-cli-" + FormatDate(as_of),
                                     "samverkan retention run"};
  Result<disclosure::RetentionRunResult> run = retention.Run(as_of, ctx);
  if (!run.ok()) {
    err << "samverkan: retention failed: " << run.status().message() << "\n";
    return kExitFailure;
  }
  PrintDue(run->listed, out);
  out << "deleted " << run->deleted_total << (run->deleted_total == 1 ? " record" : " records");
  std::string per_type;
  for (const auto& [type, n] : run->deleted) {
    per_type += (per_type.empty() ? "" : ", ") + type + " " + std::to_string(n);
  }
  if (!per_type.empty()) out << " (" << per_type << ")";
  out << "; kept " << run->held << " held; skipped " << run->skipped
      << " changed since listed; failed " << run->failures.size() << "\n";
  for (const std::string& failure : run->failures) {
    err << "samverkan: not deleted: " << failure << "\n";
  }
  return run->failures.empty() ? 0 : kExitFailure;
}

}  // namespace sv::app
