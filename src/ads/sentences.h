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
#include <cstdint>
#include <string_view>

namespace sv::ads {

// Calls `sentence(text)` for each sentence of `text` in order; the sentences, each with the
// punctuation and white space that end it, are `text` cut in pieces. Linear in the text, without
// allocation.
template <typename F>
void ForEachSentence(std::string_view text, F&& sentence);

// The ends of the sentences of a text in order, found in one pass over it, 64 bytes at a time:
// bit masks of the bytes that may begin a sentence (a capital after white space that follows
// punctuation, more white space or a line break) leave only a few places to check byte by byte.
class SentenceEnds {
 public:
  explicit SentenceEnds(std::string_view text) : text_(text) {}

  // Where the next sentence ends (the start of the one after it); text.size() for the last one
  // and after it.
  std::size_t Next();

  // The bytes of a block of 64 (bit k: byte k) that Next looks at.
  struct Block {
    std::uint64_t space = 0;       // white space
    std::uint64_t line_break = 0;  // "\n"
    std::uint64_t stop = 0;        // . ! ?
    std::uint64_t capital = 0;     // A-Z, and 0xC3 (which starts Å, Ä, Ö and É)
  };

 private:
  std::string_view text_;
  std::size_t next_ = 0;     // where the next block to look at starts
  std::uint64_t left_ = 0;   // the places of the block before it still to check
  Block last_;               // that block
};

template <typename F>
void ForEachSentence(std::string_view text, F&& sentence) {
  SentenceEnds ends(text);
  for (std::size_t from = 0; from < text.size();) {
    const std::size_t end = ends.Next();
    sentence(text.substr(from, end - from));
    from = end;
  }
}

}  // namespace sv::ads
