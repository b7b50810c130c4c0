// dbpush: the machinery of <dbpush/sqlite/testing.hpp>'s fast resets of
// in-memory databases (see there for what they do).
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <optional>
#include <string>

namespace SQLite {
class Database;
}

namespace db::sqlite::detail {

// Whether a reset of `conn` may use an image: an in-memory main database with
// nothing a reset keeps (views, triggers, virtual tables, ignore_tables), no
// open transaction, and no on_sql/progress callback expecting statements to run.
DBPUSH_INLINE bool reset_snapshot_applies(SQLite::Database& conn, const push_options& options);

// The key of a target: its canonical, normalised rendering.
DBPUSH_INLINE std::string reset_snapshot_key(const schema& target);

// Replaces the database with the image saved under `key`; the result of the
// reset that made it, or nullopt when there is no image (or SQLite refused the copy).
DBPUSH_INLINE std::optional<push_result> restore_reset_snapshot(SQLite::Database& conn, const std::string& key);
DBPUSH_INLINE void save_reset_snapshot(SQLite::Database& conn, const std::string& key, const push_result& result);

// Records that `conn` was just reset to `target` (exactly as the caller wrote
// it) with `result`, when reset_snapshot_applies held: its schema version, its
// data version and the DELETEs that empty its tables.
DBPUSH_INLINE void remember_reset(SQLite::Database& conn, const schema& target, const push_result& result);

// When `conn` was last reset to `target` and no schema change happened since
// (same PRAGMA schema_version), deletes the rows of every table and of
// sqlite_sequence in one transaction (foreign keys and the main database's
// in-memory rollback journal switched off around it, when they were on) and
// returns the remembered result; when nothing at all was committed since (same
// data version), does not even that. nullopt: the full reset is needed (also
// when the connection wrote so many rows that the full reset is cheaper).
// The statements stay prepared on the connection until it closes: an eponymous
// virtual table, "dbpush_reset_statements", registered on it finalizes them
// when sqlite3_close disconnects it, before SQLite checks for open statements.
DBPUSH_INLINE std::optional<push_result> reset_rows_only(SQLite::Database& conn, const schema& target,
                                                         const push_options& options);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_HEADER_ONLY
#include <dbpush/sqlite/detail/reset.ipp>
#endif
