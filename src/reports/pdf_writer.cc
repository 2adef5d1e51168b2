#include "reports/pdf_writer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

namespace sv::reports {
namespace {

// A4 in points, with margins of 2 cm.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.7;
constexpr double kFooterSpace = 28.0;
constexpr double kBottom = kPageHeight - kMargin - kFooterSpace;
constexpr double kMarkerWidth = 22.0;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

struct PdfWriter::State {
  std::string bytes;
  std::string footer;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoLayout* layout = nullptr;
  double y = kMargin;
  int page = 1;
  bool finished = false;

  ~State() {
    if (layout != nullptr) g_object_unref(layout);
    if (cr != nullptr) cairo_destroy(cr);
    if (surface != nullptr) cairo_surface_destroy(surface);
  }

  // Lays out `text` in `font` at width `width`; returns its height.
  double Prepare(std::string_view text, const char* font, double width) {
    PangoFontDescription* description = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void DrawFooter() {
    const std::string text = footer + " · sida " + std::to_string(page);
    Prepare(text, "DejaVu Sans 8", kPageWidth - 2 * kMargin);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_move_to(cr, kMargin, kPageHeight - kMargin);
    pango_cairo_show_layout(cr, layout);
    cairo_set_source_rgb(cr, 0, 0, 0);
  }

  void NewPage() {
    DrawFooter();
    cairo_show_page(cr);
    ++page;
    y = kMargin;
  }

  // Makes room for `height`, starting a new page when it does not fit (unless at the top).
  void Reserve(double height) {
    if (y + height > kBottom && y > kMargin) NewPage();
  }

  void Block(std::string_view text, const char* font, double space_after, double indent = 0) {
    const double height = Prepare(text, font, kPageWidth - 2 * kMargin - indent);
    Reserve(height);
    Prepare(text, font, kPageWidth - 2 * kMargin - indent);
    cairo_move_to(cr, kMargin + indent, y);
    pango_cairo_show_layout(cr, layout);
    y += height + space_after;
  }
};

PdfWriter::PdfWriter(std::string_view title, std::string footer) : state_(new State) {
  State& s = *state_;
  s.footer = std::move(footer);
  s.surface = cairo_pdf_surface_create_for_stream(Append, &s.bytes, kPageWidth, kPageHeight);
  const std::string title_text(title);
  cairo_pdf_surface_set_metadata(s.surface, CAIRO_PDF_METADATA_TITLE, title_text.c_str());
  cairo_pdf_surface_set_metadata(s.surface, CAIRO_PDF_METADATA_CREATOR, "samverkan");
  s.cr = cairo_create(s.surface);
  s.layout = pango_cairo_create_layout(s.cr);
  cairo_set_source_rgb(s.cr, 0, 0, 0);
}

PdfWriter::~PdfWriter() = default;

void PdfWriter::Title(std::string_view text) { state_->Block(text, "DejaVu Sans Bold 16", 10); }

void PdfWriter::Heading(std::string_view text) {
  // Keep a heading with at least a few lines of what follows.
  state_->Reserve(60);
  state_->Block(text, "DejaVu Sans Bold 12", 6);
}

void PdfWriter::Paragraph(std::string_view text) { state_->Block(text, "DejaVu Sans 10", 6); }

void PdfWriter::Item(std::string_view marker, std::string_view text, std::string_view note) {
  State& s = *state_;
  const double width = kPageWidth - 2 * kMargin - kMarkerWidth;
  double height = s.Prepare(text, "DejaVu Sans 10", width);
  double note_height = note.empty() ? 0 : s.Prepare(note, "DejaVu Sans 8", width);
  s.Reserve(height + note_height + 6);
  s.Prepare(marker, "DejaVu Sans 10", kMarkerWidth);
  cairo_move_to(s.cr, kMargin, s.y);
  pango_cairo_show_layout(s.cr, s.layout);
  s.Block(text, "DejaVu Sans 10", note.empty() ? 6 : 1, kMarkerWidth);
  if (!note.empty()) {
    cairo_set_source_rgb(s.cr, 0.25, 0.25, 0.25);
    s.Block(note, "DejaVu Sans 8", 6, kMarkerWidth);
    cairo_set_source_rgb(s.cr, 0, 0, 0);
  }
}

void PdfWriter::Space() { state_->y += 8; }

std::string PdfWriter::Finish() {
  State& s = *state_;
  if (!s.finished) {
    s.DrawFooter();
    cairo_show_page(s.cr);
    g_object_unref(s.layout);
    s.layout = nullptr;
    cairo_destroy(s.cr);
    s.cr = nullptr;
    cairo_surface_finish(s.surface);
    cairo_surface_destroy(s.surface);
    s.surface = nullptr;
    s.finished = true;
  }
  return s.bytes;
}

}  // namespace sv::reports
