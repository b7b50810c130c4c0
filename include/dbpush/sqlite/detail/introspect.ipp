// dbpush: definitions for <dbpush/sqlite/introspect.hpp>.
#pragma once

#include <dbpush/detail/text.hpp>
#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/sqlite/introspect.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>
#include <dbpush/sqlite/types.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <optional>

namespace db::sqlite::detail {

// The ordinary tables of main, as the three catalog queries read them: driven by
// sqlite_schema (joining it by name would scan it once per table), virtual tables
// (rootpage 0) left out before a pragma could need their module.
inline constexpr std::string_view managed_tables_from = "FROM sqlite_schema AS m ";
inline constexpr std::string_view managed_tables_where =
    " WHERE m.type = 'table' AND m.rootpage > 0 AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
// Shadow tables belong to a virtual table (FTS, R*Tree): never dbpush's.
inline constexpr std::string_view shadow_tables_from =
    " FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'";

DBPUSH_INLINE std::string column_text(const SQLite::Statement& q, int i) {
  auto c = q.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}


// Reads `( name, name, ... )` starting at tokens[i] == "("; returns the index after ")".
DBPUSH_INLINE std::optional<std::size_t> read_name_list(const std::vector<sql_token>& t, std::size_t i,
                                                        std::vector<std::string>& names) {
  if (i >= t.size() || !t[i].is_symbol('(')) return std::nullopt;
  for (++i; i < t.size(); ++i) {
    if (!t[i].is_name()) return std::nullopt;
    names.push_back(t[i].text);
    if (++i >= t.size()) return std::nullopt;
    if (t[i].is_symbol(')')) return i + 1;
    if (!t[i].is_symbol(',')) return std::nullopt;
  }
  return std::nullopt;
}

DBPUSH_INLINE referential_action parse_action(std::string_view text) {
  if (text == "CASCADE") return referential_action::cascade;
  if (text == "RESTRICT") return referential_action::restrict;
  if (text == "SET NULL") return referential_action::set_null;
  if (text == "SET DEFAULT") return referential_action::set_default;
  return referential_action::no_action;
}

// Reads the REFERENCES clause of a foreign key at t[i] ("REFERENCES"): the
// parent, its columns as written (none: its primary key), the actions; MATCH
// and DEFERRABLE clauses are skipped. Returns the index after the clause, or
// nullopt when it does not read as one.
DBPUSH_INLINE std::optional<std::size_t> read_references(const std::vector<sql_token>& t, std::size_t i,
                                                         foreign_key& fk) {
  if (i + 1 >= t.size() || !t[i + 1].is_name()) return std::nullopt;
  fk.referenced_table = t[i + 1].text;
  i += 2;
  if (i < t.size() && t[i].is_symbol('(')) {
    const auto after = read_name_list(t, i, fk.referenced_columns);
    if (!after) return std::nullopt;
    i = *after;
  }
  auto at = [&](std::size_t k, std::string_view keyword) { return k < t.size() && t[k].is_keyword(keyword); };
  while (i < t.size()) {
    if (at(i, "ON") && (at(i + 1, "DELETE") || at(i + 1, "UPDATE"))) {
      auto& action = at(i + 1, "DELETE") ? fk.on_delete : fk.on_update;
      const std::size_t words = at(i + 2, "SET") || at(i + 2, "NO") ? 2 : 1;
      if (i + 2 + words > t.size()) return std::nullopt;
      action = parse_action(db::detail::to_upper_ascii(words == 1 ? t[i + 2].text : t[i + 2].text + " " + t[i + 3].text));
      i += 2 + words;
    } else if (at(i, "MATCH") || at(i, "INITIALLY")) {
      i += 2;
    } else if (at(i, "NOT") && at(i + 1, "DEFERRABLE")) {
      i += 2;
    } else if (at(i, "DEFERRABLE")) {
      i += 1;
    } else {
      break;
    }
  }
  return i;
}

// Whether a top-level token that starts an item of CREATE TABLE's list starts
// a table constraint (otherwise it is a column's name).
DBPUSH_INLINE bool starts_table_constraint(const sql_token& t) {
  for (const auto keyword : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"})
    if (t.is_keyword(keyword)) return true;
  return false;
}

// Keywords that start a column or table constraint: a CONSTRAINT name before
// one of them names that constraint, not a later one.
DBPUSH_INLINE bool starts_other_constraint(const sql_token& t) {
  for (const auto keyword : {"PRIMARY", "NOT", "NULL", "UNIQUE", "DEFAULT", "COLLATE", "GENERATED", "AS"})
    if (t.is_keyword(keyword)) return true;
  return false;
}

DBPUSH_INLINE table_text parse_create_table(std::string_view sql) {
  table_text out;
  const auto t = tokenize(sql);
  int depth = 0;
  bool starts_item = false;  // the next top-level token starts a column definition or a table constraint
  std::string column;        // the column being defined; empty in a table constraint
  std::string name;          // what a CONSTRAINT clause names: the constraint that follows
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].is_keyword("AUTOINCREMENT")) out.autoincrement = true;
    if (t[i].is_symbol('(') || t[i].is_symbol(')')) {
      depth += t[i].is_symbol('(') ? 1 : -1;
      starts_item = depth == 1 && t[i].is_symbol('(');
      continue;
    }
    if (depth != 1) continue;
    if (t[i].is_symbol(',')) {
      starts_item = true;
      name.clear();
      continue;
    }
    if (starts_item) {
      starts_item = false;
      column = starts_table_constraint(t[i]) ? std::string() : t[i].text;
      if (!column.empty()) continue;
    }
    if (t[i].is_keyword("CONSTRAINT") && i + 1 < t.size() && t[i + 1].is_name()) {
      name = t[++i].text;
      continue;
    }
    if (t[i].is_keyword("CHECK") && name.starts_with(enum_constraint_prefix)) {
      // CHECK ( "column" IN ( 'a', 'b' ) )
      const std::size_t j = i;
      if (j + 4 < t.size() && t[j + 1].is_symbol('(') && t[j + 2].is_name() && t[j + 3].is_keyword("IN") &&
          t[j + 4].is_symbol('(')) {
        enum_type e{name.substr(enum_constraint_prefix.size()), {}};
        for (std::size_t k = j + 5; k < t.size() && t[k].type == sql_token::kind::string; k += 2) {
          e.values.push_back(t[k].text);
          if (k + 1 >= t.size() || !t[k + 1].is_symbol(',')) break;
        }
        out.enums.push_back(std::move(e));
        out.enum_columns.push_back(t[j + 2].text);
      }
      name.clear();
      continue;
    }
    // A table's FOREIGN KEY (columns) REFERENCES ..., or a column's own REFERENCES ...
    const bool table_key = t[i].is_keyword("FOREIGN") && i + 1 < t.size() && t[i + 1].is_keyword("KEY");
    const bool column_key = t[i].is_keyword("REFERENCES") && !column.empty();
    if (table_key || column_key) {
      foreign_key fk;
      fk.name = std::move(name);
      name.clear();
      std::optional<std::size_t> references = i;
      if (table_key) references = read_name_list(t, i + 2, fk.columns);
      else fk.columns = {column};
      if (!references || *references >= t.size() || !t[*references].is_keyword("REFERENCES")) continue;
      const auto after = read_references(t, *references, fk);
      if (!after) continue;
      out.foreign_keys.push_back(std::move(fk));
      i = *after - 1;
      continue;
    }
    if (starts_other_constraint(t[i])) name.clear();
  }
  return out;
}

