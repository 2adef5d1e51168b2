#include "disclosure/retention_job.h"

#include <algorithm>

#include "disclosure/retention.h"

namespace sv::disclosure {
namespace {

// Sleeps no longer than this at a time, so that a wall clock set forward or back is noticed.
constexpr std::chrono::minutes kLongestSleep{10};

// Swedish local time `minute_of_day` on `day`.
TimePoint SwedishTimeOn(const CivilDate& day, int minute_of_day) {
  const TimePoint start = StartOfSwedishDay(day);
  const TimePoint guess = start + std::chrono::minutes(minute_of_day);
  // Counted from midnight, a day with a clock change is an hour off after the change.
  const TimePoint adjusted = guess - (SwedishUtcOffset(guess) - SwedishUtcOffset(start));
  // A time in the hour skipped in spring does not exist: the guess is an hour later.
  return SwedishUtcOffset(adjusted) == SwedishUtcOffset(guess) ? adjusted : guess;
}

}  // namespace

TimePoint NextDailyRun(TimePoint after, int minute_of_day) {
  CivilDate day = SwedishDate(after);
  for (int i = 0; i < 3; ++i, day = AddDays(day, 1)) {
    const TimePoint t = SwedishTimeOn(day, minute_of_day);
    if (t > after) return t;
  }
  return SwedishTimeOn(day, minute_of_day);  // not reached: a day later is always after
}

RetentionJob::RetentionJob(Retention& retention, const Clock& clock, Logger& log,
                           RetentionJobOptions options)
    : retention_(retention), clock_(clock), log_(log), options_(std::move(options)) {}

RetentionJob::~RetentionJob() { Stop(); }

void RetentionJob::Start() {
  log_.Info("retention.daily_job_started",
            {{"at_minute_of_day", options_.minute_of_day}, {"worker", options_.worker}});
  thread_ = std::thread([this] { Loop(); });
}

void RetentionJob::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  stop_run_ = true;
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<bool> RetentionJob::RunDay(const CivilDate& day) {
  const std::string date = FormatDate(day);
  Result<bool> claimed = retention_.ClaimDailyRun(day, options_.worker);
  if (!claimed.ok()) {
    log_.Error("retention.daily_claim_failed",
               {{"day", date}, {"error", claimed.status().message()}});
    return claimed.status();
  }
  if (!*claimed) {
    log_.Info("retention.daily_run_elsewhere", {{"day", date}});
    return false;
  }
  const security::RequestContext ctx{"retention-daily-" + date, "samverkan serve (daily job)"};
  Result<RetentionRunResult> run = retention_.Run(day, ctx, &stop_run_);
  Result<int64_t> expired =
      retention_.ExpireIdempotencyKeys(clock_.Now() - options_.keep_idempotency_keys);
  const bool ok = run.ok() && run->failures.empty() && expired.ok();
  std::string detail;
  if (run.ok()) {
    detail = "due " + std::to_string(run->listed.due.size()) + ", deleted " +
             std::to_string(run->deleted_total) + ", held " + std::to_string(run->held) +
             ", skipped " + std::to_string(run->skipped) + ", failed " +
             std::to_string(run->failures.size()) + (run->stopped ? " (stopped at shutdown)" : "");
  } else {
    detail = "run failed: " + run.status().message();
  }
  if (expired.ok()) {
    detail += "; idempotency keys expired " + std::to_string(*expired);
  } else {
    detail += "; idempotency keys: " + expired.status().message();
  }
  Status finished = retention_.FinishDailyRun(day, ok, detail);
  if (run.ok()) {
    log_.Write(ok ? LogLevel::kInfo : LogLevel::kError, "retention.daily_run",
               {{"day", date},
                {"due", static_cast<int64_t>(run->listed.due.size())},
                {"deleted", run->deleted_total},
                {"held", run->held},
                {"skipped", run->skipped},
                {"failed", static_cast<int64_t>(run->failures.size())},
                {"idempotency_keys_expired", expired.ok() ? *expired : int64_t{-1}}});
    for (const std::string& failure : run->failures) {
      log_.Error("retention.purge_failed", {{"day", date}, {"record", failure}});
    }
  } else {
    log_.Error("retention.daily_run_failed", {{"day", date}, {"error", run.status().message()}});
  }
  if (!finished.ok()) {
    log_.Error("retention.daily_finish_failed", {{"day", date}, {"error", finished.message()}});
  }
  return true;
}

void RetentionJob::Loop() {
  std::optional<CivilDate> handled;  // the last day this process ran or tried
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    const TimePoint now = clock_.Now();
    const CivilDate today = SwedishDate(now);
    const TimePoint todays_run =
        NextDailyRun(StartOfSwedishDay(today) - std::chrono::seconds(1), options_.minute_of_day);
    if (now >= todays_run && handled != today) {
      handled = today;
      lock.unlock();
      (void)RunDay(today);  // logged there
      lock.lock();
      continue;
    }
    const TimePoint next =
        now < todays_run ? todays_run : NextDailyRun(now, options_.minute_of_day);
    const auto wait = std::min<std::chrono::system_clock::duration>(
        next - now + std::chrono::seconds(1), kLongestSleep);
    wake_.wait_for(lock, wait, [this] { return stopping_; });
  }
}

}  // namespace sv::disclosure
