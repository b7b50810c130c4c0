// Unexecutable findings: steps the live data makes impossible.
#include "check_support.hpp"

#include <stdexcept>

using namespace core_test;

TEST_CASE("adding a required column without default to a non-empty table is refused") {
  auto live = sch({tbl("T")});
  auto with_default = col("d");
  with_default.default_sql = "0";
  auto target = sch({tbl("T", {col("c"), nullable("n"), with_default})});
  auto r = check_with(live, target, {4});
  CHECK(brief(r.probes) == names{"rows T()"});
  CHECK(r.messages() == names{"Added the required column `c` to the `T` table without a default value. There are "
                              "4 rows in this table, it is not possible to execute this step."});
  CHECK(r.findings[0].kind == db::finding_kind::unexecutable);
  CHECK(check_with(live, target, {1}).messages().front().find("There is 1 row in this table") != std::string::npos);
  CHECK(check_with(live, target, {0}).findings.empty());
}

TEST_CASE("making a column required over NULLs: filled with its default, refused without one") {
  auto live = sch({tbl("T", {nullable("c"), nullable("d")})});
  auto d = col("d", "TEXT");
  d.default_sql = "'x'";
  auto target = sch({tbl("T", {col("c", "TEXT"), d})});
  auto r = check_with(live, target, {2, 3});
  CHECK(brief(r.probes) == names{"nulls T(c)", "nulls T(d)"});
  CHECK(r.messages() ==
        names{"Made the column `c` on table `T` required, but there are 2 existing NULL values. Fill the NULL values "
              "first, or declare a default value for the column so the push fills them.",
              "Filled the 3 NULL values of the column `d` on the `T` table with its default `'x'`, as the column is "
              "now required."});
  CHECK(r.findings[0].kind == db::finding_kind::unexecutable);
  CHECK(r.findings[1].kind == db::finding_kind::fill);
  CHECK(r.findings[1].count == 3);
  CHECK(r.findings[1].column == "d");
  CHECK(check_with(live, target, {1, 1}).messages() ==
        names{"Made the column `c` on table `T` required, but there is 1 existing NULL value. Fill the NULL values "
              "first, or declare a default value for the column so the push fills them.",
              "Filled the 1 NULL value of the column `d` on the `T` table with its default `'x'`, as the column is "
              "now required."});
  CHECK(check_with(live, target, {0, 0}).findings.empty());
}

TEST_CASE("a unique index over duplicates is refused with the count; clean data passes") {
  auto live = sch({tbl("T", {nullable("email"), nullable("a")})});
  auto target = sch({with(tbl("T", {nullable("email"), nullable("a")}), {idx({"email"}, true), idx({"a"})})});
  auto r = check_with(live, target, {3});
  CHECK(brief(r.probes) == names{"duplicates T(email)"});
  CHECK(r.messages() == names{"A unique index `T_email_key` on table `T` (columns `email`) cannot be created: 3 rows "
                              "have duplicate values."});
  CHECK(check_with(live, target, {0}).findings.empty());
  // A new table has no data: nothing to ask.
  CHECK(db::probes_for(db::diff(db::schema{}, target), test_rules()).empty());
}

TEST_CASE("a unique key over a new column: NULL-filled asks nothing, a default is counted in every row") {
  auto live = sch({tbl("T", {nullable("a")})});
  auto fresh = col("fresh");
  fresh.default_sql = "1";
  auto target = sch({with(tbl("T", {nullable("a"), fresh, nullable("empty")}),
                          {idx({"fresh"}, true), idx({"a", "fresh"}, true), idx({"empty"}, true)})});
  auto r = check_with(live, target, {2, 5});
  CHECK(brief(r.probes) == names{"duplicates T(a,=1)", "duplicates T(=1)"});
  CHECK(r.messages() ==
        names{"A unique index `T_a_fresh_key` on table `T` (columns `a`, `fresh`) cannot be created: 2 rows would have "
              "duplicate values once the new column `fresh` takes its default `1` in every row.",
              "A unique index `T_fresh_key` on table `T` (columns `fresh`) cannot be created: 5 rows would have "
              "duplicate values once the new column `fresh` takes its default `1` in every row."});
  CHECK(check_with(live, target, {0, 0}).findings.empty());
}

TEST_CASE("a new primary key over duplicates or NULLs is refused") {
  auto live = sch({tbl("T", {nullable("code")})});
  live.tables[0].primary_key.clear();
  auto target = live;
  target.tables[0].primary_key = {"code"};
  auto r = check_with(live, target, {2, 1});
  CHECK(brief(r.probes) == names{"duplicates T(code)", "null_key T(code)"});
  CHECK(r.messages() ==
        names{"The primary key of table `T` (columns `code`) cannot be created: 2 rows have duplicate values.",
              "The primary key of table `T` (columns `code`) cannot be created: 1 row has NULL values in its "
              "columns."});
}

