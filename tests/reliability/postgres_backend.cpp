#include "reliability/postgres_backend.hpp"

#include "reliability/types.hpp"

#include <dbpush/postgres.hpp>
#include <dbpush/postgres/types.hpp>

#include <pqxx/pqxx>

#include <algorithm>
#include <unistd.h>

namespace evolve {

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// The rows of a query, each value as text (NULL as NULL) joined by '|'.
std::vector<std::string> rows_of(pqxx::connection& conn, const std::string& sql, const std::string& parameter) {
  pqxx::nontransaction tx(conn);
  std::vector<std::string> out;
  for (const auto& r : tx.exec_params(sql, parameter)) {
    std::string line;
    for (int i = 0; i < static_cast<int>(r.size()); ++i) line += (i ? "|" : "") + (r[i].is_null() ? std::string("NULL") : r[i].as<std::string>());
    out.push_back(line);
  }
  return out;
}

class postgres_store final : public store {
 public:
  postgres_store(pqxx::connection& conn, std::string schema) : conn_(conn), schema_(std::move(schema)) { drop(); }
  ~postgres_store() override {
    try {
      drop();
    } catch (...) {
    }
  }

  db::push_result push(const db::schema& target, db::push_options options) override {
    options.postgres.schema = schema_;
    return db::push(conn_, target, options);
  }
  db::push_plan plan(const db::schema& target, db::push_options options) override {
    options.postgres.schema = schema_;
    return db::plan(conn_, target, options);
  }
  db::push_result apply(const db::push_plan& plan, db::push_options options) override {
    options.postgres.schema = schema_;
    return db::apply(conn_, plan, options);
  }
  db::schema introspect() override {
    db::push_options options;
    options.postgres.schema = schema_;
    return db::introspect(conn_, options);
  }

  // What `CREATE TABLE t (c serial)` makes, in place of the identity dbpush
  // made: a sequence of the column's type under the identity's name (the one
  // PostgreSQL gives both), owned by the column, and its nextval default.
  void make_serial(const std::set<std::pair<std::string, std::string>>& columns) override {
    if (columns.empty()) return;
    pqxx::work tx(conn_);
    for (const auto& [table, column] : columns) {
      const auto r = tx.exec_params1(
          "SELECT pg_get_serial_sequence($1, $2), format_type(a.atttypid, NULL) FROM pg_attribute a "
          "WHERE a.attrelid = $1::regclass AND a.attname = $2",
          qualified(table), column);
      const std::string sequence = r[0].as<std::string>(), type = r[1].as<std::string>();
      const std::string alter = "ALTER TABLE " + qualified(table) + " ALTER COLUMN " + quote_name(column);
      tx.exec(alter + " DROP IDENTITY");
      tx.exec("CREATE SEQUENCE " + sequence + " AS " + type + " OWNED BY " + qualified(table) + "." + quote_name(column));
      tx.exec(alter + " SET DEFAULT nextval(" + quote_literal(sequence) + "::regclass)");
    }
    tx.commit();
  }

  // Foreign keys in cycles need their rows in any order: the triggers that
  // check them are off for the transaction (the rows satisfy them all).
  void insert(const db::schema& s, const dataset& rows) override {
    pqxx::work tx(conn_);
    tx.exec("SET LOCAL session_replication_role = replica");
    for (const auto& t : s.tables) {
      const auto it = rows.find(t.name);
      if (it == rows.end()) continue;
      std::string names;
      for (const auto& c : t.columns) names += (names.empty() ? "" : ", ") + quote_name(c.name);
      for (const auto& r : it->second) {
        std::string values;
        for (const auto& c : t.columns) {
          const value& v = r.at(c.name);
          values += (values.empty() ? "" : ", ") + (v.is_null() ? std::string("NULL") : quote_literal(v.bytes));
        }
        tx.exec("INSERT INTO " + qualified(t.name) + " (" + names + ") VALUES (" + values + ")");
      }
    }
    tx.commit();
  }

  dataset read(const db::schema& s) override {
    dataset out;
    pqxx::nontransaction tx(conn_);
    for (const auto& t : s.tables) {
      auto& rows = out[t.name];
      std::string names;
      for (const auto& c : t.columns) names += (names.empty() ? "" : ", ") + quote_name(c.name) + "::text";
      for (const auto& r : tx.exec("SELECT " + names + " FROM " + qualified(t.name))) {
        row values;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
          const auto f = r[static_cast<int>(i)];
          values[t.columns[i].name] = f.is_null() ? value::null() : value::of_text(f.as<std::string>());
        }
        rows.push_back(std::move(values));
      }
    }
    return out;
  }

