// The checker judges the values each column holds after the push (new columns'
// defaults, NULLs filled by a default, casts) against every constraint the push
// leaves: a conflict is refused with counts before anything runs, never left to
// fail half-way through the apply with the server's 23503 / 23505.
#include "core/value_change_scenarios.hpp"
#include "pg_fixture.hpp"

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

db::index unique(std::vector<std::string> columns) { return {"", std::move(columns), true, std::nullopt, false}; }

db::foreign_key to_p(std::string column, std::string parent_column) {
  return {"", {std::move(column)}, "p", {std::move(parent_column)}, {}, {}};
}

// p(id, k unique, d unique) and c(id, ...columns).
db::schema parent_and_child(std::vector<db::column> child_columns, std::vector<db::index> child_indexes = {},
                            std::vector<db::foreign_key> child_keys = {}) {
  auto p = tbl("p", {id_col(), col("k", "bigint", true), col("d", "date", true)});
  p.indexes = {unique({"k"}), unique({"d"})};
  std::vector<db::column> columns{id_col()};
  for (auto& c : child_columns) columns.push_back(std::move(c));
  auto c = tbl("c", std::move(columns));
  c.indexes = std::move(child_indexes);
  c.foreign_keys = std::move(child_keys);
  db::schema s;
  s.tables = {p, c};
  return s;
}

std::string only_refusal(pgtest::fixture& f, const db::schema& target) {
  auto refusal = f.refused<db::unexecutable_error>(target, true);
  REQUIRE(refusal.findings.size() == 1);
  return refusal.findings[0].message;
}

}  // namespace

TEST_CASE("a new column's default that matches no parent row is refused with the orphans counted") {
  struct spelling {
    const char* name;
    bool nullable;
    const char* default_sql;
    const char* shown;  // the default as the message shows it (canonical)
    const char* parent_column;
    bool refused;
  };
  for (const auto& s : {spelling{"nullable, default 7, no parent 7", true, "7", "7", "id", true},
                        spelling{"required, default 7, no parent 7", false, "7", "7", "id", true},
                        spelling{"nullable, default 2, parent 2 exists", true, "2", "2", "id", false},
                        spelling{"default '7' as text, no parent 7", true, "'7'", "7", "id", true},
                        spelling{"to a unique column, default 30 exists", true, "30", "30", "k", false},
                        spelling{"to a unique column, default 40 missing", false, "40", "40", "k", true}}) {
    CAPTURE(s.name);
    pgtest::fixture f;
    f.push(parent_and_child({col("name", "text")}));
    f.exec("INSERT INTO " + f.q("p") + " (id, k) OVERRIDING SYSTEM VALUE VALUES (1, 10), (2, 30)");
    f.exec("INSERT INTO " + f.q("c") + " (name) VALUES ('a'), ('b'), ('c')");
    auto target = parent_and_child({col("name", "text"), col("p_id", "bigint", s.nullable, s.default_sql)}, {},
                                   {to_p("p_id", s.parent_column)});
    if (!s.refused) {
      f.push(target);
      CHECK(f.count("SELECT count(*) FROM " + f.q("c") + " c JOIN " + f.q("p") + " p ON p." + s.parent_column +
                    " = c.p_id") == 3);
      f.check_idempotent(target);
      continue;
    }
    CHECK(only_refusal(f, target) == value_scenarios::new_default_orphans_refusal(s.shown));
  }
}

TEST_CASE("NULLs filled by a default under a kept unique index are refused when they collide") {
  for (const auto& s : value_scenarios::fills_under_unique()) {
    CAPTURE(s.name);
    pgtest::fixture f;
    f.push(parent_and_child({col("code", "text", true)}, {unique({"code"})}));
    f.exec("INSERT INTO " + f.q("c") + " (code) VALUES " + s.rows);
    auto target = parent_and_child({col("code", "text", false, "'z'")}, {unique({"code"})});
    if (s.duplicates == 0) {
      auto r = f.push(target);
      REQUIRE(r.fills.size() == 1);
      CHECK(r.fills[0].count == 1);
      CHECK(f.column_of("SELECT code FROM " + f.q("c") + " ORDER BY id") == std::vector<std::string>{"a", "z"});
      f.check_idempotent(target);
      continue;
    }
    CHECK(only_refusal(f, target) == value_scenarios::fill_under_unique_refusal(s.duplicates));
  }
}

