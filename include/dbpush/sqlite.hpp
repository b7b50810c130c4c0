// dbpush: push, plan, apply, reset and introspect on a SQLite database
// (SQLiteCpp). See docs/sqlite.md.
//
//   SQLite::Database conn("app.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
//   db::push_result r = db::push(conn, target_schema);          // throws on unaccepted data loss
//   db::push_plan p = db::plan(conn, target_schema);            // dry run: changes nothing
//   db::apply(conn, p, {.accept_data_loss = true});             // exactly the plan shown
//   db::push<User, Post>(conn);                                 // from models (<dbpush/model.hpp>)
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/model/schema_of.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>
#include <dbpush/sqlite/session.hpp>

#include <SQLiteCpp/Database.h>  // the connection the API takes, and its open flags

namespace db {

// Brings the database to `target` in one transaction, or changes nothing and throws.
DBPUSH_INLINE push_result push(SQLite::Database& conn, const schema& target, const push_options& options = {});
// What push would do (steps, SQL, warnings, unexecutable steps), computed in a
// transaction that is rolled back.
DBPUSH_INLINE push_plan plan(SQLite::Database& conn, const schema& target, const push_options& options = {});
// Runs exactly `p`; throws db::stale_plan_error when the database changed since.
DBPUSH_INLINE push_result apply(SQLite::Database& conn, const push_plan& p, const push_options& options = {});
// For test suites: on a file whose schema already is `target` (the check of a
// no-op push), deletes the rows of every managed table and their
// sqlite_sequence entries; otherwise drops every table (but `ignore_tables`)
// and pushes `target`. result.way says which (docs/push.md, "Test suites");
// <dbpush/sqlite/testing.hpp> has a faster one for in-memory databases.
DBPUSH_INLINE push_result reset(SQLite::Database& conn, const schema& target, const push_options& options = {});
// The live schema as dbpush reads it.
DBPUSH_INLINE schema introspect(SQLite::Database& conn, const push_options& options = {});

// The same from models, with the models' SQLite types.
template <class... Models>
push_result push(SQLite::Database& conn, const push_options& options = {}) {
  return push(conn, schema_of<Models...>(dialect::sqlite), options);
}
template <class... Models>
push_plan plan(SQLite::Database& conn, const push_options& options = {}) {
  return plan(conn, schema_of<Models...>(dialect::sqlite), options);
}
template <class... Models>
push_result reset(SQLite::Database& conn, const push_options& options = {}) {
  return reset(conn, schema_of<Models...>(dialect::sqlite), options);
}

}  // namespace db

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/sqlite.ipp>
#endif
