#include "reports/printouts.h"

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "ops/operation.h"
#include "routines/checklist_book.h"
#include "routines/routine_library.h"
#include "testing.h"

namespace sv::reports {
namespace {

// The text of a PDF, by poppler-utils' pdftotext (what a reader would copy out of it).
std::string PdfText(const std::string& pdf) {
  sv::testing::TempDir dir;
  const std::string path = (dir.path() / "out.pdf").string();
  std::ofstream(path, std::ios::binary) << pdf;
  std::string text;
  FILE* pipe = popen(("pdftotext -layout '" + path + "' - 2>&1").c_str(), "r");
  EXPECT_NE(pipe, nullptr) << "pdftotext (poppler-utils) is needed";
  if (pipe == nullptr) return text;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << text;
  return text;
}

routines::RoutineVersion Version() {
  routines::RoutineVersion v;
  v.routine_id = 1;
  v.version = 2;
  v.title = "Samverkansrutin för Umeå";
  v.valid_from = {2027, 1, 1};
  v.description = "Mall som kommunen har anpassat.";
  v.steps = {{11, 1, routines::Phase::kBefore, routines::Agency::kBoth, true,
              "Gemensam genomgång före insatsen"},
             {12, 2, routines::Phase::kDuring, routines::Agency::kSocial, true,
              "Erbjud stöd på plats, med tolk vid behov"},
             {13, 3, routines::Phase::kAfter, routines::Agency::kPolice, false,
              "Rapportera till regionkoordinatorn"}};
  return v;
}

TEST(PrintoutsTest, ARoutinePrintsWithItsPhasesAndSteps) {
  const std::string pdf = RoutinePdf(Version(), "Socialtjänsten Umeå kommun");
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  const std::string text = PdfText(pdf);
  for (const char* expected : {"Samverkansrutin för Umeå", "Version 2", "giltig från 2027-01-01",
                               "Före insatsen", "Under insatsen", "Efter insatsen",
                               "[Båda, krav] Gemensam genomgång före insatsen",
                               "Erbjud stöd på plats, med tolk vid behov",
                               "Socialtjänsten Umeå kommun"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in:\n" << text;
  }
}

TEST(PrintoutsTest, AChecklistPrintsTheOperationsStepsSignOffsAndDeviations) {
  routines::Checklist c;
  c.operation_id = 7;
  c.routine_id = 1;
  c.version = 2;
  c.title = "Samverkansrutin för Umeå";
  c.valid_from = {2027, 1, 1};
  for (const routines::Step& step : Version().steps) c.items.push_back({step, std::nullopt});
  const TimePoint at = ParseRfc3339("2026-12-01T18:40:00Z", "at").value();
  c.items[0].mark = routines::Mark{routines::MarkOutcome::kSigned, "", at, 3, "Demo Polis",
                                   "Polisen lokalpolisområde Umeå"};
  c.items[1].mark = routines::Mark{routines::MarkOutcome::kDeviation,
                                   "Ingen tolk på thailändska fanns", at, 4, "Demo Socialsekreterare",
                                   "Socialtjänsten Umeå kommun"};
  ops::Operation op;
  op.id = 7;
  op.name = "Kvällsinsats centrum";
  op.planned_start = ParseRfc3339("2026-12-01T18:00:00Z", "at").value();
  op.planned_end = ParseRfc3339("2026-12-02T01:00:00Z", "at").value();
  op.state = ops::OperationState::kDebriefed;
  const std::string text = PdfText(ChecklistPdf(c, op));
  for (const char* expected :
       {"Kontrollista: Kvällsinsats centrum", "2026-12-01 19:00", "avrapporterad",
        "Samverkansrutin för Umeå, version 2", "Gemensam genomgång före insatsen",
        "Signerad av Demo Polis (Polisen lokalpolisområde Umeå) 2026-12-01 19:40",
        "Avvikelse, markerad av Demo Socialsekreterare",
        "Orsak: Ingen tolk på thailändska fanns", "Rapportera till regionkoordinatorn"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in:\n" << text;
  }
}

TEST(PrintoutsTest, LongRoutinesBreakAcrossPagesAndTextIsNotMarkup) {
  routines::RoutineVersion v = Version();
  v.steps.clear();
  for (int i = 0; i < 120; ++i) {
    v.steps.push_back({i + 1, i + 1, routines::Phase::kDuring, routines::Agency::kBoth, false,
                       "Steg " + std::to_string(i) + " <b>inte fetstil</b> & så vidare"});
  }
  const std::string text = PdfText(RoutinePdf(v, "Enhet"));
  EXPECT_NE(text.find("Steg 119 <b>inte fetstil</b> & så vidare"), std::string::npos) << text;
  EXPECT_NE(text.find("sida 2"), std::string::npos);
}

}  // namespace
}  // namespace sv::reports
