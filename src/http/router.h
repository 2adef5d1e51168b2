#pragma once
// Maps method + path pattern to a handler. Patterns are literal segments and `{name}` parameters:
// "/api/v1/units/{id}". A literal segment wins over a parameter at the same position.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace sv::http {

using Handler = std::function<Response(const Request&)>;

struct Route {
  Method method;
  std::string pattern;
};

class Router {
 public:
  // Adds a route. Throws std::invalid_argument on a malformed or duplicate pattern (start-up only).
  void Add(Method method, const std::string& pattern, Handler handler);
  // Called for a GET or HEAD that matches no route (the web application's static files).
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  // Dispatches `request` (path already decoded into `request.path`): the route's handler, 405 with
  // Allow when the path exists under another method, the fallback, or 404 — all as responses.
  // Fills `request.path_params`.
  Response Dispatch(Request& request) const;

  // Every registered route, in order of registration (the policy table test enumerates these).
  std::vector<Route> Routes() const;

 private:
  struct Entry {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;  // "{id}" marks a parameter
    Handler handler;
  };
  static bool Match(const Entry& entry, const std::vector<std::string>& segments,
                    std::map<std::string, std::string>* params);
  std::vector<Entry> entries_;
  Handler fallback_;
};

// Splits a decoded path into segments ("/a/b" → {"a","b"}).
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace sv::http
