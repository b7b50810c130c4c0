// Issue 15.3: online steps on PostgreSQL (postgres_push_options::online,
// docs/postgres.md "Online steps"). Each kind of step ends in the catalog and
// rows a push without online mode makes; the plan and the result mark what
// runs after the commit; writers go on while an index is built; a push that
// stops between the phases (an error, SIGKILL after any statement, its
// backend ended inside CREATE INDEX CONCURRENTLY) is finished by the next one,
// online or not; what an interrupted build leaves by hand is rebuilt.
#include "postgres/pg_fixture.hpp"
#include "resilience/crash.hpp"
#include "resilience/postgres_support.hpp"
#include "resilience/scenarios.hpp"
#include "resilience/state.hpp"

#include <signal.h>

#include <chrono>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <vector>

using namespace schema_builders;
using namespace resilience;
using namespace std::chrono_literals;

namespace {

// ---- in-process: each kind of step -----------------------------------------

db::table parent_table() { return tbl("parent", {col("id", "bigint"), nullable("code", "text")}); }

db::table child_table() {
  return tbl("child", {col("id", "bigint"), nullable("parent_id", "bigint"), nullable("parent_code", "text"),
                       nullable("note", "text"), nullable("qty", "integer")});
}

db::column& column_named(db::table& t, const std::string& name) {
  for (auto& c : t.columns)
    if (c.name == name) return c;
  throw std::runtime_error("no column " + name);
}

// Rows of version 1: codes unique, every child's parent exists, notes partly NULL, qty never.
std::vector<std::string> seed(pgtest::fixture& f, const std::string& schema) {
  const auto q = [&](const std::string& t) { return f.conn.quote_name(schema) + "." + f.conn.quote_name(t); };
  return {"INSERT INTO " + q("parent") + " (id, code) SELECT g, 'p' || g FROM generate_series(1, 200) g",
          "INSERT INTO " + q("child") +
              " (id, parent_id, parent_code, note, qty) SELECT g, 1 + g % 200, 'p' || (1 + g % 200), "
              "CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END, g % 50 FROM generate_series(1, 3000) g"};
}

struct online_case {
  std::string what;
  std::function<db::schema()> to;  // from parent_table() and child_table()
  // The beginnings of the statements that run after the commit, in order.
  std::vector<std::string> later;
};

// Version 1 changed by `change`, as a target.
std::function<db::schema()> edit(std::function<void(db::table& parent, db::table& child)> change) {
  return [change] {
    auto parent = parent_table(), child = child_table();
    change(parent, child);
    return sch({parent, child});
  };
}

std::vector<online_case> online_cases() {
  using t = db::table;
  return {
      {"a plain index on an existing table", edit([](t&, t& c) { c.indexes = {plain_index({"note"})}; }),
       {"CREATE INDEX CONCURRENTLY"}},
      {"a unique index", edit([](t& p, t&) { p.indexes = {unique_index({"code"})}; }),
       {"CREATE UNIQUE INDEX CONCURRENTLY"}},
      {"a partial index",
       edit([](t&, t& c) {
         auto i = plain_index({"qty"});
         i.where = "qty > 10";
         c.indexes = {i};
       }),
       {"CREATE INDEX CONCURRENTLY"}},
      {"a foreign key", edit([](t&, t& c) { c.foreign_keys = {fk({"parent_id"}, "parent")}; }),
       {"ALTER TABLE \"S\".\"child\" VALIDATE CONSTRAINT"}},
      {"a foreign key to a unique index the push builds",
       edit([](t& p, t& c) {
         p.indexes = {unique_index({"code"})};
         c.foreign_keys = {fk({"parent_code"}, "parent", {"code"})};
       }),
       {"CREATE UNIQUE INDEX CONCURRENTLY", "ALTER TABLE \"S\".\"child\" ADD CONSTRAINT",
        "ALTER TABLE \"S\".\"child\" VALIDATE CONSTRAINT"}},
      {"a new table with a foreign key to a unique index the push builds on an existing one",
       [] {
         auto parent = parent_table();
         parent.indexes = {unique_index({"code"})};
         auto extra = with(tbl("extra", {col("id", "bigint"), nullable("parent_code", "text")}), {},
                           {fk({"parent_code"}, "parent", {"code"})});
         return sch({parent, child_table(), extra});
       },
       {"CREATE UNIQUE INDEX CONCURRENTLY", "ALTER TABLE \"S\".\"extra\" ADD CONSTRAINT",
        "ALTER TABLE \"S\".\"extra\" VALIDATE CONSTRAINT"}},
      {"NOT NULL on a column without NULLs", edit([](t&, t& c) { column_named(c, "qty").nullable = false; }),
       {"ALTER TABLE \"S\".\"child\" VALIDATE CONSTRAINT \"child_qty_dbpush_not_null\"",
        "ALTER TABLE \"S\".\"child\" ALTER COLUMN \"qty\" SET NOT NULL",
        "ALTER TABLE \"S\".\"child\" DROP CONSTRAINT \"child_qty_dbpush_not_null\""}},
      {"NOT NULL with NULLs filled by a default",
       edit([](t&, t& c) {
         column_named(c, "note").nullable = false;
         column_named(c, "note").default_sql = "''";
       }),
       {"ALTER TABLE \"S\".\"child\" VALIDATE CONSTRAINT", "ALTER TABLE \"S\".\"child\" ALTER COLUMN \"note\" SET NOT NULL",
        "ALTER TABLE \"S\".\"child\" DROP CONSTRAINT"}},
      {"NOT NULL on a renamed column of a renamed table",
       [] {
         auto child = child_table();
         child.name = "item";
         child.renamed_from = "child";
         auto& qty = column_named(child, "qty");
         qty.name = "quantity";
         qty.renamed_from = "qty";
         qty.nullable = false;
         child.indexes = {plain_index({"quantity"})};
         child.foreign_keys = {fk({"parent_id"}, "parent")};
         return sch({parent_table(), child});
       },
       {"ALTER TABLE \"S\".\"item\" VALIDATE CONSTRAINT \"item_quantity_dbpush_not_null\"",
        "ALTER TABLE \"S\".\"item\" ALTER COLUMN \"quantity\" SET NOT NULL",
        "ALTER TABLE \"S\".\"item\" DROP CONSTRAINT", "CREATE INDEX CONCURRENTLY",
        "ALTER TABLE \"S\".\"item\" VALIDATE CONSTRAINT"}},
      {"a new table with its index and foreign key (all in the transaction)",
       [] {
         auto extra = with(tbl("extra", {col("id", "bigint"), col("parent_id", "bigint")}), {plain_index({"parent_id"})},
                           {fk({"parent_id"}, "parent")});
         return sch({parent_table(), child_table(), extra});
       },
       {}},
  };
}

online_case online_case_named(const std::string& what) {
  for (auto& c : online_cases())
    if (c.what == what) return c;
  throw std::runtime_error("no online case " + what);
}

// The state of `schema` (state.hpp) with its name written S, to compare two schemas.
std::string state_of(pgtest::fixture& f, const std::string& schema) {
  auto state = postgres_state(f.conn, schema);
  for (auto at = state.find(schema); at != std::string::npos; at = state.find(schema, at)) state.replace(at, schema.size(), "S");
  return state;
}

// What online mode must never leave once a push returned: invalid indexes,
// constraints not validated, NOT NULL helpers.
std::string leftovers(pgtest::fixture& f, const std::string& schema) {
  const auto ns = "(SELECT oid FROM pg_namespace WHERE nspname = " + f.conn.quote(schema) + ")";
  return std::to_string(f.count("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE "
                                 "c.relnamespace = " + ns + " AND NOT i.indisvalid")) +
         " invalid indexes, " +
         std::to_string(f.count("SELECT count(*) FROM pg_constraint WHERE connamespace = " + ns +
                                 " AND NOT convalidated")) +
         " constraints not validated, " +
         std::to_string(f.count("SELECT count(*) FROM pg_constraint WHERE connamespace = " + ns +
                                 " AND conname LIKE '%dbpush_not_null'")) +
         " helpers";
}
constexpr const char* no_leftovers = "0 invalid indexes, 0 constraints not validated, 0 helpers";

db::push_options online_options(pgtest::fixture& f, const std::string& schema, bool online) {
  auto options = f.options(true);
  options.postgres.schema = schema;
  options.postgres.online = online;
  return options;
}

// A second schema beside the fixture's, dropped at the end.
struct other_schema {
  pgtest::fixture& f;
  std::string name = pgtest::random_schema_name("dbpush_test_normal_");
  explicit other_schema(pgtest::fixture& fx) : f(fx) { f.exec("CREATE SCHEMA " + f.conn.quote_name(name)); }
  ~other_schema() {
    try {
      f.exec("DROP SCHEMA IF EXISTS " + f.conn.quote_name(name) + " CASCADE");
    } catch (...) {
    }
  }
};

// `schema` dropped and made again with version 1 and its rows.
void make_version_1(pgtest::fixture& f, const std::string& schema) {
  f.exec("DROP SCHEMA IF EXISTS " + f.conn.quote_name(schema) + " CASCADE");
  db::push(f.conn, sch({parent_table(), child_table()}), online_options(f, schema, false));
  for (const auto& sql : seed(f, schema)) f.exec(sql);
}

std::vector<std::string> after_commit(const std::vector<db::statement>& statements, const std::string& schema) {
  std::vector<std::string> out;
  for (const auto& st : statements) {
    if (st.phase == db::statement_phase::in_transaction) continue;
    auto sql = st.sql;
    for (auto at = sql.find(schema); at != std::string::npos; at = sql.find(schema, at)) sql.replace(at, schema.size(), "S");
    out.push_back(sql);
  }
  return out;
}

void check_begins(const std::vector<std::string>& sql, const std::vector<std::string>& beginnings) {
  REQUIRE_MESSAGE(sql.size() == beginnings.size(), [&] {
    std::string all;
    for (const auto& s : sql) all += "\n  " + s;
    return "after the commit:" + all;
  }());
  for (std::size_t i = 0; i < sql.size(); ++i) CHECK_MESSAGE(sql[i].starts_with(beginnings[i]), sql[i]);
}

}  // namespace

