#include "security/audit.h"

#include <soci/soci.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <limits>
#include <ostream>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "store/database.h"

namespace sv::security {
namespace {

// Key of the PostgreSQL advisory lock that serialises appends ("sv-audit"); other locks of the
// product use other keys (store/migrate.cc).
constexpr long long kAppendLockKey = 0x73762d6175646974LL;

constexpr std::size_t kHashBytes = 32;  // BLAKE2b-256
// prev_hash of event 1: 64 zeros.
constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";
static_assert(kGenesisHash.size() == 2 * kHashBytes);
// Names the serialisation below, so that a later format (v2) can never produce a v1 hash.
constexpr std::string_view kHashDomain = "samverkan audit event v1";

// Rows per transaction when walking the trail. SOCI's PostgreSQL backend holds a statement's whole
// result in memory, so long walks go in chunks by seq; on SQLite a chunk also bounds how long a
// walk holds the write lock (transactions are BEGIN IMMEDIATE).
constexpr int kChunkRows = 1000;
constexpr int kMaxForRecord = 10000;
// Text fields longer than this are cut (at a character boundary, marked with "…"): an audit event
// records what happened, and hostile input must not grow the trail without bound.
constexpr std::size_t kMaxFieldBytes = 2000;

constexpr const char* kColumns =
    "seq, at, user_id, username, unit_id, action, record_type, record_id, compartment, purpose, "
    "outcome, detail, request_id, client, prev_hash, hash";

// The keyed hash of `e`: BLAKE2b-256 under the audit key over every field except `hash`, each
// integer as 8 bytes big-endian two's complement and each text as its 8-byte big-endian length
// followed by its bytes, in this order: domain tag, seq, at (Unix µs), user_id, username, unit_id,
// action, record_type, record_id, compartment, purpose, outcome, detail, request_id, client,
// prev_hash. Lower-case hex. Changing this breaks every stored chain: add a new domain tag.
std::string EventHash(const Key32& key, const AuditEvent& e) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, key.data(), key.size(), kHashBytes);
  auto put_u64 = [&](uint64_t v) {
    std::array<unsigned char, 8> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      bytes[i] = static_cast<unsigned char>(v >> (56 - 8 * i));
    }
    crypto_generichash_update(&state, bytes.data(), bytes.size());
  };
  auto put_int = [&](int64_t v) { put_u64(static_cast<uint64_t>(v)); };
  auto put_text = [&](std::string_view s) {
    put_u64(s.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  };
  put_text(kHashDomain);
  put_int(e.seq);
  put_int(ToUnixMicros(e.at));
  put_int(e.user_id);
  put_text(e.username);
  put_int(e.unit_id);
  for (const std::string* text :
       {&e.action, &e.record_type, &e.record_id, &e.compartment, &e.purpose, &e.outcome, &e.detail,
        &e.request_id, &e.client, &e.prev_hash}) {
    put_text(*text);
  }
  std::array<unsigned char, kHashBytes> digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  std::array<char, 2 * kHashBytes + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), 2 * kHashBytes);
}

// The length of the valid UTF-8 sequence at the start of `s` (never NUL), or 0 when there is none.
std::size_t Utf8SequenceLength(std::string_view s) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// `text` as PostgreSQL's TEXT can hold it and SQLite gives it back unchanged: every byte that does
// not start a valid UTF-8 sequence, and NUL, becomes U+FFFD; then cut to kMaxFieldBytes. So an
// event is never lost, nor its hash broken, for the bytes a hostile client sent.
std::string StorableText(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  static constexpr std::string_view kCut = "\xE2\x80\xA6";  // …
  std::string out;
  out.reserve(std::min(text.size(), kMaxFieldBytes));
  while (!text.empty()) {
    const std::size_t n = Utf8SequenceLength(text);
    const std::string_view piece = n == 0 ? kReplacement : text.substr(0, n);
    const std::size_t consumed = n == 0 ? 1 : n;
    // Leave room for the mark while more is to come.
    const std::size_t room = kMaxFieldBytes - (text.size() > consumed ? kCut.size() : 0);
    if (out.size() + piece.size() > room) {
      out.append(kCut);
      break;
    }
    out.append(piece);
    text.remove_prefix(consumed);
  }
  return out;
}

