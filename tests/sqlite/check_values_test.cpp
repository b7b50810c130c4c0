// The checker judges the values each column holds after the push (new columns'
// defaults, NULLs filled by a default, casts) against every constraint the push
// leaves: a conflict is refused with counts before anything runs, never left to
// fail half-way through the table copy.
#include "core/value_change_scenarios.hpp"
#include "sqlite/fixture.hpp"

using namespace sqlite_test;

namespace {

// p(id, k) with k unique; c(id, ...columns).
db::schema parent_and_child(std::vector<db::column> child_columns, std::vector<db::index> child_indexes = {},
                            std::vector<db::foreign_key> child_keys = {}) {
  auto p = tbl("p", {id_col("id", "INTEGER"), col("k", "INTEGER", true)});
  p.indexes.push_back(unique_index({"k"}));
  std::vector<db::column> columns{id_col("id", "INTEGER")};
  for (auto& c : child_columns) columns.push_back(std::move(c));
  auto c = tbl("c", std::move(columns));
  c.indexes = std::move(child_indexes);
  c.foreign_keys = std::move(child_keys);
  return sch({p, c});
}

std::string refusal_of(temp_db& t, const db::schema& target) {
  auto e = refused<db::unexecutable_error>(t, target, accepting());
  REQUIRE(e);
  return only_message(e->findings());
}

}  // namespace

TEST_CASE("sqlite: a new column's default that matches no parent row is refused with the orphans counted") {
  struct spelling {
    const char* name;
    bool nullable;
    const char* default_sql;
    const char* parent_column;
    bool refused;
  };
  for (const auto& s : {spelling{"nullable, default 7, no parent 7", true, "7", "id", true},
                        spelling{"required, default 7, no parent 7", false, "7", "id", true},
                        spelling{"nullable, default 2, parent 2 exists", true, "2", "id", false},
                        spelling{"default '7' as text, no parent 7", true, "'7'", "id", true},
                        spelling{"to a unique column, default 30 exists", true, "30", "k", false},
                        spelling{"to a unique column, default 40 missing", false, "40", "k", true}}) {
    CAPTURE(s.name);
    temp_db t;
    push_checked(t, parent_and_child({col("name", "TEXT")}));
    t.conn.exec("INSERT INTO p (id, k) VALUES (1, 10), (2, 30)");
    t.conn.exec("INSERT INTO c (name) VALUES ('a'), ('b'), ('c')");
    auto target = parent_and_child({col("name", "TEXT"), col("p_id", "INTEGER", s.nullable, s.default_sql)}, {},
                                   {references({"p_id"}, "p", {s.parent_column})});
    if (!s.refused) {
      push_checked(t, target);
      CHECK(count(t.conn, "SELECT count(*) FROM c JOIN p ON p." + std::string(s.parent_column) + " = c.p_id") == 3);
      continue;
    }
    CHECK(refusal_of(t, target) == value_scenarios::new_default_orphans_refusal(s.default_sql));
  }
}

TEST_CASE("sqlite: NULLs filled by a default under a kept unique index are refused when they collide") {
  for (const auto& s : value_scenarios::fills_under_unique()) {
    CAPTURE(s.name);
    temp_db t;
    push_checked(t, parent_and_child({col("code", "TEXT", true)}, {unique_index({"code"})}));
    t.conn.exec("INSERT INTO c (code) VALUES " + std::string(s.rows));
    auto target = parent_and_child({col("code", "TEXT", false, "'z'")}, {unique_index({"code"})});
    if (s.duplicates == 0) {
      auto r = push_checked(t, target);
      REQUIRE(r.fills.size() == 1);
      CHECK(r.fills[0].count == 1);
      continue;
    }
    CHECK(refusal_of(t, target) == value_scenarios::fill_under_unique_refusal(s.duplicates));
  }
}

TEST_CASE("sqlite: a cast under a kept unique index that merges values is refused") {
  struct spelling {
    const char* from;
    const char* to;
    const char* rows;
    std::int64_t duplicates;
  };
  for (const auto& s :
       {spelling{"DATETIME", "INTEGER", "('2024-01-01 10:00:00'), ('2024-01-01 11:00:00'), ('2025-01-01')", 2},
        spelling{"REAL", "INTEGER", "(1.25), (1.75), (2.5)", 2},
        spelling{"TEXT", "NUMERIC", "('1'), ('1.0'), ('a')", 2},
        spelling{"BLOB", "TEXT", "(1), ('1'), (2)", 2},
        spelling{"REAL", "INTEGER", "(1.25), (2.5), (3)", 0}}) {
    CAPTURE(s.from);
    CAPTURE(s.rows);
    temp_db t;
    push_checked(t, parent_and_child({col("v", s.from, true)}, {unique_index({"v"})}));
    t.conn.exec("INSERT INTO c (v) VALUES " + std::string(s.rows));
    auto target = parent_and_child({col("v", s.to, true)}, {unique_index({"v"})});
    if (s.duplicates == 0) {
      push_checked(t, target, accepting());
      continue;
    }
    CHECK(refusal_of(t, target) == value_scenarios::cast_under_unique_refusal(s.duplicates, s.from, s.to));
  }
}

