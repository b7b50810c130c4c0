// dbpush: definitions for <dbpush/sqlite/introspect.hpp>.
#pragma once

#include <dbpush/detail/text.hpp>
#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/sqlite/introspect.hpp>
#include <dbpush/sqlite/detail/create_texts.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>
#include <dbpush/sqlite/types.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <optional>
#include <span>

namespace db::sqlite::detail {

// The ordinary tables of main: driven by sqlite_schema (joining it by name
// would scan it once per table), virtual tables (rootpage 0) left out before a
// pragma could need their module.
inline constexpr std::string_view managed_tables_from = "FROM sqlite_schema AS m ";
inline constexpr std::string_view managed_tables_where =
    " WHERE m.type = 'table' AND m.rootpage > 0 AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
// Shadow tables belong to a virtual table (FTS, R*Tree): never dbpush's. There
// are none without a virtual table (rootpage 0), and then pragma_table_list,
// which lists every table of every schema, is not read.
inline constexpr std::string_view shadow_tables_from =
    " FROM (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND rootpage = 0 LIMIT 1) AS virtual_table"
    " CROSS JOIN pragma_table_list AS t WHERE t.schema = 'main' AND t.type = 'shadow'";

DBPUSH_INLINE std::string column_text(const SQLite::Statement& q, int i) {
  auto c = q.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
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

// SQLite resolves `name` among the visible columns of `t` without regard to
// case: that column as declared, or nullptr.
DBPUSH_INLINE const column* declared_column(const table& t, std::string_view name) {
  for (const auto& c : t.columns)
    if (same_name(c.name, name)) return &c;
  return nullptr;
}

// Quoted literals of `names`, comma-separated: the list of an IN (...).
DBPUSH_INLINE std::string literal_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    append_quoted_literal(out, name);
  }
  return out;
}

// One row of sqlite_schema for an index of a managed table.
struct index_row {
  std::size_t table = 0;  // position among the tables read
  std::string name;
  std::optional<std::string> sql;  // none: made by a UNIQUE or PRIMARY KEY constraint
};

// The managed tables, named in sqlite_schema's order, with their CREATE texts
// and those of their indexes.
struct schema_texts {
  std::vector<table> tables;        // only named
  std::vector<std::string> texts;   // by position among the tables
  std::vector<index_row> indexes;   // in the order SQLite created them
};

// Statement 1: the managed tables and their indexes, from sqlite_schema alone;
// shadow tables come first, as rows of their own (kind 2).
DBPUSH_INLINE schema_texts read_texts(SQLite::Database& db, const std::vector<std::string>& ignore_tables) {
  SQLite::Statement q(db, "SELECT 2, name, name, NULL" + std::string(shadow_tables_from) +
                              " UNION ALL SELECT m.type = 'index', m.name, m.tbl_name, m.sql " +
                              std::string(managed_tables_from) + "WHERE m.type = 'index' OR (" +
                              std::string(managed_tables_where.substr(7)) + ")");
  struct row {
    std::string name;
    std::string table;
    std::optional<std::string> sql;
  };
  std::vector<std::string> shadows;
  std::vector<row> tables, indexes;
  while (q.executeStep()) {
    const int kind = q.getColumn(0).getInt();
    if (kind == 2) {
      shadows.push_back(q.getColumn(1).getString());
      continue;
    }
    row r{q.getColumn(1).getString(), q.getColumn(2).getString(), std::nullopt};
    if (!q.getColumn(3).isNull()) r.sql = q.getColumn(3).getString();
    (kind == 1 ? indexes : tables).push_back(std::move(r));
  }
  schema_texts out;
  for (auto& r : tables) {
    if (is_ignored(ignore_tables, r.name) || is_ignored(shadows, r.name)) continue;
    out.tables.emplace_back().name = std::move(r.name);
    out.texts.push_back(r.sql.value_or(std::string()));
  }
  db::detail::name_index by_name(identifier_rule);  // views into out's table names, which no longer move
  by_name.reserve(out.tables.size());
  for (std::size_t i = 0; i < out.tables.size(); ++i) by_name.insert(out.tables[i].name, i);
  for (auto& r : indexes)
    if (const auto at = by_name.find(r.table); at != db::detail::name_index::npos)
      out.indexes.push_back({at, std::move(r.name), std::move(r.sql)});
  return out;
}

