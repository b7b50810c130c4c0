// The push front's pure parts: summaries, error texts, the plan fingerprint.
// The flow itself is tested through the real SQLite and PostgreSQL sessions.
#include "steps.hpp"

#include <dbpush/push/push.hpp>

#include <doctest/doctest.h>

#include <sstream>

using namespace core_test;

namespace {

db::finding make_finding(db::finding_kind kind, std::string message) {
  db::finding f;
  f.kind = kind;
  f.message = std::move(message);
  return f;
}

db::step added_column(std::string table, std::string column) {
  db::step s;
  s.kind = db::step_kind::add_column;
  s.table = std::move(table);
  s.object = std::move(column);
  return s;
}

}  // namespace

TEST_CASE("push_result says in sync, or lists changes and accepted warnings") {
  db::push_result r;
  CHECK(r.to_string() == "The database is already in sync with the models.");
  r.changed = true;
  r.steps = {added_column("users", "bio")};
  r.warnings = {make_finding(db::finding_kind::warning, "You are about to drop the `t` table, which is not empty (2 rows).")};
  CHECK(r.to_string() ==
        "Your database is now in sync with the models.\n\n"
        "Applied changes:\n\n  - Added column `bio` to table `users`\n\n"
        "Accepted data loss warnings:\n\n  - You are about to drop the `t` table, which is not empty (2 rows).");
  r.reset = true;
  r.warnings.clear();
  std::ostringstream os;
  os << r;
  CHECK(os.str() ==
        "Your database is now in sync with the models.\n"
        "The database was reset: its previous contents were dropped.\n\n"
        "Applied changes:\n\n  - Added column `bio` to table `users`");
}

TEST_CASE("push_plan lists steps, SQL, warnings and refusals") {
  db::push_plan p;
  CHECK(p.to_string() == "The database is already in sync with the models.");
  p.diff.steps = {added_column("users", "bio")};
  p.sql = {"ALTER TABLE \"users\" ADD COLUMN \"bio\" TEXT"};
  p.unexecutable = {make_finding(db::finding_kind::unexecutable, "Nope.")};
  std::ostringstream os;
  os << p;
  CHECK(os.str() ==
        "Planned changes:\n\n  - Added column `bio` to table `users`\n\n"
        "SQL:\n\n  ALTER TABLE \"users\" ADD COLUMN \"bio\" TEXT;\n\n"
        "We found changes that cannot be executed:\n\n  - Nope.");
}

TEST_CASE("plan, result and unfinished_push_error set apart the statements that run after the commit") {
  const db::statement added{"ALTER TABLE \"t\" ADD CONSTRAINT \"k\" FOREIGN KEY (\"p\") REFERENCES \"p\" (\"id\") NOT VALID",
                            db::statement_kind::change, "t"};
  const db::statement built{"CREATE INDEX CONCURRENTLY \"i\" ON \"t\" (\"a\")", db::statement_kind::change, "t", {},
                            db::statement_phase::after_commit_outside_transaction};
  const db::statement validated{"ALTER TABLE \"t\" VALIDATE CONSTRAINT \"k\"", db::statement_kind::change, "t", {},
                                db::statement_phase::after_commit};
  db::push_plan p;
  p.diff.steps = {added_column("t", "a")};
  p.statements = {added, built, validated};
  for (const auto& st : p.statements) p.sql.push_back(st.sql);
  CHECK(p.to_string() ==
        "Planned changes:\n\n  - Added column `a` to table `t`\n\n"
        "SQL:\n\n  " + added.sql + ";\n\n"
        "SQL after the transaction commits (online steps, each on its own; the next push finishes them if the push "
        "stops before they ran):\n\n  " + built.sql + ";\n  " + validated.sql + ";");
  db::push_result r;
  r.changed = true;
  r.statements = p.statements;
  r.sql = p.sql;
  CHECK(r.to_string() ==
        "Your database is now in sync with the models.\n\n"
        "Run after the transaction committed (online steps):\n\n  " + built.sql + ";\n  " + validated.sql + ";");
  // Statements that finish an interrupted push, without steps, are not "in sync".
  db::push_plan finishing;
  finishing.statements = {validated};
  finishing.sql = {validated.sql};
  CHECK_FALSE(finishing.empty());
  const db::unfinished_push_error e({added}, built, {validated}, "PostgreSQL error 23505 while running it");
  CHECK(std::string(e.what()) ==
        "dbpush: the push committed its transaction, then a step it runs after the commit (online mode) failed; the "
        "database holds every change but the steps not applied below, and the next push (online or not) finishes "
        "them.\nApplied:\n  - " + added.sql + "\nFailed: " + built.sql +
        "\n  because: PostgreSQL error 23505 while running it\nNot applied:\n  - " + validated.sql);
  CHECK(e.pending() == std::vector<db::statement>{validated});
  CHECK(e.failed() == built);
}

