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
  // Texts are rendered as their rows arrive: a first push, or a database that
  // differs early, costs little rendering.
  struct object {
    const table* owner;
    const index* index_of_owner;  // nullptr: the table itself
  };
  std::unordered_map<std::string_view, object> expected;
  std::size_t objects = target.tables.size();
  for (const auto& t : target.tables) objects += t.indexes.size();
  expected.reserve(objects);
  for (const auto& t : target.tables) {
    expected.emplace(t.name, object{&t, nullptr});
    for (const auto& i : t.indexes) expected.emplace(i.name, object{&t, &i});
  }
  auto ignored = [&](std::string_view name) {
    return std::find(ignore_tables.begin(), ignore_tables.end(), name) != ignore_tables.end();
  };
  // Index rows without text (sqlite_autoindex_*) follow from their table's text.
  SQLite::Statement q(db, "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type IN ('table', 'index') AND "
                          "sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  std::size_t matched = 0;
  while (q.executeStep()) {
    if (ignored(q.getColumn(1).getText())) continue;
    auto it = expected.find(std::string_view(q.getColumn(0).getText()));
    if (it == expected.end()) return false;
    const auto [owner, index_of_owner] = it->second;
    const auto rendered = index_of_owner ? create_index_sql(owner->name, *index_of_owner)
                                         : create_table_sql(*owner, owner->name, target);
    if (rendered != q.getColumn(2).getText()) return false;
    ++matched;
  }
  // Names are unique in the database; a target naming two objects alike never matches.
  return matched == objects;
}

}  // namespace db::sqlite
