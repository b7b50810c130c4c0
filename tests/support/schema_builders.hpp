// The one vocabulary of hand-built schemas in the tests: short builders for
// db::schema and its parts (designated initialisers would trip
// -Wmissing-field-initializers on the members left out). Every test area uses
// these; none defines its own, and no name here is one of dbpush's
// (db::schema_of builds from models; `sch` builds from tables).
#pragma once

#include <dbpush/schema/schema.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace schema_builders {

using names = std::vector<std::string>;

inline db::column col(std::string name, std::string type = "INTEGER", bool nullable = false,
                      std::optional<std::string> default_sql = std::nullopt) {
  db::column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  c.default_sql = std::move(default_sql);
  return c;
}

inline db::column nullable(std::string name, std::string type = "TEXT") {
  return col(std::move(name), std::move(type), true);
}

// An autoincrement key column (SQLite needs "INTEGER" for AUTOINCREMENT).
inline db::column id_col(std::string name = "id", std::string type = "bigint") {
  db::column c = col(std::move(name), std::move(type));
  c.autoincrement = true;
  return c;
}

// A table of exactly `columns`, keyed by `primary_key`.
inline db::table tbl(std::string name, std::vector<db::column> columns, names primary_key = {"id"}) {
  db::table t;
  t.name = std::move(name);
  t.columns = std::move(columns);
  t.primary_key = std::move(primary_key);
  return t;
}

// A table with an INTEGER primary key `id` followed by `columns`.
inline db::table id_table(std::string name, std::vector<db::column> columns = {}) {
  columns.insert(columns.begin(), col("id"));
  return tbl(std::move(name), std::move(columns));
}

inline db::index idx(names columns, bool unique = false, std::string name = {}) {
  db::index i;
  i.name = std::move(name);
  i.columns = std::move(columns);
  i.unique = unique;
  return i;
}
inline db::index unique_index(names columns, std::string name = {}) {
  return idx(std::move(columns), true, std::move(name));
}
inline db::index plain_index(names columns, std::string name = {}) {
  return idx(std::move(columns), false, std::move(name));
}

inline db::foreign_key fk(names columns, std::string parent, names parent_columns = {"id"}, std::string name = {}) {
  db::foreign_key f;
  f.name = std::move(name);
  f.columns = std::move(columns);
  f.referenced_table = std::move(parent);
  f.referenced_columns = std::move(parent_columns);
  return f;
}
// An unnamed foreign key with its ON DELETE action.
inline db::foreign_key references(names columns, std::string parent, names parent_columns,
                                  db::referential_action on_delete = db::referential_action::no_action) {
  auto f = fk(std::move(columns), std::move(parent), std::move(parent_columns));
  f.on_delete = on_delete;
  return f;
}

inline db::table with(db::table t, std::vector<db::index> indexes, std::vector<db::foreign_key> fks = {}) {
  t.indexes = std::move(indexes);
  t.foreign_keys = std::move(fks);
  return t;
}

inline db::enum_type enm(std::string name, names values) {
  db::enum_type e;
  e.name = std::move(name);
  e.values = std::move(values);
  return e;
}

inline db::schema sch(std::vector<db::table> tables, std::vector<db::enum_type> enums = {}) {
  db::schema s;
  s.tables = std::move(tables);
  s.enums = std::move(enums);
  return s;
}

}  // namespace schema_builders