// The predicate after the top-level WHERE of a CREATE INDEX, as written.
DBPUSH_INLINE std::optional<std::string> partial_index_predicate(std::string_view sql) {
  int depth = 0;
  for (const auto& tok : tokenize(sql)) {
    if (tok.is_symbol('(')) ++depth;
    if (tok.is_symbol(')')) --depth;
    if (depth == 0 && tok.is_keyword("WHERE")) return std::string(db::detail::trim(sql.substr(tok.end)));
  }
  return std::nullopt;
}

DBPUSH_INLINE bool same_name(std::string_view a, std::string_view b) {
  return db::detail::same_identifier(a, b, identifier_rule);
}

DBPUSH_INLINE bool same_names(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_name(a[i], b[i])) return false;
  return true;
}

// Whether a key pragma_foreign_key_list reports (its parent's columns not yet
// resolved) is `declared`, a key of the CREATE TABLE text.
DBPUSH_INLINE bool same_declaration(const foreign_key& declared, const foreign_key& reported) {
  return same_names(declared.columns, reported.columns) && same_name(declared.referenced_table, reported.referenced_table) &&
         same_names(declared.referenced_columns, reported.referenced_columns) &&
         declared.on_delete == reported.on_delete && declared.on_update == reported.on_update;
}

DBPUSH_INLINE bool is_ignored(const std::vector<std::string>& ignore_tables, std::string_view name) {
  for (const auto& ignored : ignore_tables)
    if (same_name(ignored, name)) return true;
  return false;
}

