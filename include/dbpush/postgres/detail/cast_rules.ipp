// dbpush: definitions for <dbpush/postgres/cast_rules.hpp>.
#pragma once

#include <dbpush/postgres/cast_rules.hpp>

#include <charconv>
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

DBPUSH_INLINE const check_rules& rules() {
  static const check_rules pg{&classify_cast};
  return pg;
}

}  // namespace db::postgres
