// dbpush: what PostgreSQL does to values when a column changes type.
//
// Classified by what the server does with the conversion the renderer runs:
// safe: every value survives (widening, varchar(n) -> text, json <-> jsonb).
// risky: every value converts, but some may be altered (rounding, truncation by
//   an explicit varchar(n) cast); the checker warns with the count of non-NULL values.
// not_castable: the conversion raises an error on some values (text -> integer,
//   into an enum, integer narrowing, numeric or float -> integer, double
//   precision -> real, a numeric overflow). The session counts, before anything
//   runs, the values that would fail exactly that conversion: none -> a warning,
//   some -> unexecutable with the count. Between number types (integers,
//   numeric, floats) the renderer casts directly (USING col::new_type), which
//   rounds; otherwise through text (USING col::text::new_type).
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/detail/config.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace db::postgres {

// Both types in canonical spelling (db::postgres::canonical_type). An enum or
// any type we do not know is not_castable, so the data decides.
DBPUSH_INLINE cast_class classify_cast(const std::string& from_type, const std::string& to_type);

DBPUSH_INLINE const check_rules& rules();

// The smallest and largest value of smallint, integer or bigint (canonical
// spelling); nullopt for any other type.
struct integer_bounds {
  std::int64_t min = 0;
  std::int64_t max = 0;
};
DBPUSH_INLINE std::optional<integer_bounds> integer_range(const std::string& type);

// Whether a column's values change type through text (USING col::text::type):
// into or out of an enum, or a not_castable change between types that are not
// both numbers. The renderer converts so, and the checker's probes convert the
// same way.
DBPUSH_INLINE bool converts_through_text(const std::string& from_type, bool from_enum, const std::string& to_type,
                                         bool to_enum);

}  // namespace db::postgres

#ifdef DBPUSH_HEADER_ONLY
#include <dbpush/postgres/detail/cast_rules.ipp>
#endif
