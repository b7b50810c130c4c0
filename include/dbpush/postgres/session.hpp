// dbpush: db::detail::session for a libpqxx connection.
//
// One pqxx::work spans begin() .. commit()/rollback(), so a whole push is one
// transaction (PostgreSQL DDL is transactional). begin() takes
// pg_advisory_xact_lock(key of the managed schema's name): concurrent pushers
// of the same schema queue, and each one introspects only after the previous
// one committed, so the later ones find nothing to do. The lock ends with the
// transaction, even when the process dies.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/postgres/introspect.hpp>
#include <dbpush/postgres/detail/sql_names.hpp>
#include <dbpush/push/detail/session.hpp>
#include <dbpush/push/push.hpp>

#include <pqxx/connection_base>
#include <pqxx/transaction>

#include <memory>
#include <string>
#include <vector>

namespace db::postgres::detail {

// The advisory lock key of a managed schema: the first 64 bits of
// md5('dbpush:' || schema), computed by the server. The same statement turns JIT
// off for the push's transaction only: the catalog queries' cost estimates grow
// with the whole catalog, and past jit_above_cost compiling them took seconds
// for queries that run in milliseconds.
DBPUSH_INLINE std::string lock_statement(const sql_names& names);

// Rethrows the exception being handled: db::error unchanged, anything from
// libpqxx or the server as db::database_error saying what failed while `doing`.
[[noreturn]] DBPUSH_INLINE void rethrow_as_database_error(const std::string& doing);

class session final : public db::detail::session {
 public:
  DBPUSH_INLINE session(pqxx::connection_base& conn, std::string pg_schema);
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
  DBPUSH_INLINE std::vector<probe> answer(std::vector<probe> probes, const diff_result& diff) override;
  DBPUSH_INLINE std::vector<statement> render(const diff_result& diff, const db::detail::dialect_facts* live_facts,
                                              const push_options& options) override;
  DBPUSH_INLINE void execute(const std::vector<statement>& statements, const push_options& options) override;
  void verify(const diff_result&) override {}  // constraints are checked as each statement runs

 private:
  DBPUSH_INLINE pqxx::work& transaction();
  // What decides how the server prints expressions on this connection: server,
  // database, the print settings introspection read and the managed schema
  // (detail/expressions.hpp's connection_key).
  DBPUSH_INLINE std::string spelling_key(const std::string& print_settings);

  pqxx::connection_base& conn_;
  sql_names names_;
  std::unique_ptr<pqxx::work> tx_;
};

}  // namespace db::postgres::detail

#ifdef DBPUSH_HEADER_ONLY
#include <dbpush/postgres/detail/session.ipp>
#endif
