// db::reset of a SQLite file: when the schema already is the target (the check
// a no-op push makes), only the managed tables' rows and their sqlite_sequence
// entries are deleted; any difference takes the long way (drop, push again).
#include "sqlite/fixture.hpp"

#include <string>
#include <vector>

using namespace sqlite_test;

namespace {

// accounts (AUTOINCREMENT) <- orders (plain rowid key) <- lines (AUTOINCREMENT),
// every reference ON DELETE CASCADE; lines has a default, a nullable column and
// a named index.
db::schema shop() {
  auto accounts = tbl("accounts", {id_col("id", "INTEGER"), col("email", "TEXT")});
  accounts.indexes.push_back(unique_index({"email"}, "accounts_email"));
  auto orders = tbl("orders", {col("id", "INTEGER"), col("account_id", "INTEGER")});
  orders.foreign_keys.push_back(references({"account_id"}, "accounts", {"id"}, db::referential_action::cascade));
  auto lines = tbl("lines", {id_col("id", "INTEGER"), col("order_id", "INTEGER"),
                             col("status", "TEXT", false, "'new'"), nullable("note")});
  lines.indexes.push_back(plain_index({"order_id"}, "lines_order"));
  lines.foreign_keys.push_back(references({"order_id"}, "orders", {"id"}, db::referential_action::cascade));
  return sch({accounts, orders, lines});
}

db::schema canonical(db::schema s) {
  db::sqlite::detail::canonicalise(s);
  db::normalise(s);
  return s;
}

// Rows in every managed table, ids past 1, and sqlite_sequence entries.
void write_rows(SQLite::Database& conn) {
  conn.exec("INSERT INTO accounts (id, email) VALUES (7, 'a@x'), (8, 'b@x')");
  conn.exec("INSERT INTO orders (id, account_id) VALUES (5, 7), (6, 8)");
  conn.exec("INSERT INTO lines (id, order_id) VALUES (9, 5), (10, 6)");
}

// An unmanaged table listed in ignore_tables, referencing a managed one with
// ON DELETE CASCADE and holding its own sqlite_sequence entry.
void add_audit(SQLite::Database& conn) {
  conn.exec("CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE, what TEXT)");
  conn.exec("INSERT INTO audit (id, account_id, what) VALUES (41, 7, 'kept'), (42, 8, 'kept')");
}

db::push_options ignoring_audit() {
  db::push_options o;
  o.ignore_tables = {"audit"};
  return o;
}

// Every managed table is empty, its counter restarted (the next insert gets
// id 1), the schema is the target, and foreign keys are back on.
void check_emptied_to(SQLite::Database& conn, const db::schema& target, const db::push_options& options) {
  CHECK(db::introspect(conn, options) == canonical(target));
  for (const auto* table : {"accounts", "orders", "lines"})
    CHECK_MESSAGE(count(conn, std::string("SELECT count(*) FROM ") + table) == 0, table);
  CHECK(count(conn, "SELECT count(*) FROM sqlite_sequence WHERE name IN ('accounts', 'orders', 'lines')") == 0);
  CHECK(count(conn, "PRAGMA foreign_keys") == 1);
  conn.exec("INSERT INTO accounts (email) VALUES ('first@x')");
  conn.exec("INSERT INTO orders (account_id) VALUES (1)");
  conn.exec("INSERT INTO lines (order_id) VALUES (1)");
  CHECK(rows(conn, "SELECT id FROM accounts") == std::vector<std::string>{"1"});
  CHECK(rows(conn, "SELECT id FROM orders") == std::vector<std::string>{"1"});
  CHECK(rows(conn, "SELECT id FROM lines") == std::vector<std::string>{"1"});
  conn.exec("DELETE FROM lines; DELETE FROM orders; DELETE FROM accounts");
}

// Replaces `from` by `to` in the stored CREATE TABLE text of `table` (a leaf
// table: nothing references it) by making it again, indexes included.
void rewrite_table(SQLite::Database& conn, const std::string& table, const std::string& from, const std::string& to) {
  auto sql = conn.execAndGet("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'").getString();
  const auto at = sql.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, sql);
  sql.replace(at, from.size(), to);
  const auto indexes = rows(conn, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND "
                                  "tbl_name = '" + table + "'");
  conn.exec("DROP TABLE " + table);
  conn.exec(sql);
  for (auto index : indexes) conn.exec(index.substr(1, index.size() - 2));  // quote()d by rows()
}

}  // namespace

