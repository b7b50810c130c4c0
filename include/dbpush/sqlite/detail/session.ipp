// dbpush: definitions for <dbpush/sqlite/session.hpp>.
#pragma once

#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/sqlite/introspect.hpp>
#include <dbpush/sqlite/probes.hpp>
#include <dbpush/sqlite/render.hpp>
#include <dbpush/sqlite/in_sync.hpp>
#include <dbpush/sqlite/reset.hpp>
#include <dbpush/sqlite/session.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>
#include <dbpush/sqlite/types.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <limits>

namespace db::sqlite::detail {

// Runs `f`, turning SQLiteCpp's exceptions into dbpush's.
template <class F>
decltype(auto) guarded(const SQLite::Database& db, std::string_view doing, F&& f) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    throw_error(e, db, doing);
  }
}


// Reports rows copied while one INSERT ... SELECT runs: the update hook counts
// each row inserted (the copy names its columns, so SQLite's transfer
// optimisation, which skips the hook, never applies); the progress handler,
// called every few thousand virtual machine steps, reports at most every 200 ms.
struct copy_progress {
  const push_options* options = nullptr;
  const std::string* table = nullptr;
  std::int64_t total = 0;
  std::int64_t copied = 0;
  std::chrono::steady_clock::time_point last_report;
  std::exception_ptr failure;

  static constexpr int steps_per_callback = 4000;
  static constexpr std::chrono::milliseconds report_every{200};

  static void on_row(void* self, int, const char*, const char*, sqlite3_int64) noexcept {
    ++static_cast<copy_progress*>(self)->copied;
  }
  static int on_steps(void* self) noexcept { return static_cast<copy_progress*>(self)->tick(); }

  int tick() noexcept {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_report < report_every) return 0;
    last_report = now;
    try {
      options->sqlite.progress(*table, std::min(copied, total), total);
    } catch (...) {
      failure = std::current_exception();
      return 1;  // interrupts the statement; the exception is rethrown after it
    }
    return 0;
  }
};

// Statements whose preparation compiles the trigger stored as `trigger_sql`
// on `table` (whose columns are `columns`): SQLite codes a trigger's body into
// every statement that fires it, so a body naming a table or column that is
// gone fails to prepare. Nothing runs (WHERE 0, and the caller only prepares).
DBPUSH_INLINE std::vector<std::string> statements_firing(const std::string& trigger_sql, const std::string& table,
                                                         const std::vector<std::string>& columns) {
  const auto q = quote_identifier(table);
  for (const auto& token : tokenize(trigger_sql)) {
    if (token.type != sql_token::kind::word) continue;
    if (token.is_keyword("INSERT")) return {"INSERT INTO " + q + " DEFAULT VALUES"};
    if (token.is_keyword("DELETE")) return {"DELETE FROM " + q + " WHERE 0"};
    if (token.is_keyword("UPDATE")) {
      std::string set;  // every column, so an UPDATE OF any of them fires
      for (const auto& c : columns) set += (set.empty() ? "" : ", ") + quote_identifier(c) + " = " + quote_identifier(c);
      return set.empty() ? std::vector<std::string>{} : std::vector<std::string>{"UPDATE " + q + " SET " + set + " WHERE 0"};
    }
  }
  return {};
}

// The steps of `diff` that drop or rename a table or column named in `sql`
// (a view's or trigger's text), as " (this push: …; …)", or "".
DBPUSH_INLINE std::string broken_by(const diff_result& diff, const std::string& sql) {
  std::vector<std::string> names;
  for (const auto& token : tokenize(sql))
    if (token.is_name()) names.push_back(token.text);
  const db::detail::name_set named(names, identifier_rule);
  std::string out;
  for (const auto& s : diff.steps) {
    const std::string* gone = nullptr;
    switch (s.kind) {
      case step_kind::drop_table: gone = &s.table; break;
      case step_kind::drop_column: gone = &s.object; break;
      case step_kind::rename_table:
      case step_kind::rename_column: gone = &s.old_name; break;
      default: break;
    }
    if (gone && named.contains(*gone)) out += (out.empty() ? " (this push: " : "; ") + s.describe();
  }
  return out.empty() ? out : out + ")";
}

