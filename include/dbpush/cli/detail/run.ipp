// dbpush: definitions for <dbpush/cli/run.hpp>.
#pragma once

#include <dbpush/cli/run.hpp>
#include <dbpush/diff_sql.hpp>
#include <dbpush/generators.hpp>
#include <dbpush/postgres.hpp>
#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>
#include <pqxx/connection>

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace db::cli {
namespace detail {

// Exit codes (docs/cli.md).
inline constexpr int done = 0, refused = 1, cannot_run = 2;

// Where a command writes: std::cout and std::cerr, coloured only on a terminal
// and when NO_COLOR is unset or empty (https://no-color.org).
class console {
 public:
  console() {
    const char* no_color = std::getenv("NO_COLOR");
    const bool allowed = !no_color || !*no_color;
    out_colour_ = allowed && ::isatty(STDOUT_FILENO);
    err_colour_ = allowed && ::isatty(STDERR_FILENO);
    interactive_ = ::isatty(STDIN_FILENO);
  }

  enum class tone { plain, bold, good, warn, bad };

  std::string paint(std::string_view text, tone t, bool on_err) const {
    if (t == tone::plain || !(on_err ? err_colour_ : out_colour_)) return std::string(text);
    const char* code = t == tone::bold ? "\x1b[1m" : t == tone::good ? "\x1b[32m" : t == tone::warn ? "\x1b[33m" : "\x1b[31m";
    return code + std::string(text) + "\x1b[0m";
  }
  void out(std::string_view text, tone t = tone::plain) const { std::cout << paint(text, t, false); }
  void err(std::string_view text, tone t = tone::plain) const { std::cerr << paint(text, t, true); }
  void error(std::string_view message) const {
    err("Error: ", tone::bad);
    err(message);
    err("\n");
  }
  bool interactive() const { return interactive_; }

  // Asks on stdout, reads one line: true for y or yes (any case).
  bool confirm(std::string_view question) const {
    out(question, tone::bold);
    out(" (y/N) ");
    std::cout.flush();
    std::string answer;
    if (!std::getline(std::cin, answer)) answer.clear();
    std::string folded;
    for (const char c : answer)
      if (c != ' ' && c != '\r') folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return folded == "y" || folded == "yes";
  }

 private:
  bool out_colour_ = false, err_colour_ = false, interactive_ = false;
};

// One "  - message" line per finding, as the push's own messages list them.
DBPUSH_INLINE std::string bullets(const std::vector<finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += "  - " + f.message + "\n";
  return out;
}

// Everything one command needs, as the command line and the program gave it.
struct invocation {
  std::string program;
  command_line line;
  const targets& models;
  const push_options& defaults;
  const console& io;

  push_options options() const {
    push_options o = defaults;
    o.accept_data_loss = o.accept_data_loss || line.accept_data_loss;
    o.force_reset = o.force_reset || line.force_reset;
    o.skip_generate = o.skip_generate || line.skip_generate;
    if (line.pg_schema) o.postgres.schema = *line.pg_schema;
    o.postgres.online = o.postgres.online || line.online;
    if (line.lock_timeout_ms) o.postgres.lock_timeout = std::chrono::milliseconds(*line.lock_timeout_ms);
    if (line.max_scanned_rows) o.postgres.max_scanned_rows = line.max_scanned_rows;
    if (line.max_scanned_bytes) o.postgres.max_scanned_bytes = line.max_scanned_bytes;
    return o;
  }
  const schema& target(db::dialect d) const { return d == db::dialect::sqlite ? models.sqlite : models.postgres; }
};

DBPUSH_INLINE std::string milliseconds_since(std::chrono::steady_clock::time_point start) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return std::to_string(ms.count()) + "ms";
}

// push_result::to_string with the time after its first line, as db push prints it.
DBPUSH_INLINE void print_result(const invocation& in, const push_result& r, std::chrono::steady_clock::time_point start,
                                std::size_t generators_run) {
  std::string text = r.to_string();
  const auto first_end = text.find('\n');
  const std::string first = text.substr(0, first_end);
  in.io.out(first + (r.changed ? " Done in " + milliseconds_since(start) : std::string()), console::tone::good);
  in.io.out((first_end == std::string::npos ? std::string() : text.substr(first_end)) + "\n");
  if (generators_run) in.io.out("\nRan " + std::to_string(generators_run) + (generators_run == 1 ? " generator.\n" : " generators.\n"));
}

DBPUSH_INLINE std::size_t generators_run(const push_options& o) {
  if (o.skip_generate) return 0;
  std::size_t n = 0;
  for (const auto& g : o.generators) n += g ? 1u : 0u;
  return n;
}

// Runs `push` (a push, apply or reset) and prints its result. When a generator
// failed, the database is in sync all the same: that is printed, then the error.
template <class Push>
int report(const invocation& in, const push_options& options, Push&& push) {
  const auto start = std::chrono::steady_clock::now();
  try {
    print_result(in, push(), start, generators_run(options));
    return done;
  } catch (const generator_error& e) {
    print_result(in, e.result(), start, 0);
    throw;
  }
}

DBPUSH_INLINE void print_data_loss(const invocation& in, const std::vector<finding>& warnings, bool on_err) {
  const auto write = [&](std::string_view text, console::tone t) { on_err ? in.io.err(text, t) : in.io.out(text, t); };
  write("There might be data loss when applying the changes:\n\n", console::tone::warn);
  write(bullets(warnings), console::tone::plain);
}

DBPUSH_INLINE int refuse_unexecutable(const invocation& in, const std::vector<finding>& findings) {
  in.io.err("We found changes that cannot be executed:\n\n", console::tone::bad);
  in.io.err(bullets(findings));
  in.io.err("\nUse the --force-reset flag to drop the database before push, like: " + in.program +
            " push --force-reset\nAll data will be lost.\n");
  return refused;
}

template <class Connection>
int push_command(const invocation& in, Connection& conn, const schema& target) {
  push_options options = in.options();
  try {
    return report(in, options, [&] { return db::push(conn, target, options); });
  } catch (const data_loss_error& e) {
    if (!in.io.interactive()) {
      print_data_loss(in, e.warnings(), true);
      in.io.err("\nUse the --accept-data-loss flag to ignore the data loss warnings, like: " + in.program +
                " push --accept-data-loss\n");
      return refused;
    }
  } catch (const unexecutable_error& e) {
    return refuse_unexecutable(in, e.findings());
  }
  // On a terminal: show the warnings of a plan, and apply exactly that plan
  // when the user accepts (db::apply refuses if the data changed meanwhile).
  const push_plan plan = db::plan(conn, target, options);
  if (!plan.unexecutable.empty()) return refuse_unexecutable(in, plan.unexecutable);
  if (!plan.warnings.empty()) {
    print_data_loss(in, plan.warnings, false);
    in.io.out("\n");
    if (!in.io.confirm("Do you want to ignore the warning(s) and accept data loss?")) {
      in.io.out("Push cancelled.\n");
      return refused;
    }
  }
  options.accept_data_loss = true;
  return report(in, options, [&] { return db::apply(conn, plan, options); });
}

template <class Connection>
int plan_command(const invocation& in, Connection& conn, const schema& target) {
  in.io.out(db::plan(conn, target, in.options()).to_string() + "\n");
  return done;
}

template <class Connection>
int reset_command(const invocation& in, Connection& conn, const schema& target, const std::string& shown) {
  if (!in.line.force) {
    if (!in.io.interactive()) {
      in.io.err("reset drops every table dbpush manages in " + shown + ": all data will be lost.\n"
                "Use the --force flag to reset without a prompt, like: " + in.program + " reset --force\n");
      return refused;
    }
    if (!in.io.confirm("All data in " + shown + " will be lost. Do you want to continue?")) {
      in.io.out("Reset cancelled.\n");
      return refused;
    }
  }
  const push_options options = in.options();
  return report(in, options, [&] { return db::reset(conn, target, options); });
}

DBPUSH_INLINE int print_diff(const invocation& in, const sql_diff& d) {
  if (!in.line.sql_only) {
    in.io.out(d.to_string());
    return done;
  }
  in.io.out(d.script());
  // The script alone goes to stdout; what a push would say about it, to stderr.
  if (!d.warnings.empty()) in.io.err("Data loss when the tables hold rows:\n" + bullets(d.warnings), console::tone::warn);
  if (!d.unexecutable.empty()) in.io.err("Refused by a push on such data:\n" + bullets(d.unexecutable), console::tone::warn);
  return done;
}

template <class Connection>
int diff_command(const invocation& in, Connection& conn, db::dialect d, const schema& target) {
  const schema live = db::introspect(conn, in.options());
  return print_diff(in, diff_sql(live, target, d, {.postgres_schema = in.line.pg_schema.value_or("")}));
}

// A command that needs a connection, on the dialect the URL names.
DBPUSH_INLINE int with_database(const invocation& in, const database_url& url) {
  const std::string shown = describe(url, in.line.pg_schema.value_or("public"));
  const schema& target = in.target(url.dialect);
  const bool writes = in.line.verb == command::push || in.line.verb == command::reset;
  auto dispatch = [&](auto& conn) {
    switch (in.line.verb) {
      case command::push: return push_command(in, conn, target);
      case command::plan: return plan_command(in, conn, target);
      case command::reset: return reset_command(in, conn, target, shown);
      default: return diff_command(in, conn, url.dialect, target);
    }
  };
  if (in.line.verb != command::diff) in.io.out(shown + "\n\n", console::tone::bold);
  if (url.dialect == db::dialect::sqlite) {
    // A dry run never creates the file: a missing one reads as an empty database.
    const bool missing = url.sqlite_path != ":memory:" && !std::filesystem::exists(url.sqlite_path);
    std::optional<SQLite::Database> conn;
    try {
      if (writes) conn.emplace(url.sqlite_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      else if (missing) conn.emplace(":memory:", SQLite::OPEN_READWRITE);
      else conn.emplace(url.sqlite_path, SQLite::OPEN_READONLY);
    } catch (const std::exception& e) {
      throw database_error("cannot open " + shown + ": " + e.what());
    }
    return dispatch(*conn);
  }
  std::optional<pqxx::connection> conn;
  try {
    conn.emplace(url.conninfo);
  } catch (const std::exception& e) {
    throw database_error("cannot connect to " + shown + ": " + e.what());
  }
  return dispatch(*conn);
}

DBPUSH_INLINE std::optional<database_url> url_of(const command_line& line) {
  if (!line.url.empty()) return parse_database_url(line.url);
  const char* env = std::getenv("DATABASE_URL");
  if (env && *env) return parse_database_url(env);
  return std::nullopt;
}

DBPUSH_INLINE int run_command(const invocation& in) {
  const command_line& line = in.line;
  if (line.verb == command::help) {
    in.io.out(usage(in.program));
    return done;
  }
  if (line.verb == command::show_version) {
    in.io.out(std::string("dbpush ") + version + "\n");
    return done;
  }
  const auto url = url_of(line);
  const bool offline = line.verb == command::schema || (line.verb == command::diff && line.from_empty);
  if (!url && !(offline && line.dialect_flag))
    throw usage_error(std::string("no database: pass --url or set DATABASE_URL") +
                      (offline ? " (or --dialect sqlite|postgresql)" : ""));
  const db::dialect d = line.dialect_flag && (offline || !url) ? *line.dialect_flag : url->dialect;
  if (line.pg_schema && d == db::dialect::sqlite)
    throw usage_error("--schema names a PostgreSQL schema, and the database is SQLite");
  const bool production_option =
      line.online || line.lock_timeout_ms || line.max_scanned_rows || line.max_scanned_bytes;
  if (production_option && d == db::dialect::sqlite)
    throw usage_error("--online, --lock-timeout and --max-scanned-rows/-bytes are PostgreSQL settings, "
                      "and the database is SQLite");
  if (!offline) return with_database(in, *url);
  const schema& target = in.target(d);
  if (line.verb == command::diff)
    return print_diff(in, diff_sql({}, target, d, {.postgres_schema = line.pg_schema.value_or("")}));
  if (line.format == "json") in.io.out(generators::json_schema_text(target, d));
  else if (line.format == "mermaid") in.io.out(generators::mermaid_erd_text(target, d));
  else in.io.out(generators::sql_snapshot_text(target, d));
  return done;
}

}  // namespace detail

DBPUSH_INLINE std::vector<std::string> arguments(int argc, char** argv) {
  std::vector<std::string> out;
  for (int i = 0; i < argc; ++i) out.emplace_back(argv[i] ? argv[i] : "");
  return out;
}

DBPUSH_INLINE int run(const std::vector<std::string>& args, const targets& models, const push_options& defaults) {
  const detail::console io;
  const std::string program =
      args.empty() ? std::string("dbpush") : std::filesystem::path(args.front()).filename().string();
  try {
    const command_line line = parse_command_line(std::vector<std::string>(args.begin() + (args.empty() ? 0 : 1), args.end()));
    return detail::run_command({program, line, models, defaults, io});
  } catch (const usage_error& e) {
    io.error(e.what());
    io.err("Run `" + program + " --help` for the commands and options.\n");
    return detail::cannot_run;
  } catch (const generator_error& e) {
    io.error(e.what());
    return detail::refused;
  } catch (const database_error& e) {
    io.error(e.what());
    return detail::cannot_run;
  } catch (const error& e) {
    io.error(e.what());
    return detail::refused;
  } catch (const std::exception& e) {
    io.error(e.what());
    return detail::cannot_run;
  }
}

}  // namespace db::cli
