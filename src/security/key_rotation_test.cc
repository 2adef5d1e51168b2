#include "security/key_rotation.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>
#include <optional>
#include <vector>

#include "store/database.h"
#include "store/database_test_fixture.h"

namespace sv::security {
namespace {

constexpr std::string_view kNotesAd = "persons.notes";
constexpr std::string_view kNameAd = "persons.name";

class KeyRotationTest : public store::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenDatabase();
    ASSERT_NE(db_, nullptr);
    Exec(*db_, "CREATE TABLE persons (id " + IdType() + ", name TEXT, notes TEXT)");
    Result<KeyRing> ring = ParseKeyRing(NewKeyRingText(), "test");
    ASSERT_TRUE(ring.ok()) << ring.status().ToString();
    old_ring_ = *ring;
    new_ring_ = WithNewActiveFieldKey(old_ring_);
  }

  // Inserts a row encrypted with `cipher`; nullopt stays NULL. Returns its id.
  long long Insert(const FieldCipher& cipher, std::optional<std::string> name,
                   std::optional<std::string> notes) {
    std::string name_value = name ? cipher.Encrypt(*name, kNameAd) : "";
    std::string notes_value = notes ? cipher.Encrypt(*notes, kNotesAd) : "";
    soci::indicator name_ind = name ? soci::i_ok : soci::i_null;
    soci::indicator notes_ind = notes ? soci::i_ok : soci::i_null;
    long long id = 0;
    Status s = db_->InTransaction([&](soci::session& sql) {
      sql << "INSERT INTO persons (name, notes) VALUES (:name, :notes) RETURNING id",
          soci::use(name_value, name_ind), soci::use(notes_value, notes_ind), soci::into(id);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return id;
  }

  struct Row {
    std::optional<std::string> name, notes;
  };
  std::map<long long, Row> ReadAll() {
    std::map<long long, Row> rows;
    Database::Lease lease = db_->Acquire();
    long long id = 0;
    std::string name, notes;
    soci::indicator name_ind = soci::i_ok, notes_ind = soci::i_ok;
    soci::statement st = (lease.session().prepare << "SELECT id, name, notes FROM persons",
                          soci::into(id), soci::into(name, name_ind), soci::into(notes, notes_ind));
    st.execute();
    while (st.fetch()) {
      rows[id] = Row{name_ind == soci::i_null ? std::nullopt : std::optional(name),
                     notes_ind == soci::i_null ? std::nullopt : std::optional(notes)};
    }
    return rows;
  }

  void Set(long long id, const std::string& column, const std::string& value) {
    Exec(*db_,
         "UPDATE persons SET " + column + " = '" + value + "' WHERE id = " + std::to_string(id));
  }

  const std::vector<EncryptedColumn> kColumns{
      {"persons", "id", "name", std::string(kNameAd)},
      {"persons", "id", "notes", std::string(kNotesAd)},
  };
  using Database = store::Database;
  std::unique_ptr<Database> db_;
  KeyRing old_ring_, new_ring_;
};

TEST_P(KeyRotationTest, MovesEveryValueToTheActiveKey) {
  FieldCipher old_cipher(old_ring_);
  std::map<long long, std::pair<std::optional<std::string>, std::optional<std::string>>> want;
  for (int i = 0; i < 23; ++i) {
    std::optional<std::string> name = "Person " + std::to_string(i) + " Åström";
    std::optional<std::string> notes =
        i % 3 == 0 ? std::nullopt : std::optional<std::string>("anteckning " + std::to_string(i));
    if (i == 5) name = std::nullopt;
    if (i == 6) notes = "";
    want[Insert(old_cipher, name, notes)] = {name, notes};
  }
  FieldCipher new_cipher(new_ring_);
  // Values already under the new key are left as they are.
  const long long fresh = Insert(new_cipher, "Ny Person", "ny anteckning");
  want[fresh] = {"Ny Person", "ny anteckning"};
  const std::map<long long, Row> before = ReadAll();

  // 23 names minus one NULL, 23 notes minus 7 NULLs (row 6 holds an encrypted empty string);
  // batches of 4 cross many boundaries.
  Result<int64_t> count = ReencryptColumns(*db_, new_cipher, kColumns, 4);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 22 + 16);

  const std::map<long long, Row> after = ReadAll();
  ASSERT_EQ(after.size(), want.size());
  for (const auto& [id, row] : after) {
    const auto& [name, notes] = want.at(id);
    ASSERT_EQ(row.name.has_value(), name.has_value()) << id;
    ASSERT_EQ(row.notes.has_value(), notes.has_value()) << id;
    if (row.name) {
      EXPECT_EQ(FieldCipher::KeyIdOf(*row.name), "k2") << id;
      Result<std::string> plain = new_cipher.Decrypt(*row.name, kNameAd);
      ASSERT_TRUE(plain.ok()) << plain.status().ToString();
      EXPECT_EQ(*plain, *name);
    }
    if (row.notes) {
      EXPECT_EQ(FieldCipher::KeyIdOf(*row.notes), "k2") << id;
      Result<std::string> plain = new_cipher.Decrypt(*row.notes, kNotesAd);
      ASSERT_TRUE(plain.ok()) << plain.status().ToString();
      EXPECT_EQ(*plain, *notes);
    }
  }
  EXPECT_EQ(after.at(fresh).name, before.at(fresh).name);
  EXPECT_EQ(after.at(fresh).notes, before.at(fresh).notes);

  // Idempotent: nothing is left under k1, so the old key can go.
  Result<int64_t> again = ReencryptColumns(*db_, new_cipher, kColumns, 4);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, 0);
  KeyRing without_k1 = new_ring_;
  without_k1.field_keys.erase("k1");
  FieldCipher only_new(without_k1);
  for (const auto& [id, row] : ReadAll()) {
    if (row.name) {
      EXPECT_TRUE(only_new.Decrypt(*row.name, kNameAd).ok()) << id;
    }
    if (row.notes) {
      EXPECT_TRUE(only_new.Decrypt(*row.notes, kNotesAd).ok()) << id;
    }
  }
}

