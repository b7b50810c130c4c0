// dbpush: the push / plan / apply / reset front, shared by every dialect.
//
// Users call the connection overloads in <dbpush/sqlite.hpp> and
// <dbpush/postgres.hpp>; those wrap the connection in a db::detail::session and
// call the functions declared here, so the flow (lock, introspect, diff, check,
// render, execute, verify, commit, generators) is written once.
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/detail/config.hpp>
#include <dbpush/diff/diff.hpp>
#include <dbpush/schema/schema.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace db {

struct push_result;

// One statement a push runs, as the dialect's renderer made it: its text, what
// it does and the table it does it to, so the dialect's session executes it
// (e.g. reports the progress of a copy) without reading the text back.
enum class statement_kind : std::uint8_t {
  change,     // changes the schema of `table` (or of none: an enum type, a namespace), or its rows in place
  copy_rows,  // copies every row of `table` (named as it is when the statement runs) into the
              // table that replaces it (a SQLite table redefinition)
  create_index,  // creates an index on `table` (SQLite; PostgreSQL's renderer says `change`)
};

// The table lock a statement takes, as PostgreSQL names its modes (weakest
// first). `none`: it locks no existing table (a new table, an enum type, a
// sequence) or the dialect locks the whole database instead (SQLite).
enum class table_lock : std::uint8_t {
  none,
  access_share,            // reads: blocks only ACCESS EXCLUSIVE
  row_share,               // SELECT ... FOR SHARE/UPDATE: blocks EXCLUSIVE and ACCESS EXCLUSIVE
  row_exclusive,           // writes rows: blocks SHARE and stronger (index builds)
  share_update_exclusive,  // blocks other schema changes and VACUUM, not reads or writes
  share,                   // blocks writes, not reads (CREATE INDEX)
  share_row_exclusive,     // blocks writes and other SHARE locks, not reads (ADD FOREIGN KEY)
  exclusive,               // blocks writes and row locks, not plain reads
  access_exclusive,        // blocks everything, reads included
};

// How much of the table a statement reads or writes while it holds its lock.
enum class table_work : std::uint8_t {
  none,     // the catalog only: done at once whatever the table's size
  scan,     // reads every row (SET NOT NULL, building an index, validating a foreign key)
  rewrite,  // writes every row anew, and its indexes (PostgreSQL: a new relfilenode;
            // SQLite: the copy of a table redefinition)
};

// What a statement does to a live table, for the plan and the push's limits:
// how long it may hold which lock. The renderer sets lock and work; the
// session sets the size of the tables a plan with steps touches.
struct statement_hazard {
  table_lock lock = table_lock::none;  // on the statement's `table`
  table_work work = table_work::none;
  // Another table the statement locks: the referenced table of a foreign key
  // being added (SHARE ROW EXCLUSIVE) or dropped (ACCESS EXCLUSIVE: its triggers go).
  std::string referenced_table;
  table_lock referenced_lock = table_lock::none;
  // The table's estimated row count (PostgreSQL: pg_class.reltuples; unset when
  // the table was never analyzed, or not read) and its size on disk with
  // indexes and TOAST (pg_total_relation_size), before the push.
  std::optional<std::int64_t> rows{};
  std::optional<std::int64_t> bytes{};

  friend bool operator==(const statement_hazard&, const statement_hazard&) = default;
};

// "ACCESS EXCLUSIVE"; "" for table_lock::none.
DBPUSH_INLINE std::string to_string(table_lock lock);
// "takes ACCESS EXCLUSIVE on `items`, rewrites it (about 40000 rows, 2.9 MB)",
// or "" when the statement locks and reads no live table.
DBPUSH_INLINE std::string describe(const statement_hazard& hazard, const std::string& table);

