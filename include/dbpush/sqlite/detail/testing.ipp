// dbpush: definitions for <dbpush/sqlite/reset.hpp> and <dbpush/sqlite/testing.hpp>.
#pragma once

#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/sqlite.hpp>
#include <dbpush/sqlite/testing.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>
#include <dbpush/sqlite/types.hpp>

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <utility>
#include <vector>

namespace db::sqlite::detail {

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

// Every connection resetting to the same target shares the image.
struct reset_images {
  std::mutex mutex;
  std::map<std::string, reset_image, std::less<>> by_key;
};

// Statements prepared once and afterwards only stepped and reset, which saves
// SQLite parsing and planning them again at every reset.
class kept_statements {
 public:
  kept_statements() = default;
  kept_statements(kept_statements&& other) noexcept : list_(std::exchange(other.list_, {})) {}
  kept_statements& operator=(kept_statements&& other) noexcept {
    std::swap(list_, other.list_);
    return *this;
  }
  ~kept_statements() {
    for (auto* statement : list_) sqlite3_finalize(statement);
  }

  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  // Every statement of `sql`, in order; keeps none when one fails to prepare.
  DBPUSH_INLINE bool prepare(sqlite3* db, const std::string& sql);
  // Runs the statement at `position` to its first row or its end; false on an error.
  DBPUSH_INLINE bool run(std::size_t position) const;
  // The first column of its first row: as text ("" without a row), as an integer (-1).
  DBPUSH_INLINE std::string text_of(std::size_t position) const;
  DBPUSH_INLINE int int_of(std::size_t position) const;

 private:
  std::vector<sqlite3_stmt*> list_;
};

// What the next reset of one connection may skip.
struct remembered_reset {
  schema target;  // as the caller wrote it
  push_result result;
  // The statements of a rows-only reset, in the order of `clearing_step`.
  std::string clear_sql;
  // The DELETEs empty each table before the tables it references.
  bool children_first = false;
  int schema_version = 0;
  unsigned data_version = 0;
  sqlite3_int64 total_changes = 0;  // rows this connection had written
};

// Positions in clear_sql: after these, the DELETEs of every table and of
// sqlite_sequence (children first when foreign keys allow), then COMMIT.
enum clearing_step : std::size_t {
  read_schema_version,  // PRAGMA schema_version
  read_journal_mode,    // PRAGMA main.journal_mode
  journal_off,          // PRAGMA main.journal_mode = OFF
  journal_in_memory,    // PRAGMA main.journal_mode = MEMORY
  begin                 // BEGIN
};

struct connection_reset {
  remembered_reset last;
  // clear_sql, prepared, while `keeper` is connected (see statement_keeper).
  kept_statements clearing;
  const sqlite3_vtab* keeper = nullptr;
  // While a reset prepares or runs `clearing`: a disconnection SQLite had
  // deferred may arrive from inside sqlite3_prepare or sqlite3_step (SQLite
  // prepares expired statements again there), when finalizing is left to the reset.
  bool clearing_in_use = false;
};

// Rows deleted one by one cost about as much as copying the image back (and
// SQLite re-reading the schema) once a test wrote a few hundred.
inline constexpr sqlite3_int64 rows_worth_deleting = 300;

// By connection. An entry is erased when SQLite closes its
// connection (the destructor of a function registered on it), so a connection
// opened later at the same address never finds it.
// No SQLite call is made while `mutex` is held: the keeper's callbacks take it
// from inside sqlite3_close and sqlite3_prepare, which hold their connection's
// (and, with a shared cache, its btree's) mutex.
// Never destroyed (the cache owning it is not): a connection in a global or a
// function-local static closes after the static destructors that run before
// it, and its close reaches this registry (the keeper's disconnection,
// `forget`). A static registry made on the connection's first reset would
// already be gone then.
struct connection_resets {
  std::mutex mutex;
  std::map<sqlite3*, connection_reset> by_connection;

