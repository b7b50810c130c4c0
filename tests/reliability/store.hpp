// What the harness needs of a dialect: databases to push into (a SQLite file,
// a PostgreSQL schema) and the dialect's own engine as a calculator for the
// oracle (casts and defaults computed by SQL the tester writes, not by dbpush).
#pragma once

#include "reliability/evolve.hpp"

#include <dbpush/push/push.hpp>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace evolve {

// One database a case pushes into.
class store {
 public:
  virtual ~store() = default;
  // The options get the store's own settings (PostgreSQL: postgres.schema).
  virtual db::push_result push(const db::schema& target, db::push_options options) = 0;
  virtual db::push_plan plan(const db::schema& target, db::push_options options) = 0;
  virtual db::push_result apply(const db::push_plan& plan, db::push_options options) = 0;
  virtual db::schema introspect() = 0;
  // Makes the autoincrement `columns` ((table, column)) what another tool would
  // have made (PostgreSQL: SERIAL, a sequence owned by the column and its
  // nextval default, in place of dbpush's identity). Dialects without the
  // difference do nothing.
  virtual void make_serial(const std::set<std::pair<std::string, std::string>>& columns) { (void)columns; }
  // Writes the rows of every table of `s`; throws when the database refuses them.
  virtual void insert(const db::schema& s, const dataset& rows) = 0;
  // The live rows of every table of `s`, on its columns.
  virtual dataset read(const db::schema& s) = 0;
  // The catalog as the tester's own queries read it, columns and everything
  // else in name order: equal between two databases of the same schema.
  virtual std::string catalog() = 0;
  // `text` (SQL, a dump) with the store's own name (PostgreSQL: its schema)
  // replaced, so two stores' texts compare.
  virtual std::string anonymised(std::string text) const = 0;
  // What a refused push must leave byte for byte (SQLite: the file; PostgreSQL:
  // the dump and the identity sequences' positions).
  virtual std::string fingerprint() = 0;
};

class backend {
 public:
  virtual ~backend() = default;
  virtual db::dialect dialect() const = 0;
  // A new, empty database for case `seed`, told apart by `slot`.
  virtual std::unique_ptr<store> make_store(std::uint64_t seed, const std::string& slot) = 0;
  // The value `v` of column `from` once converted to column `to` by the
  // documented conversion (docs/sqlite.md "Casts", docs/postgres.md "Type
  // changes"); nullopt when the conversion fails. Enum targets are the
  // oracle's business (membership), not the calculator's.
  virtual std::optional<value> convert(const value& v, const db::column& from, const db::column& to) = 0;
  // Whether the documented not-castable probe counts `v`: SQLite, the CAST
  // changes it; PostgreSQL, the conversion fails.
  virtual bool cast_fails(const value& v, const db::column& from, const db::column& to) = 0;
  // A constant default's value in its column (enum columns: the label).
  virtual value default_value(const db::column& c) = 0;
  // The target in the dialect's documented canonical spellings
  // (db::sqlite::detail::canonicalise, db::postgres::detail::canonicalise): what introspection
  // promises to read back.
  virtual void canonicalise(db::schema& target) const = 0;
  // Where the dialect compares expressions in the server's spelling
  // (PostgreSQL), the live schema takes the target's text before it is
  // compared with the target; idempotence checks the two are the same.
  virtual void adopt_target_spellings(db::schema& live, const db::schema& target) const = 0;
};

}  // namespace evolve
