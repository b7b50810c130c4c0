// The command line on the test PostgreSQL server, run as a subprocess: the
// database named by URL (a password in it is never printed), a schema of its
// own per test (--schema), refusals, the prompt, and diff against the live schema.
#include "cli/run_program.hpp"
#include "cli/versions.hpp"
#include "postgres/pg_fixture.hpp"

#include <dbpush/diff_sql.hpp>

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace cli_test;

namespace {

const std::string v1_program = DBPUSH_TEST_CLI_V1, v2_program = DBPUSH_TEST_CLI_V2;
const std::string password = "s3cr3t-Pa55";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The fixture's conninfo ("host=... port=... user=... dbname=...") as key -> value.
std::map<std::string, std::string> conninfo_fields() {
  std::map<std::string, std::string> out;
  std::istringstream in(pgtest::conninfo());
  std::string pair;
  while (in >> pair)
    if (const auto eq = pair.find('='); eq != std::string::npos) out[pair.substr(0, eq)] = pair.substr(eq + 1);
  return out;
}

// The cluster as a URL with a password in it (the test server trusts local
// connections and ignores it): the CLI must never print it.
std::string url() {
  auto f = conninfo_fields();
  return "postgresql://" + f["user"] + ":" + password + "@/" + f["dbname"] + "?host=" + f["host"] + "&port=" + f["port"];
}

std::vector<std::string> with(std::vector<std::string> args, const pgtest::fixture& f) {
  args.insert(args.end(), {"--schema", f.name});
  return args;
}

void no_password(const outcome& o) {
  CHECK_FALSE(has(o.out, password));
  CHECK_FALSE(has(o.err, password));
}

}  // namespace

TEST_CASE("cli (PostgreSQL): push names the database without credentials, then finds it in sync") {
  pgtest::fixture f;
  auto fields = conninfo_fields();
  const auto first = run_program(v1_program, with({"push"}, f), {{"DATABASE_URL", url()}});
  no_password(first);
  CHECK(first.code == 0);
  CHECK(first.out.rfind("PostgreSQL database \"" + fields["dbname"] + "\", schema \"" + f.name + "\" at \"" +
                            fields["host"] + ":" + fields["port"] + "\"\n\nYour database is now in sync with the models. Done in ",
                        0) == 0);
  CHECK(f.count("SELECT count(*) FROM pg_tables WHERE schemaname = '" + f.name + "'") == 3);
  const auto second = run_program(v1_program, with({"push", "--url", url()}, f));
  no_password(second);
  CHECK(second.code == 0);
  CHECK(has(second.out, "The database is already in sync with the models.\n"));
}

TEST_CASE("cli (PostgreSQL): data loss refused without a terminal, asked on one, accepted with the flag") {
  pgtest::fixture f;
  REQUIRE(run_program(v1_program, with({"push", "--url", url()}, f)).code == 0);
  f.exec("INSERT INTO " + f.q("shelves") + " (label) VALUES ('kitchen')");
  const auto refused = run_program(v2_program, with({"push", "--url", url()}, f));
  no_password(refused);
  CHECK(refused.code == 1);
  CHECK(has(refused.err, "  - You are about to drop the `shelves` table, which is not empty (1 row).\n"));
  CHECK(has(refused.err, "Use the --accept-data-loss flag"));
  CHECK(f.count("SELECT count(*) FROM " + f.q("shelves")) == 1);

  const auto declined = run_in_terminal(v2_program, with({"push", "--url", url()}, f), {}, "(y/N)", "n");
  CHECK(declined.prompted);
  CHECK(declined.code == 1);
  CHECK(has(declined.output, "Push cancelled."));
  CHECK_FALSE(has(declined.output, password));
  CHECK(f.count("SELECT count(*) FROM " + f.q("shelves")) == 1);

  // diff against the live schema: the script a push would run, qualified with --schema.
  const auto diff = run_program(v2_program, with({"diff", "--sql", "--url", url()}, f));
  CHECK(diff.code == 0);
  CHECK(diff.out == db::diff_sql(versions::first(db::dialect::postgres), versions::second(db::dialect::postgres),
                                 db::dialect::postgres, {.postgres_schema = f.name})
                        .script());

  const auto accepted = run_program(v2_program, with({"push", "--accept-data-loss", "--url", url()}, f));
  CHECK(accepted.code == 0);
  CHECK(f.count("SELECT count(*) FROM pg_tables WHERE schemaname = '" + f.name + "' AND tablename = 'shelves'") == 0);
  const auto in_sync = run_program(v2_program, with({"diff", "--sql", "--url", url()}, f));
  CHECK(in_sync.code == 0);
  CHECK(in_sync.out.empty());
}

