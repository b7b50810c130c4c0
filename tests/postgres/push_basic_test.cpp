// Creating, renaming and dropping tables, columns, indexes and foreign keys.
#include "pg_fixture.hpp"

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

db::schema blog() {
  db::schema s;
  s.enums.push_back({"Role", {"member", "admin"}});
  auto role = col("role", "Role", false, "'member'");
  role.enum_type = "Role";
  auto users = tbl("users", {id_col(), col("email", "varchar(255)"), col("name", "text", true), role,
                             col("created_at", "timestamptz", false, "CURRENT_TIMESTAMP")});
  users.indexes.push_back({"", {"email"}, true, std::nullopt, false});
  auto posts = tbl("posts", {id_col(), col("author_id", "int8"), col("title", "text"),
                             col("score", "int4", false, "0")});
  posts.indexes.push_back({"", {"author_id"}, false, std::nullopt, false});
  posts.indexes.push_back({"", {"title"}, false, "score > 0", false});
  posts.foreign_keys.push_back({"", {"author_id"}, "users", {"id"}, db::referential_action::cascade,
                                db::referential_action::no_action});
  s.tables = {posts, users};
  return s;
}

}  // namespace

TEST_CASE("a new schema is created in one push and a second push does nothing") {
  pgtest::fixture f;
  auto r = f.push(blog());
  CHECK(r.changed);
  CHECK(r.sql == f.sql);
  CHECK(f.sql.front().rfind("CREATE TYPE", 0) == 0);
  CHECK(f.sql.back().find("FOREIGN KEY") != std::string::npos);
  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a@x')");
  f.exec("INSERT INTO " + f.q("posts") + " (author_id, title) VALUES (1, 't')");
  CHECK(f.column_of("SELECT role::text FROM " + f.q("users")) == std::vector<std::string>{"member"});
  CHECK(f.count("SELECT count(*) FROM pg_constraint WHERE conname = 'posts_author_id_fkey' AND confdeltype = 'c'") == 1);
  CHECK(f.count("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + f.name +
                "' AND indexname = 'posts_title_idx' AND indexdef LIKE '%WHERE (score > 0)'") == 1);
  CHECK(f.count("SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = '" + f.name + "' AND c.relname = 'users' AND a.attname = 'id' AND a.attidentity = 'd'") == 1);
  f.check_idempotent(blog());
}

TEST_CASE("the managed schema is created when missing and other schemas are untouched") {
  pgtest::fixture f;
  const std::string fresh = pgtest::random_schema_name("dbpush_fresh_");
  // A same-named table in public: never read, never changed.
  const std::string shared = pgtest::random_schema_name("users_");
  f.exec("CREATE TABLE public." + f.conn.quote_name(shared) + " (legacy int)");
  f.exec("INSERT INTO public." + f.conn.quote_name(shared) + " VALUES (7)");
  db::schema s;
  s.tables.push_back(tbl(shared, {id_col(), col("name", "text")}));
  auto o = f.options();
  o.postgres.schema = fresh;
  db::push(f.conn, s, o);
  CHECK(f.count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + fresh + "'") == 1);
  CHECK(f.column_of("SELECT legacy::text FROM public." + f.conn.quote_name(shared)) ==
        std::vector<std::string>{"7"});
  CHECK(f.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public." + shared +
                "'::regclass AND attnum > 0") == 1);
  f.sql.clear();
  CHECK_FALSE(db::push(f.conn, s, o).changed);
  CHECK(f.sql.empty());
  f.exec("DROP SCHEMA " + f.conn.quote_name(fresh) + " CASCADE");
  f.exec("DROP TABLE public." + f.conn.quote_name(shared));
}