// Column buffers for one audit row; integer columns go through `long long` so SQLite's INTEGER
// and PostgreSQL's BIGINT read alike.
struct EventRow {
  long long seq = 0, at = 0, user_id = 0, unit_id = 0;
  std::string username, action, record_type, record_id, compartment, purpose, outcome, detail,
      request_id, client, prev_hash, hash;

  // Binds every column of kColumns, in order, as an output of `st`.
  void Into(soci::statement& st) {
    st.exchange(soci::into(seq));
    st.exchange(soci::into(at));
    st.exchange(soci::into(user_id));
    st.exchange(soci::into(username));
    st.exchange(soci::into(unit_id));
    for (std::string* text : {&action, &record_type, &record_id, &compartment, &purpose, &outcome,
                              &detail, &request_id, &client, &prev_hash, &hash}) {
      st.exchange(soci::into(*text));
    }
  }

  AuditEvent ToEvent() const {
    AuditEvent e;
    e.seq = seq;
    e.at = FromUnixMicros(at);
    e.user_id = user_id;
    e.username = username;
    e.unit_id = unit_id;
    e.action = action;
    e.record_type = record_type;
    e.record_id = record_id;
    e.compartment = compartment;
    e.purpose = purpose;
    e.outcome = outcome;
    e.detail = detail;
    e.request_id = request_id;
    e.client = client;
    e.prev_hash = prev_hash;
    e.hash = hash;
    return e;
  }
};

// Runs `SELECT kColumns FROM audit_events <tail>` with the inputs `bind` adds, and calls `each`
// per row until it returns false. Returns how many rows were fetched.
int SelectEvents(soci::session& sql, const std::string& tail,
                 const std::function<void(soci::statement&)>& bind,
                 const std::function<bool(const AuditEvent&)>& each) {
  EventRow row;
  soci::statement st(sql);
  row.Into(st);
  bind(st);
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + " FROM audit_events " + tail);
  st.define_and_bind();
  st.execute(false);
  int rows = 0;
  while (st.fetch()) {
    ++rows;
    if (!each(row.ToEvent())) break;
  }
  return rows;
}

