#include "http/request_target.h"

namespace sv::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool HasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

Result<RequestTarget> ParseRequestTarget(std::string_view target, std::size_t max_length) {
  if (target.size() > max_length) {
    return Status::InvalidInput("the request target is longer than " + std::to_string(max_length) +
                                " bytes");
  }
  if (target.empty() || target.front() != '/') {
    return Status::InvalidInput("the request target must start with '/'");
  }
  if (HasControl(target)) {
    return Status::InvalidInput("the request target contains a control character");
  }
  if (target.find('#') != std::string_view::npos) {
    return Status::InvalidInput("the request target must not contain a fragment");
  }
  std::string_view raw_path = target;
  std::string_view raw_query;
  if (auto q = target.find('?'); q != std::string_view::npos) {
    raw_path = target.substr(0, q);
    raw_query = target.substr(q + 1);
  }

  RequestTarget out;
  out.path.reserve(raw_path.size());
  std::string decoded;
  std::size_t pos = 1;  // after the leading '/'
  while (true) {
    std::size_t slash = raw_path.find('/', pos);
    std::string_view raw_segment =
        raw_path.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    if (!PercentDecode(raw_segment, false, decoded)) {
      return Status::InvalidInput("the request path has a malformed percent-escape");
    }
    if (decoded == "." || decoded == "..") {
      return Status::InvalidInput("the request path must not contain '.' or '..' segments");
    }
    if (decoded.find('/') != std::string::npos || HasControl(decoded)) {
      return Status::InvalidInput("the request path has an encoded '/' or control character");
    }
    if (!IsValidUtf8(decoded)) {
      return Status::InvalidInput("the request path is not valid UTF-8");
    }
    out.path += '/';
    out.path += decoded;
    out.segments.push_back(decoded);
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }

  std::string key;
  std::string value;
  std::size_t start = 0;
  while (start <= raw_query.size() && !raw_query.empty()) {
    std::size_t amp = raw_query.find('&', start);
    std::string_view pair = raw_query.substr(
        start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      std::string_view raw_key = pair.substr(0, eq);
      std::string_view raw_value =
          eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      if (!PercentDecode(raw_key, true, key) || !PercentDecode(raw_value, true, value)) {
        return Status::InvalidInput("the query string has a malformed percent-escape");
      }
      if (HasControl(key) || HasControl(value) || !IsValidUtf8(key) || !IsValidUtf8(value)) {
        return Status::InvalidInput("the query string has a control character or invalid UTF-8");
      }
      out.query.emplace_back(key, value);
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return out;
}

}  // namespace sv::http
