// Engine bugs the resilience harnesses found on PostgreSQL (docs/reliability.md,
// "Found by the resilience harnesses"), each as a small case named after it.
// They assert what dbpush must do, so they fail until the engine is fixed.
#include "postgres/pg_fixture.hpp"
#include "resilience/postgres_support.hpp"

#include <chrono>
#include <functional>
#include <future>
#include <thread>

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

// p(id) and c(id, p_id -> p); version 2 adds a column to each, so the push
// runs ALTER TABLE p, then ALTER TABLE c.
db::schema parent_and_child(bool v2) {
  auto p = tbl("p", {id_col()});
  auto c = tbl("c", {id_col(), col("p_id", "bigint", true)});
  c.foreign_keys.push_back({"", {"p_id"}, "p", {"id"}, {}, {}});
  if (v2) {
    p.columns.push_back(col("note", "text", true));
    c.columns.push_back(col("note", "text", true));
  }
  db::schema s;
  s.tables = {p, c};
  return s;
}

// Whether backend `pid` waits for a lock.
bool waits_for_lock(pqxx::connection_base& conn, int pid) {
  pqxx::nontransaction tx(conn);
  return tx.exec1("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid = " +
                  std::to_string(pid))[0]
             .as<int>() == 1;
}

}  // namespace

// P1: after a restart libpqxx 6 reports the closed connection as a
// pqxx::sql_error with no SQLSTATE, which rethrow_as_database_error
// (postgres/detail/session.ipp) words "PostgreSQL error  while running ...":
// the message does not say the connection was lost.
TEST_CASE("a push whose server restarts or whose backend is terminated says the connection was lost") {
  resilience::own_cluster cluster;
  pqxx::connection admin(cluster.conninfo());
  const std::vector<std::pair<std::string, std::function<void(int backend)>>> cuts = {
      {"server restarted", [&](int) { cluster.restart(); }},
      {"backend terminated",
       [&](int backend) {
         pqxx::connection other(cluster.conninfo());
         resilience::terminate_backend(other, std::to_string(backend));
       }},
  };
  for (const auto& [what, cut] : cuts) {
    CAPTURE(what);
    pqxx::connection setup(cluster.conninfo());
    db::push_options options;
    options.postgres.schema = "cut";
    db::reset(setup, parent_and_child(false), options);
    pqxx::connection conn(cluster.conninfo());
    int statements = 0;
    options.on_sql = [&](const std::string&) {
      if (statements++ == 1) cut(conn.backendpid());
    };
    try {
      db::push(conn, parent_and_child(true), options);
      FAIL("the push went through");
    } catch (const db::database_error& e) {
      CHECK_MESSAGE(std::string(e.what()).find("connection lost") != std::string::npos, std::string(e.what()));
    }
  }
}

// P2: the push takes each table's lock with the statement that alters it
// (postgres/detail/session.ipp and render.ipp: no LOCK TABLE, no lock_timeout
// and retry), so it holds p's ACCESS EXCLUSIVE lock when it asks for c's. An
// INSERT into c holds c's lock while its foreign key check asks for p's (even
// for a NULL key, which still opens p): a deadlock, and PostgreSQL ends one of
// the two. The harness meets it with writers on a child table (switch
// pg_lock_order): about 1 full-size run in 5.
TEST_CASE("a push and a writer whose foreign key check locks the parent table do not deadlock") {
  pgtest::fixture f;
  db::push_options options;
  options.postgres.schema = f.name;
  db::push(f.conn, parent_and_child(false), options);
  f.exec("INSERT INTO " + f.q("p") + " (id) VALUES (1)");
  pqxx::connection pusher(pgtest::conninfo()), writer(pgtest::conninfo());
  std::future<std::string> written;
  int statements = 0;
  options.on_sql = [&](const std::string& sql) {
    // Before the push alters c (it holds p's lock already): the writer starts
    // an INSERT into c that waits for p.
    if (statements++ == 0 || sql.find("\"c\"") == std::string::npos || written.valid()) return;
    written = std::async(std::launch::async, [&] {
      try {
        pqxx::nontransaction tx(writer);
        tx.exec("INSERT INTO " + f.q("c") + " (id, p_id) VALUES (1, 1)");
        return std::string();
      } catch (const std::exception& e) {
        return std::string(e.what());
      }
    });
    while (!waits_for_lock(f.conn, writer.backendpid())) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  };
  try {
    CHECK(db::push(pusher, parent_and_child(true), options).changed);
  } catch (const db::error& e) {
    FAIL_CHECK("the push failed: " << std::string(e.what()));
  }
  REQUIRE(written.valid());
  const auto writer_error = written.get();
  CHECK_MESSAGE(writer_error.empty(), "the writer failed: " << writer_error);
}

