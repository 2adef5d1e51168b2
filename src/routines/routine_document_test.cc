#include "routines/routine_document.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "testing.h"

namespace sv::routines {
namespace {

const char* kSmall =
    "# Rutin\n"
    "giltig från: 2027-01-01\n"
    "\n"
    "En beskrivning\n"
    "på två rader.\n"
    "\n"
    "## Före insatsen\n"
    "- [båda, krav] Gemensam genomgång\n"
    "  med alla.\n"
    "- [Polis] Roller\n"
    "## Under\n"
    "- [socialtjänst] Erbjud stöd\n"
    "## EFTER\n"
    "- [both, required] Debriefing\n";

TEST(RoutineDocumentTest, ParsesHeaderPhasesAndSteps) {
  Result<RoutineDocument> doc = ParseRoutine(kSmall);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->title, "Rutin");
  EXPECT_EQ(FormatDate(doc->valid_from), "2027-01-01");
  EXPECT_EQ(doc->description, "En beskrivning\npå två rader.");
  ASSERT_EQ(doc->steps.size(), 4u);
  EXPECT_EQ(doc->steps[0].text, "Gemensam genomgång med alla.");
  EXPECT_EQ(doc->steps[0].agency, Agency::kBoth);
  EXPECT_TRUE(doc->steps[0].required);
  EXPECT_EQ(doc->steps[0].line, 8);
  EXPECT_EQ(doc->steps[1].agency, Agency::kPolice);
  EXPECT_FALSE(doc->steps[1].required);
  EXPECT_EQ(doc->steps[2].phase, Phase::kDuring);
  EXPECT_EQ(doc->steps[2].agency, Agency::kSocial);
  EXPECT_EQ(doc->steps[3].phase, Phase::kAfter);
  EXPECT_TRUE(doc->steps[3].required);
}

TEST(RoutineDocumentTest, TheShippedDefaultRoutineParses) {
  std::ifstream in(sv::testing::SourceDir() / "data/routines/default.md");
  std::stringstream text;
  text << in.rdbuf();
  Result<RoutineDocument> doc = ParseRoutine(text.str());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(doc->description.find("mall"), std::string::npos) << "says it is a template";
  int required = 0;
  for (const RoutineStep& s : doc->steps) required += s.required ? 1 : 0;
  EXPECT_GE(doc->steps.size(), 12u);
  EXPECT_GE(required, 6);
}

struct BadCase {
  std::string text;
  std::string message;  // the start of the expected message
};

TEST(RoutineDocumentTest, ADocumentThatDoesNotParseNamesTheLineAndWhatWasExpected) {
  const std::vector<BadCase> cases = {
      {"Rutin\n", "line 1: expected the title"},
      {"# Rutin\n## Före\n", "line 2: expected the date the routine is valid from"},
      {"# Rutin\ngiltig från: 2027-02-30\n", "line 2: expected a date YYYY-MM-DD"},
      {"# Rutin\ngiltig från: 2027-01-01\n", "line 3: expected at least one phase"},
      {"# Rutin\ngiltig från: 2027-01-01\n- [polis] X\n", "line 3: expected a phase heading"},
      {"# Rutin\ngiltig från: 2027-01-01\n## Sedan\n", "line 3: expected a phase heading"},
      {"# Rutin\ngiltig från: 2027-01-01\n## Efter\n- [polis] X\n## Före\n",
       "line 5: expected the phases once each"},
      {"# Rutin\ngiltig från: 2027-01-01\n## Före\n- polis: gör X\n", "line 4: expected a step"},
      {"# Rutin\ngiltig från: 2027-01-01\n## Före\n- [kommunen] X\n",
       "line 4: expected in the brackets the agency"},
      {"# Rutin\ngiltig från: 2027-01-01\n## Före\n- [krav] X\n",
       "line 4: expected the agency responsible"},
      {"# Rutin\ngiltig från: 2027-01-01\n## Före\n- [polis]\n", "line 4: expected the text"},
      {"# Rutin\ngiltig från: 2027-01-01\n## Före\nGör så här\n", "line 4: expected a step"},
  };
  for (const BadCase& c : cases) {
    Result<RoutineDocument> doc = ParseRoutine(c.text);
    ASSERT_FALSE(doc.ok()) << c.text;
    EXPECT_EQ(doc.status().field(), "source");
    EXPECT_EQ(doc.status().message().rfind(c.message, 0), 0u)
        << "got: " << doc.status().message() << "\nfor:\n" << c.text;
  }
}

TEST(RoutineDocumentTest, HostileInputIsBoundedAndQuotedShort) {
  std::string long_line = "# Rutin\ngiltig från: 2027-01-01\n## Före\n" + std::string(5000, 'x');
  Result<RoutineDocument> doc = ParseRoutine(long_line);
  ASSERT_FALSE(doc.ok());
  EXPECT_LT(doc.status().message().size(), 300u);
  EXPECT_FALSE(ParseRoutine(std::string(kMaxDocumentBytes + 1, '#')).ok());
  EXPECT_FALSE(ParseRoutine("").ok());
  // A cut in the quote never splits a UTF-8 character.
  std::string swedish = "# Rutin\ngiltig från: 2027-01-01\n## Före\n";
  for (int i = 0; i < 40; ++i) swedish += "åäö";
  Result<RoutineDocument> quoted = ParseRoutine(swedish);
  ASSERT_FALSE(quoted.ok());
  const std::string& m = quoted.status().message();
  EXPECT_NE(m.find("…`"), std::string::npos);
}

}  // namespace
}  // namespace sv::routines
