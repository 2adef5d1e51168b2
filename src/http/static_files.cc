#include "http/static_files.h"

#include <array>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

namespace sv::http {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
    {".pdf", "application/pdf"},
}};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view file_name) {
  for (const auto& [ext, type] : kTypes) {
    if (EndsWith(file_name, ext)) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

Response StaticFiles::File(const std::filesystem::path& file, std::string_view request_path) const {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ErrorResponse(404, "not_found", "no such file");
  std::ostringstream content;
  content << in.rdbuf();
  Response r;
  r.content_type = std::string(ContentTypeFor(file.filename().string()));
  r.body = std::move(content).str();
  // Vite puts content-hashed names under /assets/: safe to cache forever.
  r.SetHeader("Cache-Control", request_path.rfind("/assets/", 0) == 0
                                   ? "public, max-age=31536000, immutable"
                                   : "no-cache");
  return r;
}

Response StaticFiles::Serve(const Request& request) const {
  const std::string& path = request.path;
  if (path.rfind("/api/", 0) == 0 || path == "/api") {
    return ErrorResponse(404, "not_found", "no such resource: " + path);
  }
  // The request target parser already refused "..", "." and encoded slashes, so `path` stays
  // inside the root; the check below guards against links that lead out of it.
  std::filesystem::path candidate = root_ / std::filesystem::path(path).relative_path();
  std::error_code ec;
  auto canonical_root = std::filesystem::weakly_canonical(root_, ec);
  auto canonical_file = std::filesystem::weakly_canonical(candidate, ec);
  auto rel = canonical_file.lexically_relative(canonical_root);
  if (ec || rel.empty() || rel.native().rfind("..", 0) == 0) {
    return ErrorResponse(404, "not_found", "no such file: " + path);
  }
  if (std::filesystem::is_regular_file(canonical_file, ec)) {
    return File(canonical_file, path);
  }
  const std::string last = std::filesystem::path(path).filename().string();
  if (last.find('.') == std::string::npos) {
    Response r = File(root_ / "index.html", "/index.html");
    if (r.status == 200) return r;
  }
  return ErrorResponse(404, "not_found", "no such file: " + path);
}

}  // namespace sv::http
