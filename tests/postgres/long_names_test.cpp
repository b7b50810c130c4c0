// Names and PostgreSQL's 63-byte identifier limit: names written in the target
// are refused before anything runs; names dbpush generates are shortened by one
// rule (db::detail::generated_identifier) and read back unchanged.
#include "pg_fixture.hpp"

#include <dbpush/dbpush.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

// 32 'é' (2 bytes each): 32 characters, 64 bytes.
const std::string long_utf8 = [] {
  std::string s;
  for (int i = 0; i < 32; ++i) s += "\xc3\xa9";
  return s;
}();
const std::string long_ascii(64, 'n');

db::schema table_with(db::table t, std::vector<db::enum_type> enums = {}) {
  db::schema s;
  s.tables.push_back(std::move(t));
  s.enums = std::move(enums);
  return s;
}

db::index index_named(std::string name, std::vector<std::string> columns, bool unique = false) {
  db::index i;
  i.name = std::move(name);
  i.columns = std::move(columns);
  i.unique = unique;
  return i;
}

db::foreign_key key_to(std::string parent, std::vector<std::string> columns, std::string name = {}) {
  db::foreign_key fk;
  fk.name = std::move(name);
  fk.columns = std::move(columns);
  fk.referenced_table = std::move(parent);
  fk.referenced_columns = {"id"};
  return fk;
}

const std::string refusal_head =
    "dbpush: PostgreSQL names are at most 63 bytes (the server cuts longer ones); nothing was changed. Shorten:";

struct long_name_case {
  const char* what;
  db::schema target;
  std::string expected;  // the line naming the object
};

std::vector<long_name_case> long_name_cases() {
  std::vector<long_name_case> out;
  out.push_back({"table", table_with(tbl(long_ascii, {id_col()})),
                 "the table `" + long_ascii + "` (64 bytes)"});
  out.push_back({"table in UTF-8", table_with(tbl(long_utf8, {id_col()})),
                 "the table `" + long_utf8 + "` (64 bytes)"});
  out.push_back({"column", table_with(tbl("t", {id_col(), col(long_utf8 + "x", "text")})),
                 "the column `t`.`" + long_utf8 + "x` (65 bytes)"});
  auto indexed = tbl("t", {id_col(), col("a", "text")});
  indexed.indexes.push_back(index_named(long_ascii, {"a"}));
  out.push_back({"index", table_with(indexed), "the index `" + long_ascii + "` of table `t` (64 bytes)"});
  db::schema with_key = table_with(tbl("p", {id_col()}));
  auto child = tbl("c", {id_col(), col("p_id", "bigint")});
  child.foreign_keys.push_back(key_to("p", {"p_id"}, long_ascii));
  with_key.tables.push_back(child);
  out.push_back({"foreign key", with_key, "the foreign key `" + long_ascii + "` of table `c` (64 bytes)"});
  auto kind = col("kind", long_ascii);
  kind.enum_type = long_ascii;
  out.push_back({"enum", table_with(tbl("t", {id_col(), kind}), {db::enum_type{long_ascii, {"a"}}}),
                 "the enum `" + long_ascii + "` (64 bytes)"});
  auto mood = col("mood", "Mood");
  mood.enum_type = "Mood";
  out.push_back({"enum value", table_with(tbl("t", {id_col(), mood}), {db::enum_type{"Mood", {"ok", long_utf8}}}),
                 "the value `" + long_utf8 + "` of enum `Mood` (64 bytes)"});
  return out;
}

std::vector<std::string> catalog_names(pgtest::fixture& f, const std::string& query) {
  return f.column_of(query + " ORDER BY 1");
}

}  // namespace

struct LongNamed {
  std::int64_t id;
  std::string note;
};

template <>
struct db::model<LongNamed> {
  static constexpr auto table = "long_named";
  static constexpr auto fields =
      db::fields(db::field<&LongNamed::id>(db::primary_key, db::autoincrement),
                 db::field<&LongNamed::note>(db::column_name("note_nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn")));
};

TEST_CASE("models are checked when pushed to PostgreSQL: a long column name is refused at run time") {
  pgtest::fixture f;
  const std::string column = "note_" + std::string(60, 'n');
  CHECK_THROWS_WITH_AS(db::push<LongNamed>(f.conn, f.options()),
                       (refusal_head + "\n  - the column `long_named`.`" + column + "` (65 bytes)").c_str(), db::error);
  CHECK(f.live().tables.empty());
}