TEST_CASE("online each kind of step ends in the catalog and rows of a push without online mode") {
  pgtest::fixture f;
  other_schema normal(f);
  for (const auto& c : online_cases()) {
    CAPTURE(c.what);
    make_version_1(f, f.name);
    make_version_1(f, normal.name);
    const auto online = db::push(f.conn, c.to(), online_options(f, f.name, true));
    db::push(f.conn, c.to(), online_options(f, normal.name, false));
    check_begins(after_commit(online.statements, f.name), c.later);
    CHECK(leftovers(f, f.name) == no_leftovers);
    const auto online_state = state_of(f, f.name), normal_state = state_of(f, normal.name);
    CHECK_MESSAGE(online_state == normal_state, state_difference(normal_state, online_state));
    CHECK_FALSE(db::push(f.conn, c.to(), online_options(f, f.name, true)).changed);
    if (!c.later.empty())
      CHECK(online.to_string().find("Run after the transaction committed (online steps):") != std::string::npos);
  }
}

TEST_CASE("online the plan marks the statements that run after the commit, and apply runs them so") {
  pgtest::fixture f;
  const auto c = online_case_named("a foreign key to a unique index the push builds");
  make_version_1(f, f.name);
  auto options = online_options(f, f.name, true);
  const auto plan = db::plan(f.conn, c.to(), options);
  check_begins(after_commit(plan.statements, f.name), c.later);
  // In the transaction first, the later phases after: the order apply runs them in.
  std::size_t first_later = plan.statements.size();
  for (std::size_t i = 0; i < plan.statements.size(); ++i)
    if (plan.statements[i].phase != db::statement_phase::in_transaction && first_later == plan.statements.size())
      first_later = i;
  for (std::size_t i = first_later; i < plan.statements.size(); ++i)
    CHECK(plan.statements[i].phase != db::statement_phase::in_transaction);
  CHECK(plan.statements[first_later].phase == db::statement_phase::after_commit_outside_transaction);
  const auto text = plan.to_string();
  const auto heading = text.find("SQL after the transaction commits");
  REQUIRE(heading != std::string::npos);
  CHECK(text.find("CREATE UNIQUE INDEX CONCURRENTLY") > heading);
  CHECK(text.find("VALIDATE CONSTRAINT") > heading);
  f.sql.clear();
  const auto applied = db::apply(f.conn, plan, options);
  CHECK(f.sql == plan.sql);
  CHECK(applied.statements == plan.statements);
  CHECK(leftovers(f, f.name) == no_leftovers);
  CHECK(f.live().find_table("child")->foreign_keys.size() == 1);
  CHECK(db::plan(f.conn, c.to(), options).empty());
}

