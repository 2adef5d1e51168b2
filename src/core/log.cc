#include "core/log.h"

#include <chrono>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/clock.h"

namespace sv {
namespace {

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
  }
  return "info";
}

}  // namespace

std::string FormatLogLine(LogFormat format, LogLevel level, std::string_view time,
                          std::string_view event, LogFields fields) {
  if (format == LogFormat::kJson) {
    nlohmann::ordered_json line;
    line["time"] = time;
    line["level"] = LevelName(level);
    line["event"] = event;
    for (const LogField& f : fields) {
      std::visit([&](const auto& v) { line[std::string(f.key)] = v; }, f.value);
    }
    // Replace, not throw, on invalid UTF-8 in a field: a log line must never fail.
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::string out;
  out.append(time).append(" ").append(LevelName(level)).append(" ").append(event);
  for (const LogField& f : fields) {
    out.append(" ").append(f.key).append("=");
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::string>) {
            out.append(v);
          } else if constexpr (std::is_same_v<V, bool>) {
            out.append(v ? "true" : "false");
          } else {
            out.append(std::to_string(v));
          }
        },
        f.value);
  }
  return out;
}

Logger::Logger(LogLevel level, LogFormat format)
    : Logger(std::make_shared<spdlog::logger>(
                 "samverkan", std::make_shared<spdlog::sinks::stderr_sink_mt>()),
             level, format) {}

Logger::Logger(std::shared_ptr<spdlog::logger> sink, LogLevel level, LogFormat format)
    : sink_(std::move(sink)), level_(level), format_(format) {
  sink_->set_pattern("%v");
  sink_->set_level(spdlog::level::trace);
  sink_->flush_on(spdlog::level::trace);
}

Logger::~Logger() { sink_->flush(); }

void Logger::Write(LogLevel level, std::string_view event, LogFields fields) {
  if (!Enabled(level)) return;
  const std::string line =
      FormatLogLine(format_, level, FormatRfc3339(std::chrono::system_clock::now()), event, fields);
  sink_->info("{}", line);
}

void Logger::Flush() { sink_->flush(); }

}  // namespace sv
