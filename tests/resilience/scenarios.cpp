#include "resilience/scenarios.hpp"

#include <cstdio>
#include <stdexcept>

namespace resilience {

namespace {

db::column column(std::string name, std::string type, bool nullable = false,
                  std::optional<std::string> default_sql = std::nullopt) {
  return db::column{.name = std::move(name), .type = std::move(type), .nullable = nullable,
                    .default_sql = std::move(default_sql)};
}

db::column key(std::string type) {
  auto c = column("id", std::move(type));
  c.autoincrement = true;
  return c;
}

db::index index_on(std::vector<std::string> columns, bool unique = false) {
  return db::index{.columns = std::move(columns), .unique = unique};
}

db::foreign_key reference(std::string column_name, std::string parent, db::referential_action on_delete) {
  return db::foreign_key{.columns = {std::move(column_name)}, .referenced_table = std::move(parent),
                         .referenced_columns = {"id"}, .on_delete = on_delete};
}

}  // namespace

db::schema sqlite_ledger(int version) {
  const bool v2 = version == 2;
  db::table accounts{.name = "accounts",
                     .columns = {key("INTEGER"), column("email", "TEXT"),
                                 v2 ? column("name", "TEXT", false, "''") : column("name", "TEXT", true),
                                 column("balance", "INTEGER", false, "0")},
                     .primary_key = {"id"},
                     .indexes = {index_on({"email"}, true)}};
  db::table entries{.name = "entries",
                    .columns = {key("INTEGER"), column("account_id", "INTEGER"),
                                column("amount", v2 ? "DOUBLE" : "REAL"), column(v2 ? "memo" : "note", "TEXT", true)},
                    .primary_key = {"id"},
                    .indexes = {v2 ? index_on({"account_id", "amount"}) : index_on({"account_id"})},
                    .foreign_keys = {reference("account_id", "accounts", db::referential_action::cascade)}};
  if (!v2) {
    db::table legacy{.name = "legacy", .columns = {column("id", "INTEGER"), column("payload", "BLOB", true)},
                     .primary_key = {"id"}};
    return db::schema{.tables = {accounts, entries, legacy}};
  }
  accounts.columns.push_back(column("tier", "INTEGER", false, "1"));
  entries.columns.back().renamed_from = "note";
  db::table tags{.name = "tags",
                 .columns = {key("INTEGER"), column("entry_id", "INTEGER"), column("label", "TEXT")},
                 .primary_key = {"id"},
                 .indexes = {index_on({"entry_id"})},
                 .foreign_keys = {reference("entry_id", "entries", db::referential_action::cascade)}};
  return db::schema{.tables = {accounts, entries, tags}};
}

std::vector<std::string> sqlite_ledger_seed(long long accounts) {
  const std::string n = std::to_string(accounts);
  return {
      "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < " + n +
          ") INSERT INTO accounts (id, email, name, balance) SELECT i, 'user' || i || '@example.com', "
          "CASE WHEN i % 7 = 0 THEN NULL ELSE 'name ' || i END, i % 100 FROM k",
      "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 2 * " + n +
          ") INSERT INTO entries (id, account_id, amount, note) SELECT i, 1 + i % " + n +
          ", (i % 1000) / 4.0, CASE WHEN i % 3 = 0 THEN NULL ELSE printf('note %d', i) END FROM k",
      "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 100) "
      "INSERT INTO legacy (id, payload) SELECT i, CAST(printf('%08d', i) AS BLOB) FROM k",
      "CREATE VIEW account_totals AS SELECT a.id, a.email, count(e.id) AS entries, total(e.amount) AS amount "
      "FROM accounts AS a LEFT JOIN entries AS e ON e.account_id = a.id GROUP BY a.id",
      "CREATE TRIGGER entries_count AFTER INSERT ON entries BEGIN "
      "UPDATE accounts SET balance = balance + 1 WHERE id = NEW.account_id; END",
  };
}

std::string postgres_table_name(int i) {
  char name[16];
  std::snprintf(name, sizeof name, "t%02d", i);
  return name;
}

db::schema postgres_ledger(int version, int tables) {
  const bool v2 = version == 2;
  db::schema s;
  s.enums.push_back(db::enum_type{.name = "Status", .values = {"new", "open", "closed"}});
  if (v2) s.enums.back().values.push_back("archived");
  for (int i = 0; i < tables; ++i) {
    db::table t{.name = postgres_table_name(i), .primary_key = {"id"}};
    t.columns = {key("bigint"), column("parent_id", "bigint", true), column("k", v2 ? "bigint" : "integer"),
                 v2 ? column("v", "text", false, "''") : column("v", "text", true),
                 column(v2 ? "total" : "amount", v2 ? "numeric(12,2)" : "numeric(10,2)", false, "0")};
    if (v2) t.columns.back().renamed_from = "amount";
    auto status = column("status", "Status", false, "'new'");
    status.enum_type = "Status";
    t.columns.push_back(status);
    if (v2) t.columns.push_back(column("flag", "boolean", false, "false"));
    t.indexes = {v2 ? index_on({"parent_id", "k"}) : index_on({"k"})};
    if (i > 0)
      t.foreign_keys.push_back(reference("parent_id", postgres_table_name(i - 1), db::referential_action::set_null));
    s.tables.push_back(std::move(t));
  }
  if (v2)
    s.tables.push_back(db::table{.name = "audit",
                                 .columns = {key("bigint"), column("at", "timestamp with time zone", false, "now()"),
                                             column("what", "text")},
                                 .primary_key = {"id"}});
  else
    s.tables.push_back(db::table{.name = "old_log", .columns = {key("bigint"), column("line", "text")},
                                 .primary_key = {"id"}});
  return s;
}

std::vector<std::string> postgres_ledger_seed(const std::string& pg_schema, int tables, long long rows) {
  const std::string n = std::to_string(rows);
  const std::string q = "\"" + pg_schema + "\".";
  std::vector<std::string> out;
  for (int i = 0; i < tables; ++i)
    out.push_back("INSERT INTO " + q + postgres_table_name(i) +
                  " (id, parent_id, k, v, amount, status) SELECT g, " +
                  (i > 0 ? "CASE WHEN g % 5 <> 0 THEN 1 + g % " + n + " END" : std::string("NULL")) +
                  ", g % 97, CASE WHEN g % 4 = 0 THEN NULL ELSE 'v' || g END, (g % 1000) / 8.0, "
                  "(ARRAY['new', 'open', 'closed'])[1 + g % 3]::" + q + "\"Status\" FROM generate_series(1, " + n +
                  ") AS g");
  out.push_back("INSERT INTO " + q + "old_log (id, line) SELECT g, 'line ' || g FROM generate_series(1, 50) AS g");
  return out;
}

db::table& table_named(db::schema& s, const std::string& name) {
  for (auto& t : s.tables)
    if (t.name == name) return t;
  throw std::runtime_error("no table " + name);
}

}  // namespace resilience
