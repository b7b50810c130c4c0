// Broken environments and least privilege on PostgreSQL (docs/reliability.md,
// "Hostile input"): connections that cannot be made or were lost, roles
// without rights on the schema, and a role that owns only the managed schema.
#include "postgres/pg_fixture.hpp"
#include "resilience/postgres_support.hpp"
#include "resilience/scenarios.hpp"

#include <functional>
#include <tuple>

using namespace resilience;
using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

db::schema users_table(bool with_bio = false) {
  auto users = tbl("users", {id_col(), col("email", "text")});
  if (with_bio) users.columns.push_back(col("bio", "text", true));
  db::schema s;
  s.tables = {users};
  return s;
}

// The db::database_error of a push through `conn`, or what else happened.
std::string push_error(pqxx::connection_base& conn, const db::schema& target, const db::push_options& options) {
  try {
    db::push(conn, target, options);
    return "the push went through";
  } catch (const db::database_error& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("not a db::database_error: ") + e.what();
  }
}

}  // namespace

// A pqxx::lazyconnection connects on first use, inside the push. (The
// message calls the connection lost: found bug P3.)
TEST_CASE("postgres a connection that cannot be made: database_error with the server's or the network's reason") {
  own_cluster cluster;
  {
    pqxx::connection admin(cluster.conninfo());
    pqxx::nontransaction tx(admin);
    tx.exec("CREATE ROLE app LOGIN PASSWORD 'right'");
  }
  // Password checks for TCP connections of `app`; the cluster trusts the rest.
  const std::string hba = pgtest::run_command("psql -XAtc 'SHOW hba_file' '" + cluster.conninfo() + "'");
  pgtest::run_command("sed -i '1i host all app 127.0.0.1/32 scram-sha-256' " + hba.substr(0, hba.find('\n')));
  {
    pqxx::connection admin(cluster.conninfo());
    pqxx::nontransaction tx(admin);
    tx.exec("SELECT pg_reload_conf()");
  }
  const std::string port = cluster.conninfo().substr(cluster.conninfo().find("port=") + 5, 5);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {cluster.conninfo() + " user=nobody_here", "role \"nobody_here\" does not exist"},
      {cluster.conninfo() + " dbname=no_such_db", "database \"no_such_db\" does not exist"},
      {"host=127.0.0.1 port=" + port + " dbname=postgres user=app password=wrong", "password authentication failed"},
      {"host=127.0.0.1 port=1 dbname=postgres", "Connection refused"},
      {"host=no-such-host.invalid dbname=postgres", "could not translate host name"},
  };
  for (const auto& [conninfo, reason] : cases) {
    CAPTURE(conninfo);
    pqxx::lazyconnection conn(conninfo);
    const auto what = push_error(conn, users_table(), {});
    CHECK_MESSAGE(what.starts_with("PostgreSQL"), what);
    CHECK_MESSAGE(what.find(reason) != std::string::npos, what);
  }
}

TEST_CASE("postgres a connection whose backend ended before the push: database_error saying the connection is lost") {
  pgtest::fixture f;
  f.push(users_table());
  {
    pqxx::connection other(pgtest::conninfo());
    terminate_backend(other, std::to_string(f.conn.backendpid()));
  }
  const auto what = push_error(f.conn, users_table(true), f.options());
  CHECK_MESSAGE(what.find("connection lost") != std::string::npos, what);
  pqxx::connection check(pgtest::conninfo());
  pqxx::nontransaction tx(check);
  CHECK(tx.exec1("SELECT count(*) FROM pg_attribute WHERE attrelid = '" + check.quote_name(f.name) +
                 ".users'::regclass AND attname = 'bio'")[0]
            .as<int>() == 0);
}

