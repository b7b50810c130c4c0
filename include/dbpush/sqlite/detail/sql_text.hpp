// dbpush: SQLite SQL text — quoting for rendering, and a tokenizer for reading
// back the parts of sqlite_schema.sql that the pragmas do not report
// (AUTOINCREMENT, enum CHECKs, constraint names, partial index predicates).
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/detail/text.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace db::sqlite::detail {

// "name" with embedded quotes doubled: safe for reserved words, spaces, any case.
DBPUSH_INLINE std::string quote_identifier(std::string_view name);
// 'text' with embedded quotes doubled.
DBPUSH_INLINE std::string quote_literal(std::string_view text);
// "a", "b"
DBPUSH_INLINE std::string quote_identifiers(const std::vector<std::string>& names);
// The same, appended to `out` (see detail/text.hpp).
DBPUSH_INLINE void append_quoted_identifier(std::string& out, std::string_view name);
DBPUSH_INLINE void append_quoted_literal(std::string& out, std::string_view text);
DBPUSH_INLINE void append_quoted_identifiers(std::string& out, const std::vector<std::string>& names);


struct sql_token {
  enum class kind { word, identifier, string, blob, number, symbol };
  kind type{};
  std::string text;       // identifiers and strings unquoted; everything else as written
  std::size_t begin = 0;  // byte offsets into the tokenized text
  std::size_t end = 0;

  // A bare or quoted name (SQLite accepts a string literal where a name is expected).
  bool is_name() const { return type == kind::word || type == kind::identifier || type == kind::string; }
  bool is_keyword(std::string_view upper) const;
  bool is_symbol(char c) const { return type == kind::symbol && text.size() == 1 && text[0] == c; }
};

// Splits SQL into tokens, skipping whitespace and comments.
DBPUSH_INLINE std::vector<sql_token> tokenize(std::string_view sql);
// The next token of tokenize at or after `pos`, which moves past it; nullopt
// at the end. For callers that need only the first few tokens.
DBPUSH_INLINE std::optional<sql_token> next_token(std::string_view sql, std::size_t& pos);


}  // namespace db::sqlite::detail

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/sql_text.ipp>
#endif
