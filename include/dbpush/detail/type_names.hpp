// dbpush: a model's neutral types and defaults in a dialect's spelling. The
// model layer says what a field holds (db::sql_type, db::default_description);
// each dialect's type_names.hpp says what that is called. This is the one place
// that chooses between them by db::dialect, for db::schema_of.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/model/types.hpp>
#include <dbpush/schema/schema.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace db::detail {

// The dialect's canonical name of `t`. Enumerations are named by their enum
// type in PostgreSQL; `enum_name` supplies it.
DBPUSH_INLINE std::string sql_type_name(dialect d, const sql_type& t, std::string_view enum_name = {});

// The SQL literal of a default in the dialect's spelling; nullopt when there is none.
DBPUSH_INLINE std::optional<std::string> sql_default(dialect d, const default_description& v);

}  // namespace db::detail

#ifdef DBPUSH_DEFINE_CORE
#include <dbpush/detail/type_names.ipp>
#endif
