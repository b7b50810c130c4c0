// dbpush: definitions for <dbpush/sqlite/detail/create_texts.hpp>.
#pragma once

#include <dbpush/detail/text.hpp>
#include <dbpush/sqlite/detail/create_texts.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>

#include <algorithm>
#include <optional>
#include <span>

namespace db::sqlite::detail {

// Reads `( name, name, ... )` starting at tokens[i] == "(": the names, and the
// index after ")"; nullopt when the list does not read as one.
struct name_list {
  std::vector<std::string> names;
  std::size_t end = 0;
};

DBPUSH_INLINE std::optional<name_list> read_name_list(const std::vector<sql_token>& t, std::size_t i) {
  if (i >= t.size() || !t[i].is_symbol('(')) return std::nullopt;
  name_list out;
  for (++i; i < t.size(); ++i) {
    if (!t[i].is_name()) return std::nullopt;
    out.names.push_back(t[i].text);
    if (++i >= t.size()) return std::nullopt;
    if (t[i].is_symbol(')')) {
      out.end = i + 1;
      return out;
    }
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

// Whether t[k] exists and is the keyword `upper`: readers look ahead without
// checking the length first.
DBPUSH_INLINE bool keyword_at(const std::vector<sql_token>& t, std::size_t k, std::string_view upper) {
  return k < t.size() && t[k].is_keyword(upper);
}

// A REFERENCES clause: the key with its parent, the parent's columns and the
// actions filled in, and the index after the clause.
struct references_clause {
  foreign_key key;
  std::size_t end = 0;
};

// Reads the REFERENCES clause of foreign key `key` at t[i] ("REFERENCES"): the
// parent, its columns as written (none: its primary key), the actions; MATCH,
// ON INSERT and DEFERRABLE clauses are skipped. nullopt when it does not read
// as one.
DBPUSH_INLINE std::optional<references_clause> read_references(const std::vector<sql_token>& t, std::size_t i,
                                                               foreign_key key) {
  if (i + 1 >= t.size() || !t[i + 1].is_name()) return std::nullopt;
  key.referenced_table = t[i + 1].text;
  i += 2;
  if (i < t.size() && t[i].is_symbol('(')) {
    auto parent_columns = read_name_list(t, i);
    if (!parent_columns) return std::nullopt;
    key.referenced_columns = std::move(parent_columns->names);
    i = parent_columns->end;
  }
  while (i < t.size()) {
    const bool action_clause = keyword_at(t, i + 1, "DELETE") || keyword_at(t, i + 1, "UPDATE") ||
                               keyword_at(t, i + 1, "INSERT");
    if (keyword_at(t, i, "ON") && action_clause) {
      const std::size_t words = keyword_at(t, i + 2, "SET") || keyword_at(t, i + 2, "NO") ? 2 : 1;
      if (i + 2 + words > t.size()) return std::nullopt;
      const auto action =
          parse_action(db::detail::to_upper_ascii(words == 1 ? t[i + 2].text : t[i + 2].text + " " + t[i + 3].text));
      if (keyword_at(t, i + 1, "DELETE")) key.on_delete = action;
      if (keyword_at(t, i + 1, "UPDATE")) key.on_update = action;
      i += 2 + words;
    } else if (keyword_at(t, i, "MATCH") || keyword_at(t, i, "INITIALLY")) {
      i += 2;
    } else if (keyword_at(t, i, "NOT") && keyword_at(t, i + 1, "DEFERRABLE")) {
      i += 2;
    } else if (keyword_at(t, i, "DEFERRABLE")) {
      i += 1;
    } else {
      break;
    }
  }
  return references_clause{std::move(key), i};
}

// Whether `t` is one of the keywords `upper` (spelled in upper case).
DBPUSH_INLINE bool is_any_keyword(const sql_token& t, std::span<const std::string_view> upper) {
  if (t.type != sql_token::kind::word) return false;
  for (const auto keyword : upper)
    if (t.is_keyword(keyword)) return true;
  return false;
}

// Whether a top-level token that starts an item of CREATE TABLE's list starts
// a table constraint (otherwise it is a column's name).
DBPUSH_INLINE bool starts_table_constraint(const sql_token& t) {
  static constexpr std::string_view keywords[] = {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"};
  return is_any_keyword(t, keywords);
}

// Keywords that start a column or table constraint: a CONSTRAINT name before
// one of them names that constraint, not a later one.
DBPUSH_INLINE bool starts_other_constraint(const sql_token& t) {
  static constexpr std::string_view keywords[] = {"PRIMARY", "NOT",     "NULL",      "UNIQUE",
                                                  "DEFAULT", "COLLATE", "GENERATED", "AS"};
  return is_any_keyword(t, keywords);
}

// The enum CHECK at t[i] ("CHECK"), `CHECK ( "column" IN ( 'a', 'b' ) )`,
// whose constraint is called `name`; nullopt when it does not read as one.
DBPUSH_INLINE std::optional<enum_check> read_enum_check(const std::vector<sql_token>& t, std::size_t i,
                                                        const std::string& name) {
  if (i + 4 >= t.size() || !t[i + 1].is_symbol('(') || !t[i + 2].is_name() || !t[i + 3].is_keyword("IN") ||
      !t[i + 4].is_symbol('('))
    return std::nullopt;
  enum_check out{t[i + 2].text, {name.substr(enum_constraint_prefix.size()), {}}};
  for (std::size_t k = i + 5; k < t.size() && t[k].type == sql_token::kind::string; k += 2) {
    out.type.values.push_back(t[k].text);
    if (k + 1 >= t.size() || !t[k + 1].is_symbol(',')) break;
  }
  return out;
}

// The index after the ")" that closes the "(" at t[i]; nullopt when none does.
DBPUSH_INLINE std::optional<std::size_t> after_parenthesised(const std::vector<sql_token>& t, std::size_t i) {
  int depth = 0;
  for (; i < t.size(); ++i) {
    if (t[i].is_symbol('(')) ++depth;
    if (t[i].is_symbol(')') && --depth == 0) return i + 1;
  }
  return std::nullopt;
}

// Words SQLite reads as a value, not a name, where an index key is expected.
DBPUSH_INLINE bool is_literal_word(const sql_token& t) {
  static constexpr std::string_view keywords[] = {"NULL", "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"};
  return is_any_keyword(t, keywords);
}

// The keys of an index or of a PRIMARY KEY or UNIQUE constraint, each a plain
// name with COLLATE clauses, ASC or DESC; `end` is the index of the token
// after the last key (")" when the list reads whole).
struct key_list {
  std::vector<std::string> names;
  bool collated = false;
  std::size_t end = 0;
};

// Reads the keys after the "(" at t[i]; nullopt when a key is not a plain name.
DBPUSH_INLINE std::optional<key_list> read_keys(const std::vector<sql_token>& t, std::size_t i) {
  key_list out;
  for (++i; i < t.size(); ++i) {
    if (!t[i].is_name() || is_literal_word(t[i])) return std::nullopt;
    out.names.push_back(t[i].text);
    ++i;
    for (; i + 1 < t.size() && t[i].is_keyword("COLLATE"); i += 2) out.collated = true;
    if (i < t.size() && (t[i].is_keyword("ASC") || t[i].is_keyword("DESC"))) ++i;
    if (i >= t.size() || !t[i].is_symbol(',')) break;
  }
  if (i >= t.size()) return std::nullopt;
  out.end = i;
  return out;
}

// The index after an optional ON CONFLICT clause at t[i]; nullopt when it does not read.
DBPUSH_INLINE std::optional<std::size_t> after_on_conflict(const std::vector<sql_token>& t, std::size_t i) {
  if (i >= t.size() || !t[i].is_keyword("ON")) return i;
  if (i + 2 < t.size() && t[i + 1].is_keyword("CONFLICT") && t[i + 2].type == sql_token::kind::word) return i + 3;
  return std::nullopt;
}

// The index after an optional [NOT] DEFERRABLE [INITIALLY DEFERRED | IMMEDIATE] at t[i].
DBPUSH_INLINE std::size_t after_deferrable(const std::vector<sql_token>& t, std::size_t i) {
  const std::size_t from = i;
  if (i < t.size() && t[i].is_keyword("NOT")) ++i;
  if (i >= t.size() || !t[i].is_keyword("DEFERRABLE")) return from;
  ++i;
  if (i + 1 < t.size() && t[i].is_keyword("INITIALLY")) i += 2;
  return i;
}

// Whether a word ends a column's type because it starts a column constraint.
// SQLite's parser takes every other word into the type: a keyword it does not
// expect there falls back to a name ("int key" is a type).
DBPUSH_INLINE bool ends_type(const sql_token& t) {
  static constexpr std::string_view keywords[] = {"CONSTRAINT", "DEFAULT",    "NULL",    "NOT",       "PRIMARY", "UNIQUE",
                                                  "CHECK",      "REFERENCES", "DEFERRABLE", "COLLATE", "GENERATED", "AS"};
  return is_any_keyword(t, keywords);
}

// A span of the text and the index of the token after it.
struct text_span {
  std::string text;
  std::size_t end = 0;
};

// The declared type at t[i]: SQLite copies the text from its first to its
// last token, spaces and comments between them included. nullopt where SQLite
// would change that text (a quoted word, which it dequotes; a type ending in
// ALWAYS, which it cuts off as part of GENERATED ALWAYS) or it does not read.
DBPUSH_INLINE std::optional<text_span> read_declared_type(std::string_view sql, const std::vector<sql_token>& t,
                                                          std::size_t i) {
  const std::size_t first = i;
  while (i < t.size() && t[i].type == sql_token::kind::word && !ends_type(t[i])) ++i;
  if (i < t.size() && (t[i].type == sql_token::kind::identifier || t[i].type == sql_token::kind::string))
    return std::nullopt;
  if (i == first) return text_span{{}, i};
  std::size_t last = i - 1;
  if (i < t.size() && t[i].is_symbol('(')) {
    // ( signed number ) or ( signed number , signed number )
    for (int n = 0;; ++n) {
      ++i;
      if (i < t.size() && (t[i].is_symbol('+') || t[i].is_symbol('-'))) ++i;
      if (n == 2 || i >= t.size() || t[i].type != sql_token::kind::number) return std::nullopt;
      if (++i >= t.size()) return std::nullopt;
      if (t[i].is_symbol(')')) break;
      if (!t[i].is_symbol(',')) return std::nullopt;
    }
    last = i++;
  }
  const auto text = sql.substr(t[first].begin, t[last].end - t[first].begin);
  if (text.size() >= 6 && db::detail::equals_upper_ascii(text.substr(text.size() - 6), "ALWAYS")) return std::nullopt;
  return text_span{std::string(text), i};
}

// A literal SQLite takes after a sign in a DEFAULT clause.
DBPUSH_INLINE bool is_signed_literal(const sql_token& t) {
  return t.type == sql_token::kind::number || t.type == sql_token::kind::string || t.type == sql_token::kind::blob ||
         is_literal_word(t);
}

// The DEFAULT clause at t[i] ("DEFAULT"), its text as SQLite keeps it: a
// parenthesised expression without its parentheses and the spaces inside
// them; a sign with its literal; otherwise the single token as written.
DBPUSH_INLINE std::optional<text_span> read_default(std::string_view sql, const std::vector<sql_token>& t, std::size_t i) {
  if (++i >= t.size()) return std::nullopt;
  if (t[i].is_symbol('(')) {
    const auto end = after_parenthesised(t, i);
    if (!end) return std::nullopt;
    // SQLite trims the same ASCII spaces as trim.
    return text_span{std::string(db::detail::trim(sql.substr(t[i].end, t[*end - 1].begin - t[i].end))), *end};
  }
  const std::size_t first = i;
  if (t[i].is_symbol('+') || t[i].is_symbol('-')) {
    if (++i >= t.size() || !is_signed_literal(t[i])) return std::nullopt;
  } else if (t[i].type == sql_token::kind::symbol) {
    return std::nullopt;
  }
  return text_span{std::string(sql.substr(t[first].begin, t[i].end - t[first].begin)), i + 1};
}

// A PRIMARY KEY or UNIQUE constraint's index being made: its key as column positions.
struct made_index {
  std::vector<std::size_t> key;
  bool primary_key = false;
};

// The positions of `names` among `columns` (SQLite resolves them without
// regard to ASCII case); nullopt when one is not a column or comes twice.
DBPUSH_INLINE std::optional<std::vector<std::size_t>> key_positions(const std::vector<xinfo_column>& columns,
                                                                    const std::vector<std::string>& names) {
  std::vector<std::size_t> key;
  for (const auto& name : names) {
    std::size_t at = 0;
    while (at < columns.size() && !db::detail::same_identifier(columns[at].name, name, identifier_rule)) ++at;
    if (at == columns.size() || std::find(key.begin(), key.end(), at) != key.end()) return std::nullopt;
    key.push_back(at);
  }
  return key;
}

// SQLite makes an index for a PRIMARY KEY or UNIQUE constraint unless one it
// made for an earlier constraint of the table has the same key columns in the
// same order (sort orders do not count; collations would, and the reader
// leaves a key list with COLLATE to the pragmas): then no index is made, and a
// PRIMARY KEY makes that index the primary key's.
DBPUSH_INLINE void make_constraint_index(std::vector<made_index>& made, std::vector<std::size_t> key, bool primary_key) {
  for (auto& m : made)
    if (m.key == key) {
      m.primary_key = m.primary_key || primary_key;
      return;
    }
  made.push_back({std::move(key), primary_key});
}

// A PRIMARY KEY on the columns at `key`: their key positions, and an index
// unless the key is the rowid's alias, a single column whose type is exactly
// INTEGER (`descending`: a column constraint's DESC, which makes it an index;
// a table constraint's DESC does not).
DBPUSH_INLINE void make_primary_key(std::vector<xinfo_column>& columns, std::vector<made_index>& made,
                                    std::vector<std::size_t> key, bool descending) {
  for (std::size_t n = 0; n < key.size(); ++n) columns[key[n]].primary_key_position = n + 1;
  const bool rowid_alias =
      key.size() == 1 && !descending && db::detail::equals_upper_ascii(columns[key.front()].type, "INTEGER");
  if (!rowid_alias) make_constraint_index(made, std::move(key), true);
}

// The column definition at t[i] (its name), constraints and all, added to
// `columns`, its constraint indexes to `made`; the index of the "," or ")"
// after it, or nullopt when anything in it is not read as SQLite reads it.
DBPUSH_INLINE std::optional<std::size_t> read_column_definition(std::string_view sql, const std::vector<sql_token>& t,
                                                                std::size_t i, std::vector<xinfo_column>& columns,
                                                                std::vector<made_index>& made) {
  if (i >= t.size() || !t[i].is_name()) return std::nullopt;
  auto type = read_declared_type(sql, t, i + 1);
  if (!type) return std::nullopt;
  const std::size_t self = columns.size();
  columns.push_back({t[i].text, std::move(type->text), false, std::nullopt, 0});
  for (i = type->end; i < t.size() && !t[i].is_symbol(',') && !t[i].is_symbol(')');) {
    std::optional<std::size_t> next;
    if (keyword_at(t, i, "CONSTRAINT") && i + 1 < t.size() && t[i + 1].is_name()) {
      next = i + 2;
    } else if (keyword_at(t, i, "DEFAULT")) {
      auto value = read_default(sql, t, i);
      if (value) {
        columns[self].default_sql = std::move(value->text);
        next = value->end;
      }
    } else if (keyword_at(t, i, "NULL")) {
      next = after_on_conflict(t, i + 1);
    } else if (keyword_at(t, i, "NOT") && keyword_at(t, i + 1, "NULL")) {
      columns[self].not_null = true;
      next = after_on_conflict(t, i + 2);
    } else if (keyword_at(t, i, "PRIMARY") && keyword_at(t, i + 1, "KEY")) {
      std::size_t k = i + 2;
      const bool descending = keyword_at(t, k, "DESC");
      if (descending || keyword_at(t, k, "ASC")) ++k;
      next = after_on_conflict(t, k);
      if (next && keyword_at(t, *next, "AUTOINCREMENT")) ++*next;
      make_primary_key(columns, made, {self}, descending);
    } else if (keyword_at(t, i, "UNIQUE")) {
      next = after_on_conflict(t, i + 1);
      make_constraint_index(made, {self}, false);
    } else if (keyword_at(t, i, "CHECK") && i + 1 < t.size() && t[i + 1].is_symbol('(')) {
      next = after_parenthesised(t, i + 1);
    } else if (keyword_at(t, i, "REFERENCES")) {
      if (auto clause = read_references(t, i, {})) next = clause->end;
    } else if (keyword_at(t, i, "COLLATE") && i + 1 < t.size() && t[i + 1].is_name()) {
      // The column's collation: every key on it, made or to come, takes it alike.
      next = i + 2;
    } else if (const auto after = after_deferrable(t, i); after != i) {
      next = after;
    }
    if (!next) return std::nullopt;
    i = *next;
  }
  if (i >= t.size()) return std::nullopt;
  return i;
}

// The key list of a table's PRIMARY KEY or UNIQUE constraint after t[i]
// ("PRIMARY" or "UNIQUE"), as column positions, and the index after the
// clause; nullopt when it does not read or has COLLATE.
struct table_key {
  std::vector<std::size_t> key;
  std::size_t end = 0;
};

DBPUSH_INLINE std::optional<table_key> read_table_key(const std::vector<sql_token>& t, std::size_t open,
                                                      const std::vector<xinfo_column>& columns) {
  if (open >= t.size() || !t[open].is_symbol('(')) return std::nullopt;
  auto keys = read_keys(t, open);
  if (!keys || keys->collated) return std::nullopt;
  std::size_t i = keys->end;
  if (i < t.size() && t[i].is_keyword("AUTOINCREMENT")) ++i;
  if (i >= t.size() || !t[i].is_symbol(')')) return std::nullopt;
  auto key = key_positions(columns, keys->names);
  const auto end = after_on_conflict(t, i + 1);
  if (!key || !end) return std::nullopt;
  return table_key{std::move(*key), *end};
}

// The table constraint at t[i], its indexes added to `made` and its primary
// key to `columns`; the index after it, or nullopt when it does not read.
DBPUSH_INLINE std::optional<std::size_t> read_table_constraint(const std::vector<sql_token>& t, std::size_t i,
                                                               std::vector<xinfo_column>& columns,
                                                               std::vector<made_index>& made) {
  if (keyword_at(t, i, "CONSTRAINT"))
    return i + 1 < t.size() && t[i + 1].is_name() ? std::optional<std::size_t>(i + 2) : std::nullopt;
  if (keyword_at(t, i, "PRIMARY") && keyword_at(t, i + 1, "KEY")) {
    auto key = read_table_key(t, i + 2, columns);
    if (!key) return std::nullopt;
    make_primary_key(columns, made, std::move(key->key), false);
    return key->end;
  }
  if (keyword_at(t, i, "UNIQUE")) {
    auto key = read_table_key(t, i + 1, columns);
    if (!key) return std::nullopt;
    make_constraint_index(made, std::move(key->key), false);
    return key->end;
  }
  if (keyword_at(t, i, "CHECK") && i + 1 < t.size() && t[i + 1].is_symbol('(')) {
    const auto end = after_parenthesised(t, i + 1);
    return end ? after_on_conflict(t, *end) : std::nullopt;
  }
  if (keyword_at(t, i, "FOREIGN") && keyword_at(t, i + 1, "KEY")) {
    const auto columns_list = read_name_list(t, i + 2);
    if (!columns_list || !keyword_at(t, columns_list->end, "REFERENCES")) return std::nullopt;
    const auto clause = read_references(t, columns_list->end, {});
    return clause ? std::optional<std::size_t>(clause->end) : std::nullopt;
  }
  return std::nullopt;
}

// The layout of the CREATE TABLE text `sql` (tokens `t`) as SQLite's parser
// makes it; nullopt when the text holds anything not read exactly so: what
// follows the column list (WITHOUT ROWID, STRICT), generated columns, a quoted
// type, COLLATE in a key list.
DBPUSH_INLINE std::optional<table_layout> read_layout(std::string_view sql, const std::vector<sql_token>& t) {
  if (t.size() < 2 || !t[0].is_keyword("CREATE") || !t[1].is_keyword("TABLE")) return std::nullopt;
  std::size_t i = 2;
  while (i < t.size() && !t[i].is_symbol('(')) {
    if (t[i].is_keyword("AS")) return std::nullopt;
    ++i;
  }
  std::vector<xinfo_column> columns;
  std::vector<made_index> made;
  // Column definitions, then table constraints (separated by commas or not).
  bool constraints = false;
  for (++i; i < t.size() && !t[i].is_symbol(')');) {
    constraints = constraints || starts_table_constraint(t[i]);
    const auto next = constraints ? read_table_constraint(t, i, columns, made)
                                  : read_column_definition(sql, t, i, columns, made);
    if (!next || *next >= t.size()) return std::nullopt;
    i = *next;
    if (t[i].is_symbol(',')) ++i;
  }
  if (columns.empty() || i + 1 != t.size()) return std::nullopt;
  table_layout out;
  out.constraint_indexes.reserve(made.size());
  for (const auto& m : made) {
    constraint_index index{{}, m.primary_key};
    for (const auto position : m.key) index.columns.push_back(columns[position].name);
    out.constraint_indexes.push_back(std::move(index));
  }
  out.columns = std::move(columns);
  return out;
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
      if (auto check = read_enum_check(t, i, name)) out.enum_checks.push_back(std::move(*check));
      name.clear();
      continue;
    }
    // A table's FOREIGN KEY (columns) REFERENCES ..., or a column's own REFERENCES ...
    const bool table_key = t[i].is_keyword("FOREIGN") && i + 1 < t.size() && t[i + 1].is_keyword("KEY");
    const bool column_key = t[i].is_keyword("REFERENCES") && !column.empty();
    if (table_key || column_key) {
      foreign_key key;
      key.name = std::move(name);
      name.clear();
      std::size_t references = i;
      if (table_key) {
        auto columns = read_name_list(t, i + 2);
        if (columns) key.columns = std::move(columns->names);
        references = columns ? columns->end : t.size();
      } else {
        key.columns = {column};
      }
      std::optional<references_clause> clause;
      if (references < t.size() && t[references].is_keyword("REFERENCES"))
        clause = read_references(t, references, std::move(key));
      if (!clause) {
        out.foreign_keys_complete = false;
        continue;
      }
      out.foreign_keys.push_back(std::move(clause->key));
      i = clause->end - 1;
      continue;
    }
    if (starts_other_constraint(t[i])) name.clear();
  }
  out.layout = read_layout(sql, t);
  return out;
}

// The text after the top-level WHERE among `tokens` of `sql`, trimmed.
DBPUSH_INLINE std::optional<std::string> predicate_after_where(std::string_view sql,
                                                               const std::vector<sql_token>& tokens) {
  int depth = 0;
  for (const auto& tok : tokens) {
    if (tok.is_symbol('(')) ++depth;
    if (tok.is_symbol(')')) --depth;
    if (depth == 0 && tok.is_keyword("WHERE")) return std::string(db::detail::trim(sql.substr(tok.end)));
  }
  return std::nullopt;
}

DBPUSH_INLINE std::optional<std::string> partial_index_predicate(std::string_view sql) {
  return predicate_after_where(sql, tokenize(sql));
}

DBPUSH_INLINE std::optional<index> parse_create_index(std::string_view sql) {
  const auto t = tokenize(sql);
  // CREATE [UNIQUE] INDEX name ON table ( key, ... ) [WHERE predicate]
  std::size_t i = 0;
  if (t.size() < 2 || !t[0].is_keyword("CREATE")) return std::nullopt;
  index out;
  out.unique = t[1].is_keyword("UNIQUE");
  while (i < t.size() && !t[i].is_keyword("ON")) ++i;
  i += 2;  // ON table
  if (i >= t.size() || !t[i].is_symbol('(')) return std::nullopt;
  // A list that ends before its ")" is not read, keys or none.
  auto keys = read_keys(t, i);
  if (!keys || !t[keys->end].is_symbol(')')) return std::nullopt;
  out.columns = std::move(keys->names);
  out.where = predicate_after_where(sql, t);
  return out;
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

}  // namespace db::sqlite::detail
