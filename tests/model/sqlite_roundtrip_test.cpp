// The schema derived from models, pushed to a real SQLite file: it reads back
// equal (the DSL's spellings are the dialect's canonical ones), a second push
// changes nothing, and the defaults work on inserted rows.
#include "everything.hpp"

#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace roundtrip_test {

enum class Size { small, large };

struct Item {
  std::int64_t id;
  std::string sku;
  std::optional<std::string> note;
  double price;
  std::int32_t stock;
  bool hidden;
  Size size;
  std::chrono::sys_days listed_on;
  std::chrono::sys_seconds updated_at;
  std::vector<std::byte> image;
  std::string code;
  std::string amount;
};

}  // namespace roundtrip_test

template <>
struct db::model<roundtrip_test::Item> {
  using I = roundtrip_test::Item;
  static constexpr auto fields = db::fields(
      db::field<&I::sku>(db::unique, db::varchar<32>),
      db::field<&I::price>(db::default_value(9.5)),
      db::field<&I::stock>(db::default_value(0), db::indexed),
      db::field<&I::hidden>(db::default_value(false)),
      db::field<&I::size>(db::default_value(roundtrip_test::Size::large)),
      db::field<&I::listed_on>(db::default_sql("CURRENT_DATE")),
      db::field<&I::updated_at>(db::default_now),
      db::field<&I::image>(db::default_sql("x''")),
      db::field<&I::code>(db::default_value("it's")),
      db::field<&I::amount>(db::decimal<10, 2>, db::default_sql("0")));
};

namespace {

struct temp_file {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("dbpush-model-" + std::to_string(::getpid()) + ".db");
  ~temp_file() { std::filesystem::remove(path); }
};

std::string text(SQLite::Database& conn, const std::string& sql) {
  SQLite::Statement q(conn, sql);
  REQUIRE(q.executeStep());
  return q.getColumn(0).getText();
}

}  // namespace

TEST_CASE("models pushed to SQLite read back equal and push again as a no-op") {
  temp_file file;
  SQLite::Database conn(file.path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const db::schema target = db::schema_of<shop::Post, shop::User, roundtrip_test::Item, types_test::Everything>(db::dialect::sqlite);

  const db::push_result first = db::push(conn, target);
  CHECK(first.changed);
  CHECK(db::introspect(conn) == target);

  const db::push_result second = db::push(conn, target);
  CHECK_FALSE(second.changed);
  CHECK(second.sql.empty());

  conn.exec("INSERT INTO users (email) VALUES ('a@example.com')");
  CHECK(text(conn, "SELECT role FROM users") == "member");
  CHECK(text(conn, "SELECT typeof(created_at) FROM users") == "text");
  conn.exec("INSERT INTO Post (title, author_id, cover) VALUES ('t', 1, x'00')");
  CHECK(text(conn, "SELECT published FROM Post") == "0");
  conn.exec("INSERT INTO Item (sku) VALUES ('A-1')");
  CHECK(text(conn, "SELECT price || '|' || stock || '|' || hidden || '|' || size || '|' || code || '|' || amount FROM Item") ==
        "9.5|0|0|large|it's|0");
  // The enum CHECK refuses values outside the enum; the foreign key cascades.
  CHECK_THROWS(conn.exec("INSERT INTO Item (sku, size) VALUES ('A-2', 'huge')"));
  conn.exec("PRAGMA foreign_keys = ON");
  conn.exec("DELETE FROM users");
  CHECK(text(conn, "SELECT count(*) FROM Post") == "0");
}

