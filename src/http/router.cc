#include "http/router.h"

#include <stdexcept>

namespace sv::http {
namespace {

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// How specific a match is: literal segments score higher, so "/units/me" beats "/units/{id}".
int Specificity(const std::vector<std::string>& segments) {
  int score = 0;
  for (const auto& s : segments) score = score * 2 + (IsParam(s) ? 0 : 1);
  return score;
}

}  // namespace

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  std::size_t pos = path.empty() || path[0] != '/' ? 0 : 1;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string::npos) {
      out.push_back(path.substr(pos));
      break;
    }
    out.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

void Router::Add(Method method, const std::string& pattern, Handler handler) {
  if (pattern.empty() || pattern[0] != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  for (const Entry& e : entries_) {
    if (e.method == method && e.pattern == pattern) {
      throw std::invalid_argument("duplicate route: " + std::string(MethodName(method)) + " " +
                                  pattern);
    }
  }
  entries_.push_back(Entry{method, pattern, SplitPath(pattern), std::move(handler)});
}

bool Router::Match(const Entry& entry, const std::vector<std::string>& segments,
                   std::map<std::string, std::string>* params) {
  if (entry.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& p = entry.segments[i];
    if (IsParam(p)) {
      if (segments[i].empty()) return false;
      if (params != nullptr) (*params)[p.substr(1, p.size() - 2)] = segments[i];
    } else if (p != segments[i]) {
      return false;
    }
  }
  return true;
}

Response Router::Dispatch(Request& request) const {
  const std::vector<std::string> segments = SplitPath(request.path);
  // HEAD is served by the GET route; the server drops the body.
  const Method wanted = request.method == Method::kHead ? Method::kGet : request.method;
  const Entry* best = nullptr;
  std::string allowed;
  for (const Entry& e : entries_) {
    if (!Match(e, segments, nullptr)) continue;
    if (e.method == wanted) {
      if (best == nullptr || Specificity(e.segments) > Specificity(best->segments)) best = &e;
    } else if (allowed.find(MethodName(e.method)) == std::string::npos) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(MethodName(e.method));
    }
  }
  if (best != nullptr) {
    request.path_params.clear();
    Match(*best, segments, &request.path_params);
    return best->handler(request);
  }
  if (!allowed.empty()) {
    Response r = ErrorResponse(405, "method_not_allowed",
                               "method " + std::string(MethodName(request.method)) +
                                   " is not allowed here; allowed: " + allowed);
    r.SetHeader("Allow", allowed);
    return r;
  }
  if (fallback_ && wanted == Method::kGet) return fallback_(request);
  return ErrorResponse(404, "not_found", "no such resource: " + request.path);
}

std::vector<Route> Router::Routes() const {
  std::vector<Route> out;
  for (const Entry& e : entries_) out.push_back(Route{e.method, e.pattern});
  return out;
}

}  // namespace sv::http