TEST_CASE("names longer than 63 bytes written in the target are refused before anything runs") {
  for (auto& c : long_name_cases()) {
    CAPTURE(c.what);
    pgtest::fixture f;
    const auto before = f.dump();
    try {
      f.push(c.target);
      FAIL("the push was not refused");
    } catch (const db::error& e) {
      CHECK(std::string(e.what()) == refusal_head + "\n  - " + c.expected);
    }
    CHECK(f.sql.empty());
    CHECK(f.dump() == before);
    // plan refuses alike.
    CHECK_THROWS_WITH_AS(db::plan(f.conn, c.target, f.options()), (refusal_head + "\n  - " + c.expected).c_str(),
                         db::error);
  }
}

TEST_CASE("every long name of a target is listed in one refusal") {
  pgtest::fixture f;
  auto t = tbl(long_ascii, {id_col(), col(long_ascii, "text")});
  t.indexes.push_back(index_named(long_utf8, {long_ascii}));
  try {
    f.push(table_with(t));
    FAIL("the push was not refused");
  } catch (const db::error& e) {
    CHECK(std::string(e.what()) == refusal_head + "\n  - the table `" + long_ascii + "` (64 bytes)" +
                                       "\n  - the column `" + long_ascii + "`.`" + long_ascii + "` (64 bytes)" +
                                       "\n  - the index `" + long_utf8 + "` of table `" + long_ascii +
                                       "` (64 bytes)");
  }
}

TEST_CASE("names of exactly 63 bytes are pushed and read back whole") {
  pgtest::fixture f;
  const std::string name63 = long_utf8.substr(0, 62) + "x";  // 31 'é' and 'x'
  const std::string enum63 = "e" + long_utf8.substr(0, 62);   // tables and types share names
  REQUIRE(name63.size() == 63);
  REQUIRE(enum63.size() == 63);
  auto kind = col(name63, enum63);
  kind.enum_type = enum63;
  auto t = tbl(name63, {id_col(), kind});
  t.indexes.push_back(index_named("i" + std::string(62, 'x'), {name63}));
  const auto target = table_with(t, {db::enum_type{enum63, {name63}}});
  f.push(target);
  CHECK(catalog_names(f, "SELECT relname::text FROM pg_class WHERE relnamespace = '" + f.name +
                             "'::regnamespace AND relkind = 'r'") == std::vector<std::string>{name63});
  f.check_idempotent(target);
}

TEST_CASE("long generated names that share their first 63 bytes get distinct names, read back unchanged") {
  pgtest::fixture f;
  // Cut to 63 bytes, every generated index name below would be
  // "shop_orders_region_code_for_the_customer_who_placed_this_order_".
  const std::string common = "region_code_for_the_customer_who_placed_this_order_";
  auto orders = tbl("shop_orders", {id_col(), col(common + "first", "text"), col(common + "second", "text"),
                                    col("shop_orders_region_id", "bigint", true)});
  orders.indexes = {index_named("", {common + "first"}), index_named("", {common + "second"}),
                    index_named("", {common + "first"}, true)};
  auto region = tbl("shop_orders_region", {id_col(), col("code_for_the_customer_who_placed_this_order_third", "text")});
  region.indexes = {index_named("", {"code_for_the_customer_who_placed_this_order_third"})};
  // A 60-byte table: "{table}_pkey" and "{table}_{column}_fkey" are longer than 63 bytes.
  const std::string wide(60, 'w');
  auto wide_table = tbl(wide, {id_col(), col("shop_orders_region_id", "bigint", true)});
  wide_table.foreign_keys = {key_to("shop_orders_region", {"shop_orders_region_id"})};
  orders.foreign_keys = {key_to("shop_orders_region", {"shop_orders_region_id"})};
  db::schema target;
  target.tables = {region, orders, wide_table};
  f.push(target);

  auto expected = target;
  db::normalise(expected);
  std::vector<std::string> index_names, key_names;
  for (const auto& t : expected.tables) {
    for (const auto& i : t.indexes) index_names.push_back(i.name);
    for (const auto& k : t.foreign_keys) key_names.push_back(k.name);
    key_names.push_back(db::detail::generated_identifier(t.name, "pkey"));
  }
  std::sort(index_names.begin(), index_names.end());
  std::sort(key_names.begin(), key_names.end());
  REQUIRE(index_names.size() == 4);
  CHECK(std::adjacent_find(index_names.begin(), index_names.end()) == index_names.end());
  for (const auto& n : index_names) CHECK(n.size() <= 63);
  CHECK(db::detail::generated_identifier(wide, "pkey").size() == 63);
  const std::string in_schema = " WHERE relnamespace = '" + f.name + "'::regnamespace";
  CHECK(catalog_names(f, "SELECT c.relname::text FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid" +
                             in_schema + " AND NOT i.indisprimary") == index_names);
  CHECK(catalog_names(f, "SELECT conname::text FROM pg_constraint WHERE connamespace = '" + f.name +
                             "'::regnamespace") == key_names);
  f.check_idempotent(target);
}
