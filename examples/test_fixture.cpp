// dbpush in a test suite (doctest): every test case starts from the models'
// schema with no rows. db::reset drops what dbpush manages and pushes again;
// on an in-memory SQLite database the resets after the first restore a copy
// of the freshly pushed database (docs/sqlite.md), so a reset per test is cheap.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <dbpush/dbpush.hpp>
#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>

struct Account {
  std::int64_t id;
  std::string owner;
  std::int64_t balance_cents;
};
template <> struct db::model<Account> {
  static constexpr auto table = "accounts";
  static constexpr auto fields = db::fields(db::field<&Account::owner>(db::unique),
                                            db::field<&Account::balance_cents>(db::default_value(0)));
};

namespace {

long long count(SQLite::Database& conn, const std::string& sql) { return conn.execAndGet(sql).getInt64(); }

// One connection for the whole suite, reset before each test case.
SQLite::Database& shared_connection() {
  static SQLite::Database conn(":memory:", SQLite::OPEN_READWRITE);
  return conn;
}

struct shared_database {
  SQLite::Database& conn = shared_connection();
  shared_database() { db::reset<Account>(conn); }
};

// A connection of its own per test case: isolated, and nothing to reset.
struct own_database {
  SQLite::Database conn{":memory:", SQLite::OPEN_READWRITE};
  own_database() { db::push<Account>(conn); }
};

}  // namespace

TEST_CASE_FIXTURE(shared_database, "shared: a test case writes rows") {
  conn.exec("INSERT INTO accounts (owner, balance_cents) VALUES ('ada', 500), ('bob', 20)");
  CHECK(count(conn, "SELECT count(*) FROM accounts") == 2);
}

TEST_CASE_FIXTURE(shared_database, "shared: the next one starts empty, with the same schema") {
  CHECK(count(conn, "SELECT count(*) FROM accounts") == 0);
  conn.exec("INSERT INTO accounts (owner) VALUES ('ada')");  // no clash with the row of the test before
  CHECK(count(conn, "SELECT balance_cents FROM accounts") == 0);
}

TEST_CASE_FIXTURE(own_database, "own: a connection per test case") {
  conn.exec("INSERT INTO accounts (owner) VALUES ('cyd')");
  CHECK(count(conn, "SELECT count(*) FROM accounts") == 1);
  CHECK_THROWS(conn.exec("INSERT INTO accounts (owner) VALUES ('cyd')"));  // the unique index is there
}

TEST_CASE_FIXTURE(own_database, "own: nothing is shared") {
  CHECK(count(conn, "SELECT count(*) FROM accounts") == 0);
}
