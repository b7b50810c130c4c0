// Issue 15.1: a push never queues traffic behind it for longer than its lock
// timeout. Sessions of the test hold locks on the table the push changes: the
// push times out, rolls back, retries, and succeeds once the lock is released,
// or gives up with db::lock_timeout_error naming the table and the sessions
// holding it, having changed nothing.
#include "pg_fixture.hpp"

#include <dbpush/postgres/session.hpp>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;
using namespace std::chrono_literals;

namespace {

db::schema items(bool with_label) {
  auto t = tbl("items", {id_col(), col("note", "text", true)});
  if (with_label) t.columns.push_back(col("label", "text", true));
  db::schema s;
  s.tables = {t};
  return s;
}

// How another session holds a lock on items: its open transaction ran this.
struct holder_kind {
  std::string what;
  std::string sql;
  std::string query_start;  // what the error shows of its query
};

std::vector<holder_kind> holders(pgtest::fixture& f) {
  const auto items = f.q("items");
  return {{"read the table", "SELECT count(*) FROM " + items, "SELECT count(*) FROM"},
          {"wrote the table", "INSERT INTO " + items + " (id) VALUES (100)", "INSERT INTO"},
          {"updated a row", "UPDATE " + items + " SET note = 'held' WHERE id = 1", "UPDATE"}};
}

// A session (application_name dbpush_lock_holder) whose transaction ran
// `sql`, and keeps its locks until release() or destruction.
class lock_holder {
 public:
  explicit lock_holder(const std::string& sql)
      : conn_(pgtest::conninfo() + " application_name=dbpush_lock_holder"), tx_(conn_) {
    tx_.exec(sql);
  }
  int pid() const { return conn_.backendpid(); }
  void release() { tx_.abort(); }
  // Releases the locks after `delay`, on a thread of its own.
  std::future<void> release_after(std::chrono::milliseconds delay) {
    return std::async(std::launch::async, [this, delay] {
      std::this_thread::sleep_for(delay);
      release();
    });
  }

 private:
  pqxx::connection conn_;
  pqxx::work tx_;
};

db::push_options waiting(pgtest::fixture& f, std::chrono::milliseconds timeout, int retries, int& alters) {
  auto options = f.options();
  options.postgres.lock_timeout = timeout;
  options.postgres.lock_retries = retries;
  options.postgres.retry_backoff = 50ms;
  options.on_sql = [&alters](const std::string& sql) {
    if (sql.rfind("ALTER TABLE", 0) == 0) ++alters;
  };
  return options;
}

void seed(pgtest::fixture& f) {
  f.push(items(false));
  f.exec("INSERT INTO " + f.q("items") + " (id, note) SELECT g, 'n' FROM generate_series(1, 50) g");
}

// Runs `check(holder, held)` once per kind of holder, on items seeded afresh,
// while a session of that kind holds its lock (released afterwards).
template <class Check>
void with_each_holder(pgtest::fixture& f, Check check) {
  for (const auto& holder : holders(f)) {
    CAPTURE(holder.what);
    seed(f);
    lock_holder held(holder.sql);
    check(holder, held);
    held.release();
    f.exec("DROP TABLE " + f.q("items"));
  }
}

}  // namespace

TEST_CASE("a push that cannot get its lock retries, then gives up naming the table and the sessions holding it") {
  pgtest::fixture f;
  with_each_holder(f, [&](const holder_kind& holder, lock_holder& held) {
    const auto before = f.live();
    int alters = 0;
    const auto start = std::chrono::steady_clock::now();
    try {
      db::push(f.conn, items(true), waiting(f, 150ms, 2, alters));
      FAIL("the push went through while another session held a lock on items");
    } catch (const db::lock_timeout_error& e) {
      const std::string what = e.what();
      CHECK_MESSAGE(what.find("gave up after 3 attempts") != std::string::npos, what);
      CHECK_MESSAGE(what.find("nothing was changed") != std::string::npos, what);
      CHECK_MESSAGE(what.find("(lock_timeout)") != std::string::npos, what);
      CHECK_MESSAGE(what.find("`items`") != std::string::npos, what);
      CHECK_MESSAGE(what.find("pid " + std::to_string(held.pid()) + " ") != std::string::npos, what);
      CHECK_MESSAGE(what.find("application `dbpush_lock_holder`") != std::string::npos, what);
      CHECK_MESSAGE(what.find("idle in transaction") != std::string::npos, what);
      CHECK_MESSAGE(what.find("its query: " + holder.query_start) != std::string::npos, what);
    }
    CHECK(alters == 3);
    CHECK(std::chrono::steady_clock::now() - start >= 3 * 150ms);
    held.release();
    CHECK(f.live() == before);
  });
}