// Adds a column as pragma_table_xinfo reports it to `t`, its type and default
// canonical, its key position in t's primary key.
DBPUSH_INLINE void add_column(table& t, xinfo_column read) {
  column c;
  c.name = std::move(read.name);
  c.type = canonical_type(read.type);
  c.nullable = !read.not_null;
  if (read.default_sql) c.default_sql = canonical_default(std::move(read.default_sql));
  if (const auto pk = read.primary_key_position; pk > 0) {
    if (t.primary_key.size() < pk) t.primary_key.resize(pk);
    t.primary_key[pk - 1] = c.name;
  }
  t.columns.push_back(std::move(c));
}

// Statement 2, when needed: the columns of the tables at `unread` among
// `tables` as pragma_table_xinfo reports them. Rows come grouped by table:
// pragma_table_xinfo(m.name) can only be read in a loop nested inside the one
// over m.
DBPUSH_INLINE void read_reported_columns(SQLite::Database& db, std::vector<table>& tables,
                                         const std::vector<std::size_t>& unread) {
  std::vector<std::string> names;
  db::detail::name_index by_name(identifier_rule);
  by_name.reserve(unread.size());
  for (const auto i : unread) {
    names.push_back(tables[i].name);
    by_name.insert(tables[i].name, i);
  }
  SQLite::Statement q(db, "SELECT m.name, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk " +
                              std::string(managed_tables_from) + "JOIN pragma_table_xinfo(m.name) AS c" +
                              std::string(managed_tables_where) + " AND c.hidden = 0 AND m.name IN (" +
                              literal_list(names) + ")");
  while (q.executeStep()) {
    const auto at = by_name.find(q.getColumn(0).getText());
    if (at == db::detail::name_index::npos) continue;
    xinfo_column c{q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getInt() != 0,
                   std::nullopt, static_cast<std::size_t>(q.getColumn(5).getInt())};
    if (!q.getColumn(4).isNull()) c.default_sql = q.getColumn(4).getString();
    add_column(tables[at], std::move(c));
  }
}

// What the CREATE TABLE text adds to a table's columns:
// AUTOINCREMENT, enum types (added to `enums` once each) and the foreign keys,
// in the order SQLite reports them (the last declared first), their columns as
// the table declares them. False when the text may miss a foreign key SQLite
// knows, or names a column that is not among the visible ones.
DBPUSH_INLINE bool apply_table_text(table& t, table_text text, std::vector<enum_type>& enums) {
  // AUTOINCREMENT is only valid on a single INTEGER PRIMARY KEY.
  if (text.autoincrement && t.primary_key.size() == 1)
    for (auto& c : t.columns)
      if (c.name == t.primary_key.front()) c.autoincrement = true;
  for (auto& check : text.enum_checks) {
    // The CHECK's text may spell the column otherwise than its declaration.
    for (auto& c : t.columns)
      if (same_name(c.name, check.column)) c.enum_type = check.type.name;
    if (!db::detail::find_named(enums, check.type.name)) enums.push_back(std::move(check.type));
  }
  bool complete = text.foreign_keys_complete;
  for (auto& key : text.foreign_keys)
    for (auto& name : key.columns) {
      const column* c = declared_column(t, name);
      complete = complete && c;
      if (c) name = c->name;
    }
  t.foreign_keys.assign(std::make_move_iterator(text.foreign_keys.rbegin()),
                        std::make_move_iterator(text.foreign_keys.rend()));
  return complete;
}

