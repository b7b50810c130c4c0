// Broken environments on SQLite (docs/reliability.md, "Hostile input"): a
// directory gone, a read-only file or directory, a file that is not a
// database, a truncated or corrupted database. Each push fails with a
// db::database_error naming the file and the cause, and changes no byte.
#include "resilience/harness.hpp"
#include "resilience/scenarios.hpp"
#include "resilience/sqlite_support.hpp"
#include "sqlite/fixture.hpp"

#include <unistd.h>

#include <fstream>
#include <functional>

using namespace resilience;
using namespace sqlite_test;

namespace {

// The push child's outcome, run as `nobody` when this process is root (root
// ignores file permissions), pushing `version` of the ledger into `file`.
std::string push_as_unprivileged(const std::filesystem::path& file, int version) {
  std::vector<std::string> args = {"push", "db=" + file.string(), "version=" + std::to_string(version), "accept"};
  std::string program = sqlite_child_program();
  if (::geteuid() == 0) {
    args.insert(args.begin(), {"--reuid=nobody", "--regid=nogroup", "--clear-groups", program});
    program = "/usr/bin/setpriv";
  }
  helper_process child(program, args);
  const auto outcome = outcome_line(child);
  child.wait();
  return outcome;
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace

TEST_CASE("sqlite a read-only file or directory: the push says so and changes nothing, an in-sync push succeeds") {
  namespace fs = std::filesystem;
  for (const std::string journal : {"delete", "wal"})
    for (const bool directory : {false, true}) {
      CAPTURE(journal);
      CAPTURE(directory);
      temp_db t;
      const auto file = t.dir / "ledger.db";
      make_sqlite_ledger(file, journal, 200);
      const auto bytes = file_bytes(file);
      // Read-only file: r--r--r--; read-only directory: the file rw-rw-rw- in r-xr-xr-x.
      fs::permissions(file, directory ? fs::perms::all & ~fs::perms::owner_exec & ~fs::perms::group_exec &
                                            ~fs::perms::others_exec
                                      : fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
      fs::permissions(t.dir, directory ? fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                             fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec
                                       : fs::perms::all);
      const auto changing = push_as_unprivileged(file, 2);
      CHECK_MESSAGE(changing.starts_with("error database_error "), changing);
      CHECK_MESSAGE(changing.find(file.string()) != std::string::npos, changing);
      CHECK_MESSAGE(changing.find("read-only") != std::string::npos, changing);
      // SQLite cannot read a WAL database in a read-only directory (it must
      // create the -shm file); it says so, the same way.
      const auto in_sync = push_as_unprivileged(file, 1);
      if (journal == "wal" && directory) CHECK_MESSAGE(in_sync.find("read-only") != std::string::npos, in_sync);
      else CHECK_MESSAGE(in_sync.starts_with("result in_sync "), in_sync);
      fs::permissions(t.dir, fs::perms::all);
      CHECK(file_bytes(file) == bytes);
    }
}

// The wording of the cause is found bug R6.
TEST_CASE("sqlite the directory of the database removed under an open connection: database_error, nothing changed") {
  temp_db t;
  const auto target = blog();
  auto changed = target;
  changed.tables[0].columns.push_back(col("bio", "TEXT", true));
  push_checked(t, target);
  seed_blog(t.conn);
  std::filesystem::remove_all(t.dir);
  try {
    db::push(t.conn, changed);
    FAIL("pushed into a database whose directory is gone");
  } catch (const db::database_error& e) {
    const std::string what = e.what();
    CHECK_MESSAGE(what.find(t.path.string()) != std::string::npos, what);
  }
  // The connection still reads the unlinked file: nothing changed in it.
  CHECK(db::introspect(t.conn).find_table("users")->find_column("bio") == nullptr);
  CHECK(count(t.conn, "SELECT count(*) FROM posts") == 4);
}

TEST_CASE("sqlite a file that is not a database: the push says so and changes no byte") {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"text", std::string("name,email\nada,ada@x\n")},
      {"zeros", std::string(8192, '\0')},
      {"html", std::string("<!doctype html><html><body>not found</body></html>")},
      {"a header and garbage", std::string("SQLite format 3") + '\0' + std::string(4080, '\xff')},
  };
  for (const auto& [what, bytes] : files) {
    CAPTURE(what);
    temp_db t;
    const auto path = t.dir / "other.db";
    write_file(path, bytes);
    SQLite::Database conn(path.string(), SQLite::OPEN_READWRITE);
    try {
      db::push(conn, blog());
      FAIL_CHECK("pushed into a file that is not a database");
    } catch (const db::database_error& e) {
      const std::string message = e.what();
      CHECK_MESSAGE(message.find(path.string()) != std::string::npos, message);
      CHECK_MESSAGE((message.find("is not a SQLite database") != std::string::npos ||
                     message.find("is corrupt") != std::string::npos),
                    message);
    }
    CHECK(file_bytes(path) == bytes);
  }
}

// A ledger of 2000 accounts (some 30 pages) damaged, then pushed to version 2,
// which copies every row: the push meets the damage, says the database is
// corrupt, and leaves the damaged file as it was.
TEST_CASE("sqlite a truncated or corrupted database: the push says it is corrupt and changes no byte") {
  const std::vector<std::pair<std::string, std::function<void(std::string&)>>> damages = {
      {"truncated to half", [](std::string& b) { b.resize(b.size() / 2); }},
      {"truncated inside a page", [](std::string& b) { b.resize(b.size() - 4096 - 100); }},
      {"a page of the entries overwritten", [](std::string& b) { b.replace(b.size() - 3 * 4096, 4096, 4096, '\xa5'); }},
      {"a table's root page zeroed", [](std::string& b) { b.replace(2 * 4096, 4096, 4096, '\0'); }},
  };
  for (const auto& [damage, apply] : damages) {
    CAPTURE(damage);
    temp_db t;
    const auto path = t.dir / "ledger.db";
    make_sqlite_ledger(path, "delete", 2'000);
    auto bytes = file_bytes(path);
    apply(bytes);
    write_file(path, bytes);
    std::string outcome;
    try {
      SQLite::Database conn(path.string(), SQLite::OPEN_READWRITE);
      db::push(conn, sqlite_ledger(2), accepting());
      outcome = "the push went through";
    } catch (const db::database_error& e) {
      outcome = e.what();
    } catch (const std::exception& e) {
      outcome = std::string("not a db::database_error: ") + e.what();
    }
    CHECK_MESSAGE(outcome.find("is corrupt") != std::string::npos, outcome);
    CHECK_MESSAGE(outcome.find(path.string()) != std::string::npos, outcome);
    CHECK(file_bytes(path) == bytes);
  }
}
