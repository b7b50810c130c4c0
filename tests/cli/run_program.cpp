#include "cli/run_program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <stdexcept>

namespace cli_test {

namespace {

[[noreturn]] void exec_child(const std::string& program, const std::vector<std::string>& args, const environment& env) {
  ::unsetenv("DATABASE_URL");
  ::unsetenv("NO_COLOR");
  for (const auto& [name, value] : env) {
    if (value) ::setenv(name.c_str(), value->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(program.c_str(), argv.data());
  ::_exit(127);
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Appends what `fd` has to `to`; false at end of file (or EIO: the terminal closed).
bool drain(int fd, std::string& to) {
  char buf[4096];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  if (n > 0) {
    to.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  return n < 0 && errno == EINTR;
}

}  // namespace

outcome run_program(const std::string& program, const std::vector<std::string>& args, const environment& env,
                    const std::string& input) {
  int in[2], out[2], err[2];
  if (::pipe(in) || ::pipe(out) || ::pipe(err)) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    exec_child(program, args, env);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (!input.empty() && ::write(in[1], input.data(), input.size()) < 0) throw std::runtime_error("write failed");
  ::close(in[1]);
  outcome o;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open = 2;
  while (open > 0) {
    if (::poll(fds, 2, 120000) <= 0) throw std::runtime_error("the program printed nothing for 2 minutes");
    for (int i = 0; i < 2; ++i)
      if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP)) && !drain(fds[i].fd, i == 0 ? o.out : o.err)) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      }
  }
  o.code = wait_for(pid);
  return o;
}

terminal_outcome run_in_terminal(const std::string& program, const std::vector<std::string>& args,
                                 const environment& env, const std::string& prompt, const std::string& answer) {
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) exec_child(program, args, env);
  terminal_outcome o;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  for (;;) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the program did not finish: " + o.output);
    pollfd fd{master, POLLIN, 0};
    if (::poll(&fd, 1, 1000) <= 0) continue;
    if (!drain(master, o.output)) break;
    if (!o.prompted && !prompt.empty() && o.output.find(prompt) != std::string::npos) {
      o.prompted = true;
      const std::string typed = answer + "\n";
      if (::write(master, typed.data(), typed.size()) < 0) throw std::runtime_error("write failed");
    }
  }
  ::close(master);
  o.code = wait_for(pid);
  return o;
}

}  // namespace cli_test
