// Issue 15.2: each statement of a PostgreSQL plan says the lock it takes, whether
// it rewrites or scans its table, and the table's estimated size; a push can
// refuse, before anything runs, to rewrite or scan a table above a size.
// The announcements are checked against the server's own facts: each statement
// runs in a transaction of its own, after the statements before it, while
// another session reads pg_locks, and pg_class.relfilenode tells whether it
// wrote the table anew.
#include "pg_fixture.hpp"
#include "pg_support.hpp"

#include <dbpush/postgres/detail/hazards.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

using pgtest::col;
using pgtest::fk;
using pgtest::id_col;
using pgtest::sch;
using pgtest::tbl;
using pgtest::unique_index;
using pgtest::plain_index;
using pgtest::with;

namespace {

constexpr int item_rows = 2000;

db::table parents() { return tbl("parents", {id_col()}); }

db::table items() {
  auto status = col("status", "mood", true);
  status.enum_type = "mood";
  return tbl("items", {id_col(), col("qty", "integer"), col("note", "text", true), col("code", "varchar(10)", true),
                       col("price", "numeric(10,2)", true), col("parent_id", "bigint", true), status});
}

db::schema shop(db::table items_table, std::vector<std::string> moods = {"ok", "bad"}) {
  return sch({parents(), std::move(items_table)}, {pgtest::enm("mood", std::move(moods))});
}

db::column& column_of(db::table& t, const std::string& name) {
  for (auto& c : t.columns)
    if (c.name == name) return c;
  throw std::runtime_error("no column " + name);
}

// `items` with column `name` changed by `change`.
template <class Change>
db::schema shop_with(const std::string& name, Change change) {
  auto t = items();
  change(column_of(t, name));
  return shop(t);
}

// The shop pushed and filled: 10 parents, item_rows items, all analyzed.
void seed(pgtest::fixture& f, const db::schema& base) {
  f.push(base);
  f.exec("INSERT INTO " + f.q("parents") + " (id) SELECT g FROM generate_series(1, 10) g");
  f.exec("INSERT INTO " + f.q("items") +
         " (id, qty, note, code, price, parent_id, status) SELECT g, g, 'n' || g, 'c' || (g % 100), g / 7.0, "
         "g % 10 + 1, 'ok' FROM generate_series(1, " + std::to_string(item_rows) + ") g");
  f.exec("ANALYZE " + f.q("parents"));
  f.exec("ANALYZE " + f.q("items"));
}

// pg_locks' mode names, as table_lock names them.
std::optional<db::table_lock> lock_of_mode(const std::string& mode) {
  static const std::map<std::string, db::table_lock> modes{
      {"AccessShareLock", db::table_lock::access_share},
      {"RowShareLock", db::table_lock::row_share},
      {"RowExclusiveLock", db::table_lock::row_exclusive},
      {"ShareUpdateExclusiveLock", db::table_lock::share_update_exclusive},
      {"ShareLock", db::table_lock::share},
      {"ShareRowExclusiveLock", db::table_lock::share_row_exclusive},
      {"ExclusiveLock", db::table_lock::exclusive},
      {"AccessExclusiveLock", db::table_lock::access_exclusive}};
  const auto found = modes.find(mode);
  if (found == modes.end()) return std::nullopt;
  return found->second;
}

bool outside_transaction(const db::statement& st) {
  return st.phase == db::statement_phase::after_commit_outside_transaction;
}

// What the server shows of a statement run after the statements before it.
struct observed {
  bool rewritten = false;                  // the table has a new relfilenode
  db::table_lock lock_before = db::table_lock::none;  // strongest lock the earlier statements took
  db::table_lock lock_after = db::table_lock::none;   // … and with this one
  db::table_lock referenced_before = db::table_lock::none, referenced_after = db::table_lock::none;
};

class observer {
 public:
  explicit observer(pgtest::fixture& f) : f_(f), watcher_(pgtest::conninfo()) {}

