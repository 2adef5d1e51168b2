#include "security/key_rotation.h"

#include <limits>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "security/detail/sodium.h"
#include "store/database.h"

namespace sv::security {
namespace {

constexpr int kMaxBatchSize = 100000;

bool PlainIdentifier(const std::string& name) {
  if (name.empty() || name.size() > 63 || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Status CheckColumn(const EncryptedColumn& column) {
  for (const auto& [what, name] :
       {std::pair{"table", &column.table}, std::pair{"id column", &column.id_column},
        std::pair{"column", &column.column}}) {
    if (!PlainIdentifier(*name)) {
      return Status::InvalidInput(std::string("re-encryption: ") + what + " `" + *name +
                                  "` is not a plain SQL identifier ([a-z_][a-z0-9_]*)");
    }
  }
  return Status::Ok();
}

struct StoredValue {
  long long id = 0;
  std::string text;
};

// Re-encrypts one batch of `column`: the next up to `batch_size` values after `last_id` that are
// not under the active key. Advances `last_id`, adds to `count`, and sets `more` when the batch
// was full.
Status ReencryptBatch(soci::session& sql, const FieldCipher& cipher, const EncryptedColumn& column,
                      int batch_size, long long& last_id, int64_t& count, bool& more) {
  const std::string prefix = "v1." + cipher.active_key_id() + ".";
  std::vector<StoredValue> batch;
  {
    StoredValue row;
    soci::indicator indicator = soci::i_ok;
    const long long after = last_id;
    // Values are ASCII, so substr counts the same in both databases.
    soci::statement select =
        (sql.prepare << "SELECT " << column.id_column << ", " << column.column << " FROM "
                     << column.table << " WHERE " << column.id_column << " > :after AND "
                     << column.column << " IS NOT NULL AND substr(" << column.column << ", 1, "
                     << prefix.size() << ") <> :prefix ORDER BY " << column.id_column << " LIMIT "
                     << batch_size,
         soci::use(after), soci::use(prefix), soci::into(row.id), soci::into(row.text, indicator));
    select.execute();
    while (select.fetch()) {
      if (indicator != soci::i_null) batch.push_back(row);
    }
  }
  more = batch.size() == static_cast<std::size_t>(batch_size);
  for (const StoredValue& row : batch) {
    Result<std::string> plaintext = cipher.Decrypt(row.text, column.associated_data);
    if (!plaintext.ok()) {
      return Status(plaintext.status().code(),
                    "table `" + column.table + "`, column `" + column.column + "`, id " +
                        std::to_string(row.id) + ": " + plaintext.status().message());
    }
    const std::string fresh = cipher.Encrypt(*plaintext, column.associated_data);
    detail::Wipe(*plaintext);
    // Unchanged since it was read: a value written meanwhile is newer than this one.
    soci::statement update =
        (sql.prepare << "UPDATE " << column.table << " SET " << column.column << " = :fresh WHERE "
                     << column.id_column << " = :id AND " << column.column << " = :old",
         soci::use(fresh), soci::use(row.id), soci::use(row.text));
    update.execute(true);
    count += update.get_affected_rows();
    last_id = row.id;
  }
  return Status::Ok();
}

}  // namespace

Result<int64_t> ReencryptColumns(store::Database& db, const FieldCipher& cipher,
                                 std::span<const EncryptedColumn> columns, int batch_size) {
  if (batch_size < 1 || batch_size > kMaxBatchSize) {
    return Status::InvalidInput("re-encryption: the batch size must be between 1 and " +
                                std::to_string(kMaxBatchSize));
  }
  for (const EncryptedColumn& column : columns) SV_RETURN_IF_ERROR(CheckColumn(column));
  int64_t total = 0;
  for (const EncryptedColumn& column : columns) {
    long long last_id = std::numeric_limits<long long>::min();
    bool more = true;
    while (more) {
      long long next_id = last_id;
      int64_t count = 0;
      SV_RETURN_IF_ERROR(db.InTransaction([&](soci::session& sql) {
        next_id = last_id;
        count = 0;
        return ReencryptBatch(sql, cipher, column, batch_size, next_id, count, more);
      }));
      last_id = next_id;
      total += count;
    }
  }
  return total;
}

}  // namespace sv::security