TEST_CASE("a push that times out on a lock succeeds once the lock is released") {
  pgtest::fixture f;
  with_each_holder(f, [&](const holder_kind&, lock_holder& held) {
    auto release = held.release_after(500ms);
    int alters = 0;
    CHECK(db::push(f.conn, items(true), waiting(f, 100ms, 50, alters)).changed);
    release.get();
    CHECK(alters >= 2);  // at least one attempt timed out
    CHECK(f.live().find_table("items")->find_column("label") != nullptr);
  });
}

TEST_CASE("while a push waits for a lock, other sessions' queries wait at most its lock timeout") {
  pgtest::fixture f;
  with_each_holder(f, [&](const holder_kind&, lock_holder& held) {
    int alters = 0;
    auto options = waiting(f, 200ms, 100, alters);
    pqxx::connection pusher(pgtest::conninfo());
    auto pushed = std::async(std::launch::async, [&] { return db::push(pusher, items(true), options).changed; });
    // A reader in a third session queries items over and over while the push
    // tries; without a lock timeout each query would wait for the holder (3 s).
    pqxx::connection reader(pgtest::conninfo());
    auto longest = std::chrono::steady_clock::duration::zero();
    const auto end = std::chrono::steady_clock::now() + 3s;
    int queries = 0;
    while (std::chrono::steady_clock::now() < end) {
      const auto start = std::chrono::steady_clock::now();
      pqxx::nontransaction tx(reader);
      tx.exec("SELECT count(*) FROM " + f.q("items"));
      longest = std::max(longest, std::chrono::steady_clock::now() - start);
      ++queries;
      std::this_thread::sleep_for(20ms);
    }
    held.release();
    CHECK(pushed.get());
    CHECK(alters >= 2);
    CHECK(queries > 10);
    CHECK_MESSAGE(longest < 200ms + 1s,
                  "a reader waited " << std::chrono::duration_cast<std::chrono::milliseconds>(longest).count() << " ms");
  });
}

TEST_CASE("the lock timeout bounds table locks only, for the push's transaction only") {
  pgtest::fixture f;
  seed(f);
  // Another pusher of the schema (its advisory lock) is waited for, whatever the timeout.
  pqxx::connection other(pgtest::conninfo());
  pqxx::work other_push(other);
  other_push.exec(db::postgres::lock_statement(db::postgres::sql_names(other, f.name)));
  auto release = std::async(std::launch::async, [&other_push] {
    std::this_thread::sleep_for(600ms);
    other_push.abort();
  });
  int alters = 0;
  const auto start = std::chrono::steady_clock::now();
  CHECK(db::push(f.conn, items(true), waiting(f, 50ms, 0, alters)).changed);
  CHECK(std::chrono::steady_clock::now() - start >= 500ms);
  release.get();
  CHECK(alters == 1);
  pqxx::nontransaction tx(f.conn);
  CHECK(tx.exec1("SHOW lock_timeout")[0].as<std::string>() == "0");
}

TEST_CASE("a lock timeout of 0 waits as long as the lock is held") {
  pgtest::fixture f;
  seed(f);
  lock_holder held("SELECT count(*) FROM " + f.q("items"));
  auto release = held.release_after(700ms);
  int alters = 0;
  const auto start = std::chrono::steady_clock::now();
  CHECK(db::push(f.conn, items(true), waiting(f, 0ms, 0, alters)).changed);
  CHECK(std::chrono::steady_clock::now() - start >= 600ms);
  release.get();
  CHECK(alters == 1);
}

// libpqxx 6 raises 40P01 as pqxx::deadlock_detected, which is not a
// pqxx::sql_error: the error still names the SQLSTATE.
TEST_CASE("a deadlock is reported with its SQLSTATE") {
  pgtest::fixture f;
  f.exec("CREATE TABLE " + f.q("a") + " (id int)");
  f.exec("CREATE TABLE " + f.q("b") + " (id int)");
  pqxx::connection first(pgtest::conninfo()), second(pgtest::conninfo());
  pqxx::work one(first), two(second);
  one.exec("LOCK TABLE " + f.q("a"));
  two.exec("LOCK TABLE " + f.q("b"));
  auto report = [](pqxx::work& tx, const std::string& sql) {
    try {
      tx.exec(sql);
      return std::string();
    } catch (...) {
      try {
        db::postgres::rethrow_as_database_error("locking");
      } catch (const db::database_error& e) {
        return std::string(e.what());
      }
    }
  };
  auto waiting_one = std::async(std::launch::async, [&] { return report(one, "LOCK TABLE " + f.q("b")); });
  std::this_thread::sleep_for(100ms);
  const auto from_two = report(two, "LOCK TABLE " + f.q("a"));
  two.abort();
  const auto from_one = waiting_one.get();
  const auto reported = from_one.empty() ? from_two : from_one;
  CHECK_MESSAGE(reported.find("PostgreSQL error 40P01") != std::string::npos, reported);
}
