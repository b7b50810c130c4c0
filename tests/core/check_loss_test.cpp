// Warnings: data that a step would lose or alter.
#include "check_support.hpp"

using namespace core_test;

TEST_CASE("dropping a table warns with its row count, and only when it has rows") {
  auto live = sch({id_table("users"), id_table("kept")});
  auto target = sch({id_table("kept")});
  auto r = check_with(live, target, {5});
  CHECK(brief(r.probes) == names{"rows users()"});
  CHECK(r.messages() == names{"You are about to drop the `users` table, which is not empty (5 rows)."});
  CHECK(r.findings[0].kind == db::finding_kind::warning);
  CHECK(r.findings[0].count == 5);
  CHECK(r.findings[0].step_index == 0);
  CHECK(check_with(live, target, {1}).messages() ==
        names{"You are about to drop the `users` table, which is not empty (1 row)."});
  CHECK(check_with(live, target, {0}).findings.empty());
}

TEST_CASE("dropping a column warns with its non-null count, on the live table name") {
  auto live = sch({id_table("people", {nullable("bio"), nullable("name")})});
  auto target = sch({id_table("users", {nullable("name")})});
  target.tables[0].renamed_from = "people";
  auto r = check_with(live, target, {3});
  CHECK(brief(r.probes) == names{"non_null people(bio)"});
  CHECK(r.messages() ==
        names{"You are about to drop the column `bio` on the `users` table, which still contains 3 non-null values."});
  CHECK(r.findings[0].column == "bio");
  CHECK(check_with(live, target, {0}).findings.empty());
}

TEST_CASE("casts: safe stays silent, risky warns with non-null values, not castable counts failures") {
  auto live = sch({id_table("t", {col("a"), col("b", "BIGINT"), col("c", "TEXT")})});
  auto target = sch({id_table("t", {col("a", "BIGINT"), col("b", "INTEGER"), col("c", "INTEGER")})});
  auto r = check_with(live, target, {4, 0, 7});
  CHECK(brief(r.probes) == names{"non_null t(b)", "cast_failures t(c)", "non_null t(c)"});
  CHECK(r.probes[1].source_type == "TEXT");
  CHECK(r.probes[1].target_type == "INTEGER");
  CHECK(r.messages() ==
        names{"You are about to alter the column `b` on the `t` table, which contains 4 non-null values. The data in "
              "that column will be cast from `BIGINT` to `INTEGER`.",
              "You are about to alter the column `c` on the `t` table, which contains 7 non-null values. The data in "
              "that column will be cast from `TEXT` to `INTEGER`."});
  CHECK(r.findings[1].kind == db::finding_kind::warning);

  auto failing = check_with(live, target, {0, 2, 7});
  CHECK(failing.messages() ==
        names{"Changed the type of `c` on the `t` table from `TEXT` to `INTEGER`, but 2 non-null values cannot be "
              "cast. It is not possible to execute this step."});
  CHECK(failing.findings[0].kind == db::finding_kind::unexecutable);
  CHECK(check_with(live, target, {0, 0, 0}).findings.empty());
}

TEST_CASE("without dialect cast rules every type change is risky") {
  auto live = sch({id_table("t", {col("a")})});
  auto target = sch({id_table("t", {col("a", "BIGINT")})});
  auto r = check_with(live, target, {1}, db::check_rules{});
  CHECK(r.findings.size() == 1);
}

TEST_CASE("changing a primary key over clean data says nothing; renames and index drops ask nothing") {
  auto live = sch({with(id_table("t", {col("a"), nullable("n")}), {idx({"n"})})});
  auto target = sch({id_table("t", {col("b"), nullable("n")})});
  target.tables[0].columns[1].renamed_from = "a";
  target.tables[0].primary_key = {"id", "b"};
  auto r = check_with(live, target, {0, 0});
  CHECK(brief(r.probes) == names{"duplicates t(id,a)", "null_key t(id,a)"});
  CHECK(r.findings.empty());
}
