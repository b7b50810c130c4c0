// Enum types: created, values added (also used as a default at once), removed,
// reordered, columns converted into and out of enums.
#include "pg_fixture.hpp"

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

db::column enum_col(std::string name, std::string type, std::optional<std::string> default_sql = std::nullopt) {
  db::column c = col(std::move(name), type, false, std::move(default_sql));
  c.enum_type = type;
  return c;
}

db::schema with_status(std::vector<std::string> values, std::optional<std::string> default_sql = std::nullopt) {
  db::schema s;
  s.enums.push_back({"Status Kind", std::move(values)});
  s.tables.push_back(tbl("tasks", {id_col(), enum_col("status", "Status Kind", std::move(default_sql))}));
  return s;
}

std::vector<std::string> labels(pgtest::fixture& f) {
  return f.column_of("SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                     "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = '" + f.name +
                     "' AND t.typname = 'Status Kind' ORDER BY e.enumsortorder");
}

}  // namespace

TEST_CASE("an added value keeps its place and existing rows") {
  pgtest::fixture f;
  f.push(with_status({"todo", "done"}));
  f.exec("INSERT INTO " + f.q("tasks") + " (status) VALUES ('todo'), ('done')");
  auto target = with_status({"new", "todo", "doing", "done", "it's"});
  auto r = f.push(target);
  CHECK(r.sql.size() == 3);
  for (const auto& s : r.sql) CHECK(s.find("ADD VALUE") != std::string::npos);
  CHECK(labels(f) == std::vector<std::string>{"new", "todo", "doing", "done", "it's"});
  CHECK(f.column_of("SELECT status::text FROM " + f.q("tasks") + " ORDER BY id") ==
        std::vector<std::string>{"todo", "done"});
  f.check_idempotent(target);
}

TEST_CASE("a value added and used as the default in the same push") {
  pgtest::fixture f;
  f.push(with_status({"todo", "done"}, "'todo'"));
  f.exec("INSERT INTO " + f.q("tasks") + " (status) VALUES ('done')");
  auto target = with_status({"todo", "doing", "done"}, "'doing'");
  f.push(target);
  f.exec("INSERT INTO " + f.q("tasks") + " DEFAULT VALUES");
  CHECK(f.column_of("SELECT status::text FROM " + f.q("tasks") + " ORDER BY id") ==
        std::vector<std::string>{"done", "doing"});
  f.check_idempotent(target);
}

TEST_CASE("an unused value is removed, the values reordered, the default kept") {
  pgtest::fixture f;
  f.push(with_status({"todo", "doing", "done"}, "'todo'"));
  f.exec("INSERT INTO " + f.q("tasks") + " (status) VALUES ('done'), ('todo')");
  auto target = with_status({"done", "todo"}, "'todo'");
  auto r = f.push(target);
  CHECK(r.warnings.empty());
  CHECK(labels(f) == std::vector<std::string>{"done", "todo"});
  f.exec("INSERT INTO " + f.q("tasks") + " DEFAULT VALUES");
  CHECK(f.column_of("SELECT status::text FROM " + f.q("tasks") + " ORDER BY id") ==
        std::vector<std::string>{"done", "todo", "todo"});
  CHECK(f.count("SELECT count(*) FROM pg_type WHERE typname LIKE '%dbpush_old'") == 0);
  f.check_idempotent(target);
}

TEST_CASE("removing a value rows still use is refused with the count") {
  pgtest::fixture f;
  f.push(with_status({"todo", "doing", "done"}));
  f.exec("INSERT INTO " + f.q("tasks") + " (status) VALUES ('doing'), ('doing'), ('done')");
  const auto refusal = f.refused<db::unexecutable_error>(with_status({"todo", "done"}), true);
  REQUIRE(refusal.findings.size() == 1);
  CHECK(refusal.findings[0].message ==
        "Removed the value `doing` from enum `Status Kind`, but 2 rows of `tasks`.`status` still use it.");
}

TEST_CASE("a text column becomes an enum when its values allow and back to text") {
  pgtest::fixture f;
  db::schema text;
  text.enums.push_back({"Status Kind", {"todo", "done"}});
  text.tables.push_back(tbl("tasks", {id_col(), col("status", "text")}));
  f.push(text);
  f.exec("INSERT INTO " + f.q("tasks") + " (status) VALUES ('todo'), ('nope'), ('later')");
  const auto refusal = f.refused<db::unexecutable_error>(with_status({"todo", "done"}), true);
  REQUIRE(refusal.findings.size() == 1);
  CHECK(refusal.findings[0].message ==
        "Changed the column `status` on the `tasks` table to the enum `Status Kind`, but 2 non-null "
        "values are not a value of `Status Kind`.");
  f.exec("DELETE FROM " + f.q("tasks") + " WHERE status <> 'todo'");
  auto as_enum = with_status({"todo", "done"});
  f.push(as_enum, true);
  CHECK(f.column_of("SELECT status::text FROM " + f.q("tasks")) == std::vector<std::string>{"todo"});
  f.check_idempotent(as_enum);
  auto r = f.push(text);
  CHECK(r.warnings.empty());
  CHECK(f.column_of("SELECT status FROM " + f.q("tasks")) == std::vector<std::string>{"todo"});
  f.check_idempotent(text);
}