  static void forget(void* connection) noexcept {
    auto& resets = process_connection_resets();
    decltype(by_connection)::node_type forgotten;  // destroyed after the lock is released
    std::lock_guard lock(resets.mutex);
    forgotten = resets.by_connection.extract(static_cast<sqlite3*>(connection));
  }
  static void returns_null(sqlite3_context* context, int, sqlite3_value**) noexcept { sqlite3_result_null(context); }
};

// sqlite3_close (the one SQLiteCpp calls) refuses to close a connection while a
// statement is unfinalized, and the entry learns of the close only after it
// succeeded. But before that check sqlite3_close disconnects every virtual table,
// eponymous ones included, because "the v-table implementation may be storing
// some prepared statements internally" (SQLite's main.c). This eponymous table
// has no rows and exists for that disconnection: it finalizes the connection's
// kept statements. A disconnection at any other time (the module replaced or
// dropped by the user, or a close refused for the user's own statements) costs
// only a prepare at the next reset. Only calls on a connection disconnect its
// tables, so its callbacks run on the thread using the connection.
struct statement_keeper {
  static constexpr const char* module_name = "dbpush_reset_statements";

  struct table : sqlite3_vtab {
    sqlite3* db = nullptr;
  };

  static int connect(sqlite3* db, void*, int, const char* const*, sqlite3_vtab** out, char**) noexcept {
    const int declared = sqlite3_declare_vtab(db, "CREATE TABLE x(unused)");
    if (declared != SQLITE_OK) return declared;
    // Not usable from triggers or views: a schema someone else wrote never reaches it.
    sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
    auto* made = new (std::nothrow) table{};
    if (!made) return SQLITE_NOMEM;
    made->db = db;
    *out = made;
    auto& resets = process_connection_resets();
    std::lock_guard lock(resets.mutex);
    if (auto it = resets.by_connection.find(db); it != resets.by_connection.end()) it->second.keeper = made;
    return SQLITE_OK;
  }
  static int disconnect(sqlite3_vtab* vtab) noexcept {
    auto* disconnected = static_cast<table*>(vtab);
    kept_statements finalized_on_return;
    {
      auto& resets = process_connection_resets();
      std::lock_guard lock(resets.mutex);
      // A keeper replaced before SQLite got round to disconnecting it keeps nothing.
      if (auto it = resets.by_connection.find(disconnected->db);
          it != resets.by_connection.end() && it->second.keeper == disconnected) {
        it->second.keeper = nullptr;
        if (!it->second.clearing_in_use) finalized_on_return = std::move(it->second.clearing);
      }
    }
    delete disconnected;
    return SQLITE_OK;
  }
  static int best_index(sqlite3_vtab*, sqlite3_index_info* info) noexcept {
    info->estimatedCost = 1;
    info->estimatedRows = 0;
    return SQLITE_OK;
  }
  static int open(sqlite3_vtab*, sqlite3_vtab_cursor** out) noexcept {
    *out = new (std::nothrow) sqlite3_vtab_cursor{};
    return *out ? SQLITE_OK : SQLITE_NOMEM;
  }
  static int close(sqlite3_vtab_cursor* cursor) noexcept {
    delete cursor;
    return SQLITE_OK;
  }
  static int filter(sqlite3_vtab_cursor*, int, const char*, int, sqlite3_value**) noexcept { return SQLITE_OK; }
  static int next(sqlite3_vtab_cursor*) noexcept { return SQLITE_OK; }
  static int at_end(sqlite3_vtab_cursor*) noexcept { return 1; }
  static int column(sqlite3_vtab_cursor*, sqlite3_context*, int) noexcept { return SQLITE_OK; }
  static int rowid(sqlite3_vtab_cursor*, sqlite3_int64* id) noexcept {
    *id = 0;
    return SQLITE_OK;
  }

  static const sqlite3_module& module() {
    static const sqlite3_module keeper = [] {
      sqlite3_module m{};  // no xCreate: eponymous only, CREATE VIRTUAL TABLE cannot make another
      m.iVersion = 1;
      m.xConnect = &connect;
      m.xBestIndex = &best_index;
      m.xDisconnect = &disconnect;
      m.xOpen = &open;
      m.xClose = &close;
      m.xFilter = &filter;
      m.xNext = &next;
      m.xEof = &at_end;
      m.xColumn = &column;
      m.xRowid = &rowid;
      return m;
    }();
    return keeper;
  }

