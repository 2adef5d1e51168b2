#include "security/personal_data_scan.h"

#include <algorithm>
#include <memory>

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>

#include "security/identity_number.h"

namespace sv::security {
namespace {

// Built once; RE2 objects are thread-safe for matching.
const RE2& IdentityNumberPattern() {
  // Ten or twelve digits with an optional - or + before the last four, not inside a longer run.
  static const RE2 pattern(R"((?:^|[^0-9])((?:\d{2})?\d{6}[-+]?\d{4})(?:[^0-9]|$))");
  return pattern;
}

const RE2& EmailPattern() {
  static const RE2 pattern(R"(([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}))");
  return pattern;
}

std::string_view KindName(PersonalDataKind kind) {
  switch (kind) {
    case PersonalDataKind::kIdentityNumber: return "a personal identity number";
    case PersonalDataKind::kPhoneNumber: return "a phone number";
    case PersonalDataKind::kEmailAddress: return "an e-mail address";
  }
  return "personal data";
}

void FindWithPattern(const RE2& pattern, std::string_view text, PersonalDataKind kind,
                     TimePoint today, std::vector<PersonalDataFinding>& out) {
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  while (RE2::FindAndConsume(&input, pattern, &match)) {
    const std::string_view candidate(match.data(), match.size());
    if (kind == PersonalDataKind::kIdentityNumber) {
      // "YYMMDD-NNNN" is unmistakable even with a wrong check digit; a bare run of ten or twelve
      // digits may be a phone number, so it counts only with a right check digit.
      const bool separated = candidate.find_first_of("-+") != std::string_view::npos;
      const bool number = separated ? LooksLikeIdentityNumber(candidate, today)
                                    : ParseIdentityNumber(candidate, today).ok();
      if (!number) continue;
    }
    out.push_back({kind, static_cast<std::size_t>(match.data() - text.data()), match.size()});
    // The identity pattern consumed the character after the number; step back so that two
    // numbers separated by one character are both found.
    if (kind == PersonalDataKind::kIdentityNumber && input.data() > match.data() + match.size()) {
      input = re2::StringPiece(match.data() + match.size(),
                               text.size() - (match.data() + match.size() - text.data()));
    }
  }
}

}  // namespace

std::vector<PersonalDataFinding> FindPersonalData(std::string_view text, TimePoint today,
                                                  std::size_t max_bytes) {
  text = text.substr(0, std::min(text.size(), max_bytes));
  std::vector<PersonalDataFinding> out;
  FindWithPattern(IdentityNumberPattern(), text, PersonalDataKind::kIdentityNumber, today, out);
  FindWithPattern(EmailPattern(), text, PersonalDataKind::kEmailAddress, today, out);

  using i18n::phonenumbers::PhoneNumberMatch;
  using i18n::phonenumbers::PhoneNumberMatcher;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  // VALID: a number that is a real number of its region, in any written grouping.
  PhoneNumberMatcher matcher(util, std::string(text), "SE", PhoneNumberMatcher::VALID,
                             /*max_tries=*/1000);
  while (matcher.HasNext()) {
    PhoneNumberMatch match;
    if (!matcher.Next(&match)) break;
    const auto start = static_cast<std::size_t>(match.start());
    const std::size_t length = match.length();
    // A personal identity number also looks like a phone number to the matcher: one finding.
    const bool overlaps = std::any_of(out.begin(), out.end(), [&](const PersonalDataFinding& f) {
      return f.kind == PersonalDataKind::kIdentityNumber && start < f.offset + f.length &&
             f.offset < start + length;
    });
    if (!overlaps) out.push_back({PersonalDataKind::kPhoneNumber, start, length});
  }
  std::sort(out.begin(), out.end(), [](const PersonalDataFinding& a, const PersonalDataFinding& b) {
    return a.offset < b.offset;
  });
  return out;
}

Status RefusePersonalData(std::string_view text, std::string_view field, TimePoint today) {
  const std::vector<PersonalDataFinding> found = FindPersonalData(text, today);
  if (found.empty()) return {};
  std::string what;
  for (PersonalDataKind kind : {PersonalDataKind::kIdentityNumber, PersonalDataKind::kPhoneNumber,
                                PersonalDataKind::kEmailAddress}) {
    const auto count = std::count_if(found.begin(), found.end(),
                                     [&](const PersonalDataFinding& f) { return f.kind == kind; });
    if (count == 0) continue;
    if (!what.empty()) what += " and ";
    what += KindName(kind);
  }
  return Status::InvalidInput("contains " + what + " (at character " +
                                  std::to_string(found.front().offset + 1) +
                                  "); the joint space holds no personal data: write counts and "
                                  "descriptions, and record persons in your own agency's records",
                              std::string(field))
      .WithReason("personal_data");
}

}  // namespace sv::security