// While it lives, DDL on `handle` (when given) reads a double-quoted name as
// a name only (SQLITE_DBCONFIG_DQS_DDL off), then as before.
class double_quoted_names_only {
 public:
  explicit double_quoted_names_only(sqlite3* handle) : handle_(handle) {
    if (!handle_) return;
    sqlite3_db_config(handle_, SQLITE_DBCONFIG_DQS_DDL, -1, &before_);
    sqlite3_db_config(handle_, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
  }
  ~double_quoted_names_only() {
    if (handle_) sqlite3_db_config(handle_, SQLITE_DBCONFIG_DQS_DDL, before_, nullptr);
  }
  double_quoted_names_only(const double_quoted_names_only&) = delete;
  double_quoted_names_only& operator=(const double_quoted_names_only&) = delete;

 private:
  sqlite3* handle_;
  int before_ = 1;
};

// `waiting_for_readers`: the connection holds the write lock already, so the
// lock it could not get is the EXCLUSIVE one of a commit (or of a statement
// that spills its cache) in rollback-journal mode, which readers' SHARED
// locks hold up; otherwise a writer holds the lock it wanted.
DBPUSH_INLINE std::string describe_cause(int code, const std::string& file, bool waiting_for_readers) {
  const std::string where = "`" + file + "`";
  if (code == SQLITE_READONLY_DBMOVED)
    return "the database file " + where +
           " was deleted or moved since the connection opened it (or its directory was removed); open it again";
  switch (code & 0xff) {
    case SQLITE_BUSY:
      if (waiting_for_readers)
        return "the database " + where +
               " is locked: another connection is reading it (an open read transaction or an unfinished "
               "SELECT), and the push cannot commit until it ends";
      return "the database " + where + " is locked: another connection holds a write lock (another push, or a "
             "writer's open transaction)";
    case SQLITE_LOCKED:
      return "a table of " + where + " is locked by another statement of this connection";
    case SQLITE_READONLY:
      return "the database " + where +
             " is read-only: the connection was opened without write access, or the file or its "
             "directory is not writable";
    case SQLITE_NOTADB: return where + " is not a SQLite database";
    case SQLITE_CORRUPT: return "the database " + where + " is corrupt";
    case SQLITE_CANTOPEN: return "the database " + where + " cannot be opened";
    case SQLITE_IOERR: return "reading or writing " + where + " failed (I/O error)";
    case SQLITE_FULL: return "the disk holding " + where + " is full";
    case SQLITE_PERM: return "access to " + where + " is denied";
    default: return {};
  }
}


DBPUSH_INLINE void throw_error(const SQLite::Exception& e, const SQLite::Database& db, std::string_view doing) {
  const int code = e.getExtendedErrorCode() > 0 ? e.getExtendedErrorCode() : e.getErrorCode();
  auto cause = detail::describe_cause(code, db.getFilename(),
                                      sqlite3_txn_state(db.getHandle(), nullptr) == SQLITE_TXN_WRITE);
  if (!cause.empty())
    throw database_error("dbpush: " + cause + " (SQLite error " + std::to_string(code) + " while " +
                         std::string(doing) + ": " + e.what() + ")");
  throw error("dbpush: SQLite failed while " + std::string(doing) + ": " + e.what());
}

DBPUSH_INLINE const check_rules& session::rules() const { return detail::rules(); }

DBPUSH_INLINE void session::canonicalise(schema& target) const { detail::canonicalise(target); }

DBPUSH_INLINE bool session::is_canonical(const schema& target) const { return detail::is_canonical(target); }

DBPUSH_INLINE void session::begin() {
  detail::guarded(db_, "starting the push transaction", [&] {
    if (sqlite3_get_autocommit(db_.getHandle()) == 0)
      throw error("dbpush: cannot push inside a transaction already open on this connection; commit or "
                  "roll it back first.");
    busy_timeout_before_ = db_.execAndGet("PRAGMA busy_timeout").getInt();
    // A no-op inside a transaction, so it is switched before BEGIN.
    foreign_keys_were_on_ = db_.execAndGet("PRAGMA foreign_keys").getInt() != 0;
    if (foreign_keys_were_on_) db_.exec("PRAGMA foreign_keys = OFF");
  });
  // One busy handler covers every lock the push takes: BEGIN IMMEDIATE's
  // (other writers) and, in rollback-journal mode, the EXCLUSIVE lock of
  // COMMIT or of a statement that spills its cache (readers, however briefly
  // they read). Each lock waits up to the timeout.
  constexpr std::chrono::milliseconds longest{std::numeric_limits<int>::max()};
  sqlite3_busy_timeout(db_.getHandle(), static_cast<int>(std::clamp(busy_timeout_, std::chrono::milliseconds(0),
                                                                    longest).count()));
  try {
    db_.exec("BEGIN IMMEDIATE");
    open_ = true;
  } catch (const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) == SQLITE_READONLY && begin_read_only()) return;
    restore_connection();
    throw_error(e, db_, "starting the push transaction (BEGIN IMMEDIATE)");
  }
}

