#include "resilience/crash.hpp"

#include "resilience/state.hpp"

#include <signal.h>

#include <stdexcept>
#include <thread>

namespace resilience {

namespace {

const char* kind_name(cut_kind k) {
  switch (k) {
    case cut_kind::kill_after_statements: return "SIGKILL after a statement";
    case cut_kind::kill_in_generator: return "SIGKILL after the commit";
    case cut_kind::kill_at_time: return "SIGKILL at a random time";
    case cut_kind::sever_after_statements: return "connection cut after a statement";
    case cut_kind::sever_at_time: return "connection cut at a random time";
  }
  return "?";
}

}  // namespace

std::string cut::describe() const {
  std::string out = kind_name(kind);
  if (kind == cut_kind::kill_after_statements || kind == cut_kind::sever_after_statements)
    out += " (" + std::to_string(statements) + " statements ran)";
  if (kind == cut_kind::kill_at_time || kind == cut_kind::sever_at_time)
    out += " (" + std::to_string(delay.count()) + " us after the push began)";
  return out;
}

void run_cut(const push_subject& subject, const push_reference& reference, const cut& how, crash_tally& tally) {
  ++tally.runs;
  auto fail = [&](const std::string& why) { tally.failures.push_back(how.describe() + ": " + why); };
  subject.restore_old();
  auto args = subject.push_args;
  switch (how.kind) {
    case cut_kind::kill_after_statements: args.push_back("kill-after=" + std::to_string(how.statements)); break;
    case cut_kind::sever_after_statements: args.push_back("pause-after=" + std::to_string(how.statements)); break;
    case cut_kind::kill_in_generator: args.push_back("kill-in-generator"); break;
    default: break;
  }
  helper_process child(subject.program, args);
  std::string backend;
  std::string outcome;
  try {
    child.expect("ready");
    for (const auto& l : child.lines())
      if (l.starts_with("backend ")) backend = l.substr(8);
    child.expect("pushing");
    if (how.kind == cut_kind::kill_at_time || how.kind == cut_kind::sever_at_time) {
      std::this_thread::sleep_for(how.delay);
      if (how.kind == cut_kind::kill_at_time) child.kill(SIGKILL);
      else subject.sever(backend);
    }
    if (how.kind == cut_kind::sever_after_statements) {
      child.expect("paused ");
      subject.sever(backend);
      child.send("go");
    }
    if (how.kind != cut_kind::kill_at_time) outcome = outcome_line(child);
  } catch (const std::exception& e) {
    fail(e.what());
  }
  const auto status = child.wait();
  if (subject.settle) subject.settle(backend);

  const bool killed = how.kind == cut_kind::kill_after_statements || how.kind == cut_kind::kill_in_generator;
  if (killed && (status.exited || status.code != SIGKILL))
    fail("the helper was not killed: it " + status.to_string() + ", saying " + (outcome.empty() ? "nothing" : outcome));
  const bool severed = how.kind == cut_kind::sever_after_statements || how.kind == cut_kind::sever_at_time;
  if (severed && !outcome.starts_with("result changed") && !outcome.starts_with("error database_error "))
    fail("the push whose connection was cut should fail with a db::database_error, it said: " +
         (outcome.empty() ? status.to_string() : outcome));

  if (outcome.starts_with("error ")) tally.errors.emplace(kind_name(how.kind), outcome);
  const auto state = subject.state();
  const bool is_old = state == reference.old_state, is_new = state == reference.new_state;
  bool may_be_old = true, may_be_new = true;
  if (how.kind == cut_kind::kill_after_statements || how.kind == cut_kind::sever_after_statements) may_be_new = false;
  if (how.kind == cut_kind::kill_in_generator || outcome.starts_with("result changed")) may_be_old = false;
  if (is_old && may_be_old) ++tally.outcomes[std::string(kind_name(how.kind)) + ": old state"];
  else if (is_new && may_be_new) ++tally.outcomes[std::string(kind_name(how.kind)) + ": new state"];
  else if (is_old || is_new)
    fail(std::string("the database holds the ") + (is_old ? "old" : "new") + " state; the push said: " +
         (outcome.empty() ? status.to_string() : outcome));
  else
    fail("the database holds neither the old nor the new state; against the old one:\n" +
         state_difference(reference.old_state, state) + "against the new one:\n" +
         state_difference(reference.new_state, state));

  try {
    subject.recover();
    const auto recovered = subject.state();
    if (recovered != reference.new_state)
      fail("a push after the cut did not reach the new state:\n" + state_difference(reference.new_state, recovered));
  } catch (const std::exception& e) {
    fail(std::string("a push after the cut failed: ") + e.what());
  }
}

std::vector<cut> random_cuts(cut_kind kind, const push_reference& reference, long count, std::mt19937_64& random) {
  std::uniform_int_distribution<long> delay(0, reference.duration.count() * 6 / 5);
  std::vector<cut> out;
  for (long i = 0; i < count; ++i) out.push_back(cut{kind, 0, std::chrono::microseconds(delay(random))});
  return out;
}

std::vector<long> spread(long statements, long count) {
  std::vector<long> out;
  if (count >= statements) {
    for (long k = 0; k < statements; ++k) out.push_back(k);
    return out;
  }
  for (long i = 0; i < count; ++i) out.push_back(i * statements / count);
  return out;
}

std::uint64_t crash_seed() { return static_cast<std::uint64_t>(env_number("DBPUSH_RESILIENCE_SEED", 1)); }

std::string crash_tally::summary() const {
  std::string out = std::to_string(runs) + " cut pushes";
  for (const auto& [what, n] : outcomes) out += "\n  " + what + ": " + std::to_string(n);
  for (const auto& [what, line] : errors) out += "\n  " + what + ", the push said: " + line;
  out += "\n  failed: " + std::to_string(failures.size());
  return out;
}

}  // namespace resilience