TEST_CASE("online the checker refuses before anything runs, as without online mode") {
  pgtest::fixture f;
  auto options = online_options(f, f.name, true);
  options.accept_data_loss = false;
  struct refused_case {
    std::string what;
    std::string change;  // SQL that makes the data refuse the push
    std::function<db::schema()> target;
    std::string message;
  };
  const std::vector<refused_case> cases = {
      {"NULLs in a column becoming NOT NULL without a default", "SELECT 1",
       [] {
         auto child = child_table();
         column_named(child, "note").nullable = false;
         return sch({parent_table(), child});
       },
       "Made the column `note` on table `child` required, but there are 1000 existing NULL values."},
      {"rows whose parent does not exist", "DELETE FROM " + f.q("parent") + " WHERE id = 7",
       [] {
         auto child = child_table();
         child.foreign_keys = {fk({"parent_id"}, "parent")};
         return sch({parent_table(), child});
       },
       "rows of `child` reference no row of `parent`"},
      {"duplicates under a new unique index", "UPDATE " + f.q("parent") + " SET code = 'same' WHERE id < 3",
       [] {
         auto parent = parent_table();
         parent.indexes = {unique_index({"code"})};
         return sch({parent, child_table()});
       },
       "`parent`"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    make_version_1(f, f.name);
    f.exec(c.change);
    const auto before = f.dump();
    try {
      db::push(f.conn, c.target(), options);
      FAIL("the push was not refused");
    } catch (const db::unexecutable_error& e) {
      CHECK_MESSAGE(std::string(e.what()).find(c.message) != std::string::npos, e.what());
    }
    CHECK(f.dump() == before);
    CHECK(leftovers(f, f.name) == no_leftovers);
  }
}

TEST_CASE("online a later step that fails names what was applied and what was not, and the next push finishes") {
  pgtest::fixture f;
  const auto c = online_case_named("NOT NULL on a renamed column of a renamed table");
  for (const bool finish_online : {true, false}) {
    // Fails at each statement after the commit in turn.
    for (std::size_t fail_at = 0; fail_at < c.later.size(); ++fail_at) {
      CAPTURE(finish_online);
      CAPTURE(fail_at);
      make_version_1(f, f.name);
      auto options = online_options(f, f.name, true);
      const auto planned = db::plan(f.conn, c.to(), options).statements;
      const auto in_transaction = planned.size() - c.later.size();
      std::size_t ran = 0;
      options.on_sql = [&](const std::string&) {
        if (ran++ == in_transaction + fail_at) throw std::runtime_error("stopped by the test");
      };
      try {
        db::push(f.conn, c.to(), options);
        FAIL("the push did not fail");
      } catch (const db::unfinished_push_error& e) {
        const std::string what = e.what();
        CHECK_MESSAGE(what.find("the push committed its transaction") != std::string::npos, what);
        CHECK_MESSAGE(what.find("the next push (online or not) finishes them") != std::string::npos, what);
        CHECK_MESSAGE(what.find("because: stopped by the test") != std::string::npos, what);
        CHECK(e.failed().phase != db::statement_phase::in_transaction);
        CHECK_MESSAGE(what.find("Failed: " + e.failed().sql) != std::string::npos, what);
        for (const auto& st : e.pending()) CHECK(what.find(st.sql) != std::string::npos);
        CHECK(e.pending().size() == c.later.size() - fail_at - 1);
        CHECK(after_commit(e.applied(), f.name).size() == fail_at);
      }
      // The rows are the new version's already: the table renamed, its column too.
      CHECK(f.count("SELECT count(*) FROM " + f.q("item") + " WHERE quantity IS NOT NULL") == 3000);
      const auto next = db::push(f.conn, c.to(), online_options(f, f.name, finish_online));
      CHECK(next.changed);
      CHECK(leftovers(f, f.name) == no_leftovers);
      CHECK_FALSE(db::push(f.conn, c.to(), online_options(f, f.name, false)).changed);
      const auto live = f.live();  // kept: find_table points into it
      const auto* item = live.find_table("item");
      REQUIRE(item);
      CHECK_FALSE(item->find_column("quantity")->nullable);
      CHECK(item->indexes.size() == 1);
      CHECK(item->foreign_keys.size() == 1);
    }
  }
}

TEST_CASE("online duplicates written between the check and a unique build fail the push after its commit") {
  pgtest::fixture f;
  make_version_1(f, f.name);
  auto parent = parent_table();
  parent.indexes = {unique_index({"code"})};
  const auto target = sch({parent, child_table()});
  auto options = online_options(f, f.name, true);
  pqxx::connection writer(pgtest::conninfo());
  options.on_sql = [&](const std::string& sql) {
    if (!sql.starts_with("CREATE UNIQUE INDEX CONCURRENTLY")) return;
    pqxx::nontransaction tx(writer);
    tx.exec("INSERT INTO " + f.q("parent") + " (id, code) VALUES (1001, 'p1'), (1002, 'p1')");
  };
  try {
    db::push(f.conn, target, options);
    FAIL("the push did not fail");
  } catch (const db::unfinished_push_error& e) {
    const std::string what = e.what();
    CHECK_MESSAGE(what.find("Failed: CREATE UNIQUE INDEX CONCURRENTLY \"parent_code_key\"") != std::string::npos, what);
    CHECK_MESSAGE(what.find("because: PostgreSQL error 23505 while running `CREATE UNIQUE INDEX CONCURRENTLY") !=
                      std::string::npos,
                  what);
    CHECK_MESSAGE(what.find("Not applied:\n  (nothing else)") != std::string::npos, what);
  }
  CHECK(leftovers(f, f.name) == "1 invalid indexes, 0 constraints not validated, 0 helpers");
  // The next push counts the duplicates, as any push does, and changes nothing.
  const auto before = f.dump();
  try {
    db::push(f.conn, target, online_options(f, f.name, true));
    FAIL("the push was not refused");
  } catch (const db::unexecutable_error& e) {
    CHECK_MESSAGE(std::string(e.what()).find("`parent`") != std::string::npos, e.what());
  }
  CHECK(f.dump() == before);
  f.exec("DELETE FROM " + f.q("parent") + " WHERE id > 1000");
  CHECK(db::push(f.conn, target, online_options(f, f.name, true)).changed);
  CHECK(leftovers(f, f.name) == no_leftovers);
  CHECK(f.live().find_table("parent")->indexes.size() == 1);
}

TEST_CASE("online what an interrupted build leaves, made by hand, is finished by the next push in either mode") {
  pgtest::fixture f;
  struct left_case {
    std::string what;
    std::function<db::schema()> target;
    std::vector<std::string> make;  // run on version 1 with its rows; a CONCURRENTLY one must fail
  };
  using t = db::table;
  const auto parent = f.q("parent"), child = f.q("child");
  const std::string duplicates = "UPDATE " + parent + " SET code = 'same' WHERE id < 3",
                    no_duplicates = "UPDATE " + parent + " SET code = 'p' || id WHERE id < 3",
                    not_valid_key = "ALTER TABLE " + child + " ADD CONSTRAINT child_parent_id_fkey FOREIGN KEY "
                                    "(parent_id) REFERENCES " + parent + " (id) NOT VALID",
                    helper = "ALTER TABLE " + child + " ADD CONSTRAINT child_qty_dbpush_not_null CHECK (qty IS NOT NULL)";
  const auto qty_required = edit([](t&, t& c) { column_named(c, "qty").nullable = false; });
  const std::vector<left_case> cases = {
      {"a unique index built CONCURRENTLY over duplicates, the duplicates removed since",
       edit([](t& p, t&) { p.indexes = {unique_index({"code"})}; }),
       {duplicates, "CREATE UNIQUE INDEX CONCURRENTLY parent_code_key ON " + parent + " (code)", no_duplicates}},
      {"an invalid index the target does not have, beside another change",
       edit([](t&, t& c) { c.indexes = {plain_index({"qty"})}; }),
       {duplicates, "CREATE UNIQUE INDEX CONCURRENTLY stray_key ON " + parent + " (code)", no_duplicates}},
      {"a foreign key left NOT VALID", edit([](t&, t& c) { c.foreign_keys = {fk({"parent_id"}, "parent")}; }),
       {not_valid_key}},
      {"a foreign key left NOT VALID that the target defines otherwise",
       edit([](t&, t& c) {
         c.foreign_keys = {references({"parent_id"}, "parent", {"id"}, db::referential_action::cascade)};
       }),
       {not_valid_key}},
      {"a NOT NULL helper not validated", qty_required, {helper + " NOT VALID"}},
      {"a NOT NULL helper validated, NOT NULL set, the helper not dropped", qty_required,
       {helper, "ALTER TABLE " + child + " ALTER COLUMN qty SET NOT NULL"}},
      {"a NOT NULL helper on a column the target keeps nullable", edit([](t&, t&) {}), {helper + " NOT VALID"}},
  };
  other_schema normal(f);
  for (const auto& c : cases)
    for (const bool online : {true, false}) {
      CAPTURE(c.what);
      CAPTURE(online);
      make_version_1(f, f.name);
      for (const auto& sql : c.make) {
        if (sql.find(" CONCURRENTLY ") != std::string::npos)
          CHECK_THROWS(f.exec(sql));
        else
          f.exec(sql);
      }
      CHECK(leftovers(f, f.name) != no_leftovers);
      const auto rows = f.count("SELECT count(*) FROM " + f.q("child"));
      const auto result = db::push(f.conn, c.target(), online_options(f, f.name, online));
      CHECK(result.changed);
      CHECK(leftovers(f, f.name) == no_leftovers);
      CHECK_FALSE(db::push(f.conn, c.target(), online_options(f, f.name, online)).changed);
      CHECK(f.count("SELECT count(*) FROM " + f.q("child")) == rows);
      make_version_1(f, normal.name);
      db::push(f.conn, c.target(), online_options(f, normal.name, false));
      const auto made = state_of(f, f.name), wanted = state_of(f, normal.name);
      CHECK_MESSAGE(made == wanted, state_difference(wanted, made));
    }
}

namespace {

// Waits until backend `pid` waits for a lock while running a statement that begins with `sql`.
void wait_until_waiting(pgtest::fixture& f, int pid, const std::string& sql) {
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (f.count("SELECT count(*) FROM pg_stat_activity WHERE pid = " + std::to_string(pid) +
                 " AND wait_event_type = 'Lock' AND query LIKE " + f.conn.quote(sql + "%")) == 0) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(10ms);
  }
}

// `sql` with the schema written "S" as `schema`.
std::string in_schema(std::string sql, const std::string& schema) {
  const std::string placeholder = "\"S\"", quoted = "\"" + schema + "\"";
  for (auto at = sql.find(placeholder); at != std::string::npos; at = sql.find(placeholder, at + quoted.size()))
    sql.replace(at, placeholder.size(), quoted);
  return sql;
}

// Inserts `count` child rows, each its own statement with a 1 s statement
// timeout; the number that went through.
int insert_rows(pgtest::fixture& f, long first_id, int count) {
  pqxx::connection writer(pgtest::conninfo());
  int done = 0;
  for (int i = 0; i < count; ++i) {
    try {
      pqxx::work tx(writer);
      tx.exec("SET LOCAL statement_timeout = '1s'");
      tx.exec("INSERT INTO " + f.q("child") + " (id, qty) VALUES (" + std::to_string(first_id + i) + ", 1)");
      tx.commit();
      ++done;
    } catch (const pqxx::sql_error&) {
    }
  }
  return done;
}

}  // namespace