  // Runs statements[0..at] in a transaction of its own (rolled back) and reads
  // what statements[at] did to its table, or nothing when its table did not
  // exist before the plan.
  std::optional<observed> run(const std::vector<db::statement>& statements, std::size_t at) {
    pqxx::connection conn(pgtest::conninfo());
    pqxx::work tx(conn);
    // CREATE INDEX CONCURRENTLY cannot run in a transaction; the statements
    // after it do not depend on the index.
    for (std::size_t i = 0; i < at; ++i)
      if (!outside_transaction(statements[i])) tx.exec(statements[i].sql);
    const auto& st = statements[at];
    const auto files_before = filenodes(tx);
    const auto locks_before = locks(conn.backendpid());
    const auto before = oid_of(tx, st.table);  // none when the statement creates or renames it
    tx.exec(st.sql);
    const auto after = oid_of(tx, st.table);   // none when the statement drops it
    const auto table = after ? after : before;
    if (!table || !files_before.count(*table)) return std::nullopt;
    const auto locks_after = locks(conn.backendpid());
    const auto files_after = filenodes(tx);
    observed out;
    out.rewritten = files_after.count(*table) && files_after.at(*table) != files_before.at(*table);
    out.lock_before = strongest(locks_before, *table);
    out.lock_after = strongest(locks_after, *table);
    if (!st.hazard.referenced_table.empty())
      if (const auto referenced = oid_of(tx, st.hazard.referenced_table)) {
        out.referenced_before = strongest(locks_before, *referenced);
        out.referenced_after = strongest(locks_after, *referenced);
      }
    tx.abort();
    return out;
  }

 private:
  std::optional<std::string> oid_of(pqxx::work& tx, const std::string& table) {
    const auto r = tx.exec_params("SELECT c.oid::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                  "WHERE n.nspname = $1 AND c.relname = $2",
                                  f_.name, table);
    if (r.empty()) return std::nullopt;
    return r[0][0].as<std::string>();
  }
  std::map<std::string, std::string> filenodes(pqxx::work& tx) {
    std::map<std::string, std::string> out;
    for (const auto& r : tx.exec_params("SELECT c.oid::text, c.relfilenode::text FROM pg_class c JOIN pg_namespace n "
                                        "ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
                                        f_.name))
      out[r[0].as<std::string>()] = r[1].as<std::string>();
    return out;
  }
  // (relation oid, mode) of every lock a session holds, read from another session.
  std::set<std::pair<std::string, std::string>> locks(int pid) {
    pqxx::nontransaction tx(watcher_);
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& r : tx.exec("SELECT relation::text, mode FROM pg_locks WHERE granted AND locktype = 'relation' "
                                 "AND pid = " + std::to_string(pid)))
      out.insert({r[0].as<std::string>(), r[1].as<std::string>()});
    return out;
  }
  static db::table_lock strongest(const std::set<std::pair<std::string, std::string>>& held, const std::string& table) {
    auto out = db::table_lock::none;
    for (const auto& [relation, mode] : held) {
      if (relation != table) continue;
      const auto lock = lock_of_mode(mode);
      REQUIRE_MESSAGE(lock, "a lock mode table_lock does not name: " << mode);
      if (*lock > out) out = *lock;
    }
    return out;
  }

  pgtest::fixture& f_;
  pqxx::connection watcher_;
};

// Every statement's announced rewrite matches relfilenode; its announced lock
// is the strongest it adds where the earlier statements had not taken one as
// strong. Returns how many statements were checked against the server.
int check_against_catalog(pgtest::fixture& f, const std::vector<db::statement>& statements) {
  observer watch(f);
  int checked = 0;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& st = statements[i];
    CAPTURE(st.sql);
    if (outside_transaction(st)) continue;  // its hazard is checked against the expected one alone
    const auto seen = watch.run(statements, i);
    if (!seen) {
      // A table the plan creates: nothing live is touched.
      CHECK(st.hazard.lock == db::table_lock::none);
      CHECK(st.hazard.work == db::table_work::none);
      continue;
    }
    ++checked;
    CHECK(seen->rewritten == (st.hazard.work == db::table_work::rewrite));
    if (seen->lock_before < st.hazard.lock || st.hazard.lock == db::table_lock::none)
      CHECK(db::to_string(std::max(seen->lock_after, seen->lock_before)) ==
            db::to_string(std::max(st.hazard.lock, seen->lock_before)));
    if (seen->referenced_before < st.hazard.referenced_lock)
      CHECK(db::to_string(seen->referenced_after) == db::to_string(st.hazard.referenced_lock));
  }
  return checked;
}

struct step_case {
  std::string name;
  db::schema base;
  db::schema target;
  std::string statement;  // a part of the SQL of the statement the case is about
  db::table_lock lock;
  db::table_work work;
  std::string referenced_table = {};
  db::table_lock referenced_lock = db::table_lock::none;
  bool online = false;  // push_options::postgres.online
};

