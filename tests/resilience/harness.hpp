// What the crash and concurrency harnesses share: the push under test, as a
// helper program and the database it changes, and the state before and after
// an uninterrupted run of it.
#pragma once

#include "resilience/process.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace resilience {

// A push of version 2 over version 1 as the harnesses run it: what they
// need from a dialect.
struct push_subject {
  std::string program;                  // the helper program (child.hpp)
  std::vector<std::string> push_args;   // its arguments for the push, without the cut
  std::function<void()> restore_old;    // the database holds version 1 and its rows again
  std::function<std::string()> state;   // the database's state (state.hpp)
  // Severs the push's connection (sever_* kinds); `backend` is what the child
  // said on its "backend" line.
  std::function<void(const std::string& backend)> sever{};
  // Waits until the dead child's session is gone from the server.
  std::function<void(const std::string& backend)> settle{};
  std::function<void()> recover;        // an uninterrupted push of version 2, in this process
};

// The old and the new state, and how the uninterrupted push went.
struct push_reference {
  std::string old_state;
  std::string new_state;
  long statements = 0;
  std::chrono::microseconds duration{};
};

// Pushes once without a cut (from the old state) to learn the new state.
push_reference calibrate(const push_subject& subject);

// The push child's "result" or "error" line ("" when it died first).
std::string outcome_line(helper_process& child);

// One round of `processes` push children started together from the old state:
// each connects and says "ready", then all get "go" at once. What went wrong,
// one line each: "" when exactly one applied the push, the others found the
// database in sync, none failed, and the database holds the new state.
std::string push_at_once(const push_subject& subject, const push_reference& reference, int processes);

// What a writer child reported at its end (child.hpp, run_writer).
struct writer_report {
  long long inserted = 0, inserted_ids = 0, updated = 0, errors = 0, longest_ms = 0;
  std::vector<std::string> error_lines;
};

struct push_among_writers_run {
  std::string outcome;  // the push's "result"/"error" line
  std::chrono::milliseconds push_time{};
  std::vector<writer_report> writers;
  writer_report total;  // the writers' reports added up (longest_ms: the longest)
  std::string writer_errors;  // the first error line of each writer that failed
};

// Starts a writer child per `writer_args` (program, arguments), waits until
// each has done 50 operations, runs the push child, lets each writer do 100
// more operations, stops them and collects their reports.
push_among_writers_run push_among_writers(const push_subject& subject,
                                          const std::vector<std::vector<std::string>>& writer_args);

}  // namespace resilience