// When a statement runs. Every statement runs in the push's one transaction,
// but PostgreSQL's online steps (postgres_push_options::online), which run
// after it commits, in order: a crash between the phases leaves them to the
// next push, which finishes them (docs/postgres.md, "Online steps").
enum class statement_phase : std::uint8_t {
  in_transaction,                    // in the push's transaction
  after_commit,                      // after it, in a transaction of its own (VALIDATE CONSTRAINT)
  after_commit_outside_transaction,  // after it, outside any transaction (CREATE INDEX CONCURRENTLY)
};

struct statement {
  std::string sql;
  statement_kind kind = statement_kind::change;
  std::string table;  // empty when the statement changes no one table
  statement_hazard hazard{};
  statement_phase phase = statement_phase::in_transaction;

  friend bool operator==(const statement&, const statement&) = default;
};

// Called after a successful push that changed or confirmed the schema.
using generator = std::function<void(const schema& target, const push_result& result)>;

// Every member has an initialiser, so push_options{.accept_data_loss = true}
// compiles cleanly under -Wextra (GCC's -Wmissing-field-initializers).
// Options only one dialect reads, grouped so a call says which:
// `push_options{.postgres = {.schema = "tenant"}}`.
struct sqlite_push_options {
  // How long the push waits for other connections' locks (another push or a
  // writer before it begins; in rollback-journal mode readers, before it
  // commits) before it fails with db::database_error "… is locked", changing
  // nothing. Set on the connection for the push only.
  std::chrono::milliseconds busy_timeout{std::chrono::seconds(10)};
  // Long table copies (a table redefined): table, rows copied so far, rows in total.
  std::function<void(const std::string& table, std::int64_t copied, std::int64_t total)> progress{};
};

struct postgres_push_options {
  std::string schema = "public";  // the schema (namespace) to manage; nothing outside it is read
  // How long one statement of the push waits for a table lock (lock_timeout,
  // for the push's transaction only) before the push rolls back and, after a
  // pause, starts again. While the push waits, other sessions' queries on that
  // table queue behind it: the timeout bounds how long. Below PostgreSQL's
  // deadlock_timeout (1 s), so in a lock cycle with a writer the push gives
  // way. 0: no timeout, the push waits as long as it takes.
  std::chrono::milliseconds lock_timeout{500};
  // Further attempts after a lock timeout or a deadlock, then the push fails
  // with db::lock_timeout_error naming the table and the sessions holding it.
  int lock_retries = 10;
  // Pause before the first retry; each next pause is twice as long, at most 5 s.
  std::chrono::milliseconds retry_backoff{200};
  // Refuse, before anything runs (db::table_size_error), a push with a step that
  // rewrites or scans every row of a table estimated above this many rows
  // (pg_class.reltuples) or bytes (pg_total_relation_size, indexes included):
  // it would hold its lock for as long as that takes. Unset: no limit.
  // A table never analyzed has no row estimate; max_scanned_bytes still applies.
  std::optional<std::int64_t> max_scanned_rows{};
  std::optional<std::int64_t> max_scanned_bytes{};
  // Online steps for large tables, off by default: an index on a table that
  // exists already is built with CREATE INDEX CONCURRENTLY after the push's
  // transaction commits; a foreign key on such a table, and NOT NULL on its
  // column (as a CHECK (col IS NOT NULL) helper), are added NOT VALID in the
  // transaction and validated after it, under locks that let reads and writes
  // go on. Gives up the one-transaction guarantee for those steps: a failure
  // after the commit throws db::unfinished_push_error, and the next push
  // finishes them (docs/postgres.md, "Online steps").
  bool online = false;
};

struct push_options {
  bool accept_data_loss = false;  // apply even though warnings were found
  bool force_reset = false;       // drop everything dbpush manages, then push
  bool skip_generate = false;     // do not run `generators`
  std::vector<generator> generators{};
  std::function<void(const std::string& sql)> on_sql{};  // each statement, before it runs
  std::vector<std::string> ignore_tables{};            // never read, never touched
  sqlite_push_options sqlite{};                        // used on SQLite only
  postgres_push_options postgres{};                    // used on PostgreSQL only
};

