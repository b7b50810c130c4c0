// The schema-evolution tester on SQLite: a seeded batch of random schema
// pairs (docs/reliability.md says how to run thousands or replay one).
#include "reliability/harness.hpp"
#include "reliability/sqlite_backend.hpp"

#include <doctest/doctest.h>

#include <iostream>

TEST_CASE("sqlite: random schema pairs converge, keep their rows and refuse exactly what the data forbids") {
  const auto options = evolve::batch_options_from_environment(db::dialect::sqlite, 1000, 120);
  evolve::sqlite_backend engine;
  const auto report = evolve::run_batch(engine, options);
  std::cout << report.text << std::flush;
  CHECK(report.cases > 0);
  CHECK_MESSAGE(report.failed == 0, report.failed << " of " << report.cases << " cases failed (printed above)");
}
