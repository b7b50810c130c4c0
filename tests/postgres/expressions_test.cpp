// Expressions compared as PostgreSQL stores them: every spelling of a partial
// index predicate or a column default that the server stores as its own form
// (`IN (...)` as `= ANY (ARRAY[...])`, literals with casts, parentheses) pushes
// once and is a no-op the second time; a real change is still a change.
#include "model/models.hpp"
#include "pg_fixture.hpp"
#include "support/expression_spellings.hpp"

#include <dbpush/postgres/expressions.hpp>
#include <dbpush/postgres/sql_names.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

db::column enum_column(std::string name, std::optional<std::string> default_sql = std::nullopt) {
  db::column c = col(std::move(name), "order_status", true, std::move(default_sql));
  c.enum_type = "order_status";
  return c;
}

// Columns of every type the spellings below use.
db::table orders() {
  return tbl("orders", {id_col(), enum_column("status"), col("email", "text"), col("code", "varchar(10)"),
                        col("paid", "boolean"), col("amount", "integer"), col("Region", "text"),
                        col("total", "numeric(10,2)"), col("note", "text", true),
                        col("deleted_at", "timestamptz", true), col("created_at", "timestamptz", true),
                        col("meta", "jsonb", true), col("token", "uuid", true), col("born", "date", true)});
}

db::schema with_predicate(const std::string& predicate) {
  db::schema s;
  s.enums.push_back({"order_status", {"active", "pending", "done"}});
  auto t = orders();
  db::index i;
  i.columns = {"email"};
  i.where = predicate;
  t.indexes.push_back(i);
  s.tables.push_back(t);
  return s;
}

db::schema with_default(const std::string& column, const std::string& expression) {
  db::schema s;
  s.enums.push_back({"order_status", {"active", "pending", "done"}});
  auto t = orders();
  for (auto& c : t.columns)
    if (c.name == column) c.default_sql = expression;
  s.tables.push_back(t);
  return s;
}

// Spellings only PostgreSQL accepts (casts with ::, = ANY, ILIKE, jsonb
// operators, its functions), added to the shared ones.
std::vector<std::string> predicates() {
  auto out = spellings::predicates;
  for (const char* p : {"status = ANY ('{active,done}')", "code::text = ANY (ARRAY['x', 'y'])", "email = ANY ('{a,b}')",
                        "email ILIKE 'A%'", "code::text <> ''", "meta ? 'key'"})
    out.emplace_back(p);
  return out;
}

std::vector<spellings::default_case> defaults() {
  auto out = spellings::defaults;
  const std::vector<spellings::default_case> more = {
      {"created_at", "now()"},
      {"created_at", "NOW()"},
      {"created_at", "now() + interval '1 day'"},
      {"born", "CURRENT_DATE"},
      {"born", "'2024-01-01'"},
      {"meta", "'{}'::jsonb"},
      {"token", "gen_random_uuid()"},
      {"amount", "- 5"},
      {"total", "'12.50'"},
      {"code", "'x'::character varying"},
      {"note", "lower('ABC')"},
      {"note", "'a' || 'b'"},
      {"paid", "'f'"},
      {"status", "'pending'::order_status"},
  };
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

}  // namespace

TEST_CASE("only texts that differ on unchanged columns and indexes are asked about") {
  auto live = with_predicate("(status = ANY (ARRAY['active'::app.order_status]))");
  live.tables[0].columns[3].default_sql = "'x'";       // code
  live.tables[0].columns[5].default_sql = "1";         // amount
  live.tables[0].columns[8].default_sql = "'n'";       // note
  auto target = with_predicate("status IN ('active')");
  target.tables[0].columns[3].default_sql = "'x'";     // same text: not asked
  target.tables[0].columns[5].default_sql = "(1)";     // asked
  target.tables[0].columns[8].default_sql = "lower('N')";
  target.tables[0].columns[8].type = "varchar(3)";     // type changes: rebuilt anyway, not asked
  db::normalise(live);
  db::normalise(target);
  const auto questions = db::postgres::differing_expressions(live, target);
  REQUIRE(questions.size() == 2);
  CHECK(questions[0].kind == db::postgres::expression_kind::column_default);
  CHECK(questions[0].object == "amount");
  CHECK(questions[0].text == "(1)");
  CHECK(questions[1].kind == db::postgres::expression_kind::index_predicate);
  CHECK(questions[1].text == "status IN ('active')");
  // The key holds the scratch table's definition: another type, another key.
  auto wider = target;
  wider.tables[0].columns[1].enum_type.reset();
  wider.tables[0].columns[1].type = "text";
  auto other = db::postgres::differing_expressions(live, wider);
  REQUIRE(other.size() == 2);
  CHECK(other[1].key != questions[1].key);
  CHECK(other[0].key == questions[0].key);
}