std::vector<step_case> step_cases() {
  using db::table_lock;
  using db::table_work;
  const auto base = shop(items());
  auto with_column = [](db::column c) {
    auto t = items();
    t.columns.push_back(std::move(c));
    return shop(t);
  };
  auto retyped = [](const std::string& column, const std::string& type) {
    return shop_with(column, [&](db::column& c) { c.type = type; });
  };
  auto linked = [] {
    auto t = items();
    t.foreign_keys = {fk({"parent_id"}, "parents")};
    return shop(t);
  };
  auto renamed_table = [] {
    auto t = items();
    t.name = "goods";
    t.renamed_from = "items";
    return shop(t);
  };
  auto renamed_column = shop_with("note", [](db::column& c) {
    c.name = "remark";
    c.renamed_from = "note";
  });
  const auto ae = table_lock::access_exclusive;
  return {
      {"add a nullable column", base, with_column(col("label", "text", true)), "ADD COLUMN", ae, table_work::none},
      {"add a column with a constant default", base, with_column(col("rank", "integer", false, "0")), "ADD COLUMN",
       ae, table_work::none},
      {"add a column with a stable default", base, with_column(col("seen", "timestamptz", false, "now()")),
       "ADD COLUMN", ae, table_work::none},
      {"add a column with a volatile default", base, with_column(col("token", "uuid", false, "gen_random_uuid()")),
       "ADD COLUMN", ae, table_work::rewrite},
      {"add a column with a volatile expression", base,
       with_column(col("luck", "double precision", false, "random() * 10")), "ADD COLUMN", ae, table_work::rewrite},
      {"add an identity column", base,
       [&] {
         auto c = col("serial_no", "bigint");
         c.autoincrement = true;
         return with_column(c);
       }(),
       "ADD COLUMN", ae, table_work::rewrite},
      {"drop a column", base, shop(tbl("items", {id_col(), col("qty", "integer"), col("note", "text", true),
                                                 col("code", "varchar(10)", true), col("price", "numeric(10,2)", true),
                                                 col("parent_id", "bigint", true)})),
       "DROP COLUMN", ae, table_work::none},
      {"retype integer to bigint", base, retyped("qty", "bigint"), "TYPE bigint", ae, table_work::rewrite},
      {"retype integer to text", base, retyped("qty", "text"), "TYPE text", ae, table_work::rewrite},
      {"retype text to character varying", base, retyped("note", "varchar"), "TYPE character varying", ae,
       table_work::none},
      {"retype text to character varying(20)", base, retyped("note", "varchar(20)"), "TYPE character varying(20)",
       ae, table_work::rewrite},
      {"retype varchar(10) to varchar(20)", base, retyped("code", "varchar(20)"), "TYPE character varying(20)", ae,
       table_work::none},
      {"retype varchar(10) to varchar(5)", base, retyped("code", "varchar(5)"), "TYPE character varying(5)", ae,
       table_work::rewrite},
      {"retype varchar(10) to text", base, retyped("code", "text"), "TYPE text", ae, table_work::none},
      {"retype varchar(10) to character(10)", base, retyped("code", "char(10)"), "TYPE character(10)", ae,
       table_work::rewrite},
      {"widen numeric(10,2) to numeric(12,2)", base, retyped("price", "numeric(12,2)"), "TYPE numeric(12,2)", ae,
       table_work::none},
      {"retype numeric(10,2) to numeric", base, retyped("price", "numeric"), "TYPE numeric", ae, table_work::none},
      {"rescale numeric(10,2) to numeric(12,3)", base, retyped("price", "numeric(12,3)"), "TYPE numeric(12,3)", ae,
       table_work::rewrite},
      {"retype an enum column to text", base, shop_with("status", [](db::column& c) {
         c.type = "text";
         c.enum_type.reset();
       }),
       "TYPE text", ae, table_work::rewrite},
      {"set NOT NULL", base, shop_with("note", [](db::column& c) { c.nullable = false; }), "SET NOT NULL", ae,
       table_work::scan},
      {"drop NOT NULL", base, shop_with("qty", [](db::column& c) { c.nullable = true; }), "DROP NOT NULL", ae,
       table_work::none},
      {"set a default", base, shop_with("qty", [](db::column& c) { c.default_sql = "7"; }), "SET DEFAULT", ae,
       table_work::none},
      {"add a unique index", base, shop(with(items(), {unique_index({"note"})})), "CREATE UNIQUE INDEX",
       table_lock::share, table_work::scan},
      {"add an index", base, shop(with(items(), {plain_index({"code"})})), "CREATE INDEX", table_lock::share,
       table_work::scan},
      {"add a foreign key", base, linked(), "FOREIGN KEY", table_lock::share_row_exclusive, table_work::scan,
       "parents", table_lock::share_row_exclusive},
      {"drop a foreign key", linked(), base, "DROP CONSTRAINT", ae, table_work::none, "parents", ae},
      {"add an enum value", base, shop(items(), {"ok", "bad", "meh"}), "ADD VALUE", table_lock::none,
       table_work::none},
      {"rename a column", base, renamed_column, "RENAME COLUMN", ae, table_work::none},
      {"rename a table", base, renamed_table(), "RENAME TO", ae, table_work::none},
      {"drop a table", base, sch({parents()}, {pgtest::enm("mood", {"ok", "bad"})}), "DROP TABLE", ae,
       table_work::none},
      // Online mode (postgres.online): the statements it writes instead.
      {"online: add an index", base, shop(with(items(), {plain_index({"code"})})), "CREATE INDEX CONCURRENTLY",
       table_lock::share_update_exclusive, table_work::scan, "", table_lock::none, true},
      {"online: add a unique index", base, shop(with(items(), {unique_index({"note"})})),
       "CREATE UNIQUE INDEX CONCURRENTLY", table_lock::share_update_exclusive, table_work::scan, "", table_lock::none,
       true},
      {"online: add a foreign key NOT VALID", base, linked(), "NOT VALID", table_lock::share_row_exclusive,
       table_work::none, "parents", table_lock::share_row_exclusive, true},
      {"online: validate the foreign key", base, linked(), "VALIDATE CONSTRAINT",
       table_lock::share_update_exclusive, table_work::scan, "parents", table_lock::row_share, true},
      {"online: add the NOT NULL helper NOT VALID", base,
       shop_with("note", [](db::column& c) { c.nullable = false; }), "IS NOT NULL) NOT VALID", ae, table_work::none,
       "", table_lock::none, true},
      {"online: validate the NOT NULL helper", base, shop_with("note", [](db::column& c) { c.nullable = false; }),
       "VALIDATE CONSTRAINT", table_lock::share_update_exclusive, table_work::scan, "", table_lock::none, true},
      {"online: SET NOT NULL proven by the validated helper", base,
       shop_with("note", [](db::column& c) { c.nullable = false; }), "SET NOT NULL", ae, table_work::none, "",
       table_lock::none, true},
      {"create a table", base,
       [&] {
         auto s = base;
         s.tables.push_back(tbl("extras", {id_col(), col("label", "text", true)}));
         return s;
       }(),
       "CREATE TABLE", table_lock::none, table_work::none},
  };
}