TEST_P(KeyRotationTest, EmptyTableAndNoColumns) {
  FieldCipher cipher(new_ring_);
  Result<int64_t> count = ReencryptColumns(*db_, cipher, kColumns);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 0);
  count = ReencryptColumns(*db_, cipher, {});
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 0);
}

TEST_P(KeyRotationTest, AValueThatDoesNotDecryptStopsWithTableColumnAndId) {
  FieldCipher old_cipher(old_ring_);
  std::vector<long long> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(Insert(old_cipher, "namn", "anteckning"));
  // A value copied from another column: does not authenticate here.
  const std::string moved = old_cipher.Encrypt("fel kolumn", "contacts.notes");
  Set(ids[7], "notes", moved);

  FieldCipher new_cipher(new_ring_);
  Result<int64_t> count = ReencryptColumns(*db_, new_cipher, kColumns, 3);
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.status().code(), StatusCode::kForbidden);
  const std::string& message = count.status().message();
  EXPECT_NE(message.find("table `persons`"), std::string::npos) << message;
  EXPECT_NE(message.find("column `notes`"), std::string::npos) << message;
  EXPECT_NE(message.find("id " + std::to_string(ids[7])), std::string::npos) << message;
  EXPECT_EQ(message.find("fel kolumn"), std::string::npos) << message;

  // Batches before the bad one stay done; the bad batch was rolled back.
  const std::map<long long, Row> rows = ReadAll();
  EXPECT_EQ(FieldCipher::KeyIdOf(*rows.at(ids[0]).notes), "k2");
  EXPECT_EQ(FieldCipher::KeyIdOf(*rows.at(ids[5]).notes), "k2");
  EXPECT_EQ(FieldCipher::KeyIdOf(*rows.at(ids[6]).notes), "k1");
  EXPECT_EQ(*rows.at(ids[7]).notes, moved);

  // Malformed and unknown-key values say so too.
  Set(ids[7], "notes", "inte krypterad");
  count = ReencryptColumns(*db_, new_cipher, kColumns, 3);
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.status().code(), StatusCode::kInvalidInput);
  Set(ids[7], "notes", "v1.k9." + std::string(60, 'A'));
  count = ReencryptColumns(*db_, new_cipher, kColumns, 3);
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.status().code(), StatusCode::kNotFound);
  EXPECT_NE(count.status().message().find("id " + std::to_string(ids[7])), std::string::npos);

  // Repaired, the run completes.
  Set(ids[7], "notes", old_cipher.Encrypt("anteckning", kNotesAd));
  count = ReencryptColumns(*db_, new_cipher, kColumns, 3);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
}

TEST_P(KeyRotationTest, RefusesBadNamesAndBatchSizes) {
  FieldCipher cipher(new_ring_);
  for (const EncryptedColumn& bad :
       {EncryptedColumn{"persons; DROP TABLE persons", "id", "notes", "x"},
        EncryptedColumn{"persons", "id", "Notes", "x"},
        EncryptedColumn{"persons", "", "notes", "x"},
        EncryptedColumn{"1persons", "id", "notes", "x"}}) {
    Result<int64_t> count = ReencryptColumns(*db_, cipher, std::span(&bad, 1));
    ASSERT_FALSE(count.ok());
    EXPECT_EQ(count.status().code(), StatusCode::kInvalidInput);
  }
  EXPECT_FALSE(ReencryptColumns(*db_, cipher, kColumns, 0).ok());
  EXPECT_FALSE(ReencryptColumns(*db_, cipher, kColumns, -1).ok());
  EXPECT_EQ(QueryNumber(*db_, "SELECT COUNT(*) FROM persons"), 0);
}

SV_STORE_ON_BOTH_BACKENDS(KeyRotationTest);

}  // namespace
}  // namespace sv::security
