// On a connection with foreign keys on, a rows-only reset empties each table
// before the tables it references and leaves foreign keys on (switching them
// would make SQLite prepare its kept statements again); only a cycle of
// foreign keys makes it switch them off around the DELETEs.
#include "sqlite/reset_support.hpp"

using namespace sqlite_test;

namespace {

// Rows written into every table of `target`, then `rounds` resets; each must
// delete the rows without the full reset (which would replace the kept
// statements) and leave foreign keys on. Returns how often SQLite prepared the
// kept DELETE of `table` again.
int reprepared_over_resets(const db::schema& target, const std::string& writes, const std::string& table, int rounds) {
  memory_connection m;
  db::sqlite::testing::reset(m.conn, target);
  for (int round = 0; round < rounds; ++round) {
    m.conn.exec(writes);
    db::sqlite::testing::reset(m.conn, target);
    CHECK(unfinalized_statements(m.conn) == kept_reset_statements(target.tables.size()));
    for (const auto& t : target.tables) CHECK(count(m.conn, "SELECT count(*) FROM \"" + t.name + "\"") == 0);
    CHECK(count(m.conn, "SELECT count(*) FROM sqlite_sequence") == 0);
    CHECK(count(m.conn, "PRAGMA foreign_keys") == 1);
  }
  const auto runs = runs_of(m.conn, "DELETE FROM \"" + table + "\"");
  CHECK(runs.runs == rounds);
  return runs.reprepared;
}

}  // namespace

TEST_CASE("sqlite reset empties children first whatever order the target lists the tables in") {
  // The target lists a child before its parent and a grandchild last, and
  // RESTRICT refuses at once to delete a parent that still has children.
  auto child = tbl("comments", {id_col("id", "INTEGER"), col("post_id", "INTEGER"), col("body", "TEXT")});
  child.foreign_keys.push_back(references({"post_id"}, "Articles", {"id"}, db::referential_action::restrict));
  auto grandchild = tbl("likes", {id_col("id", "INTEGER"), col("comment_id", "INTEGER")});
  grandchild.foreign_keys.push_back(references({"comment_id"}, "comments", {"id"}, db::referential_action::restrict));
  const auto target = sch({child, tbl("Articles", {id_col("id", "INTEGER"), col("title", "TEXT")}), grandchild});
  const std::string writes =
      "INSERT INTO Articles (id, title) VALUES (1, 'a'), (2, 'b');"
      "INSERT INTO comments (id, post_id, body) VALUES (1, 1, 'x'), (2, 2, 'y');"
      "INSERT INTO likes (comment_id) VALUES (1), (2)";
  CHECK(reprepared_over_resets(target, writes, "likes", 3) == 0);
}

TEST_CASE("sqlite reset switches foreign keys off around the DELETEs of a cycle") {
  auto categories = tbl("categories", {id_col("id", "INTEGER"), col("parent_id", "INTEGER", true)});
  categories.foreign_keys.push_back(references({"parent_id"}, "categories", {"id"}, db::referential_action::restrict));
  const std::string writes =
      "INSERT INTO categories (id, parent_id) VALUES (1, NULL), (2, 1), (3, 2);"
      "UPDATE categories SET parent_id = 3 WHERE id = 1";
  // Foreign keys switched off and on expire the kept statements each time.
  CHECK(reprepared_over_resets(sch({categories}), writes, "categories", 3) == 3);
}