// A read-only connection can still confirm that the schema is in sync; the
// first statement that would write reports the database as read-only.
DBPUSH_INLINE bool session::begin_read_only() noexcept {
  try {
    db_.exec("BEGIN");
    open_ = true;
    return true;
  } catch (const SQLite::Exception&) {
    return false;
  }
}

DBPUSH_INLINE void session::commit() {
  detail::guarded(db_, "committing", [&] { db_.exec("COMMIT"); });
  open_ = false;
  restore_connection();
}

DBPUSH_INLINE void session::rollback() noexcept {
  if (open_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
      // SQLite already rolled back (e.g. after an I/O error); nothing is left to undo.
    }
    open_ = false;
  }
  restore_connection();
}

DBPUSH_INLINE void session::restore_connection() noexcept {
  sqlite3_busy_timeout(db_.getHandle(), busy_timeout_before_);
  restore_foreign_keys();
}

DBPUSH_INLINE void session::restore_foreign_keys() noexcept {
  if (!foreign_keys_were_on_) return;
  try {
    db_.exec("PRAGMA foreign_keys = ON");
  } catch (...) {
    // Only fails on a closed connection, where the setting is gone anyway.
  }
  foreign_keys_were_on_ = false;
}

DBPUSH_INLINE bool session::known_in_sync(const schema& target, const push_options& options) {
  return detail::guarded(db_, "reading the schema",
                         [&] { return stored_schema_text_matches(db_, target, options.ignore_tables); });
}

DBPUSH_INLINE db::detail::live_database session::introspect(const schema&, const push_options& options) {
  return {detail::guarded(db_, "reading the schema", [&] { return detail::introspect(db_, options.ignore_tables); }),
          nullptr};
}

DBPUSH_INLINE std::optional<std::vector<statement>> session::emptying_statements(
    const schema& target, const db::detail::dialect_facts*, const push_options&) {
  return detail::guarded(db_, "reading triggers", [&] { return detail::emptying_statements(db_, target); });
}

