// Keys, indexes, foreign keys and enums.
#include "sqlite/fixture.hpp"

using namespace sqlite_test;

TEST_CASE("sqlite unique index: refused over duplicates (counted), created over clean data, dropped in place") {
  temp_db t;
  auto target = blog();
  target.tables[0].indexes.clear();
  push_checked(t, target);
  seed_blog(t.conn);
  t.conn.exec("UPDATE users SET email = 'same@x' WHERE id IN (1, 2)");
  auto e = refused<db::unexecutable_error>(t, blog(), accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) ==
        "A unique index `users_email_key` on table `users` (columns `email`) cannot be created: 2 rows have duplicate "
        "values.");
  t.conn.exec("UPDATE users SET email = 'bob@x' WHERE id = 2");
  auto r = push_checked(t, blog());
  CHECK(r.sql == std::vector<std::string>{"CREATE UNIQUE INDEX \"users_email_key\" ON \"users\" (\"email\")"});
  CHECK_THROWS(t.conn.exec("INSERT INTO users (email) VALUES ('bob@x')"));
  auto dropped = push_checked(t, target);
  CHECK(dropped.sql == std::vector<std::string>{"DROP INDEX \"users_email_key\""});
  CHECK(dropped.warnings.empty());
}

TEST_CASE("sqlite partial and composite indexes read back equal") {
  temp_db t;
  auto target = blog();
  auto i = plain_index({"title", "author_id"}, "posts by title");
  i.where = "title IS NOT NULL";
  target.tables[1].indexes.push_back(i);
  push_checked(t, target);
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'posts by title'") == 1);
}

TEST_CASE("sqlite foreign key: refused over orphans (counted), added over clean data") {
  temp_db t;
  auto target = blog();
  target.tables[1].foreign_keys.clear();
  push_checked(t, target);
  seed_blog(t.conn);
  t.conn.exec("INSERT INTO posts (author_id, title) VALUES (42, 'orphan')");
  auto e = refused<db::unexecutable_error>(t, blog(), accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) ==
        "The foreign key `posts_author_id_fkey` on table `posts` cannot be added: 1 row of `posts` references no row "
        "of `users`.");
  t.conn.exec("DELETE FROM posts WHERE author_id = 42");
  auto r = push_checked(t, blog());
  CHECK(has_statement_starting(r.sql, "CREATE TABLE \"dbpush_new_posts\""));
  CHECK(count(t.conn, "SELECT count(*) FROM posts") == 4);
  CHECK_THROWS(t.conn.exec("INSERT INTO posts (author_id, title) VALUES (42, 'x')"));
}

TEST_CASE("sqlite children keep pointing at their parents through a redefinition of the parent") {
  seeded_blog t;
  auto target = blog();
  target.tables[0].columns[1].nullable = true;  // silent, but a redefinition of users
  auto r = push_checked(t, target);
  CHECK(has_statement_starting(r.sql, "DROP TABLE \"users\""));
  CHECK(count(t.conn, "SELECT count(*) FROM posts JOIN users ON users.id = posts.author_id") == 4);
  CHECK(rows(t.conn, "PRAGMA foreign_key_check").empty());
  // ON DELETE CASCADE still works from the new parent table.
  t.conn.exec("DELETE FROM users WHERE id = 1");
  CHECK(count(t.conn, "SELECT count(*) FROM posts") == 2);
}

TEST_CASE("sqlite views naming a redefined table keep working") {
  seeded_blog t;
  t.conn.exec("CREATE VIEW named_users AS SELECT email FROM users WHERE name IS NOT NULL");
  auto target = blog();
  target.tables[0].columns[1].nullable = true;
  push_checked(t, target);
  CHECK(rows(t.conn, "SELECT email FROM named_users ORDER BY email") == std::vector<std::string>{"'ada@x'", "'cy@x'"});
  CHECK(count(t.conn, "PRAGMA legacy_alter_table") == 0);
}