// SQLite resolves `name` among `columns` without regard to case; the column's
// name as declared, or `name` when there is none.
DBPUSH_INLINE const std::string& declared_column(const table& t, const std::string& name) {
  for (const auto& c : t.columns)
    if (same_name(c.name, name)) return c.name;
  return name;
}

// Rows come grouped by table: pragma_table_xinfo(m.name) can only be read in
// a loop nested inside the one over m.
DBPUSH_INLINE void read_columns(SQLite::Database& db, const std::vector<std::string>& ignore_tables,
                                schema& out) {
  // Shadow tables come first, as rows without a column.
  SQLite::Statement q(db, "SELECT name, NULL, NULL, NULL, NULL, NULL, NULL" + std::string(shadow_tables_from) +
                              " UNION ALL SELECT m.name, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, m.sql " +
                              std::string(managed_tables_from) + "JOIN pragma_table_xinfo(m.name) AS c" +
                              std::string(managed_tables_where) + " AND c.hidden = 0");
  std::vector<std::string> create_texts;
  std::vector<std::string> shadows;
  while (q.executeStep()) {
    std::string table_name = q.getColumn(0).getString();
    if (q.getColumn(1).isNull()) {
      shadows.push_back(std::move(table_name));
      continue;
    }
    if (is_ignored(ignore_tables, table_name) || is_ignored(shadows, table_name)) continue;
    if (out.tables.empty() || out.tables.back().name != table_name) {
      out.tables.push_back(table{});
      out.tables.back().name = std::move(table_name);
      create_texts.push_back(column_text(q, 6));
    }
    auto& t = out.tables.back();
    column c;
    c.name = q.getColumn(1).getString();
    c.type = canonical_type(column_text(q, 2));
    c.nullable = q.getColumn(3).getInt() == 0;
    if (!q.getColumn(4).isNull()) c.default_sql = canonical_default(q.getColumn(4).getString());
    // pk: the column's 1-based position in the primary key.
    if (const auto pk = static_cast<std::size_t>(q.getColumn(5).getInt()); pk > 0) {
      if (t.primary_key.size() < pk) t.primary_key.resize(pk);
      t.primary_key[pk - 1] = c.name;
    }
    t.columns.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < out.tables.size(); ++i) {
    auto& t = out.tables[i];
    auto text = parse_create_table(create_texts[i]);
    // AUTOINCREMENT is only valid on a single INTEGER PRIMARY KEY.
    if (text.autoincrement && t.primary_key.size() == 1)
      for (auto& c : t.columns)
        if (c.name == t.primary_key.front()) c.autoincrement = true;
    for (std::size_t k = 0; k < text.enums.size(); ++k) {
      // The CHECK's text may spell the column otherwise than its declaration.
      for (auto& c : t.columns)
        if (same_name(c.name, text.enum_columns[k])) c.enum_type = text.enums[k].name;
      if (!out.find_enum(text.enums[k].name)) out.enums.push_back(std::move(text.enums[k]));
    }
    // Foreign key names, matched by (columns, referenced table) in read_foreign_keys.
    t.foreign_keys = std::move(text.foreign_keys);
  }
}

