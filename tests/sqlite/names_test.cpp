// Names on SQLite: names that differ only in ASCII case are one object (a
// database made by another tool keeps its rows and takes the models'
// spelling), and generated index and foreign key names follow renames, so a
// renamed database ends as a fresh push of the target would make it.
#include "sqlite/fixture.hpp"
#include "support/renames.hpp"

#include <cctype>
#include <functional>
#include <string>
#include <vector>

using namespace sqlite_test;
using test_renames::rename_column;
using test_renames::rename_table;
using test_renames::steps_of;

namespace {

// The league of support/renames.hpp, players' id AUTOINCREMENT.
db::schema league() {
  auto teams = tbl("teams", {col("id", "INTEGER"), col("name", "TEXT")});
  teams.indexes.push_back(unique_index({"name"}));
  auto players = tbl("players", {id_col("id", "INTEGER"), col("name", "TEXT"), col("team_id", "INTEGER", true),
                                   col("rank", "INTEGER", true)});
  players.indexes = {plain_index({"rank"}), unique_index({"team_id", "rank"})};
  players.foreign_keys.push_back(references({"team_id"}, "teams", {"id"}));
  auto rounds = tbl("rounds", {col("season", "INTEGER"), col("round", "INTEGER")}, {"season", "round"});
  auto games = tbl("games", {col("id", "INTEGER"), col("season", "INTEGER"), col("round", "INTEGER")});
  games.indexes.push_back(plain_index({"season", "round"}));
  games.foreign_keys.push_back(references({"season", "round"}, "rounds", {"season", "round"}));
  return sch({teams, players, rounds, games});
}

void seed_league(SQLite::Database& db, const std::string& players = "players", const std::string& name = "name") {
  db.exec("INSERT INTO teams (id, name) VALUES (1, 'red'), (2, 'blue')");
  db.exec("INSERT INTO " + players + " (" + name + ", team_id, rank) VALUES ('ann', 1, 1), ('bob', 1, 2), ('cid', 2, 1)");
  db.exec("INSERT INTO rounds (season, round) VALUES (2024, 1), (2024, 2)");
  db.exec("INSERT INTO games (id, season, round) VALUES (1, 2024, 1), (2, 2024, 2)");
}

// Every row of the league, read through the models' names.
std::vector<std::string> league_rows(SQLite::Database& db, const std::string& players = "players",
                                     const std::string& name = "name", const std::string& team_id = "team_id") {
  auto out = rows(db, "SELECT id, name FROM teams ORDER BY id");
  for (auto& r : rows(db, "SELECT id, " + name + ", " + team_id + ", rank FROM " + players + " ORDER BY id"))
    out.push_back(r);
  for (auto& r : rows(db, "SELECT season, round FROM rounds ORDER BY round")) out.push_back(r);
  for (auto& r : rows(db, "SELECT id, season, round FROM games ORDER BY id")) out.push_back(r);
  return out;
}

const std::vector<std::string> seeded_rows{"1|'red'",      "2|'blue'",  "1|'ann'|1|1", "2|'bob'|1|2", "3|'cid'|2|1",
                                           "2024|1",       "2024|2",    "1|2024|1",    "2|2024|2"};

// The spelling another tool gave each kind of name.
struct spelling {
  const char* what;
  std::function<std::string(std::string)> table, column, column_use, index, foreign_key, referenced_table,
      referenced_column;
};

std::string as_is(std::string s) { return s; }
std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}
std::string alternating(std::string s) {
  for (std::size_t i = 0; i < s.size(); i += 2) s[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
  return s;
}

// The league as another tool wrote it, each name spelt by `sp` (declarations
// by `column`, the key, index and foreign key lists by `column_use`).
std::vector<std::string> league_ddl(const spelling& sp) {
  auto q = [](const std::string& s) { return "\"" + s + "\""; };
  auto t = [&](const char* n) { return q(sp.table(n)); };
  auto c = [&](const char* n) { return q(sp.column(n)); };
  auto u = [&](const char* n) { return q(sp.column_use(n)); };
  auto i = [&](const char* n) { return q(sp.index(n)); };
  auto f = [&](const char* n) { return q(sp.foreign_key(n)); };
  auto rt = [&](const char* n) { return q(sp.referenced_table(n)); };
  auto rc = [&](const char* n) { return q(sp.referenced_column(n)); };
  return {
      "CREATE TABLE " + t("teams") + " (" + c("id") + " INTEGER NOT NULL PRIMARY KEY, " + c("name") + " TEXT NOT NULL)",
      "CREATE UNIQUE INDEX " + i("teams_name_key") + " ON " + t("teams") + " (" + u("name") + ")",
      "CREATE TABLE " + t("players") + " (" + c("id") + " INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, " + c("name") +
          " TEXT NOT NULL, " + c("team_id") + " INTEGER, " + c("rank") + " INTEGER, CONSTRAINT " +
          f("players_team_id_fkey") + " FOREIGN KEY (" + u("team_id") + ") REFERENCES " + rt("teams") + " (" +
          rc("id") + "))",
      "CREATE INDEX " + i("players_rank_idx") + " ON " + t("players") + " (" + u("rank") + ")",
      "CREATE UNIQUE INDEX " + i("players_team_id_rank_key") + " ON " + t("players") + " (" + u("team_id") + ", " +
          u("rank") + ")",
      "CREATE TABLE " + t("rounds") + " (" + c("season") + " INTEGER NOT NULL, " + c("round") +
          " INTEGER NOT NULL, PRIMARY KEY (" + u("season") + ", " + u("round") + "))",
      "CREATE TABLE " + t("games") + " (" + c("id") + " INTEGER NOT NULL PRIMARY KEY, " + c("season") +
          " INTEGER NOT NULL, " + c("round") + " INTEGER NOT NULL, CONSTRAINT " + f("games_season_round_fkey") +
          " FOREIGN KEY (" + u("season") + ", " + u("round") + ") REFERENCES " + rt("rounds") + " (" + rc("season") +
          ", " + rc("round") + "))",
      "CREATE INDEX " + i("games_season_round_idx") + " ON " + t("games") + " (" + u("season") + ", " + u("round") +
          ")",
  };
}

const std::vector<spelling>& spellings() {
  static const std::vector<spelling> all{
      {"as the models spell them", as_is, as_is, as_is, as_is, as_is, as_is, as_is},
      {"tables in upper case", upper, as_is, as_is, as_is, as_is, upper, as_is},
      {"tables capitalised, references as the models spell them", capitalised, as_is, as_is, as_is, as_is, as_is,
       as_is},
      {"columns capitalised, used in upper case", as_is, capitalised, upper, as_is, as_is, as_is, capitalised},
      {"columns in upper case, referenced in lower case", as_is, upper, as_is, as_is, as_is, as_is, as_is},
      {"index names in upper case", as_is, as_is, as_is, upper, as_is, as_is, as_is},
      {"foreign key names capitalised", as_is, as_is, as_is, as_is, capitalised, as_is, as_is},
      {"referenced tables and columns in upper case", as_is, as_is, as_is, as_is, as_is, upper, upper},
      {"everything in upper case", upper, upper, upper, upper, upper, upper, upper},
      {"everything alternating", alternating, alternating, upper, alternating, alternating, capitalised, upper},
  };
  return all;
}

// Names of tables and indexes in sqlite_schema spelt otherwise than in lower case.
std::vector<std::string> names_not_lower(SQLite::Database& db) {
  return rows(db, "SELECT name FROM sqlite_schema WHERE name <> lower(name) OR tbl_name <> lower(tbl_name)");
}

}  // namespace