TEST_CASE("answers are read from the NOTICE text, whatever libpq puts around it") {
  using db::postgres::parse_spelling_notice;
  auto a = parse_spelling_notice("NOTICE:  dbpush-spelling 12 28612920\nCONTEXT:  PL/pgSQL function inline_code_block\n");
  REQUIRE(a);
  CHECK(a->question == 12);
  CHECK(a->text == "(a) ");
  CHECK(parse_spelling_notice("NOTICE:  dbpush-spelling 0 \n")->text.empty());
  CHECK_FALSE(parse_spelling_notice("NOTICE:  identifier will be truncated\n"));
  CHECK_FALSE(parse_spelling_notice("NOTICE:  dbpush-spelling x 28\n"));
}

TEST_CASE("every spelling of a partial index predicate pushes once, then is a no-op") {
  for (const auto& predicate : predicates()) {
    CAPTURE(predicate);
    pgtest::fixture f;
    const auto target = with_predicate(predicate);
    f.push(target);
    f.check_idempotent(target);
  }
}

TEST_CASE("every spelling of a column default pushes once, then is a no-op") {
  for (const auto& d : defaults()) {
    CAPTURE(d.column);
    CAPTURE(d.expression);
    pgtest::fixture f;
    const auto target = with_default(d.column, d.expression);
    f.push(target);
    f.check_idempotent(target);
  }
}

TEST_CASE("a predicate that really changed is still a change, and then a no-op") {
  const std::vector<std::pair<std::string, std::string>> changes = {
      {"status IN ('active', 'pending')", "status IN ('active')"},
      {"status IN ('active', 'pending')", "status IN ('pending', 'active')"},
      {"status IN ('pending')", "status NOT IN ('pending')"},
      {"paid", "NOT paid"},
      {"amount BETWEEN 1 AND 10", "amount BETWEEN 1 AND 11"},
      {"(amount > 0 OR paid) AND note IS NULL", "amount > 0 OR (paid AND note IS NULL)"},
      {"email LIKE 'a%'", "email LIKE 'A%'"},
      {"lower(email) = 'a'", "upper(email) = 'a'"},
      {"\"Region\" = 'EU'", "\"Region\" = 'eu'"},
  };
  for (const auto& [before, after] : changes) {
    CAPTURE(before);
    CAPTURE(after);
    pgtest::fixture f;
    f.push(with_predicate(before));
    const auto target = with_predicate(after);
    auto r = f.push(target);
    REQUIRE(r.steps.size() == 2);
    CHECK(r.steps[0].kind == db::step_kind::drop_index);
    CHECK(r.steps[1].kind == db::step_kind::create_index);
    f.check_idempotent(target);
  }
}

TEST_CASE("a default that really changed is still a change, and then a no-op") {
  const std::vector<std::tuple<std::string, std::string, std::string>> changes = {
      {"amount", "-1", "-2"},
      {"amount", "(1 + 2)", "(1 + 3)"},
      {"total", "-1.5", "-1.25"},
      {"created_at", "now()", "now() + interval '1 day'"},
      {"meta", "'{}'::jsonb", "'[]'::jsonb"},
      {"note", "lower('ABC')", "upper('ABC')"},
      {"status", "'pending'", "'active'"},
  };
  for (const auto& [column, before, after] : changes) {
    CAPTURE(before);
    CAPTURE(after);
    pgtest::fixture f;
    f.push(with_default(column, before));
    const auto target = with_default(column, after);
    auto r = f.push(target);
    REQUIRE(r.steps.size() == 1);
    CHECK(r.steps[0].kind == db::step_kind::alter_column);
    CHECK(r.steps[0].column_changes == db::column_change::default_value);
    f.check_idempotent(target);
  }
}