DBPUSH_INLINE void read_indexes(SQLite::Database& db, schema& out, const db::detail::name_index& by_name) {
  // Rows come grouped by table, then index, in key order (nested pragma calls);
  // only a partial index needs its CREATE INDEX text.
  SQLite::Statement q(db, "SELECT m.name, il.name, il.\"unique\", il.origin, ii.name, CASE WHEN il.partial THEN "
                          "(SELECT s.sql FROM sqlite_schema AS s WHERE s.type = 'index' AND s.name = il.name) END " +
                              std::string(managed_tables_from) +
                              "JOIN pragma_index_list(m.name) AS il JOIN pragma_index_info(il.name) AS ii" +
                              std::string(managed_tables_where) + " AND il.origin <> 'pk'");
  std::string current_table, current_index;
  index* building = nullptr;  // nullptr while the rest of an index on an expression is skipped
  while (q.executeStep()) {
    auto table_name = q.getColumn(0).getString();
    const auto at = by_name.find(table_name);
    if (at == db::detail::name_index::npos) continue;
    auto index_name = q.getColumn(1).getString();
    auto& t = out.tables[at];
    const bool next_index = table_name != current_table || index_name != current_index;
    if (!next_index && !building) continue;
    if (next_index) {
      current_table = table_name;
      current_index = index_name;
      index i;
      i.unique = q.getColumn(2).getInt() != 0;
      i.from_constraint = q.getColumn(3).getString() == "u";
      // Constraint-made indexes get the generated name a target would give them.
      if (!i.from_constraint) i.name = index_name;
      if (!i.from_constraint) i.where = partial_index_predicate(column_text(q, 5));
      t.indexes.push_back(std::move(i));
      building = &t.indexes.back();
    }
    if (q.getColumn(4).isNull()) {  // a key on an expression: dbpush cannot model this index
      t.indexes.pop_back();
      building = nullptr;
    } else {
      building->columns.push_back(q.getColumn(4).getString());
    }
  }
}

DBPUSH_INLINE void read_foreign_keys(SQLite::Database& db, schema& out, const db::detail::name_index& by_name) {
  SQLite::Statement q(db,
                      std::string("SELECT m.name, fk.id, fk.\"table\", fk.\"from\", fk.\"to\", fk.on_update, fk.on_delete ") +
                          std::string(managed_tables_from) + "JOIN pragma_foreign_key_list(m.name) AS fk" +
                          std::string(managed_tables_where));
  // Each table's foreign_keys hold the keys its CREATE TABLE text declares
  // (read_columns); the pragma's keys go after them, each takes the name of
  // the first declared key of the same definition not taken yet, and they
  // replace them. Keys on the same columns to the same parent differ in the
  // parent's columns or the actions; keys alike in everything are
  // interchangeable.
  std::vector<std::size_t> named(out.tables.size());
  for (std::size_t i = 0; i < out.tables.size(); ++i) named[i] = out.tables[i].foreign_keys.size();
  std::string current_table;
  int current_id = -1;
  while (q.executeStep()) {
    auto table_name = q.getColumn(0).getString();
    const auto at = by_name.find(table_name);
    if (at == db::detail::name_index::npos) continue;
    const int id = q.getColumn(1).getInt();
    auto& list = out.tables[at].foreign_keys;
    if (list.size() == named[at] || table_name != current_table || id != current_id) {
      current_table = table_name;
      current_id = id;
      foreign_key fk;
      fk.referenced_table = q.getColumn(2).getString();
      fk.on_update = parse_action(q.getColumn(5).getString());
      fk.on_delete = parse_action(q.getColumn(6).getString());
      list.push_back(std::move(fk));
    }
    list.back().columns.push_back(q.getColumn(3).getString());
    // NULL "to": the parent's primary key, resolved below.
    if (!q.getColumn(4).isNull()) list.back().referenced_columns.push_back(q.getColumn(4).getString());
  }
  for (std::size_t i = 0; i < out.tables.size(); ++i) {
    auto& list = out.tables[i].foreign_keys;
    const auto first_read = list.begin() + static_cast<std::ptrdiff_t>(named[i]);
    std::vector<bool> taken(named[i], false);
    for (auto fk = first_read; fk != list.end(); ++fk) {
      for (std::size_t n = 0; n < named[i]; ++n)
        if (!taken[n] && same_declaration(list[n], *fk)) {
          taken[n] = true;
          fk->name = list[n].name;
          break;
        }
      // The pragma reports the parent and its columns as REFERENCES spells
      // them; SQLite resolves them without regard to case. They are read
      // back as the parent declares them, as a target spells them.
      const auto parent = by_name.find(fk->referenced_table);
      if (parent == db::detail::name_index::npos) continue;
      const table& p = out.tables[parent];
      fk->referenced_table = p.name;
      if (fk->referenced_columns.empty()) fk->referenced_columns = p.primary_key;
      for (auto& c : fk->referenced_columns) c = declared_column(p, c);
    }
    list.erase(list.begin(), first_read);
  }
}


