// dbpush: db::detail::session for a SQLiteCpp connection — the transaction
// (PRAGMA foreign_keys switched off around BEGIN IMMEDIATE), probes answered by
// COUNT queries (probes.hpp), execution with progress for table copies,
// foreign_key_check, and SQLite errors turned into db::database_error.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/push/detail/session.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/sqlite/introspect.hpp>
#include <dbpush/sqlite/render.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
class Exception;
}  // namespace SQLite

namespace db::sqlite::detail {

struct copy_progress;

class session final : public db::detail::session {
 public:
  explicit session(SQLite::Database& db, const sqlite_push_options& options = {})
      : db_(db), busy_timeout_(options.busy_timeout) {}

  db::dialect dialect() const override { return db::dialect::sqlite; }
  // SQLite resolves every name without regard to ASCII case: a table made as
  // "Users" is the target's "users" (renamed to that spelling, data kept).
  db::identifier_case identifiers() const override { return identifier_rule; }
  DBPUSH_INLINE const check_rules& rules() const override;
  DBPUSH_INLINE void canonicalise(schema& target) const override;
  DBPUSH_INLINE bool is_canonical(const schema& target) const override;
  DBPUSH_INLINE void begin() override;
  DBPUSH_INLINE void commit() override;
  DBPUSH_INLINE void rollback() noexcept override;
  DBPUSH_INLINE bool known_in_sync(const schema& target, const push_options& options) override;
  DBPUSH_INLINE db::detail::live_database introspect(const schema& target, const push_options& options) override;
  DBPUSH_INLINE db::detail::live_database reset_all(const db::detail::live_database& live,
                                                    const push_options& options) override;
  // db::reset's fast way (a db::detail::emptier); not virtual, so
  // that only a program that resets compiles it.
  DBPUSH_INLINE std::optional<std::vector<statement>> emptying_statements(
      const schema& target, const db::detail::dialect_facts* live_facts, const push_options& options);
  DBPUSH_INLINE std::vector<probe> answer(std::vector<probe> probes, const diff_result& diff) override;
  DBPUSH_INLINE std::vector<statement> render(const diff_result& diff, const db::detail::dialect_facts* live_facts,
                                              const push_options& options) override;
  DBPUSH_INLINE void execute(const std::vector<statement>& statements, const push_options& options) override;
  DBPUSH_INLINE void verify(const diff_result& diff) override;

 private:
  DBPUSH_INLINE void restore_foreign_keys() noexcept;
  // Ends the push's transaction state: the busy timeout and foreign keys the
  // connection had before begin().
  DBPUSH_INLINE void restore_connection() noexcept;
  DBPUSH_INLINE bool begin_read_only() noexcept;
  // Runs `sql` with SQLite's progress handler reporting `state`.
  DBPUSH_INLINE void run_with_progress_handler(const std::string& sql, detail::copy_progress& state);
  // The renamed foreign keys whose CREATE TABLE text writes no name.
  DBPUSH_INLINE live_texts read_live_texts(const diff_result& diff);
  // Throws when `statements` copy a table whose definition has parts the copy
  // would drop (unreproducible_parts).
  DBPUSH_INLINE void refuse_lossy_redefinitions(const diff_result& diff, const std::vector<statement>& statements);
  // Throws db::integrity_error naming each view and trigger that no longer
  // compiles after the statements (a table or column it uses is gone): dbpush
  // keeps them working or changes nothing.
  DBPUSH_INLINE void refuse_broken_views_and_triggers(const diff_result& diff);

  SQLite::Database& db_;
  std::chrono::milliseconds busy_timeout_;
  int busy_timeout_before_ = 0;  // PRAGMA busy_timeout of the connection before begin()
  bool foreign_keys_were_on_ = false;
  bool open_ = false;
};

// SQLite's error as a db::error: a db::database_error naming the cause (locked,
// read-only, not a database, ...) when the file cannot be read or written.
[[noreturn]] DBPUSH_INLINE void throw_error(const SQLite::Exception& e, const SQLite::Database& db,
                                            std::string_view doing);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/session.ipp>
#endif