  // Connects the keeper to `db` (registering its module first when needed);
  // whether it is connected, so that statements may be kept on `db`.
  DBPUSH_INLINE static bool connect_to(sqlite3* db);
  // The table connected to `db` as its keeper, if any.
  DBPUSH_INLINE static const sqlite3_vtab* keeper_of(sqlite3* db);
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

DBPUSH_INLINE bool kept_statements::prepare(sqlite3* db, const std::string& sql) {
  kept_statements prepared;
  for (const char* rest = sql.c_str(); *rest;) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, rest, -1, &statement, &rest) != SQLITE_OK) {
      sqlite3_finalize(statement);
      return false;
    }
    if (statement) prepared.list_.push_back(statement);
  }
  std::swap(list_, prepared.list_);
  return !list_.empty();
}

DBPUSH_INLINE bool kept_statements::run(std::size_t position) const {
  const int stepped = sqlite3_step(list_[position]);
  sqlite3_reset(list_[position]);
  return stepped == SQLITE_DONE || stepped == SQLITE_ROW;
}

DBPUSH_INLINE std::string kept_statements::text_of(std::size_t position) const {
  auto* statement = list_[position];
  std::string text;
  if (sqlite3_step(statement) == SQLITE_ROW)
    if (const auto* value = sqlite3_column_text(statement, 0)) text = reinterpret_cast<const char*>(value);
  sqlite3_reset(statement);
  return text;
}

DBPUSH_INLINE int kept_statements::int_of(std::size_t position) const {
  auto* statement = list_[position];
  const int value = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : -1;
  sqlite3_reset(statement);
  return value;
}

DBPUSH_INLINE bool statement_keeper::connect_to(sqlite3* db) {
  const std::string select = std::string("SELECT * FROM ") + module_name;
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db, select.c_str(), -1, &q, nullptr) != SQLITE_OK) {
    sqlite3_finalize(q);
    q = nullptr;
    if (sqlite3_create_module_v2(db, module_name, &module(), nullptr, nullptr) != SQLITE_OK) return false;
    sqlite3_prepare_v2(db, select.c_str(), -1, &q, nullptr);
  }
  // Preparing is what connects an eponymous table; the statement itself is not needed.
  sqlite3_finalize(q);
  return keeper_of(db);
}

DBPUSH_INLINE const sqlite3_vtab* statement_keeper::keeper_of(sqlite3* db) {
  auto& resets = process_connection_resets();
  std::lock_guard lock(resets.mutex);
  auto it = resets.by_connection.find(db);
  return it == resets.by_connection.end() ? nullptr : it->second.keeper;
}

// With foreign keys on, emptying children before the tables they reference
// lets them stay on: each parent row deleted then looks for children in an
// empty table. Switching them off instead changes the connection's flags, which
// expires every prepared statement, so SQLite would prepare the kept statements
// again at every reset. Only a cycle of foreign keys (a table referencing
// itself included) has no such order: then they are off meanwhile.
// So is the rollback journal of the in-memory database, which would copy every
// page before it changes. Nothing needs it: if a DELETE fails, what it left is
// committed and the full reset that follows makes the database anew.
// (docs/benchmarks.md, "Test-suite reset", has what each choice saved.)
// False when the schema changed since the reset that wrote `state.last`, or the
// rows could not be deleted.
DBPUSH_INLINE bool clear_rows(sqlite3* db, connection_reset& state) {
  kept_statements for_this_reset_only;
  auto* statements = &state.clearing;
  state.clearing_in_use = true;
  if (statements->empty() && !statement_keeper::connect_to(db)) statements = &for_this_reset_only;
  const auto& prepared = *statements;
  bool cleared = (!prepared.empty() || statements->prepare(db, state.last.clear_sql)) &&
                 prepared.int_of(read_schema_version) == state.last.schema_version;
  if (cleared) {
    const bool journal_switched_off = prepared.text_of(read_journal_mode) == "memory" && prepared.run(journal_off);
    int foreign_keys = 0;
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &foreign_keys);
    const bool switch_foreign_keys = foreign_keys && !state.last.children_first;
    if (switch_foreign_keys) sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 0, nullptr);
    for (std::size_t position = begin; cleared && position < prepared.size(); ++position) cleared = prepared.run(position);
    if (!cleared && sqlite3_get_autocommit(db) == 0)
      sqlite3_exec(db, journal_switched_off ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr);
    if (switch_foreign_keys) sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, nullptr);
    if (journal_switched_off) prepared.run(journal_in_memory);
  }
  state.clearing_in_use = false;
  // Disconnected meanwhile: nothing would finalize them at the close.
  if (!statement_keeper::keeper_of(db)) state.clearing = {};
  return cleared;
}