TEST_CASE("online writers go on while a step waits for a lock, where the plain step queues them") {
  pgtest::fixture f;
  struct waiting_case {
    std::string what;
    std::function<db::schema()> to;
    std::string holder_lock;  // taken on child just before the step runs; makes it wait
    std::string online_step, plain_step;  // the statements that wait ("S": the schema)
  };
  const std::vector<waiting_case> waits = {
      {"an index", online_case_named("a plain index on an existing table").to, "ROW EXCLUSIVE", "CREATE INDEX CONCURRENTLY",
       "CREATE INDEX"},
      {"a foreign key", online_case_named("a foreign key").to, "SHARE UPDATE EXCLUSIVE", "ALTER TABLE \"S\".\"child\" VALIDATE CONSTRAINT",
       "ALTER TABLE \"S\".\"child\" ADD CONSTRAINT"},
      {"NOT NULL", online_case_named("NOT NULL on a column without NULLs").to, "SHARE UPDATE EXCLUSIVE", "ALTER TABLE \"S\".\"child\" VALIDATE CONSTRAINT",
       "ALTER TABLE \"S\".\"child\" ALTER COLUMN \"qty\" SET NOT NULL"},
  };
  for (const auto& w : waits)
    for (const bool online : {true, false}) {
      CAPTURE(w.what);
      CAPTURE(online);
      make_version_1(f, f.name);
      const auto step = in_schema(online ? w.online_step : w.plain_step, f.name);
      // A session that takes a lock on child just before the step, and keeps it.
      pqxx::connection holder_conn(pgtest::conninfo());
      pqxx::work holder(holder_conn);
      pqxx::connection pusher(pgtest::conninfo());
      auto options = online_options(f, f.name, online);
      options.postgres.lock_timeout = 0ms;  // the push waits as long as it takes
      bool locked = false;
      options.on_sql = [&](const std::string& sql) {
        if (locked || !sql.starts_with(step)) return;
        holder.exec("LOCK TABLE " + f.q("child") + " IN " + w.holder_lock + " MODE");
        locked = true;
      };
      auto pushed = std::async(std::launch::async, [&] { return db::push(pusher, w.to(), options).changed; });
      wait_until_waiting(f, pusher.backendpid(), step);
      const int inserted = insert_rows(f, 1'000'000, 3);
      holder.abort();
      CHECK(pushed.get());
      // Online: every insert went through while the step waited; without it,
      // each queued behind the step's lock until its statement timeout.
      CHECK(inserted == (online ? 3 : 0));
      CHECK(leftovers(f, f.name) == no_leftovers);
      CHECK_FALSE(db::push(f.conn, w.to(), online_options(f, f.name, online)).changed);
    }
}

