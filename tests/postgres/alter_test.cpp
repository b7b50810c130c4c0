// ALTER COLUMN: types with USING casts, NOT NULL, defaults, identity, primary keys.
#include "pg_fixture.hpp"

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

db::schema one_table(std::vector<db::column> columns, std::vector<std::string> pk = {"id"}) {
  db::schema s;
  s.tables.push_back(tbl("t", std::move(columns), std::move(pk)));
  return s;
}

}  // namespace

TEST_CASE("a widening type change is safe and keeps the values") {
  pgtest::fixture f;
  f.push(one_table({id_col(), col("n", "int2"), col("s", "varchar(5)")}));
  f.exec("INSERT INTO " + f.q("t") + " (n, s) VALUES (7, 'abc')");
  auto target = one_table({id_col(), col("n", "bigint"), col("s", "text")});
  auto r = f.push(target);
  CHECK(r.warnings.empty());
  CHECK(f.column_of("SELECT n::text || s FROM " + f.q("t")) == std::vector<std::string>{"7abc"});
  CHECK(f.live().tables[0].find_column("n")->type == "bigint");
  f.check_idempotent(target);
}

TEST_CASE("text to integer runs USING col::text::integer when every value casts") {
  pgtest::fixture f;
  f.push(one_table({id_col(), col("n", "text", true)}));
  f.exec("INSERT INTO " + f.q("t") + " (n) VALUES ('1'), (' 42'), (NULL)");
  auto target = one_table({id_col(), col("n", "integer", true)});
  const auto refusal = f.refused<db::data_loss_error>(target);
  REQUIRE(refusal.findings.size() == 1);
  CHECK(refusal.findings[0].message ==
        "You are about to alter the column `n` on the `t` table, which contains 2 non-null values. "
        "The data in that column will be cast from `text` to `integer`.");
  auto r = f.push(target, true);
  CHECK(std::find(r.sql.begin(), r.sql.end(), "ALTER TABLE " + f.q("t") +
                  " ALTER COLUMN \"n\" TYPE integer USING \"n\"::text::integer") != r.sql.end());
  CHECK(f.column_of("SELECT coalesce(n + 1, 0)::text FROM " + f.q("t") + " ORDER BY id") ==
        std::vector<std::string>{"2", "43", "0"});
  f.check_idempotent(target);
}

TEST_CASE("text to integer is refused with the count of values that do not cast") {
  pgtest::fixture f;
  f.push(one_table({id_col(), col("n", "text", true)}));
  f.exec("INSERT INTO " + f.q("t") + " (n) VALUES ('1'), ('x'), ('1.5'), (NULL)");
  const auto refusal = f.refused<db::unexecutable_error>(one_table({id_col(), col("n", "integer", true)}), true);
  REQUIRE(refusal.findings.size() == 1);
  CHECK(refusal.findings[0].message ==
        "Changed the type of `n` on the `t` table from `text` to `integer`, but 2 non-null values "
        "cannot be cast. It is not possible to execute this step.");
}

TEST_CASE("a narrowing cast warns with the count and applies when accepted") {
  pgtest::fixture f;
  f.push(one_table({id_col(), col("n", "bigint"), col("s", "text")}));
  f.exec("INSERT INTO " + f.q("t") + " (n, s) VALUES (1, 'abcdef'), (2, 'xy')");
  auto target = one_table({id_col(), col("n", "integer"), col("s", "varchar(3)")});
  const auto refusal = f.refused<db::data_loss_error>(target);
  CHECK(refusal.findings.size() == 2);
  auto r = f.push(target, true);
  CHECK(r.warnings.size() == 2);
  CHECK(f.column_of("SELECT s FROM " + f.q("t") + " ORDER BY id") == std::vector<std::string>{"abc", "xy"});
  f.check_idempotent(target);
}

TEST_CASE("NOT NULL is refused over NULLs without a default, and set over clean data") {
  pgtest::fixture f;
  f.push(one_table({id_col(), col("a", "text", true), col("b", "text", true)}));
  f.exec("INSERT INTO " + f.q("t") + " (a, b) VALUES (NULL, 'x'), (NULL, 'y')");
  const auto refusal = f.refused<db::unexecutable_error>(one_table({id_col(), col("a", "text"), col("b", "text")}), true);
  REQUIRE(refusal.findings.size() == 1);
  CHECK(refusal.findings[0].message ==
        "Made the column `a` on table `t` required, but there are 2 existing NULL values. Fill the NULL values first, "
        "or declare a default value for the column so the push fills them.");
  auto target = one_table({id_col(), col("a", "text", true, "'d'"), col("b", "text")});
  f.push(target);
  CHECK(f.count("SELECT count(*) FROM pg_attribute WHERE attrelid = '" + f.name + ".t'::regclass AND attname = 'b' AND attnotnull") == 1);
  f.check_idempotent(target);
  auto relaxed = one_table({id_col(), col("a", "text", true), col("b", "text", true, "'it''s'")});
  f.push(relaxed);
  f.exec("INSERT INTO " + f.q("t") + " DEFAULT VALUES");
  CHECK(f.column_of("SELECT coalesce(a, 'null') || '/' || b FROM " + f.q("t") + " ORDER BY id") ==
        std::vector<std::string>{"null/x", "null/y", "null/it's"});
  f.check_idempotent(relaxed);
}

