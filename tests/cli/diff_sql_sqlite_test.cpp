// db::diff_sql on SQLite: the script turns a database pushed with `from` into
// one a push of `to` finds in sync, and its findings are the ones a push
// raises on tables that hold rows.
#include "cli/versions.hpp"
#include "sqlite/fixture.hpp"

#include <dbpush/diff_sql.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sqlite_test;

namespace {

constexpr auto dialect = db::dialect::sqlite;

using versions::includes;
using versions::keys;

void seed_one_row_each(SQLite::Database& conn, const db::schema& pushed) {
  const versions::spelling q{db::sqlite::quote_identifier, db::sqlite::quote_identifier, db::sqlite::quote_literal,
                             "INTEGER", ""};
  for (const auto& insert : versions::one_row_each(pushed, dialect, q)) conn.exec(insert);
}

}  // namespace

TEST_CASE("diff_sql: the script brings a database pushed with `from` to `to`, for every evolution") {
  for (const auto& e : versions::evolutions) {
    CAPTURE(e.name);
    temp_db t;
    db::push(t.conn, e.from(dialect));
    const db::sql_diff d = db::diff_sql(e.from(dialect), e.to(dialect), dialect);
    for (const auto& statement : d.sql) t.conn.exec(statement);
    const db::push_plan after = db::plan(t.conn, e.to(dialect));
    CHECK_MESSAGE(after.empty(), "left to do after the script:\n" << after << "\nscript:\n" << d.script());
    CHECK(count(t.conn, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(count(t.conn, "PRAGMA foreign_keys") == 1);  // the script switches them back on
  }
}

TEST_CASE("diff_sql: its findings are those a push raises on tables that hold rows") {
  for (const auto& e : versions::evolutions) {
    CAPTURE(e.name);
    temp_db t;
    db::push(t.conn, e.from(dialect));
    seed_one_row_each(t.conn, e.from(dialect));
    const db::push_plan live = db::plan(t.conn, e.to(dialect));
    const db::sql_diff offline = db::diff_sql(e.from(dialect), e.to(dialect), dialect);
    // Data loss needs only rows: the same warnings. Refusals and fills depend
    // on particular values (NULLs, duplicates): offline lists every one that may.
    CHECK(keys(offline.warnings) == keys(live.warnings));
    CHECK(includes(keys(offline.unexecutable), keys(live.unexecutable)));
    CHECK(includes(keys(offline.fills), keys(live.fills)));
    for (const auto* list : {&offline.warnings, &offline.unexecutable, &offline.fills})
      for (const auto& f : *list) CHECK(f.count == 0);
    CHECK(offline.steps == live.diff.steps);
  }
}

TEST_CASE("diff_sql: findings say what a push would do, without counts") {
  const auto d = db::diff_sql(versions::first(dialect), versions::second(dialect), dialect);
  std::vector<std::string> messages;
  for (const auto* list : {&d.warnings, &d.unexecutable, &d.fills})
    for (const auto& f : *list) messages.push_back(f.message);
  CHECK(messages == std::vector<std::string>{
                        "You are about to drop the `shelves` table: the rows it holds will be lost.",
                        "You are about to drop the column `isbn` on the `books` table: the values it holds will be lost.",
                        "Made the column `nickname` on table `authors` required: a push refuses it if it holds NULL "
                        "values. Fill them first, or declare a default value for the column so the push fills them.",
                        "Added the required column `year` to the `books` table without a default value: a push "
                        "refuses it if the table has rows. Declare a default value, or make the column optional.",
                        "The NULL values of the column `name` on the `authors` table will be set to its default "
                        "`'anonymous'`, as the column is now required."});
}

TEST_CASE("diff_sql: equal schemas give no script; creation needs no pragmas") {
  const auto same = db::diff_sql(versions::second(dialect), versions::second(dialect), dialect);
  CHECK(same.empty());
  CHECK(same.script().empty());
  CHECK(same.to_string() == "-- The schemas are already in sync: no changes.\n");
  const auto created = db::diff_sql({}, versions::first(dialect), dialect);
  CHECK(created.sql.front().rfind("CREATE TABLE", 0) == 0);
  const auto changed = db::diff_sql(versions::first(dialect), versions::second(dialect), dialect);
  CHECK(changed.sql.front() == "PRAGMA defer_foreign_keys = ON");
  CHECK(changed.sql.back() == "PRAGMA defer_foreign_keys = OFF");
}

TEST_CASE("diff_sql: an invalid target is refused with the problem named") {
  db::schema broken = versions::first(dialect);
  broken.tables[0].primary_key = {"missing"};
  try {
    db::diff_sql({}, broken, dialect);
    FAIL("no error");
  } catch (const db::error& e) {
    CHECK(std::string(e.what()).find("the primary key of table `authors` uses the unknown column `authors`.`missing`") !=
          std::string::npos);
  }
}
