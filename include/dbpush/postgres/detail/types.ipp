// dbpush: definitions for <dbpush/postgres/types.hpp>.
#pragma once

#include <dbpush/detail/text.hpp>
#include <dbpush/postgres/types.hpp>
#include <dbpush/push/push.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace db::postgres::detail {

// The canonical spellings are built as strings: a trimmed copy.
DBPUSH_INLINE std::string trimmed(std::string_view s) { return std::string(db::detail::trim(s)); }

// Parts of a type spelling: "timestamp(3) with time zone" is base "timestamp",
// arguments "3", tail "with time zone".
struct type_parts {
  std::string base;
  std::string arguments;
  std::string tail;
  bool has_arguments = false;
};

DBPUSH_INLINE type_parts split_type(const std::string& lowered) {
  type_parts p;
  auto open = lowered.find('(');
  auto close = lowered.find(')', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) {
    p.base = lowered;
    return p;
  }
  p.base = detail::trimmed(lowered.substr(0, open));
  p.arguments = lowered.substr(open + 1, close - open - 1);
  p.has_arguments = true;
  p.tail = detail::trimmed(lowered.substr(close + 1));
  return p;
}

DBPUSH_INLINE std::string parenthesised(const type_parts& p) {
  return p.has_arguments ? "(" + p.arguments + ")" : "";
}

// format_type's spelling for one non-array type, or "" when the name is not a
// built-in type we know aliases of.
DBPUSH_INLINE std::string builtin_spelling(const type_parts& p) {
  const std::string name = p.tail.empty() ? p.base : p.base + " " + p.tail;
  auto is = [&](std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (!p.has_arguments) {
    if (is({"int8", "bigint", "bigserial", "serial8"})) return "bigint";
    if (is({"int", "int4", "integer", "serial", "serial4"})) return "integer";
    if (is({"int2", "smallint", "smallserial", "serial2"})) return "smallint";
    if (is({"bool", "boolean"})) return "boolean";
    if (is({"float4", "real"})) return "real";
    if (is({"float8", "float", "double precision"})) return "double precision";
    if (is({"text", "bytea", "uuid", "json", "jsonb", "date", "interval", "inet", "cidr", "xml",
            "money", "bpchar"}))
      return name;
  }
  if (name == "float" && p.has_arguments) {
    // float(p) is real for p of 1 to 24 bits, double precision for 25 to 53;
    // PostgreSQL refuses any other p, so such a type stays as written.
    int bits = 0;
    const auto end = p.arguments.data() + p.arguments.size();
    const auto read = std::from_chars(p.arguments.data(), end, bits);
    if (read.ec != std::errc() || read.ptr != end || bits < 1 || bits > 53) return "";
    return bits <= 24 ? "real" : "double precision";
  }
  if (is({"varchar", "character varying"})) return "character varying" + parenthesised(p);
  if (is({"char", "character"})) return "character(" + (p.has_arguments ? p.arguments : "1") + ")";
  if (is({"decimal", "numeric"})) {
    if (!p.has_arguments) return "numeric";
    return p.arguments.find(',') == std::string::npos ? "numeric(" + p.arguments + ",0)"
                                                      : "numeric(" + p.arguments + ")";
  }
  if (is({"timestamp", "timestamp without time zone"}))
    return "timestamp" + parenthesised(p) + " without time zone";
  if (is({"timestamptz", "timestamp with time zone"}))
    return "timestamp" + parenthesised(p) + " with time zone";
  if (is({"time", "time without time zone"})) return "time" + parenthesised(p) + " without time zone";
  if (is({"timetz", "time with time zone"})) return "time" + parenthesised(p) + " with time zone";
  return "";
}

// The rest of a default after its literal is only casts ("::text",
// "::character varying(3)", "::app.\"Role\"", "::text[]").
DBPUSH_INLINE bool is_cast_chain(std::string_view rest) {
  if (rest.substr(0, 2) != "::") return false;
  for (const char c : rest)
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("_ .\"[](),:").find(c) == std::string_view::npos)
      return false;
  return true;
}