// An index as its text describes it, its columns as `t` declares them;
// nullopt when only SQLite can say (no text, a key that is not a plain visible
// column).
DBPUSH_INLINE std::optional<index> index_from_text(const table& t, const index_row& row) {
  if (!row.sql) return std::nullopt;
  auto read = parse_create_index(*row.sql);
  if (!read) return std::nullopt;
  for (auto& name : read->columns) {
    const column* c = declared_column(t, name);
    if (!c) return std::nullopt;
    name = c->name;
  }
  read->name = row.name;
  return read;
}

// Statement 3, when needed: SQLite's reading of the indexes named `names`,
// each as the db::index it is, keys in order, from_constraint for a UNIQUE
// constraint's. The primary key's index and those with a key on an
// expression, which dbpush leaves out, are not among them.
DBPUSH_INLINE std::vector<index> read_reported_indexes(SQLite::Database& db, const std::vector<std::string>& names) {
  SQLite::Statement q(db, "SELECT il.name, il.\"unique\", il.origin, ii.name FROM sqlite_schema AS s "
                          "JOIN pragma_index_list(s.tbl_name) AS il ON il.name = s.name "
                          "JOIN pragma_index_info(il.name) AS ii WHERE s.type = 'index' AND il.origin <> 'pk' "
                          "AND s.name IN (" +
                              literal_list(names) + ")");
  std::vector<index> out;
  bool on_expression = false;  // the last index has a key on an expression, which has no name
  while (q.executeStep()) {
    if (out.empty() || out.back().name != q.getColumn(0).getText()) {
      if (on_expression) out.pop_back();
      on_expression = false;
      out.push_back({.name = q.getColumn(0).getString(),
                     .unique = q.getColumn(1).getInt() != 0,
                     .from_constraint = q.getColumn(2).getString() == "u"});
    }
    if (q.getColumn(3).isNull()) on_expression = true;
    else out.back().columns.push_back(q.getColumn(3).getString());
  }
  if (on_expression) out.pop_back();
  return out;
}

// The index `row` as SQLite reports it (`reported`); nullopt for one dbpush
// leaves out.
DBPUSH_INLINE std::optional<index> index_from_report(const index_row& row, const std::vector<index>& reported) {
  const index* r = db::detail::find_named(reported, row.name);
  if (!r) return std::nullopt;
  index out = *r;
  // Constraint-made indexes get the generated name a target would give them.
  if (out.from_constraint) out.name.clear();
  else if (row.sql) out.where = partial_index_predicate(*row.sql);
  return out;
}

