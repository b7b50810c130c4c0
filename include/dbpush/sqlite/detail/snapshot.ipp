// dbpush: definitions for <dbpush/sqlite/snapshot.hpp>.
#pragma once

#include <dbpush/sqlite/snapshot.hpp>
#include <dbpush/sqlite/types.hpp>

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include <map>
#include <memory>
#include <mutex>

namespace db::sqlite {
namespace detail {

struct close_connection {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};

// Copies every page of `from` into `to` (SQLite's backup API: the destination's
// pager stays in place, so its open statements and caches remain valid).
DBPUSH_INLINE bool copy_database(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return false;
  const int stepped = sqlite3_backup_step(backup, -1);
  return sqlite3_backup_finish(backup) == SQLITE_OK && stepped == SQLITE_DONE;
}

struct reset_image {
  std::unique_ptr<sqlite3, close_connection> copy;  // a private in-memory database
  push_result result;
};

// Process-wide: every connection resetting to the same target shares the image.
struct reset_images {
  std::mutex mutex;
  std::map<std::string, reset_image, std::less<>> by_key;

  static reset_images& instance() {
    static reset_images images;
    return images;
  }
};

}  // namespace detail

DBPUSH_INLINE bool reset_snapshot_applies(SQLite::Database& conn, const push_options& options) {
  auto* handle = conn.getHandle();
  const char* file = sqlite3_db_filename(handle, "main");
  if (!file || *file || sqlite3_get_autocommit(handle) == 0) return false;
  if (!options.ignore_tables.empty() || options.on_sql || options.progress) return false;
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(handle,
                         "SELECT count(*) FROM sqlite_schema WHERE type IN ('view', 'trigger') OR "
                         "(type = 'table' AND rootpage = 0)",
                         -1, &q, nullptr) != SQLITE_OK) {
    sqlite3_finalize(q);
    return false;
  }
  const bool only_tables = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) == 0;
  sqlite3_finalize(q);
  return only_tables;
}

DBPUSH_INLINE std::string reset_snapshot_key(const schema& target) {
  auto canonical = target;
  canonicalise(canonical);
  normalise(canonical);
  return to_string(canonical);
}

DBPUSH_INLINE std::optional<push_result> restore_reset_snapshot(SQLite::Database& conn, const std::string& key) {
  auto& images = detail::reset_images::instance();
  std::lock_guard lock(images.mutex);
  auto it = images.by_key.find(key);
  if (it == images.by_key.end() || !detail::copy_database(it->second.copy.get(), conn.getHandle()))
    return std::nullopt;
  return it->second.result;
}

DBPUSH_INLINE void save_reset_snapshot(SQLite::Database& conn, const std::string& key, const push_result& result) {
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, detail::close_connection> copy(raw);
  if (opened != SQLITE_OK || !detail::copy_database(conn.getHandle(), copy.get())) return;
  auto& images = detail::reset_images::instance();
  std::lock_guard lock(images.mutex);
  images.by_key.insert_or_assign(key, detail::reset_image{std::move(copy), result});
}

}  // namespace db::sqlite
