// dbpush: definitions for <dbpush/postgres/session.hpp>.
#pragma once

#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/detail/expressions.hpp>
#include <dbpush/postgres/probes.hpp>
#include <dbpush/postgres/render.hpp>
#include <dbpush/postgres/session.hpp>

#include <pqxx/except>

#include <exception>
#include <string>
#include <utility>

namespace db::postgres {

DBPUSH_INLINE std::string lock_statement(const sql_names& names) {
  return "SELECT set_config('jit', 'off', true), pg_advisory_xact_lock(('x' || left(md5(" +
         names.literal("dbpush:" + names.schema()) + "), 16))::bit(64)::bigint)";
}

namespace detail {

// libpqxx messages end in a newline and may span lines (DETAIL, HINT).
DBPUSH_INLINE std::string one_message(const char* what) {
  std::string m = what;
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

}  // namespace detail

[[noreturn]] DBPUSH_INLINE void rethrow_as_database_error(const std::string& doing) {
  try {
    throw;
  } catch (const db::error&) {
    throw;
  } catch (const pqxx::broken_connection& e) {
    throw database_error("PostgreSQL connection lost while " + doing + ": " + detail::one_message(e.what()));
  } catch (const pqxx::insufficient_privilege& e) {
    throw database_error("PostgreSQL permission denied while " + doing + ": " + detail::one_message(e.what()));
  } catch (const pqxx::sql_error& e) {
    throw database_error("PostgreSQL error " + e.sqlstate() + " while " + doing + ": " +
                         detail::one_message(e.what()));
  } catch (const std::exception& e) {
    throw database_error("PostgreSQL failure while " + doing + ": " + detail::one_message(e.what()));
  }
}

DBPUSH_INLINE session::session(pqxx::connection_base& conn, std::string pg_schema)
    : conn_(conn), names_(conn, std::move(pg_schema)) {}

DBPUSH_INLINE session::~session() { rollback(); }

DBPUSH_INLINE const check_rules& session::rules() const { return postgres::rules(); }

DBPUSH_INLINE void session::canonicalise(schema& target) const { postgres::canonicalise(target); }

DBPUSH_INLINE schema session::expect_target(schema target) {
  postgres::canonicalise(target);
  normalise(target);  // generated index names, to match live indexes by name
  refuse_long_names(target);
  target_ = schema(target);
  return target;
}

DBPUSH_INLINE pqxx::work& session::transaction() {
  if (!tx_) throw error("dbpush: internal error: PostgreSQL session used outside a transaction");
  return *tx_;
}

DBPUSH_INLINE void session::begin() {
  try {
    tx_ = std::make_unique<pqxx::work>(conn_, "dbpush");
    tx_->exec(lock_statement(names_));
  } catch (...) {
    tx_.reset();
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

DBPUSH_INLINE std::string session::spelling_key() {
  std::string key;
  for (const char* part : {conn_.hostname(), conn_.port(), conn_.dbname()}) {
    key += part ? part : "";
    key += '\0';
  }
  return key + live_.print_settings + '\0' + names_.schema() + '\0';
}

DBPUSH_INLINE schema session::introspect(const push_options& options) {
  try {
    live_ = read_catalog(transaction(), names_.schema(), options.ignore_tables);
    adopt_server_spellings(transaction(), live_, target_, names_, spelling_key());
    return live_.contents;
  } catch (...) {
    rethrow_as_database_error("reading schema \"" + names_.schema() + "\" from pg_catalog");
  }
}

DBPUSH_INLINE void session::answer(std::vector<probe>& probes) {
  try {
    for (auto& p : probes) {
      auto statements = probe_sql(p, target_, names_);
      for (const auto& s : statements.before) transaction().exec(s);
      p.count = transaction().exec1(statements.count)[0].as<std::int64_t>();
      for (const auto& s : statements.after) transaction().exec(s);
    }
  } catch (...) {
    rethrow_as_database_error("counting rows to check the changes");
  }
}

DBPUSH_INLINE std::vector<std::string> session::render(const diff_result& diff, const push_options&) {
  return postgres::render(diff, live_, names_);
}

DBPUSH_INLINE void session::execute(const std::string& sql, const push_options&) {
  try {
    transaction().exec(sql);
  } catch (...) {
    rethrow_as_database_error("running `" + sql + "`");
  }
}

DBPUSH_INLINE void session::reset_all(const push_options& options) {
  for (const auto& sql : render_reset(live_, names_)) {
    if (options.on_sql) options.on_sql(sql);
    execute(sql, options);
  }
  live_catalog emptied;
  emptied.namespace_exists = live_.namespace_exists;
  emptied.print_settings = live_.print_settings;
  live_ = std::move(emptied);
}

}  // namespace db::postgres