// The n of sqlite_autoindex_<table>_<n>, the name SQLite gives the index of
// the n-th constraint index of `table`; 0 when `name` is not such a name.
DBPUSH_INLINE std::size_t autoindex_number(std::string_view table, std::string_view name) {
  constexpr std::string_view prefix = "sqlite_autoindex_";
  if (!name.starts_with(prefix) || name.size() <= prefix.size() + table.size() + 1) return 0;
  name.remove_prefix(prefix.size());
  if (!name.starts_with(table) || name[table.size()] != '_') return 0;
  name.remove_prefix(table.size() + 1);
  if (name.front() == '0' || name.size() > 9) return 0;
  std::size_t n = 0;
  for (const char c : name) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

// For each table, whether the index rows without text that sqlite_schema
// holds for it are exactly those its constraint indexes (read from its text,
// `read`) name, sqlite_autoindex_<table>_1 to _<n>: only then are these taken
// from the text. Index names are unique, so n such rows numbered from 1 to n
// are each of these names once.
DBPUSH_INLINE std::vector<bool> constraint_indexes_line_up(const std::vector<table>& tables,
                                                          const std::vector<index_row>& rows,
                                                          const std::vector<table_text>& read) {
  std::vector<bool> lined_up(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) lined_up[i] = read[i].layout.has_value();
  std::vector<std::size_t> textless(tables.size());  // rows without text, by table
  for (const auto& row : rows) {
    if (row.sql || !lined_up[row.table]) continue;
    const auto n = autoindex_number(tables[row.table].name, row.name);
    lined_up[row.table] = n > 0 && n <= read[row.table].layout->constraint_indexes.size();
    ++textless[row.table];
  }
  for (std::size_t i = 0; i < tables.size(); ++i)
    lined_up[i] = lined_up[i] && textless[i] == read[i].layout->constraint_indexes.size();
  return lined_up;
}

// The index of a UNIQUE constraint as a db::index; nullopt for the primary
// key's, which dbpush leaves out.
DBPUSH_INLINE std::optional<index> index_from_constraint(const constraint_index& made) {
  if (made.primary_key) return std::nullopt;
  index out;
  out.columns = made.columns;
  out.unique = true;
  out.from_constraint = true;
  return out;
}

// Every index of the managed tables `tables`: from its text when it reads as
// plain columns, a constraint's from its table's text (`texts`, by table) when
// that lines up with sqlite_schema, otherwise as SQLite reports it. Each
// table's indexes come in the order SQLite reports them, the last created first.
// Returns the names of the indexes it asked the pragmas for.
DBPUSH_INLINE std::vector<std::string> read_indexes(SQLite::Database& db, std::vector<table>& tables,
                                                   const std::vector<index_row>& rows,
                                                   const std::vector<table_text>& texts) {
  const auto lined_up = constraint_indexes_line_up(tables, rows, texts);
  std::vector<std::optional<index>> read(rows.size());
  std::vector<bool> known(rows.size());  // read, or left out as SQLite would report it
  std::vector<std::string> unread;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (!row.sql && lined_up[row.table]) {
      const auto& made = texts[row.table].layout->constraint_indexes;
      read[i] = index_from_constraint(made[autoindex_number(tables[row.table].name, row.name) - 1]);
      known[i] = true;
    } else {
      read[i] = index_from_text(tables[row.table], row);
      known[i] = read[i].has_value();
    }
    if (!known[i]) unread.push_back(row.name);
  }
  std::vector<index> reported;
  if (!unread.empty()) reported = read_reported_indexes(db, unread);
  for (std::size_t i = rows.size(); i-- > 0;) {
    if (!known[i]) read[i] = index_from_report(rows[i], reported);
    if (read[i]) tables[rows[i].table].indexes.push_back(std::move(*read[i]));
  }
  return unread;
}

// A foreign key as pragma_foreign_key_list reports it, of the table named `table`.
struct reported_foreign_key {
  std::string table;
  foreign_key key;
};

// Statement 4, when needed: SQLite's reading of the foreign keys of the tables
// named `names`, in the pragma's order, each key's columns in order.
DBPUSH_INLINE std::vector<reported_foreign_key> read_reported_foreign_keys(SQLite::Database& db,
                                                                         const std::vector<std::string>& names) {
  SQLite::Statement q(db,
                      "SELECT m.name, fk.id, fk.\"table\", fk.\"from\", fk.\"to\", fk.on_update, fk.on_delete " +
                          std::string(managed_tables_from) + "JOIN pragma_foreign_key_list(m.name) AS fk" +
                          std::string(managed_tables_where) + " AND m.name IN (" + literal_list(names) + ")");
  std::vector<reported_foreign_key> out;
  int current_id = -1;
  while (q.executeStep()) {
    const int id = q.getColumn(1).getInt();
    if (out.empty() || out.back().table != q.getColumn(0).getText() || id != current_id) {
      current_id = id;
      foreign_key key;
      key.referenced_table = q.getColumn(2).getString();
      key.on_update = parse_action(q.getColumn(5).getString());
      key.on_delete = parse_action(q.getColumn(6).getString());
      out.push_back({q.getColumn(0).getString(), std::move(key)});
    }
    auto& key = out.back().key;
    key.columns.push_back(q.getColumn(3).getString());
    // NULL "to": the parent's primary key, resolved later.
    if (!q.getColumn(4).isNull()) key.referenced_columns.push_back(q.getColumn(4).getString());
  }
  return out;
}