TEST_CASE("sqlite a league made by another tool in any case keeps its rows and takes the models' spelling") {
  for (const auto& sp : spellings()) {
    CAPTURE(std::string(sp.what));
    temp_db t;
    t.conn.exec("PRAGMA foreign_keys = ON");
    for (const auto& statement : league_ddl(sp)) t.conn.exec(statement);
    seed_league(t.conn);
    // AUTOINCREMENT's high-water mark (4) above the largest id (3).
    t.conn.exec("INSERT INTO players (id, name) VALUES (4, 'gone')");
    t.conn.exec("DELETE FROM players WHERE id = 4");
    const auto r = push_checked(t, league());  // no data loss to accept
    CHECK(r.warnings.empty());
    CHECK(steps_of(r.steps, {db::step_kind::drop_table, db::step_kind::create_table, db::step_kind::drop_column,
                             db::step_kind::add_column, db::step_kind::alter_primary_key})
              .empty());
    CHECK(league_rows(t.conn) == seeded_rows);
    CHECK(names_not_lower(t.conn).empty());
    CHECK(rows(t.conn, "PRAGMA foreign_key_check").empty());
    // AUTOINCREMENT continues after its high-water mark; references are enforced.
    t.conn.exec("INSERT INTO players (name, team_id) VALUES ('dan', 2)");
    CHECK(count(t.conn, "SELECT max(id) FROM players") == 5);
    CHECK_THROWS(t.conn.exec("INSERT INTO players (name, team_id) VALUES ('eve', 9)"));
    CHECK_THROWS(t.conn.exec("INSERT INTO games (id, season, round) VALUES (3, 2025, 1)"));
    CHECK_THROWS(t.conn.exec("INSERT INTO teams (id, name) VALUES (3, 'red')"));
  }
}

