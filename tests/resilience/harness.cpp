#include "resilience/harness.hpp"

#include "resilience/state.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace resilience {

std::string outcome_line(helper_process& child) {
  while (auto line = child.read_line(std::chrono::seconds(120)))
    if (line->starts_with("result ") || line->starts_with("error ")) return *line;
  return "";
}

push_reference calibrate(const push_subject& subject) {
  push_reference r;
  subject.restore_old();
  r.old_state = subject.state();
  helper_process child(subject.program, subject.push_args);
  const auto line = outcome_line(child);
  child.wait();
  // "result changed <statements> <microseconds>"
  if (!line.starts_with("result changed "))
    throw std::runtime_error("the uninterrupted push did not apply: " + (line.empty() ? "(no result)" : line));
  const auto rest = line.substr(15);
  r.statements = std::stol(rest);
  r.duration = std::chrono::microseconds(std::stol(rest.substr(rest.find(' ') + 1)));
  r.new_state = subject.state();
  if (r.new_state == r.old_state) throw std::runtime_error("the uninterrupted push changed nothing");
  return r;
}

std::string push_at_once(const push_subject& subject, const push_reference& reference, int processes) {
  subject.restore_old();
  std::vector<std::unique_ptr<helper_process>> children;
  auto args = subject.push_args;
  args.push_back("start-on-go");
  for (int i = 0; i < processes; ++i) children.push_back(std::make_unique<helper_process>(subject.program, args));
  for (auto& child : children) child->expect("ready");
  for (auto& child : children) child->send("go");
  int changed = 0, in_sync = 0;
  std::string problems;
  for (auto& child : children) {
    const auto outcome = outcome_line(*child);
    child->wait();
    if (outcome.starts_with("result changed ")) ++changed;
    else if (outcome.starts_with("result in_sync ")) ++in_sync;
    else problems += "a push failed: " + (outcome.empty() ? std::string("(it died)") : outcome) + "\n";
  }
  if (changed != 1 || in_sync != processes - 1)
    problems += std::to_string(changed) + " pushes applied, " + std::to_string(in_sync) + " found the database in sync\n";
  const auto state = subject.state();
  if (state != reference.new_state) problems += "not the new state:\n" + state_difference(reference.new_state, state);
  return problems;
}

namespace {

writer_report finish_writer(helper_process& writer) {
  writer.send("stop");
  writer_report r;
  const auto done = writer.expect("done ");
  // done inserted <n> <sum> updated <n> errors <n> longest_ms <ms>
  if (std::sscanf(done.c_str(), "done inserted %lld %lld updated %lld errors %lld longest_ms %lld", &r.inserted,
                  &r.inserted_ids, &r.updated, &r.errors, &r.longest_ms) != 5)
    throw std::runtime_error("a writer ended with " + done);
  for (const auto& line : writer.lines())
    if (line.starts_with("writer-error ")) r.error_lines.push_back(line);
  writer.wait();
  return r;
}

// Reads the writer's lines until it reported `more` further operations.
void wait_for_operations(helper_process& writer, long more) {
  for (long seen = 0; seen < more; seen += 50) writer.expect("ops ");
}

}  // namespace

push_among_writers_run push_among_writers(const push_subject& subject,
                                          const std::vector<std::vector<std::string>>& writer_args) {
  std::vector<std::unique_ptr<helper_process>> writers;
  for (const auto& args : writer_args)
    writers.push_back(std::make_unique<helper_process>(args.front(), std::vector<std::string>(args.begin() + 1, args.end())));
  for (auto& w : writers) wait_for_operations(*w, 50);
  push_among_writers_run run;
  const auto start = std::chrono::steady_clock::now();
  {
    helper_process pusher(subject.program, subject.push_args);
    run.outcome = outcome_line(pusher);
    pusher.wait();
  }
  run.push_time = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  for (auto& w : writers) wait_for_operations(*w, 100);
  for (auto& w : writers) run.writers.push_back(finish_writer(*w));
  for (const auto& w : run.writers) {
    run.total.inserted += w.inserted;
    run.total.inserted_ids += w.inserted_ids;
    run.total.updated += w.updated;
    run.total.errors += w.errors;
    run.total.longest_ms = std::max(run.total.longest_ms, w.longest_ms);
    if (!w.error_lines.empty()) run.writer_errors += w.error_lines.front() + "\n";
  }
  return run;
}

}  // namespace resilience
