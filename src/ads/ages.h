#pragma once
// Stated ages (../shared/spec/ads.md, `ages`) and wording that presents the person as a child or
// school pupil (the `possible_minor` indicator), in Swedish and English ad text.

#include <string_view>
#include <vector>

namespace sv::ads {

struct AgeFindings {
  std::vector<int> ages;       // 10–99, sorted, unique
  bool child_wording = false;  // "skolflicka", "går i nian", "schoolgirl", …
};

// Reads ages stated with a context that makes them ages: "23 år", "19-åring", "ålder: 19",
// "19yo", "19 y/o", "I'm 21", "jag är 21", "jag är bara 16", "I'm only 16", "age 20",
// "nyss fyllda 18", "just turned 19", "tjej 19", "student 20", and the ages of several persons
// joined to a stated one ("21 och 23 år", "19, 21 and 23 years old").
// A bare number is never an age, nor a number joined to other digits (phone numbers, postal
// codes, times, dates, "24/7", "18-25") or followed by "%". "över 18 år", "18+" and ranges
// ("män mellan 25 och 60 år") are disclaimers or wishes, not ages.
//
// Stateless: every function may be called from many threads at once. Linear in the text, and
// allocates only the returned ages.
AgeFindings FindAges(std::string_view text);
// The same, adding to `out` (its ages kept sorted and unique, child wording or-ed): the texts of
// one ad, or the sentences of one body, in one value without allocating for each.
void FindAges(std::string_view text, AgeFindings& out);

// Adds to `ages` the age in the site's age field ("19", "19 år", "19 years"): each number of two
// digits there that stands alone. Keeps `ages` sorted and unique.
void AddAgeField(std::string_view field, std::vector<int>& ages);

// Whether `text` presents the person as a child or a school pupil. The word list is
// kChildWording in ages.cc.
bool HasChildWording(std::string_view text);

}  // namespace sv::ads