// The tables a rows-only reset empties (sqlite_sequence included), each before
// the tables it references when there is no cycle of foreign keys.
struct clearing_order {
  std::vector<std::string> tables;
  bool children_first = false;
};

// The reset has just made exactly `target`'s tables: children first is the
// reverse of normalise's parents-first order, unless a cycle of foreign keys (a
// table referencing itself included) left a child before one of its parents.
DBPUSH_INLINE clearing_order order_for_clearing(sqlite3* db, const schema& target) {
  schema ordered = target;
  normalise(ordered);
  db::detail::name_index position;
  position.reserve(ordered.tables.size());
  for (std::size_t i = 0; i < ordered.tables.size(); ++i) position.insert(ordered.tables[i].name, i);
  clearing_order order;
  order.children_first = true;
  for (std::size_t i = 0; i < ordered.tables.size(); ++i)
    for (const auto& fk : ordered.tables[i].foreign_keys)
      if (const auto parent = position.find(fk.referenced_table);
          parent != db::detail::name_index::npos && parent >= i)
        order.children_first = false;
  for (auto it = ordered.tables.rbegin(); it != ordered.tables.rend(); ++it) order.tables.push_back(std::move(it->name));
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_sequence'", -1, &q,
                         nullptr) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW)
    order.tables.emplace_back("sqlite_sequence");
  sqlite3_finalize(q);
  return order;
}

// `WHERE true` turns off SQLite's truncate optimisation on purpose: a test
// touches few tables, and truncating an empty one still rewrites (and journals)
// the root page of the table and of each of its indexes; a scan of an empty
// table writes nothing.
DBPUSH_INLINE std::string clear_rows_sql(const clearing_order& order) {
  if (order.tables.empty()) return {};
  std::string sql =
      "PRAGMA schema_version;PRAGMA main.journal_mode;PRAGMA main.journal_mode = OFF;"
      "PRAGMA main.journal_mode = MEMORY;BEGIN;";
  for (const auto& table : order.tables) sql += "DELETE FROM " + quote_identifier(table) + " WHERE true;";
  return sql + "COMMIT;";
}

}  // namespace db::sqlite::detail

