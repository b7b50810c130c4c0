#include "reliability/sqlite_backend.hpp"

#include "reliability/types.hpp"
#include "sqlite/fixture.hpp"

#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>

namespace evolve {

namespace {

value read_value(const SQLite::Column& c) {
  if (c.isNull()) return value::null();
  if (c.isInteger()) return value::of_integer(c.getInt64());
  if (c.isFloat()) return value::of_real(c.getDouble());
  if (c.isBlob()) return value::of_blob(std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes())));
  return value::of_text(c.getString());
}

void bind_value(SQLite::Statement& q, int at, const value& v) {
  switch (v.type) {
    case value::kind::null: q.bind(at); break;
    case value::kind::integer: q.bind(at, static_cast<int64_t>(v.integer)); break;
    case value::kind::real: q.bind(at, v.real); break;
    case value::kind::text: q.bind(at, v.bytes); break;
    case value::kind::blob: q.bind(at, v.bytes.data(), static_cast<int>(v.bytes.size())); break;
  }
}

std::string text_of(const SQLite::Column& c) { return c.isNull() ? "NULL" : read_value(c).to_string(); }

// The parts between the outer parentheses of a CREATE TABLE, split at
// top-level commas, each with its runs of blanks outside quotes made one space.
std::vector<std::string> definition_items(const std::string& sql) {
  std::vector<std::string> items;
  std::string current;
  int depth = 0;
  char quote = 0;
  bool blank = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char ch = sql[i];
    if (quote) {
      if (depth >= 1) current += ch;
      if (ch == quote) quote = 0;
      continue;
    }
    if (ch == '"' || ch == '\'' || ch == '`') {
      quote = ch;
    } else if (ch == '[') {
      quote = ']';
    }
    if (ch == '(' && ++depth == 1) continue;
    if (ch == ')' && --depth == 0) break;
    if (depth < 1) continue;
    if (depth == 1 && ch == ',') {
      items.push_back(current);
      current.clear();
      blank = false;
      continue;
    }
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
      blank = !current.empty();
      continue;
    }
    if (blank) current += ' ';
    blank = false;
    current += ch;
  }
  if (!current.empty()) items.push_back(current);
  std::sort(items.begin(), items.end());
  return items;
}

// A database file of its own in a temporary directory (the SQLite tests'
// temp_db: foreign keys on, removed with the store).
class sqlite_store final : public store {
 public:

  db::push_result push(const db::schema& target, db::push_options options) override {
    return db::push(conn_, target, options);
  }
  db::push_plan plan(const db::schema& target, db::push_options options) override {
    return db::plan(conn_, target, options);
  }
  db::push_result apply(const db::push_plan& plan, db::push_options options) override {
    return db::apply(conn_, plan, options);
  }
  db::schema introspect() override { return db::introspect(conn_); }

  void insert(const db::schema& s, const dataset& rows) override {
    conn_.exec("PRAGMA foreign_keys = OFF");
    {
      SQLite::Transaction tx(conn_);
      for (const auto& t : s.tables) {
        const auto it = rows.find(t.name);
        if (it == rows.end() || it->second.empty()) continue;
        std::string names, marks;
        for (const auto& c : t.columns) {
          names += (names.empty() ? "" : ", ") + quote_name(c.name);
          marks += marks.empty() ? "?" : ", ?";
        }
        SQLite::Statement q(conn_, "INSERT INTO " + quote_name(t.name) + " (" + names + ") VALUES (" + marks + ")");
        for (const auto& r : it->second) {
          int at = 1;
          for (const auto& c : t.columns) bind_value(q, at++, r.at(c.name));
          q.exec();
          q.reset();
        }
      }
      tx.commit();
    }
    conn_.exec("PRAGMA foreign_keys = ON");
    SQLite::Statement check(conn_, "PRAGMA foreign_key_check");
    if (check.executeStep()) throw std::runtime_error("the rows break a foreign key of `" + check.getColumn(0).getString() + "`");
  }

  dataset read(const db::schema& s) override {
    dataset out;
    for (const auto& t : s.tables) {
      auto& rows = out[t.name];
      std::string names;
      for (const auto& c : t.columns) names += (names.empty() ? "" : ", ") + quote_name(c.name);
      SQLite::Statement q(conn_, "SELECT " + names + " FROM " + quote_name(t.name));
      while (q.executeStep()) {
        row r;
        for (int i = 0; i < static_cast<int>(t.columns.size()); ++i) r[t.columns[static_cast<std::size_t>(i)].name] = read_value(q.getColumn(i));
        rows.push_back(std::move(r));
      }
    }
    return out;
  }

