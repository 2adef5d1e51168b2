#include "security/identity_number.h"

#include <chrono>
#include <ctime>

namespace sv::security {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int Number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool ValidDate(int year, int month, int day) {
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                           std::chrono::day(static_cast<unsigned>(day))};
  return month >= 1 && month <= 12 && day >= 1 && ymd.ok();
}

}  // namespace

bool LuhnValid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

namespace {

Result<IdentityNumber> Parse(std::string_view text, TimePoint today, bool check_digit) {
  std::string digits;
  char separator = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if ((c == '-' || c == '+') && separator == 0 && (digits.size() == 6 ||
                                                             digits.size() == 8)) {
      separator = c;
    } else if (c == ' ' && digits.empty()) {
      continue;
    } else {
      return Status::InvalidInput("an identity number has only digits and one - or +",
                                  "identity_number");
    }
  }
  if (digits.size() != 10 && digits.size() != 12) {
    return Status::InvalidInput("an identity number has 10 or 12 digits", "identity_number");
  }
  if (separator == '+' && digits.size() == 12) {
    return Status::InvalidInput("'+' is only used with a two-digit year", "identity_number");
  }

  const std::time_t now = std::chrono::system_clock::to_time_t(today);
  std::tm tm{};
  gmtime_r(&now, &tm);
  const int this_year = tm.tm_year + 1900;
  const int this_md = (tm.tm_mon + 1) * 100 + tm.tm_mday;

  int year = 0;
  std::string_view rest;
  if (digits.size() == 12) {
    year = Number(std::string_view(digits).substr(0, 4));
    rest = std::string_view(digits).substr(4);
  } else {
    const int yy = Number(std::string_view(digits).substr(0, 2));
    rest = std::string_view(digits).substr(2);
    const int month = Number(rest.substr(0, 2));
    int day = Number(rest.substr(2, 2));
    if (day > 60) day -= 60;
    year = this_year - ((this_year - yy) % 100 + 100) % 100;  // latest year ending in yy
    if (year == this_year && month * 100 + day > this_md) year -= 100;
    if (separator == '+') year -= 100;
  }
  const int month = Number(rest.substr(0, 2));
  int day = Number(rest.substr(2, 2));
  const bool coordination = day > 60;
  if (coordination) day -= 60;
  if (!ValidDate(year, month, day)) {
    return Status::InvalidInput("the date part of the identity number is not a real date",
                                "identity_number");
  }
  if (year < 1850 || year > this_year ||
      (year == this_year && month * 100 + day > this_md)) {
    return Status::InvalidInput("the identity number's date is in the future or implausible",
                                "identity_number");
  }
  const std::string ten = digits.substr(digits.size() - 10);
  if (!AllDigits(ten) || (check_digit && !LuhnValid(ten))) {
    return Status::InvalidInput("the identity number's check digit is wrong", "identity_number");
  }
  IdentityNumber out;
  out.canonical = std::to_string(year) + std::string(rest);
  out.coordination = coordination;
  return out;
}

}  // namespace

Result<IdentityNumber> ParseIdentityNumber(std::string_view text, TimePoint today) {
  return Parse(text, today, /*check_digit=*/true);
}

bool LooksLikeIdentityNumber(std::string_view text, TimePoint today) {
  return Parse(text, today, /*check_digit=*/false).ok();
}

}  // namespace sv::security