// A number whose text survives a round trip through an unquoted literal
// ("-0" would come back as "0", "007" as "7").
DBPUSH_INLINE bool is_plain_number(std::string_view s) {
  std::size_t i = 0;
  bool negative = !s.empty() && s[0] == '-';
  if (negative) ++i;
  std::size_t digits_begin = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  std::size_t integer_digits = i - digits_begin;
  if (integer_digits == 0 || (integer_digits > 1 && s[digits_begin] == '0')) return false;
  if (i < s.size()) {
    if (s[i] != '.' || i + 1 == s.size()) return false;
    for (++i; i < s.size(); ++i)
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return !negative || s.find_first_of("123456789") != std::string_view::npos;
}

// A type whose values an unquoted number literal denotes as well as the quoted
// one: '1' and 1 are the same default there, while on jsonb, boolean, bytea,
// interval or text the bare number is another type, or another value.
DBPUSH_INLINE bool is_number_type(std::string_view canonical) {
  return canonical == "smallint" || canonical == "integer" || canonical == "bigint" || canonical == "real" ||
         canonical == "double precision" || canonical == "numeric" || canonical.substr(0, 8) == "numeric(";
}

// Index one past the closing quote of the literal starting at s[0] == '\'', or
// npos when it does not close.
DBPUSH_INLINE std::size_t literal_end(std::string_view s) {
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] != '\'') continue;
    if (i + 1 < s.size() && s[i + 1] == '\'') {
      ++i;
      continue;
    }
    return i + 1;
  }
  return std::string_view::npos;
}

// Index of the parenthesis closing the one at s[0], or npos.
DBPUSH_INLINE std::size_t matching_paren(std::string_view s) {
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\'') quoted = !quoted;
    if (quoted) continue;
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return i;
  }
  return std::string_view::npos;
}


DBPUSH_INLINE std::string canonical_type(const std::string& type) {
  std::string t = db::detail::collapse_spaces(type, "(),[]");
  std::string arrays;
  while (t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0) {
    arrays += "[]";
    t = detail::trimmed(t.substr(0, t.size() - 2));
  }
  std::string builtin = detail::builtin_spelling(detail::split_type(db::detail::to_lower_ascii(t)));
  return (builtin.empty() ? t : builtin) + arrays;
}

DBPUSH_INLINE bool is_serial_alias(const std::string& type) {
  const std::string t = db::detail::to_lower_ascii(detail::trimmed(type));
  return t == "serial" || t == "bigserial" || t == "smallserial" || t == "serial2" ||
         t == "serial4" || t == "serial8";
}

DBPUSH_INLINE std::string canonical_default(const std::string& expression, const std::string& type) {
  std::string e = detail::trimmed(expression);
  if (!e.empty() && e[0] == '\'') {
    auto end = detail::literal_end(e);
    if (end == std::string::npos) return e;
    if (end < e.size() && detail::is_cast_chain(std::string_view(e).substr(end))) e.resize(end);
    if (end == e.size() && detail::is_number_type(type)) {
      std::string_view content = std::string_view(e).substr(1, end - 2);
      if (detail::is_plain_number(content)) return std::string(content);
    }
    return e;
  }
  const std::string lowered = db::detail::to_lower_ascii(e);
  if (lowered == "true" || lowered == "false") return lowered;
  for (std::string_view keyword : {"current_timestamp", "current_date", "current_time",
                                   "localtimestamp", "localtime", "current_user", "session_user",
                                   "null"})
    if (lowered == keyword) return db::detail::to_upper_ascii(lowered);
  return e;
}

DBPUSH_INLINE std::string canonical_predicate(const std::string& predicate) {
  std::string p = detail::trimmed(predicate);
  while (!p.empty() && p.front() == '(' && detail::matching_paren(p) == p.size() - 1)
    p = detail::trimmed(std::string_view(p).substr(1, p.size() - 2));
  return p;
}