TEST_CASE("a required column without default is refused on a non-empty table, with a default it applies") {
  pgtest::fixture f;
  f.push(one_table({id_col()}));
  f.exec("INSERT INTO " + f.q("t") + " DEFAULT VALUES");
  const auto refusal = f.refused<db::unexecutable_error>(one_table({id_col(), col("c", "integer")}), true);
  REQUIRE(refusal.findings.size() == 1);
  CHECK(refusal.findings[0].message ==
        "Added the required column `c` to the `t` table without a default value. There is 1 row "
        "in this table, it is not possible to execute this step.");
  auto target = one_table({id_col(), col("c", "integer", false, "-5")});
  f.push(target);
  CHECK(f.column_of("SELECT c::text FROM " + f.q("t")) == std::vector<std::string>{"-5"});
  f.check_idempotent(target);
}

TEST_CASE("identity is added after the existing keys and dropped again") {
  pgtest::fixture f;
  auto plain = one_table({col("id", "bigint"), col("v", "text", true)});
  f.push(plain);
  f.exec("INSERT INTO " + f.q("t") + " (id) VALUES (5), (9)");
  auto with_identity = one_table({id_col(), col("v", "text", true)});
  f.push(with_identity);
  f.exec("INSERT INTO " + f.q("t") + " (v) VALUES ('new')");
  CHECK(f.column_of("SELECT id::text FROM " + f.q("t") + " WHERE v = 'new'") == std::vector<std::string>{"10"});
  f.check_idempotent(with_identity);
  f.push(plain);
  CHECK(f.count("SELECT count(*) FROM pg_attribute WHERE attrelid = '" + f.name + ".t'::regclass AND attidentity <> ''") == 0);
  f.check_idempotent(plain);
}

TEST_CASE("defaults are set, changed and dropped") {
  pgtest::fixture f;
  f.push(one_table({id_col(), col("a", "integer", true, "1"), col("b", "text", true)}));
  auto target = one_table({id_col(), col("a", "integer", true, "2"), col("b", "text", true, "'x'")});
  f.push(target);
  f.exec("INSERT INTO " + f.q("t") + " DEFAULT VALUES");
  CHECK(f.column_of("SELECT a || b FROM " + f.q("t")) == std::vector<std::string>{"2x"});
  f.check_idempotent(target);
  auto none = one_table({id_col(), col("a", "integer", true), col("b", "text", true)});
  f.push(none);
  f.check_idempotent(none);
}

TEST_CASE("the primary key changes over clean data and is refused over duplicates") {
  pgtest::fixture f;
  f.push(one_table({id_col(), col("code", "text"), col("n", "integer")}));
  f.exec("INSERT INTO " + f.q("t") + " (code, n) VALUES ('a', 1), ('b', 1)");
  const auto refusal = f.refused<db::unexecutable_error>(one_table({id_col(), col("code", "text"), col("n", "integer")}, {"n"}), true);
  REQUIRE(refusal.findings.size() == 1);
  CHECK(refusal.findings[0].message ==
        "The primary key of table `t` (columns `n`) cannot be created: 2 rows have duplicate values.");
  auto target = one_table({id_col(), col("code", "text"), col("n", "integer")}, {"code", "id"});
  f.push(target);
  CHECK(f.live().tables[0].primary_key == std::vector<std::string>{"code", "id"});
  f.check_idempotent(target);
}

TEST_CASE("a SERIAL column made elsewhere stops being autoincrement") {
  pgtest::fixture f;
  f.exec("CREATE TABLE " + f.q("t") + " (id serial PRIMARY KEY)");
  auto plain = one_table({col("id", "integer")});
  f.push(plain);
  CHECK(f.count("SELECT count(*) FROM pg_attrdef WHERE adrelid = '" + f.name + ".t'::regclass") == 0);
  f.check_idempotent(plain);
}

TEST_CASE("numeric narrowing that would overflow is counted, not attempted") {
  pgtest::fixture f;
  f.push(one_table({id_col(), col("amount", "numeric(10,2)")}));
  f.exec("INSERT INTO " + f.q("t") + " (amount) VALUES (1.25), (12345.67), (999.99)");
  const auto refusal = f.refused<db::unexecutable_error>(one_table({id_col(), col("amount", "decimal(5,2)")}), true);
  REQUIRE(refusal.findings.size() == 1);
  CHECK(refusal.findings[0].message ==
        "Changed the type of `amount` on the `t` table from `numeric(10,2)` to `numeric(5,2)`, but 1 non-null "
        "value cannot be cast. It is not possible to execute this step.");
  f.exec("DELETE FROM " + f.q("t") + " WHERE amount > 1000");
  auto target = one_table({id_col(), col("amount", "decimal(5,2)")});
  f.push(target, true);
  CHECK(f.column_of("SELECT amount::text FROM " + f.q("t") + " ORDER BY id") == std::vector<std::string>{"1.25", "999.99"});
  f.check_idempotent(target);
}
