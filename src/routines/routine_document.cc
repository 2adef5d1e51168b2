#include "routines/routine_document.h"

#include <optional>

namespace sv::routines {
namespace {

// Lower case for ASCII and the Swedish letters Å, Ä, Ö (UTF-8); other bytes stay.
std::string Lower(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const unsigned char next = static_cast<unsigned char>(out[i + 1]);
      if (next == 0x85 || next == 0x84 || next == 0x96) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A short quote of a line for a message.
std::string Quote(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return "an empty line";
  if (line.size() <= 60) return "`" + std::string(line) + "`";
  // Cut at a character boundary, not inside a UTF-8 sequence.
  std::size_t cut = 60;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return "`" + std::string(line.substr(0, cut)) + "…`";
}

Status LineError(int line, const std::string& expected, std::string_view found) {
  return Status::InvalidInput(
      "line " + std::to_string(line) + ": expected " + expected + ", found " + Quote(found),
      "source");
}

std::optional<Phase> PhaseOfHeading(std::string_view heading) {
  const std::string lower = Lower(Trim(heading));
  const std::string word = lower.substr(0, lower.find(' '));
  if (word == "före" || word == "before") return Phase::kBefore;
  if (word == "under" || word == "during") return Phase::kDuring;
  if (word == "efter" || word == "after") return Phase::kAfter;
  return std::nullopt;
}

std::optional<Agency> AgencyOf(std::string_view token) {
  const std::string t = Lower(token);
  if (t == "polis" || t == "police" || t == "polisen") return Agency::kPolice;
  if (t == "socialtjänst" || t == "socialtjänsten" || t == "social") return Agency::kSocial;
  if (t == "båda" || t == "both") return Agency::kBoth;
  return std::nullopt;
}

constexpr const char* kStepForm = "a step `- [polis|socialtjänst|båda] text` (add `, krav` for "
                                  "a required step)";

}  // namespace

std::string_view PhaseName(Phase p) {
  switch (p) {
    case Phase::kBefore: return "before";
    case Phase::kDuring: return "during";
    case Phase::kAfter: return "after";
  }
  return "before";
}

std::string_view AgencyName(Agency a) {
  switch (a) {
    case Agency::kPolice: return "police";
    case Agency::kSocial: return "social";
    case Agency::kBoth: return "both";
  }
  return "both";
}

Result<RoutineDocument> ParseRoutine(std::string_view text) {
  if (text.size() > kMaxDocumentBytes) {
    return Status::InvalidInput(
        "the document is longer than " + std::to_string(kMaxDocumentBytes / 1024) + " KiB",
        "source");
  }
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }

