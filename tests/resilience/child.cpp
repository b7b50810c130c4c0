#include "resilience/child.hpp"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

namespace resilience {

child_args::child_args(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=');
    if (eq == std::string::npos) values_[arg] = "";
    else values_[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
}

std::string child_args::text(const std::string& key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) throw std::runtime_error("missing argument " + key + "=...");
  return it->second;
}

long child_args::number(const std::string& key, long fallback) const {
  const auto it = values_.find(key);
  return it == values_.end() ? fallback : std::stol(it->second);
}

void say(const std::string& line) {
  std::string one_line = line;
  for (auto& c : one_line)
    if (c == '\n') c = '|';
  std::fputs((one_line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

std::optional<std::string> listen() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  return line;
}

bool parent_spoke(std::chrono::milliseconds wait) {
  pollfd p{STDIN_FILENO, POLLIN, 0};
  return ::poll(&p, 1, static_cast<int>(wait.count())) > 0;
}

db::push_options interrupting_options(const child_args& args) {
  db::push_options options;
  options.accept_data_loss = args.has("accept");
  const long kill_after = args.number("kill-after", -1);
  const long pause_after = args.number("pause-after", -1);
  auto ran = std::make_shared<long>(0);  // statements started so far
  options.on_sql = [ran, kill_after, pause_after](const std::string&) {
    if (*ran == kill_after) ::raise(SIGKILL);
    if (*ran == pause_after) {
      say("paused " + std::to_string(*ran));
      listen();
    }
    ++*ran;
  };
  if (args.has("kill-in-generator"))
    options.generators.push_back([](const db::schema&, const db::push_result&) { ::raise(SIGKILL); });
  return options;
}

std::string error_class(const db::error& e) {
  if (dynamic_cast<const db::data_loss_error*>(&e)) return "data_loss_error";
  if (dynamic_cast<const db::unexecutable_error*>(&e)) return "unexecutable_error";
  if (dynamic_cast<const db::database_error*>(&e)) return "database_error";
  if (dynamic_cast<const db::integrity_error*>(&e)) return "integrity_error";
  if (dynamic_cast<const db::stale_plan_error*>(&e)) return "stale_plan_error";
  if (dynamic_cast<const db::unfinished_push_error*>(&e)) return "unfinished_push_error";
  return "error";
}

int report_push(const std::function<db::push_result()>& push) {
  say("pushing");
  const auto start = std::chrono::steady_clock::now();
  try {
    const auto result = push();
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    say(std::string("result ") + (result.changed ? "changed " : "in_sync ") + std::to_string(result.sql.size()) +
        " " + std::to_string(micros));
    return 0;
  } catch (const db::error& e) {
    say("error " + error_class(e) + " " + e.what());
  } catch (const std::exception& e) {
    say(std::string("error not_a_db_error ") + e.what());
  }
  return 0;
}

int run_writer(const std::function<void(long i, writer_tally& tally)>& op) {
  writer_tally tally;
  long long errors = 0;
  std::chrono::steady_clock::duration longest{};
  say("ready");
  for (long i = 0; !parent_spoke(writer_pause); ++i) {
    const auto start = std::chrono::steady_clock::now();
    try {
      op(i, tally);
    } catch (const std::exception& e) {
      ++errors;
      say(std::string("writer-error ") + e.what());
    }
    longest = std::max(longest, std::chrono::steady_clock::now() - start);
    if ((i + 1) % 50 == 0) say("ops " + std::to_string(i + 1));
  }
  say("done inserted " + std::to_string(tally.inserted) + " " + std::to_string(tally.inserted_ids) + " updated " +
      std::to_string(tally.updated) + " errors " + std::to_string(errors) + " longest_ms " +
      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(longest).count()));
  return 0;
}

int child_main(int argc, char** argv, const std::function<int(const child_args&)>& push,
               const std::function<int(const child_args&)>& write) {
  if (argc < 2) return 2;
  const std::string command = argv[1];
  try {
    const child_args args(argc, argv, 2);
    if (command == "push") return push(args);
    if (command == "write") return write(args);
  } catch (const std::exception& e) {
    say(std::string("error not_a_db_error ") + e.what());
    return 1;
  }
  return 2;
}

}  // namespace resilience
