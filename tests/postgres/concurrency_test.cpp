// Eight processes push the same new schema at the same moment: the advisory lock
// serialises them, exactly one applies the changes, the others find the schema
// in sync, and all succeed.
#include "pg_fixture.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <string>

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

db::schema shop() {
  db::schema s;
  s.enums.push_back({"Kind", {"a", "b"}});
  auto kind = col("kind", "Kind", false, "'a'");
  kind.enum_type = "Kind";
  auto items = tbl("items", {id_col(), col("name", "varchar(40)"), kind});
  items.indexes.push_back({"", {"name"}, true, std::nullopt, false});
  auto orders = tbl("orders", {id_col(), col("item_id", "bigint")});
  orders.foreign_keys.push_back({"", {"item_id"}, "items", {"id"}, {}, {}});
  s.tables = {items, orders};
  return s;
}

// Child process: connect, say so, wait for the start signal, push, report
// 'C' (changed), 'N' (in sync) or 'E' (error). Never returns.
[[noreturn]] void pusher(int ready_fd, int start_fd, int result_fd, const std::string& schema_name) {
  char outcome = 'E';
  try {
    pqxx::connection conn(pgtest::conninfo());
    char byte = 'r';
    if (write(ready_fd, &byte, 1) != 1) _exit(2);
    if (read(start_fd, &byte, 1) != 1) _exit(2);
    db::push_options o;
    o.postgres.schema = schema_name;
    outcome = db::push(conn, shop(), o).changed ? 'C' : 'N';
  } catch (...) {
    outcome = 'E';
  }
  if (write(result_fd, &outcome, 1) != 1) _exit(2);
  _exit(0);
}

}  // namespace

TEST_CASE("8 processes pushing the same new schema at once: one applies, all succeed") {
  pgtest::fixture f;
  // Not even the namespace exists: the one that applies creates it too.
  f.exec("DROP SCHEMA " + f.conn.quote_name(f.name));
  constexpr int processes = 8;
  int ready[2], start[2], results[2];
  REQUIRE(pipe(ready) == 0);
  REQUIRE(pipe(start) == 0);
  REQUIRE(pipe(results) == 0);
  std::vector<pid_t> children;
  for (int i = 0; i < processes; ++i) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) pusher(ready[1], start[0], results[1], f.name);
    children.push_back(pid);
  }
  // Release them together once every child holds a connection.
  char byte = 0;
  for (int i = 0; i < processes; ++i) REQUIRE(read(ready[0], &byte, 1) == 1);
  const std::string go(processes, 'g');
  REQUIRE(write(start[1], go.data(), go.size()) == static_cast<ssize_t>(go.size()));

  std::string outcomes;
  for (int i = 0; i < processes; ++i) {
    REQUIRE(read(results[0], &byte, 1) == 1);
    outcomes += byte;
  }
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  for (int fd : {ready[0], ready[1], start[0], start[1], results[0], results[1]}) close(fd);

  CHECK(std::count(outcomes.begin(), outcomes.end(), 'E') == 0);
  CHECK(std::count(outcomes.begin(), outcomes.end(), 'C') == 1);
  CHECK(std::count(outcomes.begin(), outcomes.end(), 'N') == processes - 1);
  f.check_idempotent(shop());
}
