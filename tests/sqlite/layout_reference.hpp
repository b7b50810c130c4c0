// SQLite's own report of what introspection reads from a CREATE TABLE text
// (parse_create_table's columns and constraint indexes): pragma_table_xinfo's
// visible columns, and the indexes pragma_index_list and pragma_index_info
// list for the table's constraints. Shared by the tests that compare the two
// readings and by the fuzz target that does so on any text SQLite accepts.
#pragma once

#include <dbpush/detail/text.hpp>
#include <dbpush/sqlite/introspect.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace layout_reference {

// pragma_table_xinfo's rows for `table` with hidden = 0, in order.
inline std::vector<db::sqlite::detail::xinfo_column> reported_columns(SQLite::Database& conn, const std::string& table) {
  SQLite::Statement q(conn, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?) WHERE hidden = 0");
  q.bind(1, table);
  std::vector<db::sqlite::detail::xinfo_column> out;
  while (q.executeStep()) {
    db::sqlite::detail::xinfo_column c{q.getColumn(0).getString(), q.getColumn(1).getString(),
                                       q.getColumn(2).getInt() != 0, std::nullopt,
                                       static_cast<std::size_t>(q.getColumn(4).getInt())};
    if (!q.getColumn(3).isNull()) c.default_sql = q.getColumn(3).getString();
    out.push_back(std::move(c));
  }
  return out;
}

// The indexes SQLite made for `table`'s PRIMARY KEY and UNIQUE constraints,
// the n-th named sqlite_autoindex_<table>_<n>; nullopt when their names do
// not run so.
inline std::optional<std::vector<db::sqlite::detail::constraint_index>> reported_constraint_indexes(
    SQLite::Database& conn, const std::string& table) {
  SQLite::Statement q(conn, "SELECT il.name, il.origin, ii.name FROM pragma_index_list(?) AS il "
                            "JOIN pragma_index_info(il.name) AS ii WHERE il.origin <> 'c' ORDER BY il.name, ii.seqno");
  q.bind(1, table);
  std::map<std::string, db::sqlite::detail::constraint_index> by_name;
  while (q.executeStep()) {
    auto& index = by_name[q.getColumn(0).getString()];
    index.primary_key = q.getColumn(1).getString() == "pk";
    index.columns.push_back(q.getColumn(2).getString());
  }
  std::vector<db::sqlite::detail::constraint_index> out;
  for (std::size_t n = 1; n <= by_name.size(); ++n) {
    const auto at = by_name.find("sqlite_autoindex_" + table + "_" + std::to_string(n));
    if (at == by_name.end()) return std::nullopt;
    out.push_back(at->second);
  }
  return out;
}

// Whether the type read from the text is the one the pragma reports: SQLite
// 3.37 and later report ANY, BLOB, INT, INTEGER, REAL and TEXT in upper case
// however declared.
inline bool same_type(std::string_view read, std::string_view reported) {
  for (const std::string_view standard : {"ANY", "BLOB", "INT", "INTEGER", "REAL", "TEXT"})
    if (reported == standard) return db::detail::equals_upper_ascii(read, standard);
  return read == reported;
}

}  // namespace layout_reference
