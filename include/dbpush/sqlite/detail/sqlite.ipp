// dbpush: definitions for <dbpush/sqlite.hpp>.
#pragma once

#include <dbpush/sqlite.hpp>
#include <dbpush/sqlite/introspect.hpp>

#include <SQLiteCpp/Database.h>

#include <utility>

namespace db {

DBPUSH_INLINE push_result push(SQLite::Database& conn, const schema& target, const push_options& options) {
  sqlite::detail::session s(conn, options.sqlite);
  return detail::push(s, target, options);
}

DBPUSH_INLINE push_plan plan(SQLite::Database& conn, const schema& target, const push_options& options) {
  sqlite::detail::session s(conn, options.sqlite);
  return detail::make_plan(s, target, options);
}

DBPUSH_INLINE push_result apply(SQLite::Database& conn, const push_plan& p, const push_options& options) {
  sqlite::detail::session s(conn, options.sqlite);
  return detail::apply(s, p, options);
}

DBPUSH_INLINE push_result reset(SQLite::Database& conn, const schema& target, const push_options& options) {
  sqlite::detail::session s(conn, options.sqlite);
  return detail::reset(
      s, [&](const schema& t, const detail::dialect_facts* facts) { return s.emptying_statements(t, facts, options); },
      target, options);
}

DBPUSH_INLINE schema introspect(SQLite::Database& conn, const push_options& options) {
  // One read transaction, so the three catalog queries see one snapshot.
  return sqlite::detail::guarded(conn, "reading the schema", [&] {
    conn.exec("SAVEPOINT dbpush_introspect");
    try {
      auto s = sqlite::detail::introspect(conn, options.ignore_tables);
      conn.exec("RELEASE dbpush_introspect");
      return s;
    } catch (...) {
      conn.exec("ROLLBACK TO dbpush_introspect");
      conn.exec("RELEASE dbpush_introspect");
      throw;
    }
  });
}

}  // namespace db
