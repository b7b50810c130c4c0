// dbpush: what SQLite calls the model's neutral types (docs/types.md), in the
// canonical spelling introspection reads back: upper case, as declared.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/model/types.hpp>

#include <string>
#include <string_view>

namespace db::sqlite::detail {

// The declared type of a column holding `t` ("INTEGER", "VARCHAR(255)"; an
// enumeration is TEXT, its values kept by a CHECK).
DBPUSH_INLINE std::string type_name(const sql_type& t);
// How a boolean default is written: SQLite stores booleans as 1 and 0.
DBPUSH_INLINE std::string_view boolean_literal(bool value);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_DEFINE_CORE
#include <dbpush/sqlite/detail/type_names.ipp>
#endif