TEST_CASE("a new value used by a column converted in the same push") {
  pgtest::fixture f;
  db::schema text;
  text.enums.push_back({"Status Kind", {"todo"}});
  text.tables.push_back(tbl("tasks", {id_col(), col("status", "text")}));
  f.push(text);
  f.exec("INSERT INTO " + f.q("tasks") + " (status) VALUES ('done')");
  auto target = with_status({"todo", "done"});
  f.push(target, true);
  CHECK(f.column_of("SELECT status::text FROM " + f.q("tasks")) == std::vector<std::string>{"done"});
  f.check_idempotent(target);
}

TEST_CASE("an enum no table uses is dropped") {
  pgtest::fixture f;
  f.push(with_status({"todo"}));
  db::schema none;
  f.push(none);
  CHECK(f.live().enums.empty());
  f.check_idempotent(none);
}

TEST_CASE("a value removed while the only column using it is dropped") {
  pgtest::fixture f;
  auto before = with_status({"todo", "done"});
  before.tables[0].columns.push_back(enum_col("old_status", "Status Kind"));
  f.push(before);
  f.exec("INSERT INTO " + f.q("tasks") + " (status, old_status) VALUES ('todo', 'done')");
  auto target = with_status({"todo"});
  f.push(target, true);  // dropping old_status loses a value: accepted
  CHECK(labels(f) == std::vector<std::string>{"todo"});
  CHECK(f.column_of("SELECT status::text FROM " + f.q("tasks")) == std::vector<std::string>{"todo"});
  f.check_idempotent(target);
}

TEST_CASE("a value added and named by a new partial index in the same push") {
  pgtest::fixture f;
  f.push(with_status({"todo"}));
  auto target = with_status({"todo", "urgent"});
  target.tables[0].indexes.push_back({"", {"status"}, false, "status = 'urgent'", false});
  f.push(target);
  CHECK(labels(f) == std::vector<std::string>{"todo", "urgent"});
  f.check_idempotent(target);
}

// Recreating an enum converts its columns one at a time; a foreign key between
// two of them cannot hold half-way ("incompatible types"). Such keys are
// dropped and added back around the conversion, whatever their shape, and
// keys the same push removes are not added back.
TEST_CASE("an enum used on both sides of foreign keys is recreated, the keys kept") {
  enum class shape { to_parent, self_reference, composite, child_dropped, key_dropped };
  for (const shape how : {shape::to_parent, shape::self_reference, shape::composite, shape::child_dropped,
                          shape::key_dropped}) {
    CAPTURE(static_cast<int>(how));
    pgtest::fixture f;
    db::schema before;
    before.enums.push_back({"E", {"a", "b", "c"}});
    auto parent = tbl("p", {enum_col("k", "E"), col("n", "integer")}, {"k", "n"});
    auto child = tbl("c", {id_col(), enum_col("k", "E"), col("n", "integer"), enum_col("up", "E")});
    child.columns[3].nullable = true;
    db::foreign_key fk;
    fk.name = "c_fk";
    fk.on_delete = db::referential_action::cascade;
    if (how == shape::self_reference) {
      db::index unique;
      unique.columns = {"k", "n"};
      unique.unique = true;
      child.indexes.push_back(unique);
      fk.columns = {"up", "n"};
      fk.referenced_table = "c";
      fk.referenced_columns = {"k", "n"};
    } else {
      fk.columns = how == shape::composite ? std::vector<std::string>{"n", "k"} : std::vector<std::string>{"k", "n"};
      fk.referenced_table = "p";
      fk.referenced_columns = how == shape::composite ? std::vector<std::string>{"n", "k"}
                                                      : std::vector<std::string>{"k", "n"};
    }
    child.foreign_keys.push_back(fk);
    before.tables = {parent, child};
    f.push(before);
    f.exec("INSERT INTO " + f.q("p") + " VALUES ('a', 1), ('b', 1), ('b', 2)");
    f.exec("INSERT INTO " + f.q("c") + " (k, n, up) VALUES ('a', 1, NULL), ('b', 1, 'a')");
    auto after = before;
    after.enums[0].values = {"b", "a"};
    if (how == shape::child_dropped) after.tables.pop_back();
    if (how == shape::key_dropped) after.tables[1].foreign_keys.clear();
    f.push(after, how == shape::child_dropped);
    f.check_idempotent(after);
    CHECK(f.column_of("SELECT string_agg(k::text || n, ',' ORDER BY k, n) FROM " + f.q("p")) ==
          std::vector<std::string>{"b1,b2,a1"});
    if (how == shape::child_dropped) continue;
    CHECK(f.column_of("SELECT string_agg(k::text, ',' ORDER BY id) FROM " + f.q("c")) ==
          std::vector<std::string>{"a,b"});
    // The key is there and acts: a row referencing nothing is refused.
    const bool keyed = how != shape::key_dropped;
    bool refused = false;
    try {
      f.exec("INSERT INTO " + f.q("c") + " (k, n, up) VALUES ('b', 9, 'a')");
    } catch (const pqxx::sql_error&) {
      refused = true;
    }
    CHECK(refused == keyed);
  }
}
