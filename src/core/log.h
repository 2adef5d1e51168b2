#pragma once
// Structured logging: one JSON object per line in production ("json"), or a readable line on a
// terminal ("text"). Every line of a request carries its request id as a field.
//
// A Logger is passed by reference to whatever logs; there is no global logger. Thread-safe.

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace spdlog {
class logger;
}

namespace sv {

enum class LogLevel { kDebug, kInfo, kWarn, kError };
enum class LogFormat { kJson, kText };

struct LogField {
  LogField(std::string_view k, std::string_view v) : key(k), value(std::string(v)) {}
  LogField(std::string_view k, const char* v) : key(k), value(std::string(v)) {}
  LogField(std::string_view k, const std::string& v) : key(k), value(v) {}
  LogField(std::string_view k, int64_t v) : key(k), value(v) {}
  LogField(std::string_view k, int v) : key(k), value(int64_t{v}) {}
  LogField(std::string_view k, uint64_t v) : key(k), value(static_cast<int64_t>(v)) {}
  LogField(std::string_view k, double v) : key(k), value(v) {}
  LogField(std::string_view k, bool v) : key(k), value(v) {}
  std::string_view key;
  std::variant<std::string, int64_t, double, bool> value;
};

using LogFields = std::initializer_list<LogField>;

class Logger {
 public:
  // Writes to standard error.
  Logger(LogLevel level, LogFormat format);
  // Writes to the given spdlog logger (tests capture lines this way).
  Logger(std::shared_ptr<spdlog::logger> sink, LogLevel level, LogFormat format);
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  void Debug(std::string_view event, LogFields fields = {}) { Write(LogLevel::kDebug, event, fields); }
  void Info(std::string_view event, LogFields fields = {}) { Write(LogLevel::kInfo, event, fields); }
  void Warn(std::string_view event, LogFields fields = {}) { Write(LogLevel::kWarn, event, fields); }
  void Error(std::string_view event, LogFields fields = {}) { Write(LogLevel::kError, event, fields); }
  void Write(LogLevel level, std::string_view event, LogFields fields);
  bool Enabled(LogLevel level) const { return level >= level_; }
  void Flush();

 private:
  std::shared_ptr<spdlog::logger> sink_;
  LogLevel level_;
  LogFormat format_;
};

// Renders one line without writing it (the formatting the Logger uses).
std::string FormatLogLine(LogFormat format, LogLevel level, std::string_view time,
                          std::string_view event, LogFields fields);

}  // namespace sv
