// The command line on SQLite files, run as a subprocess: arguments, standard
// output and error, exit codes, and the prompt through a pseudo-terminal.
#include "cli/run_program.hpp"
#include "cli/versions.hpp"
#include "sqlite/fixture.hpp"

#include <dbpush/diff_sql.hpp>
#include <dbpush/generators.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace cli_test;
using namespace sqlite_test;

namespace {

const std::string v1_program = DBPUSH_TEST_CLI_V1, v2_program = DBPUSH_TEST_CLI_V2;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// `text` without its colour sequences (ESC [ ... m).
std::string uncoloured(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      i = text.find('m', i);
      if (i == std::string::npos) break;
      continue;
    }
    out += text[i];
  }
  return out;
}

// A fresh directory with the path of a database file in it that does not exist yet.
struct workspace {
  temp_db scratch;  // its directory holds everything; its own file stays unused
  std::filesystem::path db = scratch.dir / "app.db";
  std::string url = "sqlite:" + db.string();
};

long long rows_in(const std::filesystem::path& file, const std::string& sql) {
  SQLite::Database conn(file.string(), SQLite::OPEN_READONLY);
  return conn.execAndGet(sql).getInt64();
}

std::string dump_of(const std::filesystem::path& file) {
  SQLite::Database conn(file.string(), SQLite::OPEN_READONLY);
  return dump(conn);
}

void exec(const std::filesystem::path& file, const std::string& sql) {
  SQLite::Database conn(file.string(), SQLite::OPEN_READWRITE);
  conn.exec(sql);
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A database pushed with the first version whose `shelves` holds a row: the
// second version would drop it (a warning), and nothing else is in the way.
struct with_a_shelf : workspace {
  with_a_shelf() {
    REQUIRE(run_program(v1_program, {"push", "--url", url}).code == 0);
    exec(db, "INSERT INTO shelves (label) VALUES ('kitchen')");
  }
};

}  // namespace

TEST_CASE("cli: --help and --version print to stdout and exit 0") {
  const auto help = run_program(v1_program, {"--help"});
  CHECK(help.code == 0);
  CHECK(has(help.out, "Usage: cli_v1 <command> [options]"));
  CHECK(has(help.out, "Exit codes: 0 done or already in sync; 1 refused"));
  CHECK(help.err.empty());
  const auto version = run_program(v1_program, {"push", "--version"});
  CHECK(version.code == 0);
  CHECK(version.out == std::string("dbpush ") + DBPUSH_TEST_PROJECT_VERSION + "\n");
}

TEST_CASE("cli: a command line that cannot run exits 2 and says why on stderr") {
  struct row {
    std::vector<std::string> args;
    std::string message;
  };
  const row rows[] = {
      {{}, "Error: no command given\n"},
      {{"frobnicate"}, "Error: unknown command `frobnicate`\n"},
      {{"push", "--frob"}, "Error: unknown option `--frob`\n"},
      {{"push", "--url"}, "Error: --url needs a value\n"},
      {{"push", "--accept-data-loss=yes"}, "Error: --accept-data-loss takes no value\n"},
      {{"plan", "--accept-data-loss"}, "Error: --accept-data-loss is an option of push\n"},
      {{"push", "--sql"}, "Error: --sql is an option of diff\n"},
      {{"diff", "--format", "json"}, "Error: --format is an option of schema\n"},
      {{"reset", "--force-reset"}, "Error: --force-reset is an option of push\n"},
      {{"schema", "--format", "xml"}, "Error: --format takes sql, json or mermaid, not `xml`\n"},
      {{"schema", "--dialect", "oracle"}, "Error: --dialect takes sqlite or postgresql, not `oracle`\n"},
      {{"push", "--dry-run", "--accept-data-loss"},
       "Error: --dry-run changes nothing: it takes neither --accept-data-loss nor --skip-generate\n"},
      {{"push"}, "Error: no database: pass --url or set DATABASE_URL\n"},
      {{"schema"}, "Error: no database: pass --url or set DATABASE_URL (or --dialect sqlite|postgresql)\n"},
      {{"push", "--url", "mysql://admin:hunter2@db/app"},
       "Error: a database URL starts with sqlite:, file:, postgresql:// or postgres:// (this one with `mysql:`)\n"},
      {{"push", "--url", "sqlite:"}, "Error: the SQLite URL names no file: write sqlite:path/to/file.db or sqlite::memory:\n"},
      {{"push", "--url", "sqlite::memory:", "--schema", "app"},
       "Error: --schema names a PostgreSQL schema, and the database is SQLite\n"},
      {{"schema", "--dialect", "sqlite", "--schema", "app"},
       "Error: --schema names a PostgreSQL schema, and the database is SQLite\n"},
      {{"reset", "--online"}, "Error: --online is an option of push and plan\n"},
      {{"diff", "--max-scanned-rows", "5"}, "Error: --max-scanned-rows is an option of push and plan\n"},
      {{"push", "--max-scanned-rows", "lots"}, "Error: --max-scanned-rows takes a whole number of rows, not `lots`\n"},
      {{"plan", "--max-scanned-bytes=1e9"}, "Error: --max-scanned-bytes takes a whole number of bytes, not `1e9`\n"},
      {{"push", "--lock-timeout", "-5"}, "Error: --lock-timeout takes a whole number of milliseconds, not `-5`\n"},
      {{"push", "--lock-timeout", ""}, "Error: --lock-timeout takes a whole number of milliseconds, not ``\n"},
      {{"push", "--online"}, "Error: no database: pass --url or set DATABASE_URL\n"},
  };
  const std::string postgres_only =
      "Error: --online, --lock-timeout and --max-scanned-rows/-bytes are PostgreSQL settings, and the database is SQLite\n";
  for (const auto& flag : std::vector<std::vector<std::string>>{
           {"--online"}, {"--lock-timeout", "100"}, {"--max-scanned-rows", "10"}, {"--max-scanned-bytes", "0"}}) {
    for (const std::string verb : {"push", "plan"}) {
      std::vector<std::string> args{verb, "--url", "sqlite::memory:"};
      args.insert(args.end(), flag.begin(), flag.end());
      CAPTURE(args);
      const auto o = run_program(v1_program, args);
      CHECK(o.code == 2);
      CHECK(o.out.empty());
      CHECK(o.err == postgres_only + "Run `cli_v1 --help` for the commands and options.\n");
    }
  }
  for (const auto& r : rows) {
    CAPTURE(r.message);
    const auto o = run_program(v1_program, r.args);
    CHECK(o.code == 2);
    CHECK(o.out.empty());
    CHECK(o.err == r.message + "Run `cli_v1 --help` for the commands and options.\n");
    CHECK_FALSE(has(o.err, "hunter2"));
  }
}