// The first statement whose SQL contains `part`.
const db::statement& statement_with(const std::vector<db::statement>& statements, const std::string& part) {
  for (const auto& st : statements)
    if (st.sql.find(part) != std::string::npos) return st;
  FAIL("no statement contains " << part);
  throw std::logic_error("unreachable");
}

struct catalog_size {
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
};

catalog_size size_of(pgtest::fixture& f, const std::string& table) {
  pqxx::nontransaction tx(f.conn);
  const auto r = tx.exec1("SELECT reltuples::bigint, pg_total_relation_size(oid) FROM pg_class WHERE oid = " +
                          tx.quote(f.q(table)) + "::regclass");
  return {r[0].as<std::int64_t>(), r[1].as<std::int64_t>()};
}

}  // namespace

TEST_CASE("each kind of step announces the lock, rewrite or scan the server does, and the table's size") {
  for (const auto& c : step_cases()) {
    CAPTURE(c.name);
    pgtest::fixture f;
    seed(f, c.base);
    const auto items_size = size_of(f, "items");
    REQUIRE(items_size.rows == item_rows);
    auto options = f.options(true);
    options.postgres.online = c.online;
    const auto plan = db::plan(f.conn, c.target, options);
    REQUIRE_FALSE(plan.statements.empty());
    const auto& st = statement_with(plan.statements, c.statement);
    CAPTURE(st.sql);
    CHECK(db::to_string(st.hazard.lock) == db::to_string(c.lock));
    CHECK(st.hazard.work == c.work);
    CHECK(st.hazard.referenced_table == c.referenced_table);
    CHECK(db::to_string(st.hazard.referenced_lock) == db::to_string(c.referenced_lock));
    if (st.hazard.lock != db::table_lock::none || st.hazard.work != db::table_work::none) {
      // A statement on items (under its new name, once renamed) carries items' size.
      CHECK(st.hazard.rows == items_size.rows);
      CHECK(st.hazard.bytes == items_size.bytes);
    } else {
      CHECK_FALSE(st.hazard.rows);
      CHECK_FALSE(st.hazard.bytes);
    }
    CHECK(check_against_catalog(f, plan.statements) >=
          (c.lock == db::table_lock::none || outside_transaction(st) ? 0 : 1));
    // The plan printed says it under the statement.
    const auto hazard = db::describe(st.hazard, st.table);
    if (!hazard.empty()) CHECK_MESSAGE(plan.to_string().find(st.sql + ";\n    -- " + hazard) != std::string::npos, plan);
  }
}

