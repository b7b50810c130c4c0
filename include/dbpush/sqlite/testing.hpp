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

#include <optional>
#include <string>

namespace SQLite {
class Database;
}

namespace db::sqlite::detail {
struct reset_images;       // the images, by target
struct connection_resets;  // what each reset connection may skip next time
// The states of the connections the process's reset_cache reset, for the
// callbacks SQLite makes on a connection (its close, a virtual table's disconnection).
DBPUSH_INLINE connection_resets& process_connection_resets();
}  // namespace db::sqlite::detail

namespace db::sqlite::testing {

// db::reset(conn, target, options), through the process's reset_cache.
DBPUSH_INLINE push_result reset(SQLite::Database& conn, const schema& target, const push_options& options = {});

template <class... Models>
push_result reset(SQLite::Database& conn, const push_options& options = {}) {
  return reset(conn, schema_of<Models...>(dialect::sqlite), options);
}

// The process-wide cache behind reset(): the images, one per target, and for
// each connection it reset the target, versions and prepared DELETEs of that
// reset. Thread-safe. Never destroyed, so a reset may run from a static's
// destructor and a connection may close after the static destructors ran.
class reset_cache {
 public:
  DBPUSH_INLINE static reset_cache& instance();

  // The fastest of the three ways that applies: rows only (empty_again), the
  // image (restore_image, after the first reset to the target in the process),
  // or db::reset; then the generators. result.way says which.
  DBPUSH_INLINE push_result reset(SQLite::Database& conn, const schema& target, const push_options& options);

  reset_cache(const reset_cache&) = delete;
  reset_cache& operator=(const reset_cache&) = delete;

 private:
  DBPUSH_INLINE reset_cache();

  // Whether a reset of `conn` may use an image: an in-memory main database with
  // nothing a reset keeps (views, triggers, virtual tables, ignore_tables), no
  // open transaction, and no on_sql/progress callback expecting statements to run.
  DBPUSH_INLINE static bool images_apply(SQLite::Database& conn, const push_options& options);
  // The key of a target's image: its canonical, normalised rendering.
  DBPUSH_INLINE static std::string image_key(const schema& target);
  // Replaces the database with the image saved under `key`; the result of the
  // reset that made it, or nullopt when there is none (or SQLite refused the copy).
  DBPUSH_INLINE std::optional<push_result> restore_image(SQLite::Database& conn, const std::string& key);
  DBPUSH_INLINE void save_image(SQLite::Database& conn, const std::string& key, const push_result& result);
  // Records that `conn` was just reset to `target` (exactly as the caller wrote
  // it) with `result`, when images_apply held: its schema version, its data
  // version and the DELETEs that empty its tables.
  DBPUSH_INLINE void remember(SQLite::Database& conn, const schema& target, const push_result& result);
  // When `conn` was last reset to `target` and no schema change happened since
  // (same PRAGMA schema_version), deletes the rows of every table and of
  // sqlite_sequence in one transaction (foreign keys and the main database's
  // in-memory rollback journal switched off around it, when they were on) and
  // returns the remembered result; when nothing at all was committed since (same
  // data version), does not even that. nullopt: another way is needed (also
  // when the connection wrote so many rows that the full reset is cheaper).
  // The statements stay prepared on the connection until it closes: an eponymous
  // virtual table, "dbpush_reset_statements", registered on it finalizes them
  // when sqlite3_close disconnects it, before SQLite checks for open statements.
  DBPUSH_INLINE std::optional<push_result> empty_again(SQLite::Database& conn, const schema& target,
                                                       const push_options& options);

  friend detail::connection_resets& detail::process_connection_resets();

  detail::reset_images& images_;
  detail::connection_resets& connections_;
};

}  // namespace db::sqlite::testing

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/testing.ipp>
#endif
