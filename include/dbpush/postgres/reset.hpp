// dbpush: db::reset's fast way on PostgreSQL: when the managed schema already
// is the target, its tables are emptied instead of dropped and made again.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/postgres/detail/sql_names.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <pqxx/transaction_base>

#include <optional>
#include <vector>

namespace db::postgres::detail {

// The statement that empties the tables of `target` in a managed schema that
// holds exactly `target` (the check of a no-op push said so) and restarts
// their identity and SERIAL sequences: one `TRUNCATE … RESTART IDENTITY`.
// Without CASCADE: a table outside `target` (in ignore_tables or another
// schema) that references one of them is never emptied with it; the server
// refuses instead. nullopt, and the reset takes the long way (drop, push), when
// the catalog shows such a table: a foreign key from it to one of them, or a
// table inheriting from one of them (TRUNCATE empties descendants too).
DBPUSH_INLINE std::optional<std::vector<statement>> emptying_statements(pqxx::transaction_base& tx,
                                                                        const schema& target,
                                                                        const sql_names& names);

}  // namespace db::postgres::detail

#ifdef DBPUSH_HEADER_ONLY
#include <dbpush/postgres/detail/reset.ipp>
#endif
