// The crash harness (docs/reliability.md, "Crashes"): a push runs in a helper
// process and is cut short (the process killed with SIGKILL after k statements,
// in a generator after the commit or at a random moment; on PostgreSQL its
// connection terminated or the server restarted). Afterwards the database must
// hold the complete old state or the complete new one (schema and every row,
// state.hpp), and a new push must bring it to the new state.
#pragma once

#include "resilience/harness.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace resilience {

enum class cut_kind {
  kill_after_statements,   // SIGKILL once `statements` statements ran: old state
  kill_in_generator,       // SIGKILL in a generator, after the commit: new state
  kill_at_time,            // SIGKILL `delay` after the push began: old or new
  sever_after_statements,  // the connection cut once `statements` ran (PostgreSQL): old state, database_error
  sever_at_time,           // the connection cut `delay` after the push began: old or new
};

struct cut {
  cut_kind kind = cut_kind::kill_at_time;
  long statements = 0;
  std::chrono::microseconds delay{};
  std::string describe() const;
};

struct crash_tally {
  long runs = 0;
  std::map<std::string, long> outcomes;  // "<kind>: old state" / "<kind>: new state" -> count
  std::vector<std::string> failures;     // one text per failed run
  std::map<std::string, std::string> errors;  // kind -> the first error a cut push reported
  std::string summary() const;
};

// One cut push: restores the old state, runs the child, cuts it, checks the
// state it left and that a new push converges. Failures go to `tally`.
void run_cut(const push_subject& subject, const push_reference& reference, const cut& how, crash_tally& tally);

// Random delays in [0, 1.2 x the uninterrupted push's duration].
std::vector<cut> random_cuts(cut_kind kind, const push_reference& reference, long count, std::mt19937_64& random);

// `count` points spread evenly over [0, statements) (all of them when fewer).
std::vector<long> spread(long statements, long count);

// The seed of the random cuts: DBPUSH_RESILIENCE_SEED, default 1.
std::uint64_t crash_seed();

}  // namespace resilience
