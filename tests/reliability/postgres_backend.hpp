// The PostgreSQL side of the evolution tester: each database of a case is a
// fresh schema (push_options::postgres.schema) on the CTest fixture's cluster, and
// the server itself is the oracle's calculator.
#pragma once

#include "reliability/store.hpp"

#include <pqxx/connection>

#include <memory>
#include <string>

namespace evolve {

class postgres_backend final : public backend {
 public:
  explicit postgres_backend(const std::string& conninfo);

  db::dialect dialect() const override { return db::dialect::postgres; }
  std::unique_ptr<store> make_store(std::uint64_t seed, const std::string& slot) override;
  std::optional<value> convert(const value& v, const db::column& from, const db::column& to) override;
  bool cast_fails(const value& v, const db::column& from, const db::column& to) override;
  value default_value(const db::column& c) override;
  void canonicalise(db::schema& target) const override;
  void adopt_target_spellings(db::schema& live, const db::schema& target) const override;

 private:
  pqxx::connection conn_;
};

}  // namespace evolve
