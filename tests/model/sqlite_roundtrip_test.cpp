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

TEST_CASE("unsigned 64-bit keys on SQLite: INTEGER keys; values above INT64_MAX only as their signed bit pattern") {
  temp_file file;
  SQLite::Database conn(file.path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const db::schema target = db::schema_of<uint64_keys::Ticket, uint64_keys::Stub>(db::dialect::sqlite);
  CHECK(db::push(conn, target).changed);
  CHECK(db::introspect(conn) == target);
  CHECK_FALSE(db::push(conn, target).changed);

  conn.exec("INSERT INTO Ticket (serial, title) VALUES (1, 'a')");
  CHECK(text(conn, "SELECT id FROM Ticket") == "1");
  // SQLite's INTEGER is signed 64-bit: a larger literal becomes a REAL (and
  // loses digits), while the value cast to std::int64_t round-trips exactly.
  constexpr std::uint64_t largest = 18446744073709551615u;
  conn.exec("INSERT INTO Stub (ticket, ticket_serial, hits) VALUES (1, 1, 18446744073709551615)");
  CHECK(text(conn, "SELECT typeof(hits) FROM Stub WHERE number = 1") == "real");
  SQLite::Statement insert(conn, "INSERT INTO Stub (ticket, ticket_serial, hits) VALUES (1, 1, ?)");
  insert.bind(1, static_cast<std::int64_t>(largest));
  insert.exec();
  SQLite::Statement read(conn, "SELECT typeof(hits), hits FROM Stub WHERE number = 2");
  REQUIRE(read.executeStep());
  CHECK(read.getColumn(0).getString() == "integer");
  CHECK(static_cast<std::uint64_t>(read.getColumn(1).getInt64()) == largest);
}
