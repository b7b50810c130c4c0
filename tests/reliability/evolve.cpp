#include "reliability/evolve.hpp"

#include <cstdio>
#include <tuple>

namespace evolve {

std::string value::to_string() const {
  switch (type) {
    case kind::null: return "NULL";
    case kind::integer: return std::to_string(integer);
    case kind::real: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", real);
      std::string s = buf;
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // 3.0, not 3
      return s;
    }
    case kind::text: {
      std::string out = "'";
      for (char c : bytes) out += c == '\'' ? std::string("''") : std::string(1, c);
      return out + "'";
    }
    case kind::blob: {
      static const char* hex = "0123456789abcdef";
      std::string out = "X'";
      for (unsigned char c : bytes) {
        out += hex[c >> 4];
        out += hex[c & 15];
      }
      return out + "'";
    }
  }
  return "?";
}

bool operator==(const value& a, const value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case value::kind::null: return true;
    case value::kind::integer: return a.integer == b.integer;
    case value::kind::real: return a.real == b.real || (a.real != a.real && b.real != b.real);
    default: return a.bytes == b.bytes;
  }
}

bool operator<(const value& a, const value& b) {
  if (a.type != b.type) return a.type < b.type;
  switch (a.type) {
    case value::kind::null: return false;
    case value::kind::integer: return a.integer < b.integer;
    case value::kind::real: return a.real < b.real;
    default: return a.bytes < b.bytes;
  }
}

const std::string* lineage::table_origin(const std::string& v2_table) const {
  const auto it = table.find(v2_table);
  return it == table.end() ? nullptr : &it->second;
}

const std::string* lineage::column_origin(const std::string& v2_table, const std::string& v2_column) const {
  const auto it = column.find({v2_table, v2_column});
  return it == column.end() ? nullptr : &it->second;
}

const std::string* lineage::table_heir(const std::string& v1_table) const {
  for (const auto& [v2, v1] : table)
    if (v1 == v1_table) return &v2;
  return nullptr;
}

const std::string* lineage::column_heir(const std::string& v2_table, const std::string& v1_column) const {
  for (const auto& [key, v1] : column)
    if (key.first == v2_table && v1 == v1_column) return &key.second;
  return nullptr;
}

const std::vector<known_bug_info>& known_bugs() {
  static const std::vector<known_bug_info> all = {
      {known_bug::pg_expressions, "pg_expressions", "10.1",
       "PostgreSQL: partial-index predicates on quoted names, defaults PostgreSQL prints differently"},
      {known_bug::pg_long_names, "pg_long_names", "10.2", "PostgreSQL: names, and generated names, over 63 bytes"},
      // Off: dbpush makes identity columns, whose sequence PostgreSQL retypes with
      // the column; 10.3 is about SERIAL columns made elsewhere, which the
      // generator does not make. 600 cases with it off showed no failure of its own.
      {known_bug::pg_sequence_width, "pg_sequence_width", "10.3",
       "PostgreSQL: an autoincrement column that stays one and changes integer width", false},
      {known_bug::sqlite_name_case, "sqlite_name_case", "10.4",
       "SQLite: renames in case only, v2 names that a v1 object holds in another case"},
      {known_bug::renamed_generated_names, "renamed_generated_names", "10.6",
       "generated index / foreign key names on renamed tables or columns (kept explicit instead); PostgreSQL: "
       "renaming a table with a primary key"},
      {known_bug::pg_null_fill, "pg_null_fill", "10.6",
       "PostgreSQL: a nullable column made NOT NULL with a default"},
      {known_bug::checker_after_values, "checker_after_values", "10.9",
       "values that change (risky or failing casts, enum changes, NULLs filled, new defaults) in a column a "
       "primary key, unique index or foreign key uses or references"},
  };
  return all;
}

std::string dialect_name(db::dialect d) { return d == db::dialect::sqlite ? "sqlite" : "postgres"; }

}  // namespace evolve
