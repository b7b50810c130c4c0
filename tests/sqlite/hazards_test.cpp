// Issue 15.2 on SQLite: a step that redefines a table copies every row of it,
// and the plan says so the way it says a PostgreSQL rewrite (the row count is
// not read: counting would scan the table). Nothing else touches table rows.
#include "fixture.hpp"

using namespace sqlite_test;

TEST_CASE("sqlite a table redefinition is announced as a rewrite of that table, and nothing else is") {
  seeded_blog t;
  auto target = blog();
  target.tables[1].columns[2].nullable = true;                 // posts.title: redefines posts
  target.tables[0].columns.push_back(col("bio", "TEXT", true));  // users.bio: ADD COLUMN
  auto options = db::push_options{};
  options.postgres.max_scanned_rows = 0;  // PostgreSQL only: a SQLite push reads no sizes
  const auto plan = db::plan(t.conn, target, options);
  int rewrites = 0;
  for (const auto& st : plan.statements) {
    CAPTURE(st.sql);
    CHECK(st.hazard.lock == db::table_lock::none);
    CHECK_FALSE(st.hazard.rows);
    CHECK_FALSE(st.hazard.bytes);
    CHECK(st.hazard.work == (st.kind == db::statement_kind::copy_rows ? db::table_work::rewrite : db::table_work::none));
    if (st.hazard.work == db::table_work::rewrite) {
      ++rewrites;
      CHECK(st.table == "posts");
      CHECK_MESSAGE(plan.to_string().find(st.sql + ";\n    -- rewrites `posts` (size not read)") != std::string::npos,
                    plan);
    }
  }
  CHECK(rewrites == 1);
  // One annotation in the whole plan: the copy's.
  const auto printed = plan.to_string();
  CHECK(printed.find("    -- ") == printed.rfind("    -- "));
  const auto result = db::apply(t.conn, plan, options);
  CHECK(result.statements == plan.statements);
  CHECK_MESSAGE(result.to_string().find("Tables rewritten or scanned:\n\n  - rewrites `posts` (size not read): INSERT") !=
                    std::string::npos,
                result);
}