TEST_CASE("sqlite the issue's Users table: only the new column is added, the rows stay") {
  temp_db t;
  t.conn.exec("CREATE TABLE \"Users\" (id INTEGER NOT NULL PRIMARY KEY, \"Name\" TEXT)");
  t.conn.exec("INSERT INTO \"Users\" (\"Name\") VALUES ('Ada'), ('Bob')");
  const auto target = sch({tbl("users", {col("id", "INTEGER"), col("name", "TEXT", true),
                                                 col("email", "TEXT", true)})});
  const auto r = push_checked(t, target);
  std::vector<std::string> described;
  for (const auto& s : r.steps) described.push_back(s.describe());
  CHECK(described == std::vector<std::string>{"Renamed table `Users` to `users`",
                                              "Renamed column `Name` to `name` in table `users`",
                                              "Added column `email` to table `users`"});
  CHECK(r.sql == std::vector<std::string>{"ALTER TABLE \"Users\" RENAME TO \"dbpush_new_users\"",
                                          "ALTER TABLE \"dbpush_new_users\" RENAME TO \"users\"",
                                          "ALTER TABLE \"users\" RENAME COLUMN \"Name\" TO \"name\"",
                                          "ALTER TABLE \"users\" ADD COLUMN \"email\" TEXT"});
  CHECK(rows(t.conn, "SELECT id, name, email FROM users ORDER BY id") ==
        std::vector<std::string>{"1|'Ada'|NULL", "2|'Bob'|NULL"});
}

TEST_CASE("sqlite the data-loss checks count the rows of a table spelt otherwise") {
  temp_db t;
  t.conn.exec("CREATE TABLE \"Users\" (id INTEGER NOT NULL PRIMARY KEY, \"Name\" TEXT)");
  t.conn.exec("INSERT INTO \"Users\" (\"Name\") VALUES ('Ada'), (NULL)");
  auto target = sch({tbl("users", {col("id", "INTEGER"), col("name", "TEXT", true), col("age", "INTEGER")})});
  auto e = refused<db::unexecutable_error>(t, target, accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) ==
        "Added the required column `age` to the `users` table without a default value. There are 2 rows in this "
        "table, it is not possible to execute this step.");
  target.tables[0].columns[2].nullable = true;
  target.tables[0].columns[1].nullable = false;
  e = refused<db::unexecutable_error>(t, target, accepting());
  REQUIRE(e);
  REQUIRE(e->findings().size() == 1);
  CHECK(e->findings()[0].table == "users");
  CHECK(e->findings()[0].column == "name");
  CHECK(e->findings()[0].count == 1);  // the NULLs of "Users"."Name"
}

