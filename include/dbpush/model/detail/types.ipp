// dbpush: dialect spellings of types and defaults (see docs/types.md). The
// model layer knows what a field holds; each dialect's types.hpp says what
// that is called.
#pragma once

#include <dbpush/detail/text.hpp>
#include <dbpush/model/types.hpp>
#include <dbpush/postgres/types.hpp>
#include <dbpush/sqlite/types.hpp>

#include <charconv>
#include <string>

namespace db {

namespace detail {

// Shortest text that reads back as the same double.
DBPUSH_INLINE std::string real_literal(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  return std::string(buf, end);
}

}  // namespace detail

DBPUSH_INLINE std::string native_type(dialect d, const sql_type& t, std::string_view enum_name) {
  return d == dialect::sqlite ? sqlite::detail::type_name(t) : postgres::detail::type_name(t, enum_name);
}

DBPUSH_INLINE std::optional<std::string> render_default(dialect d, const default_description& v) {
  switch (v.kind) {
    case default_kind::none: return std::nullopt;
    case default_kind::boolean:
      return std::string(d == dialect::sqlite ? sqlite::detail::boolean_literal(v.boolean) : postgres::detail::boolean_literal(v.boolean));
    case default_kind::integer: return std::to_string(v.integer);
    case default_kind::unsigned_integer: return std::to_string(v.unsigned_integer);
    case default_kind::real: return detail::real_literal(v.real);
    case default_kind::text: case default_kind::enumerator: return detail::quoted(v.text, '\'');
    case default_kind::now: return "CURRENT_TIMESTAMP";
    case default_kind::sql: return std::string(v.text);
  }
  return std::nullopt;
}

}  // namespace db
