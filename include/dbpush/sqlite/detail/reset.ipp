// dbpush: definitions for <dbpush/sqlite/reset.hpp>.
#pragma once

#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/sqlite/reset.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>
#include <dbpush/sqlite/introspect.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <string>
#include <vector>

namespace db::sqlite::detail {

DBPUSH_INLINE std::optional<std::vector<statement>> emptying_statements(SQLite::Database& db, const schema& target) {
  const char* file = sqlite3_db_filename(db.getHandle(), "main");
  if (!file || !*file) return std::nullopt;
  if (target.tables.empty()) return std::vector<statement>{};
  std::vector<std::string> tables;
  tables.reserve(target.tables.size());
  for (const auto& t : target.tables) tables.push_back(t.name);
  const db::detail::name_set managed(tables, identifier_rule);
  bool has_sequences = false;
  SQLite::Statement q(db,
                      "SELECT type, tbl_name FROM main.sqlite_schema WHERE type = 'trigger' OR name = 'sqlite_sequence' "
                      "UNION ALL SELECT type, tbl_name FROM temp.sqlite_schema WHERE type = 'trigger'");
  while (q.executeStep()) {
    if (q.getColumn(0).getString() == "table")
      has_sequences = true;
    else if (managed.contains(q.getColumn(1).getString()))
      return std::nullopt;
  }
  std::vector<statement> out;
  out.reserve(tables.size() + 1);
  // The target is normalised: parents before their children.
  for (auto it = tables.rbegin(); it != tables.rend(); ++it)
    out.push_back({"DELETE FROM " + quote_identifier(*it), statement_kind::change, *it});
  if (has_sequences) {
    std::string names;
    for (const auto& t : tables) names += (names.empty() ? "" : ", ") + quote_literal(t);
    out.push_back({"DELETE FROM \"sqlite_sequence\" WHERE \"name\" IN (" + names + ")", statement_kind::change,
                   "sqlite_sequence"});
  }
  return out;
}

}  // namespace db::sqlite::detail