TEST_CASE("the printed plan and result say what each statement does to its table") {
  pgtest::fixture f;
  seed(f, shop(items()));
  const auto size = size_of(f, "items");
  REQUIRE(size.bytes >= 10 * 1024);
  REQUIRE(size.bytes < 10 * 1024 * 1024);
  const std::string kb = std::to_string(size.bytes / 1024) + " kB";
  auto target = shop_with("qty", [](db::column& c) { c.type = "bigint"; });
  target.tables[1].columns.push_back(col("label", "text", true));
  const auto plan = db::plan(f.conn, target, f.options());
  const auto printed = plan.to_string();
  CHECK_MESSAGE(printed.find("ALTER TABLE " + f.q("items") +
                             " ALTER COLUMN \"qty\" TYPE bigint USING \"qty\"::bigint;\n    -- takes ACCESS EXCLUSIVE "
                             "on `items`, rewrites it (about 2000 rows, " + kb + ")") != std::string::npos,
                printed);
  CHECK_MESSAGE(printed.find("ADD COLUMN \"label\" text;\n    -- takes ACCESS EXCLUSIVE on `items`, changes the "
                             "catalog only (about 2000 rows, " + kb + ")") != std::string::npos,
                printed);
  const auto result = db::apply(f.conn, plan, f.options());
  CHECK(result.statements == plan.statements);
  CHECK_MESSAGE(result.to_string().find("Tables rewritten or scanned:\n\n  - takes ACCESS EXCLUSIVE on `items`, "
                                        "rewrites it (about 2000 rows, " + kb + "): ALTER TABLE") != std::string::npos,
                result.to_string());
  // Pushed directly, the result carries the same facts.
  f.push(shop(items()), true);
  const auto pushed = f.push(target);
  CHECK(statement_with(pushed.statements, "TYPE bigint").hazard.work == db::table_work::rewrite);
}

TEST_CASE("a table never analyzed has no row estimate, only its size on disk") {
  pgtest::fixture f;
  f.push(shop(items()));
  const auto plan = db::plan(f.conn, shop_with("qty", [](db::column& c) { c.type = "bigint"; }), f.options());
  const auto& st = statement_with(plan.statements, "TYPE bigint");
  CHECK_FALSE(st.hazard.rows);
  CHECK(st.hazard.bytes == size_of(f, "items").bytes);
  CHECK(db::describe(st.hazard, st.table).find("row count unknown (never analyzed)") != std::string::npos);
}

TEST_CASE("sizes are read once for a push with steps, never for a no-op push") {
  pgtest::fixture f;
  const auto base = shop(items());
  seed(f, base);
  {
    dbpush_bench::pg_statement_counter sent(f.conn);
    CHECK_FALSE(f.push(base).changed);
    // BEGIN, the lock, 3 catalog queries, ROLLBACK: as before sizes were read.
    CHECK(sent.count() == 6);
    CHECK(sent.count("pg_total_relation_size") == 0);
  }
  {
    dbpush_bench::pg_statement_counter sent(f.conn);
    auto target = base;
    target.tables[1].columns.push_back(col("label", "text", true));
    target.tables[0].columns.push_back(col("label", "text", true));
    CHECK(f.push(target).changed);
    CHECK(sent.count("pg_total_relation_size") == 1);
  }
}

namespace {

db::push_options limited(pgtest::fixture& f, std::optional<std::int64_t> rows, std::optional<std::int64_t> bytes) {
  auto options = f.options(true);
  options.postgres.max_scanned_rows = rows;
  options.postgres.max_scanned_bytes = bytes;
  return options;
}

}  // namespace

