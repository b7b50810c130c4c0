// Statements of a no-op push whose target spells expressions unlike the catalog
// (IN lists, casts): the first such push of a process asks the server once (one
// DO block) and stays within 7 statements; later pushes ask nothing. A binary of
// its own, so the process-wide cache of the server's spellings starts empty.
// Statements are counted as benchmarks/push_postgres.cpp counts them.
#include "pg_fixture.hpp"
#include "pg_support.hpp"

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

db::schema shop() {
  db::schema s;
  s.enums.push_back({"order_status", {"active", "pending", "done"}});
  auto status = col("status", "order_status");
  status.enum_type = "order_status";
  auto orders = tbl("orders", {id_col(), status, col("email", "text"), col("due", "timestamptz", false, "now() + interval '1 day'"),
                               col("created_at", "timestamptz", false, "CURRENT_TIMESTAMP")});
  db::index open;
  open.columns = {"email"};
  open.where = "status IN ('active', 'pending')";
  db::index unpaid;
  unpaid.columns = {"due"};
  unpaid.where = "status IN ('pending')";
  orders.indexes = {open, unpaid};
  s.tables.push_back(orders);
  // Spelled as the catalog keeps it: never asked about.
  auto plain = tbl("plain", {id_col(), col("note", "text", true)});
  db::index noted;
  noted.columns = {"note"};
  noted.where = "note IS NOT NULL";
  plain.indexes = {noted};
  s.tables.push_back(plain);
  return s;
}

long noop_statements(pgtest::fixture& f, const db::schema& target, const db::push_options& options) {
  dbpush_bench::pg_statement_counter counter(f.conn);
  auto r = db::push(f.conn, target, options);
  CHECK_MESSAGE(r.steps.empty(), r.to_string());
  return counter.count();
}

}  // namespace

TEST_CASE("a no-op push asks the server about differing expressions once per process, within 7 statements") {
  pgtest::fixture f;
  const auto target = shop();
  f.push(target);
  // BEGIN, lock, 3 catalog queries, the DO block that asks, ROLLBACK.
  CHECK(noop_statements(f, target, f.options()) == 7);
  // Answers are kept: BEGIN, lock, 3 catalog queries, ROLLBACK.
  CHECK(noop_statements(f, target, f.options()) == 6);
  CHECK(noop_statements(f, target, f.options()) == 6);

  // Another managed schema prints the enum's casts with another qualification:
  // asked again, once.
  pgtest::fixture g;
  g.push(target);
  CHECK(noop_statements(g, target, g.options()) == 7);
  CHECK(noop_statements(g, target, g.options()) == 6);

  // Another TimeZone prints timestamp literals differently: part of the key.
  f.exec("SET TimeZone = 'Asia/Tokyo'");
  CHECK(noop_statements(f, target, f.options()) == 7);
  CHECK(noop_statements(f, target, f.options()) == 6);
}

TEST_CASE("a no-op push whose expressions read back as written asks nothing") {
  pgtest::fixture f;
  db::schema target;
  target.tables.push_back(shop().tables[1]);
  f.push(target);
  CHECK(noop_statements(f, target, f.options()) == 6);
}