TEST_CASE("sqlite triggers on a redefined table are recreated") {
  temp_db t;
  push_checked(t, blog());
  t.conn.exec("CREATE TABLE audit (what TEXT)");
  t.conn.exec("CREATE TRIGGER \"user added\" AFTER INSERT ON users BEGIN INSERT INTO audit VALUES (new.email); END");
  db::push_options options;
  options.ignore_tables = {"audit"};
  auto target = blog();
  target.tables[0].columns[1].nullable = true;
  auto r = push_checked(t, target, options);
  CHECK(r.sql.back().starts_with("CREATE TRIGGER \"user added\""));
  t.conn.exec("INSERT INTO users (email) VALUES ('new@x')");
  CHECK(rows(t.conn, "SELECT what FROM audit") == std::vector<std::string>{"'new@x'"});
}

TEST_CASE("sqlite rolls back with the violations listed when foreign_key_check fails") {
  temp_db t;
  auto target = sch({tbl("p", {col("k", "REAL")}, {"k"}),
                           tbl("c", {id_col("id", "INTEGER"), col("k", "REAL"), col("note", "TEXT")})});
  target.tables[1].foreign_keys.push_back(references({"k"}, "p", {"k"}));
  push_checked(t, target);
  // An orphan written while foreign keys were off: the copy of `c` checks it again.
  t.conn.exec("PRAGMA foreign_keys = OFF; INSERT INTO c (k, note) VALUES (1.5, 'x'); PRAGMA foreign_keys = ON");
  auto retyped = target;
  retyped.tables[1].columns[2].nullable = true;  // a redefinition of `c`
  auto e = refused<db::integrity_error>(t, retyped, accepting());
  REQUIRE(e);
  CHECK(std::string(e->what()) ==
        "dbpush: the changes would break 1 foreign key reference(s); nothing was applied:\n"
        "  - row 1 of `c` references a missing row of `p`");
}

TEST_CASE("sqlite primary key change: refused over duplicates, applied over clean data") {
  temp_db t;
  auto target = sch({tbl("m", {col("a", "INTEGER"), col("b", "TEXT")}, {"a"})});
  push_checked(t, target);
  t.conn.exec("INSERT INTO m VALUES (1, 'x'), (2, 'x')");
  auto rekeyed = target;
  rekeyed.tables[0].primary_key = {"b"};
  auto e = refused<db::unexecutable_error>(t, rekeyed, accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) ==
        "The primary key of table `m` (columns `b`) cannot be created: 2 rows have duplicate values.");
  t.conn.exec("UPDATE m SET b = 'y' WHERE a = 2");
  push_checked(t, rekeyed);
  CHECK(rows(t.conn, "SELECT a, b FROM m ORDER BY b") == std::vector<std::string>{"1|'x'", "2|'y'"});
}

TEST_CASE("sqlite enums: CHECK on TEXT, values added and removed, removal of a used value refused") {
  temp_db t;
  auto role = col("role", "TEXT", false, "'member'");
  role.enum_type = "Role";
  auto target = sch({tbl("users", {id_col("id", "INTEGER"), role})}, {{"Role", {"member", "admin"}}});
  push_checked(t, target);
  t.conn.exec("INSERT INTO users (role) VALUES ('admin'); INSERT INTO users DEFAULT VALUES");
  CHECK_THROWS(t.conn.exec("INSERT INTO users (role) VALUES ('owner')"));

  target.enums[0].values = {"member", "admin", "owner"};
  push_checked(t, target);
  t.conn.exec("INSERT INTO users (role) VALUES ('owner')");

  auto without_admin = target;
  without_admin.enums[0].values = {"member", "owner"};
  auto e = refused<db::unexecutable_error>(t, without_admin, accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) == "Removed the value `admin` from enum `Role`, but 1 row of `users`.`role` still uses it.");
  t.conn.exec("UPDATE users SET role = 'owner' WHERE role = 'admin'");
  push_checked(t, without_admin);
  CHECK(rows(t.conn, "SELECT role FROM users ORDER BY id") == std::vector<std::string>{"'owner'", "'member'", "'owner'"});
}

