// db::reset on PostgreSQL: when the managed schema already is the target (the
// check a no-op push makes), DELETEs (or a TRUNCATE … RESTART IDENTITY) empty
// its tables and the counters restart; any difference takes the long way
// (drop, push again). An unmanaged table that references or inherits from a
// managed one makes it refuse.
#include "pg_fixture.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace pgtest;

namespace {

// accounts <- orders <- lines (identity keys, ON DELETE CASCADE), and tags,
// whose SERIAL key the test makes by hand (serial_tags).
db::schema shop() {
  auto accounts = tbl("accounts", {id_col(), col("email", "text")});
  accounts.indexes.push_back(unique_index({"email"}, "accounts_email"));
  auto orders = tbl("orders", {id_col(), col("account_id", "bigint")});
  orders.foreign_keys.push_back(references({"account_id"}, "accounts", {"id"}, db::referential_action::cascade));
  auto lines = tbl("lines", {id_col(), col("order_id", "bigint"), col("status", "text", false, "'new'::text"),
                             nullable("note", "text")});
  lines.indexes.push_back(plain_index({"order_id"}, "lines_order"));
  lines.foreign_keys.push_back(references({"order_id"}, "orders", {"id"}, db::referential_action::cascade));
  auto tags = tbl("tags", {id_col("id", "integer"), col("name", "text")});
  return sch({accounts, orders, lines, tags});
}

// The managed schema holding shop(), tags made as SERIAL by hand.
void push_shop(pgtest::fixture& f) {
  f.exec("CREATE TABLE " + f.q("tags") + " (id serial PRIMARY KEY, name text NOT NULL)");
  f.push(shop());
  const auto plan = db::plan(f.conn, shop(), f.options());
  REQUIRE_MESSAGE(plan.empty(), plan.to_string());
}

// Rows in every managed table, every counter past 1.
void write_rows(pgtest::fixture& f) {
  f.exec("INSERT INTO " + f.q("accounts") + " (email) VALUES ('a@x'), ('b@x')");
  f.exec("INSERT INTO " + f.q("orders") + " (account_id) VALUES (1), (2)");
  f.exec("INSERT INTO " + f.q("lines") + " (order_id, note) VALUES (1, 'n'), (2, 'n')");
  f.exec("INSERT INTO " + f.q("tags") + " (name) VALUES ('x'), ('y')");
}

// Every managed table empty, the next insert into each gets id 1.
void check_emptied(pgtest::fixture& f) {
  for (const auto* table : {"accounts", "orders", "lines", "tags"})
    CHECK_MESSAGE(f.count("SELECT count(*) FROM " + f.q(table)) == 0, table);
  write_rows(f);
  for (const auto* table : {"accounts", "orders", "lines", "tags"})
    CHECK_MESSAGE(f.column_of("SELECT min(id) FROM " + f.q(table)) == std::vector<std::string>{"1"}, table);
}

// An ignored table in the managed schema and a table of another schema, both
// with rows and counters of their own, neither referencing a managed table.
struct bystanders {
  explicit bystanders(pgtest::fixture& f) : f(f), other(f.name + "_other") {
    f.exec("CREATE TABLE " + f.q("audit") + " (id serial PRIMARY KEY, what text)");
    f.exec("INSERT INTO " + f.q("audit") + " (what) VALUES ('kept'), ('kept')");
    f.exec("CREATE SCHEMA " + f.conn.quote_name(other));
    f.exec("CREATE TABLE " + in_other("accounts") + " (id serial PRIMARY KEY, what text)");
    f.exec("INSERT INTO " + in_other("accounts") + " (what) VALUES ('kept'), ('kept'), ('kept')");
  }
  ~bystanders() {
    try {
      f.exec("DROP SCHEMA IF EXISTS " + f.conn.quote_name(other) + " CASCADE");
    } catch (...) {
    }
  }
  bystanders(const bystanders&) = delete;
  bystanders& operator=(const bystanders&) = delete;