TEST_CASE("online a later step waits at most lock_timeout per try, and retries") {
  pgtest::fixture f;
  const auto target = online_case_named("NOT NULL on a column without NULLs").to();
  for (const bool released : {true, false}) {
    CAPTURE(released);
    make_version_1(f, f.name);
    // A reader of child from just before SET NOT NULL (ACCESS EXCLUSIVE) on.
    pqxx::connection holder_conn(pgtest::conninfo());
    pqxx::work holder(holder_conn);
    std::future<void> release;
    auto options = online_options(f, f.name, true);
    options.postgres.lock_timeout = 100ms;
    options.postgres.lock_retries = released ? 20 : 2;
    options.postgres.retry_backoff = 20ms;
    int set_not_null = 0;
    options.on_sql = [&](const std::string& sql) {
      if (sql.find("SET NOT NULL") == std::string::npos) return;
      ++set_not_null;
      holder.exec("SELECT count(*) FROM " + f.q("child"));
      if (released)
        release = std::async(std::launch::async, [&holder] {
          std::this_thread::sleep_for(400ms);
          holder.abort();
        });
    };
    if (released) {
      CHECK(db::push(f.conn, target, options).changed);
      release.get();
      CHECK(leftovers(f, f.name) == no_leftovers);
    } else {
      try {
        db::push(f.conn, target, options);
        FAIL("the push went through while a reader held child");
      } catch (const db::unfinished_push_error& e) {
        const std::string what = e.what();
        CHECK_MESSAGE(what.find("Failed: ALTER TABLE \"" + f.name + "\".\"child\" ALTER COLUMN \"qty\" SET NOT NULL") !=
                          std::string::npos,
                      what);
        CHECK_MESSAGE(what.find("PostgreSQL error 55P03") != std::string::npos, what);
        CHECK(e.pending().size() == 1);  // dropping the helper
      }
      holder.abort();
      CHECK(leftovers(f, f.name) == "0 invalid indexes, 0 constraints not validated, 1 helpers");
      CHECK(db::push(f.conn, target, online_options(f, f.name, true)).changed);
      CHECK(leftovers(f, f.name) == no_leftovers);
    }
    CHECK(set_not_null == 1);  // on_sql sees a statement once, however often it is tried
    CHECK_FALSE(f.live().find_table("child")->find_column("qty")->nullable);
  }
}