TEST_CASE("sqlite drops a table: warns with the row count, silent when empty") {
  seeded_blog t;
  auto only_users = sch({blog().tables[0]});
  auto e = refused<db::data_loss_error>(t, only_users);
  REQUIRE(e);
  CHECK(only_message(e->warnings()) == "You are about to drop the `posts` table, which is not empty (4 rows).");
  t.conn.exec("DELETE FROM posts");
  auto r = push_checked(t, only_users);
  CHECK(r.sql == std::vector<std::string>{"DROP TABLE \"posts\""});
  CHECK(r.warnings.empty());
}

TEST_CASE("sqlite renames a table from a hint and keeps rows and references") {
  seeded_blog t;
  auto target = blog();
  target.tables[0].name = "members";
  target.tables[0].renamed_from = "users";
  target.tables[0].indexes[0].name = "users_email_key";
  target.tables[1].foreign_keys[0].referenced_table = "members";
  target.tables[1].foreign_keys[0].name = "posts_author_id_fkey";
  auto r = push_checked(t, target);
  CHECK(r.sql.front() == "ALTER TABLE \"users\" RENAME TO \"members\"");
  CHECK(count(t.conn, "SELECT count(*) FROM posts JOIN members ON members.id = posts.author_id") == 4);
  CHECK_THROWS(t.conn.exec("INSERT INTO posts (author_id, title) VALUES (42, 'x')"));
}

TEST_CASE("sqlite a UNIQUE written inline by hand reads back under the generated name and drops by redefinition") {
  temp_db t;
  t.conn.exec("CREATE TABLE m (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL UNIQUE)");
  t.conn.exec("INSERT INTO m (code) VALUES ('a'), ('b')");
  auto target = sch({tbl("m", {id_col("id", "INTEGER"), col("code", "TEXT")})});
  target.tables[0].indexes.push_back(unique_index({"code"}));
  CHECK(db::plan(t.conn, target).empty());
  target.tables[0].indexes.clear();
  auto r = push_checked(t, target);
  CHECK(has_statement_starting(r.sql, "CREATE TABLE \"dbpush_new_m\""));
  t.conn.exec("INSERT INTO m (code) VALUES ('a')");
  CHECK(count(t.conn, "SELECT count(*) FROM m") == 3);
}

TEST_CASE("sqlite drops a foreign key by redefinition; rows that would now be orphans are allowed") {
  seeded_blog t;
  auto target = blog();
  target.tables[1].foreign_keys.clear();
  auto r = push_checked(t, target);
  CHECK(has_statement_starting(r.sql, "CREATE TABLE \"dbpush_new_posts\""));
  CHECK(r.warnings.empty());
  t.conn.exec("INSERT INTO posts (author_id, title) VALUES (42, 'no parent')");
  CHECK(count(t.conn, "SELECT count(*) FROM posts") == 5);
}

TEST_CASE("sqlite enum columns: added in place with a default, text turned enum counted, enum dropped") {
  seeded_blog t;
  auto role = col("role", "TEXT", false, "'member'");
  role.enum_type = "Role";
  auto target = blog();
  target.tables[0].columns.push_back(role);
  target.enums = {{"Role", {"member", "admin"}}};
  auto r = push_checked(t, target);
  CHECK(r.sql == std::vector<std::string>{"ALTER TABLE \"users\" ADD COLUMN \"role\" TEXT NOT NULL DEFAULT 'member' "
                                          "CONSTRAINT \"dbpush_enum:Role\" CHECK (\"role\" IN ('member', 'admin'))"});
  CHECK(rows(t.conn, "SELECT DISTINCT role FROM users") == std::vector<std::string>{"'member'"});

  // An enum's column dropped with the enum: the CHECK goes with a redefinition.
  auto plain = blog();
  plain.tables[0].columns.push_back(col("role", "TEXT", false, "'member'"));
  auto dropped = push_checked(t, plain);
  CHECK(has_statement_starting(dropped.sql, "CREATE TABLE \"dbpush_new_users\""));
  t.conn.exec("UPDATE users SET role = 'owner' WHERE id = 3");

  // Back to the enum: 'owner' is not one of its values.
  auto e = refused<db::unexecutable_error>(t, target, accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) ==
        "Changed the column `role` on the `users` table to the enum `Role`, but 1 non-null value is not a value of "
        "`Role`.");
  t.conn.exec("UPDATE users SET role = 'admin' WHERE id = 3");
  push_checked(t, target);
  CHECK(rows(t.conn, "SELECT role FROM users ORDER BY id") == std::vector<std::string>{"'member'", "'member'", "'admin'"});
}

