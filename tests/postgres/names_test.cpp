// Names on PostgreSQL: generated index, unique, foreign key and primary key
// names follow table and column renames in place (ALTER INDEX / RENAME
// CONSTRAINT), so a renamed database has the catalog of a fresh push; names
// chosen in the database stay; quoted names stay case-sensitive.
#include "postgres/pg_fixture.hpp"
#include "support/renames.hpp"

#include <functional>
#include <string>
#include <vector>

using namespace pgtest;
using test_renames::rename_column;
using test_renames::rename_table;

namespace {

db::index unique_on(std::vector<std::string> columns, std::string name = {}) {
  return {std::move(name), std::move(columns), true, std::nullopt, false};
}
db::index plain_on(std::vector<std::string> columns, std::string name = {}) {
  return {std::move(name), std::move(columns), false, std::nullopt, false};
}
db::foreign_key references(std::vector<std::string> columns, std::string parent, std::vector<std::string> parent_columns) {
  return {"", std::move(columns), std::move(parent), std::move(parent_columns), {}, {}};
}

// The league of support/renames.hpp, every id an identity.
db::schema league() {
  auto teams = tbl("teams", {id_col(), col("name", "text")});
  teams.indexes.push_back(unique_on({"name"}));
  auto players = tbl("players", {id_col(), col("name", "text"), col("team_id", "bigint", true), col("rank", "integer", true)});
  players.indexes = {plain_on({"rank"}), unique_on({"team_id", "rank"})};
  players.foreign_keys.push_back(references({"team_id"}, "teams", {"id"}));
  auto rounds = tbl("rounds", {col("season", "integer"), col("round", "integer")}, {"season", "round"});
  auto games = tbl("games", {id_col(), col("season", "integer"), col("round", "integer")});
  games.indexes.push_back(plain_on({"season", "round"}));
  games.foreign_keys.push_back(references({"season", "round"}, "rounds", {"season", "round"}));
  db::schema s;
  s.tables = {teams, players, rounds, games};
  return s;
}

void seed_league(fixture& f) {
  f.exec("INSERT INTO " + f.q("teams") + " (id, name) VALUES (1, 'red'), (2, 'blue')");
  f.exec("INSERT INTO " + f.q("players") + " (id, name, team_id, rank) VALUES (1, 'ann', 1, 1), (2, 'bob', 1, 2), "
         "(3, 'cid', 2, 1)");
  f.exec("INSERT INTO " + f.q("rounds") + " (season, round) VALUES (2024, 1), (2024, 2)");
  f.exec("INSERT INTO " + f.q("games") + " (id, season, round) VALUES (1, 2024, 1), (2, 2024, 2)");
}

// Every index and constraint of the fixture's schema, by table: what a fresh
// push of the same target must show too.
std::vector<std::string> catalog_names(fixture& f) {
  const auto schema = f.conn.quote(f.name);
  auto out = f.column_of("SELECT 'index ' || tablename || ' ' || indexname FROM pg_indexes WHERE schemaname = " +
                         schema + " ORDER BY 1");
  for (auto& c : f.column_of("SELECT 'constraint ' || cl.relname || ' ' || con.conname || ' ' || con.contype::text "
                             "FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid "
                             "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = " +
                             schema + " ORDER BY 1"))
    out.push_back(c);
  return out;
}

}  // namespace

TEST_CASE("generated names follow table and column renames: the catalog equals a fresh push's") {
  for (const auto& c : test_renames::league_renames()) {
    CAPTURE(std::string(c.what));
    fixture f;
    f.push(league());
    seed_league(f);
    auto target = league();
    c.change(target);
    const auto r = f.push(target);
    CHECK(r.warnings.empty());
    // Renamed in place: nothing dropped or created.
    for (const auto& statement : f.sql) {
      CAPTURE(statement);
      CHECK(statement.find("DROP ") == std::string::npos);
      CHECK(statement.find("CREATE ") == std::string::npos);
      CHECK(statement.find("ADD ") == std::string::npos);
    }
    fixture fresh;
    fresh.push(target);
    CHECK(catalog_names(f) == catalog_names(fresh));
    CHECK(f.live() == fresh.live());
    CHECK(f.column_of(test_renames::qualified(c.read_back, f.conn.quote_name(f.name) + ".")) == c.rows);
    f.check_idempotent(target);
  }
}

