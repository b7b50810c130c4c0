// The command line of the game's save store: `game-db push`, `plan`, `reset`,
// `diff --sql`, `schema` over the game's current models, on SQLite or
// PostgreSQL (docs/cli.md). After each push it refreshes the schema snapshot
// and the diagram next to the database, when GAME_DB_DOCS names a directory.
//   game-db push --url sqlite:saves.db
#include "game_models.hpp"

#include <dbpush/cli.hpp>
#include <dbpush/generators.hpp>

#include <cstdlib>
#include <filesystem>

int main(int argc, char** argv) {
  db::push_options options;
  if (const char* docs = std::getenv("GAME_DB_DOCS"))
    options.generators = {db::generators::sql_snapshot(std::filesystem::path(docs) / "schema.sql"),
                          db::generators::mermaid_erd(std::filesystem::path(docs) / "schema.md")};
  return db::cli::main<game::v2::Player, game::v2::Item, game::v2::Guild, game::v2::Membership>(argc, argv, options);
}
