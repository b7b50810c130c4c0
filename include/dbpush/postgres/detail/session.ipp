// dbpush: definitions for <dbpush/postgres/session.hpp>.
#pragma once

#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/detail/expressions.hpp>
#include <dbpush/postgres/detail/hazards.hpp>
#include <dbpush/postgres/probes.hpp>
#include <dbpush/postgres/render.hpp>
#include <dbpush/postgres/reset.hpp>
#include <dbpush/postgres/session.hpp>

#include <pqxx/except>
#include <pqxx/nontransaction>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <exception>
#include <memory>
#include <string>
#include <utility>

namespace db::postgres::detail {

DBPUSH_INLINE std::string advisory_key(const sql_names& names) {
  return "('x' || left(md5(" + names.literal("dbpush:" + names.schema()) + "), 16))::bit(64)::bigint";
}

DBPUSH_INLINE std::string lock_timeout_setting(std::chrono::milliseconds lock_timeout) {
  return "set_config('lock_timeout', '" + std::to_string(lock_timeout.count()) + "ms', true)";
}

DBPUSH_INLINE std::string lock_statement(const sql_names& names, std::chrono::milliseconds lock_timeout,
                                         lock_scope scope) {
  auto sql = "SELECT set_config('jit', 'off', true), " +
             std::string(scope == lock_scope::transaction ? "pg_try_advisory_xact_lock(" : "pg_try_advisory_lock(") +
             advisory_key(names) + ")";
  if (lock_timeout.count() > 0) sql += ", " + lock_timeout_setting(lock_timeout);
  return sql;
}


// libpqxx messages end in a newline and may span lines (DETAIL, HINT).
DBPUSH_INLINE std::string one_message(const char* what) {
  std::string m = what;
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

// The facts this dialect's introspect() made.
DBPUSH_INLINE const catalog_facts& facts_of(const db::detail::dialect_facts* facts) {
  assert(dynamic_cast<const catalog_facts*>(facts));
  return static_cast<const catalog_facts&>(*facts);
}

enum class lock_failure { none, timeout, deadlock };

// What the exception being handled says about a lock wait: SQLSTATE 55P03
// (lock_timeout) or a deadlock the server ended (40P01, which libpqxx 6
// raises as pqxx::deadlock_detected, not a pqxx::sql_error).
DBPUSH_INLINE lock_failure current_lock_failure() {
  try {
    throw;
  } catch (const pqxx::deadlock_detected&) {
    return lock_failure::deadlock;
  } catch (const pqxx::sql_error& e) {
    return e.sqlstate() == "55P03" ? lock_failure::timeout : lock_failure::none;
  } catch (...) {
    return lock_failure::none;
  }
}

// "1.5 s" or "200 ms".
DBPUSH_INLINE std::string duration_text(std::chrono::milliseconds d) {
  if (d < std::chrono::seconds(1)) return std::to_string(d.count()) + " ms";
  const auto tenths = d.count() / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}


[[noreturn]] DBPUSH_INLINE void rethrow_as_database_error(const std::string& doing) {
  try {
    throw;
  } catch (const db::error&) {
    throw;
  } catch (const pqxx::broken_connection& e) {
    throw database_error("PostgreSQL connection lost while " + doing +
                         " (the server closed it: its backend was terminated, or the server stopped or "
                         "restarted): " + detail::one_message(e.what()));
  } catch (const pqxx::insufficient_privilege& e) {
    throw database_error("PostgreSQL permission denied while " + doing + ": " + detail::one_message(e.what()));
  } catch (const pqxx::sql_error& e) {
    // libpq's own errors have no SQLSTATE: after a server restart, "server
    // closed the connection unexpectedly" comes as one.
    if (e.sqlstate().empty())
      throw database_error("PostgreSQL connection lost while " + doing + ": " + detail::one_message(e.what()));
    throw database_error("PostgreSQL error " + e.sqlstate() + " while " + doing + ": " +
                         detail::one_message(e.what()));
  } catch (const pqxx::deadlock_detected& e) {
    throw database_error("PostgreSQL error 40P01 while " + doing + ": " + detail::one_message(e.what()));
  } catch (const std::exception& e) {
    throw database_error("PostgreSQL failure while " + doing + ": " + detail::one_message(e.what()));
  }
}

DBPUSH_INLINE void pause_before_retry(std::chrono::milliseconds first, int retry) {
  auto pause = std::max(first, std::chrono::milliseconds(0));
  for (int i = 1; i < retry && pause < std::chrono::seconds(5); ++i) pause *= 2;
  pause = std::min<std::chrono::milliseconds>(pause, std::chrono::seconds(5));
  // nanosleep, not <thread>: every TU of the header-only build includes this.
  timespec rest{static_cast<time_t>(pause.count() / 1000), static_cast<long>(pause.count() % 1000) * 1000000L};
  while (nanosleep(&rest, &rest) != 0 && errno == EINTR) {
  }
}

DBPUSH_INLINE void give_up_lock_waits(const lock_timeout_error& last, int attempts,
                                      const postgres_push_options& options) {
  throw lock_timeout_error("dbpush: the push gave up after " + std::to_string(attempts) +
                           (attempts == 1 ? " attempt" : " attempts") + " to lock the tables it changes in schema \"" +
                           options.schema + "\"; nothing was changed. The last attempt " + last.what() +
                           "\nEnd those transactions, or let the push wait longer: push_options::postgres.lock_timeout "
                           "(now " + detail::duration_text(options.lock_timeout) +
                           ", 0 waits without limit) and lock_retries (now " + std::to_string(options.lock_retries) + ").");
}

DBPUSH_INLINE session::session(pqxx::connection_base& conn, const postgres_push_options& options)
    : conn_(conn),
      names_(conn, options.schema),
      lock_timeout_(options.lock_timeout),
      lock_scope_(options.online ? lock_scope::session : lock_scope::transaction) {}

DBPUSH_INLINE session::~session() {
  rollback();
  if (!holds_session_lock_) return;
  try {
    pqxx::nontransaction tx(conn_, "dbpush_unlock");
    tx.exec("SELECT pg_advisory_unlock(" + advisory_key(names_) + ")");
  } catch (...) {
    // The connection is gone, and the server released the lock with it.
  }
}

DBPUSH_INLINE const check_rules& session::rules() const { return detail::rules(); }

DBPUSH_INLINE void session::canonicalise(schema& target) const { detail::canonicalise(target); }

DBPUSH_INLINE void session::refuse_unholdable(const schema& target) const { refuse_long_names(target); }

DBPUSH_INLINE pqxx::work& session::transaction() {
  if (!tx_) throw error("dbpush: internal error: PostgreSQL session used outside a transaction");
  return *tx_;
}

DBPUSH_INLINE void session::begin() {
  // A pqxx::lazyconnection (or one that was closed) connects here.
  const bool connected = conn_.is_open();
  try {
    tx_ = std::make_unique<pqxx::work>(conn_, "dbpush");
    const auto lock = lock_statement(names_, lock_timeout_, lock_scope_);
    // Polled, not waited for in one statement: a statement waiting for the
    // lock holds a snapshot, and an online push holding it in CREATE INDEX
    // CONCURRENTLY waits for every older snapshot, a deadlock. Between polls
    // this transaction holds none.
    for (int polls = 1; !tx_->exec1(lock)[1].as<bool>(); ++polls)
      pause_before_retry(std::chrono::milliseconds(5), std::min(polls, 5));
    holds_session_lock_ = lock_scope_ == lock_scope::session;
  } catch (...) {
    tx_.reset();
    try {
      throw;
    } catch (const pqxx::broken_connection& e) {
      if (!connected)
        throw database_error("PostgreSQL connection could not be made for the push: " +
                             detail::one_message(e.what()));
    } catch (...) {
    }
    rethrow_as_database_error("locking schema \"" + names_.schema() + "\" for the push");
  }
}

DBPUSH_INLINE void session::commit() {
  try {
    transaction().commit();
    tx_.reset();
  } catch (...) {
    tx_.reset();
    rethrow_as_database_error("committing the push");
  }
}

DBPUSH_INLINE void session::rollback() noexcept {
  if (!tx_) return;
  try {
    tx_->abort();
  } catch (...) {
    // The connection is gone: the server rolls the transaction back itself.
  }
  tx_.reset();
}

DBPUSH_INLINE std::string session::spelling_key(const std::string& print_settings) {
  std::string key;
  for (const char* part : {conn_.hostname(), conn_.port(), conn_.dbname()}) {
    key += part ? part : "";
    key += '\0';
  }
  return key + print_settings + '\0' + names_.schema() + '\0';
}

DBPUSH_INLINE db::detail::live_database session::introspect(const schema& target, const push_options& options) {
  try {
    auto catalog = read_catalog(transaction(), names_.schema(), options.ignore_tables);
    adopt_server_spellings(transaction(), catalog.contents, target, names_, spelling_key(catalog.facts.print_settings));
    return {std::move(catalog.contents), std::make_unique<catalog_facts>(std::move(catalog.facts))};
  } catch (...) {
    rethrow_as_database_error("reading schema \"" + names_.schema() + "\" from pg_catalog");
  }
}

DBPUSH_INLINE std::optional<std::vector<statement>> session::emptying_statements(
    const schema& target, const db::detail::dialect_facts* live_facts, const push_options&) {
  // The owned sequences are introspection's; without them, the long way.
  if (!live_facts) return std::nullopt;
  try {
    const auto survey = survey_for_emptying(transaction(), target, detail::facts_of(live_facts).sequences, names_);
    if (!survey.dependents.empty()) refuse_unmanaged_dependents(survey.dependents, names_);
    return detail::emptying_statements(target, survey, names_,
                                       lock_timeout_.count() > 0 ? lock_timeout_setting(lock_timeout_) : "");
  } catch (...) {
    rethrow_as_database_error("reading what the tables of schema \"" + names_.schema() + "\" hold");
  }
}

DBPUSH_INLINE std::vector<probe> session::answer(std::vector<probe> probes, const diff_result& diff) {
  for (auto& p : probes) {
    auto statements = probe_sql(p, diff.to, names_);
    const auto started = std::chrono::steady_clock::now();
    try {
      for (const auto& s : statements.before) transaction().exec(s);
      p.count = transaction().exec1(statements.count)[0].as<std::int64_t>();
      for (const auto& s : statements.after) transaction().exec(s);
    } catch (...) {
      rethrow_failure("counting rows to check the changes", statements.count, started);
    }
  }
  return probes;
}

DBPUSH_INLINE std::vector<statement> session::render(const diff_result& diff,
                                                     const db::detail::dialect_facts* live_facts,
                                                     const push_options& options) {
  auto statements = detail::render(diff, detail::facts_of(live_facts), names_, options.postgres.online);
  if (statements.empty()) return statements;
  // The tables the statements name, for the lock holders of a timeout:
  // pg_total_relation_size waits for ACCESS SHARE on each table.
  std::string named;
  for (const auto& st : statements) named += st.sql + "\n";
  const auto started = std::chrono::steady_clock::now();
  try {
    return with_table_sizes(transaction(), names_, diff, std::move(statements));
  } catch (...) {
    rethrow_failure("reading the sizes of the tables the push changes", named, started);
  }
}

DBPUSH_INLINE void session::execute(const std::vector<statement>& statements, const push_options& options) {
  for (const auto& st : statements) {
    if (options.on_sql) options.on_sql(st.sql);
    const auto started = std::chrono::steady_clock::now();
    try {
      transaction().exec(st.sql);
    } catch (...) {
      rethrow_failure("running `" + st.sql + "`", st.sql, started);
    }
  }
}

DBPUSH_INLINE void session::execute_after_commit(const statement& st, const push_options& options) {
  if (options.on_sql) options.on_sql(st.sql);
  const std::string doing = "running `" + st.sql + "` after the push's transaction committed";
  for (int attempts = 1;; ++attempts) {
    try {
      if (st.phase == statement_phase::after_commit_outside_transaction) {
        // CREATE INDEX CONCURRENTLY waits only for transactions older than it,
        // and its lock lets reads and writes go on: no lock_timeout.
        pqxx::nontransaction tx(conn_, "dbpush_online");
        tx.exec(st.sql);
      } else {
        pqxx::work tx(conn_, "dbpush_online");
        if (lock_timeout_.count() > 0) tx.exec("SELECT " + lock_timeout_setting(lock_timeout_));
        tx.exec(st.sql);
        tx.commit();
      }
      return;
    } catch (...) {
      // A lock wait is tried again, as a whole push is; it changed nothing.
      if (detail::current_lock_failure() == detail::lock_failure::none || attempts > options.postgres.lock_retries)
        rethrow_as_database_error(doing);
    }
    pause_before_retry(options.postgres.retry_backoff, attempts);
  }
}

DBPUSH_INLINE void session::rethrow_failure(const std::string& doing, const std::string& statement,
                                            std::chrono::steady_clock::time_point started) {
  const auto failure = detail::current_lock_failure();
  if (failure == detail::lock_failure::none) rethrow_as_database_error(doing);
  const auto waited =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  // The transaction is aborted; the holders are asked outside it, while they still hold.
  rollback();
  std::string holders;
  try {
    holders = lock_holders(statement);
  } catch (const std::exception& e) {
    holders = "the sessions holding locks could not be read: " + detail::one_message(e.what());
  }
  throw lock_timeout_error(
      (failure == detail::lock_failure::timeout
           ? "waited " + detail::duration_text(waited) + " (lock_timeout) for a lock while " + doing
           : "was ended by the server to break a deadlock (PostgreSQL error 40P01) after waiting " +
                 detail::duration_text(waited) + " for a lock while " + doing) +
      "; " + holders);
}

DBPUSH_INLINE std::string session::lock_holders(const std::string& statement) {
  pqxx::nontransaction tx(conn_, "dbpush_lock_holders");
  std::vector<std::string> named;  // the managed tables `statement` names
  for (const auto& r : tx.exec_params("SELECT c.relname FROM pg_class c WHERE c.relkind IN ('r', 'p') AND "
                                      "c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) "
                                      "ORDER BY c.relname",
                                      names_.schema()))
    if (statement.find(names_.qualified(r[0].as<std::string>())) != std::string::npos)
      named.push_back(r[0].as<std::string>());
  const auto rows = tx.exec_params(
      "SELECT c.relname, a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''), "
      "coalesce(extract(epoch FROM clock_timestamp() - a.xact_start), 0)::float8, "
      "left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 80), string_agg(DISTINCT l.mode, ', ') "
      "FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.granted AND l.locktype = 'relation' AND l.pid <> pg_backend_pid() "
      "AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)" +
          (named.empty() ? std::string() : " AND c.relname IN (" + names_.literals(named) + ")") +
          " GROUP BY c.relname, a.pid, a.application_name, a.state, a.xact_start, a.query "
          "ORDER BY c.relname, a.xact_start",
      names_.schema());
  std::string tables;
  for (const auto& t : named) tables += (tables.empty() ? "`" : ", `") + t + "`";
  if (tables.empty()) tables = "the tables of schema \"" + names_.schema() + "\"";
  if (rows.empty()) return "no session holds a lock on " + tables + " any more";
  std::string out = "sessions holding locks on " + tables + ":";
  for (const auto& r : rows) {
    const auto open = std::chrono::milliseconds(static_cast<std::int64_t>(r[4].as<double>() * 1000));
    out += "\n  - pid " + r[1].as<std::string>() + " (application `" + r[2].as<std::string>() + "`, " +
           r[3].as<std::string>() + ", transaction open " + detail::duration_text(open) + ") holds " +
           r[6].as<std::string>() + " on `" + r[0].as<std::string>() + "`; its query: " + r[5].as<std::string>();
  }
  return out;
}

DBPUSH_INLINE db::detail::live_database session::reset_all(const db::detail::live_database& live,
                                                           const push_options& options) {
  // DROP TABLE refuses while an unmanaged table depends on a managed one; the
  // user learns which, from dbpush, before anything runs.
  std::vector<std::string> tables;
  for (const auto& t : live.contents.tables) tables.push_back(t.name);
  std::vector<unmanaged_dependent> dependents;
  try {
    dependents = unmanaged_dependents(transaction(), tables, names_);
  } catch (...) {
    rethrow_as_database_error("reading which tables depend on the tables of schema \"" + names_.schema() + "\"");
  }
  if (!dependents.empty()) refuse_unmanaged_dependents(dependents, names_);
  execute(render_reset(live.contents, names_), options);
  const auto& was = detail::facts_of(live.facts.get());
  auto emptied = std::make_unique<catalog_facts>();
  emptied->namespace_exists = was.namespace_exists;
  emptied->print_settings = was.print_settings;
  return {schema{}, std::move(emptied)};
}

}  // namespace db::postgres::detail