TEST_CASE("the primary key renamed with its table keeps a key the push replaces as PostgreSQL names it") {
  fixture f;
  f.push(league());
  auto target = league();
  rename_table(target, "games", "matches");
  target.tables[3].primary_key = {"id", "season"};
  f.push(target);
  CHECK(f.count("SELECT count(*) FROM pg_constraint WHERE conname = 'matches_pkey'") == 1);
  CHECK(f.count("SELECT count(*) FROM pg_constraint WHERE conname = 'games_pkey'") == 0);
  f.check_idempotent(target);
}

TEST_CASE("names trading places are renamed through temporary names") {
  fixture f;
  f.push(league());
  seed_league(f);
  // The index on rank takes the unique one's name, which takes another.
  auto target = league();
  target.tables[1].indexes[0].name = "players_team_id_rank_key";
  target.tables[1].indexes[1].name = "players_by_team";
  const auto r = f.push(target);
  CHECK(f.sql == std::vector<std::string>{
                     "ALTER INDEX " + f.q("players_rank_idx") + " RENAME TO \"dbpush_renaming_0\"",
                     "ALTER INDEX " + f.q("players_team_id_rank_key") + " RENAME TO \"dbpush_renaming_1\"",
                     "ALTER INDEX " + f.q("dbpush_renaming_0") + " RENAME TO \"players_team_id_rank_key\"",
                     "ALTER INDEX " + f.q("dbpush_renaming_1") + " RENAME TO \"players_by_team\""});
  CHECK(f.count("SELECT count(*) FROM pg_indexes WHERE schemaname = " + f.conn.quote(f.name) +
                " AND indexname = 'players_by_team' AND indexdef LIKE 'CREATE UNIQUE INDEX%'") == 1);
  f.check_idempotent(target);
}

TEST_CASE("an index or foreign key named by hand keeps its name through renames") {
  fixture f;
  auto v1 = league();
  v1.tables[1].indexes[0].name = "rank_lookup";
  v1.tables[1].foreign_keys[0].name = "player_team";
  f.push(v1);
  auto target = league();  // the models leave the names to dbpush
  rename_table(target, "players", "gamers");
  f.push(target);
  CHECK(f.count("SELECT count(*) FROM pg_indexes WHERE schemaname = " + f.conn.quote(f.name) +
                " AND tablename = 'gamers' AND indexname IN ('rank_lookup', 'gamers_team_id_rank_key')") == 2);
  CHECK(f.count("SELECT count(*) FROM pg_constraint WHERE conname = 'player_team'") == 1);
  CHECK(f.push(target).steps.empty());
}

TEST_CASE("PostgreSQL keeps quoted names case-sensitive: Users and users are two tables") {
  fixture f;
  f.exec("CREATE TABLE " + f.q("Users") + " (id bigint PRIMARY KEY, \"Name\" text)");
  f.exec("INSERT INTO " + f.q("Users") + " VALUES (1, 'Ada')");
  db::schema target;
  target.tables.push_back(tbl("users", {col("id", "bigint"), col("name", "text", true)}));
  const auto refusal = f.refused<db::data_loss_error>(target);
  CHECK(refusal.findings.size() == 1);
  CHECK(refusal.findings[0].message == "You are about to drop the `Users` table, which is not empty (1 row).");
  // Both spellings can live side by side.
  db::schema both = target;
  both.tables.push_back(tbl("Users", {col("id", "bigint"), col("Name", "text", true)}));
  f.push(both);
  f.check_idempotent(both);
}
