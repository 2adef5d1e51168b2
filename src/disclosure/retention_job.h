#pragma once
// The server's daily retention run (ARCHITECTURE.md, "Running": background work is claimed from a
// table, so that any number of server processes can share it). A thread sleeps until the
// configured Swedish time of day; then this process tries to claim the day's run
// (Retention::ClaimDailyRun) and, when it gets it, runs retention as `kRetentionUser`, expires old
// idempotency keys and logs the counts. Started after the time of day, it runs the day's job at
// once unless another process already did. Stop() wakes the thread and joins it; a run in
// progress finishes its current record file first.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/status.h"

namespace sv::disclosure {

class Retention;

struct RetentionJobOptions {
  int minute_of_day = 3 * 60 + 15;  // Swedish time: 03:15
  std::chrono::hours keep_idempotency_keys{24 * 7};
  std::string worker;  // names this process: "host:pid"
};

// The first instant after `after` at which Swedish local time is `minute_of_day` (minutes after
// midnight). On the night clocks go forward, a time in the skipped hour is an hour later.
TimePoint NextDailyRun(TimePoint after, int minute_of_day);

class RetentionJob {
 public:
  // `retention`, `clock` and `log` must outlive the job.
  RetentionJob(Retention& retention, const Clock& clock, Logger& log, RetentionJobOptions options);
  ~RetentionJob();  // Stop()
  RetentionJob(const RetentionJob&) = delete;
  RetentionJob& operator=(const RetentionJob&) = delete;

  // Starts the thread. Call once.
  void Start();
  // Wakes the thread and waits for it. Thread-safe; may be called more than once.
  void Stop();

  // Claims and runs the job of Swedish date `day` now; false when another process has claimed
  // it. Used by the thread; public for tests.
  Result<bool> RunDay(const CivilDate& day);

 private:
  void Loop();

  Retention& retention_;
  const Clock& clock_;
  Logger& log_;
  RetentionJobOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> stop_run_{false};  // ends a run in progress after its current record
  std::thread thread_;
};

}  // namespace sv::disclosure
