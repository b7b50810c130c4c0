// dbpush: definitions for <dbpush/sqlite/types.hpp>.
#pragma once

#include <dbpush/detail/text.hpp>
#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>
#include <dbpush/sqlite/types.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

namespace db::sqlite::detail {

// The length of "VARCHAR(n)"-like types; nullopt when the type has none.
// SQLite accepts any digits there: a length past `long` reads as its largest
// value, longer than any other.
DBPUSH_INLINE std::optional<long> declared_length(std::string_view canonical) {
  auto open = canonical.find('(');
  if (open == std::string_view::npos || canonical.back() != ')') return std::nullopt;
  auto digits = canonical.substr(open + 1, canonical.size() - open - 2);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  long length = 0;
  const auto read = std::from_chars(digits.data(), digits.data() + digits.size(), length);
  return read.ec == std::errc::result_out_of_range ? std::numeric_limits<long>::max() : length;
}

// Whether `(` at tokens.front() closes at tokens.back(), i.e. wraps everything.
DBPUSH_INLINE bool wraps_all(const std::vector<sql_token>& tokens) {
  if (tokens.size() < 2 || !tokens.front().is_symbol('(') || !tokens.back().is_symbol(')')) return false;
  int depth = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].is_symbol('(')) ++depth;
    if (tokens[i].is_symbol(')') && --depth == 0) return i + 1 == tokens.size();
  }
  return false;
}

// In any case: CURRENT_TIMESTAMP, CURRENT_DATE or CURRENT_TIME.
DBPUSH_INLINE bool is_time_keyword(std::string_view text) {
  return db::detail::equals_upper_ascii(text, "CURRENT_TIMESTAMP") || db::detail::equals_upper_ascii(text, "CURRENT_DATE") ||
         db::detail::equals_upper_ascii(text, "CURRENT_TIME");
}

// No space, no lower case, nothing std::toupper could change in any locale: the
// usual spelling, which canonicalising on every push then leaves alone.
DBPUSH_INLINE bool is_canonical_type(std::string_view declared_type) {
  return declared_type.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_(),") == std::string_view::npos;
}

// Whether text that starts so may begin with "(" once comments are skipped.
DBPUSH_INLINE bool may_open_with_parenthesis(std::string_view trimmed) {
  return trimmed.starts_with('(') || trimmed.starts_with("--") || trimmed.starts_with("/*");
}