// How a reset (db::reset, force_reset) brought the database to the target.
enum class reset_way : std::uint8_t {
  none,       // not a reset
  recreated,  // every managed table (and PostgreSQL enum type) dropped, then the target pushed
  emptied,    // db::reset found the schema already the target: it only deleted the managed
              // tables' rows and restarted their counters (sequences, sqlite_sequence)
  restored,   // db::sqlite::testing::reset copied back an image of a reset in-memory database
};

struct push_result {
  std::vector<step> steps;           // applied, in order
  std::vector<std::string> sql;      // exactly what ran
  std::vector<statement> statements; // the same, with what each did to its table (hazard) and when it ran (phase)
  std::vector<finding> warnings;     // accepted warnings
  std::vector<finding> fills;        // NULLs set to a column's default as it became required
  bool changed = false;              // false: the database was already in sync
  bool reset = false;                // the previous contents were dropped (force_reset, db::reset)
  reset_way way = reset_way::none;   // how, when `reset`
  db::dialect dialect = db::dialect::sqlite;  // the database's (generators render for it)

  // "The database is already in sync with the models." or the list of changes.
  std::string to_string() const;
};
DBPUSH_INLINE std::ostream& operator<<(std::ostream& os, const push_result& r);

// What would run, computed inside a transaction that is rolled back: changes nothing.
// (Named push_plan, not plan: C++ forbids a class and the function template
// db::plan<Models...>(conn) sharing one name in a namespace.)
struct push_plan {
  diff_result diff;
  std::vector<std::string> sql;        // what db::apply runs, in order (statements[i].sql)
  std::vector<statement> statements;
  std::vector<finding> warnings;       // need accept_data_loss
  std::vector<finding> unexecutable;   // need force_reset
  std::vector<finding> fills;          // NULLs the push sets to a column's default (finding_kind::fill)
  // Digest of the live schema and the probe answers the plan was made from;
  // db::apply refuses when the database no longer matches it.
  std::string fingerprint;

  // No step, and nothing left over by an interrupted online push to finish.
  bool empty() const { return diff.steps.empty() && sql.empty(); }
  std::string to_string() const;
};
DBPUSH_INLINE std::ostream& operator<<(std::ostream& os, const push_plan& p);

// ---- errors -----------------------------------------------------------------

class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Warnings found and accept_data_loss not set. Nothing was changed.
class data_loss_error : public error {
 public:
  explicit data_loss_error(std::vector<finding> warnings);
  const std::vector<finding>& warnings() const noexcept { return warnings_; }

 private:
  std::vector<finding> warnings_;
};

// Steps that cannot run on the current data. Nothing was changed.
class unexecutable_error : public error {
 public:
  explicit unexecutable_error(std::vector<finding> findings);
  const std::vector<finding>& findings() const noexcept { return findings_; }

 private:
  std::vector<finding> findings_;
};

// The database cannot be read or written: locked, busy, read-only, not a
// database, connection lost. `what()` says which and why.
class database_error : public error {
 public:
  using error::error;
};

// A PostgreSQL push could not get a table lock within lock_timeout (or the
// server ended a deadlock it was part of) on every attempt. `what()` names the
// table, how long the push waited, and the sessions holding locks on it.
// Nothing was changed.
class lock_timeout_error : public database_error {
 public:
  using database_error::database_error;
};

// A PostgreSQL push would rewrite or scan a table larger than
// push_options::postgres.max_scanned_rows or max_scanned_bytes allow.
// `what()` names each such table, its step, its size and the limit. Nothing
// was changed.
class table_size_error : public error {
 public:
  using error::error;
};

// A verification inside the push failed (e.g. foreign_key_check violations after
// a SQLite table redefinition); the transaction was rolled back.
class integrity_error : public error {
 public:
  using error::error;
};