  std::string in_other(const std::string& table) const {
    return f.conn.quote_name(other) + "." + f.conn.quote_name(table);
  }
  db::push_options options() const {
    auto o = f.options();
    o.ignore_tables = {"audit"};
    return o;
  }
  // Rows and counters as the constructor left them.
  void check_untouched() {
    CHECK(f.count("SELECT count(*) FROM " + f.q("audit")) == 2);
    CHECK(f.count("SELECT count(*) FROM " + in_other("accounts")) == 3);
    CHECK(f.count("SELECT last_value FROM " + f.q("audit_id_seq")) == 2);
    CHECK(f.count("SELECT last_value FROM " + in_other("accounts_id_seq")) == 3);
  }

  pgtest::fixture& f;
  std::string other;
};

}  // namespace

TEST_CASE("postgres reset of an in-sync schema empties the managed tables and restarts their sequences") {
  pgtest::fixture f;
  push_shop(f);
  bystanders around(f);
  write_rows(f);
  int generated = 0;
  auto options = around.options();
  options.generators.push_back([&](const db::schema& target, const db::push_result& r) {
    ++generated;
    CHECK(target == shop());
    CHECK(r.way == db::reset_way::emptied);
  });
  f.sql.clear();
  const auto r = db::reset(f.conn, shop(), options);
  CHECK(r.way == db::reset_way::emptied);
  CHECK(r.reset);
  CHECK(r.changed);
  CHECK(r.steps.empty());
  CHECK(generated == 1);
  CHECK(r.sql == f.sql);
  // Small tables without triggers: DELETEs, children first, in one round
  // trip; after the commit, the sequences that gave a value set to their start.
  const auto sequence = [&](const std::string& name) {
    return "setval(" + f.conn.quote(f.q(name)) + ", 1, false)";
  };
  CHECK(r.sql == std::vector<std::string>{"DELETE FROM " + f.q("tags") + "; DELETE FROM " + f.q("lines") +
                                              "; DELETE FROM " + f.q("orders") + "; DELETE FROM " + f.q("accounts"),
                                          "SELECT set_config('lock_timeout', '500ms', true), " +
                                              sequence("accounts_id_seq") + ", " + sequence("lines_id_seq") +
                                              ", " + sequence("orders_id_seq") + ", " + sequence("tags_id_seq")});
  CHECK(r.statements.back().phase == db::statement_phase::after_commit_outside_transaction);
  CHECK(r.to_string() ==
        "Your database is now in sync with the models.\n"
        "The database was reset: its schema already matched the models, so its tables were emptied and their "
        "counters restarted.");
  around.check_untouched();
  check_emptied(f);
  CHECK(db::plan(f.conn, shop(), around.options()).empty());

  // Again, from models' order of work: rows written, reset, rows written.
  for (int i = 0; i < 3; ++i) {
    CHECK(db::reset(f.conn, shop(), around.options()).way == db::reset_way::emptied);
    check_emptied(f);
  }
  around.check_untouched();
}

