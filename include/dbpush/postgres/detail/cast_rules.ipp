// dbpush: definitions for <dbpush/postgres/cast_rules.hpp>.
#pragma once

#include <dbpush/postgres/cast_rules.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace db::postgres {
namespace detail {

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

// The numbers inside "name(a)" or "name(a,b)".
DBPUSH_INLINE void read_modifiers(std::string_view t, cast_type& out) {
  auto open = t.find('(');
  if (open == std::string_view::npos) return;
  std::string inner(t.substr(open + 1, t.find(')') - open - 1));
  auto comma = inner.find(',');
  out.length = std::stoi(inner.substr(0, comma));
  if (comma != std::string::npos) out.scale = std::stoi(inner.substr(comma + 1));
}

DBPUSH_INLINE cast_type classify_type(const std::string& t) {
  cast_type c;
  if (t == "smallint" || t == "integer" || t == "bigint") {
    c.family = type_family::integer;
    c.rank = t == "smallint" ? 1 : t == "integer" ? 2 : 3;
  } else if (starts_with(t, "numeric")) {
    c.family = type_family::numeric;
    read_modifiers(t, c);
  } else if (t == "real" || t == "double precision") {
    c.family = type_family::floating;
    c.rank = t == "real" ? 1 : 2;
  } else if (t == "text" || t == "character varying") {
    c.family = type_family::unbounded_text;
  } else if (starts_with(t, "character varying(") || starts_with(t, "character(")) {
    c.family = type_family::bounded_text;
    read_modifiers(t, c);
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

DBPUSH_INLINE cast_class numeric_to_numeric(const cast_type& from, const cast_type& to) {
  if (to.length < 0) return cast_class::safe;
  // An unconstrained value or fewer integer digits can overflow: an error, so
  // the data decides.
  if (from.length < 0 || to.length - to.scale < from.length - from.scale)
    return cast_class::not_castable;
  return to.scale >= from.scale ? cast_class::safe : cast_class::risky;
}

DBPUSH_INLINE cast_class integer_to(const cast_type& from, const cast_type& to) {
  switch (to.family) {
    // Narrowing keeps every value that fits and fails on the others: the data decides.
    case type_family::integer: return to.rank >= from.rank ? cast_class::safe : cast_class::not_castable;
    case type_family::numeric:
      return to.length < 0 ? cast_class::safe : cast_class::not_castable;
    case type_family::floating:
      // real keeps 24 bits of mantissa, double precision 53.
      if (from.rank == 1 || (from.rank == 2 && to.rank == 2)) return cast_class::safe;
      return cast_class::risky;
    default: return cast_class::not_castable;
  }
}

}  // namespace detail

DBPUSH_INLINE cast_class classify_cast(const std::string& from_type, const std::string& to_type) {
  using detail::type_family;
  if (from_type == to_type) return cast_class::safe;
  const auto from = detail::classify_type(from_type);
  const auto to = detail::classify_type(to_type);
  if (to.family == type_family::unbounded_text || to.family == type_family::bounded_text)
    return detail::to_text(from, to);
  switch (from.family) {
    case type_family::integer: return detail::integer_to(from, to);
    case type_family::numeric:
      if (to.family == type_family::numeric) return detail::numeric_to_numeric(from, to);
      if (to.family == type_family::integer || to.family == type_family::floating)
        return cast_class::risky;
      return cast_class::not_castable;
    case type_family::floating:
      if (to.family == type_family::floating)
        return to.rank >= from.rank ? cast_class::safe : cast_class::risky;
      if (to.family == type_family::integer || to.family == type_family::numeric)
        return cast_class::risky;
      return cast_class::not_castable;
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
  // Between integer types the direct cast exists and fails exactly where the
  // checker counts (outside the new range).
  return from_enum || to_enum ||
         (classify_cast(from_type, to_type) == cast_class::not_castable &&
          !(integer_range(from_type) && integer_range(to_type)));
}

DBPUSH_INLINE const check_rules& rules() {
  static const check_rules pg{&classify_cast};
  return pg;
}

}  // namespace db::postgres