// The keys SQLite reports for a table, each named as the first key of the
// same definition its text declares (`declared`) that no key took before.
// Keys on the same columns to the same parent differ in the parent's columns
// or the actions; keys alike in everything are interchangeable.
DBPUSH_INLINE std::vector<foreign_key> named_as_declared(std::vector<foreign_key> reported,
                                                         const std::vector<foreign_key>& declared) {
  std::vector<bool> taken(declared.size(), false);
  for (auto& key : reported)
    for (std::size_t n = 0; n < declared.size(); ++n)
      if (!taken[n] && same_declaration(declared[n], key)) {
        taken[n] = true;
        key.name = declared[n].name;
        break;
      }
  return reported;
}

// The tables whose texts left a foreign key unread get SQLite's report of
// their keys, named from what the texts did read.
DBPUSH_INLINE void read_unread_foreign_keys(SQLite::Database& db, std::vector<table>& tables,
                                            const std::vector<std::size_t>& unread) {
  std::vector<std::string> names;
  for (const auto i : unread) names.push_back(tables[i].name);
  const auto reported = read_reported_foreign_keys(db, names);
  for (const auto i : unread) {
    std::vector<foreign_key> keys;
    for (const auto& r : reported)
      if (r.table == tables[i].name) keys.push_back(r.key);
    tables[i].foreign_keys = named_as_declared(std::move(keys), tables[i].foreign_keys);
  }
}

// SQLite resolves a foreign key's parent and its columns without regard to
// case; they are read back as the parent declares them, as a target spells
// them, and a key without parent columns gets the parent's primary key.
DBPUSH_INLINE void resolve_parents(std::vector<table>& tables, const db::detail::name_index& by_name) {
  for (auto& t : tables)
    for (auto& key : t.foreign_keys) {
      const auto parent = by_name.find(key.referenced_table);
      if (parent == db::detail::name_index::npos) continue;
      const table& p = tables[parent];
      key.referenced_table = p.name;
      if (key.referenced_columns.empty()) key.referenced_columns = p.primary_key;
      for (auto& c : key.referenced_columns)
        if (const column* declared = declared_column(p, c)) c = declared->name;
    }
}

DBPUSH_INLINE introspection read_introspection(SQLite::Database& db, const std::vector<std::string>& ignore_tables) {
  auto texts = detail::read_texts(db, ignore_tables);
  introspection out;
  out.read.tables = std::move(texts.tables);
  auto& tables = out.read.tables;
  std::vector<table_text> read(tables.size());
  std::vector<std::size_t> unread_columns;  // tables whose text the column reader does not follow
  for (std::size_t i = 0; i < tables.size(); ++i) {
    read[i] = parse_create_table(texts.texts[i]);
    if (!read[i].layout) {
      unread_columns.push_back(i);
      out.tables_read_by_pragma.push_back(tables[i].name);
      continue;
    }
    tables[i].columns.reserve(read[i].layout->columns.size());
    for (const auto& c : read[i].layout->columns) add_column(tables[i], c);
  }
  if (!unread_columns.empty()) detail::read_reported_columns(db, tables, unread_columns);
  db::detail::name_index by_name(identifier_rule);  // views into the table names, which no longer move
  by_name.reserve(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) by_name.insert(tables[i].name, i);
  out.indexes_read_by_pragma = detail::read_indexes(db, tables, texts.indexes, read);
  std::vector<std::size_t> unread_keys;  // tables whose text may miss a foreign key
  for (std::size_t i = 0; i < tables.size(); ++i)
    if (!apply_table_text(tables[i], std::move(read[i]), out.read.enums)) unread_keys.push_back(i);
  if (!unread_keys.empty()) detail::read_unread_foreign_keys(db, tables, unread_keys);
  detail::resolve_parents(tables, by_name);
  normalise(out.read);
  return out;
}

DBPUSH_INLINE schema introspect(SQLite::Database& db, const std::vector<std::string>& ignore_tables) {
  return read_introspection(db, ignore_tables).read;
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
