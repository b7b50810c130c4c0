// db::diff_sql on PostgreSQL: without a connection, the script (qualified with
// the managed schema, or unqualified under a search_path) turns a schema
// pushed with `from` into one a push of `to` finds in sync, and its findings
// are the ones a push raises on tables that hold rows.
#include "cli/versions.hpp"
#include "postgres/pg_fixture.hpp"

#include <dbpush/diff_sql.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

constexpr auto dialect = db::dialect::postgres;

using versions::includes;
using versions::keys;

void seed_one_row_each(pgtest::fixture& f, const db::schema& pushed) {
  const versions::spelling q{[&f](const std::string& t) { return f.q(t); },
                             [&f](const std::string& c) { return f.conn.quote_name(c); },
                             [&f](const std::string& v) { return f.conn.quote(v); }, "bigint", "OVERRIDING SYSTEM VALUE "};
  for (const auto& insert : versions::one_row_each(pushed, dialect, q)) f.exec(insert);
}

}  // namespace

TEST_CASE("diff_sql (PostgreSQL): the script brings a schema pushed with `from` to `to`, qualified or not") {
  for (const bool qualified : {true, false}) {
    for (const auto& e : versions::evolutions) {
      CAPTURE(e.name);
      CAPTURE(qualified);
      pgtest::fixture f;
      f.push(e.from(dialect));
      const db::sql_diff d =
          db::diff_sql(e.from(dialect), e.to(dialect), dialect, {.postgres_schema = qualified ? f.name : ""});
      {
        pqxx::work tx(f.conn);
        if (!qualified) tx.exec("SET LOCAL search_path TO " + f.conn.quote_name(f.name));
        for (const auto& statement : d.sql) tx.exec(statement);
        tx.commit();
      }
      const db::push_plan after = db::plan(f.conn, e.to(dialect), f.options());
      CHECK_MESSAGE(after.empty(), "left to do after the script:\n" << after << "\nscript:\n" << d.script());
    }
  }
}

TEST_CASE("diff_sql (PostgreSQL): its findings are those a push raises on tables that hold rows") {
  for (const auto& e : versions::evolutions) {
    CAPTURE(e.name);
    pgtest::fixture f;
    f.push(e.from(dialect));
    seed_one_row_each(f, e.from(dialect));
    const db::push_plan live = db::plan(f.conn, e.to(dialect), f.options());
    const db::sql_diff offline = db::diff_sql(e.from(dialect), e.to(dialect), dialect);
    CHECK(keys(offline.warnings) == keys(live.warnings));
    CHECK(includes(keys(offline.unexecutable), keys(live.unexecutable)));
    CHECK(includes(keys(offline.fills), keys(live.fills)));
    CHECK(offline.steps == live.diff.steps);
  }
}

TEST_CASE("diff_sql (PostgreSQL): names and literals are quoted without a connection") {
  const auto d = db::diff_sql({}, versions::awkward(dialect), dialect, {.postgres_schema = "app"});
  const std::string script = d.script();
  CHECK(script.find("CREATE TYPE \"app\".\"mo\"\"od\" AS ENUM ('it''s', E'back\\\\slash', 'plain');") !=
        std::string::npos);
  CHECK(script.find("CREATE TABLE \"app\".\"we\"\"ird table\"") != std::string::npos);
}