namespace db::sqlite {

DBPUSH_INLINE detail::connection_resets& detail::process_connection_resets() {
  return testing::reset_cache::instance().connections_;
}

DBPUSH_INLINE testing::reset_cache::reset_cache()
    : images_(*new detail::reset_images), connections_(*new detail::connection_resets) {}

DBPUSH_INLINE testing::reset_cache& testing::reset_cache::instance() {
  static auto* cache = new reset_cache;
  return *cache;
}

DBPUSH_INLINE bool testing::reset_cache::images_apply(SQLite::Database& conn, const push_options& options) {
  auto* handle = conn.getHandle();
  const char* file = sqlite3_db_filename(handle, "main");
  if (!file || *file || sqlite3_get_autocommit(handle) == 0) return false;
  if (!options.ignore_tables.empty() || options.on_sql || options.sqlite.progress) return false;
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

DBPUSH_INLINE std::string testing::reset_cache::image_key(const schema& target) {
  auto canonical = target;
  detail::canonicalise(canonical);
  normalise(canonical);
  return to_string(canonical);
}

DBPUSH_INLINE std::optional<push_result> testing::reset_cache::restore_image(SQLite::Database& conn,
                                                                            const std::string& key) {
  std::lock_guard lock(images_.mutex);
  auto it = images_.by_key.find(key);
  if (it == images_.by_key.end() || !detail::copy_database(it->second.copy.get(), conn.getHandle()))
    return std::nullopt;
  return it->second.result;
}

DBPUSH_INLINE void testing::reset_cache::save_image(SQLite::Database& conn, const std::string& key,
                                                   const push_result& result) {
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, detail::close_connection> copy(raw);
  if (opened != SQLITE_OK || !detail::copy_database(conn.getHandle(), copy.get())) return;
  std::lock_guard lock(images_.mutex);
  images_.by_key.insert_or_assign(key, detail::reset_image{std::move(copy), result});
}

DBPUSH_INLINE void testing::reset_cache::remember(SQLite::Database& conn, const schema& target,
                                                 const push_result& result) {
  auto* handle = conn.getHandle();
  const auto order = detail::order_for_clearing(handle, target);
  detail::remembered_reset state{target,
                                 result,
                                 detail::clear_rows_sql(order),
                                 order.children_first,
                                 detail::schema_version(handle),
                                 detail::data_version(handle),
                                 sqlite3_total_changes64(handle)};
  if (state.clear_sql.empty() || state.schema_version < 0) return;
  auto& resets = connections_;
  detail::kept_statements for_another_schema;  // finalized after the lock is released
  {
    std::lock_guard lock(resets.mutex);
    auto [it, inserted] = resets.by_connection.try_emplace(handle);
    it->second.last = std::move(state);
    for_another_schema = std::move(it->second.clearing);
    if (!inserted) return;
  }
  // On failure SQLite calls the destructor at once, which erases the entry again.
  sqlite3_create_function_v2(handle, "dbpush_reset_state", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, handle,
                             &detail::connection_resets::returns_null, nullptr, nullptr,
                             &detail::connection_resets::forget);
}

DBPUSH_INLINE std::optional<push_result> testing::reset_cache::empty_again(SQLite::Database& conn,
                                                                          const schema& target,
                                                                          const push_options& options) {
  if (!options.ignore_tables.empty() || options.on_sql || options.sqlite.progress) return std::nullopt;
  auto* handle = conn.getHandle();
  if (sqlite3_get_autocommit(handle) == 0) return std::nullopt;
  auto& resets = connections_;
  detail::connection_reset* state = nullptr;
  {
    std::lock_guard lock(resets.mutex);
    auto it = resets.by_connection.find(handle);
    if (it == resets.by_connection.end()) return std::nullopt;
    // Only this connection's own close erases its entry, and map nodes never move.
    state = &it->second;
  }
  auto& last = state->last;
  if (!detail::same_definition(last.target, target)) return std::nullopt;
  if (detail::data_version(handle) != last.data_version) {
    if (sqlite3_total_changes64(handle) - last.total_changes > detail::rows_worth_deleting ||
        !detail::clear_rows(handle, *state))
      return std::nullopt;
    last.data_version = detail::data_version(handle);
    last.total_changes = sqlite3_total_changes64(handle);
  }
  return last.result;
}

DBPUSH_INLINE push_result testing::reset(SQLite::Database& conn, const schema& target, const push_options& options) {
  return reset_cache::instance().reset(conn, target, options);
}

DBPUSH_INLINE push_result testing::reset_cache::reset(SQLite::Database& conn, const schema& target,
                                                      const push_options& options) {
  auto result = empty_again(conn, target, options);
  if (result) result->way = reset_way::emptied;
  if (!result) {
    if (!images_apply(conn, options)) return db::reset(conn, target, options);
    const auto key = image_key(target);
    result = restore_image(conn, key);
    if (result) result->way = reset_way::restored;
    if (!result) {
      // The image must hold what the reset made, before any generator writes.
      auto resetting = options;
      resetting.force_reset = true;
      resetting.skip_generate = true;
      result = db::push(conn, target, resetting);
      save_image(conn, key, *result);
    }
    // Before the generators, which may write rows the next reset must delete.
    remember(conn, target, *result);
  }
  db::detail::run_generators(target, *result, options);
  return std::move(*result);
}

}  // namespace db::sqlite