TEST_CASE("sqlite file reset of an in-sync schema empties the managed tables and restarts their counters") {
  temp_db t;
  push_checked(t, shop());
  write_rows(t.conn);
  add_audit(t.conn);
  const auto schema_before = rows(t.conn, "SELECT type, name, sql FROM sqlite_schema ORDER BY name");
  int generated = 0;
  auto options = ignoring_audit();
  std::vector<std::string> ran;
  options.on_sql = [&](const std::string& sql) { ran.push_back(sql); };
  options.generators.push_back([&](const db::schema& target, const db::push_result& r) {
    ++generated;
    CHECK(target == shop());
    CHECK(r.way == db::reset_way::emptied);
    // Generators run after the commit: the rows are gone.
    SQLite::Database other(t.path.string(), SQLite::OPEN_READONLY);
    CHECK(count(other, "SELECT count(*) FROM accounts") == 0);
  });

  const auto r = db::reset(t.conn, shop(), options);
  CHECK(r.way == db::reset_way::emptied);
  CHECK(r.reset);
  CHECK(r.changed);
  CHECK(r.steps.empty());
  CHECK(r.sql == ran);
  CHECK(r.sql == std::vector<std::string>{
                     R"(DELETE FROM "lines")", R"(DELETE FROM "orders")", R"(DELETE FROM "accounts")",
                     R"(DELETE FROM "sqlite_sequence" WHERE "name" IN ('accounts', 'orders', 'lines'))"});
  CHECK(r.to_string() ==
        "Your database is now in sync with the models.\n"
        "The database was reset: its schema already matched the models, so its tables were emptied and their "
        "counters restarted.");
  CHECK(generated == 1);
  CHECK(rows(t.conn, "SELECT type, name, sql FROM sqlite_schema ORDER BY name") == schema_before);
  // The ignored table keeps its rows (no cascade reached it) and its counter.
  CHECK(rows(t.conn, "SELECT id, account_id, what FROM audit") ==
        std::vector<std::string>{"41|7|'kept'", "42|8|'kept'"});
  CHECK(rows(t.conn, "SELECT name, seq FROM sqlite_sequence") == std::vector<std::string>{"'audit'|42"});
  check_emptied_to(t.conn, shop(), options);

  // Emptied again with nothing to delete, and once more after rows came back.
  CHECK(db::reset(t.conn, shop(), ignoring_audit()).way == db::reset_way::emptied);
  write_rows(t.conn);
  CHECK(db::reset(t.conn, shop(), ignoring_audit()).way == db::reset_way::emptied);
  check_emptied_to(t.conn, shop(), options);
  CHECK(count(t.conn, "SELECT count(*) FROM audit") == 2);
}

TEST_CASE("sqlite file reset recognises a schema written by hand through the full check") {
  temp_db t;
  // Lower case and other spacing: not the text dbpush renders, so the
  // stored-text fast path says no and introspection decides.
  t.conn.exec("create table notes (id integer not null primary key autoincrement, body text not null)");
  t.conn.exec("insert into notes (id, body) values (5, 'x')");
  const auto target = sch({tbl("notes", {id_col("id", "INTEGER"), col("body", "TEXT")})});
  const auto plan = db::plan(t.conn, target);
  REQUIRE_MESSAGE(plan.empty(), plan.to_string());
  const auto r = db::reset(t.conn, target);
  CHECK(r.way == db::reset_way::emptied);
  CHECK(count(t.conn, "SELECT count(*) FROM notes") == 0);
  CHECK(rows(t.conn, "SELECT sql FROM sqlite_schema WHERE name = 'notes'") ==
        std::vector<std::string>{"'CREATE TABLE notes (id integer not null primary key autoincrement, body text not null)'"});
  t.conn.exec("INSERT INTO notes (body) VALUES ('y')");
  CHECK(rows(t.conn, "SELECT id FROM notes") == std::vector<std::string>{"1"});
}