TEST_CASE("sqlite a case-only rename mixes with renamed_from hints in any spelling") {
  temp_db t;
  for (const auto& statement : league_ddl(spellings()[8])) t.conn.exec(statement);  // everything in upper case
  seed_league(t.conn);
  auto target = league();
  auto& gamers = target.tables[1];
  gamers.name = "gamers";
  gamers.renamed_from = "Players";  // the database says PLAYERS
  gamers.columns[1].name = "handle";
  gamers.columns[1].renamed_from = "name";  // the database says NAME
  target.tables[0].renamed_from = "squads";  // a stale hint: teams is kept as itself
  push_checked(t, target);
  CHECK(league_rows(t.conn, "gamers", "handle") == seeded_rows);
  CHECK(names_not_lower(t.conn).empty());
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'gamers_rank_idx'") == 1);
}

TEST_CASE("sqlite a table dbpush made in another case takes the models' spelling and the fast path after") {
  temp_db t;
  auto capital = league();
  for (auto& table : capital.tables) {
    table.name = capitalised(table.name);
    for (auto& fk : table.foreign_keys) fk.referenced_table = capitalised(fk.referenced_table);
  }
  push_checked(t, capital);
  seed_league(t.conn);
  push_checked(t, league());
  CHECK(league_rows(t.conn) == seeded_rows);
  // Every CREATE text now is the one dbpush renders for the models: the next
  // push ends at the comparison of texts, without introspecting.
  statement_log log(t.conn);
  CHECK(db::push(t.conn, league()).steps.empty());
  CHECK_FALSE(log.introspected());
}

TEST_CASE("sqlite refuses a target naming two tables, columns or indexes alike but for case") {
  seeded_blog t;
  auto two_tables = blog();
  two_tables.tables.push_back(tbl("Users", {id_col("id", "INTEGER")}));
  auto two_columns = blog();
  two_columns.tables[0].columns.push_back(col("EMAIL", "TEXT", true));
  auto two_indexes = blog();
  two_indexes.tables[0].indexes.push_back(plain_index({"name"}, "Users_Email_Key"));
  const std::vector<std::pair<db::schema, std::string>> refusals{
      {two_tables, "two tables are named `users` and `Users`"},
      {two_columns, "table `users` has two columns named `email` and `EMAIL`"},
      {two_indexes, "two indexes are named `Users_Email_Key` and `users_email_key`"},
  };
  for (const auto& [target, problem] : refusals) {
    const auto e = refused<db::error>(t, target);
    REQUIRE(e);
    CHECK(std::string(e->what()) == "dbpush: the target schema is not valid; nothing was changed:\n  - " + problem +
                                        ", which the database takes for one name (it ignores the case of ASCII letters)");
  }
}

