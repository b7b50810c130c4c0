// dbpush: definitions for <dbpush/detail/type_names.hpp>.
#pragma once

#include <dbpush/detail/text.hpp>
#include <dbpush/detail/type_names.hpp>
#include <dbpush/postgres/type_names.hpp>
#include <dbpush/sqlite/type_names.hpp>

#include <charconv>
#include <string>

namespace db::detail {

// Shortest text that reads back as the same double.
DBPUSH_INLINE std::string real_literal(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  return std::string(buf, end);
}

DBPUSH_INLINE std::string sql_type_name(dialect d, const sql_type& t, std::string_view enum_name) {
  return d == dialect::sqlite ? sqlite::detail::type_name(t) : postgres::detail::type_name(t, enum_name);
}

DBPUSH_INLINE std::optional<std::string> sql_default(dialect d, const default_description& v) {
  switch (v.kind) {
    case default_kind::none: return std::nullopt;
    case default_kind::boolean:
      return std::string(d == dialect::sqlite ? sqlite::detail::boolean_literal(v.boolean)
                                              : postgres::detail::boolean_literal(v.boolean));
    case default_kind::integer: return std::to_string(v.integer);
    case default_kind::unsigned_integer: return std::to_string(v.unsigned_integer);
    case default_kind::real: return real_literal(v.real);
    case default_kind::text: case default_kind::enumerator: return quoted(v.text, '\'');
    case default_kind::now: return "CURRENT_TIMESTAMP";
    case default_kind::sql: return std::string(v.text);
  }
  return std::nullopt;
}

}  // namespace db::detail