TEST_CASE("foreign key cycles are created and dropped") {
  pgtest::fixture f;
  db::schema s;
  auto a = tbl("a", {id_col(), col("b_id", "bigint", true)});
  a.foreign_keys.push_back({"", {"b_id"}, "b", {"id"}, {}, {}});
  auto b = tbl("b", {id_col(), col("a_id", "bigint", true)});
  b.foreign_keys.push_back({"", {"a_id"}, "a", {"id"}, {}, {}});
  s.tables = {a, b};
  f.push(s);
  CHECK(f.count("SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                "WHERE n.nspname = '" + f.name + "' AND c.contype = 'f'") == 2);
  f.check_idempotent(s);
  f.push(db::schema{});
  CHECK(f.live().tables.empty());
  f.check_idempotent(db::schema{});
}

TEST_CASE("odd identifiers and default strings are quoted") {
  pgtest::fixture f;
  db::schema s;
  auto t = tbl("select", {id_col(), col("Mixed Case", "text", false, "'it''s \"quoted\"'"),
                          col("we\"ird", "int4", true), col("user", "bool", false, "TRUE")});
  t.indexes.push_back({"", {"Mixed Case", "we\"ird"}, true, std::nullopt, false});
  auto u = tbl("Order Items", {id_col(), col("select_id", "bigint")});
  u.foreign_keys.push_back({"", {"select_id"}, "select", {"id"}, {}, {}});
  s.tables = {t, u};
  f.push(s);
  f.exec("INSERT INTO " + f.q("select") + " (\"we\"\"ird\") VALUES (1)");
  CHECK(f.column_of("SELECT \"Mixed Case\" FROM " + f.q("select")) ==
        std::vector<std::string>{"it's \"quoted\""});
  f.check_idempotent(s);
}

TEST_CASE("columns are added, renamed and dropped; tables renamed; data kept") {
  pgtest::fixture f;
  db::schema v1;
  v1.tables.push_back(tbl("people", {id_col(), col("full_name", "text"), col("age", "int4", true)}));
  f.push(v1);
  f.exec("INSERT INTO " + f.q("people") + " (full_name) VALUES ('Ada'), ('Bob')");

  db::schema v2;
  auto people = tbl("persons", {id_col(), col("name", "text"), col("bio", "text", true),
                                col("active", "boolean", false, "true")});
  people.renamed_from = "people";
  people.columns[1].renamed_from = "full_name";
  v2.tables.push_back(people);
  auto r = f.push(v2);  // age holds only NULLs: dropping it loses nothing
  CHECK(r.warnings.empty());
  CHECK(f.column_of("SELECT name || ':' || active::text FROM " + f.q("persons") + " ORDER BY id") ==
        std::vector<std::string>{"Ada:true", "Bob:true"});
  CHECK(f.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" +
                f.name + "' AND c.relname = 'people'") == 0);
  f.check_idempotent(v2);
}

TEST_CASE("indexes and unique constraints made elsewhere are dropped the right way") {
  pgtest::fixture f;
  f.exec("CREATE TABLE " + f.q("t") + " (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
         "a int NOT NULL CONSTRAINT t_a_key UNIQUE, b int NOT NULL)");
  f.exec("CREATE INDEX t_b_idx ON " + f.q("t") + " (b)");
  db::schema s;
  auto t = tbl("t", {id_col(), col("a", "integer"), col("b", "integer")});
  t.indexes.push_back({"", {"b"}, true, std::nullopt, false});  // b becomes unique, a loses it
  s.tables.push_back(t);
  f.push(s);
  CHECK(f.count("SELECT count(*) FROM pg_constraint WHERE conname = 't_a_key'") == 0);
  CHECK(f.count("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + f.name + "' AND indexname = 't_b_key' "
                "AND indexdef LIKE 'CREATE UNIQUE INDEX%'") == 1);
  f.check_idempotent(s);
}

TEST_CASE("a renamed table keeps its rows, indexes and the foreign keys pointing at it") {
  pgtest::fixture f;
  db::schema v1;
  auto people = tbl("people", {id_col(), col("email", "text")});
  people.indexes.push_back({"", {"email"}, true, std::nullopt, false});
  auto pets = tbl("pets", {id_col(), col("owner_id", "bigint")});
  pets.foreign_keys.push_back({"", {"owner_id"}, "people", {"id"}, {}, {}});
  v1.tables = {people, pets};
  f.push(v1);
  f.exec("INSERT INTO " + f.q("people") + " (email) VALUES ('a')");
  f.exec("INSERT INTO " + f.q("pets") + " (owner_id) VALUES (1)");

  db::schema v2;
  auto persons = tbl("persons", {id_col(), col("email", "text")});
  persons.renamed_from = "people";
  persons.indexes.push_back({"", {"email"}, true, std::nullopt, false});
  auto pets2 = tbl("pets", {id_col(), col("owner_id", "bigint")});
  pets2.foreign_keys.push_back({"", {"owner_id"}, "persons", {"id"}, {}, {}});
  v2.tables = {persons, pets2};
  auto r = f.push(v2);
  CHECK(r.warnings.empty());
  CHECK(f.count("SELECT count(*) FROM " + f.q("persons") + " JOIN " + f.q("pets") +
                " ON pets.owner_id = persons.id") == 1);
  // The differ matches the unique index by definition and renames it with its
  // table (people_email_key -> persons_email_key); a second push has nothing to do.
  CHECK(f.live().tables[0].indexes.at(0).columns == std::vector<std::string>{"email"});
  CHECK(f.live().tables[0].indexes.at(0).name == "persons_email_key");
  CHECK(f.push(v2).steps.empty());
  CHECK(f.sql.empty());
}

TEST_CASE("a foreign key is dropped from a table that stays") {
  pgtest::fixture f;
  auto with_fk = [](bool fk) {
    db::schema s;
    auto child = tbl("child", {id_col(), col("parent_id", "bigint")});
    if (fk) child.foreign_keys.push_back({"", {"parent_id"}, "parent", {"id"}, {}, {}});
    s.tables = {tbl("parent", {id_col()}), child};
    return s;
  };
  f.push(with_fk(true));
  auto r = f.push(with_fk(false));
  CHECK(r.sql == std::vector<std::string>{"ALTER TABLE " + f.q("child") + " DROP CONSTRAINT \"child_parent_id_fkey\""});
  f.check_idempotent(with_fk(false));
}

TEST_CASE("a schema name with quotes and spaces") {
  pgtest::fixture f;
  const std::string odd = "Odd \"Schema\" " + pgtest::random_schema_name("");
  db::schema s;
  s.enums.push_back({"E", {"x"}});
  auto e = col("e", "E", true);
  e.enum_type = "E";
  s.tables.push_back(tbl("t", {id_col(), e}));
  auto o = f.options();
  o.postgres.schema = odd;
  CHECK(db::push(f.conn, s, o).changed);
  CHECK_FALSE(db::push(f.conn, s, o).changed);
  CHECK(db::introspect(f.conn, o).tables.size() == 1);
  f.exec("DROP SCHEMA " + f.conn.quote_name(odd) + " CASCADE");
}

TEST_CASE("predicates and defaults written in another spelling than PostgreSQL prints stay in sync") {
  pgtest::fixture f;
  db::schema s;
  auto t = tbl("items", {id_col(), col("code", "varchar(10)"), col("score", "int4"),
                         col("deleted_at", "timestamptz", true), col("slug", "text", false, "lower('ABC')"),
                         col("seen", "timestamptz", false, "NOW()")});
  t.indexes.push_back({"", {"code"}, true, "deleted_at is null and code <> 'x'", false});
  t.indexes.push_back({"", {"score"}, false, "score>0", false});
  s.tables.push_back(t);
  f.push(s);
  CHECK(f.count("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + f.name +
                "' AND indexdef LIKE '%WHERE ((deleted_at IS NULL) AND ((code)::text <> ''x''::text))'") == 1);
  CHECK(f.push(s).steps.empty());
  CHECK(f.sql.empty());
  // A real change of the predicate is still seen.
  s.tables[0].indexes[1].where = "score > 1";
  CHECK(f.push(s).steps.size() == 2);
  CHECK(f.push(s).steps.empty());
}