  std::string catalog() override {
    std::string out;
    auto section = [&](const std::string& title, const std::string& sql) {
      for (const auto& line : rows_of(conn_, sql, schema_)) out += title + " " + line + "\n";
    };
    // An identity and a SERIAL (made by hand, kept by dbpush: docs/postgres.md)
    // are one thing here: an autoincrement column, its sequence's type; a
    // SERIAL's nextval default is not shown.
    section("column",
            "SELECT relname, attname, type, attnotnull, CASE WHEN serial THEN NULL ELSE default_text END, "
            "identity OR serial, sequence_type FROM ("
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, "
            "pg_get_expr(d.adbin, d.adrelid) AS default_text, a.attidentity <> '' AS identity, "
            "coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%' AND s.seq IS NOT NULL, false) AS serial, "
            "(SELECT format_type(q.seqtypid, NULL) FROM pg_sequence q WHERE q.seqrelid = s.seq) AS sequence_type "
            "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "LEFT JOIN LATERAL (SELECT pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), "
            "a.attname)::regclass AS seq) s ON true "
            "WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped) AS x ORDER BY 1, 2");
    // Every sequence with the column that owns it: names follow renamed tables
    // and columns as a fresh push names them, and none is left behind.
    section("sequence",
            "SELECT s.relname, format_type(q.seqtypid, NULL), coalesce(t.relname || '.' || a.attname, '(no owner)') "
            "FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_sequence q ON q.seqrelid = s.oid "
            "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
            "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
            "LEFT JOIN pg_class t ON t.oid = d.refobjid "
            "LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
            "WHERE n.nspname = $1 AND s.relkind = 'S' ORDER BY 1");
    section("constraint",
            "SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid) FROM pg_constraint con "
            "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = con.connamespace "
            "WHERE n.nspname = $1 ORDER BY 1, 2");
    section("index",
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_class i JOIN pg_namespace n ON n.oid = i.relnamespace "
            "WHERE n.nspname = $1 AND i.relkind = 'i' ORDER BY 1");
    section("enum",
            "SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t "
            "JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace "
            "WHERE n.nspname = $1 GROUP BY 1 ORDER BY 1");
    return anonymised(out);
  }

  std::string anonymised(std::string text) const override { return replace_all(std::move(text), schema_, "S"); }

  // Catalog and every row.
  std::string dump() {
    std::string out = catalog();
    for (const auto& table : rows_of(conn_, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                            "WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 1", schema_)) {
      out += "-- " + table + "\n";
      pqxx::nontransaction tx(conn_);
      std::vector<std::string> rows;
      for (const auto& r : tx.exec("SELECT t::text FROM " + qualified(table) + " AS t")) rows.push_back(r[0].as<std::string>());
      std::sort(rows.begin(), rows.end());
      for (const auto& r : rows) out += r + "\n";
    }
    return out;
  }

  std::string fingerprint() override {
    std::string out = dump();
    for (const auto& line : rows_of(conn_, "SELECT sequencename, last_value, data_type FROM pg_sequences WHERE schemaname = $1 ORDER BY 1",
                                    schema_))
      out += "sequence " + line + "\n";
    return out;
  }

 private:
  std::string qualified(const std::string& table) const { return quote_name(schema_) + "." + quote_name(table); }
  void drop() {
    pqxx::nontransaction tx(conn_);
    tx.exec("DROP SCHEMA IF EXISTS " + quote_name(schema_) + " CASCADE");
  }

  pqxx::connection& conn_;
  std::string schema_;
};

std::string source_type(const db::column& c) { return c.enum_type ? "text" : c.type; }

}  // namespace

postgres_backend::postgres_backend(const std::string& conninfo) : conn_(conninfo) {
  pqxx::nontransaction tx(conn_);
  // Text forms of timestamps do not depend on the server's zone; no NOTICE noise.
  tx.exec("SET TIME ZONE 'UTC'");
  tx.exec("SET client_min_messages = warning");
}

std::unique_ptr<store> postgres_backend::make_store(std::uint64_t seed, const std::string& slot) {
  return std::make_unique<postgres_store>(conn_, "evolve_" + std::to_string(::getpid()) + "_" + std::to_string(seed) + "_" + slot);
}

// docs/postgres.md: `USING col::type`, or `col::text::type` through text.
std::optional<value> postgres_backend::convert(const value& v, const db::column& from, const db::column& to) {
  const std::string target = to.enum_type ? "text" : to.type;
  const bool through_text = converts_through_text(db::dialect::postgres, from, to);
  const std::string sql = "SELECT (($1::text)::" + source_type(from) + (through_text ? ")::text::" : ")::") + target + "::text";
  try {
    pqxx::nontransaction tx(conn_);
    const auto r = tx.exec_params1(sql, v.bytes);
    if (r[0].is_null()) return value::null();
    return value::of_text(r[0].as<std::string>());
  } catch (const pqxx::sql_error&) {
    return std::nullopt;
  }
}

bool postgres_backend::cast_fails(const value& v, const db::column& from, const db::column& to) {
  return !convert(v, from, to);
}

value postgres_backend::default_value(const db::column& c) {
  const std::string& d = *c.default_sql;
  if (c.enum_type) {
    std::string label;
    for (std::size_t i = 1; i + 1 < d.size(); ++i) {
      label += d[i];
      if (d[i] == '\'') ++i;
    }
    return value::of_text(label);
  }
  pqxx::nontransaction tx(conn_);
  const auto r = tx.exec1("SELECT (" + d + ")::" + c.type + "::text");
  return r[0].is_null() ? value::null() : value::of_text(r[0].as<std::string>());
}

void postgres_backend::canonicalise(db::schema& target) const { db::postgres::detail::canonicalise(target); }

// PostgreSQL stores a default or a predicate in its own spelling, and dbpush
// compares the two through the server (docs/postgres.md). The tester does not
// guess that spelling: where both sides have an expression, the live one takes
// the target's text, and the idempotent property (a further push runs nothing)
// is what shows the server's form and the target's are the same.
void postgres_backend::adopt_target_spellings(db::schema& live, const db::schema& target) const {
  for (auto& t : live.tables) {
    const db::table* wanted = target.find_table(t.name);
    if (!wanted) continue;
    for (auto& c : t.columns)
      if (const db::column* w = wanted->find_column(c.name); w && c.default_sql && w->default_sql)
        c.default_sql = w->default_sql;
    for (auto& i : t.indexes)
      if (const db::index* w = wanted->find_index(i.name); w && i.where && w->where) i.where = w->where;
  }
}

}  // namespace evolve