TEST_CASE("cli (PostgreSQL): a server that cannot be reached exits 2, without the password") {
  const auto o = run_program(v1_program, {"push", "--url", "postgresql://app:" + password + "@127.0.0.1:1/app"});
  no_password(o);
  CHECK(o.code == 2);
  CHECK(o.out == "PostgreSQL database \"app\", schema \"public\" at \"127.0.0.1:1\"\n\n");
  CHECK(o.err.rfind("Error: cannot connect to PostgreSQL database \"app\", schema \"public\" at \"127.0.0.1:1\": ", 0) == 0);
}

TEST_CASE("cli (PostgreSQL): --online, --lock-timeout and --max-scanned-bytes reach the push") {
  pgtest::fixture f;
  REQUIRE(run_program(v1_program, with({"push", "--url", url()}, f)).code == 0);
  f.exec("INSERT INTO " + f.q("authors") + " (email, nickname) VALUES ('a@example.com', 'al')");

  // authors.nickname becomes NOT NULL: online, through a validated CHECK helper.
  const auto plain_plan = run_program(v2_program, with({"plan", "--url", url()}, f));
  const auto online_plan = run_program(v2_program, with({"plan", "--online", "--url", url()}, f));
  CHECK(plain_plan.code == 0);
  CHECK(online_plan.code == 0);
  CHECK_FALSE(has(plain_plan.out, "NOT VALID"));
  CHECK(has(online_plan.out, "NOT VALID"));
  CHECK(has(online_plan.out, "VALIDATE CONSTRAINT"));

  // books.pages changes type: a rewrite of a table larger than one byte (its
  // primary key's index has a page even when the table has no row).
  const auto refused = run_program(v2_program, with({"push", "--accept-data-loss", "--max-scanned-bytes", "1", "--url", url()}, f));
  no_password(refused);
  CHECK(refused.code == 1);
  CHECK(has(refused.err, "`books`"));
  CAPTURE(refused.err);
  CHECK(has(refused.err, "max_scanned_bytes"));
  CHECK(f.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + f.name +
                "' AND table_name = 'books' AND column_name = 'title'") == 1);

  const auto pushed = run_program(
      v2_program, with({"push", "--accept-data-loss", "--online", "--lock-timeout", "2000", "--url", url()}, f));
  CAPTURE(pushed.err);
  CHECK(pushed.code == 0);
  CHECK(f.count("SELECT count(*) FROM pg_attribute WHERE attrelid = '" + f.q("authors") +
                "'::regclass AND attname = 'nickname' AND attnotnull") == 1);
  CHECK(f.count("SELECT count(*) FROM pg_constraint WHERE conrelid = '" + f.q("authors") + "'::regclass AND contype = 'c'") == 0);
  CHECK(has(run_program(v2_program, with({"push", "--url", url()}, f)).out, "The database is already in sync"));
}

TEST_CASE("cli (PostgreSQL): --lock-timeout is how long each attempt waits for a lock") {
  pgtest::fixture f;
  REQUIRE(run_program(v1_program, with({"push", "--url", url()}, f)).code == 0);
  // Another session holds the lock v2's push needs on `authors`; the program
  // allows no retry, so the push gives up after one wait of --lock-timeout.
  pqxx::connection holder(pgtest::conninfo());
  pqxx::work hold(holder);
  hold.exec("LOCK TABLE " + f.q("authors") + " IN ACCESS EXCLUSIVE MODE");
  const auto gave_up = run_program(v2_program, with({"push", "--accept-data-loss", "--lock-timeout", "150", "--url", url()}, f),
                                   {{"DBPUSH_TEST_LOCK_RETRIES", "0"}});
  CAPTURE(gave_up.err);
  no_password(gave_up);
  CHECK(gave_up.code == 2);
  CHECK(has(gave_up.err, "gave up after 1 attempt to lock the tables"));
  CHECK(has(gave_up.err, "lock_timeout (now 150 ms"));
  CHECK(has(gave_up.err, "authors"));
  CHECK(f.count("SELECT count(*) FROM pg_attribute WHERE attrelid = '" + f.q("authors") +
                "'::regclass AND attname = 'nickname' AND attnotnull") == 0);
  hold.abort();

  const auto pushed = run_program(v2_program, with({"push", "--accept-data-loss", "--lock-timeout", "150", "--url", url()}, f),
                                  {{"DBPUSH_TEST_LOCK_RETRIES", "0"}});
  CAPTURE(pushed.err);
  CHECK(pushed.code == 0);
  CHECK(f.count("SELECT count(*) FROM pg_attribute WHERE attrelid = '" + f.q("authors") +
                "'::regclass AND attname = 'nickname' AND attnotnull") == 1);
}
