#pragma once
// A small writer of printable A4 documents as PDF (Cairo's PDF surface, Pango for text layout,
// so Swedish letters, line wrapping and page breaks come out right). Text is laid out as plain
// text, never as markup, so what users wrote cannot change the layout. Not thread-safe: one
// writer per document.

#include <memory>
#include <string>
#include <string_view>

namespace sv::reports {

class PdfWriter {
 public:
  // `title` goes into the document's metadata; `footer` (with the page number) on every page.
  PdfWriter(std::string_view title, std::string footer);
  ~PdfWriter();
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  void Title(std::string_view text);
  void Heading(std::string_view text);
  void Paragraph(std::string_view text);
  // A list item with a marker such as "☐", "✓" or "•" and an optional second line in smaller
  // type (who signed, when); kept on one page.
  void Item(std::string_view marker, std::string_view text, std::string_view note = {});
  void Space();

  // Ends the document and returns the PDF bytes.
  std::string Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sv::reports
