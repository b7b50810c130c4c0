// dbpush: what PostgreSQL calls the model's neutral types (docs/types.md), in
// the canonical spelling introspection reads back: as format_type() reports it.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/model/types.hpp>

#include <string>
#include <string_view>

namespace db::postgres::detail {

// format_type's name of a column holding `t` ("bigint", "character varying(255)");
// an enumeration is called by its enum type's name, `enum_name`.
DBPUSH_INLINE std::string type_name(const sql_type& t, std::string_view enum_name);
// How a boolean default is written.
DBPUSH_INLINE std::string_view boolean_literal(bool value);

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_CORE
#include <dbpush/postgres/detail/type_names.ipp>
#endif
