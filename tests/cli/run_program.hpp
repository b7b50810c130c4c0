// Runs a program as a user would: arguments, environment, standard input; its
// exit code and what it printed on standard output and standard error. Or in a
// pseudo-terminal (forkpty), answering a prompt.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cli_test {

// Environment changes for the child: a value sets, nullopt unsets. DATABASE_URL
// and NO_COLOR are unset unless given.
using environment = std::vector<std::pair<std::string, std::optional<std::string>>>;

struct outcome {
  int code = -1;
  std::string out, err;
};

outcome run_program(const std::string& program, const std::vector<std::string>& args, const environment& env = {},
                    const std::string& input = "");

// In a pseudo-terminal (stdin, stdout and stderr all a terminal): once the
// output holds `prompt`, `answer` is typed. `output` is everything the terminal
// showed (stdout and stderr mixed, the answer echoed).
struct terminal_outcome {
  int code = -1;
  std::string output;
  bool prompted = false;
};

terminal_outcome run_in_terminal(const std::string& program, const std::vector<std::string>& args,
                                 const environment& env, const std::string& prompt, const std::string& answer);

}  // namespace cli_test
