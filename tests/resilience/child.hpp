// What the helper programs (child_sqlite.cpp, child_postgres.cpp) share: their
// arguments, the lines they print, and a push that kills or pauses its own
// process at a chosen point.
//
// Lines a pushing child prints (process.hpp reads them):
//   ready                    connected (and, with start-on-go, waiting for "go")
//   pushing                  db::push is called now
//   paused <k>               pause-after=<k>: k statements ran; waits for a line
//   result changed|in_sync <statements> <microseconds>
//   error <class> <message>  the push threw (class: data_loss_error, database_error, ...)
#pragma once

#include <dbpush/push/push.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace resilience {

// Arguments `key=value` (or a bare `key`) after the command.
class child_args {
 public:
  child_args(int argc, char** argv, int first);
  bool has(const std::string& key) const { return values_.contains(key); }
  std::string text(const std::string& key) const;  // throws when missing
  long number(const std::string& key, long fallback) const;

 private:
  std::map<std::string, std::string> values_;
};

void say(const std::string& line);
// A line from the parent (blocking); nullopt when it closed the pipe.
std::optional<std::string> listen();
// Whether the parent sent a line within `wait`.
bool parent_spoke(std::chrono::milliseconds wait);

// Options of a push child, from its arguments:
//   accept             accept_data_loss
//   kill-after=<k>     SIGKILL this process once k statements ran (before statement k+1)
//   pause-after=<k>    print "paused <k>" once k statements ran and wait for a line
//   kill-in-generator  SIGKILL this process in a generator: after the commit
db::push_options interrupting_options(const child_args& args);

// Says "pushing", runs `push`, says its result or its error; the exit code.
int report_push(const std::function<db::push_result()>& push);

// The class name of a db::error, for the "error" line.
std::string error_class(const db::error& e);

// What a writer child committed.
struct writer_tally {
  long long inserted = 0;
  long long inserted_ids = 0;  // the sum of the ids inserted
  long long updated = 0;       // rows updated
};

// How long a writer rests between two operations: a service's load, not a
// loop that holds the lock all the time (which starves the other writers).
inline constexpr std::chrono::milliseconds writer_pause{2};

// Runs `op(i, tally)` for i = 0, 1, ... until the parent sends a line; says
// "ready" first, "ops <n>" every 50 operations, "writer-error <what>" for an
// operation that threw, and at the end
//   done inserted <n> <sum of ids> updated <n> errors <n> longest_ms <ms>
int run_writer(const std::function<void(long i, writer_tally& tally)>& op);

// The main() of a helper program: argv[1] is "push" or "write".
int child_main(int argc, char** argv, const std::function<int(const child_args&)>& push,
               const std::function<int(const child_args&)>& write);

}  // namespace resilience