DBPUSH_INLINE void refuse_long_names(const schema& target) {
  std::string listed;
  auto check = [&listed](const std::string& name, const std::string& what) {
    if (name.size() <= db::detail::max_identifier_bytes) return;
    listed += "\n  - the " + what + " (" + std::to_string(name.size()) + " bytes)";
  };
  for (const auto& t : target.tables) {
    check(t.name, "table `" + t.name + "`");
    for (const auto& c : t.columns) check(c.name, "column `" + t.name + "`.`" + c.name + "`");
    for (const auto& i : t.indexes) check(i.name, "index `" + i.name + "` of table `" + t.name + "`");
    for (const auto& fk : t.foreign_keys) check(fk.name, "foreign key `" + fk.name + "` of table `" + t.name + "`");
  }
  for (const auto& e : target.enums) {
    check(e.name, "enum `" + e.name + "`");
    for (const auto& v : e.values) check(v, "value `" + v + "` of enum `" + e.name + "`");
  }
  if (!listed.empty())
    throw error("dbpush: PostgreSQL names are at most 63 bytes (the server cuts longer ones); nothing was changed. "
                "Shorten:" + listed);
}

DBPUSH_INLINE void canonicalise(schema& s) {
  for (auto& t : s.tables) {
    for (auto& c : t.columns) {
      if (c.enum_type) {
        c.type = *c.enum_type;
      } else {
        if (is_serial_alias(c.type)) c.autoincrement = true;
        c.type = canonical_type(c.type);
      }
      // An identity column is NOT NULL and has no default of its own.
      if (c.autoincrement) {
        c.nullable = false;
        c.default_sql.reset();
      }
      if (c.default_sql) c.default_sql = canonical_default(*c.default_sql, c.type);
      // PostgreSQL makes every primary key column NOT NULL.
      if (std::find(t.primary_key.begin(), t.primary_key.end(), c.name) != t.primary_key.end())
        c.nullable = false;
    }
    for (auto& i : t.indexes)
      if (i.where) i.where = canonical_predicate(*i.where);
  }
}

// ---- cast rules ----


enum class type_family {
  integer, numeric, floating, unbounded_text, bounded_text, boolean,
  timestamp, date, time, uuid, json, bytea, other
};

// A canonical type as the cast rules see it: its family, a rank inside the
// family (integer width, float width) and its declared size.
struct cast_type {
  type_family family = type_family::other;
  int rank = 0;       // smallint 1 < integer 2 < bigint 3; real 1 < double precision 2
  int length = -1;    // varchar/char length, numeric precision; -1: unconstrained
  int scale = 0;      // numeric scale
};

DBPUSH_INLINE bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// One type modifier: an integer within PostgreSQL's limits (no modifier passes
// 10485760, the longest varchar), so differences of two never overflow.
DBPUSH_INLINE std::optional<int> modifier(std::string_view text) {
  constexpr int limit = 10485760;
  int value = 0;
  const auto end = text.data() + text.size();
  const auto read = std::from_chars(text.data(), end, value);
  if (read.ec != std::errc() || read.ptr != end || value < -limit || value > limit) return std::nullopt;
  return value;
}

// The numbers inside "name(a)" or "name(a,b)"; false when they are not numbers
// PostgreSQL accepts (the type is then none we know).
DBPUSH_INLINE bool read_modifiers(std::string_view t, cast_type& out) {
  auto open = t.find('(');
  if (open == std::string_view::npos) return true;
  const auto inner = t.substr(open + 1, t.find(')', open) - open - 1);
  const auto comma = inner.find(',');
  const auto length = modifier(inner.substr(0, comma));
  const auto scale = comma == std::string_view::npos ? std::optional<int>(0) : modifier(inner.substr(comma + 1));
  if (!length || !scale) return false;
  out.length = *length;
  out.scale = *scale;
  return true;
}