// P3: rethrow_as_database_error (postgres/detail/session.ipp) words every
// pqxx::broken_connection "PostgreSQL connection lost while locking schema
// ...", also when a pqxx::lazyconnection could not connect at all (no such
// role, database or host, a refused port, a wrong password): the cause that
// follows is right, the first words send the reader the wrong way.
TEST_CASE("a push through a connection that cannot be made does not say the connection was lost") {
  const auto info = pgtest::conninfo();
  for (const auto& conninfo : {info + " user=nobody_here", info + " dbname=no_such_db", std::string("host=127.0.0.1 port=1")}) {
    CAPTURE(conninfo);
    pqxx::lazyconnection conn(conninfo);
    try {
      db::push(conn, parent_and_child(false));
      FAIL_CHECK("the push went through");
    } catch (const db::database_error& e) {
      const std::string what = e.what();
      CHECK_MESSAGE(what.find("connection lost") == std::string::npos, what);
      CHECK_MESSAGE(what.find("connect") != std::string::npos, what);
    }
  }
}

// P4: introspection (postgres/detail/introspect.ipp) read a child table's
// inherited columns as its own (it did not look at attislocal/attinhcount),
// so a model of the child listed them, and a column added to the parent and
// the child alike was added twice: ALTER TABLE parent reaches the child, then
// ALTER TABLE child failed "column ... already exists". Now only the columns a
// child declares itself are its own, and a child adds a column before its
// parent does, so the parent's ADD COLUMN merges with it.
TEST_CASE("a column added to a table and to a table that inherits from it is added once") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> families = {
      {"a child", {"CREATE TABLE {audit_archive} (archived_at date) INHERITS ({audit})"}},
      {"a child and a grandchild",
       {"CREATE TABLE {audit_archive} (archived_at date) INHERITS ({audit})",
        "CREATE TABLE {audit_archive_old} (moved_at date) INHERITS ({audit_archive})"}},
      {"a child declaring an inherited column itself",
       {"CREATE TABLE {audit_archive} (what text NOT NULL, archived_at date) INHERITS ({audit})"}},
      {"two children", {"CREATE TABLE {audit_archive} (archived_at date) INHERITS ({audit})",
                        "CREATE TABLE {audit_copy} () INHERITS ({audit})"}},
  };
  for (const auto& [family, statements] : families) {
    CAPTURE(family);
    pgtest::fixture f;
    auto expand = [&](std::string sql) {
      for (const char* name : {"audit_archive_old", "audit_archive", "audit_copy", "audit"}) {
        const std::string braced = std::string("{") + name + "}";
        for (auto at = sql.find(braced); at != std::string::npos; at = sql.find(braced)) sql.replace(at, braced.size(), f.q(name));
      }
      return sql;
    };
    f.exec(expand("CREATE TABLE {audit} (id bigint PRIMARY KEY, what text NOT NULL)"));
    for (const auto& sql : statements) f.exec(expand(sql));
    auto target = f.live();
    // A child lists only what it declares itself.
    CHECK(target.find_table("audit_archive")->find_column("id") == nullptr);
    f.check_idempotent(target);
    for (auto& t : target.tables) {
      t.columns.push_back(col("extra", "text", true));
      t.columns.push_back(col("more", "integer", true));
    }
    try {
      const auto result = f.push(target);
      CHECK(result.changed);
      f.check_idempotent(target);
    } catch (const db::error& e) {
      FAIL_CHECK("the push failed: " << std::string(e.what()));
    }
  }
}