TEST_CASE("a push that would rewrite or scan a table above the size limit is refused before anything runs") {
  pgtest::fixture f;
  seed(f, shop(items()));
  const auto size = size_of(f, "items");
  const std::string kb = std::to_string(size.bytes / 1024) + " kB";
  const auto widened = shop_with("qty", [](db::column& c) { c.type = "bigint"; });
  const std::string alter = "ALTER TABLE " + f.q("items") + " ALTER COLUMN \"qty\" TYPE bigint USING \"qty\"::bigint";
  const std::string advice =
      "\nRun it when the table may be locked that long, and pass a larger push_options::postgres.max_scanned_rows / "
      "max_scanned_bytes (or leave them unset) to allow it.";
  const std::string heading =
      "dbpush: this push rewrites or scans tables larger than push_options::postgres allows; nothing was changed:";

  struct limit_case {
    std::string name;
    std::optional<std::int64_t> rows, bytes;
    std::string over;  // "" when the push goes through
  };
  const std::vector<limit_case> cases{
      {"rows above the row limit", 1999, std::nullopt, "max_scanned_rows (now 1999)"},
      {"bytes above the byte limit", std::nullopt, size.bytes - 1,
       "max_scanned_bytes (now " + std::to_string(size.bytes - 1) + ")"},
      {"both above", 10, 10, "max_scanned_rows (now 10) and max_scanned_bytes (now 10)"},
      {"at the row limit", 2000, std::nullopt, ""},
      {"at the byte limit", std::nullopt, size.bytes, ""},
      {"no limit", std::nullopt, std::nullopt, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto before = f.dump();
    const auto options = limited(f, c.rows, c.bytes);
    if (c.over.empty()) {
      CHECK(db::push(f.conn, widened, options).changed);
      f.push(shop(items()), true);  // back to integer for the next case
      f.exec("ANALYZE " + f.q("items"));
      continue;
    }
    try {
      f.sql.clear();
      db::push(f.conn, widened, options);
      FAIL("the push was not refused");
    } catch (const db::table_size_error& e) {
      CHECK(std::string(e.what()) == heading + "\n  - rewrites `items` (about 2000 rows, " + kb + "), above " +
                                         c.over + ", in `" + alter + "`" + advice);
    }
    CHECK(f.sql.empty());  // no statement of the push ran
    CHECK(f.dump() == before);
    // A plan is made all the same (it shows the sizes); applying it is refused alike.
    const auto plan = db::plan(f.conn, widened, options);
    CHECK_THROWS_AS(db::apply(f.conn, plan, options), db::table_size_error);
    CHECK(f.dump() == before);
  }
}

TEST_CASE("the size limit lets through steps that neither rewrite nor scan, and tables under it") {
  pgtest::fixture f;
  seed(f, shop(items()));
  // Adding a nullable column and an enum value changes only the catalog.
  auto target = shop(items(), {"ok", "bad", "meh"});
  target.tables[1].columns.push_back(col("label", "text", true));
  CHECK(db::push(f.conn, target, limited(f, 0, 0)).changed);
  // An index on the small parents table is under the limit; on items it is not.
  target.tables[0].indexes = {plain_index({"id"}, "parents_by_id")};
  CHECK(db::push(f.conn, target, limited(f, 100, std::nullopt)).changed);
  target.tables[1].indexes = {plain_index({"qty"})};
  CHECK_THROWS_AS(db::push(f.conn, target, limited(f, 100, std::nullopt)), db::table_size_error);
  CHECK(f.live().find_table("items")->indexes.empty());
}

TEST_CASE("a default counts as volatile when it calls a function not known to be stable or immutable") {
  using db::postgres::detail::calls_volatile_function;
  struct spelling {
    std::string sql;
    bool is_volatile;
  };
  const std::vector<spelling> spellings{
      {"0", false},
      {"'a(b)'::text", false},  // a parenthesis inside a literal is no call
      {"now()", false},
      {"CURRENT_TIMESTAMP", false},
      {"(now() + '1 day'::interval)", false},
      {"'x'::character varying(10)", false},  // a type modifier is no call
      {"'1.5'::numeric(10,2)", false},
      {"lower('A'::text)", false},
      {"COALESCE(NULL::integer, 1)", false},
      {"gen_random_uuid()", true},
      {"nextval('items_id_seq'::regclass)", true},
      {"(random() * (10)::double precision)", true},
      {"clock_timestamp()", true},
      {"my_function()", true},  // made with CREATE FUNCTION: volatile unless declared otherwise
      {"\"My Function\"()", true},
      {"lower(my_function())", true},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.sql);
    CHECK(calls_volatile_function(s.sql) == s.is_volatile);
  }
}