  enum class Expect { kTitle, kValidFrom, kBody };
  Expect expect = Expect::kTitle;
  RoutineDocument doc;
  std::optional<Phase> phase;
  bool valid_from_seen = false;
  int last_line = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    const std::string_view raw = lines[i];
    const std::string_view line = Trim(raw);
    if (!line.empty()) last_line = number;
    if (expect == Expect::kTitle) {
      if (line.empty()) continue;
      if (!StartsWith(line, "# ") || Trim(line.substr(2)).empty()) {
        return LineError(number, "the title, a line `# Title of the routine`", raw);
      }
      doc.title = std::string(Trim(line.substr(2)));
      expect = Expect::kValidFrom;
      continue;
    }
    if (expect == Expect::kValidFrom) {
      if (line.empty()) continue;
      const std::string lower = Lower(line);
      std::string_view rest;
      for (std::string_view key : {"giltig från:", "valid from:"}) {
        if (StartsWith(lower, key)) rest = Trim(line.substr(key.size()));
      }
      if (rest.empty()) {
        return LineError(number, "the date the routine is valid from, `giltig från: YYYY-MM-DD`",
                         raw);
      }
      Result<CivilDate> date = ParseDate(rest, "source");
      if (!date.ok()) {
        return LineError(number, "a date YYYY-MM-DD after `giltig från:`", raw);
      }
      doc.valid_from = *date;
      valid_from_seen = true;
      expect = Expect::kBody;
      continue;
    }
    // The body: description, phase headings and steps.
    if (StartsWith(line, "## ")) {
      std::optional<Phase> next = PhaseOfHeading(line.substr(3));
      if (!next) {
        return LineError(number, "a phase heading `## Före …`, `## Under …` or `## Efter …`", raw);
      }
      if (phase && *next <= *phase) {
        return LineError(number,
                         "the phases once each, in the order Före, Under, Efter (this phase "
                         "comes too late)",
                         raw);
      }
      phase = next;
      continue;
    }
    if (StartsWith(line, "# ")) return LineError(number, "one title only (phases are `## …`)", raw);
    if (!phase) {
      if (StartsWith(line, "- [")) {
        return LineError(number, "a phase heading `## Före …` before the first step", raw);
      }
      if (!doc.description.empty() || !line.empty()) {
        doc.description += std::string(raw) + "\n";
      }
      continue;
    }
    if (line.empty()) continue;
    // A step, or the continuation of the previous one (an indented line).
    if (!StartsWith(line, "- ")) {
      const bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
      if (indented && !doc.steps.empty() && doc.steps.back().phase == *phase) {
        doc.steps.back().text += " " + std::string(line);
        if (doc.steps.back().text.size() > kMaxStepBytes) {
          return LineError(doc.steps.back().line,
                           "a step of at most " + std::to_string(kMaxStepBytes) + " bytes", raw);
        }
        continue;
      }
      return LineError(number, kStepForm, raw);
    }
    const std::string_view item = Trim(line.substr(2));
    const std::size_t close = item.find(']');
    if (!StartsWith(item, "[") || close == std::string_view::npos) {
      return LineError(number, kStepForm, raw);
    }
    RoutineStep step;
    step.phase = *phase;
    step.line = number;
    std::optional<Agency> agency;
    std::string_view tokens = item.substr(1, close - 1);
    while (true) {
      const std::size_t comma = tokens.find(',');
      const std::string_view token = Trim(tokens.substr(0, comma));
      const std::string lower = Lower(token);
      if (lower == "krav" || lower == "required") {
        step.required = true;
      } else if (std::optional<Agency> a = AgencyOf(token); a && !agency) {
        agency = a;
      } else {
        return LineError(number,
                         "in the brackets the agency (polis, socialtjänst or båda) and "
                         "optionally `krav`",
                         raw);
      }
      if (comma == std::string_view::npos) break;
      tokens.remove_prefix(comma + 1);
    }
    if (!agency) {
      return LineError(number, "the agency responsible (polis, socialtjänst or båda)", raw);
    }
    step.agency = *agency;
    step.text = std::string(Trim(item.substr(close + 1)));
    if (step.text.empty()) return LineError(number, "the text of the step after the brackets", raw);
    if (step.text.size() > kMaxStepBytes) {
      return LineError(number, "a step of at most " + std::to_string(kMaxStepBytes) + " bytes",
                       raw);
    }
    if (doc.steps.size() >= kMaxSteps) {
      return LineError(number, "at most " + std::to_string(kMaxSteps) + " steps", raw);
    }
    doc.steps.push_back(std::move(step));
  }
  const int end = last_line + 1;
  if (expect == Expect::kTitle) return LineError(1, "the title, a line `# Title of the routine`", "");
  if (!valid_from_seen) {
    return LineError(end, "the date the routine is valid from, `giltig från: YYYY-MM-DD`", "");
  }
  if (doc.steps.empty()) {
    return LineError(end, "at least one phase `## Före …` with a step", "");
  }
  while (!doc.description.empty() &&
         (doc.description.back() == '\n' || doc.description.back() == ' ')) {
    doc.description.pop_back();
  }
  return doc;
}

}  // namespace sv::routines
