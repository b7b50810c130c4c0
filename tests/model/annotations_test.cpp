// Every field annotation, checked on the printed schema of both dialects.
#include "models.hpp"

#include <dbpush/detail/type_names.hpp>

#include <doctest/doctest.h>

namespace annotations_test {

enum class Level { low, high };

struct Account {
  std::int64_t id;
  std::string handle;
  std::string nickname;
  bool active;
  std::int32_t score;
  std::uint32_t visits;
  double ratio;
  std::string motto;
  Level level;
  std::chrono::sys_seconds seen_at;
  std::string token;
  std::string legacy;
  std::string scratch;
};

struct Session {
  std::string key;
  std::optional<std::int64_t> account_id;
  std::int64_t owner_id;
};

}  // namespace annotations_test

template <>
struct db::model<annotations_test::Account> {
  using A = annotations_test::Account;
  static constexpr auto fields = db::fields(
      db::field<&A::id>(db::primary_key, db::autoincrement),
      db::field<&A::handle>(db::unique, db::column_name("user_handle")),
      db::field<&A::nickname>(db::indexed),
      db::field<&A::active>(db::default_value(true)),
      db::field<&A::score>(db::default_value(-5)),
      db::field<&A::visits>(db::default_value(7u)),
      db::field<&A::ratio>(db::default_value(0.25)),
      db::field<&A::motto>(db::default_value("it's fine")),
      db::field<&A::level>(db::default_value(annotations_test::Level::high)),
      db::field<&A::seen_at>(db::default_now),
      db::field<&A::token>(db::default_sql("lower(hex(randomblob(8)))")),
      db::field<&A::legacy>(db::renamed_from("old_legacy")),
      db::field<&A::scratch>(db::ignore));
};

template <>
struct db::model<annotations_test::Session> {
  using S = annotations_test::Session;
  static constexpr auto fields = db::fields(
      db::field<&S::key>(db::primary_key),
      db::field<&S::account_id>(
          db::references<&annotations_test::Account::id>(db::on_update::cascade, db::on_delete::set_null)),
      db::field<&S::owner_id>(db::references<&annotations_test::Account::id>(db::on_delete::restrict)));
};

namespace {
using annotations_test::Account;
using annotations_test::Session;
}  // namespace

TEST_CASE("field annotations: SQLite") {
  const db::schema s = db::schema_of<Account, Session>(db::dialect::sqlite);
  CHECK(model_test::printed(s) ==
        "enum Level { low, high }\n"
        "table Account {\n"
        "  id INTEGER NOT NULL AUTOINCREMENT\n"
        "  user_handle TEXT NOT NULL\n"
        "  nickname TEXT NOT NULL\n"
        "  active BOOLEAN NOT NULL DEFAULT 1\n"
        "  score INTEGER NOT NULL DEFAULT -5\n"
        "  visits INTEGER NOT NULL DEFAULT 7\n"
        "  ratio REAL NOT NULL DEFAULT 0.25\n"
        "  motto TEXT NOT NULL DEFAULT 'it''s fine'\n"
        "  level TEXT NOT NULL DEFAULT 'high' ENUM Level\n"
        "  seen_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP\n"
        "  token TEXT NOT NULL DEFAULT lower(hex(randomblob(8)))\n"
        "  legacy TEXT NOT NULL (renamed from old_legacy)\n"
        "  PRIMARY KEY (id)\n"
        "  INDEX Account_nickname_idx (nickname)\n"
        "  UNIQUE INDEX Account_user_handle_key (user_handle)\n"
        "}\n"
        "table Session {\n"
        "  key TEXT NOT NULL\n"
        "  account_id INTEGER NULL\n"
        "  owner_id INTEGER NOT NULL\n"
        "  PRIMARY KEY (key)\n"
        "  FOREIGN KEY Session_account_id_fkey (account_id) REFERENCES Account (id) ON DELETE SET NULL ON UPDATE CASCADE\n"
        "  FOREIGN KEY Session_owner_id_fkey (owner_id) REFERENCES Account (id) ON DELETE RESTRICT ON UPDATE NO ACTION\n"
        "}\n");
}

TEST_CASE("field annotations: PostgreSQL defaults and types") {
  const db::schema s = db::schema_of<Account, Session>(db::dialect::postgres);
  const db::table* account = s.find_table("Account");
  REQUIRE(account != nullptr);
  CHECK(account->find_column("active")->default_sql == "true");
  CHECK(account->find_column("score")->default_sql == "-5");
  CHECK(account->find_column("motto")->default_sql == "'it''s fine'");
  CHECK(account->find_column("level")->type == "Level");
  CHECK(account->find_column("level")->default_sql == "'high'");
  CHECK(account->find_column("seen_at")->default_sql == "CURRENT_TIMESTAMP");
  CHECK(account->find_column("token")->default_sql == "lower(hex(randomblob(8)))");
  CHECK(account->find_column("id")->type == "bigint");
  CHECK(account->find_column("id")->autoincrement);
}

TEST_CASE("renamed_from reaches the column; ignore drops the field") {
  const db::schema s = db::schema_of<Account, Session>(db::dialect::sqlite);
  const db::table* account = s.find_table("Account");
  REQUIRE(account != nullptr);
  CHECK(account->find_column("legacy")->renamed_from == "old_legacy");
  CHECK(account->find_column("scratch") == nullptr);
  CHECK(account->find_column("handle") == nullptr);
  CHECK(account->find_column("user_handle") != nullptr);
}

TEST_CASE("every referential action") {
  using db::referential_action;
  constexpr auto actions = db::references<&Account::id>(db::on_delete::set_default, db::on_update::restrict);
  CHECK(actions.on_delete == referential_action::set_default);
  CHECK(actions.on_update == referential_action::restrict);
  constexpr auto defaults = db::references<&Account::id>();
  CHECK(defaults.on_delete == referential_action::no_action);
  CHECK(defaults.on_update == referential_action::no_action);
  CHECK(db::references<&Account::id>(db::on_update::set_null).on_update == referential_action::set_null);
  CHECK(db::references<&Account::id>(db::on_delete::no_action, db::on_update::cascade).on_update ==
        referential_action::cascade);
}

TEST_CASE("sql_default covers each default kind") {
  db::default_description v;
  CHECK(db::detail::sql_default(db::dialect::sqlite, v) == std::nullopt);
  v.kind = db::default_kind::boolean;
  CHECK(db::detail::sql_default(db::dialect::sqlite, v) == "0");
  CHECK(db::detail::sql_default(db::dialect::postgres, v) == "false");
  v.kind = db::default_kind::real;
  v.real = 1e100;
  CHECK(db::detail::sql_default(db::dialect::postgres, v) == "1e+100");
  v.kind = db::default_kind::text;
  v.text = "''";
  CHECK(db::detail::sql_default(db::dialect::sqlite, v) == "''''''");
}
