// dbpush: what the command line says — the command, its flags, and the
// database URL — parsed without touching a database.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db::cli {

// The version of dbpush that --version prints.
inline constexpr const char* version = "0.1.0";

// A command line that cannot be run: exit code 2, with the usage.
class usage_error : public error {
 public:
  using error::error;
};

enum class command { push, plan, reset, diff, schema, help, show_version };

struct command_line {
  command verb = command::help;
  std::string url{};                     // --url; empty: DATABASE_URL
  std::optional<std::string> pg_schema{};  // --schema
  bool accept_data_loss = false;
  bool force_reset = false;
  bool skip_generate = false;
  bool force = false;       // reset: no confirmation
  bool sql_only = false;    // diff --sql
  bool from_empty = false;  // diff --from-empty
  std::optional<db::dialect> dialect_flag{};  // --dialect, when there is no URL
  std::string format = "sql";               // schema --format
  // PostgreSQL only (push and plan): push_options::postgres's production settings.
  bool online = false;                                // --online
  std::optional<std::int64_t> lock_timeout_ms{};      // --lock-timeout MS
  std::optional<std::int64_t> max_scanned_rows{};     // --max-scanned-rows N
  std::optional<std::int64_t> max_scanned_bytes{};    // --max-scanned-bytes N
};

// `args` without the program's name. Throws usage_error naming the problem:
// an unknown command or option, a missing value, an option another command owns.
DBPUSH_INLINE command_line parse_command_line(const std::vector<std::string>& args);

// A database named by URL: `sqlite:PATH`, `file:PATH`, `sqlite::memory:`,
// `postgresql://USER:PASSWORD@HOST:PORT/DATABASE?...` (or postgres://).
struct database_url {
  db::dialect dialect = db::dialect::sqlite;
  std::string sqlite_path;  // SQLite: the file (":memory:" for an in-memory database)
  std::string conninfo;     // PostgreSQL: the URL as given, for libpq
  std::string host;         // PostgreSQL, for display: host (or socket directory), port, database
  std::string port;
  std::string database;
};

// Throws usage_error; its message never repeats the URL (it may hold a password).
DBPUSH_INLINE database_url parse_database_url(const std::string& url);

// `SQLite database "app.db"` or `PostgreSQL database "app", schema "public" at
// "db.local:5432"`: what a command connects to, without user or password.
DBPUSH_INLINE std::string describe(const database_url& url, const std::string& pg_schema);

// The --help text.
DBPUSH_INLINE std::string usage(const std::string& program);

}  // namespace db::cli

#ifdef DBPUSH_DEFINE_TOOLS
#include <dbpush/cli/detail/command_line.ipp>
#endif
