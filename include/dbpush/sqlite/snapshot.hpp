// dbpush: images of freshly reset in-memory databases. Test suites call
// db::reset once per test case; on an in-memory database the second and later
// resets to the same target copy back the image taken after the first (SQLite's
// backup API, from a private in-memory database) instead of running the DDL again.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <optional>
#include <string>

namespace SQLite {
class Database;
}

namespace db::sqlite {

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

}  // namespace db::sqlite

#ifdef DBPUSH_HEADER_ONLY
#include <dbpush/sqlite/detail/snapshot.ipp>
#endif
