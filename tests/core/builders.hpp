// Small builders for hand-made schemas in the core's dry tests (designated
// initialisers would trip -Wmissing-field-initializers).
#pragma once

#include <dbpush/schema/schema.hpp>

#include <string>
#include <utility>
#include <vector>

namespace core_test {

using names = std::vector<std::string>;

inline db::column col(std::string name, std::string type = "INTEGER", bool nullable = false) {
  db::column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  return c;
}

inline db::column nullable(std::string name, std::string type = "TEXT") {
  return col(std::move(name), std::move(type), true);
}

inline db::index idx(names columns, bool unique = false, std::string name = {}) {
  db::index i;
  i.name = std::move(name);
  i.columns = std::move(columns);
  i.unique = unique;
  return i;
}

inline db::foreign_key fk(names columns, std::string parent, names parent_columns = {"id"},
                          std::string name = {}) {
  db::foreign_key f;
  f.name = std::move(name);
  f.columns = std::move(columns);
  f.referenced_table = std::move(parent);
  f.referenced_columns = std::move(parent_columns);
  return f;
}

// A table with an INTEGER primary key `id` followed by `columns`.
inline db::table tbl(std::string name, std::vector<db::column> columns = {}) {
  db::table t;
  t.name = std::move(name);
  t.columns.push_back(col("id"));
  for (auto& c : columns) t.columns.push_back(std::move(c));
  t.primary_key = {"id"};
  return t;
}

inline db::table with(db::table t, std::vector<db::index> indexes, std::vector<db::foreign_key> fks = {}) {
  t.indexes = std::move(indexes);
  t.foreign_keys = std::move(fks);
  return t;
}

inline db::schema sch(std::vector<db::table> tables, std::vector<db::enum_type> enums = {}) {
  db::schema s;
  s.tables = std::move(tables);
  s.enums = std::move(enums);
  return s;
}

inline db::enum_type enm(std::string name, names values) {
  db::enum_type e;
  e.name = std::move(name);
  e.values = std::move(values);
  return e;
}

inline names table_names(const db::schema& s) {
  names out;
  for (const auto& t : s.tables) out.push_back(t.name);
  return out;
}

}  // namespace core_test

#include <dbpush/diff/diff.hpp>

namespace core_test {

// "kind table object [old_name]" per step: compact enough to compare whole plans.
inline names brief(const db::diff_result& d) {
  names out;
  for (const auto& s : d.steps) {
    std::string line = db::to_string(s.kind);
    for (const auto* part : {&s.table, &s.object})
      if (!part->empty()) line += " " + *part;
    if (!s.old_name.empty()) line += " <- " + s.old_name;
    out.push_back(line);
  }
  return out;
}

}  // namespace core_test
