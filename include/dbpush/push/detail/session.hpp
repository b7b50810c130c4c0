// dbpush: the dialect's side of a push, as the front (push.ipp) calls it.
//
// Each call takes what it needs and returns what it made; a session keeps no
// result of one call for a later one (only the open transaction), so the flow
// of a push can be read from the front alone (docs/architecture.md).
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/detail/config.hpp>
#include <dbpush/diff/diff.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace db::detail {

// What a dialect reads from its catalog beyond the neutral db::schema, for its
// own later steps (PostgreSQL: constraint names, owned sequences, whether the
// namespace exists). Made by one session's introspect() and read only by the
// same dialect's render() and reset_all().
struct dialect_facts {
  virtual ~dialect_facts() = default;
};

// The live database as introspect() read it.
struct live_database {
  schema contents;  // canonical and normalised
  std::unique_ptr<const dialect_facts> facts;  // null when the dialect needs none
};

// One live connection, as the front sees it. Implemented by each dialect.
// All calls between begin() and commit()/rollback() run in one transaction.
//
// Precondition of every call that takes a target (or a diff_result, whose `to`
// is the target): the target is canonical (canonicalise) and normalised
// (db::normalise). The front makes it so once, before the first such call.
class session {
 public:
  virtual ~session() = default;
  virtual db::dialect dialect() const = 0;
  virtual const check_rules& rules() const = 0;
  // How the database tells names apart (the differ and validate_target follow it).
  virtual identifier_case identifiers() const { return identifier_case::sensitive; }

  // Canonical spellings of types and defaults, applied to a target schema before
  // diffing so hand-written schemas compare equal to introspected ones.
  virtual void canonicalise(schema& target) const = 0;
  // True when canonicalise(target) would change nothing, so a push may read the
  // caller's schema as given. false is always correct: the push then copies it.
  virtual bool is_canonical(const schema& /*target*/) const { return false; }
  // Throws db::error when the database cannot hold the (canonical, normalised)
  // target as written, before anything is read (PostgreSQL: names over 63 bytes).
  virtual void refuse_unholdable(const schema& /*target*/) const {}

  // Opens the transaction and takes whatever lock serialises concurrent pushes.
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;

  // True only when the database provably holds exactly `target` without a full
  // introspection, so a push can end as a no-op. false is always correct: it
  // only means "introspect and diff".
  virtual bool known_in_sync(const schema& /*target*/, const push_options& /*options*/) { return false; }
  // The live schema (but options.ignore_tables). `target` lets a dialect read
  // the live schema in the target's spellings where the database stores both
  // alike (PostgreSQL asks the server how it stores the target's expressions).
  virtual live_database introspect(const schema& target, const push_options& options) = 0;
  // Drops everything dbpush manages (all tables but ignore_tables; PostgreSQL: the
  // managed schema's tables and enum types); returns the emptied live database.
  virtual live_database reset_all(const live_database& live, const push_options& options) = 0;
  // `probes` (of db::probes_for(diff)) with their counts filled in.
  virtual std::vector<probe> answer(std::vector<probe> probes, const diff_result& diff) = 0;
  // The statements that take the database from `diff.from` to `diff.to`;
  // `live_facts` are the facts introspect() read with `diff.from`.
  virtual std::vector<statement> render(const diff_result& diff, const dialect_facts* live_facts,
                                        const push_options& options) = 0;
  // Runs `statements` in order, each passed to options.on_sql first.
  virtual void execute(const std::vector<statement>& statements, const push_options& options) = 0;
  // Runs one statement of a later phase (statement_phase::after_commit…),
  // passed to options.on_sql first, once the push's transaction has committed;
  // the lock that serialises pushers is still held. Only a dialect that
  // renders such statements (PostgreSQL's online mode) implements it.
  virtual void execute_after_commit(const statement& st, const push_options& /*options*/) {
    throw error("dbpush: internal error: `" + st.sql + "` was planned after the commit, which this database cannot do");
  }
  // Checks run after every statement and before commit (SQLite foreign_key_check).
  virtual void verify(const diff_result& diff) = 0;
};

}  // namespace db::detail