TEST_CASE("sqlite file reset takes the long way after any change made by hand") {
  struct hand_change {
    const char* what;
    void (*make)(SQLite::Database&);
  };
  const hand_change changes[] = {
      {"index added", [](SQLite::Database& c) { c.exec("CREATE INDEX lines_note ON lines (note)"); }},
      {"index dropped", [](SQLite::Database& c) { c.exec("DROP INDEX lines_order"); }},
      {"unique index made plain",
       [](SQLite::Database& c) { c.exec("DROP INDEX accounts_email; CREATE INDEX accounts_email ON accounts (email)"); }},
      {"column added", [](SQLite::Database& c) { c.exec("ALTER TABLE lines ADD COLUMN extra INTEGER"); }},
      {"column dropped", [](SQLite::Database& c) { c.exec("ALTER TABLE lines DROP COLUMN note"); }},
      {"default changed", [](SQLite::Database& c) { rewrite_table(c, "lines", "DEFAULT 'new'", "DEFAULT 'old'"); }},
      {"nullability changed", [](SQLite::Database& c) { rewrite_table(c, "lines", "\"note\" TEXT", "\"note\" TEXT NOT NULL"); }},
      {"type changed", [](SQLite::Database& c) { rewrite_table(c, "lines", "\"note\" TEXT", "\"note\" BLOB"); }},
      {"table dropped", [](SQLite::Database& c) { c.exec("DROP TABLE lines"); }},
      {"table added", [](SQLite::Database& c) { c.exec("CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1)"); }},
      {"table renamed",
       [](SQLite::Database& c) { c.exec("ALTER TABLE lines RENAME TO line_items"); }},
  };
  for (const auto& change : changes) {
    CAPTURE(change.what);
    temp_db t;
    push_checked(t, shop());
    write_rows(t.conn);
    add_audit(t.conn);
    change.make(t.conn);
    const auto r = db::reset(t.conn, shop(), ignoring_audit());
    CHECK(r.way == db::reset_way::recreated);
    CHECK(r.reset);
    CHECK(r.to_string().starts_with("Your database is now in sync with the models.\n"
                                    "The database was reset: its previous contents were dropped."));
    check_emptied_to(t.conn, shop(), ignoring_audit());
    CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name IN ('scratch', 'line_items', 'lines_note')") == 0);
    CHECK(rows(t.conn, "SELECT id, what FROM audit") == std::vector<std::string>{"41|'kept'", "42|'kept'"});
  }
}

TEST_CASE("sqlite file reset takes the long way when a managed table has a trigger") {
  // Emptying would fire the trigger (here: writing to an ignored table); the
  // long way drops the table and its triggers without firing them, as it always has.
  for (const char* trigger :
       {"CREATE TRIGGER on_delete AFTER DELETE ON lines BEGIN INSERT INTO audit (what) VALUES ('deleted'); END",
        "CREATE TEMP TRIGGER on_delete AFTER DELETE ON main.lines BEGIN INSERT INTO audit (what) VALUES ('deleted'); END"}) {
    CAPTURE(trigger);
    temp_db t;
    push_checked(t, shop());
    write_rows(t.conn);
    add_audit(t.conn);
    t.conn.exec(trigger);
    const auto r = db::reset(t.conn, shop(), ignoring_audit());
    CHECK(r.way == db::reset_way::recreated);
    CHECK(count(t.conn, "SELECT count(*) FROM audit") == 2);
    check_emptied_to(t.conn, shop(), ignoring_audit());
    // A trigger on an ignored table does not stand in the way.
    t.conn.exec("CREATE TRIGGER on_audit AFTER DELETE ON audit BEGIN SELECT 1; END");
    write_rows(t.conn);
    CHECK(db::reset(t.conn, shop(), ignoring_audit()).way == db::reset_way::emptied);
    check_emptied_to(t.conn, shop(), ignoring_audit());
  }
}

TEST_CASE("sqlite force_reset and in-memory db::reset always take the long way") {
  temp_db t;
  push_checked(t, shop());
  write_rows(t.conn);
  db::push_options forcing;
  forcing.force_reset = true;
  CHECK(db::push(t.conn, shop(), forcing).way == db::reset_way::recreated);
  CHECK(db::push(t.conn, shop()).way == db::reset_way::none);

  SQLite::Database memory(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db::reset(memory, shop());
  write_rows(memory);
  CHECK(db::reset(memory, shop()).way == db::reset_way::recreated);
  CHECK(count(memory, "SELECT count(*) FROM accounts") == 0);
}

TEST_CASE("sqlite file reset that fails part-way changes nothing") {
  temp_db t;
  push_checked(t, shop());
  write_rows(t.conn);
  const auto before = dump(t.conn);
  auto options = db::push_options{};
  options.on_sql = [](const std::string& sql) {
    if (sql.starts_with("DELETE FROM \"sqlite_sequence\"")) throw std::runtime_error("stop");
  };
  CHECK_THROWS_WITH(db::reset(t.conn, shop(), options), "stop");
  CHECK(dump(t.conn) == before);
  CHECK(count(t.conn, "PRAGMA foreign_keys") == 1);
}
