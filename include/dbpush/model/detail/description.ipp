// dbpush: runtime db::schema from model descriptions.
#pragma once

#include <dbpush/detail/type_names.hpp>
#include <dbpush/model/description.hpp>

#include <string>
#include <vector>

namespace db {

namespace detail {

DBPUSH_INLINE std::vector<std::string> to_strings(std::span<const std::string_view> names) {
  return {names.begin(), names.end()};
}

DBPUSH_INLINE void add_enum(const enum_description& e, std::vector<enum_type>& enums) {
  for (const auto& known : enums)
    if (known.name == e.name) return;
  enums.push_back({std::string(e.name), to_strings(e.values)});
}

}  // namespace detail

DBPUSH_INLINE table detail::build_table(const model_description& m, dialect d, std::vector<enum_type>& enums) {
  table t;
  t.name = std::string(m.table);
  if (!m.renamed_from.empty()) t.renamed_from = std::string(m.renamed_from);
  for (const auto& c : m.columns) {
    column col;
    col.name = std::string(c.name);
    const std::string_view enum_name = c.enumeration ? c.enumeration->name : std::string_view{};
    col.type = detail::sql_type_name(d, c.type, enum_name);
    col.nullable = c.nullable;
    col.default_sql = detail::sql_default(d, c.default_value);
    col.autoincrement = c.autoincrement;
    if (c.enumeration) {
      col.enum_type = std::string(enum_name);
      detail::add_enum(*c.enumeration, enums);
    }
    if (!c.renamed_from.empty()) col.renamed_from = std::string(c.renamed_from);
    t.columns.push_back(std::move(col));
  }
  t.primary_key = detail::to_strings(m.primary_key);
  for (const auto& i : m.indexes) {
    index ix;
    ix.name = std::string(i.name);
    ix.columns = detail::to_strings(i.columns);
    ix.unique = i.unique;
    if (!i.where.empty()) ix.where = std::string(i.where);
    t.indexes.push_back(std::move(ix));
  }
  for (const auto& f : m.foreign_keys) {
    t.foreign_keys.push_back({std::string(f.name), detail::to_strings(f.columns), std::string(f.referenced_table),
                              detail::to_strings(f.referenced_columns), f.on_delete, f.on_update});
  }
  return t;
}

DBPUSH_INLINE schema detail::build_schema(std::span<const model_description* const> models, dialect d) {
  schema s;
  for (const model_description* m : models) s.tables.push_back(build_table(*m, d, s.enums));
  normalise(s);
  return s;
}

}  // namespace db
