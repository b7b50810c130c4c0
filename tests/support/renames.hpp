// Renames applied to a target schema as a user edits the models: the new name,
// the renamed_from hint, and every use of the name (keys, indexes, foreign keys
// and the references to it) follow. Index and foreign key names are left as
// they are: give them none to have normalise generate them from the new names.
#pragma once

#include <dbpush/schema/schema.hpp>

#include <string>
#include <vector>

namespace test_renames {

inline void replace_name(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  for (auto& n : names)
    if (n == from) n = to;
}

inline void rename_table(db::schema& s, const std::string& from, const std::string& to) {
  for (auto& t : s.tables) {
    if (t.name == from) {
      t.name = to;
      t.renamed_from = from;
    }
    for (auto& fk : t.foreign_keys)
      if (fk.referenced_table == from) fk.referenced_table = to;
  }
}

// `table` is the table's name in `s` (after any rename).
inline void rename_column(db::schema& s, const std::string& table, const std::string& from, const std::string& to) {
  for (auto& t : s.tables) {
    for (auto& fk : t.foreign_keys)
      if (fk.referenced_table == table) replace_name(fk.referenced_columns, from, to);
    if (t.name != table) continue;
    for (auto& c : t.columns)
      if (c.name == from) {
        c.name = to;
        c.renamed_from = from;
      }
    replace_name(t.primary_key, from, to);
    for (auto& i : t.indexes) replace_name(i.columns, from, to);
    for (auto& fk : t.foreign_keys) replace_name(fk.columns, from, to);
  }
}

}  // namespace test_renames