TEST_CASE("postgres a role without rights on the schema: database_error saying permission denied, nothing changed") {
  pgtest::fixture f;
  f.push(users_table());
  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a@x')");
  const std::string role = f.name + "_guest";
  f.exec("CREATE ROLE " + f.conn.quote_name(role) + " LOGIN");
  struct role_guard {
    pgtest::fixture& f;
    std::string role;
    ~role_guard() {
      try {
        f.exec("DROP OWNED BY " + f.conn.quote_name(role));
        f.exec("DROP ROLE " + f.conn.quote_name(role));
      } catch (...) {
      }
    }
  } guard{f, role};
  const std::vector<std::tuple<std::string, std::string, std::function<void(db::schema&)>>> changes = {
      {"no usage: a column added", "permission denied", [](db::schema& s) { s.tables[0].columns.push_back(col("bio", "text", true)); }},
      {"no usage: a table created", "permission denied for schema",
       [](db::schema& s) { s.tables.push_back(tbl("tags", {id_col(), col("label", "text")})); }},
  };
  pqxx::connection guest(pgtest::conninfo() + " user=" + role);
  for (const auto& [change, reason, edit] : changes) {
    CAPTURE(change);
    auto target = users_table();
    edit(target);
    const auto before = f.dump();
    db::push_options options;
    options.postgres.schema = f.name;
    const auto what = push_error(guest, target, options);
    CHECK_MESSAGE(what.find(reason) != std::string::npos, what);
    CHECK(f.dump() == before);
  }
  // With usage, the schema in sync: nothing to do, nothing refused.
  f.exec("GRANT USAGE ON SCHEMA " + f.conn.quote_name(f.name) + " TO " + f.conn.quote_name(role));
  db::push_options options;
  options.postgres.schema = f.name;
  CHECK_FALSE(db::push(guest, users_table(), options).changed);
  const auto what = push_error(guest, users_table(true), options);
  CHECK_MESSAGE(what.find("must be owner of table users") != std::string::npos, what);
}

// A database of its own whose PUBLIC rights are gone: the role owns the
// managed schema and may connect, nothing else. Every verb works; the other
// schemas, which it could not read, are as they were.
TEST_CASE("postgres a role that owns only the managed schema can push, plan, apply, reset and introspect") {
  pgtest::fixture f;
  const std::string database = f.name + "_least", role = f.name + "_owner";
  f.exec("CREATE DATABASE " + f.conn.quote_name(database));
  f.exec("CREATE ROLE " + f.conn.quote_name(role) + " LOGIN");
  struct cleanup {
    pgtest::fixture& f;
    std::string database, role;
    ~cleanup() {
      try {
        f.exec("DROP DATABASE IF EXISTS " + f.conn.quote_name(database) + " WITH (FORCE)");
        f.exec("DROP ROLE IF EXISTS " + f.conn.quote_name(role));
      } catch (...) {
      }
    }
  } guard{f, database, role};
  const std::string admin_info = pgtest::conninfo() + " dbname=" + database;
  std::string other_before;
  {
    pqxx::connection admin(admin_info);
    pqxx::nontransaction tx(admin);
    for (const std::string& sql : std::vector<std::string>{
             "REVOKE ALL ON DATABASE " + admin.quote_name(database) + " FROM PUBLIC",
             "REVOKE ALL ON SCHEMA public FROM PUBLIC",
             "GRANT CONNECT ON DATABASE " + admin.quote_name(database) + " TO " + admin.quote_name(role),
             "CREATE SCHEMA app AUTHORIZATION " + admin.quote_name(role),
             "CREATE SCHEMA vault",
             "CREATE TABLE vault.secrets (id integer PRIMARY KEY, secret text)",
             "INSERT INTO vault.secrets VALUES (1, 'x')",
             "CREATE TABLE public.t00 (id integer PRIMARY KEY)",  // a table of the same name elsewhere
         })
      tx.exec(sql);
    CHECK_FALSE(tx.exec1("SELECT has_schema_privilege(" + tx.quote(role) + ", 'vault', 'USAGE') OR "
                         "has_schema_privilege(" + tx.quote(role) + ", 'public', 'USAGE')")[0]
                    .as<bool>());
  }
  auto dump_others = [&] {
    return pgtest::run_command("pg_dump --no-owner --exclude-schema=app '" + admin_info +
                               "' | grep -v '^\\\\\\(un\\)\\?restrict '");
  };
  other_before = dump_others();
  pqxx::connection owner(pgtest::conninfo() + " dbname=" + database + " user=" + role);
  db::push_options options;
  options.postgres.schema = "app";
  options.accept_data_loss = true;
  CHECK(db::push(owner, postgres_ledger(1, 3), options).changed);
  {
    pqxx::work tx(owner);
    for (const auto& sql : postgres_ledger_seed("app", 3, 100)) tx.exec(sql);
    tx.commit();
  }
  const auto plan = db::plan(owner, postgres_ledger(2, 3), options);
  CHECK_FALSE(plan.empty());
  CHECK(db::apply(owner, plan, options).changed);
  CHECK_FALSE(db::push(owner, postgres_ledger(2, 3), options).changed);
  CHECK(db::introspect(owner, options).tables.size() == 4);
  CHECK(db::reset(owner, postgres_ledger(1, 3), options).changed);
  CHECK(dump_others() == other_before);
}
