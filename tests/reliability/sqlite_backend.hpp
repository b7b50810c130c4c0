// The SQLite side of the evolution tester: a database file per store, and an
// in-memory database as the oracle's calculator.
#pragma once

#include "reliability/store.hpp"

#include <SQLiteCpp/Database.h>

#include <memory>

namespace evolve {

class sqlite_backend final : public backend {
 public:
  sqlite_backend();

  db::dialect dialect() const override { return db::dialect::sqlite; }
  std::unique_ptr<store> make_store(std::uint64_t seed, const std::string& slot) override;
  std::optional<value> convert(const value& v, const db::column& from, const db::column& to) override;
  bool cast_fails(const value& v, const db::column& from, const db::column& to) override;
  value default_value(const db::column& c) override;
  void canonicalise(db::schema& target) const override;
  void adopt_target_spellings(db::schema&, const db::schema&) const override {}

 private:
  // `v` stored in a column of `type`, then the scalar `expression` over it (as `c`).
  value evaluate(const value& v, const std::string& type, const std::string& expression,
                 const std::string& result_type);

  SQLite::Database scratch_;
};

}  // namespace evolve
