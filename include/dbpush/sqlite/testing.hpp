// dbpush: fast resets of in-memory SQLite databases, for test suites (opt-in).
//
// A test suite resets its database once per test case. db::sqlite::testing::reset
// does what db::reset does, faster on an in-memory database:
// - a reset to the target the same connection was last reset to, with no DDL
//   since, only deletes the rows (the DELETE statements stay prepared on the
//   connection until it closes);
// - the first reset of a connection to a target copies back the image taken
//   after the first reset to that target in the process (SQLite's backup API,
//   from a private in-memory database) instead of running the DDL again.
// The images are kept for the life of the process (never destroyed, so a reset
// may run from a static's destructor). That is why this is opt-in: db::reset
// keeps nothing between calls. Files, views, triggers, ignore_tables, an open
// transaction or an on_sql/progress callback take the full reset.
//
//   #include <dbpush/sqlite/testing.hpp>
//   db::sqlite::testing::reset<User, Post>(conn);   // at the start of each test case
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/model/schema_of.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

namespace SQLite {
class Database;
}

namespace db::sqlite::testing {

// db::reset(conn, target, options), through the caches described above.
DBPUSH_INLINE push_result reset(SQLite::Database& conn, const schema& target, const push_options& options = {});

template <class... Models>
push_result reset(SQLite::Database& conn, const push_options& options = {}) {
  return reset(conn, schema_of<Models...>(dialect::sqlite), options);
}

}  // namespace db::sqlite::testing

#ifdef DBPUSH_HEADER_ONLY
#include <dbpush/sqlite/detail/testing.ipp>
#endif
