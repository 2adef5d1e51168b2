#pragma once
// Parses an HTTP request target in origin form ("/api/v1/units/7?from=2026-01-01&q=a+b").
// Boost 1.74 has no Boost.URL; this parser is small, strict and fuzzed (request_target_fuzz.cc).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sv::http {

struct RequestTarget {
  std::string path;                   // percent-decoded, always starts with '/'
  std::vector<std::string> segments;  // decoded path segments; "/a/b/" → {"a", "b", ""}
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order, '+' is a space
};

// Refuses (kInvalidInput): anything not starting with '/', more than `max_length` bytes, bad
// percent-escapes, control characters or NUL (raw or decoded), "." or ".." segments, a decoded
// '/' inside a segment, invalid UTF-8 after decoding.
Result<RequestTarget> ParseRequestTarget(std::string_view target, std::size_t max_length = 8192);

// Decodes %XX escapes (and '+' as space when `plus_is_space`); false on a malformed escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out);

// True when `text` is valid UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace sv::http
