// Two processes pushing the same schema at the same moment, and progress of long copies.
#include "sqlite/fixture.hpp"

#include <sys/wait.h>
#include <unistd.h>


using namespace sqlite_test;

namespace {

// Exit codes of a pushing child process.
constexpr int applied = 10, in_sync = 11, failed = 12;

int push_in_child(const std::string& path, int start_pipe) {
  char go = 0;
  if (::read(start_pipe, &go, 1) != 1) return failed;
  try {
    SQLite::Database conn(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    return db::push(conn, blog()).changed ? applied : in_sync;
  } catch (...) {
    return failed;
  }
}

}  // namespace

TEST_CASE("sqlite two processes pushing the same schema at once both succeed and one does nothing") {
  temp_db t;
  int start[2];
  REQUIRE(::pipe(start) == 0);
  std::vector<pid_t> children;
  for (int i = 0; i < 2; ++i) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) ::_exit(push_in_child(t.path.string(), start[0]));
    children.push_back(pid);
  }
  REQUIRE(::write(start[1], "gg", 2) == 2);
  std::vector<int> codes;
  for (auto pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  }
  ::close(start[0]);
  ::close(start[1]);
  std::sort(codes.begin(), codes.end());
  CHECK(codes == std::vector<int>{applied, in_sync});
  auto expected = blog();
  db::sqlite::detail::canonicalise(expected);
  db::normalise(expected);
  CHECK(db::introspect(t.conn) == expected);
}

TEST_CASE("sqlite reports progress while copying a large table") {
  temp_db t;
  auto target = sch({tbl("big", {id_col("id", "INTEGER"), col("v", "TEXT", true)})});
  push_checked(t, target);
  t.conn.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400000) "
              "INSERT INTO big (v) SELECT printf('value number %d', i) FROM n");
  target.tables[0].columns[1].nullable = false;
  target.tables[0].columns[1].default_sql = "''";
  struct call {
    std::int64_t copied, total;
  };
  std::vector<call> calls;
  db::push_options options;
  options.sqlite.progress = [&](const std::string& table, std::int64_t copied, std::int64_t total) {
    CHECK(table == "big");
    calls.push_back({copied, total});
  };
  auto r = db::push(t.conn, target, options);
  REQUIRE(calls.size() >= 2);
  CHECK(calls.front().copied == 0);
  CHECK(calls.back().copied == 400000);
  for (std::size_t i = 1; i < calls.size(); ++i) {
    CHECK(calls[i].total == 400000);
    CHECK(calls[i].copied >= calls[i - 1].copied);
  }
  // How often it fires is a benchmark figure (bench_copy_sqlite: longest gap),
  // not something a unit test on a loaded machine can assert.
  CHECK(count(t.conn, "SELECT count(*) FROM big") == 400000);
}

TEST_CASE("sqlite a progress callback that throws rolls the push back") {
  temp_db t;
  auto target = sch({tbl("m", {id_col("id", "INTEGER"), col("v", "TEXT", true)})});
  push_checked(t, target);
  t.conn.exec("INSERT INTO m (v) VALUES ('a'), ('b')");
  target.tables[0].columns[1].nullable = false;
  target.tables[0].columns[1].default_sql = "''";
  db::push_options options;
  options.sqlite.progress = [](const std::string&, std::int64_t, std::int64_t) { throw std::runtime_error("stop"); };
  const auto before = dump(t.conn);
  CHECK_THROWS_WITH_AS(db::push(t.conn, target, options), "stop", std::runtime_error);
  CHECK(dump(t.conn) == before);
  // The plan's SQL, applied later, reports its copy too.
  auto p = db::plan(t.conn, target);
  std::vector<std::int64_t> copied;
  options.sqlite.progress = [&](const std::string&, std::int64_t n, std::int64_t) { copied.push_back(n); };
  db::apply(t.conn, p, options);
  CHECK(copied == std::vector<std::int64_t>{0, 2});
}