// A PostgreSQL push in online mode committed its transaction, then a
// statement of a later phase failed (or its connection was lost). `what()`
// lists what was applied, the statement that failed and why, and what was not
// applied; the next push (online or not) finishes it. Unlike every other
// error of a push, this one leaves changes behind.
class unfinished_push_error : public error {
 public:
  DBPUSH_INLINE unfinished_push_error(std::vector<statement> applied, statement failed, std::vector<statement> pending,
                                      const std::string& why);
  const std::vector<statement>& applied() const noexcept { return *applied_; }  // committed, in order
  const statement& failed() const noexcept { return *failed_; }
  const std::vector<statement>& pending() const noexcept { return *pending_; }  // not run, in order

 private:
  // Shared: exceptions are copied.
  std::shared_ptr<const std::vector<statement>> applied_;
  std::shared_ptr<const statement> failed_;
  std::shared_ptr<const std::vector<statement>> pending_;
};

// The push succeeded (committed, or found the database in sync), then a
// generator threw. `what()` says so, which generator (1-based position in
// push_options::generators) and why; `result()` is the push's result.
class generator_error : public error {
 public:
  DBPUSH_INLINE generator_error(push_result result, std::size_t position, std::size_t count, const std::string& why);
  const push_result& result() const noexcept { return *result_; }
  std::size_t position() const noexcept { return position_; }

 private:
  std::shared_ptr<const push_result> result_;  // shared: exceptions are copied
  std::size_t position_ = 0;
};

// db::apply found that the database changed since the plan was made.
class stale_plan_error : public error {
 public:
  using error::error;
};

namespace detail {

class session;  // the dialect's side of a push: <dbpush/push/detail/session.hpp>
struct dialect_facts;

// db::reset's fast way, a dialect's: the statements that delete every row of
// the managed tables of a database that holds exactly `target` (the check of a
// no-op push said so) and restart their counters, reaching nothing else;
// nullopt when they cannot (the reset then drops and pushes: reset_all).
// Statements of a later phase run after the commit (a dialect's restart of
// counters that is not transactional). `live_facts`: introspect()'s facts, null
// when the check made none. Not a virtual function of the session: those are
// compiled wherever a session is made, and a program that only pushes never
// empties.
using emptier =
    std::function<std::optional<std::vector<statement>>(const schema& target, const dialect_facts* live_facts)>;

// Digest (FNV-1a 64, hex) of the normalised live schema, every probe answer and
// whether the push resets: what db::apply recomputes to detect a stale plan.
DBPUSH_INLINE std::string plan_fingerprint(const schema& live, const std::vector<probe>& answered, bool reset);

// Throws db::error listing every inconsistency of a (normalised) target: names
// used twice (compared by `names`: on SQLite `a` and `A` are one name), keys
// and indexes over unknown columns, foreign keys to unknown tables or columns
// (tables in ignore_tables are trusted), unknown enum types.
DBPUSH_INLINE void validate_target(const schema& target, const std::vector<std::string>& ignore_tables,
                                   identifier_case names = identifier_case::sensitive);

DBPUSH_INLINE push_result push(session& s, const schema& target, const push_options& options);
// db::reset: when the live schema already is the target (the check a no-op push
// makes: the dialect's known_in_sync, else introspection and an empty diff) and
// the dialect can empty the managed tables (`emptying`), it empties them;
// otherwise it drops everything and pushes, as force_reset does.
DBPUSH_INLINE push_result reset(session& s, const emptier& emptying, const schema& target,
                                const push_options& options);
DBPUSH_INLINE push_plan make_plan(session& s, const schema& target, const push_options& options);
DBPUSH_INLINE push_result apply(session& s, const push_plan& p, const push_options& options);
// Throws db::table_size_error when a statement rewrites or scans a table above
// options.postgres.max_scanned_rows / max_scanned_bytes.
DBPUSH_INLINE void refuse_large_scans(const std::vector<statement>& statements, const push_options& options);
// Runs options.generators on `target` and the push's result, unless skip_generate.
DBPUSH_INLINE void run_generators(const schema& target, const push_result& result, const push_options& options);

}  // namespace detail
}  // namespace db

#ifdef DBPUSH_DEFINE_CORE
#include <dbpush/push/detail/push.ipp>
#endif