DBPUSH_INLINE std::vector<probe> session::answer(std::vector<probe> probes, const diff_result&) {
  if (probes.empty()) return probes;  // nothing to count: no table list to read
  detail::guarded(db_, "counting rows for the data-loss check", [&] {
    const auto managed = managed_tables(db_, {});
    const db::detail::name_set tables(managed, identifiers());
    for (auto& p : probes) {
      // Only a stale plan asks about a table that is gone; its fingerprint check refuses it.
      if (!tables.contains(p.table)) {
        p.count = 0;
        continue;
      }
      // A parent the push creates has no rows.
      SQLite::Statement q(db_, probe_sql(p, !p.referenced_table.empty() && tables.contains(p.referenced_table)));
      if (p.kind == probe_kind::enum_value_count)
        for (std::size_t i = 0; i < p.values.size(); ++i) q.bind(static_cast<int>(i + 1), p.values[i]);
      q.executeStep();
      p.count = q.getColumn(0).getInt64();
    }
  });
  return probes;
}

DBPUSH_INLINE std::vector<statement> session::render(const diff_result& diff, const db::detail::dialect_facts*,
                                                     const push_options&) {
  auto statements = detail::render(diff, read_live_texts(diff));
  refuse_lossy_redefinitions(diff, statements);
  return statements;
}

