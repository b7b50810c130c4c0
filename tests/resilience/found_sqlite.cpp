// Engine bugs the resilience harnesses found on SQLite (docs/reliability.md,
// "Found by the resilience harnesses"), each as a small case named after it.
// They assert what dbpush must do, so they fail until the engine is fixed.
#include "resilience/foreign_sqlite.hpp"
#include "sqlite/fixture.hpp"

#include <chrono>
#include <functional>
#include <future>
#include <thread>
#include <tuple>

using namespace sqlite_test;
using namespace resilience;

namespace {

// A connection of its own that holds a read transaction (a SHARED lock in
// rollback-journal mode) from construction for `hold`, on a thread.
class reader_holding {
 public:
  reader_holding(const std::filesystem::path& path, std::chrono::milliseconds hold) {
    std::promise<void> reading;
    auto started = reading.get_future();
    thread_ = std::thread([path, hold, reading = std::move(reading)]() mutable {
      SQLite::Database reader(path.string(), SQLite::OPEN_READONLY);
      reader.exec("BEGIN");
      reader.execAndGet("SELECT count(*) FROM users");
      reading.set_value();
      std::this_thread::sleep_for(hold);
      reader.exec("COMMIT");
    });
    started.wait();
  }
  ~reader_holding() { thread_.join(); }

 private:
  std::thread thread_;
};

// Changes of blog() that commit in place (a column added) and by a redefinition.
std::vector<std::pair<std::string, db::schema>> blog_changes() {
  auto added = blog();
  added.tables[0].columns.push_back(col("bio", "TEXT", true));
  auto redefined = blog();  // users.name made required: its NULLs are filled
  redefined.tables[0].columns[2].nullable = false;
  redefined.tables[0].columns[2].default_sql = "''";
  return {{"a column added", added}, {"a table redefined", redefined}};
}

// push_options::busy_timeout, the option issue 12.3 asks for; FAIL while it
// does not exist (the name is this test's choice: change it here if the
// option is named otherwise).
template <class Options>
concept has_busy_timeout = requires(Options o) { o.busy_timeout = std::chrono::milliseconds(1); };

template <class Options = db::push_options>
Options waiting_at_most(std::chrono::milliseconds timeout) {
  Options options;
  if constexpr (has_busy_timeout<Options>) options.busy_timeout = timeout;
  else FAIL("db::push_options has no busy_timeout: how long a push waits for SQLite's locks cannot be configured");
  return options;
}

}  // namespace

// R1: in rollback-journal mode a push's COMMIT (and any write of a large
// redefinition that spills its cache) needs the EXCLUSIVE lock; another
// connection's momentary read lock (a reader, a second pusher's BEGIN
// IMMEDIATE attempt, a writer's statement) makes it fail at once with
// "database is locked" instead of waiting as BEGIN IMMEDIATE does.
TEST_CASE("a push waits for a reader to end before it commits, as it waits for a writer before it begins") {
  for (const auto& [change, target] : blog_changes()) {
    CAPTURE(change);
    seeded_blog t;
    reader_holding reader(t.path, std::chrono::milliseconds(300));
    try {
      db::push(t.conn, target);
    } catch (const db::error& e) {
      FAIL_CHECK("the push did not wait for the reader: " << std::string(e.what()));
    }
    auto canonical = target;
    db::sqlite::detail::canonicalise(canonical);
    db::normalise(canonical);
    CHECK(db::introspect(t.conn) == canonical);
  }
}

// R2: the wait for SQLite's locks is a fixed 10 s (sqlite/detail/session.ipp,
// lock_wait), and only before BEGIN IMMEDIATE.
TEST_CASE("push_options sets how long a push waits for the database, then it fails saying it is locked") {
  for (const auto& [change, target] : blog_changes()) {
    CAPTURE(change);
    seeded_blog t;
    SQLite::Database writer(t.path.string(), SQLite::OPEN_READWRITE);
    writer.exec("BEGIN IMMEDIATE");
    const auto before = dump(t.conn);
    const auto start = std::chrono::steady_clock::now();
    try {
      db::push(t.conn, target, waiting_at_most(std::chrono::milliseconds(400)));
      FAIL("pushed while another connection held the write lock");
    } catch (const db::database_error& e) {
      CHECK(std::string(e.what()).find("is locked") != std::string::npos);
    }
    const auto waited = std::chrono::steady_clock::now() - start;
    CHECK(waited >= std::chrono::milliseconds(400));
    CHECK(waited < std::chrono::seconds(5));
    writer.exec("ROLLBACK");
    CHECK(dump(t.conn) == before);
    // A lock released within the timeout only delays the push.
    reader_holding reader(t.path, std::chrono::milliseconds(200));
    CHECK(db::push(t.conn, target, waiting_at_most(std::chrono::seconds(5))).changed);
  }
}