TEST_CASE("online the advisory lock holds other pushers off until the later phases are done") {
  pgtest::fixture f;
  make_version_1(f, f.name);
  auto target = sch({parent_table(), with(child_table(), {plain_index({"note"})})});
  pqxx::connection holder_conn(pgtest::conninfo());
  pqxx::work holder(holder_conn);
  holder.exec("INSERT INTO " + f.q("child") + " (id, qty) VALUES (900000, 1)");
  pqxx::connection pusher(pgtest::conninfo());
  auto options = online_options(f, f.name, true);
  options.on_sql = nullptr;
  auto pushed = std::async(std::launch::async, [&] { return db::push(pusher, target, options).changed; });
  wait_until_waiting(f, pusher.backendpid(), "CREATE INDEX CONCURRENTLY");
  // A second pusher (not online: the transaction-scoped lock) waits for the first.
  pqxx::connection second(pgtest::conninfo());
  auto second_options = online_options(f, f.name, false);
  second_options.on_sql = nullptr;
  auto second_pushed = std::async(std::launch::async, [&] { return db::push(second, target, second_options).changed; });
  CHECK(second_pushed.wait_for(500ms) == std::future_status::timeout);
  holder.abort();
  CHECK(pushed.get());
  CHECK_FALSE(second_pushed.get());  // it found the index built, valid
  CHECK(leftovers(f, f.name) == no_leftovers);
  // The lock is released: a third push gets it at once.
  CHECK_FALSE(db::push(f.conn, target, online_options(f, f.name, true)).changed);
}

