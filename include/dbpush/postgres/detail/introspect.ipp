// dbpush: definitions for <dbpush/postgres/introspect.hpp>.
#pragma once

#include <dbpush/postgres/canonical.hpp>
#include <dbpush/postgres/introspect.hpp>

#include <pqxx/result>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace db::postgres {
namespace detail {

// Columns of every ordinary and partitioned table, in attnum order. A table
// without columns still yields one row (NULL attname). `serial` is a nextval()
// default of a sequence the column owns (pg_depend 'a'): what SERIAL creates.
inline constexpr const char* columns_query = R"(
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity IN ('a', 'd'),
       CASE WHEN t.typtype = 'e' AND t.typnamespace = c.relnamespace THEN t.typname END,
       d.adbin IS NOT NULL AND pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%' AND EXISTS (
         SELECT 1 FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
         WHERE dep.classid = 'pg_class'::regclass AND dep.refobjid = c.oid
           AND dep.refobjsubid = a.attnum AND dep.deptype = 'a')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY c.relname, a.attnum)";

// Primary keys and foreign keys (to tables of the same namespace), one row per
// key column in key order.
inline constexpr const char* constraints_query = R"(
SELECT con.conname, con.contype, c.relname, a.attname, fc.relname, fa.attname,
       con.confdeltype, con.confupdtype
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, position)
JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
LEFT JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND (con.contype = 'p' OR (con.contype = 'f' AND fc.relnamespace = c.relnamespace))
ORDER BY c.relname, con.conname, k.position)";

// Unique and plain indexes on columns (not the primary key's, not exclusion
// constraints', not expression indexes, which db::schema cannot describe), one
// row per key column in order; `from_constraint`: it backs a UNIQUE constraint.
inline constexpr const char* indexes_query = R"(
SELECT ic.relname, c.relname, i.indisunique, a.attname, pg_get_expr(i.indpred, i.indrelid),
       EXISTS (SELECT 1 FROM pg_constraint u WHERE u.conindid = i.indexrelid
               AND u.conrelid = i.indrelid AND u.contype = 'u')
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND NOT i.indisprimary AND i.indexprs IS NULL AND k.position <= i.indnkeyatts
  AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid
                  AND x.conrelid = i.indrelid AND x.contype = 'x')
ORDER BY c.relname, ic.relname, k.position)";

inline constexpr const char* enums_query = R"(
SELECT t.typname, e.enumlabel
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = $1
ORDER BY t.typname, e.enumsortorder)";

DBPUSH_INLINE referential_action action_of(char code) {
  switch (code) {
    case 'r': return referential_action::restrict;
    case 'c': return referential_action::cascade;
    case 'n': return referential_action::set_null;
    case 'd': return referential_action::set_default;
    default: return referential_action::no_action;
  }
}

// Tables by name while rows arrive, in the order the columns query lists them.
class table_collector {
 public:
  explicit table_collector(const std::vector<std::string>& ignore) : ignore_(ignore) {}

  // Null for ignored tables and tables the columns query did not list.
  table* find(const std::string& name) {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &tables_[it->second];
  }
  table* add(const std::string& name) {
    if (std::find(ignore_.begin(), ignore_.end(), name) != ignore_.end()) return nullptr;
    if (auto* t = find(name)) return t;
    by_name_.emplace(name, tables_.size());
    tables_.push_back(table{name, {}, {}, {}, {}, {}});
    return &tables_.back();
  }
  std::vector<table> take() { return std::move(tables_); }

 private:
  const std::vector<std::string>& ignore_;
  std::map<std::string, std::size_t> by_name_;
  std::vector<table> tables_;
};

DBPUSH_INLINE void read_columns(pqxx::transaction_base& tx, const std::string& ns,
                                table_collector& tables, live_catalog& out) {
  for (const auto& row : tx.exec_params(columns_query, ns)) {
    table* t = tables.add(row[0].as<std::string>());
    if (!t || row[1].is_null()) continue;
    column c;
    c.name = row[1].as<std::string>();
    c.type = row[2].as<std::string>();
    c.nullable = !row[3].as<bool>();
    c.autoincrement = row[5].as<bool>();
    if (!row[6].is_null()) c.enum_type = row[6].as<std::string>();
    if (row[7].as<bool>()) {
      c.autoincrement = true;
      out.serial_columns.emplace(t->name, c.name);
    } else if (!row[4].is_null()) {
      c.default_sql = row[4].as<std::string>();
    }
    t->columns.push_back(std::move(c));
  }
}

DBPUSH_INLINE void read_constraints(pqxx::transaction_base& tx, const std::string& ns,
                                    table_collector& tables, live_catalog& out) {
  for (const auto& row : tx.exec_params(constraints_query, ns)) {
    table* t = tables.find(row[2].as<std::string>());
    if (!t) continue;
    const auto name = row[0].as<std::string>();
    const auto column = row[3].as<std::string>();
    if (row[1].as<std::string>() == "p") {
      out.primary_key_names[t->name] = name;
      t->primary_key.push_back(column);
      continue;
    }
    if (t->foreign_keys.empty() || t->foreign_keys.back().name != name) {
      foreign_key fk;
      fk.name = name;
      fk.referenced_table = row[4].as<std::string>();
      fk.on_delete = action_of(row[6].as<std::string>().front());
      fk.on_update = action_of(row[7].as<std::string>().front());
      t->foreign_keys.push_back(std::move(fk));
    }
    t->foreign_keys.back().columns.push_back(column);
    t->foreign_keys.back().referenced_columns.push_back(row[5].as<std::string>());
  }
}

DBPUSH_INLINE void read_indexes(pqxx::transaction_base& tx, const std::string& ns,
                                table_collector& tables) {
  for (const auto& row : tx.exec_params(indexes_query, ns)) {
    table* t = tables.find(row[1].as<std::string>());
    if (!t) continue;
    const auto name = row[0].as<std::string>();
    if (t->indexes.empty() || t->indexes.back().name != name) {
      index i;
      i.name = name;
      i.unique = row[2].as<bool>();
      if (!row[4].is_null()) i.where = row[4].as<std::string>();
      i.from_constraint = row[5].as<bool>();
      t->indexes.push_back(std::move(i));
    }
    t->indexes.back().columns.push_back(row[3].as<std::string>());
  }
}

DBPUSH_INLINE std::vector<enum_type> read_enums(pqxx::transaction_base& tx, const std::string& ns) {
  std::vector<enum_type> enums;
  for (const auto& row : tx.exec_params(enums_query, ns)) {
    const auto name = row[0].as<std::string>();
    if (enums.empty() || enums.back().name != name) enums.push_back(enum_type{name, {}});
    enums.back().values.push_back(row[1].as<std::string>());
  }
  return enums;
}

}  // namespace detail

DBPUSH_INLINE live_catalog read_catalog(pqxx::transaction_base& tx, const std::string& pg_schema,
                                        const std::vector<std::string>& ignore_tables) {
  live_catalog out;
  out.namespace_exists =
      !tx.exec_params("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", pg_schema).empty();
  if (!out.namespace_exists) return out;
  detail::table_collector tables(ignore_tables);
  detail::read_columns(tx, pg_schema, tables, out);
  detail::read_constraints(tx, pg_schema, tables, out);
  detail::read_indexes(tx, pg_schema, tables);
  out.contents.tables = tables.take();
  out.contents.enums = detail::read_enums(tx, pg_schema);
  canonicalise(out.contents);
  normalise(out.contents);
  return out;
}

}  // namespace db::postgres