namespace {

// sqlite_schema as a push of `target` into an empty database leaves it.
std::vector<std::string> fresh_catalog(const db::schema& target) {
  temp_db fresh;
  db::push(fresh.conn, target);
  return rows(fresh.conn, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
}

std::vector<std::string> texts(SQLite::Database& db, const std::string& query) {
  std::vector<std::string> out;
  SQLite::Statement q(db, query);
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

}  // namespace

TEST_CASE("sqlite generated names follow table and column renames: the database equals a fresh one") {
  for (const auto& c : test_renames::league_renames()) {
    CAPTURE(std::string(c.what));
    temp_db t;
    t.conn.exec("PRAGMA foreign_keys = ON");
    push_checked(t, league());
    seed_league(t.conn);
    auto target = league();
    c.change(target);
    const auto r = push_checked(t, target);  // reads back under the target's generated names
    CHECK(r.warnings.empty());
    CHECK(rows(t.conn, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name") == fresh_catalog(target));
    CHECK(texts(t.conn, test_renames::qualified(c.read_back, "")) == c.rows);
    CHECK(rows(t.conn, "PRAGMA foreign_key_check").empty());
  }
}

TEST_CASE("sqlite an index or foreign key named by hand keeps its name through renames") {
  temp_db t;
  auto v1 = league();
  v1.tables[1].indexes[0].name = "rank_lookup";
  push_checked(t, v1);
  seed_league(t.conn);
  auto target = league();  // the models leave the names to dbpush
  rename_table(target, "players", "gamers");
  const auto r = db::push(t.conn, target);
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'rank_lookup' AND tbl_name = 'gamers'") == 1);
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'gamers_team_id_rank_key'") == 1);
  CHECK(db::push(t.conn, target).steps.empty());
  // A name the models choose replaces it.
  target.tables[1].indexes[0].name = "by_rank";
  target.tables[1].renamed_from.reset();
  push_checked(t, target);
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name IN ('rank_lookup', 'gamers_rank_idx')") == 0);
  CHECK(league_rows(t.conn, "gamers") == seeded_rows);
}

TEST_CASE("sqlite a foreign key written without a name follows its table's rename without a rebuild") {
  temp_db t;
  // A CHECK dbpush does not model: a rebuild would be refused.
  t.conn.exec("CREATE TABLE teams (id INTEGER NOT NULL PRIMARY KEY)");
  t.conn.exec("CREATE TABLE players (id INTEGER NOT NULL PRIMARY KEY CHECK (id > 0), team_id INTEGER "
              "REFERENCES teams (id), FOREIGN KEY (id) REFERENCES teams)");
  t.conn.exec("INSERT INTO teams (id) VALUES (1), (2)");
  t.conn.exec("INSERT INTO players (id, team_id) VALUES (1, 2)");
  auto target = sch({tbl("teams", {col("id", "INTEGER")}),
                           tbl("gamers", {col("id", "INTEGER"), col("squad_id", "INTEGER", true)})});
  target.tables[1].renamed_from = "players";
  target.tables[1].columns[1].renamed_from = "team_id";
  target.tables[1].foreign_keys = {references({"squad_id"}, "teams", {"id"}), references({"id"}, "teams", {"id"})};
  const auto r = push_checked(t, target);
  CHECK(r.sql == std::vector<std::string>{"ALTER TABLE \"players\" RENAME TO \"gamers\"",
                                          "ALTER TABLE \"gamers\" RENAME COLUMN \"team_id\" TO \"squad_id\""});
  std::vector<std::string> described;
  for (const auto& s : r.steps) described.push_back(s.describe());
  CHECK(described == std::vector<std::string>{
                         "Renamed table `players` to `gamers`", "Renamed column `team_id` to `squad_id` in table `gamers`",
                         "Renamed foreign key `players_id_fkey` to `gamers_id_fkey` on table `gamers`",
                         "Renamed foreign key `players_team_id_fkey` to `gamers_squad_id_fkey` on table `gamers`"});
  CHECK(rows(t.conn, "SELECT id, squad_id FROM gamers") == std::vector<std::string>{"1|2"});
}

TEST_CASE("sqlite an inline UNIQUE follows its table's rename without a rebuild") {
  temp_db t;
  t.conn.exec("CREATE TABLE players (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
  t.conn.exec("INSERT INTO players (name) VALUES ('ann'), ('bob')");
  auto target = sch({tbl("gamers", {col("id", "INTEGER"), col("handle", "TEXT")})});
  target.tables[0].renamed_from = "players";
  target.tables[0].columns[1].renamed_from = "name";
  target.tables[0].indexes.push_back(unique_index({"handle"}));
  const auto r = push_checked(t, target);
  CHECK(r.sql == std::vector<std::string>{"ALTER TABLE \"players\" RENAME TO \"gamers\"",
                                          "ALTER TABLE \"gamers\" RENAME COLUMN \"name\" TO \"handle\""});
  CHECK(rows(t.conn, "SELECT handle FROM gamers ORDER BY id") == std::vector<std::string>{"'ann'", "'bob'"});
}