// ---- child processes: SIGKILL between the phases and inside the build --------

namespace {

constexpr int crash_tables = 4;
constexpr long long crash_rows = 2'000;

// The ledger's version 1 without its foreign keys: version 2 adds them back,
// so the online push has every kind of later step (indexes, foreign keys, NOT NULL).
push_subject online_subject(pgtest::fixture& f) {
  auto s = postgres_ledger_subject(pgtest::conninfo(), f.name, crash_tables, crash_rows);
  s.push_args.push_back("online");
  const auto make = s.restore_old;
  const std::string name = f.name;
  s.restore_old = [make, name] {
    make();
    pqxx::connection conn(pgtest::conninfo());
    pqxx::nontransaction tx(conn);
    for (const auto& r : tx.exec("SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE contype = 'f' "
                                 "AND connamespace = (SELECT oid FROM pg_namespace WHERE nspname = " + tx.quote(name) + ")"))
      tx.exec("ALTER TABLE " + r[0].as<std::string>() + " DROP CONSTRAINT " + conn.quote_name(r[1].as<std::string>()));
  };
  return s;
}

void recover(pgtest::fixture& f, bool online) {
  auto options = online_options(f, f.name, online);
  options.on_sql = nullptr;
  db::push(f.conn, postgres_ledger(2, crash_tables), options);
}

// The lines of a state (state.hpp) that count and checksum each table's rows.
std::string rows_of(const std::string& state) {
  std::string out;
  std::size_t at = 0;
  while (at < state.size()) {
    const auto end = state.find('\n', at);
    const auto line = state.substr(at, end - at);
    if (line.find(" rows, checksum ") != std::string::npos) out += line + "\n";
    at = end == std::string::npos ? state.size() : end + 1;
  }
  return out;
}

std::vector<std::string> with_cut(const push_subject& subject, const std::string& cut) {
  auto args = subject.push_args;
  args.push_back(cut);
  return args;
}

// The pid of the child's backend, once it says "ready".
std::string backend_once_ready(helper_process& child) {
  child.expect("ready");
  for (const auto& l : child.lines())
    if (l.starts_with("backend ")) return l.substr(8);
  throw std::runtime_error("the push child did not say its backend");
}

// The plan of the online push from version 1: its statements, in order.
std::vector<db::statement> online_statements(pgtest::fixture& f, const push_subject& subject) {
  subject.restore_old();
  auto options = online_options(f, f.name, true);
  return db::plan(f.conn, postgres_ledger(2, crash_tables), options).statements;
}

}  // namespace

