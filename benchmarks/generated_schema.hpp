// Schemas of any size for the benchmarks: built at run time as db::schema values,
// each table with 8 columns of mixed types, a primary key, one unique, one index
// and, for most tables, a foreign key to the table before it.
#pragma once

#include <dbpush/schema/schema.hpp>

#include <cstddef>
#include <string>

namespace dbpush_bench {

inline db::schema generated_schema(std::size_t table_count, db::dialect d) {
  const bool pg = d == db::dialect::postgres;
  const auto type = [pg](const char* sqlite, const char* postgres) { return std::string(pg ? postgres : sqlite); };
  db::schema s;
  s.tables.reserve(table_count);
  for (std::size_t i = 0; i < table_count; ++i) {
    db::table t;
    t.name = "table_" + std::to_string(i);
    t.columns = {
        {.name = "id", .type = type("INTEGER", "bigint"), .autoincrement = true},
        {.name = "name", .type = type("TEXT", "text")},
        {.name = "email", .type = type("TEXT", "text")},
        {.name = "score", .type = type("REAL", "double precision"), .default_sql = "0"},
        {.name = "active", .type = type("BOOLEAN", "boolean"), .default_sql = pg ? "true" : "1"},
        {.name = "created_at", .type = type("DATETIME", "timestamp with time zone"), .default_sql = "CURRENT_TIMESTAMP"},
        {.name = "payload", .type = type("BLOB", "bytea"), .nullable = true},
        {.name = "parent_id", .type = type("INTEGER", "bigint"), .nullable = true},
    };
    t.primary_key = {"id"};
    t.indexes = {{.columns = {"email"}, .unique = true}, {.columns = {"name", "created_at"}}};
    if (i % 10 != 0)
      t.foreign_keys = {{.columns = {"parent_id"}, .referenced_table = "table_" + std::to_string(i - 1),
                         .referenced_columns = {"id"}, .on_delete = db::referential_action::set_null}};
    s.tables.push_back(std::move(t));
  }
  db::normalise(s);
  return s;
}

// INSERTs of `per_table` rows into each table of a generated_schema (distinct
// emails, no parent), as a test case leaves them behind; `qualify` prefixes
// each table name (a PostgreSQL schema, quoted, and a dot).
inline std::string rows_for(const db::schema& s, int per_table, const std::string& qualify = {}) {
  std::string sql;
  for (const auto& t : s.tables) {
    sql += "INSERT INTO " + qualify + "\"" + t.name + "\" (name, email) VALUES ";
    for (int i = 0; i < per_table; ++i)
      sql += (i ? ", " : "") + std::string("('n', 'e") + std::to_string(i) + "')";
    sql += ";";
  }
  return sql;
}

}  // namespace dbpush_bench
