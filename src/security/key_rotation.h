#pragma once
// Re-encryption of stored fields after `samverkan keys rotate` made a new field key active: each
// value under an older key is decrypted and encrypted again under the active one, so the older
// key can be removed from the key file once a run reports nothing left to do.

#include <cstdint>
#include <span>
#include <string>

#include "core/status.h"
#include "security/field_cipher.h"

namespace sv::store {
class Database;
}

namespace sv::security {

// A TEXT column holding FieldCipher values (or NULL). Names come from code, never from input:
// they are checked to be plain SQL identifiers ([a-z_][a-z0-9_]*) and then put into the SQL.
struct EncryptedColumn {
  std::string table;
  std::string id_column;  // an integer key of `table`, unique per row
  std::string column;
  std::string associated_data;  // what the values were encrypted with ("persons.notes")
};

// Re-encrypts, under `cipher`'s active key, every value in `columns` that is under another key.
// Works through each column in order of its id, in batches of up to `batch_size` rows, each batch
// in its own transaction, so a large table does not hold a long write lock and an interrupted run
// keeps the batches it committed. NULLs are skipped. A row that changed since it was read is left
// alone (it was just written, normally under the active key). Idempotent: a second run returns 0.
//
// Returns how many values were re-encrypted. A value that does not decrypt stops the run with
// the cipher's error (kInvalidInput, kNotFound, kForbidden) naming table, column and row id; the
// batch it is in is rolled back, earlier batches stay. kInvalidInput for a bad identifier or
// batch size, database errors as Database::InTransaction reports them.
//
// Run it once every process encrypts under the new key (restarted with the new key file), or
// values written meanwhile under the old key remain; a second run then finds them.
Result<int64_t> ReencryptColumns(store::Database& db, const FieldCipher& cipher,
                                 std::span<const EncryptedColumn> columns, int batch_size = 500);

}  // namespace sv::security