TEST_CASE("a new primary key counts the NULLs its columns keep: a cast makes none, a fill removes them") {
  // A value a cast fails on is refused by the cast's own finding, not counted
  // as a NULL key (docs/errors.md); a column whose NULLs a default fills holds none.
  struct spelling {
    std::string name;
    db::column a;  // a TEXT NULL in the live table
    names probes;
    std::string message;  // for a count of 1; empty: no NULL-key probe
  };
  auto filled = col("a", "TEXT");
  filled.default_sql = "'x'";
  auto filled_and_cast = col("a", "INTEGER");
  filled_and_cast.default_sql = "0";
  const std::vector<spelling> spellings{
      {"kept as it is", nullable("a"), {"duplicates t(a,b)", "null_key t(a,b)"},
       "The primary key of table `t` (columns `a`, `b`) cannot be created: 1 row has NULL values in its columns."},
      {"cast", nullable("a", "INTEGER"),
       {"cast_failures t(a)", "non_null t(a)", "duplicates t(a:TEXT>INTEGER,b)", "null_key t(a,b)"},
       "The primary key of table `t` (columns `a`, `b`) cannot be created: 1 row has NULL values in its columns."},
      {"NULLs filled", filled, {"nulls t(a)", "duplicates t(a|'x',b)", "null_key t(b)"},
       "The primary key of table `t` (columns `a`, `b`) cannot be created: 1 row has NULL values in its columns."},
      {"cast and NULLs filled", filled_and_cast,
       {"cast_failures t(a)", "non_null t(a)", "nulls t(a)", "duplicates t(a:TEXT>INTEGER|0,b)", "null_key t(b)"},
       "The primary key of table `t` (columns `a`, `b`) cannot be created: 1 row has NULL values in its columns."},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.name);
    db::table live;
    live.name = "t";
    live.columns = {nullable("a"), nullable("b", "INTEGER")};
    auto target = live;
    target.columns[0] = s.a;
    target.primary_key = {"a", "b"};
    std::vector<std::int64_t> counts(s.probes.size(), 0);
    counts.back() = 1;
    auto r = check_with(sch({live}), sch({target}), counts);
    CHECK(brief(r.probes) == s.probes);
    REQUIRE_FALSE(r.findings.empty());
    CHECK(r.findings.back().message == s.message);
  }
}

TEST_CASE("a new foreign key over orphans is refused; a new parent makes every keyed row an orphan") {
  auto live = sch({tbl("P"), tbl("T", {nullable("p_id")})});
  auto target = sch({tbl("P"), with(tbl("T", {nullable("p_id")}), {}, {fk({"p_id"}, "P")})});
  auto r = check_with(live, target, {6});
  CHECK(brief(r.probes) == names{"orphans T(p_id) -> P(id)"});
  CHECK(r.messages() ==
        names{"The foreign key `T_p_id_fkey` on table `T` cannot be added: 6 rows of `T` reference no row of `P`."});
  CHECK(check_with(live, target, {0}).findings.empty());

  auto no_parent = sch({tbl("T", {nullable("p_id")})});
  auto fresh = check_with(no_parent, target, {1});
  CHECK(brief(fresh.probes) == names{"orphans T(p_id) -> no rows"});
  CHECK(fresh.messages() ==
        names{"The foreign key `T_p_id_fkey` on table `T` cannot be added: 1 row of `T` references no row of `P`."});
}

TEST_CASE("removing an enum value is refused per column still using it, and silent when unused") {
  auto role = nullable("role");
  role.enum_type = "Role";
  auto live = sch({tbl("users", {role}), tbl("invites", {role})}, {enm("Role", {"admin", "guest", "old"})});
  auto target = live;
  target.enums[0].values = {"admin"};
  auto r = check_with(live, target, {0, 2, 1, 0});
  CHECK(brief(r.probes) == names{"enum_values users(role) =guest", "enum_values users(role) =old",
                                 "enum_values invites(role) =guest", "enum_values invites(role) =old"});
  CHECK(r.messages() == names{"Removed the value `old` from enum `Role`, but 2 rows of `users`.`role` still use it.",
                              "Removed the value `guest` from enum `Role`, but 1 row of `invites`.`role` still uses it."});
  CHECK(check_with(live, target, {0, 0, 0, 0}).findings.empty());
}

TEST_CASE("turning a column into an enum is refused when values are outside it, silent otherwise") {
  auto live = sch({tbl("users", {nullable("role")})});
  auto role = nullable("role");
  role.enum_type = "Role";
  auto target = sch({tbl("users", {role})}, {enm("Role", {"admin", "member"})});
  auto r = check_with(live, target, {5, 3});
  CHECK(brief(r.probes) == names{"non_null users(role)", "enum_values users(role) =admin =member"});
  CHECK(r.messages() == names{"Changed the column `role` on the `users` table to the enum `Role`, but 2 non-null "
                              "values are not a value of `Role`."});
  CHECK(check_with(live, target, {5, 5}).findings.empty());
}

TEST_CASE("assess refuses answers that do not belong to the diff") {
  auto live = sch({tbl("users")});
  auto d = db::diff(live, db::schema{});
  CHECK_THROWS_AS(db::assess(d, {}, test_rules()), std::logic_error);
}