// R3: describe_cause (sqlite/detail/session.ipp) calls every SQLITE_BUSY
// "another connection holds a write lock", also when a reader holds the lock.
TEST_CASE("a push held up by a reader does not say a writer holds the database") {
  seeded_blog t;
  auto target = blog();
  target.tables[0].columns.push_back(col("bio", "TEXT", true));
  SQLite::Database reader(t.path.string(), SQLite::OPEN_READONLY);
  reader.exec("BEGIN");
  reader.execAndGet("SELECT count(*) FROM users");
  db::push_options options;
  if constexpr (has_busy_timeout<db::push_options>) options = waiting_at_most(std::chrono::milliseconds(300));
  try {
    db::push(t.conn, target, options);
    FAIL("pushed while a reader held the database");
  } catch (const db::database_error& e) {
    const std::string what = e.what();
    CHECK(what.find("is locked") != std::string::npos);
    CHECK_MESSAGE(what.find("write lock") == std::string::npos, what);
  }
  reader.exec("COMMIT");
}

// R4: the redefinition renames its new table with legacy_alter_table ON (so
// that views naming the table survive the moment it is gone), which also
// skips SQLite's check that every view and trigger still parses; DROP TABLE
// and an in-place DROP COLUMN of another table do not check triggers on other
// tables either; and session::verify (sqlite/detail/session.ipp) checks only
// foreign keys. The view or trigger is left naming what is gone and fails
// when next used.
TEST_CASE("a change that would break a view or a trigger is refused, naming it") {
  const std::vector<std::tuple<std::string, std::string, std::function<void(db::schema&)>>> changes = {
      {"a column the view uses dropped in a redefinition", "named_users",
       [](db::schema& s) {
         auto& users = table_named(s, "users");
         users.columns.pop_back();
         users.columns[1].default_sql = "''";
       }},
      {"the table the view and the trigger use dropped", "named_users",
       [](db::schema& s) { std::erase_if(s.tables, [](const db::table& t) { return t.name == "users"; }); }},
      {"a table a trigger writes to dropped", "users_renamed",
       [](db::schema& s) { std::erase_if(s.tables, [](const db::table& t) { return t.name == "audit"; }); }},
      {"a column a trigger writes to dropped in place", "users_renamed",
       [](db::schema& s) { table_named(s, "audit").columns.pop_back(); }},
  };
  for (const auto& [change, object, edit] : changes) {
    CAPTURE(change);
    temp_db t;
    make_foreign_database(t.conn);
    auto target = foreign_modelled();
    edit(target);
    const auto what = refused_push(t, target);
    CHECK_MESSAGE(what.value_or("").find(object) != std::string::npos, what.value_or(""));
  }
}

// R5: introspection leaves expression indexes out (db::index cannot describe
// them, sqlite/detail/introspect.ipp read_indexes), so a redefinition, which
// drops the old table with its indexes and creates the target's
// (render.ipp, redefine), loses them without a word; docs/sqlite.md states it
// as a limit, issue 12.4 forbids it. Keep them (their CREATE INDEX text is in
// sqlite_schema, as the triggers' is) or refuse.
TEST_CASE("a redefinition keeps the expression indexes of the table, or refuses naming them") {
  for (const auto& index_sql : {std::string("CREATE INDEX users_email_lower ON users (lower(email))"),
                                std::string("CREATE UNIQUE INDEX users_email_lower ON users (lower(email)) WHERE name IS NOT NULL")}) {
    CAPTURE(index_sql);
    temp_db t;
    t.conn.exec("CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, email TEXT NOT NULL, name TEXT)");
    t.conn.exec(index_sql);
    t.conn.exec("INSERT INTO users VALUES (1, 'Ada@x', 'Ada')");
    auto target = sch({tbl("users", {col("id", "INTEGER"), col("email", "TEXT", false, "''"),
                                             col("name", "TEXT", true)})});
    try {
      db::push(t.conn, target);
      CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'users_email_lower'") == 1);
    } catch (const db::error& e) {
      CHECK_MESSAGE(std::string(e.what()).find("users_email_lower") != std::string::npos, std::string(e.what()));
    }
  }
}

// R6: describe_cause (sqlite/detail/session.ipp) reads only the primary
// result code: SQLITE_READONLY_DBMOVED (the file was deleted or moved since
// the connection opened it, e.g. its directory removed) is worded as a file
// or directory without write access.
TEST_CASE("a push into a database file deleted under its connection says the file was deleted or moved") {
  temp_db t;
  auto changed = blog();
  changed.tables[0].columns.push_back(col("bio", "TEXT", true));
  push_checked(t, blog());
  std::filesystem::remove_all(t.dir);
  try {
    db::push(t.conn, changed);
    FAIL("pushed into a database whose file is gone");
  } catch (const db::database_error& e) {
    const std::string what = e.what();
    CHECK_MESSAGE((what.find("deleted") != std::string::npos || what.find("moved") != std::string::npos), what);
  }
}
