// Runs generated cases against the properties of issue 12, shrinks a failing
// case to a minimal pair of schemas, and drives a seeded batch.
//
// Properties, checked in this order on every case (the first that fails is
// the case's failure):
//   fresh push       v1 pushes into an empty database and reads back equal;
//   findings         a push raises exactly the oracle's findings and counts
//                    (refused: unexecutable_error / data_loss_error; applied:
//                    the accepted warnings), or a db::error where the database
//                    itself refuses a step the docs leave to it;
//   refused means untouched   a refused push leaves the database as it was;
//   converged        after an applied push the introspected schema is v2;
//   kept             every row and value the oracle expects is there;
//   idempotent       another push runs no statement, a plan is empty;
//   same as fresh    the catalog equals that of v2 pushed into an empty database;
//   plan is apply    apply(plan) runs exactly the plan's SQL and ends where the push ended.
#pragma once

#include "reliability/evolve.hpp"
#include "reliability/store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace evolve {

struct failure {
  std::string property;   // one of the names above
  std::string signature;  // property and the shape of the failure: failures that share it are one bug
  std::string detail;
};

struct case_result {
  std::optional<failure> failed;  // nullopt: every property holds
  // How v2's push ended: "applied", "applied with accept_data_loss",
  // "unexecutable", "refused by the database" (or, after a failure, as far as it got).
  std::string outcome;
};

case_result run_case(const evolve_case& c, backend& engine);

struct shrink_limits {
  int max_runs = 1000;
  std::chrono::seconds max_time{60};
};

// The smallest case (tables, columns, indexes, keys, rows, enum values, column
// edits removed) that still fails with the same signature.
evolve_case shrink(const evolve_case& c, const failure& f, backend& engine, const generator_options& options,
                   const shrink_limits& limits, int& runs);

// Human-readable: the edits, v1, the rows (as INSERT statements), v2.
std::string describe(const evolve_case& c);
// C++ that builds the two schemas, for a found_test_*.cpp.
std::string cpp_of(const evolve_case& c);

struct batch_options {
  generator_options generator;
  std::uint64_t first_seed = 1;
  int cases = 1000;
  std::chrono::seconds budget{120};
  std::optional<std::uint64_t> only_seed;  // replay one case
  bool shrink = true;
  int max_shrunk = 3;  // failures shrunk per batch (one per signature)
  shrink_limits shrinking;
  bool verbose = false;
};

// Reads DBPUSH_EVOLVE_CASES, _FIRST_SEED, _SEED, _SECONDS, _ENABLE, _SHRINK,
// _MAX_SHRUNK, _VERBOSE over the defaults given (see docs/reliability.md).
batch_options batch_options_from_environment(db::dialect d, int default_cases, int default_seconds);

struct batch_report {
  int cases = 0;
  int failed = 0;
  double seconds = 0;
  std::string text;  // what to print
};

batch_report run_batch(backend& engine, const batch_options& options);

}  // namespace evolve