TEST_CASE("sqlite: NULLs filled by a default under a kept foreign key are refused when the default has no parent") {
  temp_db t;
  auto live = parent_and_child({col("p_id", "INTEGER", true)}, {}, {references({"p_id"}, "p", {"id"})});
  push_checked(t, live);
  t.conn.exec("INSERT INTO p (id) VALUES (1)");
  t.conn.exec("INSERT INTO c (p_id) VALUES (1), (NULL), (NULL)");
  auto target = parent_and_child({col("p_id", "INTEGER", false, "9")}, {}, {references({"p_id"}, "p", {"id"})});
  CHECK(refusal_of(t, target) == value_scenarios::kept_foreign_key_fill_refusal);
  target.tables[1].columns[1].default_sql = "1";
  auto r = push_checked(t, target);
  REQUIRE(r.fills.size() == 1);
  CHECK(r.fills[0].message == value_scenarios::kept_foreign_key_fill);
  CHECK(rows(t.conn, "SELECT p_id FROM c ORDER BY id") == std::vector<std::string>{"1", "1", "1"});
}

TEST_CASE("sqlite: a cast of a parent key that loses its children's matches is refused before the copy") {
  temp_db t;
  auto target = sch({tbl("p", {col("k", "REAL")}, {"k"}), tbl("c", {id_col("id", "INTEGER"), col("k", "REAL")})});
  target.tables[1].foreign_keys.push_back(references({"k"}, "p", {"k"}));
  push_checked(t, target);
  t.conn.exec("INSERT INTO p VALUES (1.5), (2); INSERT INTO c (k) VALUES (1.5), (2)");
  auto retyped = target;
  retyped.tables[0].columns[0].type = "INTEGER";  // the parent's 1.5 becomes 1, the child's stays 1.5
  CHECK(refusal_of(t, retyped) ==
        "The foreign key `c_k_fkey` on table `c` cannot be added: 1 row of `c` would reference no row of `p` once "
        "`p`.`k` is cast from `REAL` to `INTEGER`.");
  t.conn.exec("DELETE FROM c WHERE k = 1.5");
  push_checked(t, retyped, accepting());
}

TEST_CASE("sqlite: a foreign key to a column the push adds to its parent judges the children against what it holds") {
  struct spelling {
    const char* name;
    db::column added;     // the parent's new column, the child's key references it
    const char* parent;   // rows of the parent q(name)
    const char* children; // values of c.q_key
    const char* refusal;  // empty: applies
  };
  auto identity = col("n", "INTEGER");
  identity.autoincrement = true;
  const std::vector<spelling> spellings{
      {"a nullable column without a default", col("code", "TEXT", true), "('a'), ('b')", "('x'), ('y'), (NULL)",
       "The foreign key `c_q_key_fkey` on table `c` cannot be added: 2 rows of `c` would reference no row of `q` once "
       "the new column `q`.`code` is NULL in every row."},
      {"a nullable column without a default, children without a key", col("code", "TEXT", true), "('a')",
       "(NULL), (NULL)", ""},
      {"a column whose default the children hold", col("code", "TEXT", true, "'x'"), "('a')", "('x'), (NULL)", ""},
      {"an autoincrement key over no rows", identity, "", "(1)",
       "The foreign key `c_q_key_fkey` on table `c` cannot be added: 1 row of `c` would reference no row of `q` once "
       "the new autoincrement column `q`.`n` numbers its rows, in an order not known before the push."},
      {"an autoincrement key over rows", identity, "('a'), ('b')", "(1), (2)",
       "The foreign key `c_q_key_fkey` on table `c` cannot be added: 2 rows of `c` would reference no row of `q` once "
       "the new autoincrement column `q`.`n` numbers its rows, in an order not known before the push."},
      {"an autoincrement key, children without a key", identity, "('a')", "(NULL)", ""},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.name);
    temp_db t;
    const bool key = s.added.autoincrement;
    const char* key_type = key ? "INTEGER" : "TEXT";
    push_checked(t, sch({tbl("q", {col("name", "TEXT")}, {}), tbl("c", {id_col("id", "INTEGER"), col("q_key", key_type, true)})}));
    if (*s.parent) t.conn.exec("INSERT INTO q (name) VALUES " + std::string(s.parent));
    t.conn.exec("INSERT INTO c (q_key) VALUES " + std::string(s.children));
    auto parent = tbl("q", {s.added, col("name", "TEXT")}, {});
    if (key) parent.primary_key = {s.added.name};
    else parent.indexes.push_back(unique_index({s.added.name}));
    auto child = tbl("c", {id_col("id", "INTEGER"), col("q_key", key_type, true)});
    child.foreign_keys.push_back(references({"q_key"}, "q", {s.added.name}));
    const auto target = sch({parent, child});
    if (!*s.refusal) {
      push_checked(t, target);
      CHECK(rows(t.conn, "PRAGMA foreign_key_check").empty());
      continue;
    }
    CHECK(refusal_of(t, target) == s.refusal);
  }
}

