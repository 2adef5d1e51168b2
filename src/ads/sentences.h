#pragma once
// The sentences of an ad's body, as the extractors read it (extract.h): a body is read sentence by
// sentence, and no finding (a phone number, an e-mail address, an age, a price, a phrase) spans
// the end of one. Ad bodies repeat whole sentences from ad to ad (a template's fixed text, a site's
// or a writer's stock phrases), so that what a sentence says need be worked out only once
// (SentenceMemo).
//
// A sentence ends only where nothing an extractor reads can go on into the next one: after a word
// of letters that ends in a lower-case letter, followed by one or more of `.`, `!`, `?` and then
// white space, or by white space with a line break; and before a word that starts with an
// upper-case letter followed by a lower-case one. Neither word may be one that can stand for
// digits in a phone number (a number word such as "sex" or "nio", or letters such as "Ol"), so
// that "noll sju noll. Ett två tre" stays one sentence. Digits, "@", ":", ",", a word in capitals
// and anything else next to the end keep the two sentences together.

#include <cstddef>
#include <string_view>

namespace sv::ads {

// Calls `sentence(text)` for each sentence of `text` in order; the sentences, each with the
// punctuation and white space that end it, are `text` cut in pieces. Linear in the text, without
// allocation.
template <typename F>
void ForEachSentence(std::string_view text, F&& sentence);

// Where the sentence that starts at `from` ends (the start of the next one), or text.size().
std::size_t SentenceEnd(std::string_view text, std::size_t from);

template <typename F>
void ForEachSentence(std::string_view text, F&& sentence) {
  for (std::size_t from = 0; from < text.size();) {
    const std::size_t end = SentenceEnd(text, from);
    sentence(text.substr(from, end - from));
    from = end;
  }
}

}  // namespace sv::ads
