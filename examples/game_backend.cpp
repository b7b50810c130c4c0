// dbpush for a game: the save store is a SQLite file next to the game. Each
// release pushes its models at start-up; a release that would drop data the
// players made decides in code what to do about it, then pushes.
//   game_backend [save file, default saves.db]
#include "game_models.hpp"

#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

long long count(SQLite::Database& saves, const std::string& sql) { return saves.execAndGet(sql).getInt64(); }

// Release 2 drops `players.motto`. The game keeps the mottos in its log (a
// real game might move them elsewhere first), then accepts exactly that loss;
// any other warning means the release is wrong, and the push stays refused.
db::push_result upgrade_to_release_2(SQLite::Database& saves) {
  try {
    return db::push<game::v2::Player, game::v2::Item, game::v2::Guild, game::v2::Membership>(saves);
  } catch (const db::data_loss_error& e) {
    for (const db::finding& w : e.warnings())
      if (w.table != "players" || w.column != "motto") throw;
    SQLite::Statement mottos(saves, "SELECT name, motto FROM players WHERE motto IS NOT NULL");
    while (mottos.executeStep())
      std::cout << "archived motto of " << mottos.getColumn(0).getString() << ": " << mottos.getColumn(1).getString() << '\n';
    return db::push<game::v2::Player, game::v2::Item, game::v2::Guild, game::v2::Membership>(
        saves, {.accept_data_loss = true});
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "saves.db";
  std::remove(path.c_str());
  SQLite::Database saves(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  saves.exec("PRAGMA foreign_keys = ON");

  // Release 1.
  std::cout << db::push<game::v1::Player, game::v1::Item, game::v1::Guild, game::v1::Membership>(saves) << "\n\n";
  saves.exec(
      "INSERT INTO players (name, level, motto) VALUES ('ada', 12, 'never lose a save'), ('bob', 3, NULL);"
      "INSERT INTO items (owner_id, kind, label) VALUES (1, 'weapon', 'rusty sword'), (1, 'potion', 'red flask'),"
      " (2, 'armor', 'leather vest');"
      "INSERT INTO guilds (name) VALUES ('cartographers');"
      "INSERT INTO memberships (player_id, guild_id) VALUES (1, 1), (2, 1);");

  // Release 2: refused at first (the mottos hold data), handled, pushed.
  const db::push_result upgraded = upgrade_to_release_2(saves);
  std::cout << upgraded << "\n\n";
  saves.exec("INSERT INTO items (owner_id, kind, label) VALUES (2, 'scroll', 'map of the north')");

  // Every save survived: players (renamed column, values kept), items, memberships.
  const bool kept = count(saves, "SELECT count(*) FROM players WHERE nickname IN ('ada', 'bob') AND xp = 0") == 2 &&
                    count(saves, "SELECT count(*) FROM items") == 4 &&
                    count(saves, "SELECT count(*) FROM memberships WHERE officer = 0") == 2 &&
                    upgraded.warnings.size() == 1;
  std::cout << (kept ? "game_backend: ok, every save kept" : "game_backend: FAILED") << '\n';
  return kept ? 0 : 1;
}
