#pragma once
// The text form of a written routine: Markdown with a small structured header, easy to write and
// to read without the software. A routine has phases (before, during and after an operation) and
// steps; a step names the agency responsible and whether it is required.
//
//   # Samverkansrutin vid insatser mot köp av sexuell tjänst
//   giltig från: 2027-01-01
//
//   Free text (Markdown) that explains the routine; kept, not interpreted.
//
//   ## Före insatsen
//   - [båda, krav] Gemensam genomgång: mål, plats, roller och säkerhet.
//   - [polis] Insatschefen fördelar roller på plats.
//
//   ## Under insatsen
//   - [socialtjänst, krav] Erbjud stöd på plats till den som säljer och den som köper.
//
//   ## Efter insatsen
//   - [båda] Avrapportering.
//
// Headings: the title (`# …`) first, then a line `giltig från: YYYY-MM-DD` (or `valid from:`),
// then phase headings `## …` whose first word is Före/Under/Efter (or Before/During/After), each
// phase at most once and in that order. A step is `- [agency] text` or `- [agency, krav] text`:
// agency polis/police, socialtjänst/social/socialtjänsten or båda/both; `krav`/`required` marks a
// step that must be signed off or marked as a deviation before the operation closes. A step may
// continue on the following lines when they are indented. Other lines are description.

#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"

namespace sv::routines {

enum class Phase { kBefore, kDuring, kAfter };
std::string_view PhaseName(Phase p);  // "before", "during", "after"

enum class Agency { kPolice, kSocial, kBoth };
std::string_view AgencyName(Agency a);  // "police", "social", "both"

struct RoutineStep {
  Phase phase = Phase::kBefore;
  Agency agency = Agency::kBoth;
  bool required = false;
  std::string text;
  int line = 0;  // where it is in the document, 1-based
};

struct RoutineDocument {
  std::string title;
  CivilDate valid_from;
  std::string description;  // the Markdown between the header and the first phase
  std::vector<RoutineStep> steps;  // in document order (before, during, after)
};

// Limits: documents are written by people, not generated.
inline constexpr std::size_t kMaxDocumentBytes = 100 * 1024;
inline constexpr std::size_t kMaxStepBytes = 2000;
inline constexpr std::size_t kMaxSteps = 300;

// Parses a document. A document that does not parse is kInvalidInput with the message
// "line N: expected …, found …" (field "source"), naming the first problem.
Result<RoutineDocument> ParseRoutine(std::string_view text);

}  // namespace sv::routines
