// dbpush: definitions for <dbpush/postgres/session.hpp>.
#pragma once

#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/detail/expressions.hpp>
#include <dbpush/postgres/probes.hpp>
#include <dbpush/postgres/render.hpp>
#include <dbpush/postgres/session.hpp>

#include <pqxx/except>

#include <cassert>
#include <exception>
#include <memory>
#include <string>
#include <utility>

namespace db::postgres::detail {

DBPUSH_INLINE std::string lock_statement(const sql_names& names) {
  return "SELECT set_config('jit', 'off', true), pg_advisory_xact_lock(('x' || left(md5(" +
         names.literal("dbpush:" + names.schema()) + "), 16))::bit(64)::bigint)";
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

DBPUSH_INLINE const check_rules& session::rules() const { return detail::rules(); }

DBPUSH_INLINE void session::canonicalise(schema& target) const { detail::canonicalise(target); }

DBPUSH_INLINE void session::refuse_unholdable(const schema& target) const { refuse_long_names(target); }

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

DBPUSH_INLINE std::vector<probe> session::answer(std::vector<probe> probes, const diff_result& diff) {
  try {
    for (auto& p : probes) {
      auto statements = probe_sql(p, diff.to, names_);
      for (const auto& s : statements.before) transaction().exec(s);
      p.count = transaction().exec1(statements.count)[0].as<std::int64_t>();
      for (const auto& s : statements.after) transaction().exec(s);
    }
  } catch (...) {
    rethrow_as_database_error("counting rows to check the changes");
  }
  return probes;
}

DBPUSH_INLINE std::vector<statement> session::render(const diff_result& diff,
                                                     const db::detail::dialect_facts* live_facts,
                                                     const push_options&) {
  return detail::render(diff, detail::facts_of(live_facts), names_);
}

DBPUSH_INLINE void session::execute(const std::vector<statement>& statements, const push_options& options) {
  for (const auto& st : statements) {
    if (options.on_sql) options.on_sql(st.sql);
    try {
      transaction().exec(st.sql);
    } catch (...) {
      rethrow_as_database_error("running `" + st.sql + "`");
    }
  }
}

DBPUSH_INLINE db::detail::live_database session::reset_all(const db::detail::live_database& live,
                                                           const push_options& options) {
  execute(render_reset(live.contents, names_), options);
  const auto& was = detail::facts_of(live.facts.get());
  auto emptied = std::make_unique<catalog_facts>();
  emptied->namespace_exists = was.namespace_exists;
  emptied->print_settings = was.print_settings;
  return {schema{}, std::move(emptied)};
}

}  // namespace db::postgres::detail
