// The schema-evolution tester on PostgreSQL: a seeded batch of random schema
// pairs, each database a fresh schema on the CTest fixture's cluster
// (docs/reliability.md says how to run thousands or replay one).
#include "postgres/pg_fixture.hpp"
#include "reliability/harness.hpp"
#include "reliability/postgres_backend.hpp"

#include <doctest/doctest.h>

#include <iostream>

TEST_CASE("postgres: random schema pairs converge, keep their rows and refuse exactly what the data forbids") {
  const auto options = evolve::batch_options_from_environment(db::dialect::postgres, 1000, 180);
  evolve::postgres_backend engine(pgtest::conninfo());
  const auto report = evolve::run_batch(engine, options);
  std::cout << report.text << std::flush;
  CHECK(report.cases > 0);
  CHECK_MESSAGE(report.failed == 0, report.failed << " of " << report.cases << " cases failed (printed above)");
}