DBPUSH_INLINE live_texts session::read_live_texts(const diff_result& diff) {
  live_texts texts;
  if (diff.steps.empty()) return texts;
  detail::guarded(db_, "reading triggers and indexes on expressions", [&] {
    // Indexes first: a trigger's body may rely on one (INSERT OR REPLACE).
    SQLite::Statement q(db_, "SELECT s.tbl_name, s.sql, s.type = 'index' FROM sqlite_schema AS s WHERE s.sql IS NOT NULL AND (s.type = 'trigger' OR "
                             "(s.type = 'index' AND EXISTS (SELECT 1 FROM pragma_index_info(s.name) AS i WHERE i.cid = -2))) "
                             "ORDER BY s.type = 'trigger'");
    while (q.executeStep()) {
      texts.kept.push_back({q.getColumn(1).getString(),
                            q.getColumn(2).getInt() ? statement_kind::create_index : statement_kind::change,
                            q.getColumn(0).getString()});
    }
  });
  db::detail::name_index renamed_from(identifiers());  // target table -> position of its rename step
  for (std::size_t i = 0; i < diff.steps.size(); ++i)
    if (diff.steps[i].kind == step_kind::rename_table) renamed_from.insert(diff.steps[i].table, i);
  for (const auto& s : diff.steps) {
    if (s.kind != step_kind::rename_foreign_key) continue;
    const auto rename = renamed_from.find(s.table);
    const std::string& live_table = rename == db::detail::name_index::npos ? s.table : diff.steps[rename].old_name;
    const auto named = detail::guarded(db_, "reading table definitions", [&] {
      SQLite::Statement q(db_, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?");
      q.bind(1, live_table);
      return q.executeStep() ? detail::parse_create_table(detail::column_text(q, 0)).foreign_keys
                             : std::vector<foreign_key>{};
    });
    bool stored = false;
    for (const auto& fk : named) stored = stored || db::detail::same_identifier(fk.name, s.old_name, identifiers());
    if (stored) continue;
    texts.unnamed_foreign_keys.insert(s.table, s.old_name, 0);
  }
  return texts;
}

DBPUSH_INLINE void session::refuse_lossy_redefinitions(const diff_result& diff,
                                                       const std::vector<statement>& statements) {
  // The copy reads a table under its name after this push's renames.
  db::detail::name_index renamed_to(identifiers());  // target name -> position of its rename step
  for (std::size_t i = 0; i < diff.steps.size(); ++i)
    if (diff.steps[i].kind == step_kind::rename_table) renamed_to.insert(diff.steps[i].table, i);
  std::vector<std::string> copied_names;
  for (const auto& st : statements)
    if (st.kind == statement_kind::copy_rows) {
      const auto renamed = renamed_to.find(st.table);
      copied_names.push_back(renamed == db::detail::name_index::npos ? st.table : diff.steps[renamed].old_name);
    }
  if (copied_names.empty()) return;
  const db::detail::name_set copied(copied_names, identifiers());
  std::string problems;
  detail::guarded(db_, "reading table definitions", [&] {
    SQLite::Statement q(db_, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL");
    while (q.executeStep()) {
      const std::string name = q.getColumn(0).getString();
      if (!copied.contains(name)) continue;
      const auto parts = unreproducible_parts(q.getColumn(1).getString());
      if (parts.empty()) continue;
      problems += "\n  - table `" + name + "` has ";
      for (std::size_t i = 0; i < parts.size(); ++i) problems += (i ? ", " : "") + parts[i];
    }
  });
  if (problems.empty()) return;
  throw error(
      "dbpush: these changes need SQLite to rebuild (copy) tables whose definitions have parts dbpush does not "
      "model, and the rebuilt tables would lose them silently; nothing was changed:" +
      problems + "\nRemove those parts from the tables by hand first, or list the tables in ignore_tables.");
}

// With a progress callback, a copy reports its rows; the statements that
// follow a copy (index builds, the drop of the old table) can take longer than
// the copy itself, so they keep reporting the table copied last.
DBPUSH_INLINE void session::execute(const std::vector<statement>& statements, const push_options& options) {
  std::string copied_table;  // the table copied last in this push, and its row count
  std::int64_t copied_rows = 0;
  for (const auto& st : statements) {
    if (options.on_sql) options.on_sql(st.sql);
    // An index on an expression is created again from its text after a
    // redefinition; with SQLite's legacy fallback a double-quoted column the
    // push dropped would silently be indexed as a string instead of failing.
    const detail::double_quoted_names_only names_only(st.kind == statement_kind::create_index ? db_.getHandle() : nullptr);
    detail::guarded(db_, "running `" + st.sql + "`", [&] {
      if (!options.sqlite.progress) return db_.exec(st.sql);
      detail::copy_progress state;
      state.options = &options;
      if (st.kind == statement_kind::copy_rows) {
        copied_table = st.table;
        copied_rows = db_.execAndGet("SELECT count(*) FROM " + quote_identifier(st.table)).getInt64();
        state.table = &copied_table;
        state.total = copied_rows;
        options.sqlite.progress(copied_table, 0, copied_rows);
        sqlite3_update_hook(db_.getHandle(), &detail::copy_progress::on_row, &state);
        run_with_progress_handler(st.sql, state);
        options.sqlite.progress(copied_table, copied_rows, copied_rows);
        return 0;
      }
      if (copied_table.empty()) return db_.exec(st.sql);
      state.table = &copied_table;
      state.total = copied_rows;
      state.copied = copied_rows;  // every row is copied; the ticks say the push is alive
      run_with_progress_handler(st.sql, state);
      return 0;
    });
  }
}

// Runs `sql` with SQLite's progress handler reporting `state`; removes the
// handler and the update hook afterwards, whatever happens.
DBPUSH_INLINE void session::run_with_progress_handler(const std::string& sql, detail::copy_progress& state) {
  state.last_report = std::chrono::steady_clock::now();
  auto* handle = db_.getHandle();
  sqlite3_progress_handler(handle, detail::copy_progress::steps_per_callback, &detail::copy_progress::on_steps,
                           &state);
  auto uninstall = [handle] {
    sqlite3_progress_handler(handle, 0, nullptr, nullptr);
    sqlite3_update_hook(handle, nullptr, nullptr);
  };
  try {
    db_.exec(sql);
  } catch (const SQLite::Exception&) {
    uninstall();
    if (state.failure) std::rethrow_exception(state.failure);
    throw;
  }
  uninstall();
}

DBPUSH_INLINE void session::verify(const diff_result& diff) {
  if (!diff.steps.empty()) refuse_broken_views_and_triggers(diff);
  // Creating tables or indexes and renaming columns cannot orphan a row; only
  // copies, drops and renames of tables can.
  bool may_break = false;
  for (const auto& s : diff.steps)
    switch (s.kind) {
      case step_kind::create_table:
      case step_kind::create_index:
      case step_kind::drop_index:
      case step_kind::rename_index:
      case step_kind::rename_column:
      case step_kind::create_enum:
      case step_kind::drop_enum: break;
      default: may_break = true;
    }
  if (!may_break) return;
  // Only the tables this push touched and their children: older violations
  // elsewhere (rows written while foreign keys were off) are not ours to refuse.
  db::detail::name_set touched(identifiers());
  for (const auto& s : diff.steps) {
    touched.insert(s.table);
    if (s.kind == step_kind::rename_table) touched.insert(s.old_name);
  }
  auto checked = touched;
  for (const auto* side : {&diff.from, &diff.to})
    for (const auto& t : side->tables)
      for (const auto& fk : t.foreign_keys)
        if (touched.contains(fk.referenced_table)) checked.insert(t.name);
  std::vector<std::string> violations;
  detail::guarded(db_, "checking foreign keys", [&] {
    for (const auto& name : managed_tables(db_, {})) {
      if (!checked.contains(name)) continue;
      SQLite::Statement q(db_, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(?)");
      q.bind(1, name);
      while (q.executeStep())
        violations.push_back("row " + (q.getColumn(1).isNull() ? std::string("?") : q.getColumn(1).getString()) +
                             " of `" + q.getColumn(0).getString() + "` references a missing row of `" +
                             q.getColumn(2).getString() + "`");
    }
  });
  if (violations.empty()) return;
  std::string message = "dbpush: the changes would break " + std::to_string(violations.size()) +
                        " foreign key reference(s); nothing was applied:";
  constexpr std::size_t listed = 20;
  for (std::size_t i = 0; i < violations.size() && i < listed; ++i) message += "\n  - " + violations[i];
  if (violations.size() > listed) message += "\n  - and " + std::to_string(violations.size() - listed) + " more";
  throw integrity_error(message);
}

DBPUSH_INLINE void session::refuse_broken_views_and_triggers(const diff_result& diff) {
  std::vector<std::string> problems;
  detail::guarded(db_, "checking views and triggers", [&] {
    SQLite::Statement q(db_, "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('view', 'trigger') "
                             "AND sql IS NOT NULL ORDER BY type, name");
    while (q.executeStep()) {
      const std::string type = q.getColumn(0).getString(), name = q.getColumn(1).getString(),
                        table = q.getColumn(2).getString(), sql = q.getColumn(3).getString();
      std::vector<std::string> statements;
      if (type == "view") {
        statements.push_back("SELECT * FROM " + quote_identifier(name));
      } else {
        std::vector<std::string> columns;
        SQLite::Statement c(db_, "SELECT name FROM pragma_table_info(?)");
        c.bind(1, table);
        while (c.executeStep()) columns.push_back(c.getColumn(0).getString());
        statements = detail::statements_firing(sql, table, columns);
      }
      for (const auto& statement : statements) {
        try {
          SQLite::Statement prepared(db_, statement);
        } catch (const SQLite::Exception& e) {
          problems.push_back(type + " `" + name + "`" + (type == "trigger" ? " on `" + table + "`" : "") + ": " +
                             e.what() + detail::broken_by(diff, sql));
          break;
        }
      }
    }
  });
  if (problems.empty()) return;
  std::string message = "dbpush: the changes would break " + std::to_string(problems.size()) +
                        " view(s) or trigger(s), which dbpush keeps but does not change; nothing was changed:";
  for (const auto& p : problems) message += "\n  - " + p;
  message += "\nChange or drop them first, or leave in the models what they use.";
  throw integrity_error(message);
}

DBPUSH_INLINE db::detail::live_database session::reset_all(const db::detail::live_database&,
                                                          const push_options& options) {
  detail::guarded(db_, "dropping the tables for force_reset", [&] {
    for (const auto& name : managed_tables(db_, options.ignore_tables)) db_.exec("DROP TABLE " + quote_identifier(name));
  });
  return {};
}

}  // namespace db::sqlite::detail
