// A helper program of the resilience tests run as a child process: the test
// writes lines to its standard input and reads the lines it prints, kills it
// with a signal and reads how it ended. Its standard error goes to the test's.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace resilience {

// How a child ended.
struct exit_status {
  bool exited = false;  // false: ended by a signal
  int code = 0;         // exit code, or the signal's number
  std::string to_string() const;
};

class helper_process {
 public:
  // Starts `program` with `args` (program name not included).
  helper_process(const std::string& program, const std::vector<std::string>& args);
  ~helper_process();  // kills (SIGKILL) and reaps a child still running
  helper_process(const helper_process&) = delete;
  helper_process& operator=(const helper_process&) = delete;

  pid_t pid() const { return pid_; }
  void send(const std::string& line);
  // The next line the child prints; nullopt when it closed its output or the
  // time ran out.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // Reads lines until one starts with `prefix` and returns it; throws when
  // the child ends or stays silent for `timeout` first (naming what it printed).
  std::string expect(std::string_view prefix, std::chrono::milliseconds timeout = std::chrono::seconds(120));
  void kill(int signal);
  exit_status wait();
  // Every line read so far.
  const std::vector<std::string>& lines() const { return lines_; }

 private:
  pid_t pid_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
  std::string pending_;
  std::vector<std::string> lines_;
  std::optional<exit_status> status_;
};

// An environment variable read as a number, or `fallback` when unset.
long env_number(const char* name, long fallback);
// Whether DBPUSH_RESILIENCE_FULL is set to 1: the long runs of docs/reliability.md.
bool full_run();

}  // namespace resilience
