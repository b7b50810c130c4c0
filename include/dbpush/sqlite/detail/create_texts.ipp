// dbpush: definitions for <dbpush/sqlite/detail/create_texts.hpp>.
#pragma once

#include <dbpush/detail/text.hpp>
#include <dbpush/sqlite/detail/create_texts.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>

#include <algorithm>
#include <optional>
#include <span>
#include <utility>

namespace db::sqlite::detail {

DBPUSH_INLINE referential_action parse_action(std::string_view text) {
  if (text == "CASCADE") return referential_action::cascade;
  if (text == "RESTRICT") return referential_action::restrict;
  if (text == "SET NULL") return referential_action::set_null;
  if (text == "SET DEFAULT") return referential_action::set_default;
  return referential_action::no_action;
}

// Whether `t` is one of the keywords `upper` (spelled in upper case).
DBPUSH_INLINE bool is_any_keyword(const sql_token& t, std::span<const std::string_view> upper) {
  if (t.type != sql_token::kind::word) return false;
  for (const auto keyword : upper)
    if (t.is_keyword(keyword)) return true;
  return false;
}

// Whether a token that starts an item of CREATE TABLE's list starts a table
// constraint (otherwise it is a column's name).
DBPUSH_INLINE bool starts_table_constraint(const sql_token& t) {
  static constexpr std::string_view keywords[] = {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"};
  return is_any_keyword(t, keywords);
}

// Whether a word ends a column's type because it starts a column constraint.
// SQLite's parser takes every other word into the type: a keyword it does not
// expect there falls back to a name ("int key" is a type).
DBPUSH_INLINE bool ends_type(const sql_token& t) {
  static constexpr std::string_view keywords[] = {"CONSTRAINT", "DEFAULT",    "NULL",    "NOT",       "PRIMARY", "UNIQUE",
                                                  "CHECK",      "REFERENCES", "DEFERRABLE", "COLLATE", "GENERATED", "AS"};
  return is_any_keyword(t, keywords);
}

// Words SQLite reads as a value, not a name, where an index key is expected.
DBPUSH_INLINE bool is_literal_word(const sql_token& t) {
  static constexpr std::string_view keywords[] = {"NULL", "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"};
  return is_any_keyword(t, keywords);
}

// A literal SQLite takes after a sign in a DEFAULT clause.
DBPUSH_INLINE bool is_signed_literal(const sql_token& t) {
  return t.type == sql_token::kind::number || t.type == sql_token::kind::string || t.type == sql_token::kind::blob ||
         is_literal_word(t);
}

// The keys of an index or of a PRIMARY KEY or UNIQUE constraint, each a plain
// name with COLLATE clauses, ASC or DESC.
struct key_list {
  std::vector<std::string> names;
  bool collated = false;
};

// The tokens of one SQL text, read front to back a piece of SQLite's grammar
// at a time. Each take_, read_ and skip_ function reads the piece at the next
// token and moves past it; when the piece is not there or does not read as
// one, it says so (false, nullopt) and the next token is somewhere inside it.
class token_reader {
 public:
  explicit token_reader(std::string_view sql) : sql_(sql), tokens_(tokenize(sql)) {}

  const std::vector<sql_token>& tokens() const { return tokens_; }
  bool done() const { return at_ >= tokens_.size(); }
  // Whether the token `ahead` tokens after the next is the keyword `upper` or
  // the symbol `symbol`.
  bool next_is(std::string_view upper, std::size_t ahead = 0) const {
    return at_ + ahead < tokens_.size() && tokens_[at_ + ahead].is_keyword(upper);
  }
  bool next_is(char symbol, std::size_t ahead = 0) const {
    return at_ + ahead < tokens_.size() && tokens_[at_ + ahead].is_symbol(symbol);
  }
  // Moves past the next token.
  void step() { at_ = std::min(at_ + 1, tokens_.size()); }
  // Moves past the next token when it is the keyword `upper` or the symbol `symbol`.
  bool take(std::string_view upper) {
    if (!next_is(upper)) return false;
    step();
    return true;
  }
  bool take(char symbol) {
    if (!next_is(symbol)) return false;
    step();
    return true;
  }
  // The next token when it is a name, bare or quoted.
  std::optional<std::string> take_name() {
    if (done() || !tokens_[at_].is_name()) return std::nullopt;
    return tokens_[at_++].text;
  }

  // ( name, name, ... )
  std::optional<std::vector<std::string>> read_name_list() {
    if (!take('(')) return std::nullopt;
    std::vector<std::string> names;
    do {
      auto name = take_name();
      if (!name) return std::nullopt;
      names.push_back(std::move(*name));
    } while (take(','));
    if (!take(')')) return std::nullopt;
    return names;
  }

  // "(" and the keys of an index or of a PRIMARY KEY or UNIQUE constraint, up
  // to the token after the last key (")" when the list reads whole); nullopt
  // when a key is not a plain name.
  std::optional<key_list> read_keys() {
    if (!take('(')) return std::nullopt;
    key_list keys;
    do {
      if (done() || !tokens_[at_].is_name() || is_literal_word(tokens_[at_])) return std::nullopt;
      keys.names.push_back(*take_name());
      for (; next_is("COLLATE") && at_ + 1 < tokens_.size(); at_ += 2) keys.collated = true;
      if (!take("ASC")) take("DESC");
    } while (take(','));
    if (done()) return std::nullopt;
    return keys;
  }

  // The parenthesised group at the next token, "(" to the ")" that closes it;
  // false when none closes it (the reading then stops at the end).
  bool skip_parenthesised() {
    int depth = 0;
    for (; !done(); step()) {
      if (next_is('(')) ++depth;
      if (next_is(')') && --depth == 0) {
        step();
        return true;
      }
    }
    return false;
  }

  // An ON CONFLICT clause when one comes next; false when it does not read.
  bool skip_on_conflict() {
    if (!next_is("ON")) return true;
    if (!next_is("CONFLICT", 1) || at_ + 2 >= tokens_.size() || tokens_[at_ + 2].type != sql_token::kind::word)
      return false;
    at_ += 3;
    return true;
  }

  // [NOT] DEFERRABLE [INITIALLY DEFERRED | IMMEDIATE]; false, the reading
  // unmoved, when none comes next.
  bool skip_deferrable() {
    const std::size_t from = at_;
    take("NOT");
    if (!take("DEFERRABLE")) {
      at_ = from;
      return false;
    }
    if (next_is("INITIALLY") && at_ + 1 < tokens_.size()) at_ += 2;
    return true;
  }

  // The REFERENCES clause of foreign key `key`: the key with its parent, the
  // parent's columns as written (none: its primary key) and its actions; MATCH,
  // ON INSERT and DEFERRABLE clauses are skipped.
  std::optional<foreign_key> read_references(foreign_key key) {
    if (!take("REFERENCES")) return std::nullopt;
    auto parent = take_name();
    if (!parent) return std::nullopt;
    key.referenced_table = std::move(*parent);
    if (next_is('(')) {
      auto parent_columns = read_name_list();
      if (!parent_columns) return std::nullopt;
      key.referenced_columns = std::move(*parent_columns);
    }
    while (!done()) {
      if (next_is("ON") && (next_is("DELETE", 1) || next_is("UPDATE", 1) || next_is("INSERT", 1))) {
        const std::size_t words = next_is("SET", 2) || next_is("NO", 2) ? 2 : 1;
        if (at_ + 2 + words > tokens_.size()) return std::nullopt;
        const auto& first = tokens_[at_ + 2].text;
        const auto action =
            parse_action(db::detail::to_upper_ascii(words == 1 ? first : first + " " + tokens_[at_ + 3].text));
        if (next_is("DELETE", 1)) key.on_delete = action;
        if (next_is("UPDATE", 1)) key.on_update = action;
        at_ += 2 + words;
      } else if (next_is("MATCH") || next_is("INITIALLY")) {
        at_ = std::min(at_ + 2, tokens_.size());
      } else if (!skip_deferrable()) {
        break;
      }
    }
    return key;
  }

  // A column's declared type: SQLite copies the text from its first to its
  // last token, spaces and comments between them included. nullopt where SQLite
  // would change that text (a quoted word, which it dequotes; a type ending in
  // ALWAYS, which it cuts off as part of GENERATED ALWAYS) or it does not read.
  std::optional<std::string> read_declared_type() {
    const std::size_t first = at_;
    while (!done() && tokens_[at_].type == sql_token::kind::word && !ends_type(tokens_[at_])) step();
    if (!done() && (tokens_[at_].type == sql_token::kind::identifier || tokens_[at_].type == sql_token::kind::string))
      return std::nullopt;
    if (at_ == first) return std::string();
    std::size_t last = at_ - 1;
    if (take('(')) {
      // ( signed number ) or ( signed number , signed number )
      for (int numbers = 0;; ++numbers) {
        if (!take('+')) take('-');
        if (numbers == 2 || done() || tokens_[at_].type != sql_token::kind::number) return std::nullopt;
        step();
        if (next_is(')')) break;
        if (!take(',')) return std::nullopt;
      }
      last = at_;
      step();
    }
    const auto text = sql_.substr(tokens_[first].begin, tokens_[last].end - tokens_[first].begin);
    if (text.size() >= 6 && db::detail::equals_upper_ascii(text.substr(text.size() - 6), "ALWAYS")) return std::nullopt;
    return std::string(text);
  }

  // A DEFAULT clause's value as SQLite keeps it: a parenthesised expression
  // without its parentheses and the spaces inside them; a sign with its
  // literal; otherwise the single token as written.
  std::optional<std::string> read_default() {
    if (!take("DEFAULT") || done()) return std::nullopt;
    const std::size_t first = at_;
    if (next_is('(')) {
      if (!skip_parenthesised()) return std::nullopt;
      // SQLite trims the same ASCII spaces as trim.
      const std::size_t inside = tokens_[first].end;
      return std::string(db::detail::trim(sql_.substr(inside, tokens_[at_ - 1].begin - inside)));
    }
    if (take('+') || take('-')) {
      if (done() || !is_signed_literal(tokens_[at_])) return std::nullopt;
    } else if (tokens_[at_].type == sql_token::kind::symbol) {
      return std::nullopt;
    }
    step();
    return std::string(sql_.substr(tokens_[first].begin, tokens_[at_ - 1].end - tokens_[first].begin));
  }

 protected:
  std::string_view sql_;
  std::vector<sql_token> tokens_;
  std::size_t at_ = 0;  // the next token
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

// One walk over a CREATE TABLE text as SQLite's parser reads it: the table's
// name, then its column definitions and table constraints, each a run of
// clauses up to the "," or ")" after it. Each clause read adds what it says:
// a column with its type, default and NOT NULL, a key and the index SQLite
// makes for it, a foreign key, an enum CHECK, AUTOINCREMENT. A clause that
// does not read exactly as SQLite reads it (a generated column, a quoted type,
// COLLATE in a key list, ...) leaves the layout to the pragmas; the walk steps
// over it a token at a time to the next clause, so that the foreign keys,
// enum CHECKs and AUTOINCREMENT of the other clauses are still read.
class create_table_reader : token_reader {
 public:
  using token_reader::token_reader;

  table_text read() && {
    // CREATE TABLE [IF NOT EXISTS] [schema.]name ( ... ); CREATE TABLE ... AS
    // SELECT has no such list.
    follows_ = take("CREATE") && take("TABLE");
    while (!done() && !take('(')) {
      if (next_is("AS")) follows_ = false;
      step();
    }
    // Column definitions, then table constraints (separated by commas or not).
    bool constraints = false;
    while (!done() && !next_is(')')) {
      const bool constraint = starts_table_constraint(tokens_[at_]);
      // SQLite reads no column definition after a table constraint.
      if (constraints && !constraint) follows_ = false;
      constraints = constraints || constraint;
      if (constraint) {
        read_clauses(std::nullopt);
      } else {
        read_column_name_and_type();
        read_clauses(layout_.columns.size() - 1);
      }
      take(',');
    }
    // What follows the list (WITHOUT ROWID, STRICT) changes what the pragmas report.
    if (follows_ && next_is(')') && at_ + 1 == tokens_.size() && !layout_.columns.empty())
      out_.layout = std::move(layout_);
    return std::move(out_);
  }

 private:
  // A column definition's name and declared type, the column added to the layout.
  void read_column_name_and_type() {
    if (!tokens_[at_].is_name()) follows_ = false;
    layout_.columns.push_back({tokens_[at_].text, {}, false, std::nullopt, 0});
    step();
    const std::size_t type_at = at_;
    if (auto type = read_declared_type()) {
      layout_.columns.back().type = std::move(*type);
    } else {
      follows_ = false;
      at_ = type_at;
    }
  }

  // The clauses of the definition of layout column `column` (none: of a table
  // constraint) up to the "," or ")" after them.
  void read_clauses(std::optional<std::size_t> column) {
    std::string name;  // what a CONSTRAINT clause names: the clause right after it
    while (!done() && !next_is(',') && !next_is(')')) {
      const std::size_t from = at_;
      if (take("CONSTRAINT")) {
        if (auto named = take_name()) {
          name = std::move(*named);
          continue;
        }
      } else if (column ? read_column_constraint(*column, std::exchange(name, {}))
                        : read_table_constraint(std::exchange(name, {}))) {
        continue;
      }
      // Not read as SQLite reads it: on to the next token, a parenthesised group whole.
      follows_ = false;
      at_ = from;
      if (!next_is('(') || !skip_parenthesised()) step();
    }
  }

  // The column constraint at the next token, called `name`; false when it does
  // not read.
  bool read_column_constraint(std::size_t column, std::string name) {
    xinfo_column& c = layout_.columns[column];
    if (next_is("DEFAULT")) {
      auto value = read_default();
      if (value) c.default_sql = std::move(*value);
      return value.has_value();
    }
    if (take("NULL")) return skip_on_conflict();
    if (next_is("NOT") && next_is("NULL", 1)) {
      at_ += 2;
      c.not_null = true;
      return skip_on_conflict();
    }
    if (next_is("PRIMARY") && next_is("KEY", 1)) {
      at_ += 2;
      const bool descending = take("DESC");
      if (!descending) take("ASC");
      if (!skip_on_conflict()) return false;
      out_.autoincrement = take("AUTOINCREMENT") || out_.autoincrement;
      make_primary_key({column}, descending);
      return true;
    }
    if (take("UNIQUE")) {
      make_constraint_index({column}, false);
      return skip_on_conflict();
    }
    if (next_is("CHECK")) return read_check(name);
    if (next_is("REFERENCES")) return read_foreign_key({.name = std::move(name), .columns = {c.name}});
    // The column's collation: every key on it, made or to come, takes it alike.
    if (take("COLLATE")) return take_name().has_value();
    return skip_deferrable();
  }

  // The table constraint at the next token, called `name`; false when it does
  // not read.
  bool read_table_constraint(std::string name) {
    if (next_is("PRIMARY") && next_is("KEY", 1)) {
      at_ += 2;
      return read_table_key(true);
    }
    if (take("UNIQUE")) return read_table_key(false);
    if (next_is("CHECK")) return read_check(name) && skip_on_conflict();
    if (take("FOREIGN") && take("KEY")) {
      auto columns = read_name_list();
      if (!columns || !next_is("REFERENCES")) {
        out_.foreign_keys_complete = false;
        return false;
      }
      return read_foreign_key({.name = std::move(name), .columns = std::move(*columns)});
    }
    return false;
  }

  // The key list of a table's PRIMARY KEY or UNIQUE constraint, "(" keys
  // [AUTOINCREMENT] ")" [ON CONFLICT ...], and the index SQLite makes for it.
  // Keys that are not plain column names, or have COLLATE, leave the layout to
  // the pragmas; false when the clause does not read.
  bool read_table_key(bool primary_key) {
    const std::size_t open = at_;
    if (!next_is('(') || !skip_parenthesised()) return false;
    const std::size_t close = at_ - 1;
    // SQLite reads AUTOINCREMENT last inside a PRIMARY KEY's parentheses, whatever the keys.
    const bool autoincrement = primary_key && tokens_[close - 1].is_keyword("AUTOINCREMENT");
    out_.autoincrement = out_.autoincrement || autoincrement;
    at_ = open;
    const auto keys = read_keys();
    const bool plain = keys && !keys->collated && at_ + (autoincrement ? 1 : 0) == close;
    const auto key = plain ? key_positions(layout_.columns, keys->names) : std::nullopt;
    at_ = close + 1;
    if (!key) follows_ = false;
    else if (primary_key) make_primary_key(std::move(*key), false);
    else make_constraint_index(*key, false);
    return skip_on_conflict();
  }

  // A CHECK constraint called `name`; an enum CHECK (see enum_constraint_prefix)
  // `CHECK ( "column" IN ( 'a', 'b' ) )` adds its column and type.
  bool read_check(const std::string& name) {
    if (!take("CHECK") || !next_is('(')) return false;
    // ( "column" IN ( 'a', 'b' ) )
    if (name.starts_with(enum_constraint_prefix) && at_ + 3 < tokens_.size() && tokens_[at_ + 1].is_name() &&
        next_is("IN", 2) && next_is('(', 3)) {
      enum_check check{tokens_[at_ + 1].text, {name.substr(enum_constraint_prefix.size()), {}}};
      for (std::size_t k = at_ + 4; k < tokens_.size() && tokens_[k].type == sql_token::kind::string; k += 2) {
        check.type.values.push_back(tokens_[k].text);
        if (k + 1 >= tokens_.size() || !tokens_[k + 1].is_symbol(',')) break;
      }
      out_.enum_checks.push_back(std::move(check));
    }
    return skip_parenthesised();
  }

  // The REFERENCES clause of foreign key `key`, the key added to the foreign keys.
  bool read_foreign_key(foreign_key key) {
    auto read = read_references(std::move(key));
    if (!read) {
      out_.foreign_keys_complete = false;
      return false;
    }
    out_.foreign_keys.push_back(std::move(*read));
    return true;
  }

  // A PRIMARY KEY on the columns at `key`: their key positions, and an index
  // unless the key is the rowid's alias, a single column whose type is exactly
  // INTEGER (`descending`: a column constraint's DESC, which makes it an index;
  // a table constraint's DESC does not).
  void make_primary_key(std::vector<std::size_t> key, bool descending) {
    for (std::size_t n = 0; n < key.size(); ++n) layout_.columns[key[n]].primary_key_position = n + 1;
    const bool rowid_alias =
        key.size() == 1 && !descending && db::detail::equals_upper_ascii(layout_.columns[key.front()].type, "INTEGER");
    if (!rowid_alias) make_constraint_index(key, true);
  }

  // SQLite makes an index for a PRIMARY KEY or UNIQUE constraint unless one it
  // made for an earlier constraint of the table has the same key columns in the
  // same order (sort orders do not count; collations would, and the reader
  // leaves a key list with COLLATE to the pragmas): then no index is made, and a
  // PRIMARY KEY makes that index the primary key's.
  void make_constraint_index(const std::vector<std::size_t>& key, bool primary_key) {
    constraint_index made{{}, primary_key};
    for (const auto position : key) made.columns.push_back(layout_.columns[position].name);
    for (auto& earlier : layout_.constraint_indexes)
      if (earlier.columns == made.columns) {
        earlier.primary_key = earlier.primary_key || primary_key;
        return;
      }
    layout_.constraint_indexes.push_back(std::move(made));
  }

  table_text out_;
  table_layout layout_;  // the columns and constraint indexes read so far
  bool follows_ = true;  // every clause read so far reads as SQLite's parser reads it
};

DBPUSH_INLINE table_text parse_create_table(std::string_view sql) { return create_table_reader(sql).read(); }

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
  // CREATE [UNIQUE] INDEX name ON table ( key, ... ) [WHERE predicate]
  token_reader r(sql);
  if (!r.take("CREATE")) return std::nullopt;
  index out;
  out.unique = r.take("UNIQUE");
  while (!r.done() && !r.take("ON")) r.step();
  r.step();  // the table
  // A list that ends before its ")" is not read, keys or none.
  auto keys = r.read_keys();
  if (!keys || !r.next_is(')')) return std::nullopt;
  out.columns = std::move(keys->names);
  out.where = predicate_after_where(sql, r.tokens());
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
