// dbpush: definitions for <dbpush/cli/command_line.hpp>.
#pragma once

#include <dbpush/cli/command_line.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace db::cli {
namespace detail {

// Which commands take an option; anything else is a usage error that says where it belongs.
struct option_rule {
  std::string_view name;
  bool takes_value;
  std::vector<command> commands;  // empty: every command that touches a database
  std::string_view belongs;       // "push", "diff", ... for the message
};

DBPUSH_INLINE const std::vector<option_rule>& option_rules() {
  static const std::vector<option_rule> rules = {
      {"--url", true, {}, ""},
      {"--schema", true, {}, ""},
      {"--accept-data-loss", false, {command::push}, "push"},
      {"--force-reset", false, {command::push}, "push"},
      {"--dry-run", false, {command::push}, "push"},
      {"--skip-generate", false, {command::push, command::reset}, "push and reset"},
      {"--force", false, {command::reset}, "reset"},
      {"--sql", false, {command::diff}, "diff"},
      {"--from-empty", false, {command::diff}, "diff"},
      {"--dialect", true, {command::diff, command::schema}, "diff and schema"},
      {"--format", true, {command::schema}, "schema"},
      {"--online", false, {command::push, command::plan}, "push and plan"},
      {"--lock-timeout", true, {command::push, command::plan}, "push and plan"},
      {"--max-scanned-rows", true, {command::push, command::plan}, "push and plan"},
      {"--max-scanned-bytes", true, {command::push, command::plan}, "push and plan"},
  };
  return rules;
}

DBPUSH_INLINE db::dialect dialect_named(const std::string& name) {
  if (name == "sqlite") return db::dialect::sqlite;
  if (name == "postgresql" || name == "postgres") return db::dialect::postgres;
  throw usage_error("--dialect takes sqlite or postgresql, not `" + name + "`");
}

// The value of an option that counts something (`what`): digits only, as a
// signed 64-bit number, so that a typo never becomes "no limit".
DBPUSH_INLINE std::int64_t count_named(std::string_view option, const std::string& value, std::string_view what) {
  const bool digits = !value.empty() && value.size() <= 18 &&
                      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits)
    throw usage_error(std::string(option) + " takes a whole number of " + std::string(what) + ", not `" + value + "`");
  return std::stoll(value);
}

DBPUSH_INLINE std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The value of `key` in a query string "a=1&b=2", percent-decoded; empty when absent.
DBPUSH_INLINE std::string query_value(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    const auto end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == key) return percent_decoded(pair.substr(eq + 1));
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return {};
}

}  // namespace detail

DBPUSH_INLINE command_line parse_command_line(const std::vector<std::string>& args) {
  command_line out;
  bool have_command = false;
  std::vector<const detail::option_rule*> seen;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "--help" || arg == "-h") return command_line{.verb = command::help};
    if (arg == "--version") return command_line{.verb = command::show_version};
    if (arg.rfind("-", 0) != 0) {
      if (have_command) throw usage_error("unexpected argument `" + arg + "`");
      static const std::pair<std::string_view, command> verbs[] = {{"push", command::push},
                                                                   {"plan", command::plan},
                                                                   {"reset", command::reset},
                                                                   {"diff", command::diff},
                                                                   {"schema", command::schema}};
      bool known = false;
      for (const auto& [name, verb] : verbs)
        if (arg == name) {
          out.verb = verb;
          known = true;
        }
      if (!known) throw usage_error("unknown command `" + arg + "`");
      have_command = true;
      continue;
    }
    std::string value;
    bool inline_value = false;
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
      inline_value = true;
    }
    const detail::option_rule* rule = nullptr;
    for (const auto& r : detail::option_rules())
      if (arg == r.name) rule = &r;
    if (!rule) throw usage_error("unknown option `" + arg + "`");
    if (rule->takes_value && !inline_value) {
      if (i + 1 >= args.size()) throw usage_error(arg + " needs a value");
      value = args[++i];
    } else if (!rule->takes_value && inline_value) {
      throw usage_error(arg + " takes no value");
    }
    seen.push_back(rule);
    if (arg == "--url") out.url = value;
    else if (arg == "--schema") out.pg_schema = value;
    else if (arg == "--accept-data-loss") out.accept_data_loss = true;
    else if (arg == "--force-reset") out.force_reset = true;
    else if (arg == "--dry-run") out.verb = command::plan;
    else if (arg == "--skip-generate") out.skip_generate = true;
    else if (arg == "--force") out.force = true;
    else if (arg == "--sql") out.sql_only = true;
    else if (arg == "--from-empty") out.from_empty = true;
    else if (arg == "--online") out.online = true;
    else if (arg == "--lock-timeout") out.lock_timeout_ms = detail::count_named(arg, value, "milliseconds");
    else if (arg == "--max-scanned-rows") out.max_scanned_rows = detail::count_named(arg, value, "rows");
    else if (arg == "--max-scanned-bytes") out.max_scanned_bytes = detail::count_named(arg, value, "bytes");
    else if (arg == "--dialect") out.dialect_flag = detail::dialect_named(value);
    else if (arg == "--format") {
      if (value != "sql" && value != "json" && value != "mermaid")
        throw usage_error("--format takes sql, json or mermaid, not `" + value + "`");
      out.format = value;
    }
  }
  if (!have_command) throw usage_error("no command given");
  // --dry-run made the command `plan`; its options are push's.
  const bool dry_run = out.verb == command::plan && [&] {
    for (const auto* r : seen)
      if (r->name == "--dry-run") return true;
    return false;
  }();
  for (const auto* r : seen) {
    if (r->commands.empty()) continue;
    bool allowed = false;
    for (const auto c : r->commands) allowed = allowed || c == out.verb || (dry_run && c == command::push);
    if (!allowed) throw usage_error(std::string(r->name) + " is an option of " + std::string(r->belongs));
  }
  if (dry_run && (out.accept_data_loss || out.skip_generate))
    throw usage_error("--dry-run changes nothing: it takes neither --accept-data-loss nor --skip-generate");
  return out;
}

