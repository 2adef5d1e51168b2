#include "ads/highlights.h"

#include <gtest/gtest.h>

#include "ads/places.h"

namespace sv::ads {
namespace {

std::string Marked(std::string_view text, const Highlight& h) {
  return std::string(text.substr(h.begin, h.end - h.begin));
}

const Highlight* Of(const std::vector<Highlight>& all, const std::string& kind) {
  for (const Highlight& h : all) {
    if (h.kind == kind) return &h;
  }
  return nullptr;
}

class HighlightsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<PlaceFinder> places = PlaceFinder::Embedded();
    ASSERT_TRUE(places.ok());
    places_ = std::make_unique<PlaceFinder>(std::move(*places));
  }
  std::unique_ptr<PlaceFinder> places_;
};

TEST_F(HighlightsTest, MarksExactlyTheWordsEachExtractorReads) {
  const std::string text =
      "Hej! Ny tjej i Umeå, bara 16 år. Ring noll sju noll ett två tre fyra fem sex sju "
      "eller mejla lisa (a) example punkt com. 1500kr/h.";
  const std::vector<Highlight> found = FindHighlights(text, *places_);
  const Highlight* phone = Of(found, "phone");
  ASSERT_NE(phone, nullptr);
  EXPECT_EQ(phone->value, "+46701234567");
  EXPECT_EQ(Marked(text, *phone), "noll sju noll ett två tre fyra fem sex sju");
  const Highlight* email = Of(found, "email");
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(Marked(text, *email), "lisa (a) example punkt com.");
  const Highlight* age = Of(found, "age");
  ASSERT_NE(age, nullptr);
  EXPECT_EQ(age->value, "16");
  EXPECT_NE(Marked(text, *age).find("16"), std::string::npos);
  const Highlight* place = Of(found, "place");
  ASSERT_NE(place, nullptr);
  EXPECT_EQ(place->value, "2480");
  EXPECT_NE(Marked(text, *place).find("Umeå"), std::string::npos);
  const Highlight* price = Of(found, "price");
  ASSERT_NE(price, nullptr);
  EXPECT_EQ(price->value, "1500 SEK 60");
  for (std::size_t i = 1; i < found.size(); ++i) EXPECT_LE(found[i - 1].begin, found[i].begin);
}

TEST_F(HighlightsTest, NothingToMarkInPlainText) {
  EXPECT_TRUE(FindHighlights("Trevlig helg allihopa!", *places_).empty());
  EXPECT_TRUE(FindHighlights("", *places_).empty());
}

TEST_F(HighlightsTest, Utf16OffsetsCountAsJavaScriptDoes) {
  const std::string text = "Å🍒a";  // Å: 2 bytes, 1 unit; 🍒: 4 bytes, 2 units
  EXPECT_EQ(Utf16Offset(text, 0), 0u);
  EXPECT_EQ(Utf16Offset(text, 2), 1u);
  EXPECT_EQ(Utf16Offset(text, 6), 3u);
  EXPECT_EQ(Utf16Offset(text, 7), 4u);
}

// Found by fuzz_wording: an invalid lead byte (0xFF) counted as a surrogate pair. Stored texts are
// valid UTF-8 (the line parser refuses others), but the count must not run past the text.
TEST_F(HighlightsTest, InvalidLeadBytesCountOneUnit) {
  const std::string text = "\xe2\xff$4";
  EXPECT_EQ(Utf16Offset(text, text.size()), 4u);
  for (const Highlight& h : FindHighlights(text, *places_)) EXPECT_LE(h.end, text.size());
}

}  // namespace
}  // namespace sv::ads
