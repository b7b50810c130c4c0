// dbpush: db::reset's fast way on a SQLite file: when the schema already is
// the target, the managed tables are emptied instead of dropped and made again.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <optional>
#include <vector>

namespace SQLite {
class Database;
}

namespace db::sqlite::detail {

// The statements that empty the tables of `target` in a database that holds
// exactly `target` (the check of a no-op push said so) and restart their
// counters: a DELETE of each table, children first, then the tables' entries
// in sqlite_sequence (every other entry stays). They run in the push's
// transaction, where foreign keys are off, so no ON DELETE action reaches a
// table the reset does not manage.
// nullopt, and the reset takes the long way (drop, push), when
// - the database is not a file: an in-memory one is made anew as it always
//   was (<dbpush/sqlite/testing.hpp> is its fast reset);
// - a trigger (in main or temp) is on one of the tables: a DELETE would fire
//   it, and it may write anywhere, ignored tables included; the long way drops
//   the tables and their triggers without firing them, as it always did.
DBPUSH_INLINE std::optional<std::vector<statement>> emptying_statements(SQLite::Database& db, const schema& target);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/reset.ipp>
#endif
