// dbpush: PostgreSQL types: canonical spellings of types, defaults and
// predicates, and what the server does to values when a column changes type.
//
// The catalog reports a type as format_type() spells it ("integer",
// "character varying(255)", "timestamp with time zone") and a default as
// pg_get_expr() prints it ('member'::"Role", '0'::bigint). A target written by
// hand or by the model layer uses aliases (int4, varchar(255), timestamptz) and
// bare literals. Both sides go through these functions, so a schema dbpush made
// introspects back equal to its target and a second push has nothing to do.
// These are plain spellings only; whether two different texts are the same
// expression is left to the server (expressions.hpp).
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/detail/config.hpp>
#include <dbpush/schema/schema.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace db::postgres::detail {

// format_type's spelling of a type name; unknown names (domains, user types)
// come back unchanged apart from surrounding whitespace.
DBPUSH_INLINE std::string canonical_type(const std::string& type);

// True for the pseudo-types serial, bigserial, smallserial (and serial2/4/8):
// an integer column filled by the database.
DBPUSH_INLINE bool is_serial_alias(const std::string& type);

// A default expression of a column of canonical type `type`, without the casts
// the catalog adds to literals ('member'::"Role" -> 'member'), number literals
// unquoted on number columns only ('-1'::integer -> -1; '1'::jsonb stays '1',
// where a bare 1 would be an integer) and the SQL keywords
// true/false/CURRENT_TIMESTAMP... in one case.
DBPUSH_INLINE std::string canonical_default(const std::string& expression, const std::string& type);

// An index predicate without the parentheses pg_get_expr wraps around it.
DBPUSH_INLINE std::string canonical_predicate(const std::string& predicate);

// Applies the three functions above to a whole schema. Enum columns get the enum's
// name as their type; serial aliases and autoincrement columns become NOT NULL
// integer columns with autoincrement and no default.
DBPUSH_INLINE void canonicalise(schema& s);

// Throws db::error listing every name of `target` (table, column, index, foreign
// key, enum, enum value) longer than PostgreSQL's 63 bytes, with its length in
// UTF-8 bytes: the server would cut it, and the next push would not find it.
// Names dbpush generates always fit (db::detail::generated_identifier); models
// are dialect-neutral, so this is checked here, at run time, before the push
// begins.
DBPUSH_INLINE void refuse_long_names(const schema& target);

// ---- cast rules: what the server does to values when a column changes type ----
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

// Both types in canonical spelling (db::postgres::detail::canonical_type). An enum or
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

// Whether ALTER COLUMN ... TYPE from `from_type` to `to_type` (canonical, not
// enums) with the renderer's direct cast rewrites the table. PostgreSQL 15
// keeps the table when the cast only relabels the stored values: into text or
// unbounded character varying from either, into a longer character
// varying(n), into numeric without precision, into numeric(p,s) from one of
// the same scale and a lower precision. Every other change (integer widening,
// anything through text, character(n), a shorter length) rewrites. The server
// also keeps timestamp <-> timestamptz when its TimeZone is UTC; this says it
// rewrites.
DBPUSH_INLINE bool retype_rewrites(const std::string& from_type, const std::string& to_type);

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_POSTGRES
#include <dbpush/postgres/detail/types.ipp>
#endif
