// dbpush: db::detail::session for a libpqxx connection.
//
// One pqxx::work spans begin() .. commit()/rollback(), so a whole push is one
// transaction (PostgreSQL DDL is transactional); online mode's later steps run
// after it (execute_after_commit). begin() takes an advisory lock on the key of
// the managed schema's name: concurrent pushers of the same schema queue, and
// each one introspects only after the previous one finished, so the later ones
// find nothing to do. The lock ends with the transaction (online: with this
// object), and always when the process dies.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/postgres/introspect.hpp>
#include <dbpush/postgres/detail/sql_names.hpp>
#include <dbpush/push/detail/session.hpp>
#include <dbpush/push/push.hpp>

#include <pqxx/connection_base>
#include <pqxx/transaction>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace db::postgres::detail {

// How long the advisory lock is held: to the end of the push's transaction, or,
// in online mode, to the end of the session object (pg_advisory_unlock; the
// server releases it when the connection ends), so the later phases run
// while concurrent pushers still wait.
enum class lock_scope { transaction, session };

// Tries the advisory lock (its second column says whether it was granted) on
// the key of a managed schema: the first 64 bits of
// md5('dbpush:' || schema), computed by the server. The same statement turns JIT
// off for the push's transaction only: the catalog queries' cost estimates grow
// with the whole catalog, and past jit_above_cost compiling them took seconds
// for queries that run in milliseconds. A positive `lock_timeout` is set for
// the transaction after the advisory lock is granted (the target list runs in
// order), so waiting for another pusher is not bounded by it.
DBPUSH_INLINE std::string lock_statement(const sql_names& names, std::chrono::milliseconds lock_timeout = {},
                                         lock_scope scope = lock_scope::transaction);

// Rethrows the exception being handled: db::error unchanged, anything from
// libpqxx or the server as db::database_error saying what failed while `doing`.
[[noreturn]] DBPUSH_INLINE void rethrow_as_database_error(const std::string& doing);

// The pause before retry number `retry` (1, 2, …): `first`, doubled for each
// retry after the first, at most 5 s.
DBPUSH_INLINE void pause_before_retry(std::chrono::milliseconds first, int retry);
// The error of a push that gave up: the last attempt's `last` (what it waited
// for, the sessions holding it), how many `attempts` were made, that nothing
// was changed, and the options that would let it wait longer.
[[noreturn]] DBPUSH_INLINE void give_up_lock_waits(const lock_timeout_error& last, int attempts,
                                                   const postgres_push_options& options);

// Runs `attempt` (a whole push in a transaction of its own, which rolled back
// if it failed) again while it fails with db::lock_timeout_error, at most
// options.lock_retries more times, pausing in between.
template <class Attempt>
auto retry_lock_waits(const postgres_push_options& options, Attempt&& attempt) -> decltype(attempt()) {
  for (int attempts = 1;; ++attempts) {
    try {
      return attempt();
    } catch (const lock_timeout_error& e) {
      if (attempts > options.lock_retries) give_up_lock_waits(e, attempts, options);
    }
    pause_before_retry(options.retry_backoff, attempts);
  }
}

class session final : public db::detail::session {
 public:
  DBPUSH_INLINE session(pqxx::connection_base& conn, const postgres_push_options& options);
  DBPUSH_INLINE ~session() override;

  db::dialect dialect() const override { return db::dialect::postgres; }
  DBPUSH_INLINE const check_rules& rules() const override;
  DBPUSH_INLINE void canonicalise(schema& target) const override;
  DBPUSH_INLINE void refuse_unholdable(const schema& target) const override;
  DBPUSH_INLINE void begin() override;
  DBPUSH_INLINE void commit() override;
  DBPUSH_INLINE void rollback() noexcept override;
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
  // Each in a transaction of its own with the push's lock_timeout, retried on
  // a lock timeout as a push is; CONCURRENTLY outside any transaction.
  DBPUSH_INLINE void execute_after_commit(const statement& st, const push_options& options) override;
  void verify(const diff_result&) override {}  // constraints are checked as each statement runs

 private:
  DBPUSH_INLINE pqxx::work& transaction();
  // Rethrows the exception being handled, raised while `doing` (`statement`,
  // which started at `started`): a lock timeout or deadlock as
  // db::lock_timeout_error naming the tables of `statement` and the sessions
  // holding locks on them (asked after the rollback), anything else as
  // rethrow_as_database_error does.
  [[noreturn]] DBPUSH_INLINE void rethrow_failure(const std::string& doing, const std::string& statement,
                                                  std::chrono::steady_clock::time_point started);
  // "sessions holding locks on …" for the managed tables `statement` names
  // (every managed table when it names none), read outside any transaction.
  DBPUSH_INLINE std::string lock_holders(const std::string& statement);
  // What decides how the server prints expressions on this connection: server,
  // database, the print settings introspection read and the managed schema
  // (detail/expressions.hpp's connection_key).
  DBPUSH_INLINE std::string spelling_key(const std::string& print_settings);

  pqxx::connection_base& conn_;
  sql_names names_;
  std::chrono::milliseconds lock_timeout_;
  lock_scope lock_scope_;
  bool holds_session_lock_ = false;  // taken by begin(), released by the destructor
  std::unique_ptr<pqxx::work> tx_;
};

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_POSTGRES
#include <dbpush/postgres/detail/session.ipp>
#endif