DBPUSH_INLINE std::vector<std::string> unreproducible_parts(std::string_view create_table_sql) {
  std::vector<std::string> found;
  auto note = [&found](const char* what) {
    if (std::find(found.begin(), found.end(), what) == found.end()) found.emplace_back(what);
  };
  const auto t = tokenize(create_table_sql);
  int depth = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].is_symbol('(')) {
      ++depth;
    } else if (t[i].is_symbol(')')) {
      --depth;
    } else if (t[i].is_keyword("CHECK")) {
      const bool enum_check = i >= 2 && t[i - 2].is_keyword("CONSTRAINT") && t[i - 1].is_name() &&
                              t[i - 1].text.starts_with(enum_constraint_prefix);
      if (!enum_check) note("a CHECK constraint");
    } else if (t[i].is_keyword("GENERATED") ||
               (depth == 1 && t[i].is_keyword("AS") && i + 1 < t.size() && t[i + 1].is_symbol('('))) {
      note("a generated column");
    } else if (t[i].is_keyword("COLLATE")) {
      note("a COLLATE clause");
    } else if (depth == 0 && t[i].is_keyword("WITHOUT")) {
      note("WITHOUT ROWID");
    } else if (depth == 0 && t[i].is_keyword("STRICT")) {
      note("STRICT");
    }
  }
  return found;
}

DBPUSH_INLINE schema introspect(SQLite::Database& db, const std::vector<std::string>& ignore_tables) {
  schema out;
  detail::read_columns(db, ignore_tables, out);
  db::detail::name_index by_name(identifier_rule);  // views into out's table names, which no longer move
  by_name.reserve(out.tables.size());
  for (std::size_t i = 0; i < out.tables.size(); ++i) by_name.insert(out.tables[i].name, i);
  detail::read_indexes(db, out, by_name);
  detail::read_foreign_keys(db, out, by_name);
  normalise(out);
  return out;
}

DBPUSH_INLINE std::vector<std::string> managed_tables(SQLite::Database& db,
                                                      const std::vector<std::string>& ignore_tables) {
  SQLite::Statement q(db, std::string("SELECT m.name ") + std::string(detail::managed_tables_from) +
                              std::string(detail::managed_tables_where) + " AND m.name NOT IN (SELECT name" +
                              std::string(detail::shadow_tables_from) + ")");
  std::vector<std::string> names;
  while (q.executeStep())
    if (auto name = q.getColumn(0).getString(); !detail::is_ignored(ignore_tables, name))
      names.push_back(std::move(name));
  return names;
}

}  // namespace db::sqlite::detail
