#pragma once
// Printable documents (PDF, A4, Swedish): a routine version, and an operation's checklist with
// its sign-offs and deviations. They hold what the pages show: the routine's steps, and who
// signed when; no personal data is in either.

#include <string>
#include <string_view>

namespace sv::ops {
struct Operation;
}
namespace sv::routines {
struct Checklist;
struct RoutineVersion;
}  // namespace sv::routines

namespace sv::reports {

std::string RoutinePdf(const routines::RoutineVersion& version, std::string_view owner_unit);
std::string ChecklistPdf(const routines::Checklist& checklist, const ops::Operation& operation);

}  // namespace sv::reports