DBPUSH_INLINE database_url parse_database_url(const std::string& url) {
  database_url out;
  const auto scheme_end = url.find(':');
  const std::string scheme = scheme_end == std::string::npos ? std::string() : url.substr(0, scheme_end);
  if (scheme == "sqlite" || scheme == "file") {
    std::string path = url.substr(scheme_end + 1);
    if (path.rfind("//", 0) == 0) path.erase(0, 2);  // sqlite:///abs/path, sqlite://relative
    if (path.empty()) throw usage_error("the SQLite URL names no file: write sqlite:path/to/file.db or sqlite::memory:");
    out.dialect = db::dialect::sqlite;
    out.sqlite_path = path;
    return out;
  }
  if ((scheme == "postgresql" || scheme == "postgres") && url.compare(scheme_end, 3, "://") == 0) {
    out.dialect = db::dialect::postgres;
    out.conninfo = url;
    std::string_view rest = std::string_view(url).substr(scheme_end + 3);
    std::string_view query;
    if (const auto q = rest.find('?'); q != std::string_view::npos) {
      query = rest.substr(q + 1);
      rest = rest.substr(0, q);
    }
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    const std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    std::string user;
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
      user = detail::percent_decoded(authority.substr(0, authority.substr(0, at).find(':')));
      authority = authority.substr(at + 1);
    }
    std::string_view host = authority, port;
    if (!host.empty() && host.front() == '[') {  // [IPv6]:port
      const auto close = host.find(']');
      port = close == std::string_view::npos || close + 1 >= host.size() ? std::string_view() : host.substr(close + 2);
      host = host.substr(0, close == std::string_view::npos ? host.size() : close + 1);
    } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
      port = host.substr(colon + 1);
      host = host.substr(0, colon);
    }
    out.host = detail::percent_decoded(host);
    out.port = std::string(port);
    out.database = detail::percent_decoded(path);
    if (out.host.empty()) out.host = detail::query_value(query, "host");
    if (out.port.empty()) out.port = detail::query_value(query, "port");
    if (out.database.empty()) out.database = detail::query_value(query, "dbname");
    if (out.host.empty()) out.host = "localhost";
    if (out.port.empty()) out.port = "5432";
    if (out.database.empty()) out.database = user.empty() ? detail::query_value(query, "user") : user;
    return out;
  }
  throw usage_error("a database URL starts with sqlite:, file:, postgresql:// or postgres://" +
                    (scheme.empty() ? std::string() : " (this one with `" + scheme + ":`)"));
}

DBPUSH_INLINE std::string describe(const database_url& url, const std::string& pg_schema) {
  if (url.dialect == db::dialect::sqlite)
    return url.sqlite_path == ":memory:" ? "SQLite database in memory" : "SQLite database \"" + url.sqlite_path + "\"";
  return "PostgreSQL database \"" + url.database + "\", schema \"" + pg_schema + "\" at \"" + url.host + ":" +
         url.port + "\"";
}

DBPUSH_INLINE std::string usage(const std::string& program) {
  return "Usage: " + program + " <command> [options]\n"
         "\n"
         "Makes a database match the models built into " + program + ", as `prisma db push` does.\n"
         "\n"
         "Commands:\n"
         "  push     Make the database match the models, in one transaction\n"
         "  plan     Show what push would do (steps, warnings, SQL); change nothing\n"
         "  reset    Drop everything dbpush manages, then push (all data is lost)\n"
         "  diff     Print the SQL from the database, or from an empty one, to the models\n"
         "  schema   Print the models' schema\n"
         "\n"
         "Options:\n"
         "  --url URL            sqlite:PATH, sqlite::memory:, postgresql://USER:PASSWORD@HOST:PORT/DB\n"
         "                       (default: the DATABASE_URL environment variable)\n"
         "  --schema NAME        PostgreSQL: the schema to manage (default: public)\n"
         "  --accept-data-loss   push: apply even though data may be lost\n"
         "  --force-reset        push: drop everything dbpush manages first (all data is lost)\n"
         "  --skip-generate      push, reset: do not run the generators\n"
         "  --dry-run            push: the same as plan\n"
         "  --force              reset: do not ask for confirmation\n"
         "  --sql                diff: print only the SQL script, for a migration file\n"
         "  --from-empty         diff: from an empty database instead of the live one\n"
         "  --dialect NAME       diff --from-empty, schema: sqlite or postgresql, when there is no URL\n"
         "  --format FORMAT      schema: sql (default), json or mermaid\n"
         "PostgreSQL in production (push and plan):\n"
         "  --online             build indexes concurrently and validate constraints after the commit\n"
         "  --lock-timeout MS    wait at most MS for a table lock, then retry (default 500; 0: no limit)\n"
         "  --max-scanned-rows N refuse a step that rewrites or scans a table estimated above N rows\n"
         "  --max-scanned-bytes N\n"
         "                       the same, above N bytes (indexes included)\n"
         "  -h, --help           Show this help\n"
         "  --version            Show the version of dbpush\n"
         "\n"
         "Exit codes: 0 done or already in sync; 1 refused (data loss, unexecutable steps,\n"
         "declined, a generator failed); 2 usage error, or the database cannot be reached.\n";
}

}  // namespace db::cli