// One run of ASCII letters, digits and underscores is a single token whatever
// the locale: a number when it starts with a digit, else a word. The usual
// defaults (0, 1, CURRENT_TIMESTAMP) are known so without tokenizing, which
// matters because every default is read on every push. nullopt: anything else.
DBPUSH_INLINE std::optional<sql_token::kind> plain_token_kind(std::string_view text) {
  if (text.empty() ||
      text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") != std::string_view::npos)
    return std::nullopt;
  return text.front() >= '0' && text.front() <= '9' ? sql_token::kind::number : sql_token::kind::word;
}

// A keyword SQLite accepts as a literal default, in any case.
DBPUSH_INLINE bool is_literal_keyword(std::string_view word) {
  return db::detail::equals_upper_ascii(word, "NULL") || db::detail::equals_upper_ascii(word, "TRUE") || db::detail::equals_upper_ascii(word, "FALSE") ||
         is_time_keyword(word);
}


DBPUSH_INLINE affinity affinity_of(std::string_view declared_type) {
  // Trimmed, as SQLite reports a declared type: blanks alone are no type (BLOB).
  const auto t = db::detail::to_upper_ascii(db::detail::trim(declared_type));
  if (t.find("INT") != std::string::npos) return affinity::integer;
  if (t.find("CHAR") != std::string::npos || t.find("CLOB") != std::string::npos ||
      t.find("TEXT") != std::string::npos)
    return affinity::text;
  if (t.empty() || t.find("BLOB") != std::string::npos) return affinity::blob;
  if (t.find("REAL") != std::string::npos || t.find("FLOA") != std::string::npos ||
      t.find("DOUB") != std::string::npos)
    return affinity::real;
  return affinity::numeric;
}

DBPUSH_INLINE std::string_view to_string(affinity a) {
  switch (a) {
    case affinity::integer: return "INTEGER";
    case affinity::text: return "TEXT";
    case affinity::blob: return "BLOB";
    case affinity::real: return "REAL";
    case affinity::numeric: return "NUMERIC";
  }
  return "BLOB";
}

DBPUSH_INLINE std::string canonical_type(std::string_view declared_type) {
  if (detail::is_canonical_type(declared_type)) return std::string(declared_type);
  return db::detail::to_upper_ascii(db::detail::collapse_spaces(declared_type, "(),"));
}


// What canonicalising does to a default's text. Decided on views, so a default
// already canonical (every default of a target pushed before) is not copied.
struct default_verdict {
  enum class action { keep, drop, replace } what;
  std::string replacement{};  // for replace
};

DBPUSH_INLINE default_verdict judge_default(std::string_view written) {
  std::string_view text = db::detail::trim(written);
  // Each pair of parentheses around the whole text goes, with any comment
  // beside it: the text between the two tokens stays.
  while (may_open_with_parenthesis(text)) {
    const auto tokens = tokenize(text);
    if (!wraps_all(tokens)) break;
    text = db::detail::trim(text.substr(tokens.front().end, tokens.back().begin - tokens.front().end));
  }
  auto sole_token = plain_token_kind(text);
  if (!sole_token) {
    std::size_t pos = 0;
    const auto first = next_token(text, pos);
    if (!first) return {default_verdict::action::drop};
    if (!next_token(text, pos)) sole_token = first->type;
  }
  // The whole text is compared, so a word with a comment beside it stays as written.
  if (sole_token == sql_token::kind::word) {
    if (db::detail::equals_upper_ascii(text, "NULL")) return {default_verdict::action::drop};
    if (is_literal_keyword(text) && text.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string_view::npos)
      return {default_verdict::action::replace, db::detail::to_upper_ascii(text)};
  }
  if (text.size() == written.size()) return {default_verdict::action::keep};
  return {default_verdict::action::replace, std::string(text)};
}

DBPUSH_INLINE bool is_canonical_default(const std::optional<std::string>& default_sql) {
  return !default_sql || judge_default(*default_sql).what == default_verdict::action::keep;
}


DBPUSH_INLINE std::optional<std::string> canonical_default(std::optional<std::string> default_sql) {
  if (!default_sql) return std::nullopt;
  auto verdict = detail::judge_default(*default_sql);
  switch (verdict.what) {
    case detail::default_verdict::action::keep: return default_sql;
    case detail::default_verdict::action::drop: return std::nullopt;
    case detail::default_verdict::action::replace: break;
  }
  return std::move(verdict.replacement);
}

DBPUSH_INLINE bool is_literal_default(std::string_view canonical) {
  if (const auto kind = detail::plain_token_kind(canonical))
    return *kind == sql_token::kind::number || detail::is_literal_keyword(canonical);
  // At most three tokens are read.
  std::size_t pos = 0;
  const auto first = next_token(canonical, pos);
  if (!first) return false;
  const auto second = next_token(canonical, pos);
  if (!second) {
    if (first->type == sql_token::kind::string || first->type == sql_token::kind::blob ||
        first->type == sql_token::kind::number)
      return true;
    return first->type == sql_token::kind::word && detail::is_literal_keyword(first->text);
  }
  return (first->is_symbol('-') || first->is_symbol('+')) && second->type == sql_token::kind::number &&
         !next_token(canonical, pos);
}

DBPUSH_INLINE bool is_constant_default(std::string_view canonical) {
  return is_literal_default(canonical) && !detail::is_time_keyword(canonical);
}

DBPUSH_INLINE std::string default_expression(std::string_view canonical) {
  std::string out;
  append_default_expression(out, canonical);
  return out;
}

DBPUSH_INLINE void append_default_expression(std::string& out, std::string_view canonical) {
  const bool literal = is_literal_default(canonical);
  if (!literal) out += '(';
  out += canonical;
  if (!literal) out += ')';
}

// Decided by what the copy does to stored values (see converted_value):
// SQLite keeps every value it cannot convert losslessly, so only CASTs and the
// text form of floats alter data.
DBPUSH_INLINE cast_class classify_cast(const std::string& from_type, const std::string& to_type) {
  if (from_type == to_type) return cast_class::safe;
  const auto from = affinity_of(from_type), to = affinity_of(to_type);
  if (from == to) {
    if (to != affinity::text) return cast_class::safe;
    // SQLite never truncates; a shorter declared length is still flagged, as
    // the model now promises what old values may break.
    auto from_len = detail::declared_length(from_type), to_len = detail::declared_length(to_type);
    return to_len && (!from_len || *from_len > *to_len) ? cast_class::risky : cast_class::safe;
  }
  switch (to) {
    case affinity::blob: return cast_class::safe;
    case affinity::numeric:
      return from == affinity::integer || from == affinity::real ? cast_class::safe : cast_class::risky;
    case affinity::integer:
    case affinity::real:
      if (from == affinity::integer) return cast_class::safe;
      return from == affinity::text ? cast_class::not_castable : cast_class::risky;
    case affinity::text: return from == affinity::integer ? cast_class::safe : cast_class::risky;
  }
  return cast_class::risky;
}

DBPUSH_INLINE const check_rules& rules() {
  static const check_rules r{&classify_cast};
  return r;
}

DBPUSH_INLINE std::string converted_value(const std::string& column_sql, std::string_view from_type,
                                          std::string_view to_type) {
  const auto from = affinity_of(from_type), to = affinity_of(to_type);
  if (from == to || to == affinity::numeric || to == affinity::blob) return column_sql;
  return "CAST(" + column_sql + " AS " + std::string(to_string(to)) + ")";
}


// An index predicate as canonicalise leaves it: trimmed, and absent rather than empty.
DBPUSH_INLINE bool is_canonical_predicate(const std::optional<std::string>& where) {
  return !where || (!where->empty() && db::detail::trim(*where).size() == where->size());
}


DBPUSH_INLINE void canonicalise(schema& target) {
  db::detail::name_set used_enums;
  for (auto& t : target.tables) {
    for (auto& c : t.columns) {
      if (c.enum_type) {
        used_enums.insert(*c.enum_type);
        if (db::detail::trim(c.type).empty()) c.type = "TEXT";
      }
      if (!detail::is_canonical_type(c.type)) c.type = canonical_type(c.type);
      c.default_sql = canonical_default(std::move(c.default_sql));
    }
    for (auto& i : t.indexes) {
      if (i.where) i.where = std::string(db::detail::trim(*i.where));
      if (i.where && i.where->empty()) i.where.reset();
    }
  }
  std::erase_if(target.enums, [&](const enum_type& e) { return !used_enums.contains(e.name); });
}

DBPUSH_INLINE bool is_canonical(const schema& target) {
  db::detail::name_set used_enums;
  for (const auto& t : target.tables) {
    for (const auto& c : t.columns) {
      if (c.enum_type) {
        used_enums.insert(*c.enum_type);
        if (db::detail::trim(c.type).empty()) return false;
      }
      if (!detail::is_canonical_type(c.type) || !detail::is_canonical_default(c.default_sql)) return false;
    }
    for (const auto& i : t.indexes)
      if (!detail::is_canonical_predicate(i.where)) return false;
  }
  for (const auto& e : target.enums)
    if (!used_enums.contains(e.name)) return false;
  return true;
}

}  // namespace db::sqlite::detail
