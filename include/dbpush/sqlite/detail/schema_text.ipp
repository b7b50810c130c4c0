// dbpush: definitions for <dbpush/sqlite/schema_text.hpp>.
#pragma once

#include <dbpush/sqlite/render.hpp>
#include <dbpush/sqlite/schema_text.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace db::sqlite {

DBPUSH_INLINE bool stored_schema_text_matches(SQLite::Database& db, const schema& target,
                                              const std::vector<std::string>& ignore_tables) {
  // Tables and indexes share one namespace in SQLite, so the name is the key.
  std::unordered_map<std::string_view, std::string> expected;
  expected.reserve(target.tables.size() * 4);
  for (const auto& t : target.tables) {
    expected.emplace(t.name, create_table_sql(t, t.name, target));
    for (const auto& i : t.indexes) expected.emplace(i.name, create_index_sql(t.name, i));
  }
  auto ignored = [&](std::string_view name) {
    return std::find(ignore_tables.begin(), ignore_tables.end(), name) != ignore_tables.end();
  };
  // Index rows without text (sqlite_autoindex_*) follow from their table's text.
  SQLite::Statement q(db, "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type IN ('table', 'index') AND "
                          "sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  std::size_t matched = 0;
  while (q.executeStep()) {
    const char* name = q.getColumn(0).getText();
    if (ignored(q.getColumn(1).getText())) continue;
    auto it = expected.find(std::string_view(name));
    if (it == expected.end() || it->second != q.getColumn(2).getText()) return false;
    ++matched;
  }
  return matched == expected.size();
}

}  // namespace db::sqlite