DBPUSH_INLINE cast_type classify_type(const std::string& t) {
  cast_type c;
  if (t == "smallint" || t == "integer" || t == "bigint") {
    c.family = type_family::integer;
    c.rank = t == "smallint" ? 1 : t == "integer" ? 2 : 3;
  } else if (starts_with(t, "numeric")) {
    c.family = type_family::numeric;
    if (!read_modifiers(t, c)) return {};
  } else if (t == "real" || t == "double precision") {
    c.family = type_family::floating;
    c.rank = t == "real" ? 1 : 2;
  } else if (t == "text" || t == "character varying") {
    c.family = type_family::unbounded_text;
  } else if (starts_with(t, "character varying(") || starts_with(t, "character(")) {
    c.family = type_family::bounded_text;
    if (!read_modifiers(t, c)) return {};
  } else if (t == "boolean") {
    c.family = type_family::boolean;
  } else if (starts_with(t, "timestamp")) {
    c.family = type_family::timestamp;
  } else if (t == "date") {
    c.family = type_family::date;
  } else if (starts_with(t, "time")) {
    c.family = type_family::time;
  } else if (t == "uuid") {
    c.family = type_family::uuid;
  } else if (t == "json" || t == "jsonb") {
    c.family = type_family::json;
  } else if (t == "bytea") {
    c.family = type_family::bytea;
  }
  return c;
}

DBPUSH_INLINE cast_class to_text(const cast_type& from, const cast_type& to) {
  if (from.family == type_family::bytea) return cast_class::risky;  // becomes its hex text
  // Every type (enums included) has an output function: text holds it all.
  if (to.family == type_family::unbounded_text) return cast_class::safe;
  if (from.family == type_family::other) return cast_class::risky;
  if (from.family == type_family::bounded_text && from.length <= to.length) return cast_class::safe;
  return cast_class::risky;  // an explicit varchar(n) cast truncates
}

// The rule for the number types (integers, numeric, floats), which convert
// with direct casts: a cast that raises an error on some value (out of range,
// NaN or infinity into an integer, a float underflow) is not_castable, so the
// session counts the values that fail before anything runs; one that only
// rounds is risky; one that keeps every value is safe.

// Decimal digits before the point that every value of an integer type fits in.
DBPUSH_INLINE int integer_digits(const cast_type& t) { return t.rank == 1 ? 5 : t.rank == 2 ? 10 : 19; }

// numeric(p,s) holds values below 10^(p-s) in magnitude, and NaN.
DBPUSH_INLINE cast_class numeric_to_numeric(const cast_type& from, const cast_type& to) {
  if (to.length < 0) return cast_class::safe;
  if (from.length < 0) return cast_class::not_castable;
  const int from_digits = from.length - from.scale, to_digits = to.length - to.scale;
  if (to.scale >= from.scale) return to_digits >= from_digits ? cast_class::safe : cast_class::not_castable;
  // Rounding to fewer decimals can carry into one more digit (99.99 -> 100.0).
  return to_digits > from_digits ? cast_class::risky : cast_class::not_castable;
}

DBPUSH_INLINE cast_class integer_to(const cast_type& from, const cast_type& to) {
  switch (to.family) {
    case type_family::integer: return to.rank >= from.rank ? cast_class::safe : cast_class::not_castable;
    case type_family::numeric:
      return to.length < 0 || to.length - to.scale >= integer_digits(from) ? cast_class::safe
                                                                            : cast_class::not_castable;
    case type_family::floating:
      // real keeps 24 bits of mantissa, double precision 53; none overflows.
      if (from.rank == 1 || (from.rank == 2 && to.rank == 2)) return cast_class::safe;
      return cast_class::risky;
    default: return cast_class::not_castable;
  }
}

DBPUSH_INLINE cast_class numeric_to(const cast_type& from, const cast_type& to) {
  switch (to.family) {
    case type_family::numeric: return numeric_to_numeric(from, to);
    case type_family::integer: return cast_class::not_castable;  // rounds, and NaN or a large value fails
    case type_family::floating: {
      // Rounds; fails past the float's range (real: 3.4e38, down to 1.4e-45;
      // double precision: 1.8e308, down to 4.9e-324), which only an
      // unconstrained numeric or a very wide one reaches.
      const int max_digits = to.rank == 1 ? 38 : 308, max_scale = to.rank == 1 ? 44 : 323;
      const bool fits = from.length >= 0 && from.length - from.scale <= max_digits && from.scale <= max_scale;
      return fits ? cast_class::risky : cast_class::not_castable;
    }
    default: return cast_class::not_castable;
  }
}