TEST_CASE("postgres reset empties only what may hold rows, and truncates where deleting would not do") {
  struct touched {
    std::string what;
    std::string sql;                    // after write_rows; {s} stands for the managed schema
    std::vector<std::string> expected;  // the statements the reset runs; {s} as above
  };
  const auto setval = [](const std::vector<std::string>& sequences) {
    std::string out = "SELECT set_config('lock_timeout', '500ms', true)";
    for (const auto& q : sequences) out += ", setval('{s}." + q + "', 1, false)";
    return out;
  };
  const std::vector<touched> cases = {
      {"nothing written", "TRUNCATE {s}.accounts, {s}.orders, {s}.lines, {s}.tags RESTART IDENTITY", {}},
      // DELETE leaves the pages: the survey reads no table, only sizes.
      {"rows deleted, counters left", "DELETE FROM {s}.lines; DELETE FROM {s}.orders; DELETE FROM {s}.accounts; "
       "TRUNCATE {s}.tags RESTART IDENTITY",
       {"DELETE FROM {s}.lines; DELETE FROM {s}.orders; DELETE FROM {s}.accounts",
        setval({"accounts_id_seq", "lines_id_seq", "orders_id_seq"})}},
      {"one table written", "TRUNCATE {s}.accounts, {s}.orders, {s}.lines, {s}.tags RESTART IDENTITY; "
       "INSERT INTO {s}.tags (name) VALUES ('t')",
       {"DELETE FROM {s}.tags", setval({"tags_id_seq"})}},
      {"a trigger of the user's on a table holding rows",
       "CREATE FUNCTION {s}.log() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO {s}.audit (what) "
       "VALUES ('fired'); RETURN OLD; END$$; CREATE TRIGGER log AFTER DELETE ON {s}.orders FOR EACH ROW "
       "EXECUTE FUNCTION {s}.log()",
       {"TRUNCATE {s}.accounts, {s}.orders, {s}.lines, {s}.tags RESTART IDENTITY"}},
      {"a trigger of the user's that does not fire on DELETE",
       "CREATE FUNCTION {s}.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$; "
       "CREATE TRIGGER touch BEFORE UPDATE ON {s}.orders FOR EACH ROW EXECUTE FUNCTION {s}.touch()",
       {"DELETE FROM {s}.tags; DELETE FROM {s}.lines; DELETE FROM {s}.orders; DELETE FROM {s}.accounts",
        setval({"accounts_id_seq", "lines_id_seq", "orders_id_seq", "tags_id_seq"})}},
      {"a rule of the user's on DELETE", "CREATE RULE log AS ON DELETE TO {s}.lines DO ALSO "
       "INSERT INTO {s}.audit (what) VALUES ('fired')",
       {"TRUNCATE {s}.accounts, {s}.orders, {s}.lines, {s}.tags RESTART IDENTITY"}},
      {"a large table (more than many_bytes)",
       "INSERT INTO {s}.tags (name) SELECT repeat('x', 200) FROM generate_series(1, 1001)",
       {"TRUNCATE {s}.accounts, {s}.orders, {s}.lines, {s}.tags RESTART IDENTITY"}},
      {"a large parent only",
       "DELETE FROM {s}.lines; DELETE FROM {s}.orders; TRUNCATE {s}.tags RESTART IDENTITY; "
       "INSERT INTO {s}.accounts (email) SELECT i || repeat('e', 200) FROM generate_series(1, 1001) i",
       {"TRUNCATE {s}.accounts, {s}.orders, {s}.lines RESTART IDENTITY"}},
      {"a sequence that does not start at 1",
       "ALTER SEQUENCE {s}.tags_id_seq START WITH 100; "
       "TRUNCATE {s}.accounts, {s}.orders, {s}.lines, {s}.tags RESTART IDENTITY; "
       "INSERT INTO {s}.tags (id, name) VALUES (1, 't'); SELECT nextval('{s}.tags_id_seq')",
       {"DELETE FROM {s}.tags", "SELECT set_config('lock_timeout', '500ms', true), setval('{s}.tags_id_seq', 100, false)"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    pgtest::fixture f;
    push_shop(f);
    bystanders around(f);
    write_rows(f);
    auto spelled = [&](std::string text) {
      for (auto at = text.find("{s}"); at != std::string::npos; at = text.find("{s}"))
        text.replace(at, 3, f.conn.quote_name(f.name));
      return text;
    };
    f.exec(spelled(c.sql));
    const auto r = db::reset(f.conn, shop(), around.options());
    CHECK(r.way == db::reset_way::emptied);
    // Compared without the quotes around names.
    auto ran = r.sql;
    for (auto& statement : ran) std::erase(statement, '"');
    auto expected = c.expected;
    for (auto& statement : expected) {
      statement = spelled(statement);
      std::erase(statement, '"');
    }
    std::string listed;
    for (const auto& statement : ran) listed += statement + "\n";
    CHECK_MESSAGE(ran == expected, listed);
    if (c.what == "a sequence that does not start at 1") {
      CHECK(f.count("SELECT count(*) FROM " + f.q("tags")) == 0);
      f.exec("INSERT INTO " + f.q("tags") + " (name) VALUES ('t')");
      CHECK(f.count("SELECT id FROM " + f.q("tags")) == 100);
      continue;
    }
    check_emptied(f);
    around.check_untouched();
  }
}

TEST_CASE("postgres reset restarts in its transaction the sequences the user may not set") {
  // A role that may write the tables and read, not update, their sequences:
  // setval after the commit would fail with the rows gone; ALTER SEQUENCE in
  // the transaction fails before anything is changed.
  pgtest::fixture f;
  push_shop(f);
  write_rows(f);
  const std::string role = f.name + "_writer";
  f.exec("CREATE ROLE " + f.conn.quote_name(role));
  f.exec("GRANT USAGE ON SCHEMA " + f.conn.quote_name(f.name) + " TO " + f.conn.quote_name(role));
  f.exec("GRANT SELECT, INSERT, DELETE ON ALL TABLES IN SCHEMA " + f.conn.quote_name(f.name) + " TO " +
         f.conn.quote_name(role));
  f.exec("GRANT SELECT, USAGE ON ALL SEQUENCES IN SCHEMA " + f.conn.quote_name(f.name) + " TO " +
         f.conn.quote_name(role));
  f.exec("SET ROLE " + f.conn.quote_name(role));
  f.sql.clear();
  std::string message;
  try {
    db::reset(f.conn, shop(), f.options());
  } catch (const db::database_error& e) {
    message = e.what();
  }
  f.exec("RESET ROLE");
  f.exec("DROP OWNED BY " + f.conn.quote_name(role));
  f.exec("DROP ROLE " + f.conn.quote_name(role));
  CHECK_MESSAGE(message.find("must be owner of sequence") != std::string::npos, message);
  REQUIRE(f.sql.size() == 1);
  CHECK(f.sql[0].find("; ALTER SEQUENCE " + f.q("accounts_id_seq") + " RESTART") != std::string::npos);
  for (const auto* table : {"accounts", "orders", "lines", "tags"})
    CHECK_MESSAGE(f.count("SELECT count(*) FROM " + f.q(table)) == 2, table);
}

TEST_CASE("postgres reset whose counter restart fails after the commit says the tables were emptied") {
  pgtest::fixture f;
  push_shop(f);
  write_rows(f);
  auto options = f.options();
  options.on_sql = [](const std::string& sql) {
    if (sql.find("setval(") != std::string::npos) throw std::runtime_error("connection lost");
  };
  std::string message;
  try {
    db::reset(f.conn, shop(), options);
  } catch (const db::database_error& e) {
    message = e.what();
  }
  CHECK(message.starts_with("dbpush: the reset emptied the tables and committed, then restarting their counters "
                            "failed, so the next rows do not get id 1; the next reset restarts them.\nFailed: "
                            "SELECT set_config('lock_timeout', '500ms', true), setval("));
  CHECK(message.ends_with("\n  because: connection lost"));
  for (const auto* table : {"accounts", "orders", "lines", "tags"})
    CHECK_MESSAGE(f.count("SELECT count(*) FROM " + f.q(table)) == 0, table);
  // The rows are gone, so no id the counters hand out is taken.
  f.exec("INSERT INTO " + f.q("tags") + " (name) VALUES ('t')");
  CHECK(f.count("SELECT id FROM " + f.q("tags")) == 3);
  CHECK(db::reset(f.conn, shop(), f.options()).way == db::reset_way::emptied);
  check_emptied(f);
}

TEST_CASE("postgres reset of a table referencing itself truncates it") {
  pgtest::fixture f;
  auto target = sch({tbl("nodes", {id_col(), nullable("parent_id", "bigint")})});
  target.tables[0].foreign_keys.push_back(references({"parent_id"}, "nodes", {"id"}, db::referential_action::restrict));
  f.push(target);
  f.exec("INSERT INTO " + f.q("nodes") + " (id, parent_id) VALUES (1, NULL), (2, 1), (3, 2)");
  const auto r = db::reset(f.conn, target, f.options());
  CHECK(r.way == db::reset_way::emptied);
  CHECK(r.sql == std::vector<std::string>{"TRUNCATE " + f.q("nodes") + " RESTART IDENTITY"});
  CHECK(f.count("SELECT count(*) FROM " + f.q("nodes")) == 0);
}

TEST_CASE("postgres reset takes the long way after any change made by hand") {
  struct hand_change {
    std::string what;
    std::string sql;  // {s} stands for the managed schema
  };
  const std::vector<hand_change> changes = {
      {"index added", "CREATE INDEX lines_note ON {s}.lines (note)"},
      {"index dropped", "DROP INDEX {s}.lines_order"},
      {"default changed", "ALTER TABLE {s}.lines ALTER COLUMN status SET DEFAULT 'old'"},
      {"default dropped", "ALTER TABLE {s}.lines ALTER COLUMN status DROP DEFAULT"},
      {"column added", "ALTER TABLE {s}.lines ADD COLUMN extra int"},
      {"column dropped", "ALTER TABLE {s}.lines DROP COLUMN note"},
      {"nullability changed", "ALTER TABLE {s}.lines ALTER COLUMN note SET NOT NULL"},
      {"type changed", "ALTER TABLE {s}.lines ALTER COLUMN note TYPE varchar(20)"},
      {"identity dropped", "ALTER TABLE {s}.lines ALTER COLUMN id DROP IDENTITY"},
      {"foreign key dropped", "ALTER TABLE {s}.lines DROP CONSTRAINT lines_order_id_fkey"},
      {"table dropped", "DROP TABLE {s}.lines"},
      {"table added", "CREATE TABLE {s}.scratch (x int); INSERT INTO {s}.scratch VALUES (1)"},
      {"enum added", "CREATE TYPE {s}.mood AS ENUM ('ok')"},
  };
  for (const auto& change : changes) {
    CAPTURE(change.what);
    pgtest::fixture f;
    push_shop(f);
    bystanders around(f);
    write_rows(f);
    auto sql = change.sql;
    for (auto at = sql.find("{s}"); at != std::string::npos; at = sql.find("{s}"))
      sql.replace(at, 3, f.conn.quote_name(f.name));
    f.exec(sql);
    const auto r = db::reset(f.conn, shop(), around.options());
    CHECK(r.way == db::reset_way::recreated);
    CHECK(r.to_string().starts_with("Your database is now in sync with the models.\n"
                                    "The database was reset: its previous contents were dropped."));
    CHECK(db::plan(f.conn, shop(), around.options()).empty());
    CHECK(f.count("SELECT count(*) FROM pg_class WHERE relname IN ('scratch', 'lines_note')") == 0);
    check_emptied(f);
    around.check_untouched();
  }
}

TEST_CASE("postgres reset refuses, naming them, when unmanaged tables reference or inherit from managed ones") {
  struct dependent {
    std::string what;
    std::string sql;   // {s}: the managed schema, {o}: another schema
    std::string rows;  // a row of the dependent table
    std::string line;  // the line of the error naming it; {s} and {o} as above
  };
  const std::vector<dependent> dependents = {
      {"ignored table with a foreign key",
       "CREATE TABLE {s}.refs (account_id bigint CONSTRAINT refs_account REFERENCES {s}.accounts (id) "
       "ON DELETE CASCADE)",
       "INSERT INTO {s}.refs (account_id) VALUES (1)",
       "  - `accounts` is referenced by `refs` (in ignore_tables): foreign key `refs_account`"},
      {"another schema's table with a foreign key",
       "CREATE TABLE {o}.refs (account_id bigint CONSTRAINT refs_account REFERENCES {s}.accounts (id))",
       "INSERT INTO {o}.refs (account_id) VALUES (1)",
       "  - `accounts` is referenced by `{o}.refs` (another schema): foreign key `refs_account`"},
      {"another schema's table inheriting", "CREATE TABLE {o}.refs (extra int) INHERITS ({s}.tags)",
       "INSERT INTO {o}.refs (id, name, extra) VALUES (100, 'child', 1)",
       "  - `tags` is inherited by `{o}.refs` (another schema)"},
  };
  // In sync (the fast way would have to reach the table), or not (the long
  // way's DROP TABLE would): refused alike, before anything runs.
  for (const bool in_sync : {true, false}) {
    for (const auto& d : dependents) {
      CAPTURE(d.what);
      CAPTURE(in_sync);
      pgtest::fixture f;
      push_shop(f);
      const std::string other = f.name + "_dependent";
      f.exec("CREATE SCHEMA " + f.conn.quote_name(other));
      auto spelled = [&](std::string text, bool quoted) {
        const auto s = quoted ? f.conn.quote_name(f.name) : f.name;
        const auto o = quoted ? f.conn.quote_name(other) : other;
        for (auto at = text.find("{s}"); at != std::string::npos; at = text.find("{s}")) text.replace(at, 3, s);
        for (auto at = text.find("{o}"); at != std::string::npos; at = text.find("{o}")) text.replace(at, 3, o);
        return text;
      };
      write_rows(f);
      f.exec(spelled(d.sql, true));
      f.exec(spelled(d.rows, true));
      if (!in_sync) f.exec("CREATE INDEX lines_note ON " + f.q("lines") + " (note)");
      auto options = f.options();
      options.ignore_tables = {"refs"};
      const auto dependent_rows = [&] {
        return f.count(spelled("SELECT count(*) FROM " + std::string(d.sql.find("{s}.refs") == std::string::npos
                                                                         ? "{o}.refs" : "{s}.refs"), true));
      };
      const auto before = dependent_rows();
      f.sql.clear();
      std::string message;
      try {
        db::reset(f.conn, shop(), options);
      } catch (const db::integrity_error& e) {
        message = e.what();
      }
      CHECK(message == "dbpush: the reset cannot empty or drop the tables of schema \"" + f.name +
                           "\" that tables dbpush does not manage depend on; nothing was changed:\n" +
                           spelled(d.line, false) +
                           "\nDrop those foreign keys, inheritances or views (or the tables that hold them), or "
                           "let the models manage those tables, then reset again.");
      CHECK(f.sql.empty());
      CHECK(dependent_rows() == before);
      CHECK(f.count("SELECT count(*) FROM " + f.q("accounts")) == 2);
      CHECK(f.count("SELECT count(*) FROM pg_class WHERE relname = 'lines_note'") == (in_sync ? 0 : 1));
      f.exec("DROP SCHEMA " + f.conn.quote_name(other) + " CASCADE");
    }
  }
}

TEST_CASE("postgres reset empties tables that views use, and refuses to drop them") {
  for (const bool in_sync : {true, false}) {
    CAPTURE(in_sync);
    pgtest::fixture f;
    push_shop(f);
    const std::string other = f.name + "_views";
    f.exec("CREATE SCHEMA " + f.conn.quote_name(other));
    f.exec("CREATE VIEW " + f.conn.quote_name(other) + ".emails AS SELECT email FROM " + f.q("accounts"));
    write_rows(f);
    if (!in_sync) f.exec("CREATE INDEX lines_note ON " + f.q("lines") + " (note)");
    std::string message;
    db::reset_way way = db::reset_way::none;
    try {
      way = db::reset(f.conn, shop(), f.options()).way;
    } catch (const db::integrity_error& e) {
      message = e.what();
    }
    CHECK(way == (in_sync ? db::reset_way::emptied : db::reset_way::none));
    CHECK(f.count("SELECT count(*) FROM " + f.conn.quote_name(other) + ".emails") == (in_sync ? 0 : 2));
    if (in_sync) {
      CHECK(message.empty());
      check_emptied(f);
    } else {
      CHECK(message == "dbpush: the reset cannot empty or drop the tables of schema \"" + f.name +
                           "\" that tables dbpush does not manage depend on; nothing was changed:\n  - `accounts` is "
                           "used by view `" + other + ".emails` (another schema)\nDrop those foreign keys, "
                           "inheritances or views (or the tables that hold them), or let the models manage those "
                           "tables, then reset again.");
      CHECK(f.count("SELECT count(*) FROM " + f.q("accounts")) == 2);
    }
    f.exec("DROP SCHEMA " + f.conn.quote_name(other) + " CASCADE");
  }
}

TEST_CASE("postgres force_reset through push always takes the long way") {
  pgtest::fixture f;
  push_shop(f);
  write_rows(f);
  auto options = f.options();
  options.force_reset = true;
  CHECK(db::push(f.conn, shop(), options).way == db::reset_way::recreated);
  CHECK(db::push(f.conn, shop(), f.options()).way == db::reset_way::none);
  check_emptied(f);
}