  std::string catalog() override {
    std::string out;
    for (const auto& [name, sql] : objects("table")) {
      out += "table " + name + "\n";
      for (const auto& item : definition_items(sql)) out += "  item " + item + "\n";
      out += lines("  column ", "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY name", name);
      out += lines("  index ", "SELECT l.name, l.\"unique\", l.origin, l.partial, "
                               "(SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno)), "
                               "(SELECT sql FROM sqlite_schema WHERE name = l.name) FROM pragma_index_list(?) AS l ORDER BY l.name",
                   name);
      out += lines("  foreign key ", "SELECT \"table\", group_concat(\"from\", ','), group_concat(\"to\", ','), on_update, on_delete, "
                                     "\"match\" FROM (SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq) GROUP BY id "
                                     "ORDER BY 1, 2, 3, 4, 5",
                   name);
    }
    return out;
  }

  std::string fingerprint() override { return sqlite_test::file_bytes(db_.path); }
  std::string anonymised(std::string text) const override { return text; }

 private:
  std::vector<std::pair<std::string, std::string>> objects(const std::string& type) {
    std::vector<std::pair<std::string, std::string>> out;
    SQLite::Statement q(conn_, "SELECT name, sql FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    q.bind(1, type);
    while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
    return out;
  }

  std::vector<std::string> row_lines(const std::string& sql, const std::optional<std::string>& parameter = std::nullopt) {
    SQLite::Statement q(conn_, sql);
    if (parameter) q.bind(1, *parameter);
    std::vector<std::string> out;
    while (q.executeStep()) {
      std::string line;
      for (int i = 0; i < q.getColumnCount(); ++i) line += (i ? "|" : "") + text_of(q.getColumn(i));
      out.push_back(line);
    }
    return out;
  }

  std::string lines(const std::string& prefix, const std::string& sql, const std::optional<std::string>& parameter) {
    std::string out;
    for (const auto& l : row_lines(sql, parameter)) out += prefix + l + "\n";
    return out;
  }

  sqlite_test::temp_db db_;
  SQLite::Database& conn_ = db_.conn;
};

}  // namespace

sqlite_backend::sqlite_backend() : scratch_(":memory:", SQLite::OPEN_READWRITE) {}

std::unique_ptr<store> sqlite_backend::make_store(std::uint64_t, const std::string&) {
  return std::make_unique<sqlite_store>();
}

value sqlite_backend::evaluate(const value& v, const std::string& type, const std::string& expression,
                               const std::string& result_type) {
  scratch_.exec("DROP TABLE IF EXISTS src; DROP TABLE IF EXISTS dst");
  scratch_.exec("CREATE TABLE src (c " + type + ")");
  scratch_.exec("CREATE TABLE dst (c " + result_type + ")");
  SQLite::Statement in(scratch_, "INSERT INTO src VALUES (?)");
  bind_value(in, 1, v);
  in.exec();
  scratch_.exec("INSERT INTO dst SELECT " + expression + " FROM src");
  SQLite::Statement out(scratch_, "SELECT c FROM dst");
  out.executeStep();
  return read_value(out.getColumn(0));
}

// docs/sqlite.md: the copy CASTs to the new affinity when it is INTEGER, REAL
// or TEXT and differs from the old one; otherwise the column's affinity
// converts the value on insert.
std::optional<value> sqlite_backend::convert(const value& v, const db::column& from, const db::column& to) {
  const auto a = affinity_of(from.type), b = affinity_of(to.type);
  const bool cast = a != b && (b == affinity::integer || b == affinity::real || b == affinity::text);
  return evaluate(v, from.type, cast ? "CAST(c AS " + std::string(affinity_name(b)) + ")" : "c", to.type);
}

// docs/sqlite.md: TEXT -> INTEGER or REAL counts the values the cast changes
// (`CAST(c AS INTEGER) <> c`).
bool sqlite_backend::cast_fails(const value& v, const db::column& from, const db::column& to) {
  const auto b = affinity_of(to.type);
  const auto changed = evaluate(v, from.type, "CAST(c AS " + std::string(affinity_name(b)) + ") <> c", "");
  return changed.type == value::kind::integer && changed.integer != 0;
}

void sqlite_backend::canonicalise(db::schema& target) const { db::sqlite::detail::canonicalise(target); }

value sqlite_backend::default_value(const db::column& c) {
  return evaluate(value::null(), "", "(" + *c.default_sql + ")", c.type);
}

}  // namespace evolve
