#include "resilience/process.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace resilience {

std::string exit_status::to_string() const {
  return exited ? "exited with " + std::to_string(code) : std::string("killed by signal ") + ::strsignal(code);
}

helper_process::helper_process(const std::string& program, const std::vector<std::string>& args) {
  int in[2], out[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0) throw std::runtime_error("pipe failed: " + std::string(std::strerror(errno)));
  std::vector<std::string> argv_storage;
  argv_storage.push_back(program);
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed: " + std::string(std::strerror(errno)));
  if (pid_ == 0) {
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    for (int fd : {in[0], in[1], out[0], out[1]}) ::close(fd);
    ::execv(program.c_str(), argv.data());
    std::fprintf(stderr, "cannot run %s: %s\n", program.c_str(), std::strerror(errno));
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  to_child_ = in[1];
  from_child_ = out[0];
}

helper_process::~helper_process() {
  if (!status_) {
    ::kill(pid_, SIGKILL);
    wait();
  }
  if (to_child_ >= 0) ::close(to_child_);
  if (from_child_ >= 0) ::close(from_child_);
}

void helper_process::send(const std::string& line) {
  const std::string text = line + "\n";
  // A child that died already makes the write fail (EPIPE): the test reads why later.
  const auto old = ::signal(SIGPIPE, SIG_IGN);
  [[maybe_unused]] auto written = ::write(to_child_, text.data(), text.size());
  ::signal(SIGPIPE, old);
}

std::optional<std::string> helper_process::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (const auto end = pending_.find('\n'); end != std::string::npos) {
      std::string line = pending_.substr(0, end);
      pending_.erase(0, end + 1);
      lines_.push_back(line);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{from_child_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return std::nullopt;
    std::array<char, 4096> buffer{};
    const auto n = ::read(from_child_, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    pending_.append(buffer.data(), static_cast<std::size_t>(n));
  }
}

std::string helper_process::expect(std::string_view prefix, std::chrono::milliseconds timeout) {
  while (auto line = read_line(timeout))
    if (line->starts_with(prefix)) return *line;
  std::string seen;
  for (const auto& l : lines_) seen += "\n  " + l;
  throw std::runtime_error("the helper process printed no line starting with `" + std::string(prefix) +
                           "`; it printed:" + seen);
}

void helper_process::kill(int signal) {
  if (!status_) ::kill(pid_, signal);
}

exit_status helper_process::wait() {
  if (status_) return *status_;
  int raw = 0;
  while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
  }
  status_ = WIFEXITED(raw) ? exit_status{true, WEXITSTATUS(raw)} : exit_status{false, WTERMSIG(raw)};
  return *status_;
}

long env_number(const char* name, long fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::strtol(value, nullptr, 10) : fallback;
}

bool full_run() { return env_number("DBPUSH_RESILIENCE_FULL", 0) == 1; }

}  // namespace resilience
