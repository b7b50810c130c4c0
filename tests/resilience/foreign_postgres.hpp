// A PostgreSQL schema another tool made (hostile input, docs/reliability.md):
// tables a model can describe, and around them views, a materialized view, a
// sequence, a function and its trigger, a domain, an array, a range with an
// exclusion constraint, a partitioned and an unlogged table, a generated
// column, a CHECK, an expression index, and a second schema whose table
// references a managed one (and is referenced by one), with rows.
#pragma once

#include "postgres/pg_fixture.hpp"

#include <optional>
#include <string>

namespace resilience {

class foreign_schema {
 public:
  explicit foreign_schema(pgtest::fixture& f);  // makes it in f's schema, and `other()`
  ~foreign_schema();                            // drops `other()`
  foreign_schema(const foreign_schema&) = delete;
  foreign_schema& operator=(const foreign_schema&) = delete;

  // The tables of f's schema as a model states them (what introspection must
  // read for them; the exotic ones are left to introspection).
  db::schema modelled_tables() const;
  const std::string& other() const { return other_; }
  // pg_dump of both schemas, definitions and rows.
  std::string dump() const;
  // The objects no model states still work: the views list the named users,
  // the trigger writes to audit, the materialized view refreshes, the sequence
  // numbers tickets, the generated column computes, the CHECK refuses.
  void check_objects_work() const;
  // The error of a push (accept_data_loss) that must be refused, with both
  // schemas left as they were; FAIL_CHECK and nullopt when it went through.
  std::optional<std::string> refused_push(const db::schema& target) const;

 private:
  pgtest::fixture& f_;
  std::string other_;
};

}  // namespace resilience
