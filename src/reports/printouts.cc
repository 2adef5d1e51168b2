#include "reports/printouts.h"

#include "core/calendar.h"
#include "ops/operation.h"
#include "reports/pdf_writer.h"
#include "routines/checklist_book.h"
#include "routines/routine_library.h"

namespace sv::reports {
namespace {

using routines::Agency;
using routines::Phase;

std::string_view PhaseTitle(Phase p) {
  switch (p) {
    case Phase::kBefore: return "Före insatsen";
    case Phase::kDuring: return "Under insatsen";
    case Phase::kAfter: return "Efter insatsen";
  }
  return "";
}

std::string AgencyText(Agency a) {
  switch (a) {
    case Agency::kPolice: return "Polis";
    case Agency::kSocial: return "Socialtjänst";
    case Agency::kBoth: return "Båda";
  }
  return "";
}

std::string StepText(const routines::Step& step) {
  return "[" + AgencyText(step.agency) + (step.required ? ", krav" : "") + "] " + step.text;
}

// "2026-12-01 19:40" in Swedish time.
std::string SwedishMinute(TimePoint t) {
  const TimePoint local = t + SwedishUtcOffset(t);
  const std::string utc_like = FormatRfc3339(local);  // the local wall clock, written as UTC
  return utc_like.substr(0, 10) + " " + utc_like.substr(11, 5);
}

std::string_view StateText(ops::OperationState s) {
  switch (s) {
    case ops::OperationState::kPlanned: return "planerad";
    case ops::OperationState::kBriefed: return "genomgången";
    case ops::OperationState::kActive: return "pågående";
    case ops::OperationState::kDebriefed: return "avrapporterad";
    case ops::OperationState::kClosed: return "avslutad";
  }
  return "";
}

}  // namespace

std::string RoutinePdf(const routines::RoutineVersion& v, std::string_view owner_unit) {
  const std::string title = v.title + ", version " + std::to_string(v.version);
  PdfWriter pdf(title, v.title + " · version " + std::to_string(v.version));
  pdf.Title(v.title);
  pdf.Paragraph("Version " + std::to_string(v.version) + " · giltig från " +
                FormatDate(v.valid_from) + " · " + std::string(owner_unit));
  if (!v.description.empty()) pdf.Paragraph(v.description);
  std::optional<Phase> phase;
  for (const routines::Step& step : v.steps) {
    if (phase != step.phase) {
      pdf.Space();
      pdf.Heading(PhaseTitle(step.phase));
      phase = step.phase;
    }
    pdf.Item("•", StepText(step));
  }
  return pdf.Finish();
}

std::string ChecklistPdf(const routines::Checklist& c, const ops::Operation& op) {
  const std::string title = "Kontrollista: " + op.name;
  PdfWriter pdf(title, "Kontrollista · " + op.name + " · " + c.title + " version " +
                           std::to_string(c.version));
  pdf.Title(title);
  pdf.Paragraph("Insats: " + op.name + " · " + SwedishMinute(op.planned_start) + " – " +
                SwedishMinute(op.planned_end) + " · " + std::string(StateText(op.state)));
  pdf.Paragraph("Rutin: " + c.title + ", version " + std::to_string(c.version) +
                " (giltig från " + FormatDate(c.valid_from) + ")");
  pdf.Paragraph(c.open_required == 0
                    ? "Alla obligatoriska steg är signerade eller avvikelser."
                    : std::to_string(c.open_required) + " obligatoriska steg återstår.");
  std::optional<Phase> phase;
  for (const routines::ChecklistItem& item : c.items) {
    if (phase != item.step.phase) {
      pdf.Space();
      pdf.Heading(PhaseTitle(item.step.phase));
      phase = item.step.phase;
    }
    std::string marker = "☐";
    std::string note;
    if (item.mark) {
      const bool signed_off = item.mark->outcome == routines::MarkOutcome::kSigned;
      marker = signed_off ? "✓" : "!";
      note = std::string(signed_off ? "Signerad av " : "Avvikelse, markerad av ") +
             item.mark->user_name + " (" + item.mark->unit_name + ") " +
             SwedishMinute(item.mark->at);
      if (!signed_off) note += ". Orsak: " + item.mark->reason;
    }
    pdf.Item(marker, StepText(item.step), note);
  }
  return pdf.Finish();
}

}  // namespace sv::reports