TEST_CASE("cli: push creates the database, says where and what, then finds it in sync") {
  for (const bool from_environment : {false, true}) {
    CAPTURE(from_environment);
    workspace w;
    const auto first = from_environment ? run_program(v1_program, {"push"}, {{"DATABASE_URL", w.url}})
                                        : run_program(v1_program, {"push", "--url", w.url});
    CHECK(first.code == 0);
    CHECK(first.err.empty());
    CHECK(first.out.rfind("SQLite database \"" + w.db.string() + "\"\n\nYour database is now in sync with the models. Done in ", 0) == 0);
    CHECK(has(first.out, "\nApplied changes:\n\n  - Created table `authors`\n"));
    CHECK_FALSE(has(first.out, "\x1b["));  // not a terminal: no colour
    CHECK(rows_in(w.db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('authors', 'books', 'shelves')") == 3);
    const auto second = run_program(v1_program, {"push", "--url", w.url});
    CHECK(second.code == 0);
    CHECK(second.out == "SQLite database \"" + w.db.string() + "\"\n\nThe database is already in sync with the models.\n");
  }
}

TEST_CASE("cli: without a terminal, data loss is refused with the list and the flag to pass") {
  with_a_shelf w;
  const auto before = dump_of(w.db);
  const auto o = run_program(v2_program, {"push", "--url", w.url}, {}, "y\n");  // input is not a terminal: not read
  CHECK(o.code == 1);
  CHECK(o.err == "There might be data loss when applying the changes:\n\n"
                 "  - You are about to drop the `shelves` table, which is not empty (1 row).\n\n"
                 "Use the --accept-data-loss flag to ignore the data loss warnings, like: cli_v2 push --accept-data-loss\n");
  CHECK(dump_of(w.db) == before);

  const auto accepted = run_program(v2_program, {"push", "--accept-data-loss", "--url", w.url});
  CHECK(accepted.code == 0);
  CHECK(has(accepted.out, "Accepted data loss warnings:\n\n  - You are about to drop the `shelves` table, which is not empty (1 row)."));
  CHECK(rows_in(w.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'shelves'") == 0);
}

TEST_CASE("cli: unexecutable steps are refused, with --force-reset as the way past") {
  with_a_shelf w;
  exec(w.db, "INSERT INTO authors (email) VALUES ('a@x'); INSERT INTO books (author_id, title, pages, isbn) VALUES (1, 't', 1, 'i')");
  const auto before = dump_of(w.db);
  const auto o = run_program(v2_program, {"push", "--accept-data-loss", "--url", w.url});
  CHECK(o.code == 1);
  CHECK(has(o.err, "We found changes that cannot be executed:\n\n"));
  CHECK(has(o.err, "  - Added the required column `year` to the `books` table without a default value. There is 1 row "
                   "in this table, it is not possible to execute this step.\n"));
  CHECK(has(o.err, "\nUse the --force-reset flag to drop the database before push, like: cli_v2 push --force-reset\n"
                   "All data will be lost.\n"));
  CHECK(dump_of(w.db) == before);

  const auto reset = run_program(v2_program, {"push", "--force-reset", "--url", w.url});
  CHECK(reset.code == 0);
  CHECK(has(reset.out, "The database was reset: its previous contents were dropped."));
  CHECK(rows_in(w.db, "SELECT count(*) FROM books") == 0);
}

TEST_CASE("cli: plan and push --dry-run show steps, SQL and warnings, and change nothing") {
  for (const auto& args : {std::vector<std::string>{"plan"}, std::vector<std::string>{"push", "--dry-run"}}) {
    with_a_shelf w;
    const auto before = dump_of(w.db);
    auto full = args;
    full.insert(full.end(), {"--url", w.url});
    const auto o = run_program(v2_program, full);
    CHECK(o.code == 0);
    CHECK(has(o.out, "Planned changes:\n\n  - Dropped table `shelves`\n"));
    CHECK(has(o.out, "\nSQL:\n\n  DROP TABLE \"shelves\";\n"));
    CHECK(has(o.out, "There might be data loss when applying the changes:\n\n  - You are about to drop the `shelves` table, which is not empty (1 row)."));
    CHECK(dump_of(w.db) == before);
  }
  workspace fresh;
  const auto o = run_program(v1_program, {"plan", "--url", fresh.url});
  CHECK(o.code == 0);
  CHECK(has(o.out, "  - Created table `authors`"));
  CHECK_FALSE(std::filesystem::exists(fresh.db));  // a dry run creates no file
}

TEST_CASE("cli: reset asks first; without a terminal it needs --force") {
  with_a_shelf w;
  const auto refused = run_program(v1_program, {"reset", "--url", w.url});
  CHECK(refused.code == 1);
  CHECK(refused.err == "reset drops every table dbpush manages in SQLite database \"" + w.db.string() +
                           "\": all data will be lost.\nUse the --force flag to reset without a prompt, like: cli_v1 reset --force\n");
  CHECK(rows_in(w.db, "SELECT count(*) FROM shelves") == 1);
  const auto forced = run_program(v1_program, {"reset", "--force", "--url", w.url});
  CHECK(forced.code == 0);
  CHECK(rows_in(w.db, "SELECT count(*) FROM shelves") == 0);

  exec(w.db, "INSERT INTO shelves (label) VALUES ('hall')");
  const auto declined = run_in_terminal(v1_program, {"reset", "--url", w.url}, {}, "(y/N)", "n");
  CHECK(declined.prompted);
  CHECK(declined.code == 1);
  CHECK(has(declined.output, "Reset cancelled."));
  CHECK(rows_in(w.db, "SELECT count(*) FROM shelves") == 1);
  const auto accepted = run_in_terminal(v1_program, {"reset", "--url", w.url}, {}, "(y/N)", "yes");
  CHECK(accepted.code == 0);
  CHECK(rows_in(w.db, "SELECT count(*) FROM shelves") == 0);
}

TEST_CASE("cli: on a terminal, data loss is asked about; yes applies that plan, no changes nothing") {
  const std::string question = "Do you want to ignore the warning(s) and accept data loss? (y/N)";
  {
    with_a_shelf w;
    const auto before = dump_of(w.db);
    const auto o = run_in_terminal(v2_program, {"push", "--url", w.url}, {}, "(y/N)", "N");
    CHECK(o.prompted);
    CHECK(o.code == 1);
    CHECK(has(o.output, "You are about to drop the `shelves` table, which is not empty (1 row)."));
    CHECK(has(uncoloured(o.output), question));
    CHECK(has(o.output, "Push cancelled."));
    CHECK(dump_of(w.db) == before);
  }
  for (const std::string yes : {"y", "Y", "yes"}) {
    with_a_shelf w;
    const auto o = run_in_terminal(v2_program, {"push", "--url", w.url}, {}, "(y/N)", yes);
    CHECK(o.prompted);
    CHECK(o.code == 0);
    CHECK(has(o.output, "Your database is now in sync with the models. Done in "));
    CHECK(has(o.output, "\x1b[33mThere might be data loss"));  // a terminal: colour
    CHECK(rows_in(w.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'shelves'") == 0);
  }
  for (const std::string no_color : {"1", "yes"}) {
    with_a_shelf w;
    const auto o = run_in_terminal(v2_program, {"push", "--url", w.url}, {{"NO_COLOR", no_color}}, "(y/N)", "n");
    CHECK(o.prompted);
    CHECK_FALSE(has(o.output, "\x1b["));
  }
}

TEST_CASE("cli: diff prints the SQL from the live database or from an empty one") {
  with_a_shelf w;
  const db::sql_diff expected = db::diff_sql(versions::first(db::dialect::sqlite), versions::second(db::dialect::sqlite),
                                             db::dialect::sqlite);
  const auto script = run_program(v2_program, {"diff", "--sql", "--url", w.url});
  CHECK(script.code == 0);
  CHECK(script.out == expected.script());
  CHECK(has(script.err, "Data loss when the tables hold rows:\n  - You are about to drop the `shelves` table: the rows it holds will be lost.\n"));
  const auto commented = run_program(v2_program, {"diff", "--url", w.url});
  CHECK(commented.out == expected.to_string());

  for (const auto& [flag, d] : {std::pair<std::string, db::dialect>{"sqlite", db::dialect::sqlite},
                                std::pair<std::string, db::dialect>{"postgresql", db::dialect::postgres}}) {
    const auto empty = run_program(v2_program, {"diff", "--sql", "--from-empty", "--dialect", flag});
    CHECK(empty.code == 0);
    CHECK(empty.out == db::diff_sql({}, versions::second(d), d).script());
  }
  const auto empty_url = run_program(v2_program, {"diff", "--sql", "--from-empty"}, {{"DATABASE_URL", w.url}});
  CHECK(empty_url.out == db::diff_sql({}, versions::second(db::dialect::sqlite), db::dialect::sqlite).script());
}

TEST_CASE("cli: schema prints the models in each format") {
  for (const auto& [flag, d] : {std::pair<std::string, db::dialect>{"sqlite", db::dialect::sqlite},
                                std::pair<std::string, db::dialect>{"postgresql", db::dialect::postgres}}) {
    const db::schema target = versions::second(d);
    CHECK(run_program(v2_program, {"schema", "--dialect", flag}).out == db::generators::sql_snapshot_text(target, d));
    CHECK(run_program(v2_program, {"schema", "--format", "json", "--dialect", flag}).out ==
          db::generators::json_schema_text(target, d));
    CHECK(run_program(v2_program, {"schema", "--format=mermaid", "--dialect", flag}).out ==
          db::generators::mermaid_erd_text(target, d));
  }
}

TEST_CASE("cli: generators run after push unless --skip-generate; a failing one is reported, exit 1") {
  workspace w;
  const auto skipped = run_program(v1_program, {"push", "--skip-generate", "--url", w.url},
                                   {{"DBPUSH_TEST_GENERATE_DIR", w.scratch.dir.string()}});
  CHECK(skipped.code == 0);
  CHECK_FALSE(std::filesystem::exists(w.scratch.dir / "schema.sql"));
  const auto generated = run_program(v1_program, {"push", "--url", w.url}, {{"DBPUSH_TEST_GENERATE_DIR", w.scratch.dir.string()}});
  CHECK(generated.code == 0);
  CHECK(has(generated.out, "The database is already in sync with the models.\n\nRan 1 generator.\n"));
  CHECK(read(w.scratch.dir / "schema.sql") ==
        db::generators::sql_snapshot_text(versions::first(db::dialect::sqlite), db::dialect::sqlite));

  const auto failed = run_program(v2_program, {"push", "--url", w.url}, {{"DBPUSH_TEST_FAILING_GENERATOR", "1"}});
  CHECK(failed.code == 1);
  CHECK(has(failed.out, "Your database is now in sync with the models. Done in "));
  CHECK(failed.err == "Error: Your database is now in sync with the models, but generator 1 of 1 failed: cannot reach the docs server\n");
  CHECK(rows_in(w.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'tags'") == 1);
}

TEST_CASE("cli: a database that cannot be opened exits 2") {
  workspace w;
  const auto no_dir = run_program(v1_program, {"push", "--url", "sqlite:" + (w.scratch.dir / "missing" / "app.db").string()});
  CHECK(no_dir.code == 2);
  CHECK(has(no_dir.err, "Error: cannot open SQLite database \"" + (w.scratch.dir / "missing" / "app.db").string() + "\": "));
  {
    std::ofstream(w.db) << "this is not a database, only a text file that is long enough to have a header";
  }
  const auto not_db = run_program(v1_program, {"plan", "--url", w.url});
  CHECK(not_db.code == 2);
  CHECK(has(not_db.err, "Error: "));
  CHECK(has(not_db.err, "not a database"));
}
