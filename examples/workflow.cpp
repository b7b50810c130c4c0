// dbpush workflow: the calls an application or a test suite makes, on a SQLite
// file. Each block between "// [name]" markers is shown in docs/push.md.
//   workflow [database file, default workflow.db]
#include <dbpush/dbpush.hpp>
#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

struct Player {
  std::int64_t id;
  std::string nick;
  std::optional<std::string> bio;
};

namespace v2 {  // the next version of the model: `bio` is gone
struct Player {
  std::int64_t id;
  std::string nick;
};
}  // namespace v2

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "workflow.db";
  std::remove(path.c_str());
  SQLite::Database conn(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db::push<Player>(conn);
  conn.exec("INSERT INTO Player (nick, bio) VALUES ('ada', 'likes engines'), ('bob', NULL)");

  bool refused = false;
  // [refusal]
  try {
    db::push<v2::Player>(conn);  // would drop `bio`, which holds data
  } catch (const db::data_loss_error& e) {
    std::cout << e.what() << '\n';  // names the table, the column and the count
    for (const db::finding& w : e.warnings()) std::cout << w.table << '.' << w.column << ": " << w.count << '\n';
    refused = true;
  }
  // [refusal]

  // [plan]
  db::push_plan plan = db::plan<v2::Player>(conn);  // dry run: nothing changes
  std::cout << plan << '\n';                         // steps, SQL, warnings
  db::push_result applied = db::apply(conn, plan, {.accept_data_loss = true});  // exactly that SQL
  // [plan]
  std::cout << applied << '\n';

  // [options]
  db::push_options options;
  options.on_sql = [](const std::string& sql) { std::cout << "SQL: " << sql << '\n'; };
  options.ignore_tables = {"legacy_audit"};  // never read, never touched
  options.generators.push_back([](const db::schema& target, const db::push_result& result) {
    std::cout << target.tables.size() << " tables; " << (result.changed ? "changed" : "in sync") << '\n';
  });
  db::push_result result = db::push<v2::Player>(conn, options);
  // [options]

  // [dynamic]
  db::schema dynamic = db::schema_of<v2::Player>(db::dialect::sqlite);
  dynamic.tables.push_back({.name = "settings",
                            .columns = {{.name = "key", .type = "TEXT"}, {.name = "value", .type = "TEXT", .nullable = true}},
                            .primary_key = {"key"}});
  db::push(conn, dynamic);
  // [dynamic]

  // [reset]
  db::reset<v2::Player>(conn);  // test suites: empty the tables (or drop and push again)
  // [reset]
  SQLite::Statement rows(conn, "SELECT count(*) FROM Player");
  rows.executeStep();
  // The refusal changed nothing, the plan applied, the push with options found
  // nothing to do, and the reset left an empty Player table.
  const bool ok = refused && applied.changed && !result.changed && rows.getColumn(0).getInt() == 0;
  std::cout << (ok ? "workflow: ok" : "workflow: FAILED") << '\n';
  return ok ? 0 : 1;
}