TEST_CASE("sqlite new primary key over NULLs is refused with the count") {
  temp_db t;
  auto target = sch({tbl("m", {col("a", "INTEGER"), col("b", "TEXT", true)}, {"a"})});
  push_checked(t, target);
  t.conn.exec("INSERT INTO m VALUES (1, 'x'), (2, NULL)");
  auto rekeyed = target;
  rekeyed.tables[0].primary_key = {"b"};
  auto e = refused<db::unexecutable_error>(t, rekeyed, accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) ==
        "The primary key of table `m` (columns `b`) cannot be created: 1 row has NULL values in its columns.");
}

TEST_CASE("sqlite self-references, composite keys and foreign key cycles survive redefinitions") {
  temp_db t;
  auto node = tbl("node", {id_col("id", "INTEGER"), col("parent_id", "INTEGER", true), col("label", "TEXT")});
  node.foreign_keys.push_back(references({"parent_id"}, "node", {"id"}, db::referential_action::cascade));
  auto pair = tbl("pair", {col("a", "INTEGER"), col("b", "INTEGER"), col("other_id", "INTEGER", true)}, {"a", "b"});
  auto link = tbl("link", {id_col("id", "INTEGER"), col("a", "INTEGER"), col("b", "INTEGER")});
  link.foreign_keys.push_back(references({"a", "b"}, "pair", {"a", "b"}));
  auto other = tbl("other", {id_col("id", "INTEGER"), col("pair_a", "INTEGER", true), col("pair_b", "INTEGER", true)});
  other.foreign_keys.push_back(references({"pair_a", "pair_b"}, "pair", {"a", "b"}));
  pair.foreign_keys.push_back(references({"other_id"}, "other", {"id"}));  // a cycle: pair <-> other
  auto target = sch({node, pair, link, other});
  push_checked(t, target);
  t.conn.exec("INSERT INTO node (id, parent_id, label) VALUES (1, NULL, 'root'), (2, 1, 'child')");
  t.conn.exec("INSERT INTO pair VALUES (1, 1, NULL); INSERT INTO other (pair_a, pair_b) VALUES (1, 1);"
              "UPDATE pair SET other_id = 1; INSERT INTO link (a, b) VALUES (1, 1)");

  auto changed = target;
  changed.tables[0].columns[2].default_sql = "'?'";  // redefines node (self-reference)
  changed.tables[1].columns[2].nullable = false;     // redefines pair (parent of link and other, child of other)
  changed.tables[3].columns[1].type = "BIGINT";      // redefines other
  auto r = push_checked(t, changed);
  CHECK(r.warnings.empty());
  CHECK(rows(t.conn, "PRAGMA foreign_key_check").empty());
  t.conn.exec("DELETE FROM node WHERE id = 1");
  CHECK(count(t.conn, "SELECT count(*) FROM node") == 0);
  CHECK_THROWS(t.conn.exec("INSERT INTO link (a, b) VALUES (9, 9)"));
}

TEST_CASE("sqlite renames a table and changes it in the same push") {
  seeded_blog t;
  auto target = blog();
  target.tables[1].name = "articles";
  target.tables[1].renamed_from = "posts";
  target.tables[1].indexes[0].name = "articles_author_id_idx";
  target.tables[1].foreign_keys[0].name = "articles_author_id_fkey";
  target.tables[1].columns[2].nullable = true;
  auto r = push_checked(t, target);
  // The renamed index gives its name up before anything else; the rebuild creates it anew.
  REQUIRE(r.sql.size() > 2);
  CHECK(r.sql[0] == "DROP INDEX \"posts_author_id_idx\"");
  CHECK(r.sql[1] == "ALTER TABLE \"posts\" RENAME TO \"articles\"");
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'posts_author_id_idx'") == 0);
  CHECK(has_statement_starting(r.sql, "INSERT INTO \"dbpush_new_articles\""));
  CHECK(rows(t.conn, "SELECT id, author_id, title FROM articles ORDER BY id") ==
        std::vector<std::string>{"1|1|'a'", "2|1|'b'", "3|2|'c'", "4|3|'d'"});
}