DBPUSH_INLINE cast_class floating_to(const cast_type& from, const cast_type& to) {
  switch (to.family) {
    // double precision -> real fails past real's range (overflow and underflow).
    case type_family::floating: return to.rank >= from.rank ? cast_class::safe : cast_class::not_castable;
    case type_family::integer: return cast_class::not_castable;  // rounds; NaN, infinity, large values fail
    // An unconstrained numeric takes NaN and infinity (PostgreSQL 14 and later)
    // and rounds to 15 or 6 significant digits; a constrained one fails on them.
    case type_family::numeric: return to.length < 0 ? cast_class::risky : cast_class::not_castable;
    default: return cast_class::not_castable;
  }
}

DBPUSH_INLINE bool is_number(const cast_type& t) {
  return t.family == type_family::integer || t.family == type_family::numeric || t.family == type_family::floating;
}


DBPUSH_INLINE cast_class classify_cast(const std::string& from_type, const std::string& to_type) {
  using detail::type_family;
  if (from_type == to_type) return cast_class::safe;
  const auto from = detail::classify_type(from_type);
  const auto to = detail::classify_type(to_type);
  if (to.family == type_family::unbounded_text || to.family == type_family::bounded_text)
    return detail::to_text(from, to);
  switch (from.family) {
    case type_family::integer: return detail::integer_to(from, to);
    case type_family::numeric: return detail::numeric_to(from, to);
    case type_family::floating: return detail::floating_to(from, to);
    case type_family::timestamp:
      if (to.family == type_family::timestamp) return cast_class::safe;
      if (to.family == type_family::date || to.family == type_family::time) return cast_class::risky;
      return cast_class::not_castable;
    case type_family::date:
      return to.family == type_family::timestamp ? cast_class::safe : cast_class::not_castable;
    case type_family::time:
      return to.family == type_family::time ? cast_class::safe : cast_class::not_castable;
    case type_family::json:
      return to.family == type_family::json ? cast_class::safe : cast_class::not_castable;
    default: return cast_class::not_castable;
  }
}

DBPUSH_INLINE std::optional<integer_bounds> integer_range(const std::string& type) {
  if (type == "smallint") return integer_bounds{-32768, 32767};
  if (type == "integer") return integer_bounds{-2147483647 - 1, 2147483647};
  if (type == "bigint") return integer_bounds{INT64_MIN, INT64_MAX};
  return std::nullopt;
}

DBPUSH_INLINE bool converts_through_text(const std::string& from_type, bool from_enum, const std::string& to_type,
                                         bool to_enum) {
  if (from_enum || to_enum) return true;
  // Between number types the direct cast exists, rounds where text would fail
  // ('1.5' is no integer) and fails exactly where the checker counts.
  if (detail::is_number(detail::classify_type(from_type)) && detail::is_number(detail::classify_type(to_type)))
    return false;
  return classify_cast(from_type, to_type) == cast_class::not_castable;
}

DBPUSH_INLINE bool retype_rewrites(const std::string& from_type, const std::string& to_type) {
  using detail::type_family;
  if (from_type == to_type) return false;
  const auto from = detail::classify_type(from_type), to = detail::classify_type(to_type);
  const bool from_varying = from.family == type_family::unbounded_text ||
                            (from.family == type_family::bounded_text && !detail::starts_with(from_type, "character("));
  if (to.family == type_family::unbounded_text) return !from_varying;
  if (to.family == type_family::bounded_text && !detail::starts_with(to_type, "character("))
    return !(from.family == type_family::bounded_text && from_varying && from.length <= to.length);
  if (from.family == type_family::numeric && to.family == type_family::numeric)
    return !(to.length < 0 || (from.length >= 0 && from.scale == to.scale && from.length <= to.length));
  return true;
}

DBPUSH_INLINE const check_rules& rules() {
  static const check_rules pg{&classify_cast};
  return pg;
}

}  // namespace db::postgres::detail
