// The models of a small game's save store, in two versions: the examples
// game_backend (pushes one, then the other) and cli (the command line over
// the second) share them.
#pragma once

#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace game::v1 {
enum class ItemKind { weapon, armor, potion };
struct Player {
  std::int64_t id;
  std::string name;
  std::int64_t level;
  std::optional<std::string> motto;
};
struct Item {
  std::int64_t id;
  std::int64_t owner_id;
  ItemKind kind;
  std::string label;
};
struct Guild {
  std::int64_t id;
  std::string name;
};
struct Membership {  // players <-> guilds, many to many
  std::int64_t player_id;
  std::int64_t guild_id;
};
}  // namespace game::v1

namespace game::v2 {
enum class ItemKind { weapon, armor, potion, scroll };  // a new kind
struct Player {
  std::int64_t id;
  std::string nickname;  // was `name`: renamed, values kept
  std::int64_t level;
  std::int64_t xp;       // new, 0 for existing players
};                       // `motto` is gone
struct Item {
  std::int64_t id;
  std::int64_t owner_id;
  ItemKind kind;
  std::string label;
  std::optional<std::int64_t> durability;  // new, optional
};
struct Guild {
  std::int64_t id;
  std::string name;
};
struct Membership {
  std::int64_t player_id;
  std::int64_t guild_id;
  bool officer;  // new, false for existing members
};
}  // namespace game::v2

template <> struct db::model<game::v1::Player> {
  static constexpr auto table = "players";
  static constexpr auto fields = db::fields(db::field<&game::v1::Player::name>(db::unique));
};
template <> struct db::model<game::v1::Item> {
  static constexpr auto table = "items";
  static constexpr auto fields = db::fields(
      db::field<&game::v1::Item::owner_id>(db::references<&game::v1::Player::id>(db::on_delete::cascade)));
};
template <> struct db::model<game::v1::Guild> {
  static constexpr auto table = "guilds";
};
template <> struct db::model<game::v1::Membership> {
  static constexpr auto table = "memberships";
  static constexpr auto primary_key = db::primary_key_on<&game::v1::Membership::player_id, &game::v1::Membership::guild_id>();
  static constexpr auto fields = db::fields(
      db::field<&game::v1::Membership::player_id>(db::references<&game::v1::Player::id>(db::on_delete::cascade)),
      db::field<&game::v1::Membership::guild_id>(db::references<&game::v1::Guild::id>(db::on_delete::cascade)));
};

template <> struct db::model<game::v2::Player> {
  static constexpr auto table = "players";
  static constexpr auto fields = db::fields(db::field<&game::v2::Player::nickname>(db::unique, db::renamed_from("name")),
                                            db::field<&game::v2::Player::xp>(db::default_value(0)));
};
template <> struct db::model<game::v2::Item> {
  static constexpr auto table = "items";
  static constexpr auto fields = db::fields(
      db::field<&game::v2::Item::owner_id>(db::references<&game::v2::Player::id>(db::on_delete::cascade)));
};
template <> struct db::model<game::v2::Guild> {
  static constexpr auto table = "guilds";
};
template <> struct db::model<game::v2::Membership> {
  static constexpr auto table = "memberships";
  static constexpr auto primary_key = db::primary_key_on<&game::v2::Membership::player_id, &game::v2::Membership::guild_id>();
  static constexpr auto fields = db::fields(
      db::field<&game::v2::Membership::player_id>(db::references<&game::v2::Player::id>(db::on_delete::cascade)),
      db::field<&game::v2::Membership::guild_id>(db::references<&game::v2::Guild::id>(db::on_delete::cascade)),
      db::field<&game::v2::Membership::officer>(db::default_value(false)));
};
