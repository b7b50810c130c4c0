// dbpush: definitions for <dbpush/sqlite.hpp>.
#pragma once

#include <dbpush/sqlite.hpp>
#include <dbpush/sqlite/introspect.hpp>
#include <dbpush/sqlite/snapshot.hpp>

#include <SQLiteCpp/Database.h>

#include <utility>

namespace db {

DBPUSH_INLINE push_result push(SQLite::Database& conn, const schema& target, const push_options& options) {
  sqlite::session s(conn, options.sqlite);
  return detail::push(s, target, options);
}

DBPUSH_INLINE push_plan plan(SQLite::Database& conn, const schema& target, const push_options& options) {
  sqlite::session s(conn, options.sqlite);
  return detail::make_plan(s, target, options);
}

DBPUSH_INLINE push_result apply(SQLite::Database& conn, const push_plan& p, const push_options& options) {
  sqlite::session s(conn, options.sqlite);
  return detail::apply(s, p, options);
}

DBPUSH_INLINE push_result reset(SQLite::Database& conn, const schema& target, const push_options& options) {
  auto result = sqlite::reset_rows_only(conn, target, options);
  if (!result) {
    auto resetting = options;
    resetting.force_reset = true;
    if (!sqlite::reset_snapshot_applies(conn, options)) return push(conn, target, resetting);
    const auto key = sqlite::reset_snapshot_key(target);
    result = sqlite::restore_reset_snapshot(conn, key);
    if (!result) {
      // The image must hold what the reset made, before any generator writes.
      resetting.skip_generate = true;
      result = push(conn, target, resetting);
      sqlite::save_reset_snapshot(conn, key, *result);
    }
    // Before the generators, which may write rows the next reset must delete.
    sqlite::remember_reset(conn, target, *result);
  }
  detail::run_generators(target, *result, options);
  return std::move(*result);
}

DBPUSH_INLINE schema introspect(SQLite::Database& conn, const push_options& options) {
  // One read transaction, so the three catalog queries see one snapshot.
  return sqlite::detail::guarded(conn, "reading the schema", [&] {
    conn.exec("SAVEPOINT dbpush_introspect");
    try {
      auto s = sqlite::introspect(conn, options.ignore_tables);
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
