#pragma once
// Serves the built web application (web/dist). Hashed assets under /assets/ are cached for a
// year; everything else is revalidated. A path with no file extension that names no file gets
// index.html, so the application's own routes work on reload. /api/ paths are never served here.

#include <filesystem>
#include <string>
#include <string_view>

#include "http/message.h"

namespace sv::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // A response for a GET/HEAD of `request.path`: the file, index.html, or a 404 error body.
  Response Serve(const Request& request) const;

 private:
  Response File(const std::filesystem::path& file, std::string_view request_path) const;
  std::filesystem::path root_;
};

// The Content-Type for a file name ("app.js" → "text/javascript; charset=utf-8").
std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace sv::http