TEST_CASE("sqlite foreign key to a table created in the same push: refused over non-NULL values, fine over NULLs") {
  temp_db t;
  auto target = blog();
  target.tables[0].columns.push_back(col("team_id", "INTEGER", true));
  push_checked(t, target);
  seed_blog(t.conn);
  t.conn.exec("UPDATE users SET team_id = 7 WHERE id = 1");
  auto with_teams = target;
  with_teams.tables.push_back(tbl("teams", {id_col("id", "INTEGER")}));
  with_teams.tables[0].foreign_keys.push_back(references({"team_id"}, "teams", {"id"}));
  auto e = refused<db::unexecutable_error>(t, with_teams, accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) ==
        "The foreign key `users_team_id_fkey` on table `users` cannot be added: 1 row of `users` references no row of "
        "`teams`.");
  t.conn.exec("UPDATE users SET team_id = NULL");
  push_checked(t, with_teams);
  CHECK(count(t.conn, "SELECT count(*) FROM posts JOIN users ON users.id = posts.author_id") == 4);
}

TEST_CASE("sqlite an index name moves to another table in one push, whatever happens to either table") {
  // Index names are one namespace per database: the table that gives the name
  // up must lose it before the one that takes it builds its index.
  struct spelling {
    std::string name;
    bool giver_dropped;      // a's table goes (else a stays, without the index)
    bool giver_redefined;    // a stays and is rebuilt (a column's type changes)
    bool taker_created;      // the index goes to a new table c (else to b, kept)
    bool taker_redefined;    // b is rebuilt
    bool unique;
    std::string giver = "a";  // "z": the giver comes after the taker in the target's order
  };
  const std::vector<spelling> spellings{
      {"from a dropped table to a created one", true, false, true, false, false},
      {"from a dropped table to a created one, unique", true, false, true, false, true},
      {"from a dropped table to a rebuilt one", true, false, false, true, false},
      {"from a dropped table to a kept one", true, false, false, false, true},
      {"from a rebuilt table to a created one", false, true, true, false, false},
      {"from a rebuilt table to a rebuilt one", false, true, false, true, true},
      {"from a rebuilt table to a rebuilt one before it", false, true, false, true, true, "z"},
      {"from a rebuilt table to a created one before it", false, true, true, false, false, "z"},
      {"from a kept table to a rebuilt one", false, false, false, true, false},
      {"from a kept table to a created one", false, false, true, false, true},
  };
  auto moves = [](const spelling& s) {
    temp_db t;
    auto a = tbl(s.giver, {col("x", "TEXT")}, {});
    a.indexes.push_back(s.unique ? unique_index({"x"}, "i") : plain_index({"x"}, "i"));
    auto b = tbl("b", {col("y", "TEXT")}, {});
    push_checked(t, sch({a, b}));
    t.conn.exec("INSERT INTO " + s.giver + " VALUES ('1'), ('2'); INSERT INTO b VALUES ('3')");

    a.indexes.clear();
    if (s.giver_redefined) a.columns[0].type = "INTEGER";
    auto taker = s.taker_created ? tbl("c", {col("y", "TEXT")}, {}) : b;
    if (s.taker_redefined) taker.columns[0].type = "INTEGER";
    taker.indexes.push_back(s.unique ? unique_index({"y"}, "i") : plain_index({"y"}, "i"));
    std::vector<db::table> tables;
    if (!s.giver_dropped) tables.push_back(a);
    tables.push_back(taker);
    if (s.taker_created) tables.push_back(b);
    push_checked(t, sch(tables), accepting());
    CHECK(rows(t.conn, "SELECT tbl_name FROM sqlite_schema WHERE name = 'i'") ==
          std::vector<std::string>{"'" + taker.name + "'"});
    CHECK(count(t.conn, "SELECT count(*) FROM b") == 1);
  };
  for (const auto& s : spellings) {
    CAPTURE(s.name);
    CHECK_NOTHROW(moves(s));
  }
}