TEST_CASE("error texts list every finding and name the option that gets past them") {
  std::vector<db::finding> warnings{
      make_finding(db::finding_kind::warning, "You are about to drop the `users` table, which is not empty (5 rows)."),
      make_finding(db::finding_kind::warning,
                   "You are about to drop the column `bio` on the `t` table, which still contains 1 non-null value.")};
  db::data_loss_error loss(warnings);
  CHECK(std::string(loss.what()) ==
        "There might be data loss when applying the changes:\n\n"
        "  - You are about to drop the `users` table, which is not empty (5 rows).\n"
        "  - You are about to drop the column `bio` on the `t` table, which still contains 1 non-null value.\n\n"
        "Use accept_data_loss (push_options{.accept_data_loss = true}) to apply anyway.");
  CHECK(loss.warnings() == warnings);

  db::unexecutable_error refused({make_finding(db::finding_kind::unexecutable, "Made it required.")});
  CHECK(std::string(refused.what()) ==
        "We found changes that cannot be executed:\n\n  - Made it required.\n\n"
        "Use force_reset (push_options{.force_reset = true}) to drop the schema and push again; all data will be "
        "lost.");
  CHECK(refused.findings().size() == 1);
  const db::error& base = refused;
  CHECK(std::string(base.what()).starts_with("We found"));
}

TEST_CASE("the plan fingerprint is stable, order-insensitive, and sees schema, answers and reset") {
  auto live = sch({id_table("a", {nullable("x")}), id_table("b")});
  db::probe p;
  p.kind = db::probe_kind::row_count;
  p.table = "a";
  p.count = 3;
  const auto base = db::detail::plan_fingerprint(live, {p}, false);
  CHECK(base.size() == 16);
  CHECK(base == db::detail::plan_fingerprint(live, {p}, false));
  CHECK(base == db::detail::plan_fingerprint(sch({live.tables[1], live.tables[0]}), {p}, false));

  CHECK(base != db::detail::plan_fingerprint(live, {p}, true));
  auto more_rows = p;
  more_rows.count = 4;
  CHECK(base != db::detail::plan_fingerprint(live, {more_rows}, false));
  auto changed = live;
  changed.tables[0].columns[1].nullable = false;
  CHECK(base != db::detail::plan_fingerprint(changed, {p}, false));
  CHECK(base != db::detail::plan_fingerprint(live, {}, false));

  // Enums: each name and value, and where one enum's values end.
  auto with_enums = [&live, &p](std::vector<db::enum_type> enums) {
    auto s = live;
    s.enums = std::move(enums);
    return db::detail::plan_fingerprint(s, {p}, false);
  };
  const auto two = with_enums({{"a", {"x", "y"}}, {"b", {"z"}}});
  CHECK(two != base);
  CHECK(two != with_enums({{"a", {"x"}}, {"b", {"y", "z"}}}));
  CHECK(two != with_enums({{"a", {"x", "y"}}, {"b", {"w"}}}));
  CHECK(two != with_enums({{"a", {"x", "y"}}, {"c", {"z"}}}));
}

TEST_CASE("an inconsistent target is refused before anything runs, with every problem listed") {
  auto users = with(id_table("users", {nullable("email")}), {idx({"mail"}, true, "dup")});
  users.columns.push_back(nullable("email"));
  users.columns[1].enum_type = "Nope";
  users.primary_key = {"uid"};
  auto posts = with(id_table("posts", {col("user_id")}), {idx({"user_id"}, false, "dup")},
                    {fk({"user_id"}, "users", {"id", "x"}, "f1"), fk({"user_id"}, "ghosts", {"id"}, "f2"),
                     fk({"user_id"}, "external", {"id"}, "f3")});
  auto target = sch({users, posts, id_table("posts")});
  CHECK_THROWS_WITH_AS(db::detail::validate_target(target, {"external"}),
                       "dbpush: the target schema is not valid; nothing was changed:\n"
                       "  - column `users`.`email` uses the unknown enum `Nope`\n"
                       "  - table `users` has two columns named `email`\n"
                       "  - the primary key of table `users` uses the unknown column `users`.`uid`\n"
                       "  - the index `dup` of table `users` uses the unknown column `users`.`mail`\n"
                       "  - two indexes are named `dup`\n"
                       "  - the foreign key `f1` of table `posts` uses the unknown column `users`.`x`\n"
                       "  - the foreign key `f1` of table `posts` has 1 column but references 2\n"
                       "  - the foreign key `f2` of table `posts` references the unknown table `ghosts`\n"
                       "  - two tables are named `posts`",
                       db::error);
  auto fine = sch({with(id_table("users", {nullable("email")}), {idx({"email"}, true)}),
                   with(id_table("posts", {col("user_id")}), {}, {fk({"user_id"}, "users")})});
  db::normalise(fine);
  CHECK_NOTHROW(db::detail::validate_target(fine, {}));
}