TEST_CASE("a cast under a kept unique index that merges values is refused") {
  struct spelling {
    const char* from;
    const char* to;
    const char* rows;
    std::int64_t duplicates;
  };
  for (const auto& s : {spelling{"double precision", "integer", "(1.25), (0.75), (3)", 2},
                        spelling{"numeric(5,2)", "numeric(4,1)", "(1.25), (1.3), (2)", 2},
                        spelling{"text", "character varying(2)", "('abc'), ('abd'), ('x')", 2},
                        spelling{"timestamp without time zone", "date",
                                 "('2024-01-01 10:00'), ('2024-01-01 11:00'), ('2024-01-02 10:00')", 2},
                        spelling{"double precision", "integer", "(1.25), (2.5), (3.75)", 0}}) {
    CAPTURE(s.from);
    CAPTURE(s.rows);
    pgtest::fixture f;
    f.push(parent_and_child({col("v", s.from, true)}, {unique({"v"})}));
    f.exec("INSERT INTO " + f.q("c") + " (v) VALUES " + s.rows);
    auto target = parent_and_child({col("v", s.to, true)}, {unique({"v"})});
    if (s.duplicates == 0) {
      f.push(target, true);
      f.check_idempotent(target);
      continue;
    }
    CHECK(only_refusal(f, target) == value_scenarios::cast_under_unique_refusal(s.duplicates, s.from, s.to));
  }
}

TEST_CASE("a foreign key over a column that changes type counts orphans in the new type") {
  struct spelling {
    const char* name;
    const char* from;
    const char* to;
    const char* parent_column;
    const char* rows;
    const char* refusal;  // empty: applies
  };
  for (const auto& s :
       {spelling{"double precision -> date over NULLs", "double precision", "date", "d", "(NULL), (NULL)", ""},
        spelling{"double precision -> date over values", "double precision", "date", "d", "(1.5), (NULL)",
                 "Changed the type of `x` on the `c` table from `double precision` to `date`, but 1 non-null value "
                 "cannot be cast. It is not possible to execute this step."},
        spelling{"text -> bigint, all parents there", "text", "bigint", "id", "('1'), ('1'), (NULL)", ""},
        spelling{"text -> bigint, one orphan", "text", "bigint", "id", "('1'), ('2'), (NULL)",
                 "The foreign key `c_x_fkey` on table `c` cannot be added: 1 row of `c` would reference no row of "
                 "`p` once `x` is cast from `text` to `bigint`."},
        spelling{"integer -> bigint, one orphan", "integer", "bigint", "id", "(1), (5)",
                 "The foreign key `c_x_fkey` on table `c` cannot be added: 1 row of `c` references no row of `p`."},
        spelling{"text -> date, all parents there", "text", "date", "d", "('2024-01-01'), ('2024-01-01')", ""}}) {
    CAPTURE(s.name);
    pgtest::fixture f;
    f.push(parent_and_child({col("x", s.from, true)}));
    f.exec("INSERT INTO " + f.q("p") + " (id, k, d) OVERRIDING SYSTEM VALUE VALUES (1, 10, '2024-01-01')");
    f.exec("INSERT INTO " + f.q("c") + " (x) VALUES " + s.rows);
    auto target = parent_and_child({col("x", s.to, true)}, {}, {to_p("x", s.parent_column)});
    if (std::string(s.refusal).empty()) {
      f.push(target, true);
      f.check_idempotent(target);
      continue;
    }
    CHECK(only_refusal(f, target) == s.refusal);
  }
}