nlohmann::ordered_json ToJson(const AuditEvent& e) {
  return {{"seq", e.seq},
          {"at", FormatRfc3339(e.at)},
          {"at_us", ToUnixMicros(e.at)},
          {"user_id", e.user_id},
          {"username", e.username},
          {"unit_id", e.unit_id},
          {"action", e.action},
          {"record_type", e.record_type},
          {"record_id", e.record_id},
          {"compartment", e.compartment},
          {"purpose", e.purpose},
          {"outcome", e.outcome},
          {"detail", e.detail},
          {"request_id", e.request_id},
          {"client", e.client},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

bool SodiumReady() {
  // sodium_init is thread-safe and idempotent; it only fails when no entropy source exists.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

bool IsZero(const Key32& key) {
  return std::all_of(key.begin(), key.end(), [](uint8_t b) { return b == 0; });
}

Status NoKey() {
  return Status::Internal(
      "no audit key is loaded (it is all zero): load the key file before using the audit trail");
}

}  // namespace

AuditLog::AuditLog(store::Database& database, const Clock& clock, const KeyRing& keys)
    : database_(database), clock_(clock), key_(keys.audit_key) {}

// Database errors throw out of this function as SOCI exceptions, like any statement inside
// Database::InTransaction, which turns them into a Status and rolls back.
//
// PostgreSQL: the advisory lock is held until the caller's transaction ends, so appends (and the
// transactions that make them) run one at a time from here on; append last in a transaction.
// SQLite: InTransaction's BEGIN IMMEDIATE already holds the write lock. Outside a transaction
// two appends could read the same last seq; the primary key then refuses the second (kConflict),
// so the chain never forks.
Result<AuditEvent> AuditLog::Append(soci::session& sql, AuditEvent event) {
  if (!SodiumReady()) return Status::Internal("libsodium could not be initialised");
  if (IsZero(key_)) return NoKey();
  if (event.action.empty()) return Status::InvalidInput("an audit event needs an action", "action");
  if (event.outcome.empty()) {
    return Status::InvalidInput("an audit event needs an outcome", "outcome");
  }
  for (std::string* text :
       {&event.username, &event.action, &event.record_type, &event.record_id, &event.compartment,
        &event.purpose, &event.outcome, &event.detail, &event.request_id, &event.client}) {
    *text = StorableText(*text);
  }

  if (database_.dialect() == store::Dialect::kPostgres) {
    sql << "SELECT pg_advisory_xact_lock(" << kAppendLockKey << ")";
  }
  long long last_seq = 0;
  std::string last_hash;
  sql << "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1", soci::into(last_seq),
      soci::into(last_hash);
  if (!sql.got_data()) {
    last_seq = 0;
    last_hash = std::string(kGenesisHash);
  }

  event.seq = last_seq + 1;
  const long long at = ToUnixMicros(clock_.Now());
  event.at = FromUnixMicros(at);  // what the database keeps, so the hash matches on reading
  event.prev_hash = last_hash;
  event.hash = EventHash(key_, event);

  const long long seq = event.seq;
  const long long user_id = event.user_id;
  const long long unit_id = event.unit_id;
  sql << "INSERT INTO audit_events (" << kColumns
      << ") VALUES (:seq, :at, :user_id, :username, :unit_id, :action, :record_type, :record_id, "
         ":compartment, :purpose, :outcome, :detail, :request_id, :client, :prev_hash, :hash)",
      soci::use(seq), soci::use(at), soci::use(user_id), soci::use(event.username),
      soci::use(unit_id), soci::use(event.action), soci::use(event.record_type),
      soci::use(event.record_id), soci::use(event.compartment), soci::use(event.purpose),
      soci::use(event.outcome), soci::use(event.detail), soci::use(event.request_id),
      soci::use(event.client), soci::use(event.prev_hash), soci::use(event.hash);
  return event;
}

Result<AuditEvent> AuditLog::Append(AuditEvent event) {
  Result<AuditEvent> out = Status::Internal("the audit append did not run");
  Status status = database_.InTransaction([&](soci::session& sql) -> Status {
    out = Append(sql, std::move(event));
    return out.status();
  });
  if (!status.ok()) return status;
  return out;
}

// Verify walks the events that exist when it starts (seq up to the maximum then), in chunks.
// A chain alone cannot show that events were cut off its end (the newest ones, or all of them):
// what is left is a valid, shorter chain. That needs an anchor kept outside the database, such as
// the newest (seq, hash) recorded elsewhere at intervals, which the trail must still reach.
Result<AuditVerification> AuditLog::Verify() {
  if (!SodiumReady()) return Status::Internal("libsodium could not be initialised");
  if (IsZero(key_)) return NoKey();
  long long last = 0;
  Status status = database_.InReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT COALESCE(MAX(seq), 0) FROM audit_events", soci::into(last);
    return Status::Ok();
  });
  if (!status.ok()) return status;

  AuditVerification result;
  long long expected = 1;  // the seq the next event must have
  std::string previous_hash(kGenesisHash);
  long long after = std::numeric_limits<long long>::min();  // the first chunk takes seq >= this
  bool started = false;
  const long long chunk = kChunkRows;
  auto check = [&](const AuditEvent& e) -> bool {
    ++result.events;
    auto broken = [&](int64_t seq, std::string reason) {
      result.intact = false;
      result.first_broken = seq;
      result.reason = std::move(reason);
      return false;
    };
    if (e.seq > expected) {
      if (e.seq == expected + 1) return broken(expected, "missing (deleted?)");
      return broken(expected, "missing, as are the events after it up to " +
                                  std::to_string(e.seq - 1) + " (deleted?)");
    }
    if (e.seq < expected) {  // only a first row numbered below 1 can be here
      return broken(e.seq, "numbered below 1, where the trail starts (inserted?)");
    }
    if (e.prev_hash != previous_hash) {
      if (expected == 1) {
        return broken(e.seq,
                      "does not start the trail: its previous hash is not all zeros "
                      "(reordered or inserted)");
      }
      return broken(e.seq, "does not follow event " + std::to_string(expected - 1) +
                               " (reordered or inserted)");
    }
    if (EventHash(key_, e) != e.hash) {
      return broken(e.seq,
                    "content does not match its hash (changed after it was written, or "
                    "written without the audit key)");
    }
    previous_hash = e.hash;
    ++expected;
    after = e.seq;
    return true;
  };
  while (result.intact) {
    int rows = 0;
    status = database_.InReadTransaction([&](soci::session& sql) -> Status {
      rows = SelectEvents(
          sql,
          std::string("WHERE seq ") + (started ? ">" : ">=") +
              " :after AND seq <= :last ORDER BY seq LIMIT :n",
          [&](soci::statement& st) {
            st.exchange(soci::use(after));
            st.exchange(soci::use(last));
            st.exchange(soci::use(chunk));
          },
          check);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    started = true;
    if (rows < kChunkRows) break;
  }
  // Events that vanished between reading the maximum and walking (possible only by tampering).
  if (result.intact && expected <= last) {
    result.intact = false;
    result.first_broken = expected;
    result.reason = "missing (deleted while the trail was being verified?)";
  }
  return result;
}

// Export writes in chain order (seq), which is the order of `at` unless the clock was set back.
// It first finds the seq range of the window through the index on `at`, then walks that range
// in chunks by seq; each chunk is written to `out` after its transaction, so a slow reader of
// `out` does not hold SQLite's write lock.
Result<int64_t> AuditLog::Export(TimePoint from, TimePoint to, std::ostream& out) {
  if (to < from) {
    return Status::InvalidInput("the export window ends (" + FormatRfc3339(to) +
                                    ") before it starts (" + FormatRfc3339(from) + ")",
                                "to");
  }
  const long long from_us = ToUnixMicros(from);
  const long long to_us = ToUnixMicros(to);
  long long first = 0;
  long long last = -1;
  Status status = database_.InReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), -1) FROM audit_events "
           "WHERE at >= :from_us AND at < :to_us",
        soci::use(from_us), soci::use(to_us), soci::into(first), soci::into(last);
    return Status::Ok();
  });
  if (!status.ok()) return status;

  const long long chunk = kChunkRows;
  long long after = first;  // the first chunk takes seq >= this
  bool started = false;
  int64_t written = 0;
  std::string lines;
  while (first <= last) {
    int rows = 0;
    lines.clear();
    status = database_.InReadTransaction([&](soci::session& sql) -> Status {
      rows = SelectEvents(
          sql,
          std::string("WHERE seq ") + (started ? ">" : ">=") +
              " :after AND seq <= :last AND at >= :from_us AND at < :to_us ORDER BY seq LIMIT :n",
          [&](soci::statement& st) {
            st.exchange(soci::use(after));
            st.exchange(soci::use(last));
            st.exchange(soci::use(from_us));
            st.exchange(soci::use(to_us));
            st.exchange(soci::use(chunk));
          },
          [&](const AuditEvent& e) {
            // Stored text is valid UTF-8 (StorableText) unless the database was changed by hand;
            // replace rather than fail then: Verify shows the change.
            lines += ToJson(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            lines += '\n';
            after = e.seq;
            return true;
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    out << lines;
    if (!out) {
      return Status::Internal("could not write the audit export after " + std::to_string(written) +
                              " events: the output failed");
    }
    written += rows;
    started = true;
    if (rows < kChunkRows) break;
  }
  out.flush();
  if (!out) return Status::Internal("could not write the audit export: the output failed");
  return written;
}

Result<std::vector<AuditEvent>> AuditLog::ForRecord(const std::string& record_type,
                                                    const std::string& record_id, int limit) {
  if (record_type.empty()) return Status::InvalidInput("name a record type", "record_type");
  if (limit < 1 || limit > kMaxForRecord) {
    return Status::InvalidInput("the limit must be between 1 and " + std::to_string(kMaxForRecord),
                                "limit");
  }
  const long long n = limit;
  std::vector<AuditEvent> events;
  Status status = database_.InReadTransaction([&](soci::session& sql) -> Status {
    SelectEvents(
        sql, "WHERE record_type = :type AND record_id = :id ORDER BY seq DESC LIMIT :n",
        [&](soci::statement& st) {
          st.exchange(soci::use(record_type));
          st.exchange(soci::use(record_id));
          st.exchange(soci::use(n));
        },
        [&](const AuditEvent& e) {
          events.push_back(e);
          return true;
        });
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return events;
}

AuditEvent EventBy(const Principal& who, std::string action, std::string record_type,
                   std::string record_id, std::string compartment, const RequestContext& ctx) {
  AuditEvent e;
  e.user_id = who.user.id;
  e.username = who.user.username;
  e.unit_id = who.unit.id;
  e.action = std::move(action);
  e.record_type = std::move(record_type);
  e.record_id = std::move(record_id);
  e.compartment = std::move(compartment);
  e.outcome = "ok";
  e.request_id = ctx.request_id;
  e.client = ctx.client;
  return e;
}

}  // namespace sv::security