TEST_CASE("an expression the server rejects fails the push with the server's error, changing nothing") {
  pgtest::fixture f;
  f.push(with_predicate("status IN ('active')"));
  const auto before = f.dump();
  CHECK_THROWS_AS(f.push(with_predicate("status IN ('no such value')")), db::database_error);
  CHECK_THROWS_AS(f.push(with_predicate("no_such_column > 1")), db::database_error);
  CHECK(f.dump() == before);
  f.check_idempotent(with_predicate("status IN ('active')"));
}

TEST_CASE("a predicate naming an enum value the same push adds is compared after the push") {
  pgtest::fixture f;
  auto before = with_predicate("status IN ('active', 'pending')");
  f.push(before);
  auto target = with_predicate("status IN ('active', 'archived')");
  target.enums[0].values.push_back("archived");
  auto r = f.push(target);
  CHECK_FALSE(r.steps.empty());
  f.check_idempotent(target);
}

TEST_CASE("an expression holding the DO block's dollar quote is asked under another quote") {
  pgtest::fixture f;
  const auto target = with_default("note", "lower('$dbpush_spelling$ and $dbpush_spelling_1$')");
  f.push(target);
  f.check_idempotent(target);
  auto live = target;
  live.tables[0].columns[8].default_sql = "x";
  const auto statement = db::postgres::spelling_statement(db::postgres::differing_expressions(live, target), live,
                                                          target, db::postgres::sql_names(f.conn, f.name));
  CHECK(statement.substr(0, 23) == "DO $dbpush_spelling_2$\n");
}

TEST_CASE("pushes from several threads share the answers safely") {
  // Each thread its own connection and schema; the answers go to one cache.
  constexpr int threads = 4;
  std::vector<std::unique_ptr<pgtest::fixture>> fixtures;
  for (int i = 0; i < threads; ++i) fixtures.push_back(std::make_unique<pgtest::fixture>());
  const auto target = with_predicate("status IN ('active', 'done') AND amount BETWEEN 2 AND 3");
  for (auto& f : fixtures) f->push(target);
  std::vector<int> noop(threads, 0);
  std::vector<std::thread> running;
  for (int i = 0; i < threads; ++i)
    running.emplace_back([&, i] {
      for (int round = 0; round < 5; ++round)
        if (db::push(fixtures[i]->conn, target, fixtures[i]->options()).steps.empty()) ++noop[i];
    });
  for (auto& r : running) r.join();
  CHECK(noop == std::vector<int>(threads, 5));
}

namespace expressions_test {

enum class order_status { active, pending, done };

struct Order {
  std::int64_t id;
  order_status status;
  std::string email;
  bool paid;
  std::chrono::sys_seconds created_at;
};

}  // namespace expressions_test

template <>
struct db::model<expressions_test::Order> {
  using O = expressions_test::Order;
  static constexpr auto table = "orders";
  static constexpr auto fields = db::fields(db::field<&O::id>(db::primary_key, db::autoincrement),
                                            db::field<&O::created_at>(db::default_sql("now()")));
  static constexpr auto indexes =
      db::indexes(db::index_on<&O::email>(db::where("status IN ('active', 'pending')")),
                  db::unique_on<&O::email, &O::status>(db::named("orders_open_email"), db::where("NOT paid")));
};

TEST_CASE("models: the issue's partial index on an enum IN list is a no-op on the second push") {
  pgtest::fixture f;
  db::push<expressions_test::Order>(f.conn, f.options());
  f.sql.clear();
  auto r = db::push<expressions_test::Order>(f.conn, f.options());
  CHECK_MESSAGE(r.steps.empty(), r.to_string());
  CHECK(f.sql.empty());
  CHECK(f.column_of("SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indrelid = '" + f.q("orders") +
                    "'::regclass AND indpred IS NOT NULL ORDER BY 1") ==
        std::vector<std::string>{"(NOT paid)", "(status = ANY (ARRAY['active'::" + f.name + ".order_status, 'pending'::" +
                                                   f.name + ".order_status]))"});
}