TEST_CASE("NULLs filled by a default under a kept foreign key are refused when the default has no parent") {
  pgtest::fixture f;
  f.push(parent_and_child({col("p_id", "bigint", true)}, {}, {to_p("p_id", "id")}));
  f.exec("INSERT INTO " + f.q("p") + " (id) OVERRIDING SYSTEM VALUE VALUES (1)");
  f.exec("INSERT INTO " + f.q("c") + " (p_id) VALUES (1), (NULL), (NULL)");
  auto target = parent_and_child({col("p_id", "bigint", false, "9")}, {}, {to_p("p_id", "id")});
  CHECK(only_refusal(f, target) == value_scenarios::kept_foreign_key_fill_refusal);
  target.tables[1].columns[1].default_sql = "1";
  auto r = f.push(target);
  REQUIRE(r.fills.size() == 1);
  CHECK(r.fills[0].message == value_scenarios::kept_foreign_key_fill);
  CHECK(f.column_of("SELECT p_id FROM " + f.q("c") + " ORDER BY id") == std::vector<std::string>{"1", "1", "1"});
  f.check_idempotent(target);
}

TEST_CASE("making a column required fills its NULLs with the default, as on SQLite, and reports how many") {
  pgtest::fixture f;
  auto live = parent_and_child({col("a", "text", true), col("n", "integer", true), col("b", "text", true)});
  f.push(live);
  f.exec("INSERT INTO " + f.q("c") + " (a, n, b) VALUES (NULL, NULL, 'x'), (NULL, 4, 'y'), ('k', NULL, 'z')");
  auto target = parent_and_child({col("a", "text", false, "'d'"), col("n", "bigint", false, "-1"), col("b", "text")});
  const std::string filled_a =
      "Filled the 2 NULL values of the column `a` on the `c` table with its default `'d'`, as the column is now "
      "required.";
  const std::string filled_n =
      "Filled the 2 NULL values of the column `n` on the `c` table with its default `-1`, as the column is now "
      "required.";
  auto plan = db::plan(f.conn, target, f.options());
  CHECK(plan.unexecutable.empty());
  REQUIRE(plan.fills.size() == 2);
  CHECK(plan.fills[0].message == filled_a);
  CHECK(plan.fills[1].message == filled_n);
  CHECK(plan.to_string().find("\n\nNULL values filled with defaults:\n\n  - " + filled_a + "\n  - " + filled_n) !=
        std::string::npos);
  // The NULLs are filled after the type change and before SET NOT NULL.
  const auto& sql = plan.sql;
  auto at = [&sql](const std::string& statement) {
    for (std::size_t i = 0; i < sql.size(); ++i)
      if (sql[i] == statement) return static_cast<long>(i);
    return -1L;
  };
  const std::string c = f.q("c");
  CHECK(at("UPDATE " + c + " SET \"a\" = 'd' WHERE \"a\" IS NULL") >= 0);
  CHECK(at("UPDATE " + c + " SET \"a\" = 'd' WHERE \"a\" IS NULL") < at("ALTER TABLE " + c + " ALTER COLUMN \"a\" SET NOT NULL"));
  CHECK(at("ALTER TABLE " + c + " ALTER COLUMN \"n\" TYPE bigint USING \"n\"::bigint") <
        at("UPDATE " + c + " SET \"n\" = -1 WHERE \"n\" IS NULL"));
  auto r = db::apply(f.conn, plan, f.options());
  CHECK(r.fills == plan.fills);
  CHECK(r.to_string().find("NULL values filled with defaults:\n\n  - " + filled_a) != std::string::npos);
  CHECK(f.column_of("SELECT a || '/' || n || '/' || b FROM " + f.q("c") + " ORDER BY id") ==
        std::vector<std::string>{"d/-1/x", "d/4/y", "k/-1/z"});
  f.check_idempotent(target);

  // Without a default: refused, and the message says how to get past it.
  f.exec("ALTER TABLE " + c + " ALTER COLUMN b DROP NOT NULL");
  f.exec("UPDATE " + c + " SET b = NULL WHERE b = 'y'");
  CHECK(only_refusal(f, target) == "Made the column `b` on table `c` required, but there is 1 existing NULL value." +
                                       std::string(value_scenarios::required_without_default_hint));
}