TEST_CASE("online a push killed after any statement, before or after the commit, is finished by the next push") {
  pgtest::fixture f;
  const auto subject = online_subject(f);
  const auto statements = online_statements(f, subject);
  std::size_t in_transaction = 0;
  while (in_transaction < statements.size() && statements[in_transaction].phase == db::statement_phase::in_transaction)
    ++in_transaction;
  REQUIRE(in_transaction < statements.size());
  const auto reference = calibrate(subject);
  REQUIRE(reference.statements == static_cast<long>(statements.size()));
  // The online push ends where a push without online mode does.
  subject.restore_old();
  recover(f, false);
  CHECK_MESSAGE(subject.state() == reference.new_state, state_difference(subject.state(), reference.new_state));

  // A few cuts inside the transaction, every one after it (all with DBPUSH_RESILIENCE_FULL).
  std::vector<long> cuts = spread(static_cast<long>(in_transaction), full_run() ? 1000 : 3);
  for (auto k = in_transaction; k < statements.size(); ++k) cuts.push_back(static_cast<long>(k));
  int finished_online = 0, finished_normal = 0;
  for (const long k : cuts) {
    CAPTURE(k);
    subject.restore_old();
    helper_process child(subject.program, with_cut(subject, "kill-after=" + std::to_string(k)));
    const auto backend = backend_once_ready(child);
    const auto status = child.wait();
    CHECK_MESSAGE((!status.exited && status.code == SIGKILL), status.to_string());
    subject.settle(backend);
    const auto state = subject.state();
    if (static_cast<std::size_t>(k) < in_transaction)
      CHECK_MESSAGE(state == reference.old_state, state_difference(reference.old_state, state));
    else  // committed: every row as the new version has it; only later steps missing
      CHECK_MESSAGE(rows_of(state) == rows_of(reference.new_state),
                    state_difference(rows_of(reference.new_state), rows_of(state)));
    // Finished by turns online and not.
    const bool online = (k % 2) == 0;
    recover(f, online);
    ++(online ? finished_online : finished_normal);
    const auto recovered = subject.state();
    CHECK_MESSAGE(recovered == reference.new_state,
                  "after SIGKILL once " << k << " of " << statements.size() << " statements ran ("
                                        << in_transaction << " in the transaction), the next push ("
                                        << (online ? "online" : "not online") << ") did not reach the new state:\n"
                                        << state_difference(reference.new_state, recovered));
    CHECK(leftovers(f, f.name) == no_leftovers);
  }
  MESSAGE(cuts.size() << " cuts over " << statements.size() << " statements (" << in_transaction
                      << " in the transaction); finished online " << finished_online << ", not online "
                      << finished_normal);
  CHECK(finished_online > 0);
  CHECK(finished_normal > 0);
}

TEST_CASE("online a push killed inside CREATE INDEX CONCURRENTLY leaves an invalid index the next push rebuilds") {
  pgtest::fixture f;
  const auto subject = online_subject(f);
  const auto statements = online_statements(f, subject);
  std::size_t build = 0;
  while (build < statements.size() && statements[build].phase != db::statement_phase::after_commit_outside_transaction)
    ++build;
  REQUIRE(build < statements.size());
  const auto reference = calibrate(subject);
  for (const bool online : {true, false}) {
    CAPTURE(online);
    subject.restore_old();
    helper_process child(subject.program, with_cut(subject, "pause-after=" + std::to_string(build)));
    const auto backend = backend_once_ready(child);
    child.expect("paused ");
    // The transaction committed; a session that holds a write lock on the
    // table makes the build wait with its invalid index made.
    pqxx::connection holder_conn(pgtest::conninfo());
    pqxx::work holder(holder_conn);
    holder.exec("LOCK TABLE " + f.q(statements[build].table) + " IN ROW EXCLUSIVE MODE");
    child.send("go");
    wait_until_waiting(f, std::stoi(backend), "CREATE INDEX CONCURRENTLY");
    child.kill(SIGKILL);
    child.wait();
    // The server goes on with a dead client's statement until it ends: end it.
    terminate_backend(f.conn, backend);
    holder.abort();
    CHECK(f.count("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE NOT i.indisvalid "
                  "AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = " + f.conn.quote(f.name) + ")") == 1);
    CHECK(rows_of(subject.state()) == rows_of(reference.new_state));
    recover(f, online);
    const auto recovered = subject.state();
    CHECK_MESSAGE(recovered == reference.new_state, state_difference(reference.new_state, recovered));
    CHECK(leftovers(f, f.name) == no_leftovers);
  }
}