TEST_CASE("sqlite: making a column required reports the NULLs it fills, and says how to get past it without a default") {
  seeded_blog t;
  auto target = blog();
  target.tables[0].columns[2].nullable = false;
  CHECK(refusal_of(t, target) == "Made the column `name` on table `users` required, but there is 1 existing NULL value." +
                                     std::string(value_scenarios::required_without_default_hint));
  target.tables[0].columns[2].default_sql = "'anonymous'";
  const std::string filled =
      "Filled the 1 NULL value of the column `name` on the `users` table with its default `'anonymous'`, as the "
      "column is now required.";
  auto plan = db::plan(t.conn, target);
  REQUIRE(plan.fills.size() == 1);
  CHECK(plan.fills[0].message == filled);
  CHECK(plan.fills[0].count == 1);
  CHECK(plan.to_string().find("\n\nNULL values filled with defaults:\n\n  - " + filled) != std::string::npos);
  auto r = db::apply(t.conn, plan);
  REQUIRE(r.fills.size() == 1);
  CHECK(r.fills[0] == plan.fills[0]);
  CHECK(r.to_string().find("\n\nNULL values filled with defaults:\n\n  - " + filled) != std::string::npos);
  CHECK(rows(t.conn, "SELECT name FROM users ORDER BY id") == std::vector<std::string>{"'Ada'", "'anonymous'", "'Cy'"});
}

TEST_CASE("sqlite: random pushes that combine value changes with constraints are refused or applied, never failed") {
  const value_scenarios::profile sqlite_types{
      "INTEGER",
      {{"INTEGER", {"0", "1", "2", "7"}},
       {"REAL", {"0.75", "1.25", "1.75", "2.0"}},
       {"TEXT", {"'1'", "'1.0'", "'a'", "'7'"}},
       {"NUMERIC", {"1", "'1.0'", "2.5", "'b'"}},
       {"DATETIME", {"'2024-01-01 10:00:00'", "'2024-01-01 11:00:00'", "'2025-06-01'", "2024"}}},
      [](const std::string& table, const std::string& column, const std::string& literal) {
        return "INSERT OR IGNORE INTO " + db::sqlite::detail::quote_identifier(table) + " (" +
               db::sqlite::detail::quote_identifier(column) + ") VALUES (" + literal + ")";
      }};
  // In memory: 300 databases on files would wait for the disk, not the push.
  std::unique_ptr<SQLite::Database> conn;
  const value_scenarios::database memory{
      [&conn] {
        conn = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        conn->exec("PRAGMA foreign_keys = ON");
      },
      [&conn](const db::schema& s) { db::push(*conn, s); },
      [&conn](const db::schema& s) {
        auto r = db::push(*conn, s, accepting());
        CHECK(rows(*conn, "PRAGMA foreign_key_check").empty());
        return r;
      },
      [&conn](const std::string& sql) { conn->exec(sql); },
      [&conn](const std::string& where) { return count(*conn, "SELECT count(*) FROM c WHERE " + where); },
      [&conn] { return dump(*conn); }};
  const auto outcomes = value_scenarios::run(sqlite_types, memory, 300);
  // The generator reaches every kind of refusal and also pushes that apply.
  CHECK(outcomes.applied > 30);
  CHECK(outcomes.refused > 30);
  CHECK(outcomes.duplicates > 5);
  CHECK(outcomes.orphans > 5);
  CHECK(outcomes.fills > 5);
}

TEST_CASE("sqlite: a new column's default under a new unique index: one value for every row collides, a per-row one does not") {
  struct spelling {
    const char* name;
    db::column added;
    const char* colliding;  // the default as the refusal shows it; empty: applies
  };
  db::column role = col("role", "TEXT", false, "'member'");
  role.enum_type = "Role";
  const std::vector<spelling> spellings{
      {"a constant", col("code", "INTEGER", false, "0"), "0"},
      {"the statement's time", col("code", "DATETIME", false, "CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP"},
      {"a value per row", col("code", "BLOB", false, "randomblob(16)"), ""},
      {"an enum's label", role, "'member'"},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.name);
    temp_db t;
    push_checked(t, parent_and_child({col("name", "TEXT")}));
    t.conn.exec("INSERT INTO c (name) VALUES ('a'), ('b'), ('c')");
    auto target = parent_and_child({col("name", "TEXT"), s.added}, {unique_index({s.added.name})});
    if (s.added.enum_type) target.enums = {{"Role", {"admin", "member"}}};
    if (std::string(s.colliding).empty()) {
      push_checked(t, target);
      CHECK(count(t.conn, "SELECT count(DISTINCT " + s.added.name + ") FROM c") == 3);
      continue;
    }
    CHECK(refusal_of(t, target) == value_scenarios::new_default_duplicates_refusal(s.added.name, s.colliding));
  }
}
