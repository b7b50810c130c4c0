// dbpush: definitions for <dbpush/sqlite/sql_text.hpp>.
#pragma once

#include <dbpush/sqlite/sql_text.hpp>

#include <algorithm>
#include <cctype>

namespace db::sqlite {
namespace detail {

DBPUSH_INLINE std::string quote_with(std::string_view text, char quote) {
  std::string out;
  out.reserve(text.size() + 2);
  out += quote;
  for (char c : text) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
  return out;
}

DBPUSH_INLINE bool is_word_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
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

}  // namespace detail

DBPUSH_INLINE std::string quote_identifier(std::string_view name) { return detail::quote_with(name, '"'); }

DBPUSH_INLINE std::string quote_literal(std::string_view text) { return detail::quote_with(text, '\''); }

DBPUSH_INLINE std::string quote_identifiers(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += quote_identifier(n);
  }
  return out;
}

DBPUSH_INLINE std::string to_upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

DBPUSH_INLINE std::string_view trim(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

DBPUSH_INLINE bool sql_token::is_keyword(std::string_view upper) const {
  return type == kind::word && text.size() == upper.size() &&
         std::equal(text.begin(), text.end(), upper.begin(), [](char a, char b) {
           return (a >= 'a' && a <= 'z' ? static_cast<char>(a - 'a' + 'A') : a) == b;
         });
}

DBPUSH_INLINE std::vector<sql_token> tokenize(std::string_view sql) {
  std::vector<sql_token> tokens;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (sql.substr(i, 2) == "--") {
      auto nl = sql.find('\n', i);
      i = nl == std::string_view::npos ? sql.size() : nl + 1;
      continue;
    }
    if (sql.substr(i, 2) == "/*") {
      auto close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? sql.size() : close + 2;
      continue;
    }
    sql_token t;
    t.begin = i;
    if (c == '"' || c == '`' || c == '[') {
      t.type = sql_token::kind::identifier;
      i = detail::read_quoted(sql, i, c == '[' ? ']' : c, t.text);
    } else if (c == '\'') {
      t.type = sql_token::kind::string;
      i = detail::read_quoted(sql, i, '\'', t.text);
    } else if ((c == 'x' || c == 'X') && i + 1 < sql.size() && sql[i + 1] == '\'') {
      t.type = sql_token::kind::blob;
      std::string hex;
      i = detail::read_quoted(sql, i + 1, '\'', hex);
      t.text = sql.substr(t.begin, i - t.begin);
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      t.type = sql_token::kind::number;
      while (i < sql.size() && (detail::is_word_char(sql[i]) || sql[i] == '.' ||
                                ((sql[i] == '+' || sql[i] == '-') && (sql[i - 1] == 'e' || sql[i - 1] == 'E'))))
        ++i;
      t.text = sql.substr(t.begin, i - t.begin);
    } else if (detail::is_word_char(c)) {
      t.type = sql_token::kind::word;
      while (i < sql.size() && detail::is_word_char(sql[i])) ++i;
      t.text = sql.substr(t.begin, i - t.begin);
    } else {
      t.type = sql_token::kind::symbol;
      t.text = std::string(1, c);
      ++i;
    }
    t.end = i;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace db::sqlite