TEST_CASE("random pushes that combine value changes with constraints are refused or applied, never failed") {
  pgtest::fixture f;
  const value_scenarios::profile postgres_types{
      "bigint",
      {{"bigint", {"0", "1", "2", "7"}},
       {"integer", {"1", "2", "3", "-1"}},
       {"double precision", {"0.75", "1.25", "1.5", "2"}},
       {"numeric(4,1)", {"1.5", "2.0", "0.5", "7"}},
       {"text", {"'1'", "'a'", "'7'", "'2024-01-01'"}},
       {"date", {"'2024-01-01'", "'2024-01-02'", "'2025-06-01'", "'1999-12-31'"}}},
      [&f](const std::string& table, const std::string& column, const std::string& literal) {
        return "INSERT INTO " + f.q(table) + " (" + f.conn.quote_name(column) + ") VALUES (" + literal +
               ") ON CONFLICT DO NOTHING";
      }};
  const value_scenarios::database schema{
      [&f] { f.exec("DROP TABLE IF EXISTS " + f.q("c") + ", " + f.q("p")); },
      [&f](const db::schema& s) { f.push(s); },
      [&f](const db::schema& s) { return f.push(s, true); },
      [&f](const std::string& sql) { f.exec(sql); },
      [&f](const std::string& where) { return f.count("SELECT count(*) FROM " + f.q("c") + " WHERE " + where); },
      // The schema as introspected and every row: pg_dump per push took most of the time.
      [&f] {
        std::string rows;
        for (const std::string table : {"p", "c"})
          for (const auto& row : f.column_of("SELECT row_to_json(t)::text FROM " + f.q(table) + " t ORDER BY id"))
            rows += row + "\n";
        return db::to_string(f.live()) + rows;
      }};
  const auto outcomes = value_scenarios::run(postgres_types, schema, 120);
  CHECK(outcomes.applied > 15);
  CHECK(outcomes.refused > 15);
  CHECK(outcomes.duplicates > 3);
  CHECK(outcomes.orphans > 3);
  CHECK(outcomes.fills > 3);
}

TEST_CASE("a new column's default under a new unique index: one value for every row collides, a per-row one does not") {
  struct spelling {
    const char* name;
    db::column added;
    std::vector<db::enum_type> enums;
    const char* colliding;  // the default as the refusal shows it; empty: applies
  };
  db::column role = col("role", "", false, "'member'");
  role.enum_type = "Role";
  const std::vector<spelling> spellings{
      {"a constant", col("code", "integer", false, "0"), {}, "0"},
      {"the transaction's time", col("code", "timestamp with time zone", false, "now()"), {}, "now()"},
      {"a value per row", col("code", "uuid", false, "gen_random_uuid()"), {}, ""},
      {"a label of an enum the push creates", role, {{"Role", {"admin", "member"}}}, "'member'"},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.name);
    pgtest::fixture f;
    f.push(parent_and_child({col("name", "text")}));
    f.exec("INSERT INTO " + f.q("c") + " (name) VALUES ('a'), ('b'), ('c')");
    auto target = parent_and_child({col("name", "text"), s.added}, {unique({s.added.name})});
    target.enums = s.enums;
    if (std::string(s.colliding).empty()) {
      f.push(target);
      CHECK(f.count("SELECT count(DISTINCT " + s.added.name + ") FROM " + f.q("c")) == 3);
      continue;
    }
    CHECK(only_refusal(f, target) == value_scenarios::new_default_duplicates_refusal(s.added.name, s.colliding));
  }
}
