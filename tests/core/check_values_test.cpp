// Keys judged on the values the push leaves: which probes a push asks, what
// each key column holds after it, and the refusal that names the change.
#include "check_support.hpp"

using namespace core_test;

namespace {

db::column with_default(db::column c, std::string default_sql) {
  c.default_sql = std::move(default_sql);
  return c;
}

// A table without a primary key.
db::table keyless(std::string name, std::vector<db::column> columns) {
  db::table t;
  t.name = std::move(name);
  t.columns = std::move(columns);
  return t;
}

db::column renamed(db::column c, std::string from) {
  c.renamed_from = std::move(from);
  return c;
}

}  // namespace

TEST_CASE("a key over a column the push changes is probed on the values it leaves, new or kept") {
  struct spelling {
    const char* name;
    db::schema live, target;
    names probes;
    std::vector<std::int64_t> counts;
    names messages;
  };
  const auto p = id_table("P");
  const std::vector<spelling> spellings{
      {"a new column's default under a new foreign key",
       sch({p, id_table("T")}),
       sch({p, with(id_table("T", {with_default(nullable("p_id", "INTEGER"), "7")}), {}, {fk({"p_id"}, "P")})}),
       {"orphans T(=7) -> P(id)"},
       {3},
       {"The foreign key `T_p_id_fkey` on table `T` cannot be added: 3 rows of `T` would reference no row of `P` once "
        "the new column `p_id` takes its default `7` in every row."}},
      {"NULLs filled under a kept unique index",
       sch({with(id_table("T", {nullable("code")}), {idx({"code"}, true)})}),
       sch({with(id_table("T", {with_default(col("code", "TEXT"), "'z'")}), {idx({"code"}, true)})}),
       {"nulls T(code)", "duplicates T(code|'z')"},
       {2, 3},
       {"Filled the 2 NULL values of the column `code` on the `T` table with its default `'z'`, as the column is now "
        "required.",
        "A unique index `T_code_key` on table `T` (columns `code`) cannot be kept: 3 rows would have duplicate values "
        "once `code` takes its default `'z'` where it is NULL."}},
      {"a risky cast under a kept unique index, renamed",
       sch({with(id_table("T", {col("n", "BIGINT")}), {idx({"n"}, true, "T_n")})}),
       sch({with(id_table("T", {renamed(col("m", "INTEGER"), "n")}), {idx({"m"}, true, "T_n")})}),
       {"non_null T(n)", "duplicates T(n:BIGINT>INTEGER)"},
       {4, 2},
       {"You are about to alter the column `m` on the `T` table, which contains 4 non-null values. The data in that "
        "column will be cast from `BIGINT` to `INTEGER`.",
        "A unique index `T_n` on table `T` (columns `m`) cannot be kept: 2 rows would have duplicate values once `m` "
        "is cast from `BIGINT` to `INTEGER`."}},
      {"a safe cast under a kept unique index asks nothing more",
       sch({with(id_table("T", {col("n", "INTEGER")}), {idx({"n"}, true)})}),
       sch({with(id_table("T", {col("n", "BIGINT")}), {idx({"n"}, true)})}),
       {},
       {},
       {}},
      {"a cast under a kept primary key",
       sch({id_table("T")}),
       [] {
         auto t = id_table("T");
         t.columns[0].type = "TEXT";
         return sch({t});
       }(),
       {"cast_failures T(id)", "non_null T(id)", "duplicates T(id:INTEGER>TEXT)"},
       {0, 3, 2},
       {"You are about to alter the column `id` on the `T` table, which contains 3 non-null values. The data in that "
        "column will be cast from `INTEGER` to `TEXT`.",
        "The primary key of table `T` (columns `id`) cannot be kept: 2 rows would have duplicate values once `id` is "
        "cast from `INTEGER` to `TEXT`."}},
      {"a cast under a foreign key the differ re-adds",
       sch({p, with(id_table("T", {nullable("x", "TEXT")}), {}, {fk({"x"}, "P")})}),
       sch({p, with(id_table("T", {nullable("x", "INTEGER")}), {}, {fk({"x"}, "P")})}),
       {"cast_failures T(x)", "non_null T(x)", "orphans T(x:TEXT>INTEGER) -> P(id)"},
       {0, 2, 1},
       {"You are about to alter the column `x` on the `T` table, which contains 2 non-null values. The data in that "
        "column will be cast from `TEXT` to `INTEGER`.",
        "The foreign key `T_x_fkey` on table `T` cannot be added: 1 row of `T` would reference no row of `P` once `x` "
        "is cast from `TEXT` to `INTEGER`."}},
      {"NULLs filled under a kept foreign key",
       sch({p, with(id_table("T", {nullable("p_id", "INTEGER")}), {}, {fk({"p_id"}, "P")})}),
       sch({p, with(id_table("T", {with_default(col("p_id"), "9")}), {}, {fk({"p_id"}, "P")})}),
       {"nulls T(p_id)", "orphans T(p_id|9) -> P(id)"},
       {2, 2},
       {"Filled the 2 NULL values of the column `p_id` on the `T` table with its default `9`, as the column is now "
        "required.",
        "The foreign key `T_p_id_fkey` on table `T` cannot be kept: 2 rows of `T` would reference no row of `P` once "
        "`p_id` takes its default `9` where it is NULL."}},
      {"a parent's new column with a default under a new foreign key",
       sch({p, id_table("T", {nullable("code")})}),
       sch({with(id_table("P", {with_default(col("code", "TEXT"), "'x'")}), {idx({"code"}, true)}),
            with(id_table("T", {nullable("code")}), {}, {fk({"code"}, "P", {"code"})})}),
       {"duplicates P(='x')", "orphans T(code) -> P(='x')"},
       {2, 4},
       {"A unique index `P_code_key` on table `P` (columns `code`) cannot be created: 2 rows would have duplicate "
        "values once the new column `code` takes its default `'x'` in every row.",
        "The foreign key `T_code_fkey` on table `T` cannot be added: 4 rows of `T` would reference no row of `P` once "
        "the new column `P`.`code` takes its default `'x'` in every row."}},
      {"a parent's new column without a default under a new foreign key",
       sch({p, id_table("T", {nullable("code")})}),
       sch({with(id_table("P", {nullable("code")}), {idx({"code"}, true)}),
            with(id_table("T", {nullable("code")}), {}, {fk({"code"}, "P", {"code"})})}),
       {"orphans T(code) -> P(NULL)"},
       {4},
       {"The foreign key `T_code_fkey` on table `T` cannot be added: 4 rows of `T` would reference no row of `P` once "
        "the new column `P`.`code` is NULL in every row."}},
      {"a parent's new autoincrement key under a new foreign key",
       sch({keyless("P", {nullable("code")}), id_table("T", {nullable("p_n", "INTEGER")})}),
       sch({[] {
              auto parent = keyless("P", {nullable("code")});
              auto n = col("n");
              n.autoincrement = true;
              parent.columns.insert(parent.columns.begin(), n);
              parent.primary_key = {"n"};
              return parent;
            }(),
            with(id_table("T", {nullable("p_n", "INTEGER")}), {}, {fk({"p_n"}, "P", {"n"})})}),
       {"orphans T(p_n) -> P(NULL)"},
       {2},
       {"The foreign key `T_p_n_fkey` on table `T` cannot be added: 2 rows of `T` would reference no row of `P` once "
        "the new autoincrement column `P`.`n` numbers its rows, in an order not known before the push."}},
      {"a parent dbpush does not manage is read as it is",
       sch({id_table("T", {nullable("e_id", "INTEGER")})}),
       sch({with(id_table("T", {nullable("e_id", "INTEGER")}), {}, {fk({"e_id"}, "external")})}),
       {"orphans T(e_id) -> external(id)"},
       {1},
       {"The foreign key `T_e_id_fkey` on table `T` cannot be added: 1 row of `T` references no row of `external`."}},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.name);
    auto r = check_with(s.live, s.target, s.counts);
    CHECK(brief(r.probes) == s.probes);
    CHECK(r.messages() == s.messages);
    // Nothing is reported where the data shows no conflict.
    auto clean = check_with(s.live, s.target, std::vector<std::int64_t>(s.counts.size(), 0));
    CHECK(clean.findings.empty());
  }
}

TEST_CASE("a key over an added column without default or with an identity asks nothing") {
  auto live = sch({id_table("P"), id_table("T")});
  auto counter = col("n");
  counter.autoincrement = true;
  auto target = sch({id_table("P"), with(id_table("T", {nullable("p_id", "INTEGER"), counter}),
                                    {idx({"p_id"}, true), idx({"n"}, true)}, {fk({"p_id"}, "P"), fk({"n"}, "P")})});
  CHECK(db::probes_for(db::diff(live, target), test_rules()).empty());
}

TEST_CASE("a refusal over a kept key names the step that changes its values") {
  auto live = sch({with(id_table("T", {nullable("a"), nullable("code")}), {idx({"code"}, true)})});
  auto target = sch({with(id_table("T", {col("a", "TEXT"), with_default(col("code", "TEXT"), "'z'")}), {idx({"code"}, true)})});
  auto r = check_with(live, target, {0, 0, 2});
  REQUIRE(r.findings.size() == 1);
  CHECK(r.diff.steps[r.findings[0].step_index].object == "code");
  CHECK(r.findings[0].table == "T");
}
