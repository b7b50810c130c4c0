// dbpush: definitions for <dbpush/sqlite/detail/sql_text.hpp>.
#pragma once

#include <dbpush/detail/text.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>

#include <algorithm>

namespace db::sqlite::detail {

using db::detail::append_quoted;
using db::detail::quoted;

// Character classes as SQLite's own tokenizer has them: ASCII only, whatever
// the C locale says (a locale may call a byte of a UTF-8 name a space).
DBPUSH_INLINE bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
DBPUSH_INLINE bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

DBPUSH_INLINE bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || u >= 0x80;
}

// Reads a quoted run starting at `pos` (the opening quote); the closing quote
// doubled inside means one literal quote. Returns the position after the run.
DBPUSH_INLINE std::size_t read_quoted(std::string_view sql, std::size_t pos, char close, std::string& out) {
  for (std::size_t i = pos + 1; i < sql.size(); ++i) {
    if (sql[i] != close) {
      out += sql[i];
    } else if (i + 1 < sql.size() && sql[i + 1] == close && close != ']') {
      out += close;
      ++i;
    } else {
      return i + 1;
    }
  }
  return sql.size();
}


DBPUSH_INLINE std::string quote_identifier(std::string_view name) { return detail::quoted(name, '"'); }

DBPUSH_INLINE std::string quote_literal(std::string_view text) { return detail::quoted(text, '\''); }

DBPUSH_INLINE std::string quote_identifiers(const std::vector<std::string>& names) {
  std::string out;
  append_quoted_identifiers(out, names);
  return out;
}

DBPUSH_INLINE void append_quoted_identifier(std::string& out, std::string_view name) {
  detail::append_quoted(out, name, '"');
}

DBPUSH_INLINE void append_quoted_literal(std::string& out, std::string_view text) {
  detail::append_quoted(out, text, '\'');
}

DBPUSH_INLINE void append_quoted_identifiers(std::string& out, const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out.append(", ", 2);
    append_quoted_identifier(out, names[i]);
  }
}

// Reads the token at or after `pos` into `t` and moves `pos` past it; false at the end.
DBPUSH_INLINE bool read_token(std::string_view sql, std::size_t& pos, sql_token& t);

DBPUSH_INLINE bool sql_token::is_keyword(std::string_view upper) const {
  return type == kind::word && db::detail::equals_upper_ascii(text, upper);
}

DBPUSH_INLINE std::vector<sql_token> tokenize(std::string_view sql) {
  std::vector<sql_token> tokens;
  tokens.reserve(sql.size() / 4);  // about one token in four bytes of a CREATE text: one allocation
  std::size_t pos = 0;
  // Each token is read in place: no token is built twice.
  while (detail::read_token(sql, pos, tokens.emplace_back())) {
  }
  tokens.pop_back();
  return tokens;
}

DBPUSH_INLINE std::optional<sql_token> next_token(std::string_view sql, std::size_t& pos) {
  sql_token t;
  if (!detail::read_token(sql, pos, t)) return std::nullopt;
  return t;
}

DBPUSH_INLINE bool read_token(std::string_view sql, std::size_t& pos, sql_token& t) {
  while (pos < sql.size()) {
    const char c = sql[pos];
    if (detail::is_ascii_space(c)) {
      ++pos;
      continue;
    }
    if (sql.substr(pos, 2) == "--") {
      auto nl = sql.find('\n', pos);
      pos = nl == std::string_view::npos ? sql.size() : nl + 1;
      continue;
    }
    if (sql.substr(pos, 2) == "/*") {
      auto close = sql.find("*/", pos + 2);
      pos = close == std::string_view::npos ? sql.size() : close + 2;
      continue;
    }
    t.text.clear();
    t.begin = pos;
    if (c == '"' || c == '`' || c == '[') {
      t.type = sql_token::kind::identifier;
      pos = detail::read_quoted(sql, pos, c == '[' ? ']' : c, t.text);
    } else if (c == '\'') {
      t.type = sql_token::kind::string;
      pos = detail::read_quoted(sql, pos, '\'', t.text);
    } else if ((c == 'x' || c == 'X') && pos + 1 < sql.size() && sql[pos + 1] == '\'') {
      t.type = sql_token::kind::blob;
      std::string hex;
      pos = detail::read_quoted(sql, pos + 1, '\'', hex);
      t.text = sql.substr(t.begin, pos - t.begin);
    } else if (detail::is_ascii_digit(c) || (c == '.' && pos + 1 < sql.size() && detail::is_ascii_digit(sql[pos + 1]))) {
      t.type = sql_token::kind::number;
      while (pos < sql.size() &&
             (detail::is_word_char(sql[pos]) || sql[pos] == '.' ||
              ((sql[pos] == '+' || sql[pos] == '-') && (sql[pos - 1] == 'e' || sql[pos - 1] == 'E'))))
        ++pos;
      t.text = sql.substr(t.begin, pos - t.begin);
    } else if (detail::is_word_char(c)) {
      t.type = sql_token::kind::word;
      while (pos < sql.size() && detail::is_word_char(sql[pos])) ++pos;
      t.text = sql.substr(t.begin, pos - t.begin);
    } else {
      t.type = sql_token::kind::symbol;
      t.text = std::string(1, c);
      ++pos;
    }
    t.end = pos;
    return true;
  }
  return false;
}

}  // namespace db::sqlite::detail
