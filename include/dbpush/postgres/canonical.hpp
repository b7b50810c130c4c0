// dbpush: PostgreSQL's canonical spellings of types, defaults and predicates.
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

#include <dbpush/detail/config.hpp>
#include <dbpush/schema/schema.hpp>

#include <string>

namespace db::postgres {

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

}  // namespace db::postgres

#ifdef DBPUSH_HEADER_ONLY
#include <dbpush/postgres/detail/canonical.ipp>
#endif
