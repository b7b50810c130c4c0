// dbpush: definitions for <dbpush/sqlite/snapshot.hpp>.
#pragma once

#include <dbpush/sqlite/snapshot.hpp>
#include <dbpush/sqlite/sql_text.hpp>
#include <dbpush/sqlite/types.hpp>

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include <algorithm>
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

// What the next reset of one connection may skip.
struct connection_reset {
  schema target;  // as the caller wrote it
  push_result result;
  std::string clear_sql;  // BEGIN; DELETE FROM every table and sqlite_sequence; COMMIT
  int schema_version = 0;
  unsigned data_version = 0;
  sqlite3_int64 total_changes = 0;  // rows this connection had written
};

// Rows deleted one by one cost about as much as copying the image back (and
// SQLite re-reading the schema) once a test wrote a few hundred.
inline constexpr sqlite3_int64 rows_worth_deleting = 300;

// Process-wide, by connection. An entry is erased when SQLite closes its
// connection (the destructor of a function registered on it), so a connection
// opened later at the same address never finds it.
struct connection_resets {
  std::mutex mutex;
  std::map<sqlite3*, connection_reset> by_connection;

  static connection_resets& instance() {
    static connection_resets resets;
    return resets;
  }
  static void forget(void* connection) noexcept {
    auto& resets = instance();
    std::lock_guard lock(resets.mutex);
    resets.by_connection.erase(static_cast<sqlite3*>(connection));
  }
  static void returns_null(sqlite3_context* context, int, sqlite3_value**) noexcept { sqlite3_result_null(context); }
};

// Both schemas define the same tables in the same order (table order decides
// creation order; schema's operator== ignores it and column order).
DBPUSH_INLINE bool same_definition(const schema& a, const schema& b) {
  return a.enums == b.enums &&
         std::equal(a.tables.begin(), a.tables.end(), b.tables.begin(), b.tables.end(), [](const table& x, const table& y) {
           return x.name == y.name && x.columns == y.columns && x.primary_key == y.primary_key &&
                  x.indexes == y.indexes && x.foreign_keys == y.foreign_keys;
         });
}

// Bumped by every commit to main, by this connection or any other sharing its
// cache; read without running a statement.
DBPUSH_INLINE unsigned data_version(sqlite3* db) {
  unsigned version = 0;
  sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, &version);
  return version;
}

// Bumped by every schema change; -1 when it cannot be read.
DBPUSH_INLINE int schema_version(sqlite3* db) {
  sqlite3_stmt* q = nullptr;
  int version = -1;
  if (sqlite3_prepare_v2(db, "PRAGMA schema_version", -1, &q, nullptr) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
    version = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  return version;
}

// Foreign keys are off meanwhile: every table is emptied, and checking each
// parent's children would cost a query per row.
DBPUSH_INLINE bool clear_rows(sqlite3* db, const std::string& clear_sql) {
  int foreign_keys = 0;
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &foreign_keys);
  if (foreign_keys) sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 0, nullptr);
  const bool cleared = sqlite3_exec(db, clear_sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  if (!cleared && sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  if (foreign_keys) sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, nullptr);
  return cleared;
}

// `WHERE true` turns off SQLite's truncate optimisation on purpose: a test
// touches few tables, and truncating an empty one still rewrites (and journals)
// the root page of the table and of each of its indexes; a scan of an empty
// table writes nothing.
DBPUSH_INLINE std::string clear_rows_sql(sqlite3* db) {
  sqlite3_stmt* q = nullptr;
  std::string sql = "BEGIN;";
  if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND (name = 'sqlite_sequence' OR name NOT LIKE 'sqlite\\_%' ESCAPE '\\')",
                         -1, &q, nullptr) != SQLITE_OK) {
    sqlite3_finalize(q);
    return {};
  }
  while (sqlite3_step(q) == SQLITE_ROW)
    sql += "DELETE FROM " + quote_identifier(reinterpret_cast<const char*>(sqlite3_column_text(q, 0))) + " WHERE true;";
  sqlite3_finalize(q);
  return sql + "COMMIT;";
}

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



DBPUSH_INLINE void remember_reset(SQLite::Database& conn, const schema& target, const push_result& result) {
  auto* handle = conn.getHandle();
  detail::connection_reset state{target,
                                 result,
                                 detail::clear_rows_sql(handle),
                                 detail::schema_version(handle),
                                 detail::data_version(handle),
                                 sqlite3_total_changes64(handle)};
  if (state.clear_sql.empty() || state.schema_version < 0) return;
  auto& resets = detail::connection_resets::instance();
  {
    std::lock_guard lock(resets.mutex);
    auto [it, inserted] = resets.by_connection.insert_or_assign(handle, std::move(state));
    if (!inserted) return;
  }
  // On failure SQLite calls the destructor at once, which erases the entry again.
  sqlite3_create_function_v2(handle, "dbpush_reset_state", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, handle,
                             &detail::connection_resets::returns_null, nullptr, nullptr,
                             &detail::connection_resets::forget);
}

DBPUSH_INLINE std::optional<push_result> reset_rows_only(SQLite::Database& conn, const schema& target,
                                                         const push_options& options) {
  if (!options.ignore_tables.empty() || options.on_sql || options.progress) return std::nullopt;
  auto* handle = conn.getHandle();
  if (sqlite3_get_autocommit(handle) == 0) return std::nullopt;
  auto& resets = detail::connection_resets::instance();
  detail::connection_reset* last = nullptr;
  {
    std::lock_guard lock(resets.mutex);
    auto it = resets.by_connection.find(handle);
    if (it == resets.by_connection.end()) return std::nullopt;
    // Only this connection's own close erases its entry, and map nodes never move.
    last = &it->second;
  }
  if (!detail::same_definition(last->target, target)) return std::nullopt;
  if (detail::data_version(handle) != last->data_version) {
    if (detail::schema_version(handle) != last->schema_version ||
        sqlite3_total_changes64(handle) - last->total_changes > detail::rows_worth_deleting ||
        !detail::clear_rows(handle, last->clear_sql))
      return std::nullopt;
    last->data_version = detail::data_version(handle);
    last->total_changes = sqlite3_total_changes64(handle);
  }
  return last->result;
}

}  // namespace db::sqlite
